// One submission's report as JSON (SPEC §7): field names are the contract.
import type { GradeResult } from '../types.js';
import type { ReportFormat } from './format.js';

export function jsonReport(result: GradeResult): string {
  return jsonText(result);
}

/** markgrade's JSON files: two-space indent, a final newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** `json`: every submission's report and summary.json, always written: the TA's record. */
export const jsonFormat: ReportFormat = {
  name: 'json',
  always: true,
  parts: [
    { scope: 'submission', audience: 'ta', extension: '.json', render: jsonReport },
    { scope: 'batch', audience: 'ta', file: 'summary.json', render: (_, { summary }) => jsonText(summary) },
  ],
};
