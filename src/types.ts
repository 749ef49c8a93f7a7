// Plain data passed between the stages: text -> sections -> claims -> verdicts -> report.
// No stage reaches back into an earlier one; each takes and returns these shapes.
import type { LimitCode } from './limits.js';

/** A number, a vector or a matrix (row-major), as compared by the checks. */
export type NumericValue = number | number[] | number[][];

/** 1-based line and column in the submission file. */
export interface Place {
  line: number;
  column: number;
}

/**
 * Where a line of a notebook comes from: the cell (1-based over all cells), the line
 * inside it (or inside the printed output it belongs to), and the line of the raw
 * `.ipynb` file (where GitHub annotations and JUnit point).
 */
export interface NotebookPlace {
  cell: number;
  line: number;
  fileLine: number;
}

/** For notebooks, beside `line`: the cell and the line of the raw `.ipynb` (see NotebookPlace). */
export interface CellPlace {
  cell?: number;
  fileLine?: number;
}

// ---------------------------------------------------------------- reading a submission

/** A numbered or lettered part of the submission ("2.a", "2.2.c", "12.b"). */
export interface Section {
  /** Normalised path: numbers and lowercase letters joined by "."; "" before any marker. */
  path: string;
  /** The topic line (or heading) under which this numbering runs, if any. */
  topic: string | null;
  /** The marker as written, e.g. "Ans 2.2.c>", "(a)", "Q 2". */
  marker: string;
  line: number;
  column: number;
  /** Last line (inclusive) that belongs to this section. */
  endLine: number;
}

/** A topic line or Markdown heading: the places `heading:` locators search. */
export interface Heading {
  text: string;
  /** Markdown heading depth 1..6; 0 for a topic line (a short paragraph). */
  depth: number;
  line: number;
}

/** One block of text (paragraph, math block, table row, list item) with where it lives. */
export interface Block {
  text: string;
  line: number;
  endLine: number;
  section: string;
  topic: string | null;
}

// ---------------------------------------------------------------- reasons

/**
 * Why a step could not be given a value, as a stable id (the shared vocabulary of
 * SPEC §7). An answer whose final step is refused carries the same id as `reasonCode`.
 */
export type RefusalCode =
  /** Not math markgrade can read (an unknown symbol, a malformed expression). */
  | 'unreadable-value'
  /** A number with two readings (`1{,}234`: thousands or a decimal comma?). */
  | 'ambiguous-number'
  /** Two values offered for one step (`0.76 or 0.9`, `0.76, 0.9`). */
  | 'two-values'
  /** The value is inside a code block or code output, not the answer text. */
  | 'in-code'
  /** A size, depth or magnitude bound was reached. */
  | 'limit'
  /** Shapes that do not fit (a product of two column vectors, the inverse of a 2×3 matrix). */
  | 'shape-mismatch'
  /** A name with no value (`x + 1` where a number was wanted). */
  | 'free-variable'
  /** Derivative or other calculus notation: a derivation step, not a value. */
  | 'calculus'
  /** `…`: an elided step. */
  | 'ellipsis';

/** Why a step could not be given a value. */
export type Refusal = {
  kind: 'calculus' | 'ellipsis' | 'unreadable' | 'limit';
  code: RefusalCode;
  reason: string;
  /** With kind `limit`: the code of the limit passed (src/limits.ts), when known. */
  limit?: LimitCode;
};

/**
 * Why an answer got its status, as a stable id: what tools count and tests assert on.
 * `reason` says the same in prose, with places, for people.
 */
export type ReasonCode =
  // number answers
  | 'within-tolerance'
  | 'outside-tolerance'
  /** The expected value correctly rounded, but to fewer decimals than the tolerance allows. */
  | 'too-few-digits'
  // expression answers
  | 'equivalent'
  | 'not-equivalent'
  /** Too few random points gave finite values for both expressions. */
  | 'undecidable'
  // either kind
  | 'known-mistake'
  | 'follow-through'
  | 'manual'
  /** The question's section or heading is not in the submission. */
  | 'not-located'
  /** No claim with the answer's label (or none with a value) in the question's region. */
  | 'no-claim'
  /** The labelled claim has derivation steps but no final value. */
  | 'no-final-value'
  /** Grading this one answer took too long or failed inside markgrade. */
  | 'timeout'
  | 'error'
  /** Only in a student's view whose `reveal` hides why: the answer was found and read. */
  | 'read'
  | RefusalCode;

/** One shown step of a chain `label = step = step = final`. In a notebook `line` is inside `cell`. */
export interface Step extends CellPlace {
  /** The text the student wrote for this step (LaTeX or plain text). */
  source: string;
  line: number;
  column: number;
  /** The step as a mathjs expression string, or null when it could not be converted. */
  expr: string | null;
  /** Free variables of `expr` (normalised names, e.g. "x_i", "yhat"). */
  symbols: string[];
  /** The numeric value when `expr` has no free variables and evaluates, else null. */
  value: NumericValue | null;
  /** Written as a percentage (`71 %`, `71\%`): `value` is already divided by 100. */
  percent: boolean;
  /**
   * Digits written after the decimal point when the step is a plain number; for a vector
   * or matrix of plain numbers, the fewest among its elements; else null.
   */
  decimals: number | null;
  refusal: Refusal | null;
  /** When the step has a `\log` without a base: the step read with it in base 10 and 2 (slips' diagnosis). */
  logReadings?: LogReading[];
}

/** A step with its bare `\log` read in another base than the rubric's. */
export interface LogReading {
  base: 10 | 2;
  /** The mathjs expression under that base. */
  expr: string;
}

/** A labelled chain of steps found in the submission: `Precision_A = 50/61 = 0.82`. */
export interface Claim {
  /** Normalised label (SPEC §5), "" when the chain has none. */
  label: string;
  /** The label as written. */
  labelText: string;
  section: string;
  topic: string | null;
  /** The steps after the label, in order; the last one is the final value. */
  steps: Step[];
  /**
   * Place of the final step. In a notebook, the line of the notebook read as one Markdown
   * document (regions and order use it); `cell` and `cellLine` say where it is in the cell.
   */
  line: number;
  column: number;
  cell?: number;
  cellLine?: number;
  origin: 'text' | 'table';
  /**
   * Read from a program (`code`: a fenced block or a notebook's code cell) or from what it
   * printed (`output`); absent for the student's written text. Only rubrics that ask for
   * them (`read: [text, output]`) grade such claims.
   */
  from?: 'code' | 'output';
}

/** How a document writes decimals (SPEC §5). */
export type NumberConvention = 'decimal-point' | 'decimal-comma';

/**
 * A formula as the reader read it, by offsets into the decoded text (for a notebook, its
 * Markdown view): delimiters at `open`…`contentStart` and `contentEnd`…`end`.
 */
export interface FormulaPlace {
  open: number;
  contentStart: number;
  contentEnd: number;
  end: number;
  display: boolean;
}

/** An image `![alt](url)` or `![alt][ref]` (offsets of the whole of it): never read, never loaded. */
export interface ImagePlace {
  start: number;
  end: number;
  alt: string;
}

export interface ParsedSubmission {
  /** Front matter `student:`, if any. */
  student: string | null;
  /**
   * The document's number convention, from its own math (or the rubric's `numbers`);
   * `settled: false` when it writes both kinds of decimals or none.
   */
  numbers: { convention: NumberConvention; settled: boolean };
  sections: Section[];
  headings: Heading[];
  blocks: Block[];
  claims: Claim[];
  /** Every formula the claims were read from (display and inline), in document order: what a report shows as math. */
  math: FormulaPlace[];
  /** Images, in document order (a report shows their alt text). */
  images: ImagePlace[];
  /**
   * For a notebook: its cell count and the place of every line of the Markdown view the
   * reader read (index = line - 1). Sections, headings, blocks and claims count lines of
   * that view; steps are already in cell lines.
   */
  notebook?: { cells: number; places: NotebookPlace[] };
}

// ---------------------------------------------------------------- grading

export type Status = 'correct' | 'partial' | 'incorrect' | 'missing' | 'unreadable' | 'manual' | Hidden;

/** Only in a student's view with `reveal: found`: the answer was found and read. */
export type Hidden = 'found';

export interface Tolerance {
  abs?: number;
  rel?: number;
  decimals?: number;
  sigfigs?: number;
}

export interface Slip extends CellPlace {
  line: number;
  column: number;
  shown: string;
  /** What the earlier step really evaluates to. */
  value: NumericValue;
  /** What the student wrote next. */
  wrote: NumericValue;
  /**
   * `arithmetic-slip`, or the misreading the chain is consistent with (`log-base-10`);
   * absent in a student's view, which hides diagnoses.
   */
  reasonCode?: SlipCode;
  /** Set when the chain is consistent under a known misreading (`\log` as base 10): why, in prose. */
  diagnosis?: string;
}

export type SlipCode = 'arithmetic-slip' | 'log-base-10' | 'log-base-2';

/** Built-in diagnoses of a wrong value (`checks/diagnoses.ts`): the known mistake it matches. */
export type DiagnosisId =
  | 'precision-recall-swapped'
  | 'log-base-10'
  | 'log-base-2'
  | 'transposed-operand'
  | 'sum-not-mean'
  | 'sign-flipped';

export interface AnswerResult extends CellPlace {
  id: string;
  status: Status;
  points: number;
  maxPoints: number;
  got: NumericValue | string | null;
  expected?: NumericValue | string;
  tolerance?: Tolerance;
  interval?: [number, number] | Array<[number, number]> | Array<Array<[number, number]>>;
  /** Why, as a stable id; `reason` says it in prose for people. */
  reasonCode: ReasonCode;
  /** A wrong value that matches a built-in diagnosis: which one (its advice is in `feedback`). */
  diagnosis?: DiagnosisId;
  /** A credited or known mistake it matches: its index in the rubric answer's `mistakes`. */
  mistake?: number;
  reason: string;
  line: number | null;
  column: number | null;
  label: string | null;
  /** The matched claim's label as the student wrote it. */
  labelText?: string;
  shown: string | null;
  /** The final value as the student wrote it (quoted, capped): `0,82` beside `got` 0.82. */
  written?: string;
  /** Which reading of a bare number or percentage was used. */
  reading?: 'fraction' | 'percent';
  feedback?: string;
  /** An unreadable answer whose claim passed one of the limits (src/limits.ts): its code. */
  limit?: LimitCode;
  /** Points a TA set by hand (`--overrides`); `points` already holds them. */
  override?: { points: number; note?: string };
}

export interface QuestionResult extends CellPlace {
  id: string;
  title?: string;
  found: boolean;
  line: number | null;
  score: number;
  maxScore: number;
  answers: AnswerResult[];
  /** Where markgrade looked, and other notes (e.g. the path also exists under another topic). */
  notes?: string[];
}

/** What a student may see (SPEC §4): found, verdict (+ right/wrong, points), all (+ expected, feedback). */
export type Reveal = 'found' | 'verdict' | 'all';

export interface GradeResult {
  /** The path-derived report name (`alice`, `alice/hw2`): identity for overrides and the gradebook. */
  id: string;
  submission: string;
  /** How the submission writes decimals (its own math, or the rubric's `numbers`). */
  numberConvention: NumberConvention;
  /** Present when the submission writes both kinds of decimals, or none: numbers that read differently were refused. */
  numberConventionSettled?: false;
  rubric: string;
  /** The rubric's `reveal`, recorded so that `merge` writes student files as `grade` would. */
  reveal?: Reveal;
  /** Set on a student's view (reporters/reveal.ts): the level it was cut to. Absent: everything. */
  view?: Reveal;
  /** Display name: front matter `student:`, else the id. Never used to match anything. */
  student: string;
  score: number;
  maxScore: number;
  /** Points of automatically graded answers only (for --fail-under). */
  autoScore: number;
  autoMaxScore: number;
  error: string | null;
  /** Why the submission could not be graded, as a stable id: `binary`, `encoding`, or a limit's code. */
  errorCode?: string;
  questions: QuestionResult[];
  /** At most the `slips` limit (src/limits.ts) of them; the rest are counted in `slipsOmitted`. */
  slips: Slip[];
  /** Slips found beyond the cap and not listed (reports say "and N more"). */
  slipsOmitted?: number;
}
