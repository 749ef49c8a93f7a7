// Turning a rubric's expressions into values when it loads (SPEC §4): `context`
// strings, `expected` / `expected_latex`, and mistakes. Names are checked before
// anything runs, so a typo is reported at its column instead of surfacing at grade time.
import type { MathNode } from 'mathjs';
import { DISABLED_FUNCTIONS, parse, toNumericValue, toPlainJson, type Engine } from '../engine/index.js';
import { latexToMathjs } from '../latex/index.js';
import type { NumericValue } from '../types.js';
import { checkNames } from './names.js';
import type { SchemaPath } from './source.js';

export interface PlaceOptions {
  key?: boolean;
  /** Offset inside the YAML value (a name inside an expression). */
  index?: number;
}

/** Records an issue at a schema path. */
export type Report = (path: SchemaPath, message: string, options?: PlaceOptions) => void;

export interface Evaluator {
  engine: Engine;
  /** How `\log` in `expected_latex` is read. */
  logBase: number;
  report: Report;
}

/** What an expression may name: names with values, and names that exist but are off limits here. */
export interface Names {
  /** null: every free name is a variable (kind: expression). */
  values: ReadonlySet<string> | null;
  unavailable: ReadonlyMap<string, string>;
  /** Names whose own evaluation failed: using them is not reported again. */
  failed: ReadonlySet<string>;
}

/** An expression as written in the rubric: a mathjs string, data, or LaTeX. */
export interface Written {
  expected?: string | number | number[] | number[][];
  expected_latex?: string;
}

export type Outcome<T> = { ok: true; value: T; used: Set<string> } | { ok: false };

const FAILED: Outcome<never> = { ok: false };

/**
 * The value of a numeric expression over `scope` (context and earlier answers); problems
 * are reported at `path` and give `{ ok: false }`.
 * @example numericValue(ev, { expected: 'precision(cm, "A")' }, path, scope, names) // { ok: true, value: 0.8196721, … }
 */
export function numericValue(
  ev: Evaluator,
  written: Written,
  path: SchemaPath,
  scope: ReadonlyMap<string, unknown>,
  names: Names,
): Outcome<NumericValue> {
  let raw: unknown = written.expected; // data: a number, list or matrix as written
  let used = new Set<string>();
  if (typeof written.expected === 'string' || written.expected_latex !== undefined) {
    const checked = checkedExpression(ev, written, path, names);
    const result = checked.ok ? run(ev, checked.value, path, scope) : FAILED;
    if (!checked.ok || !result.ok) return FAILED;
    raw = result.value;
    used = checked.used;
  }
  const value = toNumericValue(raw);
  if (value === null) {
    ev.report(path, `evaluates to ${shortJson(raw)}, not a finite number, vector or matrix`);
    return FAILED;
  }
  return { ok: true, value, used };
}

/**
 * A `kind: expression` answer's expression as a mathjs string: not evaluated, free names
 * are its variables (context is not in scope, SPEC §4); function names are checked.
 * @example symbolicExpression(ev, { expected_latex: '(\\hat{y} - y) x' }, path) // { ok: true, value: '(yhat - y) * x', used: {yhat, y, x} }
 */
export function symbolicExpression(ev: Evaluator, written: Written, path: SchemaPath): Outcome<string> {
  const names: Names = { values: null, unavailable: new Map(), failed: new Set() };
  const checked = checkedExpression(ev, written, path, names);
  if (!checked.ok) return FAILED;
  return { ok: true, value: checked.value.source, used: checked.used };
}

/**
 * The value of one `context` entry: data as is, a string evaluated with the entries above.
 * Any engine value is kept (a function defined as `f(w) = …` included).
 * @example contextValue(ev, 'mean(bce([1, 1], p))', ['context', 'avg'], scope, names) // { ok: true, value: 0.33, … }
 */
export function contextValue(
  ev: Evaluator,
  value: string | number | number[] | number[][],
  path: SchemaPath,
  scope: ReadonlyMap<string, unknown>,
  names: Names,
): Outcome<unknown> {
  if (typeof value !== 'string') return { ok: true, value, used: new Set() };
  const checked = checkedExpression(ev, { expected: value }, path, names);
  if (!checked.ok) return FAILED;
  const result = run(ev, checked.value, path, scope);
  return result.ok ? { ok: true, value: result.value, used: checked.used } : FAILED;
}

interface Parsed {
  node: MathNode;
  /** The mathjs text (for LaTeX, the converted expression). */
  source: string;
}

/** Converts LaTeX, parses, checks names; skips (unreported) when a name it uses already failed. */
function checkedExpression(ev: Evaluator, written: Written, path: SchemaPath, names: Names): Outcome<Parsed> {
  const fromLatex = written.expected_latex !== undefined;
  // Data (`expected: [1, 2]`) written as JSON is mathjs syntax too.
  const plain = typeof written.expected === 'string' ? written.expected : JSON.stringify(written.expected);
  const source = fromLatex ? fromLatexSource(ev, written.expected_latex!, path) : plain;
  if (source === null) return FAILED;
  // Offsets in converted LaTeX do not match what the author wrote: point at the value.
  const pointAt = (needle?: string): PlaceOptions => (fromLatex ? {} : { index: indexOfNeedle(source, needle) });
  let node: MathNode;
  try {
    node = parse(ev.engine, source);
  } catch (error) {
    const char = (error as { char?: number }).char; // 1-based
    ev.report(path, `cannot parse: ${errorMessage(error)}`, fromLatex || char === undefined ? {} : { index: char - 1 });
    return FAILED;
  }
  const known = {
    values: names.values === null ? null : new Set([...names.values, ...names.failed]),
    math: ev.engine.math,
    classes: ev.engine.classes,
    unavailable: names.unavailable,
    disabled: new Set<string>(DISABLED_FUNCTIONS),
  };
  const { problems, used } = checkNames(node, known);
  for (const problem of problems) ev.report(path, problem.message, pointAt(problem.needle));
  if (problems.length > 0 || [...used].some((name) => names.failed.has(name))) return FAILED;
  return { ok: true, value: { node, source }, used };
}

function fromLatexSource(ev: Evaluator, latex: string, path: SchemaPath): string | null {
  const conversion = latexToMathjs(latex, { logBase: ev.logBase });
  if (conversion.ok) return conversion.expr;
  ev.report(path, `cannot read the LaTeX: ${conversion.refusal.reason}`);
  return null;
}

function run(ev: Evaluator, parsed: Parsed, path: SchemaPath, scope: ReadonlyMap<string, unknown>): Outcome<unknown> {
  try {
    // A copy: evaluation must not define names for the expressions after it.
    return { ok: true, value: parsed.node.compile().evaluate(new Map(scope)), used: new Set() };
  } catch (error) {
    ev.report(path, `cannot evaluate: ${errorMessage(error)}`);
    return FAILED;
  }
}

/** Where a name (as a whole word) or a quoted class name first appears; undefined when absent. */
function indexOfNeedle(source: string, needle?: string): number | undefined {
  if (needle === undefined) return undefined;
  const pattern = needle.startsWith('"')
    ? new RegExp(`["']${escapeRegExp(needle.slice(1, -1))}["']`)
    : new RegExp(`(?<![\\w.$])${escapeRegExp(needle)}(?![\\w$])`);
  const index = source.search(pattern);
  return index >= 0 ? index : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(toPlainJson(value)) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
