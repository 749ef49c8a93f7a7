// Losses and information measures. All are means over samples except `sse` (a sum) and
// the vector measures `kl`, `entropy`, `cross_entropy`. Predicted probabilities are
// clipped to [1e-15, 1 − 1e-15] before their log (scikit-learn before 1.2), so a
// confident wrong answer costs −log(1e-15) ≈ 34.5 rather than Infinity. `log` is natural.
import {
  asFinite,
  asMatrix,
  asNumeric,
  asPair,
  asVector,
  checkProbabilities,
  fail,
  isVector,
  mean,
  sum,
  type Matrix,
  type Numeric,
  type Vector,
} from './inputs.js';

/** Predicted probabilities are clipped to [PROBABILITY_CLIP, 1 − PROBABILITY_CLIP] before their log. */
export const PROBABILITY_CLIP = 1e-15;

/**
 * Binary cross-entropy, mean over samples: −mean(y log p + (1−y) log(1−p)).
 * @example bce([1, 0], [0.9, 0.2]) // 0.164…
 */
export function bce(y: Numeric, p: Numeric): number {
  const [labels, probs] = asPair('bce', ['y', 'p'], y, p);
  checkProbabilities('bce', 'y', labels);
  checkProbabilities('bce', 'p', probs);
  return mean(
    labels.map((t, i) => {
      const q = clip(probs[i]);
      return -(t * Math.log(q) + (1 - t) * Math.log(1 - q));
    }),
  );
}

/**
 * Binary cross-entropy of logits z (before the sigmoid), mean over samples, stable for
 * large |z|: mean(max(z, 0) − z·y + log(1 + e^−|z|)).
 * @example bce_logits([1, 0], [2, -1]) // 0.220…
 */
export function bce_logits(y: Numeric, z: Numeric): number {
  const [labels, logits] = asPair('bce_logits', ['y', 'z'], y, z);
  checkProbabilities('bce_logits', 'y', labels);
  return mean(logits.map((v, i) => Math.max(v, 0) - v * labels[i] + Math.log1p(Math.exp(-Math.abs(v)))));
}

/**
 * Categorical cross-entropy, rows = samples, Y one-hot (or soft) labels, P predicted
 * probabilities: −mean over rows of Σ Y log P. A pair of vectors is one sample.
 * @example cce([[1, 0], [0, 1]], [[0.8, 0.2], [0.4, 0.6]]) // 0.367…
 */
export function cce(Y: Numeric, P: Numeric): number {
  const [labels, probs] = asSampleRows('cce', Y, P);
  return mean(labels.map((row, i) => crossEntropyOf(row, probs[i])));
}

/**
 * Mean squared error over every element.
 * @example mse([1, 2], [1, 4]) // 2
 */
export function mse(y: Numeric, yhat: Numeric): number {
  const [a, b] = asPair('mse', ['y', 'yhat'], y, yhat);
  return mean(a.map((v, i) => (v - b[i]) ** 2));
}

/**
 * Sum of squared errors (not a mean).
 * @example sse([1, 2], [1, 4]) // 4
 */
export function sse(y: Numeric, yhat: Numeric): number {
  const [a, b] = asPair('sse', ['y', 'yhat'], y, yhat);
  return sum(a.map((v, i) => (v - b[i]) ** 2));
}

/**
 * Mean absolute error over every element.
 * @example mae([1, 2], [2, 4]) // 1.5
 */
export function mae(y: Numeric, yhat: Numeric): number {
  const [a, b] = asPair('mae', ['y', 'yhat'], y, yhat);
  return mean(a.map((v, i) => Math.abs(v - b[i])));
}

/**
 * Hinge loss for labels y in {−1, 1} and scores s: mean(max(0, 1 − y·s)).
 * @example hinge([1, -1], [0.5, -2]) // 0.25
 */
export function hinge(y: Numeric, s: Numeric): number {
  const [labels, scores] = asPair('hinge', ['y', 's'], y, s);
  const bad = labels.find((v) => v !== 1 && v !== -1);
  if (bad !== undefined) fail('hinge', `y must hold labels -1 or 1, got ${bad}`);
  return mean(labels.map((t, i) => Math.max(0, 1 - t * scores[i])));
}

/**
 * Huber loss, mean over elements: ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond; δ defaults to 1.
 * @example huber([0, 0], [0.5, 3], 1) // (0.125 + 2.5) / 2
 */
export function huber(y: Numeric, yhat: Numeric, delta = 1): number {
  const d = asFinite('huber', 'delta', delta);
  if (d <= 0) fail('huber', `delta must be greater than 0, got ${d}`);
  const [a, b] = asPair('huber', ['y', 'yhat'], y, yhat);
  return mean(
    a.map((v, i) => {
      const r = Math.abs(v - b[i]);
      return r <= d ? 0.5 * r * r : d * (r - 0.5 * d);
    }),
  );
}

/**
 * Kullback–Leibler divergence Σ p log(p / q); terms with p = 0 are 0, q is clipped.
 * @example kl([0.5, 0.5], [0.9, 0.1]) // 0.510…
 */
export function kl(p: Vector, q: Vector): number {
  const [target, predicted] = asDistributions('kl', p, q);
  return sum(target.map((v, i) => (v === 0 ? 0 : v * (Math.log(v) - Math.log(clip(predicted[i]))))));
}

/**
 * Shannon entropy −Σ p log p (nats); terms with p = 0 are 0.
 * @example entropy([0.5, 0.5]) // 0.693…
 */
export function entropy(p: Vector): number {
  const probs = asVector('entropy', 'p', p);
  checkProbabilities('entropy', 'p', probs);
  return -sum(probs.map((v) => (v === 0 ? 0 : v * Math.log(v))));
}

/**
 * Cross-entropy −Σ p log q of two distributions; q is clipped.
 * @example cross_entropy([1, 0], [0.8, 0.2]) // 0.223…
 */
export function cross_entropy(p: Vector, q: Vector): number {
  const [target, predicted] = asDistributions('cross_entropy', p, q);
  return crossEntropyOf(target, predicted);
}

function clip(p: number): number {
  return Math.min(Math.max(p, PROBABILITY_CLIP), 1 - PROBABILITY_CLIP);
}

function crossEntropyOf(target: Vector, predicted: Vector): number {
  return -sum(target.map((v, i) => (v === 0 ? 0 : v * Math.log(clip(predicted[i])))));
}

function asDistributions(fn: string, p: unknown, q: unknown): [Vector, Vector] {
  const target = asVector(fn, 'p', p);
  const predicted = asVector(fn, 'q', q);
  if (target.length !== predicted.length) {
    fail(fn, `p and q must have the same length, got ${target.length} and ${predicted.length}`);
  }
  checkProbabilities(fn, 'p', target);
  checkProbabilities(fn, 'q', predicted);
  return [target, predicted];
}

/** Y and P as rows of samples of the same shape; two vectors are one sample. */
function asSampleRows(fn: string, Y: unknown, P: unknown): [Matrix, Matrix] {
  const y = asNumeric(fn, 'Y', Y);
  const p = asNumeric(fn, 'P', P);
  const labels = typeof y !== 'number' && isVector(y) ? [y] : asMatrix(fn, 'Y', y);
  const probs = typeof p !== 'number' && isVector(p) ? [p] : asMatrix(fn, 'P', p);
  if (labels.length !== probs.length || labels[0].length !== probs[0].length) {
    fail(fn, `Y and P must have the same shape, got ${labels.length}×${labels[0].length} and ${probs.length}×${probs[0].length}`);
  }
  checkProbabilities(fn, 'Y', labels.flat());
  checkProbabilities(fn, 'P', probs.flat());
  return [labels, probs];
}
