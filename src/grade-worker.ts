// A worker thread of `grade --jobs N`: loads the rubric once, then grades the
// submissions it is sent and posts each result back with its index.
import { parentPort, workerData } from 'node:worker_threads';
import { gradeSubmission } from './batch.js';
import type { SubmissionFile } from './files.js';
import { loadRubric } from './rubric/load.js';

export interface WorkerJob {
  index: number;
  file: SubmissionFile;
}

const port = parentPort!;
const rubric = await loadRubric((workerData as { rubricFile: string }).rubricFile);
port.on('message', async (job: WorkerJob | null) => {
  if (job === null) {
    port.close();
    return;
  }
  port.postMessage({ index: job.index, result: await gradeSubmission(rubric, job.file) });
});
port.postMessage({ ready: true });
