// The terminal reporter: one line per submission, and for a single submission (or with
// `details`) one line per answer: its status, where it was read, the label it matched
// and the value as written and as read (`0,82 → 0.82`). What it shows of verdicts is
// what the result holds: a student's view (reveal.ts) has had the secrets removed.
// Colour only when asked (the CLI decides: TTY, NO_COLOR).
import type { AnswerResult, GradeResult, Status } from '../types.js';
import { levelOf, showsPoints } from './reveal.js';
import { describeSlip, moreSlips, formatPoints, showValue, STATUS_SYMBOL, escapeTerminalLine } from './text.js';
import type { ReportFormat } from './format.js';
import { unique } from '../values.js';

export type { Reveal } from './reveal.js';

export interface TerminalOptions {
  color: boolean;
  details: boolean;
}

const COLOR: Record<Status, number> = {
  correct: 32,
  partial: 33,
  incorrect: 31,
  missing: 35,
  unreadable: 35,
  manual: 36,
  found: 32,
};

/**
 * Results as terminal lines.
 * @example terminalReport([result], { color: false, details: true })
 * // 'submissions/sam.md  2/3\n  q1  2/3\n    ✓ correct    precision_A  at 6:42 "Precision_A": 0.8\n…'
 */
export function terminalReport(results: GradeResult[], options: TerminalOptions): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const result of results) {
    const points = showsPoints(result);
    const score = points ? `  ${formatPoints(result.score)}/${formatPoints(result.maxScore)}` : '';
    lines.push(`${safe(result.submission)}${score}${result.error ? '  ' + paint(31, 'error: ' + safe(result.error)) : ''}`);
    if (!options.details) continue;
    for (const question of result.questions) {
      const qScore = points ? `  ${formatPoints(question.score)}/${formatPoints(question.maxScore)}` : '';
      const where = question.found ? (question.line === null ? '' : `  (line ${question.line})`) : '  (not found)';
      lines.push(`  ${safe(question.id)}${qScore}${where}`);
      for (const note of question.notes ?? []) lines.push(`    · ${safe(note)}`);
      for (const answer of question.answers) {
        const status = answer.status;
        const head = paint(COLOR[status], `${STATUS_SYMBOL[status]} ${status.padEnd(10)}`);
        lines.push(`    ${head} ${safe(answer.id)}  ${answerLine(answer, levelOf(result) === 'all')}`);
        if (answer.feedback) lines.push(`      ${safe(answer.feedback)}`);
      }
    }
    for (const slip of result.slips) {
      lines.push(`  ${paint(33, 'slip')} line ${slip.line}: ${safe(describeSlip(slip))}`);
    }
    const more = moreSlips(result);
    if (more !== null) lines.push(`  ${paint(33, 'slip')} ${more}`);
  }
  const manual = results.flatMap((r) =>
    r.questions.flatMap((q) => q.answers.filter((a) => a.status === 'manual').map(() => `${r.submission} ${q.id}`)),
  );
  if (results.length > 1) {
    const total = results.reduce((sum, r) => sum + r.score, 0);
    const errors = results.filter((r) => r.error).length;
    lines.push('', `${results.length} submissions, mean ${formatPoints(total / results.length)}, ${errors} with errors`);
  }
  if (manual.length > 0 && results.every(showsPoints)) {
    lines.push('', `manual review (${manual.length}):`, ...unique(manual).map((m) => `  ${safe(m)}`));
  }
  return lines.join('\n') + '\n';
}

/**
 * Where the answer was read, the label it matched and the value written → as read;
 * the reason too when the view shows everything or nothing was read.
 */
function answerLine(answer: AnswerResult, full: boolean): string {
  const read = answer.status !== 'missing' && answer.status !== 'manual' && answer.line !== null && answer.column !== null;
  const parts: string[] = [];
  if (read) {
    const label = answer.labelText ? ` "${answer.labelText}"` : answer.label ? ` "${answer.label}"` : '';
    parts.push(`at ${answer.line}:${answer.column}${label}: ${valueAsRead(answer)}`);
  }
  if (full || !read || answer.status === 'unreadable') parts.push(answer.reason);
  return safe(parts.join('  — '));
}

/** `0,82 → 0.82`: the value as written and, when it reads differently, as read. */
function valueAsRead(answer: AnswerResult): string {
  if (answer.status === 'unreadable') return answer.written ?? showValue(answer.got);
  const value = showValue(withoutFloatNoise(answer.got));
  if (answer.written === undefined || answer.written === value) return value;
  return `${answer.written} → ${value}`;
}

/** 0.8220000000000001 as 0.822: the value read, not the float arithmetic that produced it. */
function withoutFloatNoise(value: AnswerResult['got']): AnswerResult['got'] {
  const clean = (x: number) => Number(x.toPrecision(12));
  if (typeof value === 'number') return clean(value);
  if (Array.isArray(value)) return value.map((row) => (Array.isArray(row) ? row.map(clean) : clean(row))) as AnswerResult['got'];
  return value;
}

/** Student text on one terminal line: control characters shown escaped, no line breaks. */
function safe(text: string): string {
  return escapeTerminalLine(text);
}

/** `terminal`: the TA's table on standard output. */
export const terminalFormat: ReportFormat = {
  name: 'terminal',
  parts: [{ scope: 'stdout', audience: 'ta', render: (results, { color, details }) => terminalReport(results, { color, details }) }],
};
