// The reference engine: one mathjs instance per rubric, extended with markgrade's
// functions (SPEC §6). The only place where rubric expressions are evaluated.
// Conventions and edge cases: ./README.md.
import { create, all, type EvalFunction, type MathJsInstance, type MathNode } from 'mathjs';
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
  const math = create(all, { matrix: 'Array' });
  const classes = [...(options.classes ?? [])];
  // Override only where mathjs already has the name: its `tanh` rejects matrices, and
  // `kl` is its kilolitre. Any other clash (a newer mathjs) fails loudly here.
  const { tanh, kl, ...added } = engineFunctions(classes);
  math.import(added);
  math.import({ tanh, kl }, { override: true });
  trustedEntryPoints.set(math, lockDown(math));
  return { math, classes };
}

let studentEngine: Engine | null = null;

/**
 * The one engine without rubric classes that reads student math, made on first use
 * (creating an engine costs ~40 ms): shared by the LaTeX evaluator and the checks.
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
function engineFunctions(classes: readonly string[]): Record<EngineFunctionName, Function> {
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
