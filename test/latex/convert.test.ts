import { describe, expect, test } from 'vitest';
import { latexToMathjs } from '../../src/latex/index.js';
import type { NumericValue, Refusal } from '../../src/types.js';
import { expectClose, sigmoid, valueOf } from './reading.js';

const values: Array<[string, NumericValue]> = [
  ['\\frac{50}{50+7+4}', 50 / 61],
  ['\\frac{2*0.82*0.77}{0.82+0.77}', (2 * 0.82 * 0.77) / (0.82 + 0.77)],
  ['\\dfrac{60}{60+5+6}', 60 / 71],
  ['\\tfrac{3}{4}', 0.75],
  ['1.5 \\times 10^{-3}', 1.5e-3],
  ['2.5 \\cdot 10^{4}', 25000],
  ['1.5e-3', 1.5e-3],
  ['.69', 0.69],
  ['0.82', 0.82],
  ['71\\%', 0.71],
  ['71 %', 0.71],
  ['2*0.82*0.77', 2 * 0.82 * 0.77],
  ['(0.82+0.77)', 1.59],
  ['-\\frac{1}{3}[\\log 0.1 + \\log 0.8]', -(Math.log(0.1) + Math.log(0.8)) / 3],
  ['-\\frac{1}{3} [1 \\log 0.1 + 1 (\\log 0.8) + 1 \\log 0.3]', -(Math.log(0.1) + Math.log(0.8) + Math.log(0.3)) / 3],
  ['\\sqrt[3]{27}', 3],
  ['\\sqrt{16} + \\sqrt 9', 7],
  ['\\log(0.1)', Math.log(0.1)],
  ['-1 \\log (0.1)', -Math.log(0.1)],
  ['\\ln 2', Math.log(2)],
  ['\\log_{10} 1000', 3],
  ['\\log_2 0.25', -2],
  ['\\exp(1)', Math.E],
  ['\\begin{bmatrix} 0.1 \\\\ 0.2 \\\\ 0.3 \\end{bmatrix}', [[0.1], [0.2], [0.3]]],
  ['\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}', [[1, 2], [3, 4]]],
  ['\\begin{pmatrix} 0.5 & 0.25 \\end{pmatrix}', [[0.5, 0.25]]],
  ['\\begin{vmatrix} 2 & 1 \\\\ 1 & 3 \\end{vmatrix}', 5],
  ['\\begin{bmatrix} 1 & 1 \\\\ 1 & 2 \\end{bmatrix} \\begin{bmatrix} 0.5 \\\\ 0.25 \\end{bmatrix}', [[0.75], [1]]],
  ['\\begin{bmatrix} 1 & 2 \\end{bmatrix}^T', [[1], [2]]],
  ['[0.2, 0.3]', [0.2, 0.3]],
  ['(0.2, 0.3, 0.5)', [0.2, 0.3, 0.5]],
  ['[0.01 \\quad 0.02 \\quad 0.03]', [0.01, 0.02, 0.03]],
  ['\\langle 2, 3 \\rangle', [2, 3]],
  ['\\left(\\frac{1}{2}\\right)^2', 0.25],
  ['2^{-1}', 0.5],
  ['e^{-0.5}', Math.exp(-0.5)],
  ['\\frac{1}{1 + e^{-0.3}}', sigmoid(0.3)],
  ['\\sigma(0)', 0.5],
  ['logistic(0.09)', sigmoid(0.09)],
  ['\\operatorname{sigmoid}(0.2)', sigmoid(0.2)],
  ['\\text{relu}(-2) + \\mathrm{relu}(3)', 3],
  ['\\max(0.2, 0.7)', 0.7],
  ['\\tanh(0)', 0],
  ['2(3+4)', 14],
  ['(2)(0.5)', 1],
  ['0.1 + (0.2)(1) + (0.3)(1)', 0.6],
  ['(8 - 0.0574)^2 + (11 - 0.0570)^2', (8 - 0.0574) ** 2 + (11 - 0.057) ** 2],
  ['\\frac{1\\sqrt{6}}{6}', Math.sqrt(6) / 6],
  ['-\\frac{1}{\\sqrt{1^2 + 2^2 + 3^2}}', -1 / Math.sqrt(14)],
  ['3 \\times 0.25', 0.75],
  ['3 × 0.25 − 0.5', 0.25],
  ['0.79*0.28 + 0.82*0.32 + 0.85*0.39', 0.79 * 0.28 + 0.82 * 0.32 + 0.85 * 0.39],
  ['\\left| -0.5 \\right|', 0.5],
  ['\\left\\| \\begin{bmatrix} 3 \\\\ 4 \\end{bmatrix} \\right\\|', 5],
  ['4!', 24],
  ['\\pi', Math.PI],
  ['\\frac{\\frac{1}{2}}{4}', 0.125],
  ['σ(0) · 2', 1],
  ['0{,}25', 0.25],
  ['\\min\\{0.2, 0.5\\}', 0.2],
  ['1 - \\tanh^2(0)', 1],
  ['\\Big( 0.2 + 0.3 \\Big)^2', 0.25],
  ['\\text{softmax}\\left(\\begin{bmatrix} 0 \\\\ 0 \\end{bmatrix}\\right)', [[0.5], [0.5]]],
  ['0.82;', 0.82],
];

const refusals: Array<[string, Refusal['kind']]> = [
  ['\\frac{\\partial L}{\\partial w}', 'calculus'],
  ['\\frac{d}{dx} x^2', 'calculus'],
  ['\\frac{dL}{dw_i}', 'calculus'],
  ['d/dx (x^2)', 'calculus'],
  ['dL/dw', 'calculus'],
  ["\\sigma'(z)", 'calculus'],
  ["a'", 'calculus'],
  ['\\nabla J(\\theta)', 'calculus'],
  ['\\int_0^1 x \\, dx', 'calculus'],
  ['\\sum_{i=1}^{m} x_i', 'calculus'],
  ['\\prod_{i=1}^{m} p_i', 'calculus'],
  ['\\lim_{h \\to 0} h', 'calculus'],
  ['w_1 x_1 + \\dots + w_m x_m', 'ellipsis'],
  ['x_1, \\ldots, x_n', 'ellipsis'],
  ['a_1 + \\cdots + a_k', 'ellipsis'],
  ['1 + 2 + ...', 'ellipsis'],
  ['P(y=1|x)', 'unreadable'],
  ['P(y|x)', 'unreadable'],
  ['f(x, y)', 'unreadable'],
  ['L_2(\\hat{y}, y)', 'unreadable'],
  ['\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}', 'unreadable'],
  ['0.01 \\quad 0.02', 'unreadable'],
  ['0.01 \\, 0.02', 'unreadable'],
  ['0.5 0.25', 'unreadable'],
  ['a = b', 'unreadable'],
  ['x \\rightarrow 0', 'unreadable'],
  ['\\frac{1}{2', 'unreadable'],
  ['x + 1', 'unreadable'],
  ['\\sqrt{-1}', 'unreadable'],
  ['\\frac{1}{0}', 'unreadable'],
  // a relation written as a word (Typst), never a product of letters
  ['sqrt(15) approx 3.873', 'unreadable'],
  ['x approximately 2', 'unreadable'],
  ['a equals 3', 'unreadable'],
  ['10^{10^{10}}', 'limit'],
  ['1000000!', 'limit'],
  ['e^{10000}', 'limit'],
  [`\\begin{bmatrix} ${'1 & '.repeat(999_999)}1 \\end{bmatrix}`, 'limit'],
  ['{'.repeat(500) + '1' + '}'.repeat(500), 'limit'],
  ['-'.repeat(1000) + '1', 'limit'],
];

/** Units typeset after a number name what it measures: the value is the number; italic letters stay variables. */
describe('a unit after a number', () => {
  test.each<[string, NumericValue | string]>([
    ['0.25\\,\\mathrm{s}', 0.25],
    ['0.25\\text{ s}', 0.25],
    ['0.25\\ \\text{s}', 0.25],
    ['12~\\text{kg}', 12],
    ['3 \\text{ days}', 3],
    ['2.5\\,\\mathrm{m/s}', 2.5],
    ['0.25\\,\\text{s}^{-1}', 0.25],
    ['2\\,\\mathrm{m}\\,\\mathrm{s}^{-2}', 2],
    ['\\SI{0.25}{\\second}', 0.25],
    ['\\qty{12}{\\kilo\\gram}', 12],
    ['0.25\\,\\si{s}', 0.25],
    ['\\frac{1}{4}\\,\\mathrm{s}', 0.25],
    ['\\left(\\frac{1}{2}\\right)^2\\,\\mathrm{s}', 0.25],
    // not units: an italic letter, a name that is also a class or a differential, no number before
    ['0.5 s', '0.5 * s'],
    ['0.5\\,\\text{A}', '0.5 * A'],
    ['0.5\\,\\mathrm{d}', '0.5 * d'],
    ['x\\,\\mathrm{s}', 'x * s'],
  ])('%s', (latex, expected) => {
    const converted = latexToMathjs(latex);
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    if (typeof expected === 'string') expect(converted.expr).toBe(expected);
    else expectClose((valueOf(latex) as { value: NumericValue }).value, expected);
  });
});

describe('latexToMathjs + evaluateStudent', () => {
  test.each(values)('%s', (latex, expected) => {
    const result = valueOf(latex);
    expect(result).toHaveProperty('value');
    expectClose((result as { value: NumericValue }).value, expected);
  });

  test.each(refusals)('%s is refused as %s', (latex, kind) => {
    const result = valueOf(latex);
    expect(result).toHaveProperty('refusal');
    expect((result as { refusal: Refusal }).refusal.kind).toBe(kind);
    expect((result as { refusal: Refusal }).refusal.reason.length).toBeGreaterThan(0);
  });

  test('a million-cell matrix is refused by a limit (how fast: bench/robustness.mjs)', () => {
    const huge = `\\begin{bmatrix} ${'1 & '.repeat(999_999)}1 \\end{bmatrix}`;
    const converted = latexToMathjs(huge);
    expect(converted.ok).toBe(false);
    expect(!converted.ok && converted.refusal.kind).toBe('limit');
  });
});

describe('policy and output form', () => {
  test.each([
    ['\\log 100', 10, 2],
    ['\\log 8', 2, 3],
    ['\\log 9', 3, 2],
    ['\\ln e^{2}', 10, 2],
  ])('%s with log base %d is %d', (latex, base, expected) => {
    const result = valueOf(latex, { logBase: base });
    expectClose((result as { value: NumericValue }).value, expected);
  });

  test.each([
    ['\\frac{50}{50+7+4}', '50 / (50 + 7 + 4)'],
    ['1.5 \\times 10^{-3}', '1.5e-3'],
    // A written percentage is its decimal, shifted in digits (82.2 / 100 is 0.8220000000000001).
    ['71\\%', '0.71'],
    ['82.2\\%', '0.822'],
    ['(1 + 2)\\%', '(1 + 2) / 100'],
    ['2^{-1}', '2^(-1)'],
    ['x_i(\\sigma(z) - y)', 'x_i * (sigmoid(z) - y)'],
    ['\\frac{a}{b - c} - (d - e)', 'a / (b - c) - (d - e)'],
    ['-(x^2)', '-(x^2)'],
    ['\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}', '[[1], [2]]'],
  ])('%s prints as %s', (latex, expr) => {
    const conversion = latexToMathjs(latex);
    expect(conversion.ok && conversion.expr).toBe(expr);
  });

  test.each([
    ['71\\%', true],
    ['71 %', true],
    ['0.71', false],
    ['\\frac{71}{100}', false],
  ])('%s percent=%s', (latex, percent) => {
    const conversion = latexToMathjs(latex);
    expect(conversion.ok && conversion.percent).toBe(percent);
  });
});

describe('what the conversion gives the slip check', () => {
  test.each([
    ['\\begin{bmatrix} 0.0574 \\\\ 0.57 \\end{bmatrix}', 2],
    ['[0.5, -0.25]', 1],
    ['-\\begin{bmatrix} 1 & 2.5 \\\\ 3.125 & 4 \\end{bmatrix}', 0],
    ['\\begin{bmatrix} 1.5 \\times 10^{-3} \\\\ 0.25 \\end{bmatrix}', 2],
    ['\\begin{bmatrix} x \\\\ 0.25 \\end{bmatrix}', undefined],
    ['[1 - 0.5, 2]', undefined],
    ['0.25', undefined],
  ])('%s: fewest decimals of a plain array %s', (latex, decimals) => {
    const conversion = latexToMathjs(latex);
    expect(conversion.ok && conversion.arrayDecimals).toBe(decimals);
  });

  test.each([
    ['-\\log(0.1)', {}, [{ base: 10, expr: '-log10(0.1)' }, { base: 2, expr: '-log2(0.1)' }]],
    ['\\log(0.1) + \\ln(2)', { logBase: 10 }, [{ base: 2, expr: 'log2(0.1) + log(2)' }]],
    ['\\log_{2}(8)', {}, undefined],
    ['\\ln(0.1)', {}, undefined],
  ])('%s (%j): the other readings of a bare \\log', (latex, policy, readings) => {
    const conversion = latexToMathjs(latex, policy);
    expect(conversion.ok && conversion.logReadings).toEqual(readings);
  });
});
