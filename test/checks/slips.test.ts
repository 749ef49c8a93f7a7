import { describe, expect, test } from 'vitest';
import { findSlips } from '../../src/checks/slips.js';
import { readSubmission } from '../../src/markdown/index.js';
import { claim } from '../build.js';

describe('findSlips', () => {
  test('a wrong sum in a loss chain is a slip, reported with both values', () => {
    const chain = claim('L', ['(8 - 0.0574)^2 + (11 - 0.0570)^2 + (10 - 0.0571)^2', '287.694'], { line: 44 });
    const slips = findSlips([chain]);
    expect(slips).toHaveLength(1);
    expect(slips[0]).toMatchObject({ line: 44, wrote: 287.694 });
    expect(slips[0].value as number).toBeCloseTo(281.6954, 3);
  });

  test.each([
    ['precision', ['\\frac{50}{50+7+4}', '0.82']],
    ['recall', ['\\frac{50}{50+5+10}', '0.77']],
    ['F1', ['\\frac{2*0.82*0.77}{0.82+0.77}', '0.79']],
    ['accuracy', ['\\frac{50+60+80}{230}', '0.83']],
    ['loss', ['-\\log(0.1)', '2.303']],
    ['vector', ['\\begin{bmatrix} 0.0574 \\\\ 0.0570 \\end{bmatrix}', '\\begin{bmatrix} 0.057 \\\\ 0.057 \\end{bmatrix}']],
  ])('a correctly rounded %s chain is not a slip', (_name, steps) => {
    expect(findSlips([claim('x', steps as string[])])).toEqual([]);
  });

  test('half a unit in the last written decimal is the bound', () => {
    expect(findSlips([claim('x', ['0.824', '0.82'])])).toEqual([]);
    expect(findSlips([claim('x', ['0.8251', '0.82'])])).toHaveLength(1);
  });

  test('a wrong element of a written matrix is a slip', () => {
    const chain = claim('L', ['\\begin{bmatrix} (8 - 0.0574)^2 \\\\ (10 - 0.0571)^2 \\end{bmatrix}', '\\begin{bmatrix} 63.0849 \\\\ 98.9643 \\end{bmatrix}']);
    expect(findSlips([chain])).toHaveLength(1);
  });

  test('a chain consistent with log base 10 is that diagnosis, not a slip', () => {
    const slips = findSlips([claim('BCE', ['-\\log(0.1)', '1'])]);
    expect(slips).toHaveLength(1);
    expect(slips[0]).toMatchObject({ reasonCode: 'log-base-10', line: 1 });
    expect(slips[0].diagnosis).toMatch(/base 10/);
    const slip = findSlips([claim('BCE', ['-\\log(0.1)', '5'])])[0];
    expect(slip.reasonCode).toBe('arithmetic-slip');
    expect(slip.diagnosis).toBeUndefined();
  });

  test('symbolic steps are skipped; checking starts at the first numeric step', () => {
    const chain = claim('yhat', ['\\sigma(z)', '\\frac{1}{1 + e^{-0.5}}', '0.6225']);
    expect(findSlips([chain])).toEqual([]);
    const wrong = claim('yhat', ['\\sigma(z)', '\\frac{1}{1 + e^{-0.5}}', '0.6125']);
    expect(findSlips([wrong])).toHaveLength(1);
  });
});

describe('slips read what the reader converted', () => {
  test.each([
    ['BCE = -\\log(0.1) = 1', 'log-base-10'],
    ['BCE = $-\\log(0.1) = 3.3219$', 'log-base-2'],
    ['BCE = -\\ln(0.1) = 1', 'arithmetic-slip'],
    ['v = [0.2, 0.5] = [0.3, 0.5]', 'arithmetic-slip'],
  ])('%s: %s', (text, code) => {
    expect(findSlips(readSubmission(text).claims).map((s) => s.reasonCode)).toEqual([code]);
  });

  test('a rubric with log base 10 reads \\log so; base 2 is the other reading', () => {
    expect(findSlips(readSubmission('H = -\\log(0.5) = 0.301', { logBase: 10 }).claims)).toEqual([]);
    expect(findSlips(readSubmission('H = -\\log(0.5) = 1', { logBase: 10 }).claims).map((s) => s.reasonCode)).toEqual(['log-base-2']);
  });

  test('a vector is bounded by its least precise element', () => {
    expect(findSlips(readSubmission('v = [0.256, 0.5] = [0.25, 0.5]').claims)).toEqual([]);
    expect(findSlips(readSubmission('v = [0.256, 0.5] = [0.25, 0.50]').claims)).toHaveLength(1);
  });
});
