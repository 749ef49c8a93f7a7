// A new answer kind is one module registered in one place: shown with a throw-away kind.
import { describe, expect, test } from 'vitest';
import { gradeText } from '../src/grade.js';
import { registerAnswerKind, type AnswerKind } from '../src/kinds/registry.js';
import { parseRubric } from '../src/rubric/load.js';
import type { NumericValue } from '../src/types.js';

/** Right when the student's whole number has the parity of the expected one. */
const parity: AnswerKind = {
  name: 'test-parity',
  keys: [],
  expected: 'value',
  wants: 'number',
  grade({ answer, final, found }) {
    const got = final.value as NumericValue;
    const same = typeof got === 'number' && Math.abs(got % 2) === Math.abs((answer.expectedValue as number) % 2);
    return { ...found, got, status: same ? 'correct' : 'incorrect', reasonCode: same ? 'within-tolerance' : 'outside-tolerance', points: same ? answer.points : 0, reason: `parity of ${got}` };
  },
};
registerAnswerKind(parity);

const rubric = parseRubric(
  `rubric: kinds
questions:
  - id: q1
    section: 1
    answers:
      - id: n
        label: n
        kind: test-parity
        expected: 4
`,
  'kinds.yaml',
);

describe('answer kinds through the registry alone', () => {
  test.each([
    ['1. n = 10', 'correct'],
    ['1. n = 7', 'incorrect'],
  ])('%s -> %s', (markdown, status) => {
    const answer = gradeText(rubric, `${markdown}\n`, { submission: 'k.md', name: 'k' }).questions[0].answers[0];
    expect(answer.status).toBe(status);
  });

  test('an unknown kind is a rubric error naming the kinds', () => {
    expect(() => parseRubric('rubric: k\nquestions:\n  - id: q\n    answers:\n      - id: a\n        kind: nope\n        expected: 1\n', 'k.yaml')).toThrow(/answer kinds: number, expression/);
  });

  test('a name already taken is refused', () => {
    expect(() => registerAnswerKind(parity)).toThrow(/already registered/);
  });
});
