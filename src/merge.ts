// `markgrade merge` (SPEC §3): the batch files of reports graded in separate runs
// (`--shard`). It takes report files and folders of them; files that are not
// per-submission reports (summary.json, gradebook.csv, *.md, *.results.json …) are
// passed over, so `merge out/*` and `merge out/` both work. The same submission twice
// is refused: two shards that overlap would count a student twice.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './files.js';
import type { GradeResult } from './types.js';

/** Names `grade` writes beside the reports that are not reports. */
const BATCH_FILES = new Set(['summary.json', 'manifest.json']);

export interface ReportFile {
  file: string;
  result: GradeResult;
}

/**
 * Reads every per-submission JSON report below the given files and folders, sorted by
 * submission so that the joined files do not depend on the order given.
 * @example await collectReports(['shard1/', 'shard2/alice.json'])
 */
export async function collectReports(inputs: string[]): Promise<GradeResult[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info === null) throw new UsageError(`${input}: no such file or folder`);
    files.push(...(info.isDirectory() ? await jsonFilesBelow(input) : [input]));
  }
  const reports: ReportFile[] = [];
  for (const file of files.filter(isReportName)) {
    const result = await readReport(file);
    if (result !== null) reports.push({ file, result });
  }
  if (reports.length === 0) throw new UsageError(`no markgrade reports found in ${inputs.join(', ')}`);
  refuseDuplicates(reports);
  const rubrics = new Set(reports.map((r) => r.result.rubric));
  if (rubrics.size > 1) throw new UsageError(`the reports come from different rubrics: ${[...rubrics].sort().join(', ')}`);
  return reports.map((r) => r.result).sort((a, b) => compare(identity(a), identity(b)) || compare(a.submission, b.submission));
}

function isReportName(file: string): boolean {
  const base = path.basename(file);
  return base.endsWith('.json') && !base.endsWith('.results.json') && !BATCH_FILES.has(base);
}

/** A report, or null for a JSON file of another kind; a file that is not JSON is an error. */
async function readReport(file: string): Promise<GradeResult | null> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: not a markgrade JSON report (${error instanceof Error ? error.message : String(error)})`);
  }
  const report = data as Partial<GradeResult> | null;
  if (typeof report !== 'object' || report === null) return null;
  if (typeof report.submission !== 'string' || typeof report.rubric !== 'string' || !Array.isArray(report.questions)) return null;
  return report as GradeResult;
}

function refuseDuplicates(reports: ReportFile[]): void {
  const seen = new Map<string, string>();
  for (const { file, result } of reports) {
    const key = identity(result);
    const first = seen.get(key);
    if (first !== undefined) throw new UsageError(`${result.submission} is in two reports: ${first} and ${file}`);
    seen.set(key, file);
  }
}

/** The report's identity: `id` when it has one (the path-derived name), else its submission path without extension. */
function identity(result: GradeResult): string {
  const id = (result as { id?: unknown }).id;
  return typeof id === 'string' ? id : result.submission.replace(/\.[^./\\]+$/, '');
}

async function jsonFilesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await jsonFilesBelow(full)));
    else if (entry.isFile() && entry.name.endsWith('.json')) files.push(full);
  }
  return files;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
