// The report formats. A reporter turns results into text; the CLI writes the files.
export { jsonReport } from './json.js';
export { gradebookCsv } from './csv.js';
export { summarise, summaryJson, type Summary } from './summary.js';
export { terminalReport, type Reveal, type TerminalOptions } from './terminal.js';
export { markdownReport } from './markdown.js';
export { htmlReport } from './html.js';
export { reportSourceOf, type ReportSource } from './report-source.js';
export { junitReport } from './junit.js';
export { githubAnnotations } from './github.js';
export { gradescopeResults } from './gradescope.js';
export { summaryHtml } from './summary-html.js';

/** Formats `grade --format` accepts; json, csv and summary.json are always written. */
export const FORMATS = ['terminal', 'json', 'md', 'html', 'junit', 'csv', 'github', 'gradescope'] as const;
export type Format = (typeof FORMATS)[number];
