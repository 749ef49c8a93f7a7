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
 * Units as typeset after a number: upright (`\mathrm{s}`, `\text{ kg}`, `\textrm{days}`),
 * alone or as a ratio or product (`\mathrm{m/s}`, `\mathrm{km \cdot h}`). Single letters
 * that name things in this homework as often as units (`A`, `B` classes, `L` loss, `d` a
 * differential) are left out.
 */
const UNIT = String.raw`(?:s|ms|[µμu]s|ns|sec|secs|seconds?|min|mins|minutes?|h|hr|hrs|hours?|days?|weeks?|yrs?|years?|kg|g|mg|m|cm|mm|km|nm|[µμ]m|mL|ml|N|kN|J|kJ|W|kW|MW|V|mV|mA|Hz|kHz|MHz|GHz|K|°C|℃|Pa|kPa|bar|kB|KB|MB|GB|TB|bits?|nats?|px|dB|rad|deg|epochs?|iterations?|steps?|samples?|tokens?)`;
const UNIT_TEXT = new RegExp(String.raw`^${UNIT}(?:\s*[/·⋅*]\s*${UNIT})*$`);
const UPRIGHT_FONTS = new Set(['mathrm', 'textrm', 'text', 'mathsf', 'textsf', 'textup', 'mathup']);

/**
 * The atoms without a final unit after a number (`0.25\,\mathrm{s}`, `3 \text{ days}`,
 * `2.5\,\mathrm{m/s}`, `0.25\,\text{s}^{-1}`): the unit names what the number measures
 * and is no factor of it. Only upright text right after a value (a digit, a fraction, a root,
 * a closed bracket) counts, so `0.5 s` in math (italic `s`, a variable) stays a product.
 * Example: `0.25\,\mathrm{s}` -> the atoms of `0.25`.
 */
export function withoutTrailingUnit(atoms: KNode[]): KNode[] {
  let end = atoms.length;
  let units = 0;
  for (;;) {
    while (end > 0 && isSpacing(atoms[end - 1])) end -= 1;
    if (end === 0 || !isUnit(atoms[end - 1])) break;
    end -= 1;
    units += 1;
  }
  while (end > 0 && isSpacing(atoms[end - 1])) end -= 1;
  const before = atoms[end - 1];
  return units > 0 && before !== undefined && endsValue(before) ? atoms.slice(0, end) : atoms;
}

/** A digit, a fraction, a root, a closed bracket or a power of a number: what a unit may follow. */
function endsValue(atom: KNode): boolean {
  if (atom.type === 'textord' || atom.type === 'close') return /^[\d)\]]$/.test(atom.text ?? '');
  if (atom.type === 'supsub') return !atom.sub && /^[-−]?\d+$/.test(flatText(atom.sup ?? undefined));
  return atom.type === 'genfrac' || atom.type === 'sqrt' || atom.type === 'leftright';
}

function isUnit(atom: KNode): boolean {
  if (atom.type === 'supsub') {
    const { base, sup, sub } = atom;
    return !!base && !sub && !!sup && /^[-−]?\d$/.test(flatText(sup)) && isUnit(base);
  }
  if (atom.type === 'text' || (atom.type === 'font' && UPRIGHT_FONTS.has(String(atom.font)))) return UNIT_TEXT.test(flatText(atom).trim());
  return false;
}

/** The characters of an atom's leaves (`\mathrm{m/s}` -> `m/s`); spacing is a space. */
function flatText(node: KNode | undefined): string {
  if (!node) return '';
  if (node.type === 'spacing') return ' ';
  if (typeof node.text === 'string' && !node.body) return node.text;
  return list(node.body as KNode | KNode[] | undefined).map(flatText).join('');
}

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
