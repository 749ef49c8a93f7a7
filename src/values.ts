// Small helpers over values, shared by every stage: NumericValue (a number, a vector or a
// matrix), rounding for display, lists.
import type { NumericValue } from './types.js';

/**
 * The elements in row-major order.
 * @example flatten([[1, 2], [3, 4]]) // [1, 2, 3, 4]
 */
export function flatten(value: NumericValue): number[] {
  return Array.isArray(value) ? (value as Array<number | number[]>).flat() : [value];
}

/** Same elements (in row-major order) up to float noise; the shape is not compared. */
export function sameElements(a: NumericValue, b: NumericValue, relative = 1e-12): boolean {
  const x = flatten(a);
  const y = flatten(b);
  return x.length === y.length && x.every((v, i) => Math.abs(v - y[i]) <= relative * Math.max(1, Math.abs(v)));
}

export function isZero(value: NumericValue): boolean {
  return flatten(value).every((x) => x === 0);
}

/**
 * A score rounded to 1e-9, so that sums of fractional points do not show float noise
 * (0.1 + 0.2 is reported as 0.3).
 */
export function roundPoints(value: number): number {
  return roundTo(value, 9);
}

/** The total of some points, rounded like `roundPoints`. */
export function sumPoints(values: number[]): number {
  return roundPoints(values.reduce((a, b) => a + b, 0));
}

/**
 * `value` rounded to `decimals` decimal places, for figures shown to people.
 * @example roundTo(2 / 3, 3) // 0.667
 */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** The distinct values, in the order first seen. */
export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
