import { describe, expect, test } from 'vitest';
import { gradeText } from '../src/grade.js';
import { parseRubric } from '../src/rubric/load.js';
import type { AnswerResult } from '../src/types.js';

const followThroughRubric = parseRubric(
  `rubric: ft
context: { base: 3, rate: 0.25 }
questions:
  - id: q1
    section: 1
    answers:
      - id: area
        label: area
        expected: base^2
  - id: q2
    section: 2
    answers:
      - id: cost
        label: cost
        expected: area * rate
        follow_through: 0.5
`,
  'ft.yaml',
);

function grade(rubric: typeof followThroughRubric, markdown: string): Record<string, AnswerResult> {
  const result = gradeText(rubric, markdown, { submission: 'test.md', name: 'test' });
  expect(result.error).toBeNull();
  return Object.fromEntries(result.questions.flatMap((q) => q.answers).map((a) => [a.id, a]));
}

describe('follow-through', () => {
  test('right with the student’s own earlier answer: partial credit', () => {
    const answers = grade(followThroughRubric, '1. area = 10\n\n2. cost = 2.5\n');
    expect(answers.area.status).toBe('incorrect');
    expect(answers.cost).toMatchObject({ status: 'partial', reasonCode: 'follow-through', points: 0.5 });
  });

  test.each([
    ['zero', '1. area = 0\n\n2. cost = 0\n'],
    ['copied from the given data', '1. area = 3\n\n2. cost = 0.75\n'],
    ['missing', '1. The area is easy.\n\n2. cost = 2.5\n'],
  ])('no credit when the earlier answer is %s', (_why, markdown) => {
    expect(grade(followThroughRubric, markdown).cost).toMatchObject({ status: 'incorrect', points: 0 });
  });

  test('right outright is full credit', () => {
    expect(grade(followThroughRubric, '1. area = 9\n\n2. cost = 2.25\n').cost).toMatchObject({ status: 'correct', points: 1 });
  });
});

const metricsRubric = parseRubric(
  `rubric: m
classes: [A, B]
context: { cm: [[42, 8], [5, 45]] }
questions:
  - id: q
    section: 1
    answers:
      - id: accuracy
        label: accuracy
        expected: accuracy(cm)
        tolerance: { decimals: 3 }
      - id: precision_A
        label: precision A
        expected: precision(cm, "A")
        mistakes:
          - expected: recall(cm, "A")
            feedback: swapped
            credit: 0.25
      - id: recall_A
        label: recall A
        expected: recall(cm, "A")
        unit: either
`,
  'm.yaml',
);

describe('grading numbers', () => {
  test('a percentage reads as a fraction, and the report says which reading', () => {
    const answers = grade(metricsRubric, '1. accuracy = 87 %\n');
    expect(answers.accuracy).toMatchObject({ status: 'correct', reading: 'percent', got: 0.87 });
  });

  test('unit: either accepts a bare percentage figure', () => {
    expect(grade(metricsRubric, '1. recall A = 84\n').recall_A).toMatchObject({ status: 'correct', reading: 'percent' });
  });

  test('too few digits is told apart from a wrong value', () => {
    const answers = grade(metricsRubric, '1. accuracy = 0.9\n');
    expect(answers.accuracy).toMatchObject({ status: 'incorrect', reasonCode: 'too-few-digits' });
  });

  test('a declared mistake gives its feedback and credit', () => {
    const answers = grade(metricsRubric, '1. precision A = 0.84\n');
    expect(answers.precision_A).toMatchObject({ status: 'partial', reasonCode: 'known-mistake', mistake: 0, points: 0.25, feedback: 'swapped' });
  });

  test('missing says where it looked; unreadable says what it found', () => {
    const answers = grade(metricsRubric, '1. accuracy = eighty-five percent\n');
    expect(answers.precision_A).toMatchObject({ status: 'missing', reasonCode: 'no-claim' });
    expect(answers.precision_A.reason).toMatch(/precision a/);
    expect(answers.accuracy).toMatchObject({ status: 'unreadable', reasonCode: 'unreadable-value', line: 1, column: 15 });
    expect(answers.accuracy.reason).toMatch(/eighty/);
  });

  test('the same inputs give the same result', () => {
    const markdown = '1. accuracy = 0.87; precision A = 0.89\n';
    expect(gradeText(metricsRubric, markdown, { submission: 'a.md', name: 'a' })).toEqual(
      gradeText(metricsRubric, markdown, { submission: 'a.md', name: 'a' }),
    );
  });
});

const codesRubric = parseRubric(
  `rubric: codes
classes: [A, B]
context: { cm: [[42, 8], [5, 45]], v: [1, 2, 3] }
questions:
  - id: q1
    section: 1
    answers:
      - id: precision_A
        label: precision A
        expected: precision(cm, "A")
      - id: vec
        label: w
        expected: v / 2
  - id: q2
    section: 2
    answers:
      - id: grad
        label: g
        kind: expression
        expected_latex: 2 x
  - id: q3
    section: 3
    manual: true
    points: 2
  - id: q4
    section: 4
    answers:
      - id: loss
        label: loss
        expected: 2
`,
  'codes.yaml',
);

describe('reason codes', () => {
  test.each<[string, string, string, Partial<AnswerResult>]>([
    ['within tolerance', '1. precision A = 0.894', 'precision_A', { status: 'correct', reasonCode: 'within-tolerance' }],
    ['outside tolerance', '1. precision A = 0.5', 'precision_A', { status: 'incorrect', reasonCode: 'outside-tolerance' }],
    ['a diagnosis is a field, not only prose', '1. precision A = 0.84', 'precision_A', { status: 'incorrect', reasonCode: 'outside-tolerance', diagnosis: 'precision-recall-swapped' }],
    ['a number where a vector is expected', '1. w = 0.5', 'vec', { status: 'incorrect', reasonCode: 'shape-mismatch' }],
    ['no claim with the label', '1. recall A = 0.5', 'precision_A', { status: 'missing', reasonCode: 'no-claim' }],
    ['section not there', '1. precision A = 0.84', 'loss', { status: 'missing', reasonCode: 'not-located' }],
    ['manual', '3. I proved it.', 'q3', { status: 'manual', reasonCode: 'manual' }],
    ['equivalent expression', '2. $g = x + x$', 'grad', { status: 'correct', reasonCode: 'equivalent' }],
    ['not equivalent', '2. $g = 3x$', 'grad', { status: 'incorrect', reasonCode: 'not-equivalent' }],
    ['an ambiguous number carries its refusal code', '1. $w = 1{,}234$', 'vec', { status: 'unreadable', reasonCode: 'ambiguous-number' }],
    ['two values carry their refusal code', '1. precision A = 0.84 or 0.9', 'precision_A', { status: 'unreadable', reasonCode: 'two-values' }],
  ])('%s', (_name, markdown, id, expected) => {
    expect(grade(codesRubric, `${markdown}\n`)[id]).toMatchObject(expected);
  });

  test('a diagnosis carries its id and advice; the prose stays for people', () => {
    const answer = grade(codesRubric, '1. precision A = 0.84\n').precision_A;
    expect(answer.feedback).toMatch(/precision and recall swapped/);
  });
});
