// Refusals travel as exceptions inside the converter (they can arise deep in a
// recursion) and leave it as plain data.
import { LIMIT_TABLE, type LimitName } from '../limits.js';
import type { Refusal, RefusalCode } from '../types.js';

export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

/** The code of a refusal of this kind when no more specific one is given. */
const DEFAULT_CODES: Record<Refusal['kind'], RefusalCode> = {
  calculus: 'calculus',
  ellipsis: 'ellipsis',
  unreadable: 'unreadable-value',
  limit: 'limit',
};

/**
 * Stops the conversion with a refusal of this kind; `code` is the stable id reports carry.
 * @example refuse('unreadable', '"1{,}234": a thousands separator or a decimal comma?', 'ambiguous-number')
 */
export function refuse(kind: Refusal['kind'], reason: string, code: RefusalCode = DEFAULT_CODES[kind]): never {
  throw new RefusalError(refusal(kind, reason, code));
}

/** A refusal as plain data, for stages that do not throw. */
export function refusal(kind: Refusal['kind'], reason: string, code: RefusalCode = DEFAULT_CODES[kind]): Refusal {
  return { kind, code, reason };
}

/**
 * Stops the conversion at one of the limits of src/limits.ts: the refusal names that
 * limit's code, which the answer it is for carries as `limit`.
 * @example refuseAt('factorial', 'factorial of 1000000') // refusal { code: 'limit', limit: 'factorial' }
 */
export function refuseAt(name: LimitName, reason: string): never {
  throw new RefusalError({ ...refusal('limit', reason), limit: LIMIT_TABLE[name].code });
}
