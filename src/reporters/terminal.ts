// The terminal reporter: one line per submission, and for a single submission (or with
// `details`) one line per answer. Colour only when asked (the CLI decides: TTY, NO_COLOR).
import type { AnswerResult, GradeResult, Status } from '../types.js';
import { describeSlip, STATUS_SYMBOL } from './text.js';

export type Reveal = 'found' | 'verdict' | 'all';

export interface TerminalOptions {
  color: boolean;
  details: boolean;
  /** What a student may see (SPEC §4 `reveal`); a TA's run shows everything. */
  reveal: Reveal;
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

export function terminalReport(results: GradeResult[], options: TerminalOptions): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const result of results) {
    const score = options.reveal === 'found' ? '' : `  ${fmt(result.score)}/${fmt(result.maxScore)}`;
    lines.push(`${result.submission}${score}${result.error ? '  ' + paint(31, 'error: ' + result.error) : ''}`);
    if (!options.details) continue;
    for (const question of result.questions) {
      const qScore = options.reveal === 'found' ? '' : `  ${fmt(question.score)}/${fmt(question.maxScore)}`;
      lines.push(`  ${question.id}${qScore}${question.found ? '' : '  (not found)'}`);
      for (const note of question.notes ?? []) lines.push(`    · ${note}`);
      for (const answer of question.answers) {
        const status = visibleStatus(answer, options.reveal);
        const color = COLOR[status];
        const symbol = STATUS_SYMBOL[status];
        lines.push(`    ${paint(color, symbol + ' ' + status.padEnd(10))} ${answer.id}  ${visibleReason(answer, options.reveal)}`);
        if (options.reveal === 'all' && answer.feedback) lines.push(`      ${answer.feedback}`);
      }
    }
    for (const slip of result.slips) {
      lines.push(`  ${paint(33, 'slip')} line ${slip.line}: ${describeSlip(slip)}`);
    }
  }
  const manual = results.flatMap((r) =>
    r.questions.flatMap((q) => q.answers.filter((a) => a.status === 'manual').map(() => `${r.submission} ${q.id}`)),
  );
  if (results.length > 1) {
    const total = results.reduce((sum, r) => sum + r.score, 0);
    const errors = results.filter((r) => r.error).length;
    lines.push('', `${results.length} submissions, mean ${fmt(total / results.length)}, ${errors} with errors`);
  }
  if (manual.length > 0 && options.reveal !== 'found') {
    lines.push('', `manual review (${manual.length}):`, ...unique(manual).map((m) => `  ${m}`));
  }
  return lines.join('\n') + '\n';
}

/** With `reveal: found` a student learns only whether each answer was found and read. */
function visibleStatus(answer: AnswerResult, reveal: Reveal): Status {
  if (reveal !== 'found') return answer.status;
  if (answer.status === 'missing' || answer.status === 'unreadable' || answer.status === 'manual') return answer.status;
  return 'found';
}

function visibleReason(answer: AnswerResult, reveal: Reveal): string {
  if (reveal === 'all') return answer.reason;
  const place = answer.line === null ? '' : ` at ${answer.line}:${answer.column}`;
  switch (answer.status) {
    case 'missing':
    case 'unreadable':
    case 'manual':
      return answer.reason;
    default:
      return `read ${show(answer.got)}${place}`;
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
