// A remark in words after the math — `(\hat y - y)x \text{ (one sample)}`,
// `w \text{ at convergence}` — is the student talking about the value, not part of it.
import { list, type KNode } from './katex.js';

/**
 * Words that could change the value if dropped (`2 \text{ to the power } 3`,
 * `5 \text{ per sample}`): a remark using one, or any digit, is kept and then refused.
 */
const VALUE_WORDS = new Set([
  'to', 'power', 'times', 'over', 'plus', 'minus', 'divided', 'multiplied', 'squared', 'cubed',
  'per', 'percent', 'hundred', 'thousand', 'million', 'billion', 'trillion', 'dozen', 'half',
  'third', 'quarter', 'of',
]);

/**
 * The atoms without a final top-level `\text{…}` of words (several words, or words with
 * punctuation); a single word may be a name (`\text{lr}`) and is kept.
 * Example: `x \text{ at convergence}` -> the atoms of `x`.
 */
export function withoutTrailingRemark(atoms: KNode[]): KNode[] {
  let end = atoms.length;
  while (end > 0 && isSpacing(atoms[end - 1])) end -= 1;
  const last = atoms[end - 1];
  const rest = atoms.slice(0, end - 1);
  if (last?.type !== 'text' || !rest.some((atom) => !isSpacing(atom))) return atoms;
  return isRemark(list(last.body)) ? rest : atoms;
}

function isSpacing(atom: KNode): boolean {
  return atom.type === 'spacing' || atom.type === 'kern';
}

function isRemark(body: KNode[]): boolean {
  if (!body.every((c) => c.type === 'textord' || c.type === 'spacing')) return false;
  const text = body.map((c) => (c.type === 'spacing' ? ' ' : c.text ?? '')).join('').trim();
  if (!/[A-Za-z]/.test(text) || /\d/.test(text) || !/[^A-Za-z]/.test(text)) return false;
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return !words.some((word) => VALUE_WORDS.has(word));
}
