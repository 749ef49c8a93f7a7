// Every engine function against scikit-learn / SciPy / NumPy values
// (test/fixtures/engine/sklearn-cases.json, made by scripts/make-engine-fixtures.py),
// through mathjs expressions and through the plain TypeScript functions.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as engineModule from '../../src/engine/index.js';
import { createEngine, ENGINE_FUNCTIONS, evaluate, type Engine } from '../../src/engine/index.js';
import { mismatches, type Tolerance } from './close.js';

interface FixtureCase {
  id: string;
  fn: string;
  args: unknown[];
  expected: unknown;
  classes?: string[];
  setup?: string[];
  scope?: Record<string, unknown>;
  tolerance?: Tolerance;
}

const fixtureUrl = new URL('../fixtures/engine/sklearn-cases.json', import.meta.url);
const { cases } = JSON.parse(readFileSync(fixtureUrl, 'utf8')) as { cases: FixtureCase[] };
const DEFAULT_TOLERANCE: Tolerance = { rel: 1e-9, abs: 1e-12 };
const plainFunctions = engineModule as unknown as Record<string, (...args: unknown[]) => unknown>;

function isFunctionRef(arg: unknown): arg is { $fn: string } {
  return typeof arg === 'object' && arg !== null && '$fn' in arg;
}

/** Engines keep no state between evaluations (assignments go to the scope): one per class list. */
const engines = new Map<string, Engine>();

/** The engine for the case's classes and a fresh scope with the case's setup evaluated. */
function prepare(c: FixtureCase) {
  const key = JSON.stringify(c.classes ?? []);
  const engine = engines.get(key) ?? createEngine({ classes: c.classes });
  engines.set(key, engine);
  const scope: Record<string, unknown> = { ...c.scope };
  for (const line of c.setup ?? []) evaluate(engine, line, scope);
  return { engine, scope };
}

function viaExpression(c: FixtureCase): unknown {
  const { engine, scope } = prepare(c);
  const names = c.args.map((arg, i) => {
    if (isFunctionRef(arg)) return arg.$fn;
    scope[`arg${i + 1}`] = arg;
    return `arg${i + 1}`;
  });
  return evaluate(engine, `${c.fn}(${names.join(', ')})`, scope);
}

function viaTypeScript(c: FixtureCase): unknown {
  const { scope } = prepare(c);
  const args = c.args.map((arg) => (isFunctionRef(arg) ? (scope[arg.$fn] ?? plainFunctions[arg.$fn]) : arg));
  return plainFunctions[c.fn](...args, ...(c.classes ? [c.classes] : []));
}

describe('fixture agreement', () => {
  test('the fixture file has at least 100 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  test.each(ENGINE_FUNCTIONS)('%s has at least 3 fixture cases', (fn) => {
    expect(cases.filter((c) => c.fn === fn).length).toBeGreaterThanOrEqual(3);
  });

  test('every fixture names an engine function', () => {
    const unknown = cases.filter((c) => !(ENGINE_FUNCTIONS as readonly string[]).includes(c.fn)).map((c) => c.id);
    expect(unknown).toEqual([]);
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s through a mathjs expression', (_id, c) => {
    expect(mismatches(viaExpression(c), c.expected, c.tolerance ?? DEFAULT_TOLERANCE)).toEqual([]);
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s as a TypeScript function', (_id, c) => {
    expect(mismatches(viaTypeScript(c), c.expected, c.tolerance ?? DEFAULT_TOLERANCE)).toEqual([]);
  });
});
