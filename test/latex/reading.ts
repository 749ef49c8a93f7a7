// Shared by the converter tests: a LaTeX piece converted and evaluated, and a closeness
// assertion for numbers, vectors and matrices.
import { expect } from 'vitest';
import { evaluateStudent, latexToMathjs } from '../../src/latex/index.js';
import type { NumericValue, Refusal } from '../../src/types.js';

/** Converts and evaluates a piece; the refusal of whichever step refused. */
export function valueOf(
  latex: string,
  options: { logBase?: number; scope?: Record<string, number> } = {},
): { value: NumericValue } | { refusal: Refusal } {
  const conversion = latexToMathjs(latex, options.logBase === undefined ? {} : { logBase: options.logBase });
  if (!conversion.ok) return { refusal: conversion.refusal };
  const evaluation = evaluateStudent(conversion.expr, options.scope);
  return evaluation.ok ? { value: evaluation.value } : { refusal: evaluation.refusal };
}

/** Element-wise within 1e-12 relative, with the same shape. */
export function expectClose(actual: NumericValue, expected: NumericValue): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    return;
  }
  expect(Array.isArray(actual)).toBe(true);
  expect((actual as NumericValue[]).length).toBe(expected.length);
  expected.forEach((item, i) => expectClose((actual as NumericValue[])[i] as NumericValue, item as NumericValue));
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
