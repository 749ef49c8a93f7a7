// What the reader extracts from each fixture submission: for each case the claim with
// this section, normalised label and place must exist, with this final value (within
// 1e-9), refusal kind, or free symbols.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatExtract, readSubmission } from '../../src/markdown/index.js';
import type { Claim, NumericValue, ParsedSubmission, Refusal } from '../../src/types.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/submissions');
const cache = new Map<string, ParsedSubmission>();

function read(fixture: string): ParsedSubmission {
  if (!cache.has(fixture)) cache.set(fixture, readSubmission(readFileSync(join(FIXTURES, fixture))));
  return cache.get(fixture)!;
}

interface Case {
  fixture: string;
  section: string;
  label: string;
  /** line:column of the final step. */
  at: string;
  value?: NumericValue;
  refusal?: Refusal['kind'];
  /** Free symbols of a final step that is an expression. */
  symbols?: string[];
  percent?: boolean;
  decimals?: number;
  topic?: string | null;
  origin?: Claim['origin'];
}

const M = 'metrics-inline-fractions.md';
const O = 'ocr-answer-markers.md';
const T = 'topics-restart-numbering.md';
const TT = 'tab-table-weighted-f1.md';
const G = 'gfm-table-metrics.md';
const D = 'display-math-mid-sentence.md';
const X = 'matrices-forward-pass.md';
const P = 'percentages-and-prose.md';
const DL = 'derivative-labels.md';
const H = 'question-headings.md';

const cases: Case[] = [
  // text + math as one stream, display math mid-sentence, `;` between claims
  { fixture: M, section: '2.a', label: 'precision a', at: '13:4', value: 0.83, decimals: 2 },
  { fixture: M, section: '2.a', label: 'recall a', at: '13:43', value: 0.8, decimals: 2 },
  { fixture: M, section: '2.a', label: 'f1 a', at: '13:90', value: 0.81 },
  { fixture: M, section: '2.a', label: 'precision b', at: '14:37', value: 0.79 },
  { fixture: M, section: '2.a', label: 'recall b', at: '14:76', value: 0.83 },
  { fixture: M, section: '2.a', label: 'f1 b', at: '14:123', value: 0.81 },
  { fixture: M, section: '2.a', label: 'precision c', at: '15:37', value: 0.87 },
  { fixture: M, section: '2.a', label: 'recall c', at: '15:76', value: 0.86 },
  { fixture: M, section: '2.a', label: 'f1 c', at: '15:123', value: 0.86 },
  { fixture: M, section: '2.b', label: 'accuracy', at: '20:43', value: 0.83 },
  { fixture: M, section: '1.a', label: 'de/dyhat', at: '5:41', symbols: ['y', 'yhat'] },
  { fixture: M, section: '1.a', label: 'e', at: '3:7', symbols: ['y', 'yhat'] },
  // OCR'd answer markers: Answer 1) (a), (b), Aus 2) a), Answer2>, Ans 2.2.c>, ans2.2.d>, Ans2.3.c>
  { fixture: O, section: '1.b', label: 'bce', at: '8:13', symbols: ['y', 'yhat'] },
  { fixture: O, section: '1.c', label: 'y', at: '11:19', value: 1 },
  { fixture: O, section: '1.c', label: 'yhat', at: '11:37', value: 0.8 },
  { fixture: O, section: '1.c', label: 'bce', at: '13:9', value: -Math.log(0.8) },
  { fixture: O, section: '1.c', label: 'bce', at: '15:9', value: 0.223, decimals: 3 },
  { fixture: O, section: '1.d', label: 'avg loss', at: '18:5', value: -(Math.log(0.8) + Math.log(0.5)) / 2 },
  { fixture: O, section: '1.d', label: 'avg loss', at: '20:21', value: 0.458 },
  { fixture: O, section: '2.a', label: 'w 1', at: '22:19', symbols: ['d', 'h'] },
  { fixture: O, section: '2.a', label: 'b 1', at: '23:9', symbols: ['h'] },
  { fixture: O, section: '2.b', label: 'dyhat k/dz k', at: '25:48', symbols: ['yhat_k'] },
  { fixture: O, section: '2.2.c', label: 'training accuracy', at: '31:71', value: 0.64, percent: true, decimals: 0 },
  { fixture: O, section: '2.2.c', label: 'validation accuracy', at: '31:102', value: 0.52, percent: true },
  { fixture: O, section: '2.2.d', label: 'test accuracy', at: '35:18', value: 0.61, percent: true },
  { fixture: O, section: '2.2.d', label: 'f1', at: '35:37', value: 0.6, decimals: 1 },
  { fixture: O, section: '2.3.c', label: 'test accuracy', at: '37:27', value: 0.74, percent: true },
  { fixture: O, section: '2.3.c', label: 'f', at: '37:45', value: 0.71 },
  { fixture: O, section: '2.4.c', label: 'test accuracy', at: '41:21', value: 0.77, percent: true },
  { fixture: O, section: '2.4.c', label: 'f1', at: '41:41', value: 0.73, decimals: 2, percent: false },
  // numbering restarts under topic lines; `- 12.` list items, `Part (b)`, `Part (c) and Part (d)`, `a.`
  { fixture: T, section: '1', topic: 'Perceptrons', label: 'w', at: '6:7', value: [[0.5], [-0.2]] },
  { fixture: T, section: '1', topic: 'Perceptrons', label: 'x', at: '8:7', value: [[2], [1]] },
  { fixture: T, section: '1', topic: 'Perceptrons', label: 'a', at: '9:30', value: 0.8 },
  { fixture: T, section: '4', topic: 'Perceptrons', label: 'theta new', at: '17:18', refusal: 'calculus' },
  { fixture: T, section: '2', topic: 'Backpropagation', label: 'dl/dz', at: '25:49', value: 0.3 },
  { fixture: T, section: '12', topic: 'Backpropagation', label: 'v', at: '32:7', value: [[0.1], [0.2]] },
  { fixture: T, section: '12.b', topic: 'Backpropagation', label: 'yhat', at: '36:134', value: 0.1 },
  { fixture: T, section: '12.c', label: 'l', at: '40:21', value: 3.61 },
  { fixture: T, section: '13.a', label: 'f x y', at: '45:12', symbols: ['x', 'y'] },
  { fixture: T, section: '13.b', label: 'grad f 1 1', at: '48:19', value: [[6], [12]] },
  // tab-separated table: Cyrillic row headers, a chain in a cell, alternative labels
  { fixture: TT, section: '3.a', label: 'f1 a', at: '6:3', value: 0.81, origin: 'table' },
  { fixture: TT, section: '3.a', label: 'a f1', at: '6:3', value: 0.81, origin: 'table' },
  { fixture: TT, section: '3.a', label: 'b f1', at: '7:3', value: 0.81, origin: 'table' },
  { fixture: TT, section: '3.a', label: 'support c', at: '8:8', value: 70, origin: 'table' },
  { fixture: TT, section: '3.a', label: 'weighted average f1', at: '6:52', value: 0.83, origin: 'table' },
  { fixture: TT, section: '3.a', label: 'a weighted average f1', at: '6:52', value: 0.83, origin: 'table' },
  { fixture: TT, section: '3.b', label: 'total support', at: '16:32', value: 180, origin: 'text' },
  // GFM table: math in a cell, column and row headers alone
  { fixture: G, section: '4', label: 'precision a', at: '9:25', value: 0.83, origin: 'table' },
  { fixture: G, section: '4', label: 'a recall', at: '9:32', value: 0.8, origin: 'table' },
  { fixture: G, section: '4', label: 'f1 c', at: '11:21', value: 0.86, origin: 'table' },
  { fixture: G, section: '4', label: 'support', at: '11:28', value: 180, origin: 'table' },
  { fixture: G, section: '4', label: 'accuracy', at: '12:14', value: 0.83, origin: 'table' },
  { fixture: G, section: '4', label: 'macro f1', at: '14:41', value: 0.83, origin: 'text' },
  // display math: mid-sentence, `\quad` + `\text{where }`, aligned rows, \tag and (5), \approx, arrows
  { fixture: D, section: '2.a', label: 'l', at: '5:7', refusal: 'calculus' },
  { fixture: D, section: '2.a', label: 'p k', at: '5:54', refusal: 'calculus' },
  { fixture: D, section: '2.a', label: 'p', at: '7:11', value: 0.25 },
  { fixture: D, section: '2.a', label: 'l', at: '8:3', value: 1.386 },
  { fixture: D, section: '2.b', label: 'mse', at: '11:121', value: 0.07 },
  { fixture: D, section: '2.c', label: 'eta', at: '13:26', value: 1.5e-3, decimals: 4 },
  { fixture: D, section: '2.c', label: 'beta', at: '13:65', value: 0.9 },
  { fixture: D, section: '2.c', label: 'yhat', at: '15:33', value: 0.599 },
  { fixture: D, section: '2.c', label: 'z', at: '17:27', value: 0.5 },
  { fixture: D, section: '2.c', label: 'de/dv', at: '21:3', value: -0.05 },
  { fixture: D, section: '2.d', label: 'delta w', at: '23:56', value: 0.005 },
  { fixture: D, section: '2.d', label: 'eta', at: '23:75', value: 0.1 },
  { fixture: D, section: '2.d', label: 'dl/dw', at: '25:35', symbols: ['x', 'y', 'yhat'] },
  { fixture: D, section: '2.d', label: 'dl/db', at: '25:95', symbols: ['y', 'yhat'] },
  // matrices and vectors: bmatrix, pmatrix, split rows, \langle \rangle, [a, b], (a, b)
  { fixture: X, section: '3.a', label: 'x', at: '5:7', value: [[1, 2], [1, 3]] },
  { fixture: X, section: '3.a', label: 'w', at: '7:7', value: [[0.1, 0.2], [0.3, 0.4]] },
  { fixture: X, section: '3.a', label: 'z', at: '9:131', value: [[0.7, 1], [1, 1.4]] },
  { fixture: X, section: '3.b', label: 'yhat', at: '13:13', value: [[0.7], [1]] },
  { fixture: X, section: '3.b', label: 'y', at: '13:65', value: [[1], [1]] },
  { fixture: X, section: '3.b', label: 'l', at: '15:72', value: 0.09 },
  { fixture: X, section: '3.c', label: 'n', at: '17:21', value: [3, 4] },
  { fixture: X, section: '3.c', label: 'u', at: '17:52', value: [0.6, 0.8] },
  { fixture: X, section: '3.c', label: 'm', at: '17:70', value: [1, 2] },
  // percentages, `is` / `:` only before values, prose, `.74`, `1.5e-3`
  { fixture: P, section: '5', label: 'training accuracy', at: '3:62', value: 0.81, percent: true },
  { fixture: P, section: '5', label: 'validation accuracy', at: '3:93', value: 0.78, percent: true },
  { fixture: P, section: '5', label: 'test accuracy', at: '5:24', value: 0.765, percent: true, decimals: 1 },
  { fixture: P, section: '5', label: 'f1', at: '5:46', value: 0.74, decimals: 2 },
  { fixture: P, section: '5', label: 'weights', at: '7:15', refusal: 'unreadable' },
  { fixture: P, section: '5', label: 'learning rate', at: '9:21', value: 0.0015, decimals: 4 },
  { fixture: P, section: '5', label: 'loss', at: '9:44', value: -0.25 },
  { fixture: P, section: '5', label: 'precision', at: '11:12', value: 0.9 },
  { fixture: P, section: '5', label: 'recall', at: '11:25', value: 0.45, percent: true },
  // derivative labels, \nabla, \ell, Roman sub-parts
  { fixture: DL, section: '1.a', label: 'dl/dw i', at: '9:257', symbols: ['x_i', 'y', 'z'] },
  { fixture: DL, section: '1.a', label: 'dl/db', at: '11:19', symbols: ['y', 'z'] },
  { fixture: DL, section: '1.a', label: 'dl/dw i', at: '13:21', symbols: ['x_i', 'y', 'z'] },
  { fixture: DL, section: '1.b', label: 'grad f', at: '17:14', symbols: ['x'] },
  { fixture: DL, section: '1.b', label: 'l', at: '19:23', value: 0.105 },
  { fixture: DL, section: '1.b.i', label: 'x', at: '21:13', value: 2 },
  { fixture: DL, section: '1.b.i', label: 'grad f', at: '21:29', value: [4, 3] },
  { fixture: DL, section: '1.b.ii', label: 'dl/dw 2', at: '23:33', value: 0.25 },
  // Markdown headings and keyword markers
  { fixture: H, section: '1', label: 'accuracy', at: '5:12', value: 0.9 },
  { fixture: H, section: '3', label: 'recall', at: '9:19', value: 0.75 },
  { fixture: H, section: '4.a', label: 'loss', at: '11:22', value: 0.5 },
  { fixture: H, section: '4.b', label: 'total', at: '13:18', value: 12 },
  { fixture: H, section: '6.b', label: 'precision', at: '15:26', value: 0.6 },
];

function expectClose(actual: NumericValue | null, expected: NumericValue): void {
  expect(actual).not.toBeNull();
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    const got = actual as Array<number | number[]>;
    expect(got).toHaveLength(expected.length);
    expected.forEach((item, i) => expectClose(got[i], item));
    return;
  }
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9);
}

describe('claims extracted from the fixtures', () => {
  test.each(cases)('$fixture $section "$label" at $at', (c) => {
    const claims = read(c.fixture).claims.filter((claim) => claim.section === c.section && claim.label === c.label && `${claim.line}:${claim.column}` === c.at);
    expect(claims.length, `no claim "${c.label}" in ${c.section} at ${c.at}`).toBeGreaterThan(0);
    const claim = claims[0];
    const final = claim.steps[claim.steps.length - 1];
    expect(`${final.line}:${final.column}`).toBe(c.at);
    if (c.value !== undefined) {
      expectClose(final.value, c.value);
      expect(final.refusal).toBeNull();
    }
    if (c.refusal) expect(final.refusal?.kind).toBe(c.refusal);
    if (c.symbols) {
      expect(final.value).toBeNull();
      expect([...final.symbols].sort()).toEqual(c.symbols);
    }
    if (c.percent !== undefined) expect(final.percent).toBe(c.percent);
    if (c.decimals !== undefined) expect(final.decimals).toBe(c.decimals);
    if (c.topic !== undefined) expect(claim.topic).toBe(c.topic);
    expect(claim.origin).toBe(c.origin ?? 'text');
  });
});

describe('claims in short snippets', () => {
  test.each([
    ['Precision_A\n= 0.82', '', 'precision a', 0.82, '2:3'],
    ['**Accuracy** = 0.9', '', 'accuracy', 0.9, '1:16'],
    ['- Accuracy = 0.9\n- Recall = 0.8', '', 'recall', 0.8, '2:12'],
    ['> x = 1\n> y = 2', '', 'y', 2, '2:7'],
    ['\\[ x = 1 \\]', '', 'x', 1, '1:8'],
    ['text \\( y = 2 \\) more', '', 'y', 2, '1:13'],
    ['y = 0.5; x = 1,000', '', 'x', 1000, '1:14'],
    ['The accuracy is\n0.83', '', 'accuracy', 0.83, '2:1'],
    ['accuracy = 83 ~~accuracy = 80~~', '', 'accuracy', 83, '1:12'],
    ['F1 = 2PR/(P+R) = 2*0.8*0.6/1.4 = 0.686', '', 'f1', 0.686, '1:34'],
    ['Precision = TP/(TP+FP) = 50/61 = 0.82', '', 'precision', 0.82, '1:34'],
    ['acc = 0.9 (rounded)', '', 'acc', 0.9, '1:7'],
    ['12. (b) Accuracy = 0.5', '12.b', 'accuracy', 0.5, '1:20'],
    ['<u>Loss</u>: -0.5', '', 'loss', -0.5, '1:14'],
    ['Q1. $\\hat y = 0.3$', '1', 'yhat', 0.3, '1:15'],
  ])('%j', (text, section, label, value, at) => {
    const claims = readSubmission(text).claims;
    const claim = claims.find((c) => c.label === label && `${c.line}:${c.column}` === at);
    expect(claim, JSON.stringify(claims.map((c) => [c.label, c.line, c.column]))).toBeDefined();
    expect(claim!.section).toBe(section);
    expectClose(claim!.steps[claim!.steps.length - 1].value, value);
  });

  test('struck-out text is not read', () => {
    expect(readSubmission('accuracy = 83 ~~accuracy = 80~~').claims).toHaveLength(1);
  });
});

describe('shown steps', () => {
  test('a chain keeps every shown step with its own place', () => {
    const claim = read(M).claims.find((c) => c.label === 'precision a')!;
    expect(claim.labelText).toBe('Precision_A');
    expect(claim.steps.map((step) => step.source)).toEqual(['\\frac{40}{40+5+3}', '0.83']);
    expect(claim.steps.map((step) => `${step.line}:${step.column}`)).toEqual(['12:3', '13:4']);
    expect(claim.steps[0].expr).toBe('40 / (40 + 5 + 3)');
    expect(claim.steps[0].decimals).toBeNull();
  });

  test('a leading connective is not part of the label', () => {
    const claim = read(O).claims.find((c) => c.label === 'training accuracy')!;
    expect(claim.labelText).toBe('the training accuracy');
  });

  test('aligned rows continue one chain; \\tag and (5) are not values', () => {
    const mse = read(D).claims.find((c) => c.label === 'mse')!;
    expect(mse.steps).toHaveLength(3);
    const z = read(D).claims.find((c) => c.label === 'z')!;
    expect(z.steps.map((step) => step.source)).toEqual(['0.2 \\cdot 3 - 0.1', '0.5']);
    const yhat = read(D).claims.find((c) => c.label === 'yhat')!;
    expect(yhat.steps.map((step) => step.source)).toEqual(['\\sigma(0.4)', '0.599']);
  });

  test('a table cell holding a chain shows its steps', () => {
    const claim = read(TT).claims.find((c) => c.label === 'weighted average f1')!;
    expect(claim.steps.map((step) => step.source)).toEqual(['0.81*0.28 + 0.81*0.33 + 0.86*0.39', '0.83']);
    expectClose(claim.steps[0].value, 0.8295);
  });

  test('prose tables and prose after `is` give no claims', () => {
    const parsed = read(TT);
    expect(parsed.claims.filter((c) => c.section === '3.b').map((c) => c.label)).toEqual(['total support']);
    expect(read(P).claims.some((c) => c.label.includes('model') || c.label.includes('gap'))).toBe(false);
  });

  test('claims are in document order', () => {
    for (const fixture of [M, O, T, TT, G, D, X, P, DL, H]) {
      const places = read(fixture).claims.map((c) => c.line * 10_000 + c.column);
      expect(places).toEqual([...places].sort((a, b) => a - b));
    }
  });

  test('front matter names the student', () => {
    expect(read(G).student).toBe('sample-student-07');
    expect(read(M).student).toBeNull();
  });

  test('formatExtract lists the sections, then every claim with its place, label and value', () => {
    const parsed = read(O);
    const lines = formatExtract(parsed).split('\n');
    const claimsAt = lines.indexOf('claims:');
    expect(lines.indexOf('sections:')).toBeLessThan(claimsAt);
    expect(lines.filter((line) => /^\s+2\.2\.c\s+Ans 2\.2\.c>/.test(line))).toHaveLength(1);
    const claimLines = lines.slice(claimsAt + 1).filter((line) => line.trim() !== '');
    expect(claimLines).toHaveLength(parsed.claims.length);
    parsed.claims.forEach((claim, i) => {
      expect(claimLines[i].trim().startsWith(`${claim.line}:${claim.column} `)).toBe(true);
      expect(claimLines[i]).toContain(claim.label);
    });
    expect(claimLines.find((line) => line.includes('f1') && line.includes('.73'))).toMatch(/-> 0\.73$/);
  });
});
