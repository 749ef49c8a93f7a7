// Refusals travel as exceptions inside the converter (they can arise deep in a
// recursion) and leave it as plain data.
import type { Refusal } from '../types.js';

export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

/** Stops the conversion with a refusal of this kind. */
export function refuse(kind: Refusal['kind'], reason: string): never {
  throw new RefusalError({ kind, reason });
}
