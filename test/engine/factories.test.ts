// The engine's mathjs is built without units and symbolic algebra (src/engine/index.ts).
import { describe, expect, test } from 'vitest';
import { createEngine, evaluate } from '../../src/engine/index.js';
import { evaluateStudent } from '../../src/latex/index.js';

describe('the engine has no physical units', () => {
  const engine = createEngine();
  test.each(['5 cm', '2 g + 1', 'unit("m")', 'to(5, "cm")'])('%s does not read as a unit', (expr) => {
    expect(() => evaluate(engine, expr)).toThrow();
  });
  test('a variable named like a unit is an ordinary variable', () => {
    expect(evaluate(engine, 'm * g', { m: 2, g: 3 })).toBe(6);
  });
});

describe('symbolic algebra is absent and still disabled by name', () => {
  const engine = createEngine();
  test.each(['simplify("x + x")', 'derivative("x^2", "x")', 'rationalize("1/x")', 'resolve("x", {x: 1})'])('%s', (expr) => {
    expect(() => evaluate(engine, expr)).toThrow(/disabled|Undefined function/);
  });
  test('numeric matrix algebra is kept', () => {
    expect(evaluate(engine, 'det([[1, 2], [3, 4]])')).toBeCloseTo(-2, 12);
    expect(evaluate(engine, 'lusolve([[2, 0], [0, 4]], [2, 8])')).toEqual([[1], [2]]);
  });
});

describe('student math shares the first engine, so it must not depend on classes', () => {
  test.each(['precision', 'recall', 'f1', 'fbeta', 'support', 'specificity', 'confusion'])('%s is refused in student math', (fn) => {
    const result = evaluateStudent(`${fn}([[5, 1], [2, 7]], 1)`);
    expect(result.ok).toBe(false);
  });
});
