// Built-in diagnoses of common mistakes: each is a defined transform of the expected
// computation (the rubric's `expected` expression), evaluated once per rubric. When a
// wrong answer matches one, the report says so as feedback; the score does not change.
import type { MathNode } from 'mathjs';
import { parse, toNumericValue, type Engine } from '../engine/index.js';
import type { DiagnosisId, NumericValue, Tolerance } from '../types.js';
import { flatten, sameElements } from '../values.js';
import { withinTolerance } from './tolerance.js';

export interface Diagnosis {
  id: DiagnosisId;
  feedback: string;
  value: NumericValue;
}

/** Losses that are means over samples (SPEC §6), and their sums. */
const MEAN_LOSSES = new Set(['bce', 'bce_logits', 'cce', 'mse', 'mae', 'hinge', 'huber']);
/** Functions whose natural log a student may have taken in another base. */
const LOG_FUNCTIONS = new Set(['log', 'bce', 'bce_logits', 'cce', 'entropy', 'cross_entropy', 'kl']);
/** Enough for any rubric expression; bounds the transposition search. */
const MAX_NODES = 200;

/**
 * The values the expected computation takes under each known mistake.
 * @example diagnose(engine, 'precision(cm, "A")', scope) // [{ id: 'precision-recall-swapped', value: recall… }]
 */
export function diagnose(engine: Engine, expected: string, scope: Record<string, unknown>): Diagnosis[] {
  let root: MathNode;
  try {
    root = parse(engine, expected);
  } catch {
    return [];
  }
  const truth = run(root, scope);
  if (truth === null) return [];
  const found: Diagnosis[] = [];
  const add = (id: Diagnosis['id'], feedback: string, node: MathNode | null) => {
    const value = node === null ? null : run(node, scope);
    if (value !== null && !sameElements(value, truth)) found.push({ id, feedback, value });
  };
  add('precision-recall-swapped', 'Your value is what the computation gives with precision and recall swapped.', renameCalls(engine, root, { precision: 'recall', recall: 'precision' }));
  for (const base of [10, 2] as const) {
    add(`log-base-${base}`, `Your value is what the computation gives with log base ${base}; these logs are natural (ln).`, changeLogBase(engine, root, base));
  }
  add('sum-not-mean', 'Your value is the sum over the samples; the loss is their mean (divide by N).', sumNotMean(engine, root));
  add('sign-flipped', 'Your value has the opposite sign.', negate(engine, root));
  for (const transposed of transposedOperands(engine, root, scope, truth)) {
    add('transposed-operand', 'Your value is what the computation gives with one of its matrices transposed (check rows vs columns).', transposed);
  }
  return found;
}

/** The first diagnosis a student's value matches, under the answer's tolerance. */
export function matchDiagnosis(got: NumericValue, diagnoses: Diagnosis[], tolerance: Tolerance): Diagnosis | null {
  return diagnoses.find((d) => withinTolerance(got, d.value, tolerance).pass) ?? null;
}

function run(node: MathNode, scope: Record<string, unknown>): NumericValue | null {
  try {
    return toNumericValue(node.compile().evaluate({ ...scope }));
  } catch {
    return null;
  }
}

function renameCalls(engine: Engine, root: MathNode, names: Record<string, string>): MathNode | null {
  let changed = false;
  const renamed = root.transform((node) => {
    const name = calleeName(node);
    if (name === null || !(name in names)) return node;
    changed = true;
    const args = (node as unknown as { args: MathNode[] }).args.map((a) => a.toString());
    return parse(engine, `${names[name]}(${args.join(', ')})`);
  });
  return changed ? renamed : null;
}

/** log(x) -> log(x)/log(base); a loss built on ln -> the loss / ln(base). */
function changeLogBase(engine: Engine, root: MathNode, base: number): MathNode | null {
  let changed = false;
  const changedTree = root.transform((node) => {
    const name = calleeName(node);
    if (name === null || !LOG_FUNCTIONS.has(name)) return node;
    changed = true;
    return parse(engine, `(${node.toString()}) / log(${base})`);
  });
  return changed ? changedTree : null;
}

/** A mean loss -> the loss times the number of samples (rows of its first argument). */
function sumNotMean(engine: Engine, root: MathNode): MathNode | null {
  let changed = false;
  const changedTree = root.transform((node) => {
    const name = calleeName(node);
    const args = (node as unknown as { args?: MathNode[] }).args ?? [];
    if (name === 'mean' && args.length === 1) {
      changed = true;
      return parse(engine, `sum(${args[0].toString()})`);
    }
    if (name === null || !MEAN_LOSSES.has(name) || args.length === 0) return node;
    changed = true;
    return parse(engine, `(${node.toString()}) * size(${args[0].toString()})[1]`);
  });
  return changed ? changedTree : null;
}

function negate(engine: Engine, root: MathNode): MathNode {
  return parse(engine, `-(${root.toString()})`);
}

/**
 * Every sub-computation that is a matrix, transposed one at a time (seed-style: ŷ from a
 * transposed hidden layer), keeping those that still give an answer of the right shape.
 */
function transposedOperands(engine: Engine, root: MathNode, scope: Record<string, unknown>, truth: NumericValue): MathNode[] {
  const nodes: MathNode[] = [];
  root.traverse((node) => {
    if (nodes.length < MAX_NODES && node.type !== 'ConstantNode' && node.type !== 'ParenthesisNode') nodes.push(node);
  });
  const results: MathNode[] = [];
  for (const target of nodes) {
    if (target === root || !isSquareMatrix(run(target, scope))) continue;
    const variant = root.transform((node) => (node === target ? parse(engine, `transpose(${node.toString()})`) : node));
    const value = run(variant, scope);
    if (value !== null && flatten(value).length === flatten(truth).length) results.push(variant);
  }
  return results;
}

/** Only a square matrix can be transposed without breaking the computation's shapes. */
function isSquareMatrix(value: NumericValue | null): boolean {
  return Array.isArray(value) && Array.isArray(value[0]) && value.length > 1 && value.length === (value[0] as number[]).length;
}

function calleeName(node: MathNode): string | null {
  if (node.type !== 'FunctionNode') return null;
  const fn = (node as unknown as { fn: MathNode }).fn;
  return fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : null;
}


