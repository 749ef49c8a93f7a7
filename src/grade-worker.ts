// A worker thread of `grade --jobs N`: loads the rubric once, then grades the
// submissions it is sent and posts each result back with its index.
import { parentPort, workerData } from 'node:worker_threads';
import { gradeSubmission } from './batch.js';
import type { SubmissionFile } from './files.js';
import { parseRubric } from './rubric/load.js';

export interface WorkerJob {
  index: number;
  file: SubmissionFile;
}

const port = parentPort!;
// The rubric's text, not its file: a rubric parsed from memory grades in workers too.
const { rubricText, rubricFile } = workerData as { rubricText: string; rubricFile: string };
const rubric = parseRubric(rubricText, rubricFile);
port.on('message', async (job: WorkerJob | null) => {
  if (job === null) {
    port.close();
    return;
  }
  port.postMessage({ index: job.index, result: await gradeSubmission(rubric, job.file) });
});
port.postMessage({ ready: true });
