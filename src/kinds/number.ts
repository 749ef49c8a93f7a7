// kind: number (SPEC §4), the default: a number, vector or matrix compared under the
// answer's tolerance (checks/number.ts), then the rubric's known mistakes, follow-through
// from the student's own earlier answers, and the built-in diagnoses of a wrong value.
import { diagnose, matchDiagnosis, type Diagnosis } from '../checks/diagnoses.js';
import { checkNumber } from '../checks/number.js';
import { withinTolerance } from '../checks/tolerance.js';
import { evaluate } from '../engine/index.js';
import { toNumericValue } from '../engine/plain.js';
import type { LoadedAnswer, LoadedRubric } from '../rubric/load.js';
import type { NumericValue } from '../types.js';
import { flatten, isZero, roundPoints, sameElements } from '../values.js';
import { knownMistake } from './mistake.js';
import type { AnswerKind } from './types.js';

export const numberKind: AnswerKind = {
  name: 'number',
  keys: ['tolerance', 'unit', 'follow_through'],
  expected: 'value',
  wants: 'number',
  grade({ rubric, answer, final, found, studentValues }) {
    const verdict = checkNumber(final, answer.expectedValue as NumericValue, answer.tolerance, answer.unit);
    const graded = { ...found, got: verdict.got, interval: verdict.interval, reading: verdict.reading };
    if (verdict.pass) return { ...graded, status: 'correct', reasonCode: verdict.code, points: answer.points, reason: verdict.reason };

    const mistake = answer.mistakes.findIndex(
      (m) => m.expectedValue !== undefined && withinTolerance(verdict.got, m.expectedValue, answer.tolerance).pass,
    );
    if (mistake >= 0) return knownMistake(answer, mistake, graded, `${verdict.reason}; matches a known mistake`);
    const carried = followThrough(rubric, answer, verdict.got, studentValues);
    if (typeof carried === 'object' && carried !== null) {
      return { ...graded, status: 'incorrect', reasonCode: 'shape-mismatch', points: 0, reason: `${verdict.reason}; ${carried.mismatch}` };
    }
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
  },
};

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

/**
 * Follow-through (SPEC §4): right with the student's own earlier answers. Never when an
 * answer it depends on is missing, zero, or equal to the problem's given data.
 */
function followThrough(
  rubric: LoadedRubric,
  answer: LoadedAnswer,
  got: NumericValue,
  studentValues: ReadonlyMap<string, NumericValue>,
): string | { mismatch: string } | null {
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
  let recomputed: NumericValue | null;
  try {
    recomputed = toNumericValue(evaluate(rubric.engine, answer.expected, scope));
  } catch (error) {
    // The student's earlier value has a shape the rubric's formula cannot take (a matrix
    // for a number): this answer cannot follow through, and nothing else is affected.
    return { mismatch: `no follow-through: ${answer.expected} cannot be computed with your ${answer.dependsOn.join(', ')} (${error instanceof Error ? error.message : String(error)})` };
  }
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
