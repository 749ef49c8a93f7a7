// Neural-network layers. Rows of X are samples; W is inputs × outputs; a vector X is
// one sample (a single row), and then the result is a vector too.
import { relu, sigmoid, softmax, tanh } from './activations.js';
import { asList, asMatrix, asNumeric, describe, fail, isVector, type Matrix, type Numeric, type Vector } from './inputs.js';

/** The activations `mlp` accepts, by name. */
export const ACTIVATIONS: Readonly<Record<string, (x: Numeric) => Numeric>> = {
  identity: (x) => x,
  sigmoid,
  tanh,
  relu,
  softmax,
};

/**
 * Prepends a column of ones (the bias input). A vector is one sample: [1, x1, x2, …];
 * a number x gives [1, x].
 * @example with_bias([[2, 3], [4, 5]]) // [[1, 2, 3], [1, 4, 5]]
 */
export function with_bias(X: Numeric): Vector | Matrix {
  const x = asNumeric('with_bias', 'X', X);
  if (typeof x === 'number') return [1, x];
  return isVector(x) ? [1, ...x] : x.map((row) => [1, ...row]);
}

/**
 * X·W + b, with b added to every row (b is a vector of outputs, or a number).
 * @example dense([[1, 2]], [[1, 0], [0, 1]], [10, 20]) // [[11, 22]]
 */
export function dense(X: Vector | Matrix, W: Matrix, b: Vector | number): Vector | Matrix {
  return affine('dense', '', X, W, b);
}

/**
 * Forward pass through dense layers: mlp(X, W1, b1, "sigmoid", W2, b2, "identity", …),
 * each activation one of identity, sigmoid, tanh, relu, softmax.
 * @example mlp([[1, 2]], [[1], [1]], [0], "relu") // [[3]]
 */
export function mlp(X: Vector | Matrix, ...layers: unknown[]): Vector | Matrix {
  if (layers.length === 0 || layers.length % 3 !== 0) {
    fail('mlp', `expected X then groups of W, b, activation; got ${layers.length} arguments after X`);
  }
  let output: Vector | Matrix = X;
  for (let i = 0; i < layers.length; i += 3) {
    const layer = `${i / 3 + 1}`;
    const activation = activationNamed(layer, layers[i + 2]);
    output = activation(affine('mlp', layer, output, layers[i], layers[i + 1])) as Vector | Matrix;
  }
  return output;
}

function activationNamed(layer: string, name: unknown): (x: Numeric) => Numeric {
  if (typeof name === 'string' && Object.hasOwn(ACTIVATIONS, name)) return ACTIVATIONS[name];
  const names = Object.keys(ACTIVATIONS).join(', ');
  return fail('mlp', `activation${layer} must be one of ${names}, got ${describe(name)}`);
}

/** X·W + b for dense layer `layer` ('' for `dense` itself, which names W and b plainly). */
function affine(fn: string, layer: string, X: unknown, W: unknown, b: unknown): Vector | Matrix {
  const weights = asMatrix(fn, `W${layer}`, W);
  const bias = asBias(fn, `b${layer}`, b, weights[0].length);
  const input = layer === '' || layer === '1' ? 'X' : `the input of layer ${layer}`;
  const x = asNumeric(fn, input, X);
  const rows = typeof x === 'number' ? null : isVector(x) ? [x] : x;
  if (rows === null || rows[0].length !== weights.length) {
    const width = rows === null ? 'is a number' : `has ${rows[0].length} columns`;
    fail(fn, `W${layer} has ${weights.length} rows (inputs × outputs) but ${input} ${width}`);
  }
  const out = rows.map((row) => bias.map((bj, j) => row.reduce((acc, xi, i) => acc + xi * weights[i][j], bj)));
  return typeof x !== 'number' && isVector(x) ? out[0] : out;
}

function asBias(fn: string, arg: string, b: unknown, outputs: number): Vector {
  if (typeof b === 'number') return new Array<number>(outputs).fill(b);
  const bias = asList(fn, arg, b, `a vector of ${outputs} numbers`);
  if (bias.length !== outputs || !bias.every((v) => typeof v === 'number')) {
    fail(fn, `${arg} must be a vector of ${outputs} numbers (one per output), got ${describe(b)}`);
  }
  return bias as Vector;
}
