// What a student may see (SPEC §4 `reveal`), decided here and nowhere else. Every
// output a student may read (check, md, html, gradescope, junit, github) is written
// from `viewFor(audience, result, levels)`, which cuts it with `forStudent` (exported
// for library users); reporters print what the view holds and look at `levelOf` only to
// leave out score columns under `found`.
//   found   — found / missing / unreadable (manual stays manual); no points, no slips
//   verdict — + right/wrong and points; slips as the student's step and its value
//   all     — + expected values, intervals, tolerance, feedback, reason codes, diagnoses
import type { AnswerResult, GradeResult, Reveal, Slip } from '../types.js';
import type { Audience } from './format.js';

export type { Reveal } from '../types.js';

export const REVEALS: readonly Reveal[] = ['found', 'verdict', 'all'];

/**
 * The result with everything the level hides removed; `view` records the level.
 * @example forStudent(result, 'found').questions[0].answers[0].status // 'found'
 */
export function forStudent(result: GradeResult, level: Reveal): GradeResult {
  if (level === 'all') return { ...result, view: 'all' };
  const found = level === 'found';
  return {
    ...result,
    view: level,
    ...(found ? { score: 0, autoScore: 0 } : {}),
    questions: result.questions.map((q) => ({
      ...q,
      ...(found ? { score: 0 } : {}),
      answers: q.answers.map((a) => hideAnswer(a, level)),
    })),
    slips: found ? [] : result.slips.map(hideDiagnosis),
  };
}

/** The level each audience sees a result at: a student's is the run's `reveal` (per result for `merge`). */
export interface Levels {
  student: (result: GradeResult) => Reveal;
  /** Default `all`; `found` when there is nothing to score (a public rubric). */
  ta?: Reveal;
}

/**
 * What an output's audience may see of a result: the rule every format's parts are
 * rendered under (registry.ts). A TA at `all` gets the result itself.
 * @example viewFor('student', result, { student: () => 'found' }).questions[0].answers[0].status // 'found'
 */
export function viewFor(audience: Audience, result: GradeResult, levels: Levels): GradeResult {
  if (audience === 'ta') {
    const level = levels.ta ?? 'all';
    return level === 'all' ? result : forStudent(result, level);
  }
  return forStudent(result, levels.student(result));
}

/**
 * The level a result was cut to: `all` for the TA's full result.
 * @example levelOf(forStudent(result, 'found')) // 'found'
 */
export function levelOf(result: GradeResult): Reveal {
  return result.view ?? 'all';
}

/** Whether a view shows points and scores. */
export function showsPoints(result: GradeResult): boolean {
  return levelOf(result) !== 'found';
}

/** Statuses that say the answer's value was found and read. */
const READ = new Set(['correct', 'partial', 'incorrect', 'found']);

/**
 * True when an answer was found and its value read (what `check` exits 0 on).
 * @example wasRead({ status: 'incorrect', … }) // true
 */
export function wasRead(answer: Pick<AnswerResult, 'status'>): boolean {
  return READ.has(answer.status);
}

function hideAnswer(answer: AnswerResult, level: Exclude<Reveal, 'all'>): AnswerResult {
  const {
    expected: _expected,
    interval: _interval,
    feedback: _feedback,
    tolerance: _tolerance,
    diagnosis: _diagnosis,
    mistake: _mistake,
    ...visible
  } = answer;
  // A verdict's reason names the interval or a diagnosis, and so does its code
  // (`known-mistake`, `too-few-digits`): say only what was read, where. Why an answer was
  // not found or not read stays: that is the student's to fix.
  const why = wasRead(answer)
    ? { reasonCode: 'read' as const, reason: `found ${answer.written ?? showGot(answer.got)} at ${answer.line}:${answer.column}` }
    : { reasonCode: answer.reasonCode, reason: answer.reason };
  if (level === 'verdict') return { ...visible, ...why };
  const { override: _override, reading: _reading, ...bare } = visible;
  return { ...bare, ...why, points: 0, ...(wasRead(answer) ? { status: 'found' as const } : {}) };
}

function hideDiagnosis(slip: Slip): Slip {
  const { diagnosis: _diagnosis, reasonCode: _reasonCode, ...rest } = slip;
  return rest;
}

function showGot(got: AnswerResult['got']): string {
  return typeof got === 'string' ? got : JSON.stringify(got);
}
