// The `number` answer kind: a number, vector or matrix compared under a tolerance,
// trying the percentage readings SPEC §4 allows.
import { placeText } from '../places.js';
import { excerpt } from '../excerpt.js';
import type { Unit } from '../rubric/schema.js';
import type { NumericValue, Step, Tolerance } from '../types.js';
import { describeTolerance, percentReadings, withinTolerance, type Interval } from './tolerance.js';

export interface NumberVerdict {
  pass: boolean;
  code: 'within-tolerance' | 'outside-tolerance' | 'too-few-digits' | 'shape-mismatch';
  got: NumericValue;
  reading: 'fraction' | 'percent';
  interval: Interval;
  reason: string;
}

/**
 * Compares the final step of a claim with the expected value.
 * @example checkNumber(step /* 0.82 at 31:1 *\/, 0.8197, { rel: 0.01 }) // pass, "found 0.82 at 31:1, within ±1%"
 */
export function checkNumber(step: Step, expected: NumericValue, tol: Tolerance, unit?: Unit): NumberVerdict {
  const value = step.value as NumericValue;
  const place = placeText(step);
  const readings = percentReadings(value, step.percent, unit, expected);
  const results = readings.map((reading) => ({ reading, result: withinTolerance(reading.value, expected, tol) }));
  const passed = results.find((r) => r.result.pass);
  const chosen = passed ?? results[0];
  const readingNote = readings.length > 1 || step.percent ? ` (read as ${chosen.reading.reading === 'percent' ? 'a percentage' : 'written'})` : '';
  const written = excerpt(step.source);
  if (passed) {
    return {
      pass: true,
      code: 'within-tolerance',
      got: chosen.reading.value,
      reading: chosen.reading.reading,
      interval: chosen.result.interval,
      reason: `found ${written} at ${place}${readingNote}, within ${describeTolerance(tol)}`,
    };
  }
  const tooFewDigits = typeof value === 'number' && typeof expected === 'number' && isRoundingOf(step, expected);
  const why = tooFewDigits
    ? `too few digits: ${written} is the expected value rounded to ${step.decimals} decimals, outside ${describeTolerance(tol)}`
    : (chosen.result.reason ?? `outside ${describeTolerance(tol)}`);
  return {
    pass: false,
    code: tooFewDigits ? 'too-few-digits' : chosen.result.failure === 'shape' ? 'shape-mismatch' : 'outside-tolerance',
    got: chosen.reading.value,
    reading: chosen.reading.reading,
    interval: chosen.result.interval,
    reason: `found ${written} at ${place}${readingNote}: ${why}`,
  };
}

/** True when the student wrote the expected value correctly rounded, just too coarsely. */
function isRoundingOf(step: Step, expected: number): boolean {
  if (step.decimals === null || step.percent) return false;
  const scale = 10 ** step.decimals;
  return Math.abs(Math.round(expected * scale) / scale - (step.value as number)) < 1e-12;
}
