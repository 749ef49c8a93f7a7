// Grading many submissions and writing the batch's files (SPEC §3): a report per
// submission, written as soon as it is graded, then summary.json and gradebook.csv
// (always) and the other batch formats asked for, last, from what was graded. Every file
// goes through the one atomic writer (writer.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkOutFolder, listSubmissions, shard, UsageError, type DiscoveryOptions, type SubmissionFile } from './files.js';
import { BudgetExceeded, withinBudget } from './budget.js';
import { failedResult, readAndGrade, timedOutResult } from './grade.js';
import { classDisplayNames, sharedDisplayNames, type SharedDisplayName } from './identity.js';
import { applyOverrides, checkOverrides, type Override, type OverridesFile } from './overrides.js';
import { batchFileNames, loadFormats, needsWholeResults, renderBatchFiles, renderSubmissionFiles, type Format } from './reporters/registry.js';
import type { Levels, Reveal } from './reporters/reveal.js';
import { summarise } from './reporters/summary.js';
import { reportSourceOf, reportSourceOfReading, type ReportSource } from './reporters/report-source.js';
import type { LoadedRubric } from './rubric/load.js';
import type { GradeResult } from './types.js';
import { InOrder } from './in-order.js';
import { gradeInPool, type PoolOptions } from './pool.js';
import { OutputFolder } from './writer.js';

export interface GradeAllOptions extends DiscoveryOptions, PoolOptions {
  /** `I/N`: grade every N-th submission starting at the I-th (1-based). */
  shard?: string;
  /** Called after each submission, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** TA points, checked against the whole class before grading and applied by report name. */
  overrides?: OverridesFile;
}

/** A result and the report name it is written under. */
export interface Graded {
  name: string;
  result: GradeResult;
  /**
   * From gradeEach: the submission as grading read it (what the HTML report shows), for
   * writeBatch to render from and drop. gradeAll keeps none (see gradeEach).
   */
  source?: ReportSource;
}

/** What a worker (or this thread) does for one submission: grade it and render its report files. */
export interface SubmissionJob {
  file: SubmissionFile;
  /** This submission's TA points (by answer id). */
  overrides: Record<string, Override>;
  /** Formats whose per-submission files to render. */
  formats: readonly Format[];
  /** What the student files (md, html, gradescope) show (default: the rubric's `reveal`). */
  reveal?: Reveal;
  /** Hand back what the HTML and other source-showing parts read (for formats a worker does not know). */
  withSource?: boolean;
}

export interface SubmissionOutcome {
  result: GradeResult;
  /** Report files, as [extension, content], in the order they are written. */
  files: Array<[string, string]>;
  /** With `withSource`, the submission as grading read it; dropped once its files are rendered. */
  source?: ReportSource;
}

/**
 * Grades every submission below the given files and folders, in sorted order, without
 * writing anything. One broken submission never stops the batch: it gets a result with
 * `error`.
 * @example const results = await gradeAll(rubric, ['submissions/hw3'])
 */
export async function gradeAll(rubric: LoadedRubric, inputs: string[], options: GradeAllOptions = {}): Promise<Graded[]> {
  const { files } = await listClass(rubric, inputs, options);
  const results = new Array<GradeResult>(files.length);
  await gradeJobs(rubric, files, [], options, (index, outcome) => {
    results[index] = outcome.result;
  });
  return files.map((file, i) => ({ name: file.name, result: results[i] }));
}

/**
 * Grades like gradeAll, handing over each submission in sorted order as soon as it (and
 * every one before it) is graded, with `source`, the submission as grading read it: pass
 * the stream to writeBatch and the HTML is rendered from that reading, never read again.
 * A stream rather than sources on gradeAll's results: a source is the whole text and its
 * formulas, larger than the result itself (400 submissions of 5-30 KB: 8.5 MB of results,
 * 13.4 MB more with their sources), so a class kept with its sources would grow with the
 * text; here a submission's source lives until the reader asks for the next one (and
 * those graded ahead of a slow one, which the time budget bounds). Stopping early
 * (`break`) stops the grading.
 * @example await writeBatch('reports/hw3', rubric, gradeEach(rubric, ['submissions/hw3']), ['html'])
 */
export async function* gradeEach(rubric: LoadedRubric, inputs: string[], options: GradeAllOptions = {}): AsyncGenerator<Graded> {
  const { files } = await listClass(rubric, inputs, options);
  const inOrder = new InOrder<Graded>();
  const grading = gradeJobs(rubric, files, [], { ...options, withSource: true }, (index, outcome) =>
    inOrder.put(index, { name: files[index].name, result: outcome.result, source: outcome.source ?? NO_SOURCE }),
  ).then(
    () => inOrder.end(),
    (error: unknown) => inOrder.end(error),
  );
  try {
    yield* inOrder;
  } finally {
    // A reader that stopped early makes the next put throw Stopped, which ends the grading.
    await grading;
  }
}

export interface BatchOptions extends GradeAllOptions {
  /** Formats to write besides the JSON reports, summary.json and gradebook.csv. */
  formats?: readonly Format[];
  /** What student files (md, html, gradescope, junit) show; default: the rubric's `reveal`. */
  reveal?: Reveal;
}

export interface BatchOutcome {
  /** This run's results, in sorted order (the rows of the batch files). */
  results: GradeResult[];
  /** Files of an earlier run that this run removed (relative to `out`). */
  removed: string[];
  /** Display names these submissions share with others (with --shard: in the whole class). */
  sharedDisplayNames: SharedDisplayName[];
}

/**
 * `grade`: lists the class, grades it, and writes each submission's reports under `out`
 * as soon as it is graded, then the batch files. Refuses (UsageError, nothing written)
 * an `out` inside a graded folder, or batch files under `out` that markgrade did not write.
 * @example await gradeBatch(rubric, ['submissions/hw3'], 'reports/hw3', { formats: ['md'] })
 */
export async function gradeBatch(rubric: LoadedRubric, inputs: string[], out: string, options: BatchOptions = {}): Promise<BatchOutcome> {
  const formats = options.formats ?? [];
  await checkOutFolder(out, inputs);
  const folder = await OutputFolder.open(out);
  refuseForeignBatchFiles(folder, out, formats);
  const { whole, files } = await listClass(rubric, inputs, options, folder.isTaken);
  // With --shard, shared display names are judged on the whole class, before it is split.
  const classNames = options.shard === undefined ? null : await classDisplayNames(whole);
  const results = new Array<GradeResult>(files.length);
  const reveal = options.reveal ?? rubric.reveal;
  await gradeJobs(rubric, files, formats, { ...options, reveal }, async (index, outcome) => {
    results[index] = await writeSubmission(folder, outcome).catch((error: unknown) => {
      // A report that cannot be written (a folder in the way…) is that submission's error.
      const message = `cannot write its report: ${error instanceof Error ? error.message : String(error)}`;
      return failedResult(rubric, { submission: files[index].file, name: files[index].name }, message);
    });
  });
  const rows = results.map((r) => batchRow(r, files.length === 1 || needsWholeResults(formats)));
  const shared = classNames === null ? sharedDisplayNames(rows) : sharedDisplayNames(classNames, new Set(files.map((f) => f.name)));
  await writeBatchFiles(folder, rubric.rubric, rows, formats, { student: () => reveal }, shared);
  const classIds = new Set(whole.map((f) => f.name));
  const removed = await folder.finish((id) => options.shard !== undefined && classIds.has(id));
  return { results: rows, removed, sharedDisplayNames: shared };
}

/** The class as listed (whole, for checks judged on all of it) and this run's part of it. */
async function listClass(rubric: LoadedRubric, inputs: string[], options: GradeAllOptions, isTaken?: (file: string) => boolean) {
  const whole = await listSubmissions(inputs, options, isTaken);
  if (whole.length === 0) throw new UsageError(`no submission found in ${inputs.join(', ')}`);
  // Judged on the whole class before --shard splits it, so every shard agrees.
  if (options.overrides) checkOverrides(options.overrides, whole.map((f) => f.name), rubric);
  return { whole, files: shard(whole, options.shard) };
}

/** Grades `files` in this thread or in workers; `onOutcome` runs as each one is done (in any order). */
async function gradeJobs(
  rubric: LoadedRubric,
  files: SubmissionFile[],
  formats: readonly Format[],
  options: GradeAllOptions & { reveal?: Reveal; withSource?: boolean },
  onOutcome: (index: number, outcome: SubmissionOutcome) => void | Promise<void>,
): Promise<void> {
  const overrides = options.overrides?.overrides ?? {};
  const jobs = files.map((file): SubmissionJob => ({
    file,
    overrides: Object.hasOwn(overrides, file.name) ? overrides[file.name] : {},
    formats,
    ...(options.reveal ? { reveal: options.reveal } : {}),
    ...(options.withSource ? { withSource: true } : {}),
  }));
  let done = 0;
  await gradeInPool(rubric, jobs, options, async (index, outcome) => {
    await onOutcome(index, outcome);
    options.onProgress?.(++done, files.length);
  });
}

/**
 * One listed submission, graded and rendered: refused ones (links, collisions) get their
 * error without being read. The submission is read once; the HTML shows that text.
 * Files a student reads (md, html, gradescope) show only what the rubric's `reveal`
 * allows; the JSON report is the TA's.
 */
export async function gradeSubmission(rubric: LoadedRubric, job: SubmissionJob, timeout: number): Promise<SubmissionOutcome> {
  const { file } = job;
  const meta = metaOf(file, timeout);
  const deadline = Date.now() + timeout;
  const { result: graded, reading } = file.refusal ? { result: { ...failedResult(rubric, meta, file.refusal), ...(file.refusalCode ? { errorCode: file.refusalCode } : {}) }, reading: null } : await readAndGrade(rubric, meta);
  const result = applyOverrides(graded, { [file.name]: job.overrides });
  const reveal = job.reveal ?? rubric.reveal;
  await loadFormats(job.formats);
  // The HTML shows grading's own reading; it is dropped once the files are rendered.
  const source = () => (reading ? reportSourceOfReading(reading) : NO_SOURCE);
  try {
    // The reports are rendered within what is left of the submission's budget.
    const files = withinBudget(timeLeft(deadline, timeout), () => renderSubmission(result, reveal, job.formats, source));
    return { result, files, ...(job.withSource && reading ? { source: reportSourceOfReading(reading) } : {}) };
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    const timedOut = timedOutResult(rubric, meta, error);
    return { result: timedOut, files: renderSubmission(timedOut, reveal, job.formats) };
  }
}

/**
 * After a worker graded `job` (sent with only the formats it knows): the files of the
 * formats registered in this thread (`here`), rendered from the result and the source
 * the worker handed back, within what is left of the submission's budget (`deadline`).
 * Over it, the submission is timed out like any other, its files all rendered here.
 */
export async function renderRegistered(rubric: LoadedRubric, job: SubmissionJob, here: readonly Format[], outcome: SubmissionOutcome, deadline: number, timeout: number): Promise<SubmissionOutcome> {
  const reveal = job.reveal ?? rubric.reveal;
  const source = outcome.source ?? NO_SOURCE;
  await loadFormats(here);
  try {
    const files = withinBudget(timeLeft(deadline, timeout), () => renderSubmissionFiles(outcome.result, here, { student: () => reveal }, () => source, false));
    return { ...outcome, files: [...outcome.files, ...files] };
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    const timedOut = timedOutResult(rubric, metaOf(job.file, timeout), error);
    const formats = [...job.formats, ...here];
    await loadFormats(formats);
    return { result: timedOut, files: renderSubmission(timedOut, reveal, formats) };
  }
}

function metaOf(file: SubmissionFile, timeout: number) {
  return { submission: file.file, name: file.name, timeout, ...(file.readFrom ? { readFrom: file.readFrom } : {}) };
}

/** Milliseconds of the budget left (at least 1, so a spent budget still stops the stage); 0 when there is no budget. */
function timeLeft(deadline: number, timeout: number): number {
  return timeout > 0 ? Math.max(1, deadline - Date.now()) : 0;
}

const NO_SOURCE: ReportSource = { text: '', math: [], images: [] };

/**
 * One submission's report files (the JSON report always), student files cut to `reveal`;
 * `loadFormats(formats)` first. `source` is asked for only by a format that shows the
 * submission (html).
 */
export function renderSubmission(result: GradeResult, reveal: Reveal, formats: readonly Format[], source: () => ReportSource = () => NO_SOURCE): Array<[string, string]> {
  return renderSubmissionFiles(result, formats, { student: () => reveal }, source);
}

/** Writes one submission's report files; returns its result. */
async function writeSubmission(folder: OutputFolder, outcome: SubmissionOutcome): Promise<GradeResult> {
  for (const [extension, content] of outcome.files) await folder.write(outcome.result.id + extension, content, outcome.result.id);
  return outcome.result;
}

/**
 * What the batch files need of a result, and no more, so that memory does not grow with
 * the class: summary, gradebook and the terminal table need only scores and statuses;
 * `whole` when a part asked for reads more (a class of one gets the terminal's details,
 * so it keeps everything).
 */
function batchRow(result: GradeResult, whole: boolean): GradeResult {
  if (whole) return result;
  return {
    ...result,
    slips: [],
    questions: result.questions.map((q) => ({
      ...q,
      notes: [],
      answers: q.answers.map((a) => ({ ...a, reason: '', got: null, shown: null, expected: undefined, interval: undefined })),
    })),
  };
}

/** Batch files under `out` that markgrade did not write: refuse before anything is graded. */
function refuseForeignBatchFiles(folder: OutputFolder, out: string, formats: readonly Format[]): void {
  for (const file of batchFileNames(formats)) {
    if (folder.isTaken(file)) throw new UsageError(`--out ${out}: ${file} exists and markgrade did not write it; choose another --out`);
  }
}

/**
 * Lines a TA should see after a batch: submissions that display the same name (a
 * student may be posing as another). Names are JSON-quoted so no control character
 * reaches the terminal.
 */
export function batchWarnings(results: GradeResult[], shared: SharedDisplayName[] = sharedDisplayNames(results)): string[] {
  return shared.map((g) => `warning: ${g.ids.length} submissions display the name ${JSON.stringify(g.student)}: ${g.ids.map((id) => JSON.stringify(id)).join(', ')}`);
}

/** Where a submission's report goes: `<out>/<name><extension>`. */
export function reportPath(out: string, file: Pick<SubmissionFile, 'name'>, extension: string): string {
  return path.join(out, ...file.name.split('/')) + extension;
}

/**
 * Writes results graded earlier under `out`: the per-submission reports and the batch
 * files, through the same atomic writer as `gradeBatch`. `graded` is gradeAll's array or
 * gradeEach's stream (written as it comes, each source dropped once its files are; the
 * batch files keep only what they need of each result). Files a student reads (md, html,
 * gradescope, junit) show only what `reveal` (default: the rubric's) allows; the JSON
 * reports are the TA's. Returns the stale files removed.
 * @example await writeBatch('reports/hw3', rubric, gradeEach(rubric, ['submissions/hw3']), ['md', 'html'])
 */
export async function writeBatch(
  out: string,
  rubric: LoadedRubric,
  graded: Iterable<Graded> | AsyncIterable<Graded>,
  formats: readonly Format[] = [],
  reveal: Reveal = rubric.reveal,
): Promise<string[]> {
  const folder = await OutputFolder.open(out);
  refuseForeignBatchFiles(folder, out, formats);
  await loadFormats(formats);
  // An array is the caller's already: its results are shown whole, as given.
  const whole = Array.isArray(graded) || needsWholeResults(formats);
  const rows: GradeResult[] = [];
  for await (const { result, source } of graded) {
    await writeSubmission(folder, { result, files: renderSubmission(result, reveal, formats, source ? () => source : await fileSource(result, formats)) });
    rows.push(batchRow(result, whole));
  }
  await writeBatchFiles(folder, rubric.rubric, rows, formats, { student: () => reveal });
  return folder.finish();
}

/**
 * The HTML's source for a result given without one (gradeAll's, or one made elsewhere):
 * its file, read here once. gradeEach's stream carries grading's own reading instead.
 */
async function fileSource(result: GradeResult, formats: readonly Format[]): Promise<() => ReportSource> {
  const bytes = formats.includes('html') && !result.error ? await readFile(result.submission).catch(() => '') : '';
  return () => reportSourceOf(bytes);
}

/** The files that cover the whole batch: summary.json, gradebook.csv, and those of the formats asked for (summary.html, junit.xml). */
async function writeBatchFiles(folder: OutputFolder, rubric: string, results: GradeResult[], formats: readonly Format[], levels: Levels, shared?: SharedDisplayName[]): Promise<void> {
  await loadFormats(formats);
  for (const [file, content] of renderBatchFiles(results, formats, levels, { summary: summarise(rubric, results, shared) })) await folder.write(file, content);
}

/**
 * `merge`: the batch files for reports graded in separate runs. Student files (junit)
 * show what each report's recorded `reveal` allows, unless `reveal` is given.
 */
export async function writeMerged(out: string, results: GradeResult[], formats: readonly Format[], reveal?: Reveal): Promise<void> {
  const folder = await OutputFolder.open(out);
  refuseForeignBatchFiles(folder, out, formats);
  await writeBatchFiles(folder, results[0]?.rubric ?? '', results, formats, { student: (r) => reveal ?? r.reveal ?? 'verdict' });
}
