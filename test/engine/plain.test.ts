// Engine results as plain JSON (`eval --json`) and as NumericValue (checks).
import { all, create } from 'mathjs';
import { describe, expect, test } from 'vitest';
import { createEngine, evaluate, toNumericValue, toPlainJson } from '../../src/engine/index.js';

const math = create(all);

describe('toPlainJson', () => {
  test.each([
    ['a number', 0.5, 0.5],
    ['NaN', NaN, 'NaN'],
    ['Infinity', Infinity, 'Infinity'],
    ['-Infinity', -Infinity, '-Infinity'],
    ['a string', 'A', 'A'],
    ['a boolean', true, true],
    ['undefined', undefined, null],
    ['a vector with a non-finite value', [1, NaN], [1, 'NaN']],
    ['a mathjs matrix', math.matrix([[1, 2], [3, -Infinity]]), [[1, 2], [3, '-Infinity']]],
    ['an object', { a: [1, Infinity], b: { c: 2 } }, { a: [1, 'Infinity'], b: { c: 2 } }],
    ['a BigNumber', math.bignumber('0.25'), 0.25],
    ['a fraction', math.fraction(1, 4), 0.25],
    ['a complex number', math.complex(2, 3), '2 + 3i'],
    ['a unit', math.unit('5 cm'), '5 cm'],
  ])('%s', (_name, value, expected) => {
    expect(toPlainJson(value)).toEqual(expected);
  });

  test('a mathjs object of several results', () => {
    const engine = createEngine();
    const result = evaluate(engine, '{a: f1(cm, 1), b: accuracy(cm), c: [log(0), 1]}', { cm: [[5, 1], [2, 2]] });
    expect(toPlainJson(result)).toEqual({ a: 10 / 13, b: 0.7, c: ['-Infinity', 1] });
  });

  test('several expressions give the list of visible results', () => {
    const engine = createEngine();
    expect(toPlainJson(evaluate(engine, 'a = 1; a + 1\na / 0'))).toEqual([2, 'Infinity']);
  });

  test('a function defined in an expression gives its syntax', () => {
    const engine = createEngine();
    expect(toPlainJson(evaluate(engine, 'f(x) = x^2', {}))).toBe('f(x)');
  });

  test('the result survives JSON.stringify unchanged', () => {
    const value = toPlainJson({ v: [1, NaN], m: math.matrix([[1]]) });
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });
});

describe('toNumericValue', () => {
  test.each([
    ['a number', 3, 3],
    ['a vector', [1, 2], [1, 2]],
    ['a matrix', [[1, 2], [3, 4]], [[1, 2], [3, 4]]],
    ['a mathjs matrix', math.matrix([[1], [2]]), [[1], [2]]],
    ['NaN', NaN, null],
    ['a vector with Infinity', [1, Infinity], null],
    ['a matrix with NaN', [[1], [NaN]], null],
    ['a ragged matrix', [[1, 2], [3]], null],
    ['an empty array', [], null],
    ['a matrix with an empty row', [[]], null],
    ['a 3-D array', [[[1]]], null],
    ['strings', ['a'], null],
    ['a numeric string', '3', null],
    ['an object', { a: 1 }, null],
  ])('%s', (_name, value, expected) => {
    expect(toNumericValue(value)).toEqual(expected);
  });
});
