// The report formats. A reporter turns results into text; the CLI writes the files.
// registry.ts lists the formats (`--format` names) and the parts each one writes.
export { jsonReport } from './json.js';
export { gradebookCsv } from './csv.js';
export { summarise, summaryJson, type Summary } from './summary.js';
export { terminalReport, type Reveal, type TerminalOptions } from './terminal.js';
export { markdownReport } from './markdown.js';
export { htmlReport } from './html.js';
export { reportSourceOf, reportSourceOfReading, type ReportSource } from './report-source.js';
export { junitReport } from './junit.js';
export { githubAnnotations } from './github.js';
export { gradescopeResults } from './gradescope.js';
export { summaryHtml } from './summary-html.js';
export * from './registry.js';
