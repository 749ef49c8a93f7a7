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
});
