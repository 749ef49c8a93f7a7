// A worker thread of `grade --jobs N`: loads the rubric once, then grades the
// submissions it is sent and posts each result back with its index.
import { parentPort, workerData } from 'node:worker_threads';
import { gradeFile } from './grade.js';
import { loadRubric } from './rubric/load.js';

export interface WorkerJob {
  index: number;
  submission: string;
  name: string;
}

const port = parentPort!;
const rubric = await loadRubric((workerData as { rubricFile: string }).rubricFile);
port.on('message', async (job: WorkerJob | null) => {
  if (job === null) {
    port.close();
    return;
  }
  port.postMessage({ index: job.index, result: await gradeFile(rubric, { submission: job.submission, name: job.name }) });
});
port.postMessage({ ready: true });
