// The answer kinds, by the rubric's `kind:` name. Adding a kind: one module, one line here.
import { expressionKind } from './expression.js';
import { numberKind } from './number.js';
import type { AnswerKind } from './types.js';

export type { AnswerKind, KindContext, FoundFields } from './types.js';

const KINDS = new Map<string, AnswerKind>([
  [numberKind.name, numberKind],
  [expressionKind.name, expressionKind],
]);

/** The kinds markgrade ships with (the rubric JSON Schema lists these). */
export const BUILT_IN_KINDS: readonly string[] = [...KINDS.keys()];

/**
 * Adds a kind (a plugin's, or a test's); a name already taken is an error.
 * @example registerAnswerKind({ name: 'parity', keys: [], expected: 'value', wants: 'number', grade: … })
 */
export function registerAnswerKind(kind: AnswerKind): void {
  if (KINDS.has(kind.name)) throw new Error(`answer kind "${kind.name}" is already registered`);
  KINDS.set(kind.name, kind);
}

export function isAnswerKind(name: string): boolean {
  return KINDS.has(name);
}

/** The kind of this name; the rubric schema has already refused unknown names. */
export function answerKind(name: string): AnswerKind {
  const kind = KINDS.get(name);
  if (kind === undefined) throw new Error(`unknown answer kind "${name}"`);
  return kind;
}

export function answerKinds(): AnswerKind[] {
  return [...KINDS.values()];
}
