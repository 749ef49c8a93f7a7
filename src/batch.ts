// Grading many submissions and writing the batch's files (SPEC §3): a report per
// submission, summary.json and gradebook.csv always, other formats when asked.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listSubmissions, shard, type SubmissionFile } from './files.js';
import { gradeFile } from './grade.js';
import { gradebookCsv, jsonReport, summarise, summaryJson } from './reporters/index.js';
import type { LoadedRubric } from './rubric/load.js';
import type { GradeResult } from './types.js';

export interface GradeAllOptions {
  extensions?: string[];
  /** `I/N`: grade every N-th submission starting at the I-th (1-based). */
  shard?: string;
  /** Called after each submission, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Grades every submission below the given files and folders, in sorted order.
 * One broken submission never stops the batch: it gets a result with `error`.
 * @example const results = await gradeAll(rubric, ['submissions/hw3'])
 */
export async function gradeAll(rubric: LoadedRubric, inputs: string[], options: GradeAllOptions = {}): Promise<Graded[]> {
  const files = shard(await listSubmissions(inputs, options.extensions), options.shard);
  const graded: Graded[] = [];
  for (const file of files) {
    graded.push({ name: file.name, result: await gradeFile(rubric, { submission: file.file, name: file.name }) });
    options.onProgress?.(graded.length, files.length);
  }
  return graded;
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

/** Writes the per-submission JSON reports, summary.json and gradebook.csv under `out`. */
export async function writeBatch(out: string, rubric: LoadedRubric, graded: Graded[]): Promise<void> {
  await mkdir(out, { recursive: true });
  for (const { name, result } of graded) {
    const file = reportPath(out, { name }, '.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, jsonReport(result));
  }
  const results = graded.map((g) => g.result);
  await writeFile(path.join(out, 'summary.json'), summaryJson(summarise(rubric.rubric, results)));
  await writeFile(path.join(out, 'gradebook.csv'), gradebookCsv(results));
}
