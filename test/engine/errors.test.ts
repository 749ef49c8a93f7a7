// Bad input throws one line naming the function, the argument and what was expected.
import { describe, expect, test } from 'vitest';
import * as engine from '../../src/engine/index.js';
import { createEngine, evaluate } from '../../src/engine/index.js';

/** Engine functions called with arguments their types would forbid, as rubrics can. */
const call = engine as unknown as Record<string, (...args: unknown[]) => unknown>;
const cm = [
  [5, 1],
  [2, 2],
];

function messageOf(compute: () => unknown): string {
  try {
    compute();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

const cases: Array<[kind: string, fn: string, compute: () => unknown, expected: RegExp]> = [
  // wrong shapes
  ['shape', 'mse', () => call.mse([1, 2], [1, 2, 3]), /y and yhat must have the same shape, got a 2-vector and a 3-vector/],
  ['shape', 'bce', () => call.bce([1, 0], [[0.5], [0.5], [0.5]]), /y and p must have the same shape, got a 2-vector and a 3×1 matrix/],
  ['shape', 'cce', () => call.cce([[1, 0]], [[0.5, 0.25, 0.25]]), /Y and P must have the same shape, got 1×2 and 1×3/],
  ['shape', 'kl', () => call.kl([1, 0], [0.2, 0.3, 0.5]), /p and q must have the same length/],
  ['shape', 'dense', () => call.dense([[1, 2, 3]], [[1], [1]], [0]), /W has 2 rows .* but X has 3 columns/],
  ['shape', 'dense', () => call.dense([[1, 2]], [[1], [1]], [0, 0]), /b must be a vector of 1 numbers/],
  ['shape', 'mlp', () => call.mlp([[1, 2]], [[1], [1]], [0]), /groups of W, b, activation/],
  ['shape', 'with_bias', () => call.with_bias([[1, 2], [3]]), /X must have rows of equal length/],
  ['shape', 'confusion', () => call.confusion([1, 2], [1]), /y_true and y_pred must have the same length, got 2 and 1/],
  ['shape', 'roc_auc', () => call.roc_auc([0, 1], [0.5]), /y and score must have the same length/],
  ['shape', 'sigmoid', () => call.sigmoid('x'), /x must be a number, a vector or a matrix/],
  // confusion matrices
  ['square', 'f1', () => call.f1([[1, 2], [3, 4], [5, 6]], 1), /^f1: confusion matrix must be square, got 3×2$/],
  ['counts', 'precision', () => call.precision([[1.5, 0], [0, 1]], 1), /whole counts ≥ 0, got 1.5 at row 1, column 1/],
  ['counts', 'accuracy', () => call.accuracy([[-1, 0], [0, 1]]), /whole counts ≥ 0, got -1/],
  ['counts', 'mcc', () => call.mcc([1, 2]), /confusion matrix must be a matrix of numbers, got a 2-vector/],
  // classes
  ['class', 'recall', () => call.recall(cm, 3), /k must be a class index from 1 to 2 or a class name, got 3/],
  ['class', 'recall', () => call.recall(cm, 0), /k must be a class index from 1 to 2/],
  ['class', 'f1', () => call.f1(cm, 'A'), /k "A" is not a class name; expected a class index/],
  ['class', 'f1', () => call.f1(cm, 'C', ['A', 'B', 'C']), /k "C" is class 3, but there are only 2 classes/],
  ['class', 'confusion', () => call.confusion([1, 3], [1, 1], 2), /y_true label must be a class index from 1 to 2/],
  ['class', 'confusion', () => call.confusion([1, 2], [1, 2], 5000), /n must be a whole number of classes from 1 to 1000/],
  // probabilities and labels
  ['probability', 'bce', () => call.bce([1], [1.2]), /p must hold probabilities in \[0, 1\], got 1.2/],
  ['probability', 'bce', () => call.bce([2], [0.5]), /y must hold probabilities in \[0, 1\], got 2/],
  ['probability', 'entropy', () => call.entropy([-0.1, 1.1]), /p must hold probabilities/],
  ['probability', 'cross_entropy', () => call.cross_entropy([0.5, 0.5], [NaN, 1]), /q must hold probabilities/],
  ['probability', 'cce', () => call.cce([[1, 0]], [[1.5, -0.5]]), /P must hold probabilities/],
  ['label', 'hinge', () => call.hinge([0, 1], [0.5, 0.5]), /y must hold labels -1 or 1, got 0/],
  ['label', 'roc_auc', () => call.roc_auc([0, 2], [0.1, 0.2]), /y must hold labels 0 or 1, got 2/],
  ['label', 'roc_auc', () => call.roc_auc([1, 1], [0.1, 0.2]), /y must contain both classes 0 and 1/],
  // parameters
  ['parameter', 'fbeta', () => call.fbeta(cm, 1, -1), /beta must be at least 0, got -1/],
  ['parameter', 'huber', () => call.huber([1], [2], 0), /delta must be greater than 0, got 0/],
  ['parameter', 'leaky_relu', () => call.leaky_relu([1], 'a'), /a must be a finite number, got the string "a"/],
  ['parameter', 'mlp', () => call.mlp([[1]], [[1]], [0], 'gelu'), /activation1 must be one of identity, sigmoid, tanh, relu, softmax, got the string "gelu"/],
  ['parameter', 'macro', () => call.macro('f1', cm), /metric must be a function such as f1, got the string "f1"/],
  ['parameter', 'weighted', () => call.weighted(() => [1], cm), /metric must return a number, got a 1-vector/],
  ['parameter', 'numgrad', () => call.numgrad(3, [1]), /f must be a function, got the number 3/],
  ['parameter', 'numgrad', () => call.numgrad((x: number[]) => x, [1, 2]), /f must return a number, got a 2-vector/],
  ['parameter', 'numgrad', () => call.numgrad((x: number) => x, Infinity), /X must hold finite numbers, got Infinity/],
  ['parameter', 'softmax', () => call.softmax([NaN, 1]), /z must hold finite numbers/],
];

describe('bad input', () => {
  test.each(cases)('%s: %s', (_kind, fn, compute, expected) => {
    const message = messageOf(compute);
    expect(message.startsWith(`${fn}: `)).toBe(true);
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });

  test('errors reach the rubric unchanged through mathjs', () => {
    const withClasses = createEngine({ classes: ['A', 'B', 'C'] });
    expect(() => evaluate(withClasses, 'f1(cm, "D")', { cm })).toThrow(
      /^f1: k "D" is not a class name; expected one of A, B, C$/,
    );
    expect(() => evaluate(withClasses, 'f1([[1, 2], [3, 4], [5, 6]], 1)')).toThrow(
      /^f1: confusion matrix must be square, got 3×2$/,
    );
  });
});
