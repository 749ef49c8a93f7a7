// The batch summary (SPEC §7): per-question mean score and a score histogram.
import { sharedDisplayNames, type SharedDisplayName } from '../identity.js';
import type { AnswerResult, GradeResult, ReasonCode } from '../types.js';
import { roundTo } from '../values.js';
import { jsonText } from './json.js';

export interface QuestionSummary {
  id: string;
  maxScore: number;
  meanScore: number;
  statuses: Record<string, number>;
  /** How many answers got each reason code ("why did q2 fail?"), codes in sorted order. */
  reasons: Partial<Record<ReasonCode, number>>;
}

export interface Summary {
  rubric: string;
  submissions: number;
  errors: number;
  meanScore: number;
  maxScore: number;
  /** Ten bins of the score as a fraction of maxScore: [0,0.1), …, [0.9,1]. */
  histogram: number[];
  questions: QuestionSummary[];
  /** Submissions (by id) that display the same student name: a TA should look. */
  sharedDisplayNames: SharedDisplayName[];
}

/** `shared`: display names shared in the class (default: among `results`; a shard passes the whole class's). */
export function summarise(rubric: string, results: GradeResult[], shared: SharedDisplayName[] = sharedDisplayNames(results)): Summary {
  const maxScore = Math.max(0, ...results.map((r) => r.maxScore));
  const histogram = new Array<number>(10).fill(0);
  for (const result of results) {
    const fraction = result.maxScore > 0 ? result.score / result.maxScore : 0;
    histogram[Math.min(9, Math.floor(fraction * 10))]++;
  }
  const questionIds = [...new Set(results.flatMap((r) => r.questions.map((q) => q.id)))];
  const questions = questionIds.map((id) => {
    const graded = results.flatMap((r) => r.questions.filter((q) => q.id === id));
    const answers = graded.flatMap((q) => q.answers);
    const statuses: Record<string, number> = {};
    for (const answer of answers) {
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    }
    return {
      id,
      maxScore: graded[0]?.maxScore ?? 0,
      meanScore: roundTo(mean(graded.map((q) => q.score)), 6),
      statuses,
      reasons: countReasons(answers),
    };
  });
  return {
    rubric,
    submissions: results.length,
    errors: results.filter((r) => r.error !== null).length,
    meanScore: roundTo(mean(results.map((r) => r.score)), 6),
    maxScore,
    histogram,
    questions,
    sharedDisplayNames: shared,
  };
}

function countReasons(answers: AnswerResult[]): Partial<Record<ReasonCode, number>> {
  const counts = new Map<ReasonCode, number>();
  for (const { reasonCode } of answers) counts.set(reasonCode, (counts.get(reasonCode) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function summaryJson(summary: Summary): string {
  return jsonText(summary);
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
