// An answer kind (SPEC §4 `kind`): how the rubric's `expected` is read, which claims
// answer, and how a found final step is graded. A new kind is one module and one line
// in ./registry.ts (or `registerAnswerKind` from outside).
import type { LoadedAnswer, LoadedRubric } from '../rubric/load.js';
import type { AnswerResult, NumericValue, Step } from '../types.js';

/** Everything an answer's result carries before its verdict: id, points, place, label, what was written. */
export type FoundFields = Omit<AnswerResult, 'status' | 'reasonCode' | 'points' | 'got' | 'reason'>;

export interface KindContext {
  rubric: LoadedRubric;
  answer: LoadedAnswer;
  /** The final step of the claim that answers (it has what `wants` asked for). */
  final: Step;
  found: FoundFields;
  /** The student's own values of the answers graded so far, by id (follow-through). */
  studentValues: ReadonlyMap<string, NumericValue>;
}

export interface AnswerKind {
  /** The rubric's `kind:` value. */
  name: string;
  /** Answer keys only this kind uses (schema fragment): on an answer of another kind they are an error. */
  keys: readonly string[];
  /** How `expected` and `mistakes[].expected` load: a value over the context, or an expression with free variables. */
  expected: 'value' | 'expression';
  /** Which final steps answer: one with a value (no free names), or any expression. */
  wants: 'number' | 'expression';
  /** The verdict for a found, readable final step. */
  grade(context: KindContext): AnswerResult;
}
