// Which indented blocks are programs (code) rather than indented prose (text): a program
// is statements only, with at least one line only a program has.
import { expect, test } from 'vitest';
import { isCodeLine, isProgram } from '../../src/markdown/program-text.js';

test.each<[string, boolean]>([
  ['lam = 0.1\nw = np.array([0.8, -1.5, 0, 2])\nprint(2 * lam * w)\n\n[ 0.16 -0.3 0. 0.4 ]', true],
  ['import numpy as np\nx = 1', true],
  ['from sklearn.metrics import f1_score\nf1_score(y, p)', true],
  ['>>> sigmoid(0)\n0.5', true],
  ['In [3]: p.mean()', true],
  ['def f(x):\n    return 2 * x', true],
  ['W = torch.tensor([[0.5, -0.2],\n                  [0.3, 0.4]])\ny = W @ x', true],
  ['# the gradient\ng = np.outer(x, d)', true],
  ['console.log(0.5);', true],
  // indented prose and plain-text math
  ['sigmoid(z) = 0.5', false],
  ['p = 0.5\nq = 0.25', false],
  ['z = 0.5 * 2 = 1\nprint(z)', false],
  ['y = np.exp(0) + 1 = 2', false],
  ['we print the value\nprint(F1)', false],
  ['The loss is 0.38', false],
  ['', false],
])('isProgram(%j) is %s', (text, expected) => {
  expect(isProgram(text)).toBe(expected);
});

test.each<[string, boolean]>([
  ['p', true],
  ['w.sum()', true],
  ['acc = 85/100', true],
  ['import numpy as np', true],
  ['Final answer: acc = 0.85', false],
  ['the value is 0.5', false],
])('isCodeLine(%j) is %s', (line, expected) => {
  expect(isCodeLine(line)).toBe(expected);
});
