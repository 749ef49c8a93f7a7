// Where submissions are graded (SPEC §3, §8): in this thread, or in a pool of worker
// threads (tinypool) that gets the rubric's text once. A worker that crashes, runs out of
// its memory limit or passes the per-submission time budget (`--timeout`) is replaced,
// and that submission gets an `error` report; the batch goes on. Results are handed back
// by index, so the files written do not depend on which worker finished first. Workers
// know only the built-in formats; those registered in this thread (registerFormat) are
// rendered here, from the result and the source the worker hands back for them.
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { DEFAULT_TIMEOUT_MS, failedResult } from './grade.js';
import { loadFormats, splitForWorkers } from './reporters/registry.js';
import type { SubmissionJob, SubmissionOutcome } from './batch.js';
import type { LoadedRubric } from './rubric/load.js';

export interface PoolOptions {
  /**
   * Worker threads: 0 grades in this thread (no start-up cost; the time budget is then
   * kept by a watchdog that stops the stage running, budget.ts), N ≥ 1 in N workers,
   * `auto` as `defaultJobs` says.
   * Default 0 for the library; the CLI passes `auto`.
   */
  jobs?: number | 'auto';
  /** Wall-clock budget per submission in milliseconds (default 30 s; 0: none). */
  timeout?: number;
  /** The worker module (default grade-worker.js): tests give one that hangs or crashes on cue. */
  workerFile?: URL;
}

/** Heap of one grading worker: a memory bomb that gets past the deterministic limits ends that worker only. */
const WORKER_HEAP_MB = 1024;
/**
 * Young generation of one grading worker. Reading a 17 KB submission allocates ~40 MB
 * (micromark's events and tokens, mostly), all of it live until that document's tree is
 * built; with V8's default young generation it is copied by scavenges, promoted, and
 * collected again by mark-compacts. Young enough to hold one document's parse, most of it
 * dies where it was made: 100 files of 5–30 KB took 22–27 % less CPU (12.3–12.8 s -> 9.1–9.7 s,
 * three interleaved runs) for ~250 MB more peak RSS per worker; 192 MB gained little.
 */
const WORKER_YOUNG_MB = 256;
/**
 * Submissions each worker beyond the first must have to pay for its start-up (loading
 * mathjs and the rubric). bench/jobs.mjs on the shared 2-core machine (load 20) found no
 * speed-up for --jobs 2 up to 200 submissions (0.79–0.92×), so the bar is set high; see
 * the README.
 */
export const SUBMISSIONS_PER_WORKER = 100;
const MAX_DEFAULT_JOBS = 8;

/** `--jobs` when not given: one worker per core (at most 8) when the class pays their start-up. */
export function defaultJobs(submissions: number): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_JOBS, Math.floor(submissions / SUBMISSIONS_PER_WORKER)));
}

/** Grades every job; `onOutcome` runs (awaited, one at a time) as each submission is done. */
export async function gradeInPool(
  rubric: LoadedRubric,
  jobs: SubmissionJob[],
  options: PoolOptions,
  onOutcome: (index: number, outcome: SubmissionOutcome) => Promise<void>,
): Promise<void> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const threads = options.jobs === 'auto' ? defaultJobs(jobs.length) : Math.min(options.jobs ?? 0, jobs.length);
  if (threads === 0) {
    const { gradeSubmission } = await import('./batch.js');
    for (let i = 0; i < jobs.length; i++) await onOutcome(i, await gradeSubmission(rubric, jobs[i], timeout));
    return;
  }
  const pool = new Tinypool({
    filename: (options.workerFile ?? new URL('./grade-worker.js', import.meta.url)).href,
    minThreads: threads,
    maxThreads: threads,
    // Idle workers stay: a worker replaced after a crash starts again at once.
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: { rubricText: rubric.sourceText, rubricFile: rubric.file },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  // Outcomes are written one at a time, in the order they arrive.
  let writing = Promise.resolve();
  let next = 0;
  const runner = async () => {
    // The budget is the submission's, not a worker's start-up: wait until an idle worker
    // is ready (a no-op task) before the first job and after each replacement.
    let ready = false;
    for (let index = next++; index < jobs.length; index = next++) {
      if (!ready) await pool.run(null);
      const job = jobs[index];
      const { workers, here } = splitForWorkers(job.formats);
      const deadline = Date.now() + timeout;
      const sent: SubmissionJob = { ...job, formats: workers, ...(here.length > 0 ? { withSource: true } : {}) };
      const { outcome: graded, failed } = await runOne(pool, rubric, sent, timeout);
      ready = !failed;
      const outcome = here.length > 0 ? await (await import('./batch.js')).renderRegistered(rubric, sent, here, graded, deadline, timeout) : graded;
      writing = writing.then(() => onOutcome(index, outcome));
      await writing;
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, runner));
  } finally {
    await pool.destroy();
  }
}

/** One submission in a worker; a crash or the time budget gives its error report. */
async function runOne(pool: Tinypool, rubric: LoadedRubric, job: SubmissionJob, timeout: number): Promise<{ outcome: SubmissionOutcome; failed: boolean }> {
  const controller = new AbortController();
  const timer = timeout > 0 ? setTimeout(() => controller.abort(), timeout) : undefined;
  try {
    return { outcome: (await pool.run(job, { signal: controller.signal })) as SubmissionOutcome, failed: false };
  } catch (error) {
    const why = controller.signal.aborted
      ? `timed out: grading took longer than ${timeout / 1000} s (--timeout); its worker was replaced. Grade it by hand`
      : `internal error: its grading worker stopped (${error instanceof Error ? error.message : String(error)}); it was replaced. Grade it by hand`;
    const result = { ...failedResult(rubric, { submission: job.file.file, name: job.file.name }, `${job.file.file}: ${why}`), errorCode: controller.signal.aborted ? 'timeout' : 'error' };
    const { renderSubmission } = await import('./batch.js');
    await loadFormats(job.formats);
    return { outcome: { result, files: renderSubmission(result, job.reveal ?? rubric.reveal, job.formats) }, failed: true };
  } finally {
    clearTimeout(timer);
  }
}
