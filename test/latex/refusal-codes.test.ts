// Every refusal carries a stable code beside its prose reason.
import { describe, expect, test } from 'vitest';
import { evaluateStudent, latexToMathjs } from '../../src/latex/index.js';

describe('refusal codes', () => {
  test.each([
    ['1{,}234', 'unreadable', 'ambiguous-number'],
    ['0.76, 0.9', 'unreadable', 'two-values'],
    ['\\frac{d}{dx} x^2', 'calculus', 'calculus'],
    ['1 + \\dots + n', 'ellipsis', 'ellipsis'],
    ['\\heartsuit', 'unreadable', 'unreadable-value'],
  ])('%s -> %s / %s', (latex, kind, code) => {
    const conversion = latexToMathjs(latex);
    expect(conversion.ok).toBe(false);
    if (!conversion.ok) expect(conversion.refusal).toMatchObject({ kind, code });
  });

  test('a free variable where a value is wanted', () => {
    const evaluation = evaluateStudent('x + 1');
    expect(evaluation.ok).toBe(false);
    if (!evaluation.ok) expect(evaluation.refusal).toMatchObject({ kind: 'unreadable', code: 'free-variable' });
  });

  const column = [[1], [2], [3]];
  const square = [[1, 2], [3, 4]];
  test.each<[string, Record<string, number[][]>, boolean]>([
    ['x * y', { x: column, y: column }, true],
    ['transpose(x) * y', { x: column, y: column }, false],
    ['x + y', { x: column, y: [[1], [2]] }, true],
    ['x - transpose(y)', { x: column, y: column }, false],
    ['inv(x)', { x: column }, true],
    ['inv(A)', { A: square }, false],
    ['A^2', { A: [[1, 2, 3], [4, 5, 6]] }, true],
    ['dot(x, y)', { x: column, y: [[1], [2]] }, true],
  ])('%s: shapes that do not fit are shape-mismatch, decided from the shapes (%o)', (expr, scope, misfit) => {
    const evaluation = evaluateStudent(expr, scope);
    if (misfit) expect(evaluation.ok === false && evaluation.refusal.code).toBe('shape-mismatch');
    else expect(evaluation.ok).toBe(true);
  });
});
