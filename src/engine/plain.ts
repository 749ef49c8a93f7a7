// Engine results as plain data: JSON for `eval --json` and reports, NumericValue for checks.
import { isBigNumber, isComplex, isFraction, isMatrix, isResultSet, isUnit } from 'mathjs';
import type { NumericValue } from '../types.js';

/**
 * A result as plain JSON: numbers, strings, booleans, nested arrays for vectors and
 * matrices, objects for mathjs objects; NaN and ±Infinity as the strings "NaN",
 * "Infinity", "-Infinity"; complex numbers and units as their text; a function as its
 * name or syntax.
 * @example toPlainJson({ a: [1, Infinity] }) // { a: [1, "Infinity"] }
 */
export function toPlainJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (value === undefined) return null;
  if (typeof value === 'bigint') return toPlainJson(Number(value));
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (isMatrix(value)) return toPlainJson(value.valueOf());
  if (isResultSet(value)) return toPlainJson(value.entries);
  if (isBigNumber(value) || isFraction(value)) return toPlainJson(Number(value.valueOf()));
  if (isComplex(value) || isUnit(value)) return value.toString();
  if (typeof value === 'function') return functionName(value);
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toPlainJson(v)]));
}

/**
 * A finite number, a vector or a (rectangular, non-empty) matrix of finite numbers, else null.
 * @example toNumericValue([[1, 2], [3, 4]]) // [[1, 2], [3, 4]]; toNumericValue('x') // null
 */
export function toNumericValue(value: unknown): NumericValue | null {
  const v = isMatrix(value) ? value.valueOf() : value;
  if (isFiniteNumber(v)) return v;
  if (!Array.isArray(v) || v.length === 0) return null;
  if (v.every(isFiniteNumber)) return v;
  const width = Array.isArray(v[0]) ? v[0].length : 0;
  const isMatrixOfNumbers = v.every(
    (row) => Array.isArray(row) && row.length === width && width > 0 && row.every(isFiniteNumber),
  );
  return isMatrixOfNumbers ? (v as number[][]) : null;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function functionName(fn: { name: string }): string {
  const syntax = (fn as { syntax?: unknown }).syntax;
  return typeof syntax === 'string' ? syntax : fn.name;
}
