// Argument checking shared by the engine functions. Each function turns its inputs into
// plain numbers, vectors or matrices here, or throws a one-line error that names the
// function, the argument and what was expected: `f1: confusion matrix must be square, got 3×2`.
import { isMatrix } from 'mathjs';

export type Vector = number[];
export type Matrix = number[][];
/** A number, a vector or a matrix: what element-wise functions and losses take. */
export type Numeric = number | Vector | Matrix;

/** Throws `fn: message` (the engine's only error format). */
export function fail(fn: string, message: string): never {
  throw new Error(`${fn}: ${message}`);
}

/** A mathjs Matrix as nested arrays; any other value unchanged. */
export function unwrap(value: unknown): unknown {
  return isMatrix(value) ? value.valueOf() : value;
}

/** A short description of a value for error messages: "a 3-vector", "a 2×3 matrix". */
export function describe(value: unknown): string {
  const v = unwrap(value);
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'string') return `the string "${v}"`;
  if (typeof v === 'function') return 'a function';
  if (v === null || v === undefined) return 'nothing';
  if (!Array.isArray(v)) return `a ${typeof v}`;
  if (v.length === 0) return 'an empty array';
  if (v.every((x) => typeof x === 'number')) return `a ${v.length}-vector`;
  if (v.every(Array.isArray)) {
    const widths = new Set(v.map((row: unknown[]) => row.length));
    return widths.size === 1 ? `a ${v.length}×${v[0].length} matrix` : 'a matrix with rows of unequal length';
  }
  return 'an array of mixed values';
}

/** A finite number, or an error naming `arg`. */
export function asFinite(fn: string, arg: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail(fn, `${arg} must be a finite number, got ${describe(value)}`);
}

/**
 * A flat list: a 1-D array, or the cells of an n×1 or 1×n matrix (mathjs writes
 * `[1; 2; 3]` as a column), so that a column vector equals a 1-D vector.
 */
export function asList(fn: string, arg: string, value: unknown, expected: string): unknown[] {
  const v = unwrap(value);
  if (!Array.isArray(v) || v.length === 0) return fail(fn, `${arg} must be ${expected}, got ${describe(v)}`);
  if (!v.every(Array.isArray)) return v;
  if (v.length === 1) return v[0] as unknown[];
  if (v.every((row: unknown[]) => row.length === 1)) return v.map((row: unknown[]) => row[0]);
  return fail(fn, `${arg} must be ${expected}, got ${describe(v)}`);
}

/** A non-empty vector of numbers (column and row matrices are flattened). */
export function asVector(fn: string, arg: string, value: unknown): Vector {
  const list = asList(fn, arg, value, 'a vector of numbers');
  if (list.every((x) => typeof x === 'number')) return list as Vector;
  return fail(fn, `${arg} must be a vector of numbers, got ${describe(value)}`);
}

/** A non-empty rectangular matrix of numbers. */
export function asMatrix(fn: string, arg: string, value: unknown): Matrix {
  const v = unwrap(value);
  const isMatrixOfNumbers =
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((row) => Array.isArray(row) && row.length > 0 && row.every((x) => typeof x === 'number'));
  if (!isMatrixOfNumbers) return fail(fn, `${arg} must be a matrix of numbers, got ${describe(v)}`);
  const width = v[0].length;
  const ragged = v.find((row: number[]) => row.length !== width);
  if (ragged) return fail(fn, `${arg} must have rows of equal length, got rows of ${width} and ${ragged.length}`);
  return v as Matrix;
}

/** A number, a vector or a matrix of numbers. */
export function asNumeric(fn: string, arg: string, value: unknown): Numeric {
  const v = unwrap(value);
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number')) return v as Vector;
  if (Array.isArray(v) && v.length > 0 && v.every(Array.isArray)) return asMatrix(fn, arg, v);
  return fail(fn, `${arg} must be a number, a vector or a matrix of numbers, got ${describe(v)}`);
}

/** Applies `f` to every element, keeping the shape. */
export function mapNumeric(x: Numeric, f: (v: number) => number): Numeric {
  if (typeof x === 'number') return f(x);
  if (isVector(x)) return x.map(f);
  return x.map((row) => row.map(f));
}

/** Every element, row by row. */
export function flatten(x: Numeric): Vector {
  if (typeof x === 'number') return [x];
  return isVector(x) ? x : x.flat();
}

export function isVector(x: Vector | Matrix): x is Vector {
  return typeof x[0] === 'number';
}

/**
 * Two arguments that must have the same shape, as flat lists. An n-vector, an n×1 and a
 * 1×n matrix count as the same shape.
 */
export function asPair(fn: string, names: [string, string], a: unknown, b: unknown): [Vector, Vector] {
  const x = asNumeric(fn, names[0], a);
  const y = asNumeric(fn, names[1], b);
  const sx = vectorLength(x) ?? shapeKey(x);
  const sy = vectorLength(y) ?? shapeKey(y);
  if (sx !== sy) {
    return fail(fn, `${names[0]} and ${names[1]} must have the same shape, got ${describe(x)} and ${describe(y)}`);
  }
  return [flatten(x), flatten(y)];
}

function vectorLength(x: Numeric): string | null {
  if (typeof x === 'number') return null;
  if (isVector(x)) return `${x.length}`;
  if (x.length === 1) return `${x[0].length}`;
  return x[0].length === 1 ? `${x.length}` : null;
}

function shapeKey(x: Numeric): string {
  if (typeof x === 'number') return 'number';
  return isVector(x) ? `${x.length}` : `${x.length}×${x[0].length}`;
}

/** Checks that every value is a probability in [0, 1]. */
export function checkProbabilities(fn: string, arg: string, values: Vector): void {
  const bad = values.find((v) => !(v >= 0 && v <= 1));
  if (bad !== undefined) fail(fn, `${arg} must hold probabilities in [0, 1], got ${bad}`);
}

export function sum(values: Vector): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function mean(values: Vector): number {
  return sum(values) / values.length;
}

/** num / den, with 0/0 = 0 (scikit-learn's `zero_division=0`). */
export function ratio(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}
