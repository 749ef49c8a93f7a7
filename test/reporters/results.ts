// Hand-built results for the reporter tests: one of every status, a question not found,
// a slip, a submission that could not be graded, and text written to break every format.
import type { AnswerResult, GradeResult, QuestionResult, ReasonCode, Status } from '../../src/types.js';

/** A typical reason code for each status, unless a test gives one. */
const CODES: Record<Status, ReasonCode> = {
  correct: 'within-tolerance',
  partial: 'follow-through',
  incorrect: 'outside-tolerance',
  missing: 'no-claim',
  unreadable: 'unreadable-value',
  manual: 'manual',
  found: 'read',
};

export function answer(fields: Partial<AnswerResult> & Pick<AnswerResult, 'id' | 'status'>): AnswerResult {
  return { points: 0, maxPoints: 1, got: null, reasonCode: CODES[fields.status], reason: '', line: null, column: null, label: null, shown: null, ...fields };
}

export function question(fields: Partial<QuestionResult> & Pick<QuestionResult, 'id' | 'answers'>): QuestionResult {
  const score = fields.answers.reduce((sum, a) => sum + a.points, 0);
  const maxScore = fields.answers.reduce((sum, a) => sum + a.maxPoints, 0);
  return { found: true, line: null, score, maxScore, ...fields };
}

export function result(fields: Partial<GradeResult> & Pick<GradeResult, 'questions'>): GradeResult {
  const answers = fields.questions.flatMap((q) => q.answers);
  const score = answers.reduce((sum, a) => sum + a.points, 0);
  const maxScore = answers.reduce((sum, a) => sum + a.maxPoints, 0);
  const automatic = answers.filter((a) => a.status !== 'manual');
  return {
    id: 'sam',
    submission: 'submissions/sam.md',
    numberConvention: 'decimal-point',
    rubric: 'hw-metrics',
    student: 'sam',
    score,
    maxScore,
    autoScore: automatic.reduce((sum, a) => sum + a.points, 0),
    autoMaxScore: automatic.reduce((sum, a) => sum + a.maxPoints, 0),
    error: null,
    slips: [],
    ...fields,
  };
}

/** The submission `sample` was graded from; line numbers below point into it. */
export const SAMPLE_SOURCE = [
  '---', //                                                             1
  'student: sam', //                                                    2
  '---', //                                                             3
  '# Homework 3', //                                                    4
  '', //                                                                5
  '1. (a) Precision_A = $\\frac{40}{40+10}$ = 0.8', //                  6
  '(b) Recall_A = 40/45 = 0.9', //                                      7
  '', //                                                                8
  '$$', //                                                              9
  'F_1 = \\frac{2PR}{P+R} = 0.85', //                                   10
  '$$', //                                                              11
  '', //                                                                12
  '2. Loss: $L = -\\ln(0.8) = 0.25$ and `code $x$ stays code`, cost \\$5 or \\$6', // 13
  '3. Bias = lots', //                                                  14
  '', //                                                                15
].join('\n');

export const sample: GradeResult = result({
  questions: [
    question({
      id: 'q1',
      title: 'Precision and recall',
      line: 6,
      answers: [
        answer({ id: 'precision_A', status: 'correct', points: 1, got: 0.8, expected: 0.8, tolerance: { rel: 0.01 }, reason: 'found 0.8 at 6:42, within ±1%', line: 6, column: 42, label: 'precision a' }),
        answer({ id: 'recall_A', status: 'incorrect', got: 0.9, expected: 0.888889, reason: 'found 0.9 at 7:24, expected 0.8889 (±1%)', line: 7, column: 24, label: 'recall a', feedback: 'Recall divides by the actual positives.' }),
        answer({ id: 'f1_A', status: 'partial', points: 0.5, got: 0.85, reason: 'found 0.85 at 10:25; consistent with your own recall_A (follow-through)', line: 10, column: 25, label: 'f 1' }),
      ],
    }),
    question({
      id: 'q2',
      line: 13,
      answers: [
        answer({ id: 'loss', status: 'unreadable', got: 'lots', reason: 'found "lots" at 14:10 but could not read it: not a number', line: 14, column: 10 }),
        answer({ id: 'loss_note', status: 'manual', maxPoints: 2, reason: 'graded by a TA', line: 13 }),
      ],
    }),
    question({
      id: 'q3',
      found: false,
      line: null,
      answers: [answer({ id: 'gradient', status: 'missing', reason: 'question not found: looked for section 4' })],
      notes: ['looked for section 4'],
    }),
  ],
  slips: [{ line: 13, column: 28, shown: '-\\ln(0.8)', value: 0.223144, wrote: 0.25, reasonCode: 'arithmetic-slip' }],
});

export const failed: GradeResult = result({
  submission: 'submissions/blob.md',
  student: 'blob',
  questions: [],
  maxScore: 5,
  autoMaxScore: 5,
  error: 'submissions/blob.md: binary file: it contains a NUL byte (at 1:3)',
});

/** Markup, CDATA ends, control characters, a lone surrogate, workflow-command syntax. */
export const HOSTILE = 'a<b & c>"d\'|`e`]]> \u0000\u0008\u001b[31m\uD800 50% :: x,y\r\n<script>alert(1)</script> [x](javascript:alert(1))';

export const hostile: GradeResult = result({
  submission: 'submissions/odd: name, with comma.md',
  student: HOSTILE,
  questions: [
    question({
      id: 'q<1>',
      title: HOSTILE,
      line: 2,
      answers: [answer({ id: 'a,b:c', status: 'incorrect', got: HOSTILE, reason: HOSTILE, feedback: HOSTILE, line: 2, column: 1 })],
      notes: [HOSTILE],
    }),
  ],
  slips: [{ line: 3, column: 1, shown: HOSTILE, value: 1, wrote: 2, reasonCode: 'arithmetic-slip' }],
});
