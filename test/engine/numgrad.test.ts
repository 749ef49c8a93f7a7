// numgrad against analytic gradients, with functions written in TypeScript and in rubrics.
import { describe, expect, test } from 'vitest';
import { createEngine, evaluate, numgrad, sigmoid, toPlainJson } from '../../src/engine/index.js';
import { mismatches } from './close.js';

const ACCURACY = { rel: 1e-6, abs: 1e-9 };

// A small regression network: 4 samples, 3 inputs, 2 hidden units, output weights v (bias first).
const X = [
  [0.5, -1.2, 0.3],
  [1.5, 0.2, -0.7],
  [-0.4, 0.9, 1.1],
  [0.1, -0.3, -1.6],
];
const W = [
  [0.2, -0.5, 0.8],
  [-1.1, 0.4, 0.3],
];
const v = [0.3, -1.2, 0.9];
const y = [0.7, -0.2, 1.3, 0.4];

/** d/dW of sum((y - [1, sigmoid(X W')] v)^2), by the chain rule. */
function analyticGradient(): number[][] {
  const hidden = sigmoid(X.map((x) => W.map((w) => w.reduce((acc, wj, j) => acc + wj * x[j], 0))));
  const residual = hidden.map((h, i) => y[i] - (v[0] + h.reduce((acc, hk, k) => acc + hk * v[k + 1], 0)));
  return W.map((w, k) =>
    w.map((_, j) =>
      X.reduce((acc, x, i) => {
        const h = hidden[i][k];
        return acc - 2 * residual[i] * v[k + 1] * h * (1 - h) * x[j];
      }, 0),
    ),
  );
}

describe('numgrad with a function defined in the rubric', () => {
  const engine = createEngine();

  test('L(W) = sum((y - with_bias(sigmoid(X*W\')) * v).^2), then numgrad(L, W)', () => {
    const scope: Record<string, unknown> = { X, W, v, y };
    evaluate(engine, "L(W) = sum((y - with_bias(sigmoid(X*W')) * v).^2)", scope);
    const gradient = evaluate(engine, 'numgrad(L, W)', scope);
    expect(mismatches(gradient, analyticGradient(), ACCURACY)).toEqual([]);
  });

  test('assignment and call in one expression', () => {
    const scope: Record<string, unknown> = { X, W, v, y };
    const results = evaluate(engine, "L(W) = sum((y - with_bias(sigmoid(X*W')) * v).^2); numgrad(L, W)", scope);
    expect(mismatches(toPlainJson(results), [analyticGradient()], ACCURACY)).toEqual([]);
  });

  test('a rubric function passed to the TypeScript numgrad', () => {
    const scope: Record<string, unknown> = { X, v, y };
    const L = evaluate(engine, "L(W) = sum((y - with_bias(sigmoid(X*W')) * v).^2)", scope) as (w: number[][]) => number;
    expect(mismatches(numgrad(L, W), analyticGradient(), ACCURACY)).toEqual([]);
  });
});

describe('numgrad in TypeScript', () => {
  test.each([
    ['x³ at a large x (step scales with |x|)', (x: number) => x ** 3, 1000, 3e6],
    ['x³ at a tiny x', (x: number) => x ** 3 + x, 1e-8, 1],
    ['exp at 0', Math.exp, 0, 1],
    ['log at 0.01', Math.log, 0.01, 100],
  ])('%s', (_name, f, x, expected) => {
    expect(mismatches(numgrad(f as (x: unknown) => number, x), expected, ACCURACY)).toEqual([]);
  });

  test('a vector argument gives a vector gradient', () => {
    const f = (w: unknown) => (w as number[]).reduce((acc, wi, i) => acc + (i + 1) * Math.sin(wi), 0);
    const w = [0.1, 2, -3];
    expect(mismatches(numgrad(f, w), w.map((wi, i) => (i + 1) * Math.cos(wi)), ACCURACY)).toEqual([]);
  });

  test('a 1×1 matrix result counts as a number', () => {
    const f = (w: unknown) => [[(w as number[])[0] * 2]];
    expect(numgrad(f, [5])[0]).toBeCloseTo(2, 9);
  });

  test('the argument is not modified', () => {
    const w = [[1, 2]];
    numgrad((m: unknown) => (m as number[][])[0][0] * (m as number[][])[0][1], w);
    expect(w).toEqual([[1, 2]]);
  });
});
