// The conventions of src/engine/README.md, one decision at a time.
import { describe, expect, test } from 'vitest';
import {
  accuracy,
  bce,
  cce,
  createEngine,
  evaluate,
  f1,
  kappa,
  log_softmax,
  mcc,
  mse,
  precision,
  recall,
  sigmoid,
  softmax,
  softplus,
  sse,
  weighted,
  with_bias,
} from '../../src/engine/index.js';

const cm = [
  [50, 5, 10],
  [7, 60, 8],
  [4, 6, 80],
];

describe('0/0 is 0 (zero_division=0)', () => {
  test.each([
    ['precision of a class never predicted', () => precision([[3, 0], [2, 0]], 2)],
    ['recall of a class that never occurs', () => recall([[0, 0], [2, 3]], 1)],
    ['f1 of a class absent everywhere', () => f1([[0, 0], [0, 5]], 1)],
    ['accuracy of an empty matrix', () => accuracy([[0, 0], [0, 0]])],
    ['weighted of an empty matrix', () => weighted(precision, [[0, 0], [0, 0]])],
    ['mcc of a constant prediction', () => mcc([[3, 0], [2, 0]])],
    ['kappa when chance agreement is certain', () => kappa([[5, 0], [0, 0]])],
  ])('%s', (_name, compute) => {
    expect(compute()).toBe(0);
  });
});

describe('numerical stability', () => {
  test('softmax([1000, 0]) is finite', () => {
    expect(softmax([1000, 0])).toEqual([1, 0]);
  });

  test('log_softmax([1000, 0]) is finite', () => {
    expect(log_softmax([1000, 0])).toEqual([0, -1000]);
  });

  test('softmax of a matrix works row by row', () => {
    const rows = softmax([
      [1, 2],
      [1000, 1000],
    ]);
    expect(rows[1]).toEqual([0.5, 0.5]);
    expect(rows[0][0] + rows[0][1]).toBeCloseTo(1, 15);
  });

  test.each([
    [800, 1],
    [-800, 0],
  ])('sigmoid(%d) is %d, not NaN', (x, expected) => {
    expect(sigmoid(x)).toBe(expected);
  });

  test('softplus of large inputs neither overflows nor loses small values', () => {
    expect(softplus([800, -800, -40])).toEqual([800, 0, Math.exp(-40)]);
  });
});

describe('probabilities are clipped to [1e-15, 1 − 1e-15]', () => {
  test('a confident wrong answer costs −log(1e-15)', () => {
    expect(bce([1], [0])).toBeCloseTo(-Math.log(1e-15), 12);
    expect(bce([0], [1])).toBeCloseTo(-Math.log(1 - (1 - 1e-15)), 12);
  });

  test('a confident right answer costs almost nothing', () => {
    expect(bce([1, 0], [1, 0])).toBeLessThan(1e-14);
    expect(cce([[0, 1]], [[0, 1]])).toBeLessThan(1e-14);
  });

  test('cce at an exact 0 is finite', () => {
    expect(cce([[1, 0]], [[0, 1]])).toBeCloseTo(-Math.log(1e-15), 12);
  });
});

describe('sums and means', () => {
  test('sse is the sum and mse the mean of squared errors', () => {
    expect(sse([1, 2, 3], [0, 0, 0])).toBe(14);
    expect(mse([1, 2, 3], [0, 0, 0])).toBeCloseTo(14 / 3, 15);
  });

  test('mse of matrices averages over every element', () => {
    expect(mse([[1, 2], [3, 4]], [[0, 0], [0, 0]])).toBe(7.5);
  });

  test('a column vector equals a 1-D vector', () => {
    expect(mse([[1], [2]], [1, 4])).toBe(2);
  });
});

describe('layers', () => {
  test('with_bias of a vector treats it as one sample', () => {
    expect(with_bias([2, 3])).toEqual([1, 2, 3]);
  });

  test('with_bias of a matrix prepends a column of ones', () => {
    expect(with_bias([[2, 3], [4, 5]])).toEqual([[1, 2, 3], [1, 4, 5]]);
  });
});

describe('class names', () => {
  const engine = createEngine({ classes: ['A', 'B', 'C'] });

  test.each(['precision', 'recall', 'f1', 'specificity', 'support'])('%s(cm, "B") equals %s(cm, 2)', (fn) => {
    const byName = evaluate(engine, `${fn}(cm, "B")`, { cm });
    expect(byName).toBe(evaluate(engine, `${fn}(cm, 2)`, { cm }));
  });

  test('confusion reads class names', () => {
    expect(evaluate(engine, 'confusion(["A", "C", "C"], ["A", "B", "C"])')).toEqual([
      [1, 0, 0],
      [0, 0, 0],
      [0, 1, 1],
    ]);
  });

  test('a name that looks like a number is still a name', () => {
    const digits = createEngine({ classes: ['0', '1'] });
    expect(evaluate(digits, 'recall([[3, 1], [0, 4]], "0")')).toBe(0.75);
    expect(evaluate(digits, 'recall([[3, 1], [0, 4]], 1)')).toBe(0.75);
  });

  test('engines do not share classes', () => {
    const other = createEngine({ classes: ['X', 'Y', 'Z'] });
    expect(() => evaluate(other, 'f1(cm, "A")', { cm })).toThrow(/^f1: k "A" is not a class name/);
    expect(evaluate(engine, 'f1(cm, "A")', { cm })).toBe(f1(cm, 1));
  });
});

describe('averages in expressions', () => {
  const engine = createEngine();

  test('macro(f1, cm) is the mean of the per-class F1', () => {
    const expected = (f1(cm, 1) + f1(cm, 2) + f1(cm, 3)) / 3;
    expect(evaluate(engine, 'macro(f1, cm)', { cm })).toBeCloseTo(expected, 15);
  });

  test('weighted(recall, cm) is the accuracy (support weights)', () => {
    expect(evaluate(engine, 'weighted(recall, cm)', { cm })).toBeCloseTo(accuracy(cm), 15);
  });

  test.each(['precision', 'recall', 'f1'])('micro(%s, cm) is the accuracy', (metric) => {
    expect(evaluate(engine, `micro(${metric}, cm)`, { cm })).toBeCloseTo(accuracy(cm), 15);
  });

  test('extra arguments go to the metric: macro(fbeta, cm, 1) = macro(f1, cm)', () => {
    expect(evaluate(engine, 'macro(fbeta, cm, 1)', { cm })).toBeCloseTo(evaluate(engine, 'macro(f1, cm)', { cm }) as number, 15);
  });

  test('a metric defined in the rubric works too', () => {
    const scope: Record<string, unknown> = { cm };
    evaluate(engine, 'tpr(m, k) = recall(m, k)', scope);
    expect(evaluate(engine, 'macro(tpr, cm)', scope)).toBe(evaluate(engine, 'macro(recall, cm)', scope));
  });
});

describe('mathjs integration', () => {
  const engine = createEngine();

  test('tanh takes matrices (mathjs’s own does not)', () => {
    expect(evaluate(engine, 'tanh([[0, 1], [-1, 0]])')).toEqual([
      [0, Math.tanh(1)],
      [-Math.tanh(1), 0],
    ]);
  });

  test('a mathjs Matrix argument is accepted', () => {
    expect(evaluate(engine, 'f1(matrix([[5, 1], [2, 2]]), 1)')).toBe(f1([[5, 1], [2, 2]], 1));
    expect(evaluate(engine, 'sigmoid(matrix([0, 0]))')).toEqual([0.5, 0.5]);
  });

  test('kl is the divergence, not the kilolitre', () => {
    expect(evaluate(engine, 'kl([0.5, 0.5], [0.5, 0.5])')).toBe(0);
  });

  test('logistic is sigmoid', () => {
    expect(evaluate(engine, 'logistic([-1, 0, 2])')).toEqual(sigmoid([-1, 0, 2]));
  });

  test.each([
    ['[[1, 2], [3, 4]] * [1, 1]', [3, 7]],
    ['X * [1, 1]', [3, 7]],
    ["[1, 2]'", [1, 2]],
  ])('%s is a plain array (config matrix: Array)', (expr, expected) => {
    expect(evaluate(engine, expr, { X: [[1, 2], [3, 4]] })).toStrictEqual(expected);
  });
});
