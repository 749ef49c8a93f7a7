import { expect, test } from 'vitest';
import { explainRubric } from '../../src/rubric/explain.js';
import { loadRubric } from '../../src/rubric/load.js';

const explained = explainRubric(await loadRubric('test/fixtures/rubrics/valid-full.yaml'));
const lines = explained.split('\n');
const after = (start: RegExp): string[] => lines.slice(lines.findIndex((line) => start.test(line)));

test('every question with its locator and points', () => {
  expect(lines.filter((line) => /^\S/.test(line)).slice(2, 6)).toEqual([
    expect.stringMatching(/^q2a .*\[section 2\.a\]\s+4 points$/),
    expect.stringMatching(/^q2b .*\[section 2\.b\]\s+1 point$/),
    expect.stringMatching(/^q1a .*\[text \/derive the gradient\/i\]\s+1 point$/),
    expect.stringMatching(/^q2c .*\[section 2\.c\]\s+2 points, manual$/),
  ]);
});

test('every numeric answer with its expected value and accepted interval', () => {
  const precision = after(/^\s+precision_A /);
  expect(precision[1]).toMatch(/expected precision\(cm, "A"\) = 0\.8196721$/);
  expect(precision[2]).toMatch(/accepts \[0\.8114754, 0\.8278689\] \(±1% or ±0\.005\)$/);
  expect(precision[3]).toMatch(/mistake recall\(cm, "A"\) = 0\.7692308: credit 0/);
  const weighted = after(/^\s+weighted_f1 /);
  expect(weighted[2]).toMatch(/accepts \[0\.8203343, 0\.8303343\] \(2 decimals\)$/);
  expect(weighted[3]).toMatch(/follow-through 0\.5 from f1_A, f1_B, f1_C$/);
});

test('expression answers show the expression and domain; context shows values', () => {
  expect(after(/^\s+grad /)[1]).toMatch(/expected expression \(yhat - y\) \* x$/);
  expect(explained).toMatch(/yhat in \[0\.01, 0\.99\]/);
  expect(explained).toMatch(/^ {2}cm = \[\[50, 5, 10\], \[7, 60, 8\], \[4, 6, 80\]\]$/m);
  expect(explained).toMatch(/^total 8 points \(2 points graded by hand\)$/m);
});
