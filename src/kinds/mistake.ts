// A wrong answer the rubric lists under `mistakes`: its credit and feedback (every kind).
import type { LoadedAnswer } from '../rubric/load.js';
import type { AnswerResult } from '../types.js';
import { roundPoints } from '../values.js';

export function knownMistake(
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
