// The reference engine: one mathjs instance per rubric, extended with markgrade's
// functions (SPEC §6). The only place where rubric expressions are evaluated.
// Conventions and edge cases: ./README.md.
import { create, all, type EvalFunction, type FactoryFunctionMap, type MathJsInstance, type MathNode } from 'mathjs';
import * as activations from './activations.js';
import { numgrad } from './calculus.js';
import * as layers from './layers.js';
import * as losses from './losses.js';
import * as metrics from './metrics.js';
import type { ClassRef } from './classes.js';
import type { Matrix } from './inputs.js';
import { lockDown, type TrustedEntryPoints } from './security.js';

export * from './activations.js';
export * from './calculus.js';
export * from './layers.js';
export * from './losses.js';
export * from './metrics.js';
export { toNumericValue, toPlainJson } from './plain.js';
export { DISABLED_FUNCTIONS } from './security.js';

export interface EngineOptions {
  /** Names of classes 1..n for confusion-matrix functions (rubric `classes`). */
  classes?: string[];
}

export interface Engine {
  math: MathJsInstance;
  classes: string[];
}

/** Every function the engine adds to mathjs (SPEC §6), by the name rubrics call it. */
export const ENGINE_FUNCTIONS = [
  // metrics
  'accuracy', 'precision', 'recall', 'f1', 'fbeta', 'support', 'specificity',
  'macro', 'weighted', 'micro', 'confusion', 'mcc', 'kappa', 'roc_auc',
  // activations
  'sigmoid', 'logistic', 'tanh', 'relu', 'leaky_relu', 'softmax', 'log_softmax', 'softplus',
  // losses and information measures
  'bce', 'bce_logits', 'cce', 'mse', 'sse', 'mae', 'hinge', 'huber', 'kl', 'entropy', 'cross_entropy',
  // layers
  'with_bias', 'dense', 'mlp',
  // calculus
  'numgrad',
] as const;

export type EngineFunctionName = (typeof ENGINE_FUNCTIONS)[number];

/** The real evaluate/parse/compile of each engine's instance (expressions see disabled ones). */
const trustedEntryPoints = new WeakMap<MathJsInstance, TrustedEntryPoints>();

/**
 * A fresh mathjs instance with the engine's functions and mathjs's security guidance applied.
 * @example evaluate(createEngine({ classes: ['A', 'B'] }), 'f1([[5, 1], [2, 2]], "A")') // 10/13
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const math = create(FACTORIES, { matrix: 'Array' });
  const classes = [...(options.classes ?? [])];
  // Override only where mathjs already has the name: its `tanh` rejects matrices, and
  // `kl` is its kilolitre. Any other clash (a newer mathjs) fails loudly here.
  const { tanh, kl, ...added } = engineFunctions(classes);
  math.import(added);
  math.import({ tanh, kl }, { override: true });
  trustedEntryPoints.set(math, lockDown(math));
  const engine = { math, classes };
  studentEngine ??= engine;
  return engine;
}

/**
 * mathjs without what markgrade never lets an expression use, which is also what makes
 * an engine expensive to build:
 * - physical units: no rubric or answer here has units, and a student's `5 m` or `2 g`
 *   must not read as metres or grams (mathjs's `import` builds the Unit class, with its
 *   thousands of definitions, only to check that a new name is not a unit);
 * - symbolic algebra (`simplify`, `derivative`, `rationalize`, …): disabled in
 *   expressions anyway (./security.ts), and disabling a function that exists first builds
 *   it with its whole dependency tree.
 * Factories that need a removed one are removed too. Creating an engine: ~2× cheaper.
 */
const FACTORIES: FactoryFunctionMap = without(all, ['Unit', 'simplify', 'derivative', 'resolve', 'rationalize', 'symbolicEqual', 'leafCount']);

/** What a mathjs factory declares about itself (the map's type leaves it out). */
interface Factory {
  fn: string;
  dependencies: string[];
}

function without(factories: FactoryFunctionMap, names: string[]): FactoryFunctionMap {
  const removed = new Set(names);
  const kept = new Map(Object.entries(factories as unknown as Record<string, Factory>).filter(([, f]) => !removed.has(f.fn)));
  // Names the core provides, which no factory in the map makes.
  const provided = new Set(['config', 'on', 'math', 'mathWithTransform', 'classes']);
  let changed = true;
  while (changed) {
    changed = false;
    const made = new Set([...kept.values()].map((f) => f.fn));
    for (const [key, factory] of kept) {
      const required = factory.dependencies.filter((d) => !d.startsWith('?'));
      if (required.some((d) => !made.has(d) && !provided.has(d))) {
        kept.delete(key);
        changed = true;
      }
    }
  }
  return Object.fromEntries(kept) as unknown as FactoryFunctionMap;
}

let studentEngine: Engine | null = null;

/**
 * The engine that reads student math, shared by the LaTeX evaluator and the checks: the
 * first one this process made (usually the rubric's), else one made on first use.
 * Any engine reads student math alike, because student math may call only functions
 * that do not depend on a rubric's classes (src/latex/evaluate.ts ALLOWED_FUNCTIONS);
 * not building a second engine saves a third of a cold `check`'s start-up.
 */
export function sharedEngine(): Engine {
  studentEngine ??= createEngine();
  return studentEngine;
}

/**
 * Evaluates a mathjs expression with the engine; assignments are written to `scope`.
 * (The instance's own `evaluate`, `parse` and `compile` are disabled: use these helpers.)
 * @example evaluate(engine, 'accuracy(cm)', { cm: [[5, 1], [2, 2]] }) // 0.7
 */
export function evaluate(engine: Engine, expr: string, scope: Record<string, unknown> = {}): unknown {
  return trusted(engine).evaluate(expr, scope);
}

/**
 * Parses a mathjs expression with the engine's real parser; compile the node to run it.
 * @example parse(engine, 'f1(cm, 1)').compile().evaluate({ cm })
 */
export function parse(engine: Engine, expr: string): MathNode {
  return trusted(engine).parse(expr);
}

/**
 * Compiles a mathjs expression once, to evaluate it with many scopes.
 * @example compile(engine, 'accuracy(cm)').evaluate({ cm: [[5, 1], [2, 2]] }) // 0.7
 */
export function compile(engine: Engine, expr: string): EvalFunction {
  return trusted(engine).compile(expr);
}

function trusted(engine: Engine): TrustedEntryPoints {
  const entryPoints = trustedEntryPoints.get(engine.math);
  if (!entryPoints) throw new Error('engine: not made by createEngine');
  return entryPoints;
}

/** The functions imported into mathjs; the metrics resolve class names in `classes`. */
function engineFunctions(classes: readonly string[]): Record<EngineFunctionName, (...args: never[]) => unknown> {
  return {
    accuracy: metrics.accuracy,
    precision: (cm: Matrix, k: ClassRef) => metrics.precision(cm, k, classes),
    recall: (cm: Matrix, k: ClassRef) => metrics.recall(cm, k, classes),
    f1: (cm: Matrix, k: ClassRef) => metrics.f1(cm, k, classes),
    fbeta: (cm: Matrix, k: ClassRef, beta: number) => metrics.fbeta(cm, k, beta, classes),
    support: (cm: Matrix, k: ClassRef) => metrics.support(cm, k, classes),
    specificity: (cm: Matrix, k: ClassRef) => metrics.specificity(cm, k, classes),
    macro: metrics.macro,
    weighted: metrics.weighted,
    micro: metrics.micro,
    confusion: (yTrue: ClassRef[], yPred: ClassRef[], n?: number) => metrics.confusion(yTrue, yPred, n, classes),
    mcc: metrics.mcc,
    kappa: metrics.kappa,
    roc_auc: metrics.roc_auc,
    sigmoid: activations.sigmoid,
    logistic: activations.logistic,
    tanh: activations.tanh,
    relu: activations.relu,
    leaky_relu: activations.leaky_relu,
    softmax: activations.softmax,
    log_softmax: activations.log_softmax,
    softplus: activations.softplus,
    bce: losses.bce,
    bce_logits: losses.bce_logits,
    cce: losses.cce,
    mse: losses.mse,
    sse: losses.sse,
    mae: losses.mae,
    hinge: losses.hinge,
    huber: losses.huber,
    kl: losses.kl,
    entropy: losses.entropy,
    cross_entropy: losses.cross_entropy,
    with_bias: layers.with_bias,
    dense: layers.dense,
    mlp: layers.mlp,
    numgrad,
  };
}
