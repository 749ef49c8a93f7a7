// The whole pipeline for one submission, top to bottom:
// text -> sections and claims -> for each question: region -> claim -> verdict -> score.
import { BudgetExceeded, withinBudget } from './budget.js';
import { checkExpression } from './checks/expression.js';
import { cappedSlips } from './checks/slips.js';
import { excerpt } from './excerpt.js';
import { answerKind } from './kinds/registry.js';
import { readSubmissionFile } from './files.js';
import { claimsIn, locate, regexOf, type Region } from './locate.js';
import { readDocument, SubmissionError, type Reading } from './markdown/index.js';
import { inFilePlaces, placeText } from './places.js';
import { chooseClaim, shapeOfValue } from './match.js';
import type { LoadedAnswer, LoadedQuestion, LoadedRubric } from './rubric/load.js';
import type { AnswerResult, CellPlace, Claim, GradeResult, NumericValue, ParsedSubmission, QuestionResult, Step } from './types.js';
import { sumPoints } from './values.js';

export interface SubmissionMeta {
  /** The submission's path as shown in reports. */
  submission: string;
  /** Report name without extension (`alice`, `alice/hw2`): the submission's identity (`id`). */
  name: string;
  /** The file to read when it differs from `submission` (a symlink resolved when the batch was listed). */
  readFrom?: string;
  /**
   * Wall-clock budget in ms for reading and grading (default 30 s, 0: none), enforced in
   * this thread by a watchdog that stops the stage running (budget.ts); the worker pool
   * ends a worker instead. Deterministic limits come first (SPEC §8).
   */
  timeout?: number;
}

/** `--timeout`, per submission. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Grades one submission file; a file that cannot be read gives a report with `error`.
 * @example await gradeFile(rubric, { submission: 'submissions/hw3/alice.md', name: 'alice' })
 */
export async function gradeFile(rubric: LoadedRubric, meta: SubmissionMeta): Promise<GradeResult> {
  return (await readAndGrade(rubric, meta)).result;
}

/**
 * gradeFile, also handing back its reading (null when the file could not be read or
 * parsed), for the reports rendered next: nothing is read or parsed twice.
 */
export async function readAndGrade(rubric: LoadedRubric, meta: SubmissionMeta): Promise<{ result: GradeResult; reading: Reading | null }> {
  let bytes: Buffer;
  try {
    bytes = await readSubmissionFile(meta.readFrom ?? meta.submission);
  } catch (error) {
    return { result: { ...failedResult(rubric, meta, `cannot read ${meta.submission}: ${messageOf(error)}`), ...errorCodeOf(error) }, reading: null };
  }
  return gradeReading(rubric, bytes, meta);
}

/** Grades submission content already in memory (bytes or text), within the time budget. */
export function gradeText(rubric: LoadedRubric, content: Buffer | string, meta: SubmissionMeta): GradeResult {
  return gradeReading(rubric, content, meta).result;
}

/** gradeText, also handing back the reading. */
function gradeReading(rubric: LoadedRubric, content: Buffer | string, meta: SubmissionMeta): { result: GradeResult; reading: Reading | null } {
  try {
    return withinBudget(meta.timeout ?? DEFAULT_TIMEOUT_MS, () => readAndGradeText(rubric, content, meta));
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    return { result: timedOutResult(rubric, meta, error), reading: null };
  }
}

/** The report of a submission stopped by the time budget: an error, for a TA to grade by hand. */
export function timedOutResult(rubric: LoadedRubric, meta: SubmissionMeta, error: BudgetExceeded): GradeResult {
  return { ...failedResult(rubric, meta, `${meta.submission}: timed out: grading ${error.message}. Grade it by hand`), errorCode: 'timeout' };
}

function readAndGradeText(rubric: LoadedRubric, content: Buffer | string, meta: SubmissionMeta): { result: GradeResult; reading: Reading | null } {
  let reading: Reading;
  try {
    reading = readDocument(content, { logBase: rubric.logBase, numbers: rubric.numbers });
  } catch (error) {
    return { result: { ...failedResult(rubric, meta, `${meta.submission}: ${messageOf(error)}`), ...errorCodeOf(error) }, reading: null };
  }
  try {
    return { result: gradeParsed(rubric, reading.parsed, meta), reading };
  } catch (error) {
    // A bug of ours on one odd submission must not stop the batch; the report says so.
    return { result: failedResult(rubric, meta, `${meta.submission}: internal error while grading: ${messageOf(error)}`), reading };
  }
}

/** Grades a parsed submission against a loaded rubric. */
export function gradeParsed(rubric: LoadedRubric, parsed: ParsedSubmission, meta: SubmissionMeta): GradeResult {
  const headingRegexes = rubric.questions.map((q) => (q.heading === undefined ? null : regexOf(q.heading)));
  const studentValues = new Map<string, NumericValue>();
  const questions = rubric.questions.map((question, index) => {
    const others = headingRegexes.filter((r, i): r is RegExp => r !== null && i !== index);
    return gradeQuestion(rubric, question, parsed, others, studentValues);
  });
  const answers = questions.flatMap((q) => q.answers);
  const automatic = rubric.questions.flatMap((q) => q.answers).filter((a) => !a.manual);
  const automaticIds = new Set(automatic.map((a) => a.id));
  const { slips, omitted } = cappedSlips(parsed.claims);
  return inFilePlaces({
    id: meta.name,
    submission: meta.submission,
    numberConvention: parsed.numbers.convention,
    ...(parsed.numbers.settled ? {} : { numberConventionSettled: false }),
    rubric: rubric.rubric,
    reveal: rubric.reveal,
    student: parsed.student ?? meta.name,
    score: sumPoints(answers.map((a) => a.points)),
    maxScore: sumPoints(answers.map((a) => a.maxPoints)),
    autoScore: sumPoints(answers.filter((a) => automaticIds.has(a.id)).map((a) => a.points)),
    autoMaxScore: sumPoints(automatic.map((a) => a.points)),
    error: null,
    questions,
    slips,
    ...(omitted > 0 ? { slipsOmitted: omitted } : {}),
  }, parsed.notebook);
}

function gradeQuestion(
  rubric: LoadedRubric,
  question: LoadedQuestion,
  parsed: ParsedSubmission,
  otherHeadings: RegExp[],
  studentValues: Map<string, NumericValue>,
): QuestionResult {
  const region = locate(parsed, { section: question.section, heading: question.heading, text: question.text }, otherHeadings);
  const claims = claimsIn(parsed.claims, region);
  const answers = question.answers.map((answer) => {
    const result = gradeAnswerSafely(answer, () => gradeAnswer(rubric, answer, claims, region, studentValues));
    if (typeof result.got !== 'string' && result.got !== null && result.status !== 'unreadable') {
      studentValues.set(answer.id, result.got);
    }
    return result;
  });
  return {
    id: question.id,
    ...(question.title === undefined ? {} : { title: question.title }),
    found: region.found,
    line: region.line,
    score: sumPoints(answers.map((a) => a.points)),
    maxScore: sumPoints(answers.map((a) => a.maxPoints)),
    answers,
    notes: region.notes,
  };
}

function gradeAnswer(
  rubric: LoadedRubric,
  answer: LoadedAnswer,
  claims: Claim[],
  region: Region,
  studentValues: ReadonlyMap<string, NumericValue>,
): AnswerResult {
  const base = {
    id: answer.id,
    maxPoints: answer.points,
    ...(answer.expectedValue === undefined ? {} : { expected: answer.expectedValue }),
    tolerance: answer.tolerance,
  };
  const where = region.notes.join('; ');
  if (answer.manual) {
    return { ...base, status: 'manual', reasonCode: 'manual', points: 0, got: null, reason: `graded by a TA${where ? ` (${where})` : ''}`, line: region.line, column: null, label: null, shown: null };
  }
  if (!region.found) {
    return { ...base, status: 'missing', reasonCode: 'not-located', points: 0, got: null, reason: `question not found: ${where}`, line: null, column: null, label: null, shown: null };
  }
  const shape = answer.expectedValue === undefined ? (answer.value ?? null) : shapeOfValue(answer.expectedValue);
  const choice = chooseClaim(claims, { labels: answer.labels, kind: answerKind(answer.kind).wants, shape, read: answer.read });
  if (choice.kind === 'unread') {
    const { final } = choice;
    const part = choice.from === 'output' ? "a code cell's printed output" : 'code';
    const reason = `found only in ${part} at ${placeText(final)} ("${excerpt(final.source)}"); the rubric grades the written answer`;
    return { ...base, ...cellOf(final), status: 'missing', reasonCode: 'in-code', points: 0, got: null, reason, line: final.line, column: final.column, label: choice.claim.label, shown: null };
  }
  if (choice.kind === 'none') {
    const labels = [...new Set(answer.labels)];
    const looked = labels.length > 0 ? `no claim labelled ${labels.map((l) => `"${l}"`).join(' or ')}` : 'no claim with a value';
    return { ...base, status: 'missing', reasonCode: 'no-claim', points: 0, got: null, reason: `${looked} ${where ? `(${where})` : ''}`.trim(), line: region.line, column: null, label: null, shown: null };
  }
  const { claim, final } = choice;
  const found = {
    ...cellOf(final),
    line: final.line,
    column: final.column,
    label: claim.label,
    labelText: claim.labelText,
    shown: shownSteps(claim),
    written: excerpt(final.source),
  };
  if (choice.kind === 'unreadable') {
    const written = excerpt(final.source);
    const limit = final.refusal?.limit === undefined ? {} : { limit: final.refusal.limit };
    return { ...base, ...found, status: 'unreadable', reasonCode: choice.code, points: 0, got: written, reason: `found "${written}" at ${placeText(final)} but could not read it: ${excerpt(choice.reason)}`, ...limit };
  }
  if (rubric.public) return foundResult(answer, final, { ...base, ...found });
  return answerKind(answer.kind).grade({ rubric, answer, final, found: { ...base, ...found }, studentValues });
}

/**
 * A public rubric has no expected values: an answer whose final value was read is
 * `found`. An expression is evaluated against itself, so that one `grade` could not
 * evaluate with the private rubric is `unreadable` here too.
 */
function foundResult(answer: LoadedAnswer, final: Step, found: Omit<AnswerResult, 'status' | 'reasonCode' | 'points' | 'got' | 'reason'>): AnswerResult {
  const place = `at ${final.line}:${final.column}`;
  if (answerKind(answer.kind).wants === 'expression') {
    const expr = final.expr as string;
    const self = checkExpression(expr, expr, answer.domain, answer.id);
    if (self.status === 'unreadable') return { ...found, status: 'unreadable', reasonCode: self.code, points: 0, got: found.written ?? expr, reason: `found ${found.written} ${place}: ${self.reason}` };
    return { ...found, status: 'found', reasonCode: 'read', points: 0, got: expr, reason: `found ${found.written} ${place}` };
  }
  return { ...found, status: 'found', reasonCode: 'read', points: 0, got: final.value as NumericValue, reason: `found ${found.written} ${place}` };
}

/** A notebook step's cell and raw file line, for the answer that it gives. */
function cellOf(step: Step): CellPlace {
  return step.cell === undefined ? {} : { cell: step.cell, ...(step.fileLine === undefined ? {} : { fileLine: step.fileLine }) };
}

function shownSteps(claim: Claim): string | null {
  const shown = claim.steps.slice(0, -1).map((s) => s.expr ?? s.source.trim());
  return shown.length === 0 ? null : excerpt(shown.join(' = '));
}

/** The report of a submission that could not be graded: no answers, `error` says why. */
export function failedResult(rubric: LoadedRubric, meta: SubmissionMeta, error: string): GradeResult {
  const answers = rubric.questions.flatMap((q) => q.answers);
  return {
    id: meta.name,
    submission: meta.submission,
    numberConvention: rubric.numbers ?? 'decimal-point',
    rubric: rubric.rubric,
    reveal: rubric.reveal,
    student: meta.name,
    score: 0,
    maxScore: sumPoints(answers.map((a) => a.points)),
    autoScore: 0,
    autoMaxScore: sumPoints(answers.filter((a) => !a.manual).map((a) => a.points)),
    error,
    questions: [],
    slips: [],
  };
}






/** The stable id of a file markgrade refused (binary, encoding, a limit's code), for the report's `errorCode`. */
function errorCodeOf(error: unknown): { errorCode?: string } {
  return error instanceof SubmissionError ? { errorCode: error.code } : {};
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One answer's grading. A computation on a value the student chose (its shape or type)
 * must not end the submission: an error there makes this answer `incorrect` with
 * `shape-mismatch` when it is about shapes, else `unreadable` with `error`; the other
 * answers are graded as usual.
 */
function gradeAnswerSafely(answer: LoadedAnswer, grade: () => AnswerResult): AnswerResult {
  try {
    return grade();
  } catch (error) {
    const shape = isShapeError(error);
    return {
      id: answer.id,
      maxPoints: answer.points,
      ...(answer.expectedValue === undefined ? {} : { expected: answer.expectedValue }),
      status: shape ? 'incorrect' : 'unreadable',
      reasonCode: shape ? 'shape-mismatch' : 'error',
      points: 0,
      got: null,
      reason: `${shape ? 'shapes do not fit' : 'could not be graded'}: ${error instanceof Error ? error.message : String(error)}`,
      line: null,
      column: null,
      label: null,
      shown: null,
    };
  }
}

/** mathjs's errors about sizes and shapes (DimensionError, "Matrix must be square", …). */
function isShapeError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'DimensionError' || /dimension|must be square|size|shape|mismatch/i.test(error.message);
}
