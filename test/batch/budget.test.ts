// The time budget in this thread (issue 9: `--timeout` in every mode): one stage that
// never ends — here an answer kind that loops forever on cue — is stopped by the
// watchdog, its submission gets an error report with errorCode `timeout`, and the other
// submissions are graded. No timing is asserted: the loop never ends on its own.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { gradeAll } from '../../src/batch.js';
import { BudgetExceeded, withinBudget } from '../../src/budget.js';
import { checkSubmission } from '../../src/check.js';
import { gradeText } from '../../src/grade.js';
import { registerAnswerKind } from '../../src/kinds/registry.js';
import { parseRubric } from '../../src/rubric/load.js';
import { tree } from './fixtures.js';

/** Loops forever when the student wrote 666, else right when the value equals the expected one. */
registerAnswerKind({
  name: 'test-hang-on-666',
  keys: [],
  expected: 'value',
  wants: 'number',
  grade({ answer, final, found }) {
    while (final.value === 666) {
      // a stage that never ends
    }
    const right = final.value === answer.expectedValue;
    return { ...found, got: final.value as number, status: right ? 'correct' : 'incorrect', reasonCode: right ? 'within-tolerance' : 'outside-tolerance', points: right ? answer.points : 0, reason: 'test' };
  },
});

const rubric = parseRubric('rubric: budget\nquestions:\n  - id: q1\n    section: 1\n    answers:\n      - { id: n, label: n, kind: test-hang-on-666, expected: 4 }\n', 'budget.yaml');

describe('a stage that never ends is stopped by the budget', () => {
  test('gradeText: an error report with errorCode timeout', () => {
    const result = gradeText(rubric, '1. n = 666\n', { submission: 'h.md', name: 'h', timeout: 200 });
    expect([result.errorCode, result.questions]).toEqual(['timeout', []]);
    expect(result.error).toMatch(/timed out/);
  });

  test('check: exit 1 and the timeout error', async () => {
    const dir = tree({ 'hang.md': '1. n = 666\n' });
    const outcome = await checkSubmission(rubric, path.join(dir, 'hang.md'), { json: true, color: false, timeout: 200 });
    expect([outcome.exitCode, outcome.view.errorCode]).toEqual([1, 'timeout']);
  });

  test('the library in this thread (jobs: 0): that submission errors, the others are graded', async () => {
    const dir = tree({ 'a.md': '1. n = 4\n', 'hang.md': '1. n = 666\n', 'z.md': '1. n = 5\n' });
    const graded = await gradeAll(rubric, [dir], { jobs: 0, timeout: 200 });
    expect(graded.map((g) => [g.name, g.result.errorCode ?? g.result.questions[0].answers[0].status])).toEqual([
      ['a', 'correct'],
      ['hang', 'timeout'],
      ['z', 'incorrect'],
    ]);
  });
});

describe('withinBudget', () => {
  test('returns the value and passes other errors through; 0 is no budget', () => {
    expect(withinBudget(1_000, () => 42)).toBe(42);
    expect(withinBudget(0, () => 'none')).toBe('none');
    const thrown = new RangeError('ours');
    expect(() => withinBudget(1_000, () => { throw thrown; })).toThrow(thrown);
  });

  test('a catch inside the stopped work cannot swallow the stop', () => {
    const work = () => {
      try {
        for (;;) {
          // spin
        }
      } catch {
        return 'swallowed';
      }
    };
    expect(() => withinBudget(100, work)).toThrow(BudgetExceeded);
  });
});
