// Number conventions in the converter (SPEC §5): one piece read with decimal points,
// with decimal commas, or under both when the document does not settle it.
import { describe, expect, test } from 'vitest';
import { addEvidence, decideConvention, emptyEvidence, evaluateStudent, latexToMathjs, type LatexPolicy } from '../../src/latex/index.js';
import { expectClose } from './reading.js';
import type { NumericValue } from '../../src/types.js';

const POINT: Partial<LatexPolicy> = { numbers: 'decimal-point' };
const COMMA: Partial<LatexPolicy> = { numbers: 'decimal-comma' };
const COMMA_DOT_THOUSANDS: Partial<LatexPolicy> = { numbers: 'decimal-comma', dotThousands: true };
const UNSETTLED: Partial<LatexPolicy> = { numbers: 'unsettled' };

function read(latex: string, policy: Partial<LatexPolicy>): { value: NumericValue } | { code: string | undefined; reason: string } {
  const conversion = latexToMathjs(latex, policy);
  if (!conversion.ok) return { code: conversion.refusal.code, reason: conversion.refusal.reason };
  const evaluated = evaluateStudent(conversion.expr);
  if (!evaluated.ok) return { code: evaluated.refusal.code, reason: evaluated.refusal.reason };
  return { value: evaluated.value };
}

const values: Array<[latex: string, policy: Partial<LatexPolicy>, expected: NumericValue]> = [
  // decimal commas
  ['0,82', COMMA, 0.82],
  ['1,0817', COMMA, 1.0817],
  ['11,3', COMMA, 11.3],
  ['-0,5', COMMA, -0.5],
  ['0{,}82', COMMA, 0.82],
  ['0{,}82', POINT, 0.82],
  ['\\num{0,82}', COMMA, 0.82],
  ['\\num{0,82}', POINT, 0.82],
  ['82,2\\,\\%', COMMA, 0.822],
  ['(0,9; 1,7)', COMMA, [0.9, 1.7]],
  ['[0,1; 0,25; 0,65]', COMMA, [0.1, 0.25, 0.65]],
  ['\\max(0; 0,5)', COMMA, 0.5],
  ['\\max(0,5)', COMMA, 0.5],
  ['1,5 \\cdot 10^{-3}', COMMA, 0.0015],
  ['1,5e-3', COMMA, 0.0015],
  ['\\frac{0,5}{2}', COMMA, 0.25],
  // a stray decimal point in a comma document has one reading
  ['0.5', COMMA, 0.5],
  ['11.3', COMMA, 11.3],
  // thousands separators
  ['1.000,5', COMMA, 1000.5],
  ['1.000.000', COMMA, 1e6],
  ['1.500', COMMA_DOT_THOUSANDS, 1500],
  ['12\\,345,6', COMMA, 12345.6],
  ['1,000', POINT, 1000],
  ['12,345.6', POINT, 12345.6],
  ['1{,}234', POINT, 1234],
  ['1{,}234', COMMA, 1.234],
  ['1\\,000', POINT, 1000],
  ['1\\,000', COMMA, 1000],
  ["1'000", POINT, 1000],
  ["1'000'000", COMMA, 1e6],
  ['1\u00a0000', POINT, 1000],
  ['1 000', POINT, 1000],
  ['12 345 678', COMMA, 12345678],
  ['1 000,5', COMMA, 1000.5],
  ['[100 200]', POINT, [100, 200]],
  ['1\u202f000,5', COMMA, 1000.5],
  // decimal points
  ['0.82', POINT, 0.82],
  ['\\max(0,5)', POINT, 5],
  ['(1,2)', POINT, [1, 2]],
  ['[0.1, 0.2]', POINT, [0.1, 0.2]],
  ['(0.9, 1.7)', COMMA, [0.9, 1.7]],
  // unsettled: one reading gives one value, or both give the same
  ['0,588', UNSETTLED, 0.588],
  ['(0,9; 1,7)', UNSETTLED, [0.9, 1.7]],
  ['0.82', UNSETTLED, 0.82],
  ['2.303', UNSETTLED, 2.303],
  ['1\\,000', UNSETTLED, 1000],
];

const refusals: Array<[latex: string, policy: Partial<LatexPolicy>, code: string, mentions: string[]]> = [
  // The value depends on the convention, which the document does not settle: both readings named.
  ['\\max(0,5)', UNSETTLED, 'ambiguous-number', ['max(0, 5)', 'max(0.5)']],
  ['1,234', UNSETTLED, 'ambiguous-number', ['1234', '1.234']],
  ['1{,}234', UNSETTLED, 'ambiguous-number', ['1234', '1.234']],
  ['(1,2)', UNSETTLED, 'ambiguous-number', ['[1, 2]', '1.2']],
  // `1.500` in a comma document that never writes dots as thousands separators.
  ['1.500', COMMA, 'ambiguous-number', ['1500', '1.500']],
];

const plainRefusals: Array<[latex: string, policy: Partial<LatexPolicy>]> = [
  // Spaces between numbers that are not groups of three are two values.
  ['1 00', POINT],
  ['0.5 100', POINT],
  // With decimal points, `0,5` is two values; `;` separates nothing.
  ['0,5', POINT],
  ['(0,9; 1,7)', POINT],
  // With decimal commas, a comma-grouped number with a decimal point is malformed.
  ['1,000.5', COMMA],
  ['0,588,1', COMMA],
];

describe('numbers under a convention', () => {
  test.each(values)('%s (%o) reads as %o', (latex, policy, expected) => {
    const result = read(latex, policy);
    expect(result).toHaveProperty('value');
    expectClose((result as { value: NumericValue }).value, expected);
  });

  test.each(refusals)('%s (%o) is refused as %s, naming both readings', (latex, policy, code, mentions) => {
    const result = read(latex, policy);
    expect(result).toMatchObject({ code });
    for (const reading of mentions) expect((result as { reason: string }).reason).toContain(reading);
  });

  test.each(plainRefusals)('%s (%o) is refused', (latex, policy) => {
    expect(read(latex, policy)).toHaveProperty('reason');
  });

  test('a reading is never chosen by the value: both readings of an unsettled piece are refused alike', () => {
    for (const latex of ['\\max(0,5)', '1,234']) {
      const conversion = latexToMathjs(latex, UNSETTLED);
      expect(conversion.ok).toBe(false);
    }
  });
});

describe('the document decides the convention from its own math', () => {
  const cases: Array<[pieces: string[], convention: string, settled: boolean]> = [
    [['0,82', '1,0817', '11,3'], 'decimal-comma', true],
    [['0{,}82'], 'decimal-comma', true],
    [['\\num{0,5}'], 'decimal-comma', true],
    [['(0,9; 1,7)'], 'decimal-comma', true],
    [['1.000,5'], 'decimal-comma', true],
    [['0.82', '11.3'], 'decimal-point', true],
    [['1,000.5'], 'decimal-point', true],
    [['[0.1, 0.2]'], 'decimal-point', true],
    // Not evidence: a thousands group either way, a comma between arguments, integers.
    [['1,234', '\\max(0,5)', '42'], 'decimal-point', false],
    [['1.500'], 'decimal-point', false],
    // Both kinds written: not settled.
    [['0,82', '0,7', '0.5'], 'decimal-comma', false],
    [['0,82', '0.5', '0.7'], 'decimal-point', false],
  ];
  test.each(cases)('%o -> %s (settled: %s)', (pieces, convention, settled) => {
    const evidence = emptyEvidence();
    for (const piece of pieces) addEvidence(piece, evidence);
    expect(decideConvention(evidence)).toMatchObject({ convention, settled });
  });

  test('a rubric option fixes the convention whatever the document writes', () => {
    const evidence = emptyEvidence();
    addEvidence('0.82', evidence);
    expect(decideConvention(evidence, 'decimal-comma')).toMatchObject({ convention: 'decimal-comma', settled: true });
  });

  test('dots between groups of three are evidence of dot thousands', () => {
    const evidence = emptyEvidence();
    addEvidence('1.000.000', evidence);
    expect(decideConvention(evidence)).toMatchObject({ convention: 'decimal-comma', dotThousands: true });
  });
});
