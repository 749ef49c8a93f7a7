// Reason codes in the batch summary and in a student's view.
import { describe, expect, test } from 'vitest';
import { forStudent } from '../../src/reporters/reveal.js';
import { summarise } from '../../src/reporters/summary.js';
import type { Reveal } from '../../src/reporters/terminal.js';
import { answer, failed, question, result, sample } from './results.js';

describe('summary.json counts answers by reason code per question', () => {
  test('codes of every answer of a question, in sorted order', () => {
    const other = result({
      questions: [
        question({
          id: 'q1',
          answers: [
            answer({ id: 'precision_A', status: 'incorrect', reasonCode: 'known-mistake' }),
            answer({ id: 'recall_A', status: 'incorrect', reasonCode: 'outside-tolerance' }),
            answer({ id: 'f1_A', status: 'missing', reasonCode: 'no-claim' }),
          ],
        }),
      ],
    });
    const summary = summarise('hw-metrics', [sample, other, failed]);
    const q1 = summary.questions.find((q) => q.id === 'q1');
    expect(q1?.reasons).toEqual({ 'follow-through': 1, 'known-mistake': 1, 'no-claim': 1, 'outside-tolerance': 2, 'within-tolerance': 1 });
    expect(Object.keys(q1?.reasons ?? {})).toEqual(['follow-through', 'known-mistake', 'no-claim', 'outside-tolerance', 'within-tolerance']);
  });
});

describe('a student view hides why a found answer is right or wrong, codes included', () => {
  const graded = result({
    questions: [
      question({
        id: 'q',
        answers: [
          answer({ id: 'a', status: 'incorrect', reasonCode: 'outside-tolerance', diagnosis: 'precision-recall-swapped', got: 0.84, line: 1, column: 5 }),
          answer({ id: 'b', status: 'partial', reasonCode: 'known-mistake', mistake: 0, got: 0.5, line: 2, column: 5 }),
          answer({ id: 'c', status: 'unreadable', reasonCode: 'ambiguous-number', got: '1{,}234', line: 3, column: 5 }),
          answer({ id: 'd', status: 'missing', reasonCode: 'no-claim' }),
        ],
      }),
    ],
  });

  test.each<[Reveal, string[]]>([
    ['all', ['outside-tolerance', 'known-mistake', 'ambiguous-number', 'no-claim']],
    ['verdict', ['read', 'read', 'ambiguous-number', 'no-claim']],
    ['found', ['read', 'read', 'ambiguous-number', 'no-claim']],
  ])('reveal %s', (reveal, codes) => {
    const answers = forStudent(graded, reveal).questions[0].answers;
    expect(answers.map((a) => a.reasonCode)).toEqual(codes);
    if (reveal !== 'all') expect(answers.some((a) => 'diagnosis' in a || 'mistake' in a)).toBe(false);
  });
});
