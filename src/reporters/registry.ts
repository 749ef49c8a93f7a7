// The report formats, by `--format` name. Adding a format: one module (format.ts says
// what it is), one line here. The batch writer, `--format` and the standard output loop
// over this list; every part is rendered from `viewFor(part.audience, …)`, so a student
// part never sees more than `reveal` allows.
import { csvFormat } from './csv.js';
import type { Audience, BatchContext, FormatPart, ReportFormat, Scope, StdoutContext, StdoutPart, SubmissionContext } from './format.js';
import { githubFormat } from './github.js';
import { gradescopeFormat } from './gradescope.js';
import { htmlFormat } from './html-format.js';
import { jsonFormat } from './json.js';
import { junitFormat } from './junit.js';
import { markdownFormat } from './markdown.js';
import { viewFor, type Levels } from './reveal.js';
import { terminalFormat } from './terminal.js';
import type { GradeResult } from '../types.js';

export type { Audience, BatchContext, BatchPart, FormatPart, ReportFormat, Scope, StdoutContext, StdoutPart, SubmissionContext, SubmissionPart } from './format.js';

const REGISTRY = new Map<string, ReportFormat>();
for (const format of [terminalFormat, jsonFormat, markdownFormat, htmlFormat, junitFormat, csvFormat, githubFormat, gradescopeFormat]) REGISTRY.set(format.name, format);

/** The formats markgrade ships with, in the order `--help` lists them. */
export const FORMATS: readonly string[] = [...REGISTRY.keys()];
const BUILT_IN = new Set(FORMATS);
/** A `--format` name. */
export type Format = string;

/**
 * Adds a format (a plugin's, or a test's) for this thread; a name already taken is an
 * error. Returns a function that removes it. Worker threads (`--jobs`) know the built-in
 * formats only: a registered format's submission files are rendered in this thread from
 * what the worker hands back (`splitForWorkers`).
 * @example const remove = registerFormat({ name: 'tally', parts: [{ scope: 'batch', audience: 'ta', file: 'tally.txt', render: (rs) => `${rs.length}\n` }] })
 */
export function registerFormat(format: ReportFormat): () => void {
  if (REGISTRY.has(format.name)) throw new Error(`format "${format.name}" is already registered`);
  REGISTRY.set(format.name, format);
  return () => REGISTRY.delete(format.name);
}

/** Every `--format` name, registered ones included. */
export function formatNames(): string[] {
  return [...REGISTRY.keys()];
}

/** Formats written whatever `--format` says. */
export function alwaysWritten(): string[] {
  return [...REGISTRY.values()].filter((f) => f.always).map((f) => f.name);
}

/**
 * The asked-for formats as worker threads can render them: `workers`, the built-in ones
 * (a worker imports the registry afresh, so it knows no other), and `here`, the
 * registered ones with a per-submission part, which this thread renders after a worker
 * has graded. Registered formats come after every built-in one in registry order, so a
 * submission's files keep their order when `here`'s follow the workers'.
 * @example splitForWorkers(['md', 'tally']) // { workers: ['md'], here: ['tally'] }
 */
export function splitForWorkers(formats: readonly Format[]): { workers: Format[]; here: Format[] } {
  const here = formats.filter((name) => !BUILT_IN.has(name) && REGISTRY.get(name)?.parts.some((p) => p.scope === 'submission'));
  return { workers: formats.filter((name) => BUILT_IN.has(name)), here };
}

type PartOf<S extends Scope> = Extract<FormatPart, { scope: S }>;

/**
 * The parts of `scope` that a run asking for `formats` writes (`null`: every registered
 * format's): those always written first (unless `always` is false: then only the
 * formats named), then in registry order, so files are written (and listed in a
 * manifest) in the same order whatever else is asked for.
 */
function partsOf<S extends Scope>(scope: S, formats: readonly Format[] | null, always = true): Array<PartOf<S>> {
  const all = [...REGISTRY.values()];
  return [...all.filter((f) => f.always && always), ...all.filter((f) => !f.always && (formats === null || formats.includes(f.name)))].flatMap((f) =>
    f.parts.filter((p): p is PartOf<S> => p.scope === scope),
  );
}

/** Extensions of every per-submission file any format writes (report names must not depend on --format). */
export function reportExtensions(): string[] {
  return partsOf('submission', null).map((p) => p.extension);
}

/** Names of the batch files: any format's (`formats` omitted), or those a run asking for `formats` writes. */
export function batchFileNames(formats: readonly Format[] | null = null): string[] {
  return partsOf('batch', formats).map((p) => p.file);
}

/** Whether a batch or stdout part asked for renders each answer's reason and place. */
export function needsWholeResults(formats: readonly Format[]): boolean {
  return [...partsOf('batch', formats), ...partsOf('stdout', formats)].some((p) => p.wholeResults === true);
}

/** Each audience's views of the results, cut once however many parts read them. */
function viewsOf(results: GradeResult[], levels: Levels): (audience: Audience) => GradeResult[] {
  const views = new Map<Audience, GradeResult[]>();
  return (audience) => {
    if (!views.has(audience)) views.set(audience, results.map((r) => viewFor(audience, r, levels)));
    return views.get(audience)!;
  };
}

/** Loads the renderers of the formats a run asks for (and those always written); call before rendering. */
export async function loadFormats(formats: readonly Format[]): Promise<void> {
  const all = [...REGISTRY.values()];
  await Promise.all(all.filter((f) => f.always || formats.includes(f.name)).map((f) => f.load?.()));
}

/**
 * One submission's files as [extension, content], in registry order (`loadFormats` first);
 * with `always` false, only those of `formats` (the JSON report is not among them).
 * @example renderSubmissionFiles(result, ['md'], { student: () => 'verdict' }, source) // [['.json', '{…'], ['.md', '# …']]
 */
export function renderSubmissionFiles(result: GradeResult, formats: readonly Format[], levels: Levels, source: SubmissionContext['source'], always = true): Array<[string, string]> {
  const views = viewsOf([result], levels);
  return partsOf('submission', formats, always).map((part) => [part.extension, part.render(views(part.audience)[0], { source })]);
}

/** The batch files as [file name, content], in registry order (`loadFormats` first). */
export function renderBatchFiles(results: GradeResult[], formats: readonly Format[], levels: Levels, context: BatchContext): Array<[string, string]> {
  const views = viewsOf(results, levels);
  return partsOf('batch', formats).map((part) => [part.file, part.render(views(part.audience), context)]);
}

/**
 * What the asked-for stdout parts print, and what they append elsewhere. With none asked
 * for, the terminal table. Students' streams (annotations) come first and the TA's table
 * last, where a person reading the log sees it.
 */
export function renderStdout(results: GradeResult[], formats: readonly Format[], levels: Levels, context: StdoutContext): { stdout: string; appends: Array<{ file: string; text: string }> } {
  const asked = partsOf('stdout', formats);
  const parts: StdoutPart[] = asked.length > 0 ? asked : partsOf('stdout', [terminalFormat.name]);
  const ordered = [...parts.filter((p) => p.audience === 'student'), ...parts.filter((p) => p.audience === 'ta')];
  const views = viewsOf(results, levels);
  let stdout = '';
  const appends: Array<{ file: string; text: string }> = [];
  for (const part of ordered) {
    stdout += part.render(views(part.audience), context);
    const extra = part.append?.(views(part.audience), context);
    if (extra) appends.push(extra);
  }
  return { stdout, appends };
}
