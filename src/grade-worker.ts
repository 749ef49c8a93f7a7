// A worker thread of the grading pool (pool.ts): parses the rubric's text once, then
// grades and renders each submission it is given.
import Tinypool from 'tinypool';
import { gradeSubmission, type SubmissionJob, type SubmissionOutcome } from './batch.js';
import { parseRubric } from './rubric/load.js';

const { rubricText, rubricFile } = Tinypool.workerData as { rubricText: string; rubricFile: string };
const rubric = parseRubric(rubricText, rubricFile);

/** A job, or null: a no-op the pool sends to know that a worker is ready. */
export default async function grade(job: SubmissionJob | null): Promise<SubmissionOutcome | null> {
  // No deadline here: the pool's watchdog ends a worker over the budget.
  return job === null ? null : gradeSubmission(rubric, job, 0);
}
