// Numeric tolerance (SPEC §4): one function, several modes. Every given mode defines a
// half-width around the expected value; the answer passes if it is within the widest
// one (so `abs` + `rel` passes when either does). Bounds are inclusive, plus 1e-12
// relative slack so that float noise never decides a tie against the student.
import type { NumericValue, Tolerance } from '../types.js';
import type { Unit } from '../rubric/schema.js';

/** PrairieLearn's default (`relabs`, rtol 1e-2, atol 1e-8). */
export const DEFAULT_TOLERANCE: Tolerance = Object.freeze({ rel: 0.01, abs: 1e-8 });

/** Accepted interval(s), shaped like the expected value. */
export type Interval = [number, number] | Array<[number, number]> | Array<Array<[number, number]>>;

export interface ToleranceResult {
  pass: boolean;
  interval: Interval;
  /** Why it failed (shape, non-finite value, or which element is outside), only when it failed. */
  reason?: string;
  /** What failed, only when it failed: the shapes differ, or a value is outside its interval. */
  failure?: 'shape' | 'value';
}

const FLOAT_SLACK = 1e-12;

/**
 * The accepted interval around one expected number.
 * @example interval(0.8196721, { decimals: 2 }) // [0.8146721, 0.8246721]
 */
export function interval(expected: number, tol: Tolerance): [number, number] {
  if (!Number.isFinite(expected)) return [expected, expected];
  const width = halfWidth(expected, tol);
  return [expected - width, expected + width];
}

/**
 * The accepted interval of every element, shaped like the expected value.
 * @example intervalsOf([1, 2], { abs: 0.5 }) // [[0.5, 1.5], [1.5, 2.5]]
 */
export function intervalsOf(expected: NumericValue, tol: Tolerance): Interval {
  return mapShaped(expected, (value) => interval(value, tol)) as Interval;
}

/**
 * Compares a found value with the expected one, element-wise for vectors and matrices.
 * A column vector `[[a],[b]]`, a row matrix `[[a,b]]` and a vector `[a,b]` are the same
 * shape; so are `5`, `[5]` and `[[5]]`. NaN never passes; an infinity passes only
 * against the same infinity.
 * @example withinTolerance(0.82, 0.8196721, { rel: 0.01 }).pass // true
 */
export function withinTolerance(got: NumericValue, expected: NumericValue, tol: Tolerance): ToleranceResult {
  const intervals = intervalsOf(expected, tol);
  const want = canonical(expected);
  const have = canonical(got);
  if (have === null) return { pass: false, interval: intervals, reason: 'found a ragged array', failure: 'shape' };
  if (want === null) return { pass: false, interval: intervals, reason: 'the expected value is a ragged array', failure: 'shape' };
  if (!sameShape(want.shape, have.shape)) {
    return {
      pass: false,
      interval: intervals,
      reason: `expected ${describeShape(want.shape)}, found ${describeShape(have.shape)}`,
      failure: 'shape',
    };
  }
  const failures = want.values.flatMap((exp, i) => (passes(have.values[i], exp, tol) ? [] : [i]));
  if (failures.length === 0) return { pass: true, interval: intervals };
  return { pass: false, interval: intervals, reason: describeFailures(failures, have, want, tol), failure: 'value' };
}

/**
 * Human wording of a tolerance, for reasons and `rubric explain`.
 * @example describeTolerance({ rel: 0.01, abs: 0.005 }) // "±1% or ±0.005"
 */
export function describeTolerance(tol: Tolerance): string {
  const parts: string[] = [];
  if (tol.rel !== undefined) parts.push(`±${formatNumber(tol.rel * 100)}%`);
  if (tol.abs !== undefined) parts.push(`±${formatNumber(tol.abs)}`);
  if (tol.decimals !== undefined) parts.push(plural(tol.decimals, 'decimal'));
  if (tol.sigfigs !== undefined) parts.push(plural(tol.sigfigs, 'significant figure'));
  return parts.length === 0 ? 'exact' : parts.join(' or ');
}

/** One way of reading a student's number: at face value, or as a percentage of 1. */
export interface Reading {
  value: NumericValue;
  /** 'percent': the figure was divided by 100; 'fraction': the figure was taken as written. */
  reading: 'fraction' | 'percent';
}

/**
 * The values a student's number may stand for (SPEC "Percentages"), in the order to try.
 * `value` is the step's value (already divided by 100 when `percent`, i.e. written `71 %`).
 * A written percentage reads as 0.71, and also as 71 when some |expected| is above 1.
 * A bare number is taken as written, unless `unit` is `percent` (only as a percentage)
 * or `either` (as written, then as a percentage).
 * @example percentReadings(83, false, 'either', 0.826) // [{83, fraction}, {0.83, percent}]
 */
export function percentReadings(
  value: NumericValue,
  percent: boolean,
  unit: Unit | undefined,
  expected: NumericValue,
): Reading[] {
  if (percent) {
    const readings: Reading[] = [{ value, reading: 'percent' }];
    if (largestMagnitude(expected) > 1) readings.push({ value: scale(value, 100), reading: 'fraction' });
    return readings;
  }
  const asPercentage: Reading = { value: scale(value, 0.01), reading: 'percent' };
  if (unit === 'percent') return [asPercentage];
  if (unit === 'either') return [{ value, reading: 'fraction' }, asPercentage];
  return [{ value, reading: 'fraction' }];
}

/**
 * The shape of a value as the checks see it (a column vector is a vector, `[[5]]` a number).
 * @example shapeKind([[1], [2], [3]]) // 'vector'
 */
export function shapeKind(value: NumericValue): Shape['kind'] {
  return canonical(value)?.shape.kind ?? 'matrix';
}

// ---------------------------------------------------------------- one number

/** Half-width of the accepted interval: the widest of the given modes; none given means exact. */
function halfWidth(expected: number, tol: Tolerance): number {
  const widths = [0];
  if (tol.abs !== undefined) widths.push(tol.abs);
  if (tol.rel !== undefined) widths.push(tol.rel * Math.abs(expected));
  if (tol.decimals !== undefined) widths.push(0.5 * 10 ** -tol.decimals);
  if (tol.sigfigs !== undefined) widths.push(0.5 * 10 ** (decimalExponent(expected) - tol.sigfigs + 1));
  return Math.max(...widths);
}

/**
 * floor(log10|x|). Zero has no leading digit; it is treated like a number of magnitude 1,
 * so `sigfigs: 3` accepts 0 ± 0.005 (as if written "0.00").
 */
function decimalExponent(x: number): number {
  return x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
}

function passes(got: number, expected: number, tol: Tolerance): boolean {
  if (Number.isNaN(got) || Number.isNaN(expected)) return false;
  if (!Number.isFinite(got) || !Number.isFinite(expected)) return got === expected;
  const width = halfWidth(expected, tol);
  return Math.abs(got - expected) <= width + FLOAT_SLACK * (Math.abs(expected) + width);
}

// ---------------------------------------------------------------- shapes

type Shape = { kind: 'number' } | { kind: 'vector'; length: number } | { kind: 'matrix'; rows: number; cols: number };

interface Flat {
  shape: Shape;
  values: number[];
}

/** Flattens a value and drops dimensions of size 1; null for a ragged matrix. */
function canonical(value: NumericValue): Flat | null {
  if (typeof value === 'number') return { shape: { kind: 'number' }, values: [value] };
  if (value.length === 0 || !Array.isArray(value[0])) {
    const values = value as number[];
    return { shape: values.length === 1 ? { kind: 'number' } : { kind: 'vector', length: values.length }, values };
  }
  const rows = value as number[][];
  const cols = rows[0].length;
  if (rows.some((row) => !Array.isArray(row) || row.length !== cols)) return null;
  const values = rows.flat();
  if (rows.length === 1 || cols === 1) {
    return { shape: values.length === 1 ? { kind: 'number' } : { kind: 'vector', length: values.length }, values };
  }
  return { shape: { kind: 'matrix', rows: rows.length, cols }, values };
}

function sameShape(a: Shape, b: Shape): boolean {
  return describeShape(a) === describeShape(b);
}

function describeShape(shape: Shape): string {
  if (shape.kind === 'number') return 'a number';
  if (shape.kind === 'vector') return `a ${shape.length}-vector`;
  return `a ${shape.rows}×${shape.cols} matrix`;
}

function describeFailures(failures: number[], have: Flat, want: Flat, tol: Tolerance): string {
  const first = failures[0];
  const [lo, hi] = interval(want.values[first], tol);
  const outside = `outside [${formatNumber(lo)}, ${formatNumber(hi)}]`;
  const found = formatNumber(have.values[first]);
  if (want.shape.kind === 'number') return `${found} is ${outside}`;
  const where =
    want.shape.kind === 'matrix'
      ? `(${Math.floor(first / want.shape.cols) + 1}, ${(first % want.shape.cols) + 1})`
      : `${first + 1}`;
  const count = failures.length === 1 ? '' : `${failures.length} of ${want.values.length} elements are off; `;
  return `${count}element ${where} is ${found}, ${outside}`;
}

// ---------------------------------------------------------------- helpers

function mapShaped<T>(value: NumericValue, f: (x: number) => T): T | T[] | T[][] {
  if (typeof value === 'number') return f(value);
  if (value.length > 0 && Array.isArray(value[0])) return (value as number[][]).map((row) => row.map(f));
  return (value as number[]).map(f);
}

/** A percentage reading, without float noise: 83 × 0.01 is 0.83, not 0.8300000000000001. */
function scale(value: NumericValue, factor: number): NumericValue {
  return mapShaped(value, (x) => Number((x * factor).toPrecision(15)));
}

function largestMagnitude(value: NumericValue): number {
  const flat = typeof value === 'number' ? [value] : (value as Array<number | number[]>).flat();
  return flat.reduce((largest, x) => (Math.abs(x) > largest ? Math.abs(x) : largest), 0);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Up to 7 significant digits, without float noise.
 * @example formatNumber(0.07 * 100) // "7"
 */
export function formatNumber(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(7))) : String(x);
}
