import { describe, expect, test } from 'vitest';
import { chooseClaim, shapeOfValue } from '../src/match.js';
import { claim } from './build.js';

const number = { kind: 'number' as const, shape: 'number' as const };

describe('chooseClaim', () => {
  test('the last matching claim with a final value answers', () => {
    const claims = [claim('precision a', ['0.8']), claim('recall a', ['0.77']), claim('precision a', ['0.82'], { line: 5 })];
    const choice = chooseClaim(claims, { ...number, labels: ['precision a'] });
    expect(choice.kind).toBe('chosen');
    if (choice.kind === 'chosen') expect(choice.final.value).toBe(0.82);
  });

  test('calculus and symbolic finals are passed over for numbers', () => {
    const claims = [claim('dl/dw', ['0.25']), claim('dl/dw', ['\\frac{\\partial L}{\\partial z} x']), claim('dl/dw', ['x (\\sigma(z) - y)'])];
    const choice = chooseClaim(claims, { ...number, labels: ['dl/dw'] });
    expect(choice.kind === 'chosen' && choice.final.value).toBe(0.25);
  });

  test('an unreadable last candidate is unreadable, never a fall-back', () => {
    const claims = [claim('accuracy', ['0.83']), claim('accuracy', ['0.01 \\quad 0.02'], { line: 9 })];
    const choice = chooseClaim(claims, { ...number, labels: ['accuracy'] });
    expect(choice.kind).toBe('unreadable');
    if (choice.kind === 'unreadable') expect(choice.final.line).toBe(9);
  });

  test('labels matched but no final value: unreadable at the last of them', () => {
    const claims = [claim('dl/ds', ['\\frac{\\partial l}{\\partial p} \\frac{\\partial p}{\\partial s}'])];
    expect(chooseClaim(claims, { ...number, labels: ['dl/ds'] }).kind).toBe('unreadable');
  });

  // SPEC §4: without a label every claim of the section matches, so a section whose claims
  // have no final value is unreadable at the last of them, not missing.
  test.each<[string, string[][], string, number]>([
    ['free variables only', [['dl/dw', 'x^\\top g']], 'unreadable', 1],
    ['calculus only', [['dl/dw', '\\frac{\\partial L}{\\partial z} x']], 'unreadable', 1],
    ['two symbolic claims: the last', [['g', 'p - y'], ['dl/dw', 'x^\\top g']], 'unreadable', 2],
  ])('without labels, claims but no final value: %s', (_, rows, kind, line) => {
    const claims = rows.map(([label, step], i) => claim(label, [step], { line: i + 1 }));
    const choice = chooseClaim(claims, { ...number, labels: [] });
    expect(choice.kind).toBe(kind);
    if (choice.kind === 'unreadable') expect([choice.code, choice.final.line]).toEqual(['no-final-value', line]);
  });

  test('without labels and no claims: none', () => {
    expect(chooseClaim([], { ...number, labels: [] })).toEqual({ kind: 'none', matched: 0 });
  });

  test('nothing labelled so: none', () => {
    expect(chooseClaim([claim('recall a', ['0.77'])], { ...number, labels: ['precision a'] })).toEqual({ kind: 'none', matched: 0 });
  });

  test('without labels the last claim with a value answers', () => {
    const claims = [claim('x', ['1']), claim('y', ['2']), claim('z', ['\\frac{d}{dx} f'])];
    const choice = chooseClaim(claims, { ...number, labels: [] });
    expect(choice.kind === 'chosen' && choice.final.value).toBe(2);
  });

  test('claims of the expected shape are preferred', () => {
    const claims = [claim('yhat', ['\\begin{bmatrix} 0.1 \\\\ 0.2 \\end{bmatrix}']), claim('yhat', ['0.3'])];
    const choice = chooseClaim(claims, { kind: 'number', shape: 'vector', labels: ['yhat'] });
    expect(choice.kind === 'chosen' && choice.final.value).toEqual([[0.1], [0.2]]);
  });

  test('expression answers take a final with free variables', () => {
    const claims = [claim('dl/db', ['\\sigma(z) - y'])];
    expect(chooseClaim(claims, { kind: 'expression', shape: null, labels: ['dl/db'] }).kind).toBe('chosen');
  });
});

test.each([
  [1, 'number'],
  [[1, 2], 'vector'],
  [[[1], [2]], 'vector'],
  [[[1, 2]], 'vector'],
  [[[1, 2], [3, 4]], 'matrix'],
] as const)('shapeOfValue(%j) is %s', (value, shape) => {
  expect(shapeOfValue(value as never)).toBe(shape);
});
