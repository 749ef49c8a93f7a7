// Numerical gradients, for checking a student's derivative against the rubric's function.
import { asNumeric, describe, fail, isVector, unwrap, type Numeric, type Vector } from './inputs.js';

/**
 * Step of the central difference relative to max(1, |x|): the cube root of machine
 * epsilon (≈ 6e-6) balances truncation error (∝ h²) against rounding error (∝ eps/h),
 * leaving about 1e-10 relative error on smooth functions.
 */
export const RELATIVE_STEP = Math.cbrt(Number.EPSILON);

/** A scalar function of a number, vector or matrix (a mathjs function works too). */
export type ScalarFunction<T extends Numeric = Numeric> = (x: T) => unknown;

/**
 * Central-difference gradient of a scalar function f at X, with the shape of X.
 * @example numgrad((w: number[]) => w[0] ** 2 + 3 * w[1], [2, 5]) // ≈ [4, 3]
 */
export function numgrad<T extends Numeric>(f: ScalarFunction<T>, X: T): T {
  if (typeof f !== 'function') fail('numgrad', `f must be a function, got ${describe(f)}`);
  const x = asNumeric('numgrad', 'X', X);
  const bad = (typeof x === 'number' ? [x] : x.flat()).find((v) => !Number.isFinite(v));
  if (bad !== undefined) fail('numgrad', `X must hold finite numbers, got ${bad}`);
  const g = f as ScalarFunction;
  if (typeof x === 'number') return centralDifference(g, x, (v) => v) as T;
  if (isVector(x)) return x.map((xi, i) => centralDifference(g, xi, (v) => withElement(x, i, v))) as T;
  return x.map((row, i) =>
    row.map((xij, j) => centralDifference(g, xij, (v) => x.map((r, k) => (k === i ? withElement(r, j, v) : r)))),
  ) as T;
}

/** (f(x+h) − f(x−h)) / 2h, dividing by the step as actually represented. */
function centralDifference(f: ScalarFunction, x: number, at: (v: number) => Numeric): number {
  const h = RELATIVE_STEP * Math.max(1, Math.abs(x));
  const up = x + h;
  const down = x - h;
  return (scalarResult(f(at(up))) - scalarResult(f(at(down)))) / (up - down);
}

function withElement(v: Vector, i: number, value: number): Vector {
  const copy = v.slice();
  copy[i] = value;
  return copy;
}

/** f's value as a number; a 1-element vector or 1×1 matrix (from a product) counts. */
function scalarResult(value: unknown): number {
  const v = unwrap(value);
  if (typeof v === 'number') return v;
  const flat = Array.isArray(v) ? v.flat() : [];
  if (flat.length === 1 && typeof flat[0] === 'number') return flat[0];
  return fail('numgrad', `f must return a number, got ${describe(value)}`);
}
