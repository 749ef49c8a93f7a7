// A hand-labelled table of pieces in the styles of real homework (split at top-level
// `=` as a grader splits a chain), run through the converter and the evaluator.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { evaluateStudent, latexToMathjs } from '../../src/latex/index.js';
import type { NumericValue } from '../../src/types.js';

interface Piece {
  latex: string;
  category: 'plain' | 'calculus';
  expect:
    | { value: NumericValue }
    | { refusal: 'calculus' | 'ellipsis' | 'unreadable' }
    | { expression: true; symbols: string[] };
}

type Outcome =
  | { kind: 'value'; value: NumericValue }
  | { kind: 'expression'; symbols: string[] }
  | { kind: 'refused'; refusal: string };

const pieces: Piece[] = JSON.parse(readFileSync(new URL('../fixtures/latex/pieces.json', import.meta.url), 'utf8'));

function outcomeOf(latex: string): Outcome {
  const conversion = latexToMathjs(latex);
  if (!conversion.ok) return { kind: 'refused', refusal: conversion.refusal.kind };
  if (conversion.symbols.length > 0) return { kind: 'expression', symbols: conversion.symbols };
  const evaluation = evaluateStudent(conversion.expr);
  return evaluation.ok ? { kind: 'value', value: evaluation.value } : { kind: 'refused', refusal: evaluation.refusal.kind };
}

function sameValue(a: NumericValue, b: NumericValue): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  }
  return a.length === b.length && a.every((item, i) => sameValue(item as NumericValue, b[i] as NumericValue));
}

/** Right: the piece gave what its label says. Wrong: it gave a different value or reading. */
function judge(piece: Piece, outcome: Outcome): 'right' | 'wrong' | 'refused' {
  const expected = piece.expect;
  if ('value' in expected) {
    if (outcome.kind === 'refused') return 'refused';
    return outcome.kind === 'value' && sameValue(outcome.value, expected.value) ? 'right' : 'wrong';
  }
  if ('expression' in expected) {
    if (outcome.kind === 'refused') return 'refused';
    return outcome.kind === 'expression' && outcome.symbols.join() === expected.symbols.join() ? 'right' : 'wrong';
  }
  if (outcome.kind !== 'refused') return 'wrong';
  return outcome.refusal === expected.refusal ? 'right' : 'wrong';
}

test('the piece table has at least 150 labelled pieces of both categories', () => {
  expect(pieces.length).toBeGreaterThanOrEqual(150);
  expect(pieces.some((p) => p.category === 'calculus')).toBe(true);
});

test('piece table: no wrong value, no calculus evaluated, two thirds of plain pieces read', () => {
  const results = pieces.map((piece) => ({ piece, outcome: outcomeOf(piece.latex) }));
  const plain = results.filter(({ piece }) => piece.category === 'plain');
  const readable = plain.filter(({ piece }) => !('refusal' in piece.expect));
  const converted = readable.filter(({ piece, outcome }) => judge(piece, outcome) === 'right');
  const wrong = results.filter(({ piece, outcome }) => judge(piece, outcome) === 'wrong');
  const calculus = results.filter(({ piece }) => piece.category === 'calculus');
  const calculusRead = calculus.filter(({ outcome }) => outcome.kind !== 'refused');
  const notRead = readable.filter(({ piece, outcome }) => judge(piece, outcome) === 'refused');

  console.log(
    [
      `plain pieces that evaluate or convert: ${converted.length} of ${readable.length} (${((100 * converted.length) / readable.length).toFixed(1)} %)`,
      `plain pieces correctly refused: ${plain.length - readable.length - wrong.filter(({ piece }) => piece.category === 'plain' && 'refusal' in piece.expect).length} of ${plain.length - readable.length}`,
      `wrong values or readings: ${wrong.length}`,
      `calculus pieces that evaluate or convert: ${calculusRead.length} of ${calculus.length}`,
      ...notRead.map(({ piece }) => `  not read: ${piece.latex}`),
      ...wrong.map(({ piece, outcome }) => `  WRONG: ${piece.latex} -> ${JSON.stringify(outcome)}`),
    ].join('\n'),
  );

  expect(wrong.map(({ piece }) => piece.latex)).toEqual([]);
  expect(calculusRead.map(({ piece }) => piece.latex)).toEqual([]);
  expect(converted.length / readable.length).toBeGreaterThanOrEqual(0.66);
});
