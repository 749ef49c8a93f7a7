// Class arguments: a number is a 1-based index, a string is a name from the rubric's
// `classes` (SPEC §4: every entry of `classes` is a name, even "0").
import { describe, fail } from './inputs.js';

/** A class as rubrics write it: 1-based index or name. */
export type ClassRef = number | string;

/**
 * The 0-based index of class `k` among `n` classes.
 * @example classIndex('f1', 'k', 'B', 3, ['A', 'B', 'C']) // 1
 */
export function classIndex(fn: string, arg: string, k: unknown, n: number, classes: readonly string[]): number {
  if (typeof k === 'number') {
    if (Number.isInteger(k) && k >= 1 && k <= n) return k - 1;
    return fail(fn, `${arg} must be a class index from 1 to ${n} or a class name, got ${k}`);
  }
  if (typeof k === 'string') return namedIndex(fn, arg, k, n, classes);
  return fail(fn, `${arg} must be a class index from 1 to ${n} or a class name, got ${describe(k)}`);
}

function namedIndex(fn: string, arg: string, name: string, n: number, classes: readonly string[]): number {
  const index = classes.indexOf(name);
  if (index < 0) {
    const known = classes.length > 0 ? `one of ${classes.join(', ')}` : 'a class index (the rubric names no classes)';
    return fail(fn, `${arg} "${name}" is not a class name; expected ${known}`);
  }
  if (index >= n) return fail(fn, `${arg} "${name}" is class ${index + 1}, but there are only ${n} classes`);
  return index;
}
