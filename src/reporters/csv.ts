// The gradebook: one row per submission keyed by its id (the report name; SPEC §3), the
// display name, the total, then one column per question (SPEC §7).
import type { GradeResult } from '../types.js';
import type { ReportFormat } from './format.js';
import { unique } from '../values.js';

export function gradebookCsv(results: GradeResult[]): string {
  const questionIds = unique(results.flatMap((r) => r.questions.map((q) => q.id)));
  const header = ['id', 'student', 'submission', 'score', 'maxScore', ...questionIds, 'error'];
  const rows = results.map((result) => {
    const byId = new Map(result.questions.map((q) => [q.id, q.score]));
    return [
      textCell(result.id),
      textCell(result.student),
      textCell(result.submission),
      result.error === null ? formatNumber(result.score) : '', // not graded: no score, not a 0
      formatNumber(result.maxScore),
      ...questionIds.map((id) => (byId.has(id) ? formatNumber(byId.get(id)!) : '')),
      textCell(result.error ?? ''),
    ];
  });
  return [header.map(textCell), ...rows].map((row) => row.map(quoted).join(',')).join('\n') + '\n';
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP's list, plus the
 * full-width forms some spreadsheets fold to them), after any leading blanks or controls.
 */
const FORMULA_START = /^[\s\u0000-\u001f]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

/**
 * A text cell a spreadsheet shows as text: one that could start a formula gets a leading
 * `'` — whatever follows, so `-1+1+cmd|' /C calc'!A0` is neutralised too. Scores never
 * pass through here: they are numbers and stay numbers.
 * @example textCell("=HYPERLINK(\"x\")") // "'=HYPERLINK(\"x\")"
 */
export function textCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quoted(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function formatNumber(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/** `csv`: the gradebook, always written. */
export const csvFormat: ReportFormat = {
  name: 'csv',
  always: true,
  parts: [{ scope: 'batch', audience: 'ta', file: 'gradebook.csv', render: gradebookCsv }],
};
