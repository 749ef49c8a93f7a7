// The `expression` answer kind (SPEC §4): the student's final expression and the
// expected one are evaluated at random points of the rubric's `domain`; equivalent when
// all points agree within 1e-9 relative. A point giving a non-finite value is redrawn;
// too few valid points means undecided, which is `unreadable` — never `correct`.
import type { MathNode, SymbolNode } from 'mathjs';
import { parse, sharedEngine } from '../engine/index.js';
import { evaluateStudent } from '../latex/index.js';
import type { LimitCode } from '../limits.js';
import type { Domain } from '../rubric/schema.js';
import type { NumericValue, RefusalCode } from '../types.js';
import { flatten } from '../values.js';

export interface ExpressionVerdict {
  status: 'correct' | 'incorrect' | 'unreadable';
  code: 'equivalent' | 'not-equivalent' | 'shape-mismatch' | 'undecidable' | RefusalCode;
  reason: string;
  /** The code of the limit (src/limits.ts) that stopped evaluating the student's expression. */
  limit?: LimitCode;
}

const POINTS = 5;
const MAX_DRAWS = 60;
const DEFAULT_RANGE: [number, number] = [0.2, 0.8];
const RELATIVE = 1e-9;
/** Names the evaluator reads as constants unless the domain makes them variables. */
const CONSTANTS = new Set(['e', 'pi']);

/**
 * Compares two mathjs expressions (student's and expected) at random points.
 * `seed` makes the points, and so the report, the same on every run.
 * @example checkExpression('(sigmoid(z) - y) * x_i', 'x_i * (sigmoid(z) - y)', {}, 'dL_dw').status // 'correct'
 */
export function checkExpression(student: string, expected: string, domain: Domain = {}, seed = 'markgrade'): ExpressionVerdict {
  const studentVars = freeVariables(student, domain);
  const expectedVars = freeVariables(expected, domain);
  const aliases = caseAliases(studentVars, [...expectedVars, ...Object.keys(domain)]);
  const variables = [...new Set([...expectedVars, ...studentVars.filter((v) => !aliases.has(v))])].sort();
  const extra = studentVars.filter((v) => !expectedVars.includes(v) && !aliases.has(v));
  const random = mulberry32(hash(seed));
  let agreed = 0;
  for (let draw = 0; draw < MAX_DRAWS && agreed < POINTS; draw++) {
    const point = drawPoint(variables, domain, random);
    for (const [own, named] of aliases) point[own] = point[named];
    const want = evaluateStudent(expected, point);
    const got = evaluateStudent(student, point);
    if (!want.ok || !isFinite(want.value)) continue; // redraw: outside the expected's domain
    if (!got.ok) {
      // Shapes that do not fit (a product of two column vectors) are a wrong answer
      // when the expected expression evaluates at the same point.
      if (got.refusal.code === 'shape-mismatch') {
        return { status: 'incorrect', code: 'shape-mismatch', reason: `not equivalent: your expression does not fit the shapes of ${variables.join(', ')} (${got.refusal.reason})` };
      }
      if (got.refusal.kind === 'limit' || got.refusal.kind === 'unreadable') {
        const limit = got.refusal.limit === undefined ? {} : { limit: got.refusal.limit };
        return { status: 'unreadable', code: got.refusal.code, reason: `could not evaluate your expression: ${got.refusal.reason}`, ...limit };
      }
      continue;
    }
    if (!isFinite(got.value)) continue;
    const mismatch = compare(got.value, want.value);
    if (mismatch !== null) {
      const where = variables.map((v) => `${v}=${describe(point[v])}`).join(', ');
      const hint = extra.length > 0 ? `; it uses ${extra.join(', ')}, which the expected answer does not` : '';
      return { status: 'incorrect', code: 'not-equivalent', reason: `not equivalent: ${mismatch} at ${where}${hint}` };
    }
    agreed++;
  }
  if (agreed < POINTS) {
    return { status: 'unreadable', code: 'undecidable', reason: `undecided: only ${agreed} of ${POINTS} random points gave finite values for both expressions` };
  }
  return { status: 'correct', code: 'equivalent', reason: `equivalent at ${POINTS} random points (${variables.join(', ') || 'no variables'})` };
}

/**
 * Case is folded where it cannot mean two things (SPEC §4): a student's `X` is the
 * rubric's `x` when the rubric names only one of `x`/`X` and the student uses only one.
 * @example caseAliases(['X', 'y'], ['x', 'y']) // Map { 'X' => 'x' }
 */
export function caseAliases(studentVars: string[], rubricNames: string[]): Map<string, string> {
  const fold = (names: string[], name: string) => [...new Set(names.filter((n) => n.toLowerCase() === name.toLowerCase()))];
  const aliases = new Map<string, string>();
  for (const own of studentVars) {
    if (rubricNames.includes(own)) continue;
    const named = fold(rubricNames, own);
    if (named.length === 1 && fold(studentVars, own).length === 1) aliases.set(own, named[0]);
  }
  return aliases;
}

/** Free variables of a mathjs expression: symbols that are not called as functions. */
export function freeVariables(expr: string, domain: Domain = {}): string[] {
  let root: MathNode;
  try {
    root = parse(sharedEngine(), expr);
  } catch {
    return [];
  }
  const names = new Set<string>();
  root.traverse((node, _path, parent) => {
    if (node.type !== 'SymbolNode') return;
    const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === node;
    const name = (node as SymbolNode).name;
    if (!isCallee && (!CONSTANTS.has(name) || name in domain)) names.add(name);
  });
  return [...names].sort();
}

type Point = Record<string, NumericValue>;

function drawPoint(variables: string[], domain: Domain, random: () => number): Point {
  const point: Point = {};
  for (const name of variables) {
    const spec = domain[name];
    if (spec !== undefined && !Array.isArray(spec)) {
      const [lo, hi] = spec.range ?? DEFAULT_RANGE;
      const [rows, cols] = spec.shape;
      point[name] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => uniform(lo, hi, random)));
    } else {
      const [lo, hi] = spec ?? DEFAULT_RANGE;
      point[name] = uniform(lo, hi, random);
    }
  }
  return point;
}

/** Rounded to 8 significant digits, so that a reported point can be typed back in. */
function uniform(lo: number, hi: number, random: () => number): number {
  return Number((lo + (hi - lo) * random()).toPrecision(8));
}

/** null when equal element-wise (a column vector equals a 1-D vector), else why not. */
function compare(got: NumericValue, want: NumericValue): string | null {
  const a = flatten(got);
  const b = flatten(want);
  if (a.length !== b.length) return `yours has ${a.length} element(s), the expected ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(Math.abs(a[i]), Math.abs(b[i]), 1e-300);
    if (Math.abs(a[i] - b[i]) > RELATIVE * scale + 1e-15) {
      const which = a.length > 1 ? ` (element ${i + 1})` : '';
      return `yours is ${describe(a[i])}, expected ${describe(b[i])}${which}`;
    }
  }
  return null;
}

function isFinite(value: NumericValue): boolean {
  return flatten(value).every(Number.isFinite);
}


function describe(value: NumericValue): string {
  return typeof value === 'number' ? String(Number(value.toPrecision(6))) : JSON.stringify(value);
}

/** A small seeded generator: the same seed gives the same points on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
