// Arithmetic slips in the student's shown working (SPEC §5 "Consistency"): in every
// chain, each numeric step is compared with the next written number. A difference of
// more than half a unit in the last decimal the student wrote is a slip, unless the
// chain is consistent with `\log` read as base 10 or 2 — then that is the diagnosis.
import { evaluateStudent } from '../latex/index.js';
import { limit } from '../limits.js';
import type { Claim, NumericValue, Slip, Step } from '../types.js';
import { flatten } from '../values.js';

/** Checks every chain (read with the rubric's `\log`; the other bases come with the steps). */
export function findSlips(claims: Claim[]): Slip[] {
  return cappedSlips(claims, Infinity).slips;
}

/**
 * The first `max` slips (the `slips` limit of src/limits.ts by default) and how many more
 * there are: a flood of `1+1=3` must not make a report of 300,000 slips, and the ones
 * past the cap are only counted, never diagnosed.
 * @example cappedSlips(claims, 100) // { slips: [… 100], omitted: 315900 }
 */
export function cappedSlips(claims: Claim[], max: number = limit('slips')): { slips: Slip[]; omitted: number } {
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
      const base = otherLogBase(step, next.value, halfUnit);
      slips.push(base === null ? slip : { ...slip, reasonCode: `log-base-${base}`, diagnosis: `consistent with \\log read as base ${base}, not an arithmetic slip; these logs are natural (ln)` });
    }
  }
  return { slips, omitted };
}

/** Half a unit in the last decimal written (for an array, in its least precise element). */
function writtenHalfUnit(step: Step): number | null {
  if (step.value === null || step.expr === null || step.decimals === null) return null;
  return 0.5 * 10 ** -step.decimals;
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

/** The other base of `\log` (read by the converter, Step.logReadings) under which the step gives what was written. */
function otherLogBase(step: Step, wrote: NumericValue, halfUnit: number): 10 | 2 | null {
  for (const reading of step.logReadings ?? []) {
    const evaluated = evaluateStudent(reading.expr);
    if (evaluated.ok && agrees(evaluated.value, wrote, halfUnit)) return reading.base;
  }
  return null;
}

function round(value: NumericValue): NumericValue {
  const r = (x: number) => Number(x.toPrecision(10));
  if (typeof value === 'number') return r(value);
  return (value as Array<number | number[]>).map((row) => (Array.isArray(row) ? row.map(r) : r(row))) as NumericValue;
}
