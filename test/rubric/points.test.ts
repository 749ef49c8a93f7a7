// A question's `points` is its total (SPEC §4 "Scoring"): answers without points share
// what their siblings leave; more than the total is rejected; lint flags old rubrics.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { gradeText } from '../../src/grade.js';
import { RubricError } from '../../src/rubric/errors.js';
import { lintRubric } from '../../src/rubric/lint.js';
import { parseRubric } from '../../src/rubric/load.js';

function question(points: string, answers: Array<string | null>): string {
  const lines = answers.map((p, i) => `      - id: a${i}\n        label: v${i}\n        expected: ${i + 1}\n${p === null ? '' : `        points: ${p}\n`}`);
  return `rubric: r\nquestions:\n  - id: q\n    section: 1\n${points}    answers:\n${lines.join('')}`;
}

describe('answer points', () => {
  test.each([
    ['a total shared equally', '    points: 3\n', [null, null, null], [1, 1, 1]],
    ['what siblings leave, shared', '    points: 4\n', ['2', null, null], [2, 1, 1]],
    ['own points that make the total', '    points: 3\n', ['1', '2'], [1, 2]],
    ['nothing left: the others get 0', '    points: 2\n', ['2', null], [2, 0]],
    ['no total: each its own, else 1', '', ['2', null], [2, 1]],
    ['one answer takes the whole total', '    points: 5\n', [null], [5]],
  ] as const)('%s', (_name, points, answers, expected) => {
    const loaded = parseRubric(question(points, [...answers]), 'r.yaml');
    expect(loaded.questions[0].answers.map((a) => a.points)).toEqual(expected);
  });

  test.each([
    ['more than the total', '    points: 2\n', ['2', '1'], /add up to 3, more than the question's 2/],
    ['less than the total with nobody to take the rest', '    points: 4\n', ['1', '1'], /add up to 2, less than the question's 4/],
  ] as const)('rejected with the reason and place: %s', (_name, points, answers, message) => {
    expect(() => parseRubric(question(points, [...answers]), 'r.yaml')).toThrow(RubricError);
    try {
      parseRubric(question(points, [...answers]), 'r.yaml');
    } catch (error) {
      const issue = (error as RubricError).issues[0];
      expect(issue.message).toMatch(message);
      expect(issue.path).toBe('questions[0].points');
      expect(issue.line).toBe(5);
    }
  });

  test('the score of a question is its total; credit and follow_through are fractions of the answer’s points', () => {
    const rubric = parseRubric(
      `rubric: r\nquestions:\n  - id: q\n    section: 1\n    points: 6\n    answers:\n` +
        `      - id: a\n        label: a\n        expected: 2\n` +
        `      - id: b\n        label: b\n        expected: 10\n        mistakes:\n          - { expected: 20, feedback: doubled, credit: 0.5 }\n` +
        `      - id: c\n        label: c\n        expected: a * 3\n        follow_through: 0.5\n`,
      'r.yaml',
    );
    const result = gradeText(rubric, '1. a = 3\n\nb = 20\n\nc = 9\n', { submission: 's.md', name: 's' });
    const answers = result.questions[0].answers;
    expect(answers.map((a) => [a.id, a.status, a.points, a.maxPoints])).toEqual([
      ['a', 'incorrect', 0, 2],
      ['b', 'partial', 1, 2],
      ['c', 'partial', 1, 2],
    ]);
    expect(result.questions[0].maxScore).toBe(6);
  });
});

test('lint warns when a question with several answers sets points, and not otherwise', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-points-'));
  const several = path.join(dir, 'several.yaml');
  const one = path.join(dir, 'one.yaml');
  writeFileSync(several, question('    points: 3\n', [null, null, null]));
  writeFileSync(one, question('    points: 3\n', [null]));
  const warned = await lintRubric(several);
  expect(warned.ok).toBe(true);
  expect(warned.messages).toHaveLength(1);
  expect(warned.messages[0]).toMatch(/:3:5: warning: points: 3 is the question's total, shared by its 3 answers \(1 each\)/);
  expect((await lintRubric(one)).messages).toEqual([]);
});
