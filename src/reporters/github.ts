// GitHub Actions annotations (SPEC §7): workflow commands on stdout that GitHub shows on
// the submission's line. Wrong or unreadable answers are errors, missing and partial ones
// warnings, arithmetic slips notices; correct and TA-graded answers say nothing.
import path from 'node:path';
import type { GradeResult, Status } from '../types.js';
import { describeSlip, escapeWorkflowData, escapeWorkflowProperty } from './text.js';

type Level = 'error' | 'warning' | 'notice';

const LEVEL: Partial<Record<Status, Level>> = {
  incorrect: 'error',
  unreadable: 'error',
  missing: 'warning',
  partial: 'warning',
};

interface Annotation {
  level: Level;
  file: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
}

/**
 * One workflow command per line, paths relative to `cwd` with `/` separators.
 * @example githubAnnotations([result], '/repo')
 * // '::error file=submissions/alice.md,line=12,col=3,title=recall_A::found 0.77 at 12:3 …\n'
 */
export function githubAnnotations(results: GradeResult[], cwd: string): string {
  return results.flatMap((result) => annotationsOf(result, relativePath(cwd, result.submission))).map(command).join('');
}

function annotationsOf(result: GradeResult, file: string): Annotation[] {
  if (result.error !== null) return [{ level: 'error', file, title: 'markgrade', message: result.error }];
  const answers = result.questions.flatMap((question) =>
    question.answers.flatMap((answer): Annotation[] => {
      const level = LEVEL[answer.status];
      if (level === undefined) return [];
      // A missing answer has no place of its own: point at its question, else the top.
      const line = answer.line ?? question.line ?? 1;
      const col = answer.column ?? undefined;
      const message = answer.feedback ? `${answer.reason}\n${answer.feedback}` : answer.reason;
      return [{ level, file, line, col, title: answer.id, message }];
    }),
  );
  const slips = result.slips.map((slip): Annotation => ({
    level: 'notice',
    file,
    line: slip.line,
    col: slip.column,
    title: 'arithmetic slip',
    message: describeSlip(slip),
  }));
  return [...answers, ...slips];
}

function command(a: Annotation): string {
  const properties = [
    `file=${escapeWorkflowProperty(a.file)}`,
    ...(a.line === undefined ? [] : [`line=${a.line}`]),
    ...(a.col === undefined ? [] : [`col=${a.col}`]),
    `title=${escapeWorkflowProperty(a.title)}`,
  ];
  return `::${a.level} ${properties.join(',')}::${escapeWorkflowData(a.message)}\n`;
}

function relativePath(cwd: string, file: string): string {
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
}
