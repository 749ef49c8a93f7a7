import { describe, expect, test } from 'vitest';
import { diagnose, matchDiagnosis } from '../../src/checks/diagnoses.js';
import { createEngine, evaluate } from '../../src/engine/index.js';

const engine = createEngine({ classes: ['A', 'B', 'C'] });
const scope = {
  cm: [[50, 5, 10], [7, 60, 8], [4, 6, 80]],
  X: [[1, 1, 2], [1, 1, 3], [1, 2, 2]],
  W: [[0.01, 0.02, 0.03], [0.03, 0.01, 0.02], [0.02, 0.03, 0.01]],
  v: [0.01, 0.02, 0.03, 0.04],
  y: [1, 1, 1],
  p: [0.1, 0.8, 0.3],
};
const value = (expr: string) => evaluate(engine, expr, { ...scope }) as number;

// [diagnosis, expected computation, the student's mistaken value]
const cases: Array<[string, string, unknown]> = [
  ['precision-recall-swapped', 'precision(cm, "A")', value('recall(cm, "A")')],
  ['log-base-10', 'bce(y, p)', value('bce(y, p)') / Math.log(10)],
  ['log-base-2', '-log(0.1)', -Math.log2(0.1)],
  ['sum-not-mean', 'bce(y, p)', value('bce(y, p)') * 3],
  ['sum-not-mean', 'mean((y - p) .^ 2)', value('sum((y - p) .^ 2)')],
  ['sign-flipped', 'log(0.1)', -Math.log(0.1)],
  // the seeds' forward pass: ŷ from a transposed hidden layer, not a transposed answer
  ['transposed-operand', "with_bias(sigmoid(X * W')) * v", evaluate(engine, "with_bias(transpose(sigmoid(X * W'))) * v", { ...scope })],
];

describe('diagnose', () => {
  test.each(cases)('%s is recognised in %s', (id, expected, mistaken) => {
    const diagnoses = diagnose(engine, expected, scope);
    const match = matchDiagnosis(mistaken as number, diagnoses, { rel: 1e-6 });
    expect(match?.id).toBe(id);
  });

  test('the true value matches no diagnosis', () => {
    const diagnoses = diagnose(engine, "with_bias(sigmoid(X * W')) * v", scope);
    const truth = evaluate(engine, "with_bias(sigmoid(X * W')) * v", { ...scope }) as number[];
    expect(matchDiagnosis(truth, diagnoses, { rel: 1e-6 })).toBeNull();
  });

  test('a diagnosis that changes nothing is not offered', () => {
    // f1 is symmetric in precision and recall
    expect(diagnose(engine, 'f1(cm, "A")', scope).map((d) => d.id)).not.toContain('precision-recall-swapped');
  });
});
