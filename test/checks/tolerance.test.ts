import { describe, expect, test } from 'vitest';
import {
  describeTolerance,
  interval,
  percentReadings,
  withinTolerance,
} from '../../src/checks/tolerance.js';
import type { NumericValue, Tolerance } from '../../src/types.js';

describe('withinTolerance at the boundary of each mode', () => {
  test.each<[string, Tolerance, number, number, boolean]>([
    ['abs just inside', { abs: 0.005 }, 0.8196721, 0.8246721, true],
    ['abs just outside', { abs: 0.005 }, 0.8196721, 0.8246722, false],
    ['abs below, just inside', { abs: 0.005 }, 0.8196721, 0.8146721, true],
    ['abs below, just outside', { abs: 0.005 }, 0.8196721, 0.814672, false],
    ['rel just inside', { rel: 0.01 }, 200, 202, true],
    ['rel just outside', { rel: 0.01 }, 200, 202.0000001, false],
    ['rel of a negative value', { rel: 0.01 }, -200, -198, true],
    ['decimals just inside', { decimals: 2 }, 0.8196721, 0.8246721, true],
    ['decimals just outside', { decimals: 2 }, 0.8196721, 0.8246722, false],
    ['decimals 0 inside', { decimals: 0 }, 3.2, 3.7, true],
    ['decimals 0 outside', { decimals: 0 }, 3.2, 3.7000001, false],
    ['sigfigs lower edge', { sigfigs: 3 }, 1.234, 1.229, true],
    ['sigfigs below lower edge', { sigfigs: 3 }, 1.234, 1.2289999, false],
    ['sigfigs upper edge', { sigfigs: 3 }, 1.234, 1.239, true],
    ['sigfigs above upper edge', { sigfigs: 3 }, 1.234, 1.2390001, false],
    ['sigfigs of a large number', { sigfigs: 2 }, 287.694, 292.694, true],
    ['sigfigs of a large number, outside', { sigfigs: 2 }, 287.694, 292.6941, false],
    ['sigfigs of a small number', { sigfigs: 2 }, 0.0123, 0.0128, true],
    ['sigfigs of a small number, outside', { sigfigs: 2 }, 0.0123, 0.01281, false],
    ['sigfigs of zero reads like magnitude 1', { sigfigs: 3 }, 0, 0.005, true],
    ['sigfigs of zero, outside', { sigfigs: 3 }, 0, 0.0051, false],
    ['no mode given is exact', {}, 0.5, 0.5, true],
    ['no mode given is exact, outside', {}, 0.5, 0.5000001, false],
  ])('%s', (_name, tol, expected, got, pass) => {
    expect(withinTolerance(got, expected, tol).pass).toBe(pass);
  });
});

describe('abs and rel together pass when either does', () => {
  const tol = { rel: 0.01, abs: 0.005 };
  test.each<[number, number, boolean]>([
    [0.1, 0.105, true], // abs carries it (rel allows only 0.001)
    [0.1, 0.1051, false],
    [100, 101, true], // rel carries it
    [100, 101.01, false],
  ])('expected %d, got %d', (expected, got, pass) => {
    expect(withinTolerance(got, expected, tol).pass).toBe(pass);
  });
});

describe('interval', () => {
  test.each<[number, Tolerance, [number, number]]>([
    [0.8196721, { decimals: 2 }, [0.8146721, 0.8246721]],
    [1.234, { sigfigs: 3 }, [1.229, 1.239]],
    [200, { rel: 0.01 }, [198, 202]],
    [0.1, { rel: 0.01, abs: 0.005 }, [0.095, 0.105]],
  ])('%d with %o', (expected, tol, [lo, hi]) => {
    const [gotLo, gotHi] = interval(expected, tol);
    expect(gotLo).toBeCloseTo(lo, 12);
    expect(gotHi).toBeCloseTo(hi, 12);
  });

  test('an infinite expected value has a one-point interval', () => {
    expect(interval(Infinity, { rel: 0.01 })).toEqual([Infinity, Infinity]);
  });
});

describe('float noise never decides a tie against the student', () => {
  test('0.1 + 0.2 against 0.3 with an exact tolerance', () => {
    expect(withinTolerance(0.1 + 0.2, 0.3, {}).pass).toBe(true);
  });
});

describe('non-finite values', () => {
  test.each<[string, number, number, boolean]>([
    ['NaN found', NaN, 1, false],
    ['NaN expected', 1, NaN, false],
    ['NaN against NaN', NaN, NaN, false],
    ['same infinity', Infinity, Infinity, true],
    ['opposite infinities', -Infinity, Infinity, false],
    ['infinity against a number', Infinity, 1e308, false],
    ['a number against infinity', 1e308, Infinity, false],
  ])('%s', (_name, got, expected, pass) => {
    expect(withinTolerance(got, expected, { rel: 0.5 }).pass).toBe(pass);
  });
});

describe('vectors and matrices', () => {
  const tol = { abs: 0.01 };
  test.each<[string, NumericValue, NumericValue, boolean]>([
    ['equal vectors', [1, 2, 3], [1.005, 2, 2.995], true],
    ['one element off', [1, 2, 3], [1, 2.02, 3], false],
    ['column vector equals a vector', [1, 2, 3], [[1], [2], [3]], true],
    ['row matrix equals a vector', [1, 2, 3], [[1, 2, 3]], true],
    ['vector equals a column vector', [[1], [2], [3]], [1, 2, 3], true],
    ['1×1 matrix equals a number', 5, [[5]], true],
    ['equal matrices', [[1, 2], [3, 4]], [[1, 2], [3, 4.001]], true],
    ['matrix element off', [[1, 2], [3, 4]], [[1, 2], [3.5, 4]], false],
  ])('%s', (_name, expected, got, pass) => {
    expect(withinTolerance(got, expected, tol).pass).toBe(pass);
  });

  test.each<[NumericValue, NumericValue, string]>([
    [[1, 2, 3], 1, 'expected a 3-vector, found a number'],
    [1, [1, 2, 3], 'expected a number, found a 3-vector'],
    [[1, 2, 3], [1, 2], 'expected a 3-vector, found a 2-vector'],
    [[[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]], 'expected a 2×2 matrix, found a 2×3 matrix'],
    [[[1, 2], [3, 4]], [[1, 2], [3]], 'found a ragged array'],
    [[[1, 2], [3, 4]], [[1, 2], [3, 4]].flat(), 'expected a 2×2 matrix, found a 4-vector'],
  ])('shape mismatch %j vs %j', (expected, got, reason) => {
    const result = withinTolerance(got, expected, tol);
    expect(result.pass).toBe(false);
    expect(result.reason).toBe(reason);
  });

  test('the reason names the first element outside and counts the others', () => {
    const result = withinTolerance([[1, 9], [9, 4]], [[1, 2], [3, 4]], tol);
    expect(result.reason).toBe('2 of 4 elements are off; element (1, 2) is 9, outside [1.99, 2.01]');
  });

  test('a scalar reason names the interval', () => {
    expect(withinTolerance(0.77, 0.8196721, { rel: 0.01 }).reason).toBe('0.77 is outside [0.8114754, 0.8278688]');
  });

  test('intervals are per element, shaped like the expected value', () => {
    expect(withinTolerance([[1], [2]], [1, 2], { abs: 0.5 }).interval).toEqual([
      [0.5, 1.5],
      [1.5, 2.5],
    ]);
    expect(withinTolerance(1, [[1]], { abs: 0.5 }).interval).toEqual([[[0.5, 1.5]]]);
  });
});

describe('describeTolerance', () => {
  test.each<[Tolerance, string]>([
    [{ rel: 0.01 }, '±1%'],
    [{ rel: 0.07 }, '±7%'],
    [{ abs: 0.005 }, '±0.005'],
    [{ rel: 0.01, abs: 0.005 }, '±1% or ±0.005'],
    [{ decimals: 2 }, '2 decimals'],
    [{ decimals: 1 }, '1 decimal'],
    [{ sigfigs: 3 }, '3 significant figures'],
    [{}, 'exact'],
  ])('%o', (tol, text) => {
    expect(describeTolerance(tol)).toBe(text);
  });
});

describe('percentReadings', () => {
  test.each<[string, NumericValue, boolean, 'percent' | 'fraction' | 'either' | undefined, NumericValue, Array<[NumericValue, string]>]>([
    ['71 % for a fraction', 0.71, true, undefined, 0.7, [[0.71, 'percent']]],
    ['71 % for a value above 1', 0.71, true, undefined, 70, [[0.71, 'percent'], [71, 'fraction']]],
    ['bare number by default', 83, false, undefined, 0.826, [[83, 'fraction']]],
    ['bare number with unit fraction', 83, false, 'fraction', 0.826, [[83, 'fraction']]],
    ['bare number with unit either', 83, false, 'either', 0.826, [[83, 'fraction'], [0.83, 'percent']]],
    ['bare number with unit percent', 83, false, 'percent', 0.826, [[0.83, 'percent']]],
    ['a vector of percentages', [0.5, 0.25], true, undefined, [50, 25], [[[0.5, 0.25], 'percent'], [[50, 25], 'fraction']]],
  ])('%s', (_name, value, percent, unit, expected, readings) => {
    const got = percentReadings(value, percent, unit, expected);
    expect(got.map((r) => r.reading)).toEqual(readings.map(([, reading]) => reading));
    got.forEach((r, i) => expect(withinTolerance(r.value, readings[i][0], {}).pass).toBe(true));
  });

  test('unit either accepts 83 for 0.826 within ±1%', () => {
    const accepted = percentReadings(83, false, 'either', 0.826).find((r) => withinTolerance(r.value, 0.826, { rel: 0.01 }).pass);
    expect(accepted?.reading).toBe('percent');
  });
});
