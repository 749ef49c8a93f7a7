// The report formats. A reporter turns results into text; the CLI writes the files.
export { jsonReport } from './json.js';
export { gradebookCsv } from './csv.js';
export { summarise, summaryJson, type Summary } from './summary.js';
export { terminalReport, type Reveal, type TerminalOptions } from './terminal.js';

/** Formats `grade --format` accepts; json, csv and summary.json are always written. */
export const FORMATS = ['terminal', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
