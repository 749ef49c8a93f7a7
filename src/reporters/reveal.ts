// What a student may see (SPEC §4 `reveal`): `found` shows only whether each answer was
// found and read; `verdict` adds right/wrong; `all` adds expected values and feedback.
import type { AnswerResult, GradeResult } from '../types.js';
import type { Reveal } from './terminal.js';

/** The result with everything the reveal level hides removed. */
export function forStudent(result: GradeResult, reveal: Reveal): GradeResult {
  if (reveal === 'all') return result;
  return {
    ...result,
    ...(reveal === 'found' ? { score: 0, autoScore: 0 } : {}),
    questions: result.questions.map((q) => ({
      ...q,
      ...(reveal === 'found' ? { score: 0 } : {}),
      answers: q.answers.map((a) => hide(a, reveal)),
    })),
  };
}

function hide(answer: AnswerResult, reveal: Reveal): AnswerResult {
  const { expected: _expected, interval: _interval, feedback: _feedback, tolerance: _tolerance, ...visible } = answer;
  const reason = answer.status === 'missing' || answer.status === 'unreadable' || answer.status === 'manual'
    ? answer.reason
    : `read ${JSON.stringify(answer.got)} at ${answer.line}:${answer.column}`;
  if (reveal === 'verdict') return { ...visible, reason };
  const found = answer.status === 'correct' || answer.status === 'partial' || answer.status === 'incorrect';
  return { ...visible, reason, points: 0, ...(found ? { status: 'found' as const } : {}) };
}
