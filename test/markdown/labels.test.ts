// Label normalisation (SPEC §5): rubric labels and claim labels meet here.
import { describe, expect, test } from 'vitest';
import { normaliseLabel } from '../../src/markdown/index.js';

describe('normaliseLabel', () => {
  test.each([
    // the SPEC's own examples
    ['Precision for class A', 'precision a'],
    ['precision_A', 'precision a'],
    ['the precision of A', 'precision a'],
    ['F1 score', 'f1'],
    ['\\hat{y}', 'yhat'],
    ['\\widehat{\\mathbf{y}}', 'yhat'],
    ['\\frac{\\partial L}{\\partial w_i}', 'dl/dw i'],
    ['\\frac{dL}{dw_i}', 'dl/dw i'],
    ['dL/dw_i', 'dl/dw i'],
    ['\\partial L/\\partial w_i', 'dl/dw i'],
    ['\\nabla f', 'grad f'],
    ['\\ell', 'l'],
    // styling dropped
    ['\\mathbf{W}', 'w'],
    ['\\text{Avg Loss}', 'avg loss'],
    ['\\mathrm{MSE}', 'mse'],
    ['\\boldsymbol{\\theta}', 'theta'],
    ['\\mathcal{L}', 'l'],
    ['L_{\\text{BCE}}', 'l bce'],
    ['**Accuracy**', 'accuracy'],
    // accents as suffixes, also as Unicode
    ['\\bar{x}', 'xbar'],
    ['\\tilde{z}', 'ztilde'],
    ['\\hat y', 'yhat'],
    ['\\hat{y}_k', 'yhat k'],
    ['ŷ', 'yhat'],
    // OCR look-alikes (Cyrillic В С А Е) and Unicode Greek
    ['В', 'b'],
    ['Recall_С', 'recall c'],
    ['АЕ', 'ae'],
    ['θ_0', 'theta 0'],
    ['\\theta_0', 'theta 0'],
    // folding and punctuation
    ['F1-score', 'f1'],
    ['weighted average F1-score', 'weighted average f1'],
    ['Test  Accuracy:', 'test accuracy'],
    ['Avg. Loss', 'avg loss'],
    ['support_proportion', 'support proportion'],
    // filler words anywhere; a final `a` is a class name, not an article
    ['our final value of the loss', 'loss'],
    ['my score', ''],
    ['F1_A', 'f1 a'],
    ['a f1', 'f1'],
    ['A', 'a'],
    // derivatives in other shapes
    ['\\frac{\\partial \\mathcal{L}}{\\partial w_i}', 'dl/dw i'],
    ['\\dfrac{\\partial E}{\\partial v}', 'de/dv'],
    ['\\frac{\\partial}{\\partial z} L', 'd/dz l'],
    ['∂L/∂w', 'dl/dw'],
    ['\\frac{\\partial \\hat{y}_k}{\\partial z_k}', 'dyhat k/dz k'],
    ['\\nabla_w J', 'grad w j'],
    ['\\frac{\\partial L(w)}{\\partial w}', 'dl/dw'],
    ["dL(w)/dw", 'dl/dw'],
    ['\\frac{dF}{d(a)}', 'df/da'],
    ['\\frac{\\partial z}{\\partial (WX^T)}', 'dz/dwxt'],
    // function calls keep their structure: brackets and commas are spaces, numbers keep
    // their point and a minus sign, primes are words
    ['recall(A)', 'recall a'],
    ['f(x,y)', 'f x y'],
    ['\\sigma(0.5)', 'sigma 0.5'],
    ['σ(−2)', 'sigma -2'],
    ['\\sigma(-2)', 'sigma -2'],
    ['σ(2)', 'sigma 2'],
    ["L'(w)", 'l prime w'],
    ['L(w)', 'l w'],
    ["\\sigma'(z)", 'sigma prime z'],
    ['\\sigma(z)', 'sigma z'],
    ['L^{\\prime}(w)', 'l prime w'],
    ["f''", 'f prime prime'],
    ['L′(w)', 'l prime w'],
    ["model's loss", 'models loss'],
    ['layer-2', 'layer 2'],
  ])('%s -> "%s"', (input, expected) => {
    expect(normaliseLabel(input)).toBe(expected);
  });

  test('normalising twice changes nothing', () => {
    for (const label of ['precision a', 'dl/dw i', 'yhat k', 'weighted average f1', 'sigma -2', 'sigma 0.5', 'l prime w', 'f x y']) {
      expect(normaliseLabel(label)).toBe(label);
    }
  });
});
