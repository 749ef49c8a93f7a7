// Element-wise comparison of engine results with reference values, for the engine tests.

export interface Tolerance {
  rel: number;
  abs: number;
}

/** Places where `got` differs from `expected` beyond rel·|expected| + abs (empty: all close). */
export function mismatches(got: unknown, expected: unknown, tolerance: Tolerance, path = ''): string[] {
  if (typeof expected === 'number') {
    const ok = typeof got === 'number' && Math.abs(got - expected) <= tolerance.rel * Math.abs(expected) + tolerance.abs;
    return ok ? [] : [`${path || 'value'}: got ${String(got)}, expected ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(got) || got.length !== expected.length) {
      return [`${path || 'value'}: got ${JSON.stringify(got)}, expected ${expected.length} elements`];
    }
    return expected.flatMap((e, i) => mismatches(got[i], e, tolerance, `${path}[${i}]`));
  }
  return [`${path || 'value'}: unsupported expected value ${JSON.stringify(expected)}`];
}
