// markgrade's public API: everything the CLI does, a library user can do. Importing this
// module has no side effects (it prints nothing, reads nothing, starts nothing).
//
//   import { loadRubric, gradeText, gradeAll, gradeEach, writeBatch } from 'markgrade';
//   const rubric = await loadRubric('rubrics/hw3.yaml');
//   const result = gradeText(rubric, '1. accuracy = 0.87\n', { submission: 'alice.md', name: 'alice' });
//   const graded = await gradeAll(rubric, ['submissions/hw3']);
//   await writeBatch('reports/hw3', rubric, gradeEach(rubric, ['submissions/hw3']), ['md', 'html']);

// Rubrics
export { loadRubric, parseRubric, type LoadedRubric, type LoadedQuestion, type LoadedAnswer, type LoadedMistake } from './rubric/load.js';
export { RubricError, type RubricIssue } from './rubric/errors.js';
export type { Rubric, Question, Answer, Mistake, Domain, Unit } from './rubric/schema.js';

// Grading one submission
export { gradeText, gradeFile, gradeParsed, type SubmissionMeta } from './grade.js';
export { readSubmission, type ReadOptions } from './markdown/index.js';

// Grading a batch and writing its files
export { gradeAll, gradeEach, gradeBatch, writeBatch, writeMerged, batchWarnings, reportPath, type GradeAllOptions, type BatchOptions, type BatchOutcome, type Graded } from './batch.js';
export { defaultJobs, type PoolOptions } from './pool.js';
export { OutputFolder, MANIFEST } from './writer.js';
export { listSubmissions, UsageError, type SubmissionFile, type DiscoveryOptions } from './files.js';
export { listAssignments, type Assignment } from './course.js';
export { loadOverrides, checkOverrides, applyOverrides, type Override, type Overrides, type OverridesFile } from './overrides.js';
export { collectReports } from './merge.js';
export { checkSubmission, watchSubmission, allRead, type CheckOutcome } from './check.js';

// The command line as a function: its streams in, its exit code out
export { createCli, type Cli, type CliOptions, type CliOutput } from './cli.js';

// Reports: each reporter turns results into text; the caller writes the files
export {
  jsonReport,
  gradebookCsv,
  summarise,
  summaryJson,
  terminalReport,
  markdownReport,
  htmlReport,
  junitReport,
  githubAnnotations,
  gradescopeResults,
  summaryHtml,
  FORMATS,
  registerFormat,
  formatNames,
  loadFormats,
  renderSubmissionFiles,
  renderBatchFiles,
  renderStdout,
  type Format,
  type ReportFormat,
  type FormatPart,
  type Audience,
  type SubmissionPart,
  type BatchPart,
  type StdoutPart,
  type SubmissionContext,
  type BatchContext,
  type StdoutContext,
  type Summary,
  type TerminalOptions,
} from './reporters/index.js';
export { forStudent, viewFor, type Levels, type Reveal } from './reporters/reveal.js';
export type { ReportSource, ReportImage } from './reporters/report-source.js';

// Plain data passed between the stages and found in the reports
export type {
  AnswerResult,
  Block,
  Claim,
  DiagnosisId,
  GradeResult,
  Heading,
  NumericValue,
  ParsedSubmission,
  Place,
  QuestionResult,
  ReasonCode,
  Refusal,
  RefusalCode,
  Section,
  Slip,
  SlipCode,
  Status,
  Step,
  Tolerance,
} from './types.js';
