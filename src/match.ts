// Choosing the claim that answers (SPEC §4): labels match exactly after normalisation;
// among matching claims the last one with a final value answers; an unreadable final
// step is still a candidate (never a silent fall-back to an earlier claim); claims of
// the expected shape are preferred.
import type { Claim, NumericValue, ReasonCode, Step } from './types.js';

export type Shape = 'number' | 'vector' | 'matrix';

export type Choice =
  | { kind: 'chosen'; claim: Claim; final: Step }
  | { kind: 'unreadable'; claim: Claim; final: Step; code: ReasonCode; reason: string }
  | { kind: 'none'; matched: number }
  /** Nothing in what the rubric reads, but an answer in code or its output (reasonCode `in-code`). */
  | { kind: 'unread'; claim: Claim; final: Step; from: 'code' | 'output' };

type Found = Exclude<Choice, { kind: 'unread' }>;

/** What a rubric lets answer (`read:`): the written text unless it says otherwise. */
export type ReadPart = 'text' | 'output' | 'code';

export interface Wanted {
  labels: string[];
  /** Which claims may answer (default: only the written text, not code or its output). */
  read?: readonly ReadPart[];
  /** 'number' answers need a value without free variables; 'expression' answers an expression. */
  kind: 'number' | 'expression';
  shape: Shape | null;
}

/**
 * Picks the claim that answers, from the claims of a question's region in document order.
 * Only the parts the rubric reads take part; when they hold no answer but code or its
 * output does, the choice says so (`unread`), so a TA sees why the answer is missing.
 */
export function chooseClaim(claims: Claim[], wanted: Wanted): Choice {
  const read = wanted.read ?? ['text'];
  const choice = chooseAmong(claims.filter((c) => read.includes(c.from ?? 'text')), wanted);
  if (choice.kind !== 'none') return choice;
  const elsewhere = chooseAmong(claims.filter((c) => !read.includes(c.from ?? 'text')), wanted);
  if (elsewhere.kind === 'none' || elsewhere.claim.from === undefined) return choice;
  return { kind: 'unread', claim: elsewhere.claim, final: elsewhere.final, from: elsewhere.claim.from };
}

function chooseAmong(claims: Claim[], wanted: Wanted): Found {
  const labelled = wanted.labels.length === 0 ? claims : claims.filter((c) => wanted.labels.includes(c.label));
  const candidates = labelled.filter((c) => c.steps.length > 0 && !isPassedOver(finalOf(c), wanted.kind));
  if (candidates.length === 0) {
    // SPEC §4: claims matched (for an answer without a label, every claim of its section
    // does) but none has a final value: unreadable at the last, not missing.
    if (labelled.length > 0) return noFinalValue(labelled[labelled.length - 1]);
    return { kind: 'none', matched: labelled.length };
  }
  const last = candidates[candidates.length - 1];
  const lastFinal = finalOf(last);
  if (!hasValue(lastFinal, wanted.kind)) {
    return unreadable(last, lastFinal.refusal?.code ?? 'unreadable-value', lastFinal.refusal?.reason ?? 'the final step could not be read');
  }
  if (wanted.shape === null || shapeOf(lastFinal) === wanted.shape) return chosen(last);
  const ofShape = candidates.filter((c) => hasValue(finalOf(c), wanted.kind) && shapeOf(finalOf(c)) === wanted.shape);
  return chosen(ofShape.length > 0 ? ofShape[ofShape.length - 1] : last);
}

export function shapeOfValue(value: NumericValue): Shape {
  if (!Array.isArray(value)) return 'number';
  if (value.length > 0 && Array.isArray(value[0])) {
    const rows = value as number[][];
    // A column or row of a matrix is a vector for comparison purposes.
    return rows.length === 1 || rows.every((r) => r.length === 1) ? 'vector' : 'matrix';
  }
  return 'vector';
}

function finalOf(claim: Claim): Step {
  return claim.steps[claim.steps.length - 1];
}

/** Calculus notation has no final value; for numbers, neither has a symbolic expression. */
function isPassedOver(step: Step, kind: Wanted['kind']): boolean {
  const refusal = step.refusal?.kind;
  if (refusal === 'calculus' || refusal === 'ellipsis') return true;
  return kind === 'number' && step.expr !== null && step.symbols.length > 0;
}

function hasValue(step: Step, kind: Wanted['kind']): boolean {
  return kind === 'number' ? step.value !== null : step.expr !== null;
}

function shapeOf(step: Step): Shape | null {
  return step.value === null ? null : shapeOfValue(step.value);
}

function chosen(claim: Claim): Found {
  return { kind: 'chosen', claim, final: finalOf(claim) };
}

/** Why the last matching claim has no final value: calculus or elided steps, or free variables. */
function noFinalValue(claim: Claim): Found {
  const final = finalOf(claim);
  const name = claim.labelText === '' ? 'a claim' : `"${claim.labelText}"`;
  const why = final.refusal === null && final.symbols.length > 0 ? `its final step has free variables (${final.symbols.slice(0, 5).join(', ')})` : 'only derivation steps';
  return unreadable(claim, 'no-final-value', `found ${name} but no final value (${why})`);
}

function unreadable(claim: Claim, code: ReasonCode, reason: string): Found {
  return { kind: 'unreadable', claim, final: finalOf(claim), code, reason };
}
