// The gradebook: one row per submission keyed by its id (the report name; SPEC §3), the
// display name, the total, then one column per question (SPEC §7).
import type { GradeResult } from '../types.js';

export function gradebookCsv(results: GradeResult[]): string {
  const questionIds = unique(results.flatMap((r) => r.questions.map((q) => q.id)));
  const header = ['id', 'student', 'submission', 'score', 'maxScore', ...questionIds, 'error'];
  const rows = results.map((result) => {
    const byId = new Map(result.questions.map((q) => [q.id, q.score]));
    return [
      result.id,
      result.student,
      result.submission,
      result.error === null ? formatNumber(result.score) : '', // not graded: no score, not a 0
      formatNumber(result.maxScore),
      ...questionIds.map((id) => (byId.has(id) ? formatNumber(byId.get(id)!) : '')),
      result.error ?? '',
    ];
  });
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

function csvCell(value: string): string {
  // A leading = + - @ would be run as a formula by spreadsheets: quote it away.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function formatNumber(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
