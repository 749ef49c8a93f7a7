// Grading many submissions and writing the batch's files (SPEC §3): a report per
// submission, summary.json and gradebook.csv always, other formats when asked.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { listSubmissions, shard, type DiscoveryOptions, type SubmissionFile } from './files.js';
import { failedResult, gradeFile } from './grade.js';
import { sharedDisplayNames } from './identity.js';
import { applyOverrides, checkOverrides, type OverridesFile } from './overrides.js';
import {
  gradebookCsv,
  gradescopeResults,
  htmlReport,
  jsonReport,
  junitReport,
  markdownReport,
  summarise,
  summaryHtml,
  summaryJson,
  type Format,
} from './reporters/index.js';
import { reportSourceOf } from './reporters/report-source.js';
import { forStudent, type Reveal } from './reporters/reveal.js';
import type { LoadedRubric } from './rubric/load.js';
import type { GradeResult } from './types.js';

export interface GradeAllOptions extends DiscoveryOptions {
  /** `I/N`: grade every N-th submission starting at the I-th (1-based). */
  shard?: string;
  /** Worker threads to grade in (default 1: in this thread). */
  jobs?: number;
  /** Called after each submission, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** TA points, checked against the whole class before grading and applied by report name. */
  overrides?: OverridesFile;
}

/**
 * Grades every submission below the given files and folders, in sorted order.
 * One broken submission never stops the batch: it gets a result with `error`.
 * @example const results = await gradeAll(rubric, ['submissions/hw3'])
 */
export async function gradeAll(rubric: LoadedRubric, inputs: string[], options: GradeAllOptions = {}): Promise<Graded[]> {
  const whole = await listSubmissions(inputs, options);
  // Judged on the whole class before --shard splits it, so every shard agrees.
  if (options.overrides) checkOverrides(options.overrides, whole.map((f) => f.name), rubric);
  const files = shard(whole, options.shard);
  const jobs = Math.min(options.jobs ?? 1, Math.ceil(files.length / MIN_FILES_PER_WORKER));
  const graded = jobs > 1 ? await gradeInWorkers(rubric, files, jobs, options.onProgress) : await gradeInThread(rubric, files, options.onProgress);
  const overrides = options.overrides?.overrides ?? {};
  return graded.map((g) => ({ ...g, result: applyOverrides(g.result, overrides) }));
}

async function gradeInThread(rubric: LoadedRubric, files: SubmissionFile[], onProgress?: (done: number, total: number) => void): Promise<Graded[]> {
  const graded: Graded[] = [];
  for (const file of files) {
    graded.push({ name: file.name, result: await gradeSubmission(rubric, file) });
    onProgress?.(graded.length, files.length);
  }
  return graded;
}

/** One listed submission: refused ones (links, collisions) get their error without being read. */
export async function gradeSubmission(rubric: LoadedRubric, file: SubmissionFile): Promise<GradeResult> {
  const meta = { submission: file.file, name: file.name, ...(file.readFrom ? { readFrom: file.readFrom } : {}) };
  return file.refusal ? failedResult(rubric, meta, file.refusal) : gradeFile(rubric, meta);
}

/**
 * Lines a TA should see after a batch: submissions that display the same name (a
 * student may be posing as another). Names are JSON-quoted so no control character
 * reaches the terminal.
 */
export function batchWarnings(results: GradeResult[]): string[] {
  return sharedDisplayNames(results).map((g) => `warning: ${g.ids.length} submissions display the name ${JSON.stringify(g.student)}: ${g.ids.map((id) => JSON.stringify(id)).join(', ')}`);
}

/** A worker costs a second of start-up (it loads mathjs): worth it only for many files. */
const MIN_FILES_PER_WORKER = 50;

/**
 * Grades in `jobs` worker threads; each takes the next file when it is done with one,
 * and results are put back in sorted order, so the output does not depend on timing.
 */
async function gradeInWorkers(
  rubric: Pick<LoadedRubric, 'file' | 'sourceText'>,
  files: SubmissionFile[],
  jobs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Graded[]> {
  const results = new Array<GradeResult>(files.length);
  let next = 0;
  let done = 0;
  const workerUrl = new URL('./grade-worker.js', import.meta.url);
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerUrl, { workerData: { rubricText: rubric.sourceText, rubricFile: rubric.file } });
      const sendNext = () => {
        const index = next++;
        worker.postMessage(index < files.length ? { index, file: files[index] } : null);
      };
      worker.on('message', (message: { ready?: true; index?: number; result?: GradeResult }) => {
        if (message.result !== undefined && message.index !== undefined) {
          results[message.index] = message.result;
          onProgress?.(++done, files.length);
        }
        sendNext();
      });
      worker.on('error', reject);
      worker.on('exit', () => resolve());
    });
  await Promise.all(Array.from({ length: jobs }, runWorker));
  return files.map((file, i) => ({ name: file.name, result: results[i] }));
}

/** A result and the report name it is written under. */
export interface Graded {
  name: string;
  result: GradeResult;
}

/** Where a submission's report goes: `<out>/<name>.json`. */
export function reportPath(out: string, file: Pick<SubmissionFile, 'name'>, extension: string): string {
  return path.join(out, ...file.name.split('/')) + extension;
}

/**
 * Writes the per-submission JSON reports, summary.json and gradebook.csv under `out`,
 * and the other file formats asked for. Files a student reads (md, html, gradescope,
 * junit) show only what `reveal` (default: the rubric's) allows; the JSON reports are the TA's.
 */
export async function writeBatch(
  out: string,
  rubric: LoadedRubric,
  graded: Graded[],
  formats: readonly Format[] = [],
  reveal: Reveal = rubric.reveal,
): Promise<void> {
  await mkdir(out, { recursive: true });
  for (const { name, result } of graded) {
    const write = async (extension: string, content: string) => {
      const file = reportPath(out, { name }, extension);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    };
    await write('.json', jsonReport(result));
    const shown = forStudent(result, reveal);
    if (formats.includes('md')) await write('.md', markdownReport(shown));
    if (formats.includes('html')) await write('.html', htmlReport(shown, result.error ? reportSourceOf('') : reportSourceOf(await readFile(result.submission))));
    if (formats.includes('gradescope')) await write('.results.json', gradescopeResults(shown));
  }
  await writeBatchFiles(out, rubric.rubric, graded.map((g) => g.result), formats, () => reveal);
}

/** The files that cover the whole batch: summary.json, gradebook.csv, and summary.html / junit.xml when asked. */
async function writeBatchFiles(
  out: string,
  rubric: string,
  results: GradeResult[],
  formats: readonly Format[],
  levelFor: (result: GradeResult) => Reveal,
): Promise<void> {
  const summary = summarise(rubric, results);
  await writeFile(path.join(out, 'summary.json'), summaryJson(summary));
  await writeFile(path.join(out, 'gradebook.csv'), gradebookCsv(results));
  if (formats.includes('html')) await writeFile(path.join(out, 'summary.html'), summaryHtml(summary));
  if (formats.includes('junit')) await writeFile(path.join(out, 'junit.xml'), junitReport(results.map((r) => forStudent(r, levelFor(r)))));
}

/**
 * `merge`: the batch files for reports graded in separate runs. Student files (junit)
 * show what each report's recorded `reveal` allows, unless `reveal` is given.
 */
export async function writeMerged(out: string, results: GradeResult[], formats: readonly Format[], reveal?: Reveal): Promise<void> {
  await mkdir(out, { recursive: true });
  await writeBatchFiles(out, results[0]?.rubric ?? '', results, formats, (r) => reveal ?? r.reveal ?? 'verdict');
}
