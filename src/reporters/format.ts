// What a report format is (reporters/registry.ts lists them): a name and its parts, one
// per place it writes to — a file beside each submission's report, a file for the whole
// batch, or the standard output. Each part says who reads it: a student's part is given
// results already cut to what the `reveal` level allows (reveal.ts `viewFor`), a TA's
// part the whole results. A part renders text, synchronously (so that --timeout's
// watchdog can stop it); the caller writes it.
import type { GradeResult } from '../types.js';
import type { ReportSource } from './report-source.js';
import type { Summary } from './summary.js';

/** Who reads a part: `student` parts only ever see a student's view. */
export type Audience = 'student' | 'ta';

/** A file per submission, `<report name><extension>`. */
export interface SubmissionPart {
  scope: 'submission';
  audience: Audience;
  /** `.md`, `.results.json`: appended to the report name. */
  extension: string;
  render(result: GradeResult, context: SubmissionContext): string;
}

export interface SubmissionContext {
  /**
   * The submission as grading read it (its text, formulas and images; empty when it could
   * not be read), for a part that shows it: asked for only then, and never parsed again.
   */
  source: () => ReportSource;
}

/** One file for the whole batch at the top of `--out`, written after every submission. */
export interface BatchPart {
  scope: 'batch';
  audience: Audience;
  /** `junit.xml`: the file's name under `--out`. */
  file: string;
  /** Renders each answer's reason and place, so the batch keeps whole results for it (memory grows with the class). */
  wholeResults?: boolean;
  render(results: GradeResult[], context: BatchContext): string;
}

export interface BatchContext {
  /** summarise() of the batch's (TA) results, computed once for every batch part. */
  summary: Summary;
}

/** Text on standard output after the batch (annotations, the terminal table). */
export interface StdoutPart {
  scope: 'stdout';
  audience: Audience;
  wholeResults?: boolean;
  render(results: GradeResult[], context: StdoutContext): string;
  /** Text appended to a file outside `--out` that the environment names (GitHub's $GITHUB_STEP_SUMMARY), or null. */
  append?(results: GradeResult[], context: StdoutContext): { file: string; text: string } | null;
}

export interface StdoutContext {
  /** Paths in the output are relative to it. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  color: boolean;
  /** One line per answer, not only per submission. */
  details: boolean;
}

export type FormatPart = SubmissionPart | BatchPart | StdoutPart;
export type Scope = FormatPart['scope'];

export interface ReportFormat {
  /** The `--format` name. */
  name: string;
  /** Written whatever `--format` says (json reports, summary.json, gradebook.csv). */
  always?: boolean;
  parts: readonly FormatPart[];
  /**
   * Loads what the parts render with, awaited before the first render (registry.ts
   * `loadFormats`): a heavy renderer (html: KaTeX) is then loaded only by runs that use it.
   */
  load?(): Promise<void>;
}
