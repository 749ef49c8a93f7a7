// The whole pipeline for one submission, top to bottom:
// text -> sections and claims -> for each question: region -> claim -> verdict -> score.
import { diagnose, matchDiagnosis, type Diagnosis } from './checks/diagnoses.js';
import { checkExpression } from './checks/expression.js';
import { checkNumber } from './checks/number.js';
import { cappedSlips } from './checks/slips.js';
import { withinTolerance } from './checks/tolerance.js';
import { evaluate } from './engine/index.js';
import { toNumericValue } from './engine/plain.js';
import { excerpt } from './excerpt.js';
import { readSubmissionFile } from './files.js';
import { claimsIn, locate, regexOf, type Region } from './locate.js';
import { MAX_NOTEBOOK_BYTES, readSubmission, SubmissionError } from './markdown/index.js';
import { inFilePlaces, placeText } from './places.js';
import { chooseClaim, shapeOfValue } from './match.js';
import type { LoadedAnswer, LoadedQuestion, LoadedRubric } from './rubric/load.js';
import type { AnswerResult, CellPlace, Claim, GradeResult, NumericValue, ParsedSubmission, QuestionResult, Step } from './types.js';
import { flatten, isZero, roundPoints, sameElements, sumPoints } from './values.js';

export interface SubmissionMeta {
  /** The submission's path as shown in reports. */
  submission: string;
  /** Report name without extension (`alice`, `alice/hw2`): the submission's identity (`id`). */
  name: string;
  /** The file to read when it differs from `submission` (a symlink resolved when the batch was listed). */
  readFrom?: string;
  /**
   * Wall-clock budget in ms (default 30 s, 0: none). In this thread it is checked between
   * stages (after reading, after each question), so one stage can overrun it; the worker
   * pool enforces it by ending the worker. Deterministic limits come first (SPEC §8).
   */
  timeout?: number;
}

/** `--timeout`, per submission. */
export const DEFAULT_TIMEOUT_MS = 30_000;

class TimeoutError extends Error {}

/**
 * Grades one submission file; a file that cannot be read gives a report with `error`.
 * @example await gradeFile(rubric, { submission: 'submissions/hw3/alice.md', name: 'alice' })
 */
export async function gradeFile(rubric: LoadedRubric, meta: SubmissionMeta): Promise<GradeResult> {
  return (await readAndGrade(rubric, meta)).result;
}

/** gradeFile, also handing back the bytes it read (null when it could not read them), for the reports rendered next. */
export async function readAndGrade(rubric: LoadedRubric, meta: SubmissionMeta): Promise<{ result: GradeResult; bytes: Buffer | null }> {
  let bytes: Buffer;
  try {
    // A notebook stores its plots inline: the text-read limit applies after they are dropped.
    const file = meta.readFrom ?? meta.submission;
    bytes = await readSubmissionFile(file, /\.ipynb$/i.test(file) ? MAX_NOTEBOOK_BYTES : undefined);
  } catch (error) {
    return { result: { ...failedResult(rubric, meta, `cannot read ${meta.submission}: ${messageOf(error)}`), ...errorCodeOf(error) }, bytes: null };
  }
  return { result: gradeText(rubric, bytes, meta), bytes };
}

/** Grades submission content already in memory (bytes or text). */
export function gradeText(rubric: LoadedRubric, content: Buffer | string, meta: SubmissionMeta): GradeResult {
  const budget = meta.timeout ?? DEFAULT_TIMEOUT_MS;
  const deadline = budget > 0 ? Date.now() + budget : Number.POSITIVE_INFINITY;
  let parsed: ParsedSubmission;
  try {
    parsed = readSubmission(content, { logBase: rubric.logBase, numbers: rubric.numbers });
  } catch (error) {
    return { ...failedResult(rubric, meta, `${meta.submission}: ${messageOf(error)}`), ...errorCodeOf(error) };
  }
  try {
    return gradeParsed(rubric, parsed, meta, deadline);
  } catch (error) {
    if (error instanceof TimeoutError) {
      return { ...failedResult(rubric, meta, `${meta.submission}: timed out: grading took longer than ${budget / 1000} s (--timeout). Grade it by hand`), errorCode: 'timeout' };
    }
    // A bug of ours on one odd submission must not stop the batch; the report says so.
    return failedResult(rubric, meta, `${meta.submission}: internal error while grading: ${messageOf(error)}`);
  }
}

/** Grades a parsed submission against a loaded rubric. */
export function gradeParsed(rubric: LoadedRubric, parsed: ParsedSubmission, meta: SubmissionMeta, deadline = Number.POSITIVE_INFINITY): GradeResult {
  const headingRegexes = rubric.questions.map((q) => (q.heading === undefined ? null : regexOf(q.heading)));
  const studentValues = new Map<string, NumericValue>();
  const questions = rubric.questions.map((question, index) => {
    if (Date.now() > deadline) throw new TimeoutError();
    const others = headingRegexes.filter((r, i): r is RegExp => r !== null && i !== index);
    return gradeQuestion(rubric, question, parsed, others, studentValues);
  });
  const answers = questions.flatMap((q) => q.answers);
  const automatic = rubric.questions.flatMap((q) => q.answers).filter((a) => !a.manual);
  const automaticIds = new Set(automatic.map((a) => a.id));
  const { slips, omitted } = cappedSlips(parsed.claims, rubric.logBase);
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
    const result = gradeAnswer(rubric, answer, claims, region, studentValues);
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
  studentValues: Map<string, NumericValue>,
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
  const choice = chooseClaim(claims, { labels: answer.labels, kind: answer.kind, shape, read: answer.read });
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
  if (answer.kind === 'expression') return gradeExpression(answer, final.expr as string, { ...base, ...found });
  const expected = answer.expectedValue as NumericValue;
  const verdict = checkNumber(final, expected, answer.tolerance, answer.unit);
  const graded = { ...base, ...found, got: verdict.got, interval: verdict.interval, reading: verdict.reading };
  if (verdict.pass) return { ...graded, status: 'correct', reasonCode: verdict.code, points: answer.points, reason: verdict.reason };

  const mistake = answer.mistakes.findIndex(
    (m) => m.expectedValue !== undefined && withinTolerance(verdict.got, m.expectedValue, answer.tolerance).pass,
  );
  if (mistake >= 0) return knownMistake(answer, mistake, graded, `${verdict.reason}; matches a known mistake`);
  const carried = followThrough(rubric, answer, verdict.got, studentValues);
  if (carried) {
    return { ...graded, status: 'partial', reasonCode: 'follow-through', points: roundPoints(answer.points * answer.follow_through), reason: `${verdict.reason}; ${carried}` };
  }
  const diagnosis = matchDiagnosis(verdict.got, diagnosesOf(rubric, answer), answer.tolerance);
  if (diagnosis === null) return { ...graded, status: 'incorrect', reasonCode: verdict.code, points: 0, reason: verdict.reason };
  return {
    ...graded,
    status: 'incorrect',
    reasonCode: verdict.code,
    diagnosis: diagnosis.id,
    points: 0,
    reason: `${verdict.reason}; looks like ${diagnosis.id}`,
    feedback: diagnosis.feedback,
  };
}

/** A wrong answer the rubric lists under `mistakes`: its credit and feedback. */
function knownMistake(
  answer: LoadedAnswer,
  index: number,
  graded: Omit<AnswerResult, 'status' | 'reasonCode' | 'points' | 'reason'>,
  reason: string,
): AnswerResult {
  const mistake = answer.mistakes[index];
  const points = roundPoints(answer.points * mistake.credit);
  return {
    ...graded,
    status: points > 0 ? 'partial' : 'incorrect',
    reasonCode: 'known-mistake',
    mistake: index,
    points,
    reason,
    feedback: mistake.feedback,
  };
}

/**
 * A public rubric has no expected values: an answer whose final value was read is
 * `found`. An expression is evaluated against itself, so that one `grade` could not
 * evaluate with the private rubric is `unreadable` here too.
 */
function foundResult(answer: LoadedAnswer, final: Step, found: Omit<AnswerResult, 'status' | 'reasonCode' | 'points' | 'got' | 'reason'>): AnswerResult {
  const place = `at ${final.line}:${final.column}`;
  if (answer.kind === 'expression') {
    const expr = final.expr as string;
    const self = checkExpression(expr, expr, answer.domain, answer.id);
    if (self.status === 'unreadable') return { ...found, status: 'unreadable', reasonCode: self.code, points: 0, got: found.written ?? expr, reason: `found ${found.written} ${place}: ${self.reason}` };
    return { ...found, status: 'found', reasonCode: 'read', points: 0, got: expr, reason: `found ${found.written} ${place}` };
  }
  return { ...found, status: 'found', reasonCode: 'read', points: 0, got: final.value as NumericValue, reason: `found ${found.written} ${place}` };
}

/** Built-in diagnoses depend only on the rubric: computed once per answer. */
const diagnosisCache = new WeakMap<LoadedAnswer, Diagnosis[]>();

function diagnosesOf(rubric: LoadedRubric, answer: LoadedAnswer): Diagnosis[] {
  let diagnoses = diagnosisCache.get(answer);
  if (diagnoses === undefined) {
    const expected = typeof answer.expected === 'string' ? answer.expected : null;
    diagnoses = expected === null ? [] : diagnose(rubric.engine, expected, { ...rubric.contextScope, ...trueValues(rubric) });
    diagnosisCache.set(answer, diagnoses);
  }
  return diagnoses;
}

function gradeExpression(
  answer: LoadedAnswer,
  got: string,
  found: Omit<AnswerResult, 'status' | 'reasonCode' | 'points' | 'got' | 'reason'>,
): AnswerResult {
  const expected = answer.expectedExpr as string;
  const graded = { ...found, expected, got };
  const verdict = checkExpression(got, expected, answer.domain, answer.id);
  const place = `at ${placeText({ line: found.line ?? 0, column: found.column ?? 0, cell: found.cell })}`;
  if (verdict.status !== 'incorrect') {
    const points = verdict.status === 'correct' ? answer.points : 0;
    return { ...graded, status: verdict.status, reasonCode: verdict.code, points, reason: `found ${got} ${place}: ${verdict.reason}` };
  }
  const mistake = answer.mistakes.findIndex(
    (m) => m.expectedExpr !== undefined && checkExpression(got, m.expectedExpr, answer.domain, answer.id).status === 'correct',
  );
  if (mistake >= 0) return knownMistake(answer, mistake, graded, `found ${got} ${place}: matches a known mistake`);
  return { ...graded, status: 'incorrect', reasonCode: verdict.code, points: 0, reason: `found ${got} ${place}: ${verdict.reason}` };
}

/**
 * Follow-through (SPEC §4): right with the student's own earlier answers. Never when an
 * answer it depends on is missing, zero, or equal to the problem's given data.
 */
function followThrough(
  rubric: LoadedRubric,
  answer: LoadedAnswer,
  got: NumericValue,
  studentValues: Map<string, NumericValue>,
): string | null {
  if (answer.follow_through <= 0 || answer.dependsOn.length === 0 || typeof answer.expected !== 'string') return null;
  const scope: Record<string, unknown> = { ...rubric.contextScope, ...trueValues(rubric) };
  const given = Object.values(rubric.contextScope).map(toNumericValue).filter((v): v is NumericValue => v !== null);
  for (const id of answer.dependsOn) {
    const own = studentValues.get(id);
    if (own === undefined || isZero(own) || given.some((g) => sameElements(g, own, 1e-9))) return null;
    // Use the student's value in the shape of the true one: a written column vector
    // stands for a 1-D vector, and must not broadcast into a matrix.
    scope[id] = reshapeLike(own, scope[id]);
  }
  const recomputed = toNumericValue(evaluate(rubric.engine, answer.expected, scope));
  if (recomputed === null || !withinTolerance(got, recomputed, answer.tolerance).pass) return null;
  return `consistent with your own ${answer.dependsOn.join(', ')} (follow-through)`;
}

function reshapeLike(value: NumericValue, like: unknown): NumericValue {
  const target = toNumericValue(like);
  if (target === null || !Array.isArray(value) || flatten(value).length !== flatten(target).length) return value;
  if (!Array.isArray(target)) return flatten(value)[0];
  if (!Array.isArray(target[0])) return flatten(value);
  const width = (target[0] as number[]).length;
  const values = flatten(value);
  return (target as number[][]).map((_, r) => values.slice(r * width, (r + 1) * width));
}

const trueValuesCache = new WeakMap<LoadedRubric, Record<string, NumericValue>>();

/** The true value of every numeric answer, by id: the scope `expected` values see. */
function trueValues(rubric: LoadedRubric): Record<string, NumericValue> {
  let values = trueValuesCache.get(rubric);
  if (values === undefined) {
    values = {};
    for (const answer of rubric.questions.flatMap((q) => q.answers)) {
      if (answer.expectedValue !== undefined) values[answer.id] = answer.expectedValue;
    }
    trueValuesCache.set(rubric, values);
  }
  return values;
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
