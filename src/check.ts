// `markgrade check` (SPEC §3): a student pre-checking one submission. It prints what
// the rubric's `reveal` allows — and always, for each answer, where it was read, the
// label it matched and the value as read — and says whether every answer was found
// and read (exit 0) or not (exit 1, for pre-commit hooks).
import { watch, type FSWatcher } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { gradeFile } from './grade.js';
import { viewFor, wasRead } from './reporters/reveal.js';
import { terminalReport } from './reporters/terminal.js';
import { escapeTerminal, terminalJson } from './reporters/text.js';
import type { LoadedRubric } from './rubric/load.js';
import type { GradeResult } from './types.js';

export interface CheckOutcome {
  /** What to print on stdout. */
  output: string;
  /** 0 every answer found and read, 1 one missing or unreadable (or the file could not be graded). */
  exitCode: 0 | 1;
  view: GradeResult;
}

/**
 * Checks one submission against a rubric (public or private) at the rubric's reveal.
 * @example (await checkSubmission(rubric, 'hw.md', { json: false, color: false })).exitCode // 0
 */
export async function checkSubmission(
  rubric: LoadedRubric,
  submission: string,
  options: { json: boolean; color: boolean; /** Budget in ms for reading and grading (default 30 s; 0: none), kept by a watchdog (budget.ts). */ timeout?: number },
): Promise<CheckOutcome> {
  const name = path.basename(submission).replace(/\.[^.]+$/, '');
  const result = await gradeFile(rubric, { submission, name, ...(options.timeout === undefined ? {} : { timeout: options.timeout }) });
  // What check prints is the student's: cut by audience, as every student part of a format is.
  const view = viewFor('student', result, { student: () => rubric.reveal });
  const exitCode = allRead(view) ? 0 : 1;
  const output = options.json
    ? terminalJson(view) + '\n'
    : `${escapeTerminal(rubricLine(rubric) + conventionLine(view))}\n${terminalReport([view], { color: options.color, details: true })}${verdictLine(view)}\n`;
  return { output, exitCode, view };
}

/** True when the submission was graded and every automatic answer was found and read. */
export function allRead(result: GradeResult): boolean {
  if (result.error !== null) return false;
  return result.questions.every((q) => q.answers.every((a) => a.status === 'manual' || wasRead(a)));
}

/**
 * Which rubric this is, so a student can tell a stale public rubric: its id, and for a
 * public one the private rubric's id and hash.
 * @example rubricLine(rubric) // 'rubric hw-metrics (public, from hw-metrics sha256 3f2a9c…); shows: found'
 */
export function rubricLine(rubric: LoadedRubric): string {
  const from = rubric.published_from;
  const origin = rubric.public ? ` (public${from ? `, from ${from.rubric} sha256 ${from.sha256}` : ''})` : '';
  return `rubric ${rubric.rubric}${origin}; shows: ${rubric.reveal}`;
}

/** How numbers were read, when the reader reports it (`numberConvention`): `0,82` is 0.82 under a decimal comma. */
function conventionLine(view: GradeResult): string {
  const convention = (view as { numberConvention?: unknown }).numberConvention;
  if (convention === 'decimal-comma') return '\nnumbers read with a decimal comma (0,82 is 0.82)';
  if (convention === 'decimal-point') return '\nnumbers read with a decimal point (0.82)';
  return '';
}

function verdictLine(view: GradeResult): string {
  const answers = view.questions.flatMap((q) => q.answers).filter((a) => a.status !== 'manual');
  const unread = answers.filter((a) => !wasRead(a)).length;
  if (view.error !== null) return 'not checked: the submission could not be read';
  return unread === 0 ? `all ${answers.length} answers found and read` : `${unread} of ${answers.length} answers not found or not read`;
}

/**
 * Runs `onChange` after each save of `file`, until SIGINT or SIGTERM. The folder is
 * watched, not the file: editors save by writing a temp file and renaming it over the
 * old one, which would end a watch on the file itself. Saves come in bursts, so it
 * waits for 150 ms of quiet, and skips a moment when the file is gone mid-rename.
 */
export function watchSubmission(file: string, onChange: () => Promise<void>, log: (line: string) => void): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const name = path.basename(file);
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  let watcher: FSWatcher;
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      watcher.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.then(() => resolve());
    };
    watcher = watch(dir, (_event, changed) => {
      if (changed !== null && changed.toString() !== name) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(async () => {
          const exists = await access(file).then(() => true, () => false);
          if (exists) await onChange();
        });
      }, 150);
    });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    log(`watching ${file} (Ctrl-C to stop)`);
  });
}
