// mathjs's security guidance: expressions cannot import, define units, parse or reconfigure.
import { all, create } from 'mathjs';
import { describe, expect, test } from 'vitest';
import { compile, createEngine, DISABLED_FUNCTIONS, evaluate, parse } from '../../src/engine/index.js';

describe('inside expressions', () => {
  const engine = createEngine();

  test.each([
    ['import', 'import({}, {})'],
    ['import', 'import({ f1: 1 }, { override: true })'],
    ['evaluate', 'evaluate("1+1")'],
    ['createUnit', 'createUnit("mark")'],
    ['parse', 'parse("1")'],
    ['simplify', 'simplify("x + x")'],
    ['derivative', 'derivative("x^2", "x")'],
    ['resolve', 'resolve("x", {x: 1})'],
    ['compile', 'compile("1")'],
    ['reviver', 'reviver("a", 1)'],
    ['parser', 'parser()'],
    ['config', 'config({number: "BigNumber"})'],
  ])('%s is refused: %s', (name, expr) => {
    expect(() => evaluate(engine, expr)).toThrow(`${name} is disabled`);
  });

  test('every disabled function is tested', () => {
    expect([...DISABLED_FUNCTIONS].sort()).toEqual(
      ['compile', 'createUnit', 'derivative', 'evaluate', 'import', 'parse', 'parser', 'resolve', 'reviver', 'simplify'].sort(),
    );
  });

  test('a refused config call leaves the instance as it was', () => {
    expect(() => evaluate(engine, 'config({number: "BigNumber"})')).toThrow();
    expect(evaluate(engine, '0.1 + 0.2')).toBe(0.1 + 0.2); // still plain numbers, not BigNumber
    expect(evaluate(engine, '[1, 2] + 1')).toStrictEqual([2, 3]); // still plain arrays
  });

  test('a refused import leaves the engine functions in place', () => {
    expect(() => evaluate(engine, 'import({accuracy: 1}, {override: true})')).toThrow();
    expect(evaluate(engine, 'accuracy([[1, 0], [0, 1]])')).toBe(1);
  });
});

describe('from TypeScript', () => {
  const engine = createEngine();

  test('evaluate uses the real parser and writes assignments to the scope', () => {
    const scope: Record<string, unknown> = {};
    expect(evaluate(engine, 'a = 2; a * 3', scope)).toMatchObject({ entries: [6] });
    expect(scope.a).toBe(2);
  });

  test('parse returns a node that compiles and runs', () => {
    const node = parse(engine, 'f1(cm, 1)');
    expect(node.compile().evaluate({ cm: [[5, 1], [2, 2]] })).toBeCloseTo(10 / 13, 15);
  });

  test('compile gives a reusable expression', () => {
    const code = compile(engine, 'accuracy(cm)');
    expect(code.evaluate({ cm: [[5, 1], [2, 2]] })).toBe(0.7);
    expect(code.evaluate({ cm: [[1, 1], [1, 1]] })).toBe(0.5);
  });

  test('a parsed node still cannot reach disabled functions', () => {
    expect(() => parse(engine, 'evaluate("1")').compile().evaluate()).toThrow('evaluate is disabled');
  });

  test('the instance’s own entry points are disabled: callers use the helpers', () => {
    expect(() => engine.math.evaluate('1 + 1')).toThrow('evaluate is disabled');
    expect(() => engine.math.parse('1 + 1')).toThrow('parse is disabled');
    expect(() => engine.math.compile('1 + 1')).toThrow('compile is disabled');
  });

  test('an engine not made by createEngine is rejected', () => {
    const foreign = { math: create(all), classes: [] };
    expect(() => evaluate(foreign, '1')).toThrow(/not made by createEngine/);
  });
});
