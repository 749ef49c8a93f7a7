// GitHub Actions annotations (SPEC §7): workflow commands on stdout that GitHub shows on
// the submission's line. Missing, unreadable and wrong answers are errors, partial ones
// warnings, arithmetic slips notices; correct, found and TA-graded answers say nothing.
// Give it students' views (reveal.ts): under `found` an error means "not found or not
// read". Every message and property is escaped as workflow commands require, so student
// text can never end the command or start another (`%0A::error`, `::stop-commands::`).
// GitHub shows only 10 annotations of each level per step; past that, the CLI writes
// githubStepSummary to $GITHUB_STEP_SUMMARY.
import path from 'node:path';
import type { GradeResult, Status } from '../types.js';
import { showsPoints } from './reveal.js';
import { describeSlip, escapeMarkdown, escapeWorkflowData, escapeWorkflowProperty, formatPoints } from './text.js';
import type { ReportFormat } from './format.js';

/** Annotations GitHub shows per level and step (docs: "Workflow commands", annotations). */
export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

type Level = 'error' | 'warning' | 'notice';

const LEVEL: Partial<Record<Status, Level>> = {
  incorrect: 'error',
  unreadable: 'error',
  missing: 'error',
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
  return allAnnotations(results, cwd).map(command).join('');
}

/** True when GitHub would not show every annotation of some level. */
export function exceedsAnnotationLimit(results: GradeResult[], cwd: string): boolean {
  const counts = new Map<Level, number>();
  for (const a of allAnnotations(results, cwd)) counts.set(a.level, (counts.get(a.level) ?? 0) + 1);
  return [...counts.values()].some((n) => n > ANNOTATIONS_SHOWN_PER_LEVEL);
}

/**
 * A Markdown table of every submission for $GITHUB_STEP_SUMMARY: its score (or, under
 * `found`, how many answers were found and read) and how many answers need attention.
 * @example githubStepSummary([view]) // '### markgrade: 1 submission\n\n| Submission | Score | Not right |\n…'
 */
export function githubStepSummary(results: GradeResult[]): string {
  const points = results.every(showsPoints);
  const rows = results.map((r) => {
    const answers = r.questions.flatMap((q) => q.answers).filter((a) => a.status !== 'manual');
    const flagged = answers.filter((a) => LEVEL[a.status] !== undefined).length;
    const read = answers.filter((a) => a.status !== 'missing' && a.status !== 'unreadable').length;
    const score = r.error !== null ? 'error' : points ? `${formatPoints(r.score)} / ${formatPoints(r.maxScore)}` : `${read} / ${answers.length} found`;
    return `| ${escapeMarkdown(r.submission)} | ${score} | ${r.error !== null ? '' : flagged} |`;
  });
  return [
    `### markgrade: ${results.length} submission${results.length === 1 ? '' : 's'}`,
    '',
    `| Submission | ${points ? 'Score' : 'Answers found'} | Answers to look at |`,
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function allAnnotations(results: GradeResult[], cwd: string): Annotation[] {
  return results.flatMap((result) => annotationsOf(result, relativePath(cwd, result.submission)));
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

/**
 * `github`: annotations on standard output, and a table appended to $GITHUB_STEP_SUMMARY
 * (other steps write there too) when GitHub would hide some annotations.
 */
export const githubFormat: ReportFormat = {
  name: 'github',
  parts: [
    {
      scope: 'stdout',
      audience: 'student',
      wholeResults: true,
      render: (views, { cwd }) => githubAnnotations(views, cwd),
      append: (views, { cwd, env }) => {
        const file = env.GITHUB_STEP_SUMMARY;
        return file && exceedsAnnotationLimit(views, cwd) ? { file, text: githubStepSummary(views) } : null;
      },
    },
  ],
};
