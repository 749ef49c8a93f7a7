// Classification metrics over a confusion matrix: rows = true class, columns = predicted
// (scikit-learn's convention). Classes are 1-based indices or names from `classes`;
// every 0/0 is 0 (scikit-learn's `zero_division=0`).
import { classIndex, type ClassRef } from './classes.js';
import { asFinite, asList, asMatrix, asVector, describe, fail, ratio, sum, type Matrix } from './inputs.js';

/** Largest class count `confusion` will allocate (its n×n result). */
export const MAX_CLASSES = 1000;

/** A per-class metric as `macro`, `weighted` and `micro` call it: `metric(cm, k, ...rest)`. */
export type Metric<R extends unknown[]> = (cm: Matrix, k: number, ...rest: R) => unknown;

/**
 * Fraction of samples on the diagonal.
 * @example accuracy([[5, 1], [2, 2]]) // 0.7
 */
export function accuracy(cm: Matrix): number {
  const m = confusionMatrix('accuracy', cm);
  return ratio(trace(m), total(m));
}

/**
 * TP / (TP + FP) of class k (its column).
 * @example precision([[5, 1], [2, 2]], 1) // 5/7
 */
export function precision(cm: Matrix, k: ClassRef, classes: readonly string[] = []): number {
  const { tp, fp } = counts('precision', cm, k, classes);
  return ratio(tp, tp + fp);
}

/**
 * TP / (TP + FN) of class k (its row).
 * @example recall([[5, 1], [2, 2]], 1) // 5/6
 */
export function recall(cm: Matrix, k: ClassRef, classes: readonly string[] = []): number {
  const { tp, fn } = counts('recall', cm, k, classes);
  return ratio(tp, tp + fn);
}

/**
 * Harmonic mean of precision and recall of class k, as 2TP / (2TP + FP + FN).
 * @example f1([[5, 1], [2, 2]], 1) // 10/13
 */
export function f1(cm: Matrix, k: ClassRef, classes: readonly string[] = []): number {
  const { tp, fp, fn } = counts('f1', cm, k, classes);
  return ratio(2 * tp, 2 * tp + fp + fn);
}

/**
 * F-beta of class k: (1+β²)TP / ((1+β²)TP + β²FN + FP); β > 1 favours recall.
 * @example fbeta([[5, 1], [2, 2]], 1, 2) // 25/31
 */
export function fbeta(cm: Matrix, k: ClassRef, beta: number, classes: readonly string[] = []): number {
  const b = asFinite('fbeta', 'beta', beta);
  if (b < 0) fail('fbeta', `beta must be at least 0, got ${b}`);
  const b2 = b * b;
  const { tp, fp, fn } = counts('fbeta', cm, k, classes);
  return ratio((1 + b2) * tp, (1 + b2) * tp + b2 * fn + fp);
}

/**
 * Number of true samples of class k (its row sum).
 * @example support([[5, 1], [2, 2]], 2) // 4
 */
export function support(cm: Matrix, k: ClassRef, classes: readonly string[] = []): number {
  const { tp, fn } = counts('support', cm, k, classes);
  return tp + fn;
}

/**
 * TN / (TN + FP) of class k, one class against the rest.
 * @example specificity([[5, 1], [2, 2]], 1) // 2/3
 */
export function specificity(cm: Matrix, k: ClassRef, classes: readonly string[] = []): number {
  const { tn, fp } = counts('specificity', cm, k, classes);
  return ratio(tn, tn + fp);
}

/**
 * Unweighted mean of a per-class metric over all classes; extra arguments go to the metric.
 * @example macro(f1, [[5, 1], [2, 2]]) // (10/13 + 4/7) / 2
 */
export function macro<R extends unknown[]>(metric: Metric<R>, cm: Matrix, ...rest: R): number {
  const values = perClass('macro', metric, cm, rest);
  return sum(values) / values.length;
}

/**
 * Mean of a per-class metric weighted by support (true-class counts, the row sums).
 * @example weighted(recall, [[5, 1], [2, 2]]) // accuracy: 0.7
 */
export function weighted<R extends unknown[]>(metric: Metric<R>, cm: Matrix, ...rest: R): number {
  const values = perClass('weighted', metric, cm, rest);
  const supports = confusionMatrix('weighted', cm).map(sum);
  return ratio(sum(values.map((v, i) => v * supports[i])), sum(supports));
}

/**
 * A metric of the pooled one-vs-rest counts: the metric of class 1 of the 2×2 matrix
 * [[ΣTP, ΣFN], [ΣFP, ΣTN]]. For precision, recall and f1 this is the accuracy.
 * @example micro(precision, [[5, 1], [2, 2]]) // 0.7
 */
export function micro<R extends unknown[]>(metric: Metric<R>, cm: Matrix, ...rest: R): number {
  checkMetric('micro', metric);
  const m = confusionMatrix('micro', cm);
  const n = m.length;
  const all = total(m);
  const tp = trace(m);
  const pooled = [
    [tp, all - tp],
    [all - tp, (n - 2) * all + tp],
  ];
  return metricValue('micro', metric(pooled, 1, ...rest));
}

/**
 * The n×n confusion matrix of 1-based labels (or class names); n defaults to the number
 * of `classes`, else to the largest label.
 * @example confusion([1, 2, 2], [1, 1, 2], 2) // [[1, 0], [1, 1]]
 */
export function confusion(
  yTrue: ClassRef[],
  yPred: ClassRef[],
  n?: number,
  classes: readonly string[] = [],
): Matrix {
  const truth = asList('confusion', 'y_true', yTrue, 'a vector of class labels');
  const predicted = asList('confusion', 'y_pred', yPred, 'a vector of class labels');
  if (truth.length !== predicted.length) {
    fail('confusion', `y_true and y_pred must have the same length, got ${truth.length} and ${predicted.length}`);
  }
  const size = n === undefined ? defaultClassCount(truth, predicted, classes) : classCount(n);
  const m: Matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  truth.forEach((label, i) => {
    const row = classIndex('confusion', 'y_true label', label, size, classes);
    const column = classIndex('confusion', 'y_pred label', predicted[i], size, classes);
    m[row][column] += 1;
  });
  return m;
}

/**
 * Matthews correlation coefficient, multi-class (Gorodkin's R_K, as scikit-learn).
 * @example mcc([[5, 1], [2, 2]]) // 0.356…
 */
export function mcc(cm: Matrix): number {
  const m = confusionMatrix('mcc', cm);
  const { n, rows, columns } = margins(m);
  const covTruePred = trace(m) * n - dot(rows, columns);
  const covPredPred = n * n - dot(columns, columns);
  const covTrueTrue = n * n - dot(rows, rows);
  return ratio(covTruePred, Math.sqrt(covTrueTrue * covPredPred));
}

/**
 * Cohen's kappa (po − pe) / (1 − pe); 0 when agreement by chance is certain (pe = 1).
 * @example kappa([[5, 1], [2, 2]]) // 0.348…
 */
export function kappa(cm: Matrix): number {
  const m = confusionMatrix('kappa', cm);
  const { n, rows, columns } = margins(m);
  const chance = dot(rows, columns);
  return ratio(trace(m) * n - chance, n * n - chance);
}

/**
 * Area under the ROC curve of scores for labels y in {0, 1}; tied scores count one half
 * (the diagonal segments scikit-learn draws).
 * @example roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function roc_auc(y: number[], score: number[]): number {
  const labels = asVector('roc_auc', 'y', y);
  const scores = asVector('roc_auc', 'score', score);
  if (labels.length !== scores.length) {
    fail('roc_auc', `y and score must have the same length, got ${labels.length} and ${scores.length}`);
  }
  const notBinary = labels.find((v) => v !== 0 && v !== 1);
  if (notBinary !== undefined) fail('roc_auc', `y must hold labels 0 or 1, got ${notBinary}`);
  const badScore = scores.find((v) => !Number.isFinite(v));
  if (badScore !== undefined) fail('roc_auc', `score must hold finite numbers, got ${badScore}`);
  const positives = sum(labels);
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) fail('roc_auc', 'y must contain both classes 0 and 1');
  const rankSum = positiveRankSum(labels, scores);
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

// ---------------------------------------------------------------- helpers

/** Sum of the 1-based ranks of the positives, tied scores sharing their mean rank. */
function positiveRankSum(labels: number[], scores: number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && scores[order[end]] === scores[order[start]]) end += 1;
    const meanRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i += 1) rankSum += labels[order[i]] * meanRank;
    start = end;
  }
  return rankSum;
}

/** Validates a confusion matrix: square, non-negative whole counts. */
function confusionMatrix(fn: string, cm: unknown): Matrix {
  const m = asMatrix(fn, 'confusion matrix', cm);
  if (m.length !== m[0].length) fail(fn, `confusion matrix must be square, got ${m.length}×${m[0].length}`);
  m.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!Number.isInteger(v) || v < 0) {
        fail(fn, `confusion matrix must hold whole counts ≥ 0, got ${v} at row ${i + 1}, column ${j + 1}`);
      }
    }),
  );
  return m;
}

/** One class against the rest: true/false positives and negatives of class k. */
function counts(fn: string, cm: unknown, k: unknown, classes: readonly string[]) {
  const m = confusionMatrix(fn, cm);
  const i = classIndex(fn, 'k', k, m.length, classes);
  const tp = m[i][i];
  const trueCount = sum(m[i]);
  const predictedCount = sum(m.map((row) => row[i]));
  return { tp, fp: predictedCount - tp, fn: trueCount - tp, tn: total(m) - trueCount - predictedCount + tp };
}

function perClass<R extends unknown[]>(fn: string, metric: Metric<R>, cm: unknown, rest: R): number[] {
  checkMetric(fn, metric);
  const m = confusionMatrix(fn, cm);
  return m.map((_, k) => metricValue(fn, metric(m, k + 1, ...rest)));
}

function checkMetric(fn: string, metric: unknown): void {
  if (typeof metric !== 'function') fail(fn, `metric must be a function such as f1, got ${describe(metric)}`);
}

function metricValue(fn: string, value: unknown): number {
  if (typeof value === 'number') return value;
  return fail(fn, `metric must return a number, got ${describe(value)}`);
}

function classCount(n: unknown): number {
  if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_CLASSES) return n;
  return fail('confusion', `n must be a whole number of classes from 1 to ${MAX_CLASSES}, got ${describe(n)}`);
}

function defaultClassCount(truth: unknown[], predicted: unknown[], classes: readonly string[]): number {
  if (classes.length > 0) return classes.length;
  const numbers = [...truth, ...predicted].filter((v): v is number => typeof v === 'number');
  return classCount(numbers.reduce((a, b) => Math.max(a, b), 1));
}

function margins(m: Matrix) {
  const rows = m.map(sum);
  const columns = m.map((_, j) => sum(m.map((row) => row[j])));
  return { n: sum(rows), rows, columns };
}

function trace(m: Matrix): number {
  return sum(m.map((row, i) => row[i]));
}

function total(m: Matrix): number {
  return sum(m.map(sum));
}

function dot(a: number[], b: number[]): number {
  return sum(a.map((v, i) => v * b[i]));
}
