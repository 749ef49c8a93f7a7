import { describe, expect, test } from 'vitest';
import { evaluateStudent, latexToMathjs, normaliseVariable } from '../../src/latex/index.js';

describe('free variables', () => {
  test.each([
    ['x_i(\\sigma(z) - y)', 'x_i * (sigmoid(z) - y)', ['x_i', 'y', 'z']],
    ['\\hat{y}_k', 'yhat_k', ['yhat_k']],
    ['\\widehat{\\mathbf{y}} - \\mathbf{y}', 'yhat - y', ['y', 'yhat']],
    ['w_{ij}x_j', 'w_ij * x_j', ['w_ij', 'x_j']],
    ['z^{(2)}_i', 'z__2_i', ['z__2_i']],
    ['\\hat{y}^{(i)} - y^{(i)}', 'yhat__i - y__i', ['y__i', 'yhat__i']],
    ['\\mathbf{W}^T \\mathbf{x}', 'transpose(W) * x', ['W', 'x']],
    ['\\mathbf{W}^{T} \\mathbf{x} + \\mathbf{b}', 'transpose(W) * x + b', ['W', 'b', 'x']],
    ['\\theta^\\top x', 'transpose(theta) * x', ['theta', 'x']],
    ['X^* w_1', 'Xstar * w_1', ['Xstar', 'w_1']],
    ['\\theta_1 - \\eta \\cdot g', 'theta_1 - eta * g', ['eta', 'g', 'theta_1']],
    ['\\lambda \\alpha', 'lambda * alpha', ['alpha', 'lambda']],
    ['3ab', '3 * a * b', ['a', 'b']],
    ['2x', '2 * x', ['x']],
    ['(\\hat{y} - y)X', '(yhat - y) * X', ['X', 'y', 'yhat']],
    ['\\frac{1}{1 + e^{-z}}', '1 / (1 + e^(-z))', ['z']],
    ['e^{z_k^{(2)}}', 'e^z__2_k', ['z__2_k']],
    ['\\sigma(z)(1 - \\sigma(z))', 'sigmoid(z) * (1 - sigmoid(z))', ['z']],
    ['\\text{softmax}(z_i)', 'softmax(z_i)', ['z_i']],
    ['y_k \\log(p_k)', 'y_k * log(p_k)', ['p_k', 'y_k']],
    ['-y \\log \\hat{y} - (1-y) \\log(1-\\hat{y})', '-y * log(yhat) - (1 - y) * log(1 - yhat)', ['y', 'yhat']],
    ['L_{\\text{BCE}} + \\frac{\\lambda}{2m} w^2', 'L_BCE + lambda / (2 * m) * w^2', ['L_BCE', 'lambda', 'm', 'w']],
    ['h_{\\theta}(x)', 'h_theta * x', ['h_theta', 'x']],
    ['\\sigma_i', 'sigma_i', ['sigma_i']],
    ['\\pi r^2', 'pi * r^2', ['r']],
    ['X_{21}^{* \\ T}', 'transpose(Xstar_21)', ['Xstar_21']],
  ])('%s -> %s', (latex, expr, symbols) => {
    const conversion = latexToMathjs(latex);
    expect(conversion).toMatchObject({ ok: true, expr, symbols });
  });

  test('x_i(\\sigma(z) - y) is a product, not a call', () => {
    const conversion = latexToMathjs('x_i(\\sigma(z) - y)');
    if (!conversion.ok) throw new Error(conversion.refusal.reason);
    const evaluation = evaluateStudent(conversion.expr, { x_i: 2, z: 0, y: 1 });
    expect(evaluation).toEqual({ ok: true, value: -1 });
  });

  test('a derivative is refused, not converted', () => {
    expect(latexToMathjs('\\frac{\\partial L}{\\partial w}')).toMatchObject({ ok: false, refusal: { kind: 'calculus' } });
  });
});

describe('normaliseVariable', () => {
  test.each([
    ['\\hat{y}_k', 'yhat_k'],
    ['w_{ij}', 'w_ij'],
    ['\\mathbf{y}', 'y'],
    ['\\widehat{\\mathbf{y}}', 'yhat'],
    ['\\hat{\\mathbf{y}}', 'yhat'],
    ['\\boldsymbol{\\beta}', 'beta'],
    ['\\bm{x}', 'x'],
    ['\\theta_1', 'theta_1'],
    ['z^{(2)}', 'z__2'],
    ['z_i^{(2)}', 'z__2_i'],
    ['L_{\\text{BCE}}', 'L_BCE'],
    ['\\mathcal{L}', 'L'],
    ['\\bar{x}', 'xbar'],
    ['x_{i,j}', 'x_i_j'],
    ['ŷ', 'yhat'],
    ['σ', 'sigma'],
  ])('%s -> %s', (latex, name) => {
    expect(normaliseVariable(latex)).toBe(name);
  });
});

describe('evaluateStudent', () => {
  test.each([
    ['x + 1', 'free variable x'],
    ['i + 1', 'free variable i'],
    ['tau * 2', 'free variable tau'],
  ])('%s is refused: %s', (expr, reason) => {
    expect(evaluateStudent(expr)).toEqual({ ok: false, refusal: { kind: 'unreadable', code: 'free-variable', reason } });
  });

  test.each([
    'evaluate("1 + 1")',
    'import({a: 1})',
    'f(x) = x',
    'a = 2',
    '"text"',
    '{a: 1}',
    '[1, 2][1]',
    '1:3',
    'x ? 1 : 2',
    'ones(1000, 1000)',
    'sqrt(-1)',
    '1 / 0',
    '2^2000',
    '171!',
    'exp(1000)',
    '[[1, 2], [3, 4]]^1000',
  ])('%s is refused', (expr) => {
    const evaluation = evaluateStudent(expr);
    expect(evaluation.ok).toBe(false);
  });

  test.each([
    ['50 / (50 + 7 + 4)', {}, 50 / 61],
    ['sigmoid(z)', { z: 0 }, 0.5],
    ['w_ij * x_j', { w_ij: 0.5, x_j: 4 }, 2],
    ['2 * e^1', {}, 2 * Math.E],
    ['pi / 2', {}, Math.PI / 2],
    ['transpose(W) * x', { W: [[1], [2]], x: [[3], [4]] }, [[11]]],
    ['[[1, 2], [3, 4]] * [[1], [1]]', {}, [[3], [7]]],
    ['softmax([0, 0])', {}, [0.5, 0.5]],
    ['z__2_i * yhat_k', { z__2_i: 3, yhat_k: 0.5 }, 1.5],
  ])('%s = %j', (expr, scope, value) => {
    expect(evaluateStudent(expr, scope as Record<string, number>)).toEqual({ ok: true, value });
  });
});
