import { describe, expect, test } from 'vitest';
import { checkExpression, freeVariables } from '../../src/checks/expression.js';
import { latexToMathjs } from '../../src/latex/index.js';
import type { Domain } from '../../src/rubric/schema.js';

function mathjs(latex: string): string {
  const converted = latexToMathjs(latex);
  if (!converted.ok) throw new Error(`fixture does not convert: ${latex}: ${converted.refusal.reason}`);
  return converted.expr;
}

const wide: Domain = { x: [-2, 2], y: [-2, 2], z: [-3, 3], x_i: [-2, 2], a: [-2, 2], b: [-2, 2] };

// [student LaTeX, expected LaTeX, equivalent?]
const pairs: Array<[string, string, boolean]> = [
  ['x_i(\\sigma(z) - y)', '(\\sigma(z) - y) x_i', true],
  ['x_i \\cdot (\\sigma(z) - y)', '\\sigma(z) x_i - y x_i', true],
  ['\\hat{y}(1 - \\hat{y})', 'y(1 - \\hat{y})', false],
  ['w_{ij} x_j', 'w_{ji} x_j', false],
  ['-\\frac{1}{K}(y - p)', '\\frac{p - y}{K}', true],
  ['-\\frac{1}{K}(y - p)', '\\frac{y - p}{K}', false],
  ['\\sigma(z)(1 - \\sigma(z))', '\\frac{e^{-z}}{(1 + e^{-z})^2}', true],
  ['\\frac{\\hat{y} - y}{\\hat{y}(1 - \\hat{y})}', '-\\frac{y}{\\hat{y}} + \\frac{1 - y}{1 - \\hat{y}}', true],
  ['\\begin{bmatrix} 8x + 12y \\\\ 12x + 18y \\end{bmatrix}', '\\begin{bmatrix} 2(2x+3y) \\cdot 2 \\\\ 2(2x+3y) \\cdot 3 \\end{bmatrix}', true],
  ['\\begin{bmatrix} 9ab - 15b^2 \\\\ b - 1 \\end{bmatrix}', '\\begin{bmatrix} 6ab - 15b^2 \\\\ b - 1 \\end{bmatrix}', false],
  ['\\begin{bmatrix} 2x & 2 \\\\ 3 & 8y \\end{bmatrix}', '\\begin{bmatrix} 2x & 3 \\\\ 2 & 8y \\end{bmatrix}', false],
  ['\\begin{bmatrix} 6x \\\\ 3 + 16x^3 \\end{bmatrix}', '[6x, 3 + 16 x^3]', true],
  ['\\log(\\sigma(a))', '-\\log(1 + e^{-a})', true],
  ['2 \\cdot (\\hat{y} - y)', '2\\hat{y} - 2y', true],
  ['(\\hat{y} - y)^2', '\\hat{y}^2 - y^2', false],
  ['e^{x} e^{y}', 'e^{x + y}', true],
  ['\\sqrt{x^2}', 'x', false],
];

describe('checkExpression', () => {
  test.each(pairs)('%s vs %s: equivalent %s', (student, expected, equivalent) => {
    const verdict = checkExpression(mathjs(student), mathjs(expected), wide, 'pair');
    expect(verdict.status).toBe(equivalent ? 'correct' : 'incorrect');
  });

  test('matrix-shaped variables tell (yhat - y)X from X(yhat - y)', () => {
    const domain: Domain = { X: { shape: [3, 3], range: [-1, 1] }, yhat: { shape: [1, 3] }, y: { shape: [1, 3] } };
    expect(checkExpression('(yhat - y) * X', '(yhat - y) * X', domain, 'm').status).toBe('correct');
    const transposedProduct = checkExpression('X * transpose(yhat - y)', '(yhat - y) * X', domain, 'm');
    expect(transposedProduct.status).toBe('incorrect');
  });

  test('an expression whose shapes do not fit is incorrect, not unreadable', () => {
    const domain: Domain = { x: { shape: [3, 1] }, yhat: { shape: [3, 1] }, y: { shape: [3, 1] } };
    const verdict = checkExpression('(yhat - y) * x', "(yhat - y) * transpose(x)", domain, 'shape');
    expect(verdict).toMatchObject({ status: 'incorrect', code: 'shape-mismatch' });
  });

  test('a domain where the expression is never finite is undecided, never correct', () => {
    const verdict = checkExpression('log(x - 5)', 'log(x - 5)', { x: [0, 1] }, 'u');
    expect(verdict).toMatchObject({ status: 'unreadable', code: 'undecidable' });
  });

  test('the same seed gives the same report', () => {
    const first = checkExpression('x + y', 'x - y', wide, 'seed');
    expect(checkExpression('x + y', 'x - y', wide, 'seed')).toEqual(first);
  });

  test('i and j are variables, e and pi constants unless the domain names them', () => {
    expect(freeVariables('w_ij * x_j + i * e')).toEqual(['i', 'w_ij', 'x_j']);
    expect(freeVariables('e * x', { e: [1, 2] })).toEqual(['e', 'x']);
  });
});

describe('case of variables', () => {
  test.each([
    ['the rubric names only x, the student writes X', 'X * (yhat - y)', '(yhat - y) * x', {}, 'correct'],
    ['the rubric names only X, the student writes x', '(yhat - y) * x', 'X * (yhat - y)', {}, 'correct'],
    ['only X in the domain, the student writes x', 'x + 1', 'X + 1', { X: [1, 2] }, 'correct'],
    ['the rubric names both x and X: case is kept', 'X + X', 'x + X', {}, 'incorrect'],
    ['the student uses both x and X: case is kept', 'x + X - x', 'x', {}, 'incorrect'],
    ['a wrong answer stays wrong after folding', 'X * 2', 'x * 3', {}, 'incorrect'],
  ] as const)('%s', (_name, student, expected, domain, status) => {
    expect(checkExpression(student, expected, domain as Domain, 'case').status).toBe(status);
  });
});
