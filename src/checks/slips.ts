// Arithmetic slips in the student's shown working (SPEC §5 "Consistency"): in every
// chain, each numeric step is compared with the next written number. A difference of
// more than half a unit in the last decimal the student wrote is a slip, unless the
// chain is consistent with `\log` read as base 10 or 2 — then that is the diagnosis.
import { evaluateStudent, latexToMathjs } from '../latex/index.js';
import { limit } from '../limits.js';
import type { Claim, NumericValue, Slip, Step } from '../types.js';
import { flatten } from '../values.js';

/** Checks every chain; `logBase` is the rubric's reading of `\log` (default e). */
export function findSlips(claims: Claim[], logBase = Math.E): Slip[] {
  return cappedSlips(claims, logBase, Infinity).slips;
}

/**
 * The first `max` slips (the `slips` limit of src/limits.ts by default) and how many more
 * there are: a flood of `1+1=3` must not make a report of 300,000 slips, and the ones
 * past the cap are only counted, never diagnosed.
 * @example cappedSlips(claims, Math.E, 100) // { slips: [… 100], omitted: 315900 }
 */
export function cappedSlips(claims: Claim[], logBase = Math.E, max: number = limit('slips')): { slips: Slip[]; omitted: number } {
  const slips: Slip[] = [];
  let omitted = 0;
  const seen = new Set<string>();
  for (const claim of claims) {
    for (let i = 0; i + 1 < claim.steps.length; i++) {
      const step = claim.steps[i];
      const next = claim.steps[i + 1];
      const halfUnit = writtenHalfUnit(next);
      if (step.value === null || next.value === null || halfUnit === null) continue;
      if (agreesWithWritten(step.value, next, halfUnit)) continue;
      // Table claims repeat one cell under several labels: report a place once.
      const key = `${next.cell ?? 0}:${next.line}:${next.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (slips.length >= max) {
        omitted += 1;
        continue;
      }
      const slip: Slip = { ...(next.cell === undefined ? {} : { cell: next.cell, fileLine: next.fileLine }), line: next.line, column: next.column, shown: step.expr ?? step.source, value: round(step.value), wrote: next.value, reasonCode: 'arithmetic-slip' };
      const base = otherLogBase(step, next.value, halfUnit, logBase);
      slips.push(base === null ? slip : { ...slip, reasonCode: `log-base-${base}`, diagnosis: `consistent with \\log read as base ${base}, not an arithmetic slip; these logs are natural (ln)` });
    }
  }
  return { slips, omitted };
}

/** Half a unit in the last decimal written, for a plain number or an array of them. */
function writtenHalfUnit(step: Step): number | null {
  if (step.value === null || step.expr === null) return null;
  if (step.decimals !== null) return 0.5 * 10 ** -step.decimals;
  // A vector or matrix of plain numbers: the least precise element sets the bound.
  if (!/^[[\]\d.,\s\-e]+$/.test(step.expr) || !step.expr.includes('[')) return null;
  const literals = step.expr.match(/\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const decimals = literals.map((literal) => (literal.includes('e') ? 12 : (literal.split('.')[1] ?? '').length));
  return decimals.length === 0 ? null : 0.5 * 10 ** -Math.min(...decimals);
}

/**
 * Whether a value agrees with the next written step. A percentage's decimals count its
 * written digits, so its half unit is in points: `0.757 = 75.7 %` agrees within 0.0005,
 * and `(83+74+70)/3 = 75.7 %` (the number of points, then the percentage) within 0.05.
 */
function agreesWithWritten(value: NumericValue, next: Step, halfUnit: number): boolean {
  const wrote = next.value as NumericValue;
  if (!next.percent) return agrees(value, wrote, halfUnit);
  const points = flatten(wrote).map((x) => x * 100);
  return agrees(value, wrote, halfUnit / 100) || agrees(value, Array.isArray(wrote) ? points : points[0], halfUnit);
}

function agrees(value: NumericValue, wrote: NumericValue, halfUnit: number): boolean {
  const a = flatten(value);
  const b = flatten(wrote);
  if (a.length !== b.length) return true; // a shape change is not an arithmetic slip
  return a.every((x, i) => Math.abs(x - b[i]) <= halfUnit * (1 + 1e-9) + 1e-12 * Math.abs(b[i]));
}

function otherLogBase(step: Step, wrote: NumericValue, halfUnit: number, logBase: number): 10 | 2 | null {
  if (!/\\?(log|ln)\b/.test(step.source)) return null;
  for (const base of [10, 2] as const) {
    if (base === logBase) continue;
    const converted = latexToMathjs(step.source, { logBase: base });
    if (!converted.ok || converted.symbols.length > 0) continue;
    const evaluated = evaluateStudent(converted.expr);
    if (evaluated.ok && agrees(evaluated.value, wrote, halfUnit)) return base;
  }
  return null;
}


function round(value: NumericValue): NumericValue {
  const r = (x: number) => Number(x.toPrecision(10));
  if (typeof value === 'number') return r(value);
  return (value as Array<number | number[]>).map((row) => (Array.isArray(row) ? row.map(r) : r(row))) as NumericValue;
}
