// Activation functions, element-wise on numbers, vectors and matrices. `softmax` and
// `log_softmax` act on a vector, or on each row of a matrix (rows are samples).
import { asFinite, asNumeric, fail, isVector, mapNumeric, sum, type Matrix, type Numeric, type Vector } from './inputs.js';

/** The shape an element-wise function returns for an argument of type T. */
export type SameShape<T> = T extends number ? number : T extends number[][] ? Matrix : T extends number[] ? Vector : Numeric;

/**
 * The logistic function 1 / (1 + e^-x), without overflow for large |x|.
 * @example sigmoid([0, 2]) // [0.5, 0.8807970779778823]
 */
export function sigmoid<T extends Numeric>(x: T): SameShape<T> {
  return elementwise('sigmoid', x, logisticOf);
}

/**
 * Another name for `sigmoid`.
 * @example logistic(0) // 0.5
 */
export function logistic<T extends Numeric>(x: T): SameShape<T> {
  return elementwise('logistic', x, logisticOf);
}

/**
 * Hyperbolic tangent; unlike mathjs's own it also takes vectors and matrices.
 * @example tanh([0, 1]) // [0, 0.7615941559557649]
 */
export function tanh<T extends Numeric>(x: T): SameShape<T> {
  return elementwise('tanh', x, Math.tanh);
}

/**
 * max(0, x).
 * @example relu([-1, 2]) // [0, 2]
 */
export function relu<T extends Numeric>(x: T): SameShape<T> {
  return elementwise('relu', x, (v) => Math.max(0, v));
}

/**
 * x for x ≥ 0, a·x below; `a` defaults to 0.01.
 * @example leaky_relu([-2, 3], 0.1) // [-0.2, 3]
 */
export function leaky_relu<T extends Numeric>(x: T, a = 0.01): SameShape<T> {
  const slope = asFinite('leaky_relu', 'a', a);
  return elementwise('leaky_relu', x, (v) => (v >= 0 ? v : slope * v));
}

/**
 * log(1 + e^x), without overflow for large x or loss of precision for very negative x.
 * @example softplus(0) // 0.6931471805599453
 */
export function softplus<T extends Numeric>(x: T): SameShape<T> {
  return elementwise('softplus', x, (v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
}

/**
 * e^z / Σe^z of a vector, or of each row of a matrix; shifted by the maximum so that
 * softmax([1000, 0]) is [1, 0] rather than NaN.
 * @example softmax([1, 2, 3]) // [0.090…, 0.244…, 0.665…]
 */
export function softmax<T extends Numeric>(z: T): SameShape<T> {
  return rowwise('softmax', z, (row) => {
    const shifted = shiftByMax('softmax', row);
    const exps = shifted.map(Math.exp);
    const total = sum(exps);
    return exps.map((v) => v / total);
  });
}

/**
 * log(softmax(z)), computed as z − max − log Σe^(z − max).
 * @example log_softmax([0, 0]) // [-0.693…, -0.693…]
 */
export function log_softmax<T extends Numeric>(z: T): SameShape<T> {
  return rowwise('log_softmax', z, (row) => {
    const shifted = shiftByMax('log_softmax', row);
    const logTotal = Math.log(sum(shifted.map(Math.exp)));
    return shifted.map((v) => v - logTotal);
  });
}

function logisticOf(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

function elementwise<T>(fn: string, x: T, f: (v: number) => number): SameShape<T> {
  return mapNumeric(asNumeric(fn, 'x', x), f) as SameShape<T>;
}

function rowwise<T>(fn: string, z: T, f: (row: Vector) => Vector): SameShape<T> {
  const value = asNumeric(fn, 'z', z);
  if (typeof value === 'number') return f([value])[0] as SameShape<T>;
  return (isVector(value) ? f(value) : value.map(f)) as SameShape<T>;
}

function shiftByMax(fn: string, row: Vector): Vector {
  const max = row.reduce((a, b) => Math.max(a, b), -Infinity);
  if (!Number.isFinite(max)) fail(fn, `z must hold finite numbers, got ${max}`);
  return row.map((v) => v - max);
}
