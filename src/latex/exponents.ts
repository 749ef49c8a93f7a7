// Exponents written in plain text: `10^(-3)`, `10^-3`, `10⁻³`. KaTeX takes one
// character after `^`, so `10^-3` would be 10 to the power "−"; here they become
// `10^{-3}` before KaTeX reads them.
import { refuse } from './refusal.js';

/**
 * Unicode super- and subscripts (KaTeX 0.19.1's table) and what they stand for. KaTeX
 * reads a run of them itself, but a run after a written script silently replaces it
 * (`x^{2}³` would be x³); written as `^{…}` and `_{…}`, that is KaTeX's "double superscript".
 */
export const SCRIPT_TABLE = [
  { mark: '^', from: '⁺⁻⁼⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹ᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵝᵞᵟᵠᵡᶿ', to: '+-=()0123456789ABDEGHIJKLMNOPRTUVWabcdefghijklmnoprstuvwxyzβγδϕχθ' },
  { mark: '_', from: '₊₋₌₍₎₀₁₂₃₄₅₆₇₈₉ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ', to: '+-=()0123456789aehijklmnoprstuvxβγρϕχ' },
];
const SCRIPTS = SCRIPT_TABLE.map(({ mark, from, to }) => ({ mark, run: new RegExp(`[${from}]+`, 'gu'), plain: new Map([...from].map((c, i) => [c, [...to][i]])) }));
const PARENTHESISED = /\^\s*\(/;
/** `2^10`, `e^0.5`: LaTeX takes one digit (2¹0), the student meant the whole number. */
const UNBRACED_NUMBER = /\^\s*\d[\d.]/;
/** `^-3`, `^+2.5`: a sign and a number after `^`, with what follows it. */
const SIGNED_NUMBER = /\^\s*([+\-−])\s*(\d+(?:\.\d+)?|\.\d+)(?=(\s*)(.?))/g;
/** `e^-0.5x`, `10^-3\sigma`: does `x` belong to the exponent? Not guessed. */
const CONTINUES_EXPONENT = /^[A-Za-z([{\\]$/;
/** Every Unicode super- and subscript character the converter reads. */
export const SCRIPT_CHARS = SCRIPT_TABLE.map(({ from }) => from).join('');

/** Commands that may follow an exponent: operators, spacing, `\right`. */
const COMMAND_AFTER_EXPONENT = /^\\(?:times|cdot|div|pm|mp|quad|qquad|right|[,;:!% ])(?![A-Za-z])/;

/**
 * Rewrites plain-text exponents into braced LaTeX ones.
 * Example: `plainExponents("1.5*10^(-3)")` -> `"1.5*10^{-3}"`; `"10⁻³"` -> `"10^{-3}"`.
 */
export function plainExponents(text: string): string {
  const written = SCRIPTS.reduce(
    (source, { mark, run, plain }) => source.replace(run, (chars) => `${mark}{${[...chars].map((c) => plain.get(c)).join('')}}`),
    text,
  );
  const unbraced = UNBRACED_NUMBER.exec(written);
  if (unbraced !== null) refuse('unreadable', `"${unbraced[0]}…": an exponent of several digits needs braces`);
  return signedExponents(parenthesisedExponents(written));
}

/**
 * `10^(-3)`, `2^(x+1)`: the parenthesised group after `^` is the exponent. After a
 * name, `a^(2)` could be a power or the layer index `a^{(2)}`, and is refused.
 */
function parenthesisedExponents(text: string): string {
  let done = '';
  let rest = text;
  for (let start = rest.search(PARENTHESISED); start >= 0; start = rest.search(PARENTHESISED)) {
    const open = rest.indexOf('(', start);
    const close = matchingParenthesis(rest, open);
    if (close < 0) break;
    const before = done + rest.slice(0, start);
    const inner = rest.slice(open + 1, close);
    if (/[A-Za-z}]\s*$/.test(before) && /^\s*(?:\d+|[A-Za-z])\s*$/.test(inner)) {
      refuse('unreadable', `"^(${inner.trim()})" after a name: a power or a layer index?`);
    }
    // Nesting is bounded by the source's bracket depth, checked before.
    done = `${before}^{${parenthesisedExponents(inner)}}`;
    rest = rest.slice(close + 1);
  }
  return done + rest;
}

/** The index of the `)` closing the `(` at `open`, or -1. */
function matchingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') depth -= 1;
    if (depth === 0) return i;
  }
  return -1;
}

/** `10^-3` takes the signed number; `e^-0.5x` (a letter right after it) is refused. */
function signedExponents(text: string): string {
  return text.replace(SIGNED_NUMBER, (written, sign: string, digits: string, _space: string, next: string, at: number) => {
    const after = text.slice(at + written.length).trimStart();
    if (CONTINUES_EXPONENT.test(next) && !COMMAND_AFTER_EXPONENT.test(after)) {
      refuse('unreadable', `where the exponent "^${sign}${digits}…" ends is not written`);
    }
    return `^{${sign.replace('−', '-')}${digits}}`;
  });
}
