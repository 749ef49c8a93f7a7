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
    expect(answers.cost).toMatchObject({ status: 'partial', points: 0.5 });
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
    expect(answers.accuracy.status).toBe('incorrect');
    expect(answers.accuracy.reason).toMatch(/too few digits/);
  });

  test('a declared mistake gives its feedback and credit', () => {
    const answers = grade(metricsRubric, '1. precision A = 0.84\n');
    expect(answers.precision_A).toMatchObject({ status: 'partial', points: 0.25, feedback: 'swapped' });
  });

  test('missing says where it looked; unreadable says what it found', () => {
    const answers = grade(metricsRubric, '1. accuracy = eighty-five percent\n');
    expect(answers.precision_A.status).toBe('missing');
    expect(answers.precision_A.reason).toMatch(/precision a/);
    expect(answers.accuracy.status).toBe('unreadable');
    expect(answers.accuracy.reason).toMatch(/eighty/);
  });

  test('the same inputs give the same result', () => {
    const markdown = '1. accuracy = 0.87; precision A = 0.89\n';
    expect(gradeText(metricsRubric, markdown, { submission: 'a.md', name: 'a' })).toEqual(
      gradeText(metricsRubric, markdown, { submission: 'a.md', name: 'a' }),
    );
  });
});
