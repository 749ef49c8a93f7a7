// Points (SPEC §4 "Scoring"): a question's `points` is the question's total. Answers
// that set their own points keep them; the others share, equally, what their siblings
// leave. Without a question total every answer is worth its own points, else
// `defaults.points`, else 1. `credit` and `follow_through` are fractions of the
// answer's points (grade.ts).
import type { Question, Rubric } from './schema.js';
import { roundTo } from '../values.js';

export type PointsOutcome = { ok: true; points: number[] } | { ok: false; message: string };

/**
 * The points of each answer of a question (its answers in order).
 * @example answerPoints(rubric, { points: 3, answers: [{ id: 'a' }, { id: 'b', points: 2 }] }) // { ok: true, points: [1, 2] }
 */
export function answerPoints(rubric: Pick<Rubric, 'defaults'>, question: Pick<Question, 'points' | 'answers'>): PointsOutcome {
  const answers = question.answers ?? [];
  const fallback = rubric.defaults?.points ?? 1;
  const total = question.points;
  // A manual question without answers is worth its points: load.ts grades it as one answer.
  if (total === undefined || answers.length === 0) return { ok: true, points: answers.map((a) => a.points ?? fallback) };
  const own = answers.filter((a) => a.points !== undefined);
  const given = sum(own.map((a) => a.points as number));
  const sharing = answers.length - own.length;
  if (given > total + 1e-9) {
    return { ok: false, message: `the answers' own points add up to ${roundTo(given, 6)}, more than the question's ${roundTo(total, 6)} (a question's points are its total)` };
  }
  if (sharing === 0 && given < total - 1e-9) {
    return { ok: false, message: `the answers' points add up to ${roundTo(given, 6)}, less than the question's ${roundTo(total, 6)}: leave one answer without points to take the rest, or drop the question's points` };
  }
  const share = sharing === 0 ? 0 : (total - given) / sharing;
  return { ok: true, points: answers.map((a) => a.points ?? share) };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
