// Never-throw value paths (issue 9): a value of a shape the student chose (a matrix
// where a number is expected) never ends the submission. Follow-through that cannot be
// computed with it is `incorrect` with `shape-mismatch`; the other answers are graded.
import { describe, expect, test } from 'vitest';
import { gradeText } from '../src/grade.js';
import { parseRubric } from '../src/rubric/load.js';

const rubric = parseRubric(
  `rubric: shapes
context: { base: 2 }
questions:
  - id: q1
    section: 1
    answers:
      - { id: side, label: side, expected: base + 1 }
  - id: q2
    section: 2
    answers:
      - { id: area, label: area, expected: det(side * identity(2)) + 1, follow_through: 0.5 }
      - { id: inverse, label: inverse, expected: inv(side), follow_through: 0.5 }
  - id: q3
    section: 3
    answers:
      - { id: total, label: total, expected: 7 }
`,
  'shapes.yaml',
);

describe('follow-through with a wrong-shaped earlier answer', () => {
  test.each([
    ['a 2×3 matrix for a number', '[[1, 2, 3], [4, 5, 6]]'],
    ['a column vector for a number', '[[1], [2], [3]]'],
    ['a row vector for a number', '[1, 2, 3]'],
  ])('%s: the dependent answers are incorrect with shape-mismatch, the others graded', (_name, value) => {
    const result = gradeText(rubric, `1. side = ${value}\n\n2. area = 11\n\ninverse = 0.5\n\n3. total = 7\n`, { submission: 's.md', name: 's' });
    expect(result.error).toBeNull();
    const byId = Object.fromEntries(result.questions.flatMap((q) => q.answers).map((a) => [a.id, a]));
    expect(byId.side.status).toBe('incorrect');
    expect(byId.area).toMatchObject({ status: 'incorrect', reasonCode: 'shape-mismatch', points: 0 });
    expect(byId.area.line).toBe(3);
    expect(byId.total).toMatchObject({ status: 'correct', points: 1 });
  });

  test('with a number of the right shape, follow-through still gives partial credit', () => {
    const result = gradeText(rubric, '1. side = 4\n\n2. area = 17\n\ninverse = 0.25\n\n3. total = 7\n', { submission: 's.md', name: 's' });
    const byId = Object.fromEntries(result.questions.flatMap((q) => q.answers).map((a) => [a.id, a]));
    expect(byId.area).toMatchObject({ status: 'partial', reasonCode: 'follow-through' });
    expect(byId.inverse).toMatchObject({ status: 'partial', reasonCode: 'follow-through' });
  });
});
