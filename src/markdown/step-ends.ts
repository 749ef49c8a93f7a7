// Where a step in running text ends before the text would say so itself: a bracketed
// note after a complete value (`0.763 (45/59)`, `$…$ (3)`), a name that labels the next
// claim (`0.9 R_cat = …`), and a second value offered after it (`0.763 or 0.9`,
// `(or 15 if …)`, `, maybe 0.36`, `either 0.3 or 0.4`): the hedges of src/markdown/README.md.
import type { Frag } from './tokens.js';

/** How far a note's closing bracket may be from its opening one. */
const MAX_NOTE_CHARS = 200;
/** After a bracket group, what makes it a factor of the expression (`(0.3)^2`, `(3) * 2`). */
const CONTINUED = /^(?:\s*(?:[\^*/×·÷]|[+\-−]\s*(?:\d|\.\d|\(|\p{L}(?!\p{L})))|[(\p{L}\p{N}])/u;
const ENDS_WITH_OPERATOR = /(?:[+\-*/×·÷−=^]|\\cdot|\\times|\\div|\\pm)\s*$/;

/**
 * Whether the bracket at `open` starts a note rather than a factor: it closes within
 * MAX_NOTE_CHARS, holds numbers only (`(45/59)`, `(71%)`, `(3)`) or words only (`(i)`,
 * `(rounded)`), and nothing continues the expression after it (`(0.3)^2`).
 * Example: `isNote("0.763 (45/59)", 6)` -> true; `isNote("0.5 (y - x)", 4)` -> false.
 */
export function isNote(text: string, open: number): boolean {
  let depth = 0;
  const limit = Math.min(text.length, open + MAX_NOTE_CHARS);
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth += 1;
    else if ((c === ')' || c === ']') && --depth === 0) {
      const inside = text.slice(open + 1, i);
      const numbersOnly = !/\p{L}/u.test(inside);
      const wordsOnly = !/[+\-−*/^=×·÷\\]/.test(inside);
      return (numbersOnly || wordsOnly) && !CONTINUED.test(text.slice(i + 1, i + 8));
    }
  }
  return false;
}

/**
 * Offset of a name closing a step just before a relation, after a number written apart
 * (`0.9 R_cat` in `P = 0.9 R_cat = 0.763`, `0.5 P(B)`), or -1. Function names (`0.5 log 2`,
 * `0.5 log(2)`) are not names.
 * Example: `nameAfterNumber(" 0.9 R_cat ")` -> 5.
 */
export function nameAfterNumber(text: string, functionWords: Set<string>): number {
  const from = Math.max(0, text.length - 100);
  const match = /\s(\p{L}[\p{L}\p{N}]*(?:_\{[^{}\n]*\}|_[\p{L}\p{N}]+)*'*(?:\([\p{L}\p{N}_, ]{1,20}\))?)\s*$/u.exec(text.slice(from));
  if (!match || functionWords.has(/^\p{L}+/u.exec(match[1])![0].toLowerCase())) return -1;
  return from + match.index + 1;
}

/** Whether frags end with a complete value: a number or `%` in text, math not ending with an operator. */
export function endsWithValue(frags: Frag[]): boolean {
  for (let k = frags.length - 1; k >= 0; k--) {
    const text = frags[k].text.trimEnd();
    if (text.trim() === '') continue;
    return frags[k].kind === 'math' ? !ENDS_WITH_OPERATOR.test(text) : /[\d%]$/.test(text);
  }
  return false;
}

/** Whether frags end with an operator (the expression goes on). */
export function endsWithOperator(frags: Frag[]): boolean {
  for (let k = frags.length - 1; k >= 0; k--) {
    if (frags[k].text.trim() !== '') return ENDS_WITH_OPERATOR.test(frags[k].text);
  }
  return false;
}

/** A number as a hedge may offer it: sign, digits, decimals, percent. */
const NUMBER = String.raw`[+\-−]?\s*(?:\d+(?:[.,]\d+)*|\.\d+)(?:\s*%)?`;
/**
 * `or` as the languages of decimal-comma writers say it (German, French/Portuguese,
 * Italian/Spanish, Dutch, Polish, Scandinavian, Czech/Slovak, Hungarian, Finnish,
 * Romanian, Croatian/Serbian, Russian): `0,5 lub 0,6` offers two values as `0.5 or 0.6` does.
 */
export const OR_WORDS = String.raw`or|oder|ou|o|ó|of|lub|albo|eller|nebo|alebo|vagy|tai|sau|ili|oppure|или`;
const MAYBE_WORDS = String.raw`maybe|perhaps|possibly|probably|vielleicht|misschien|wellicht|forse|magari|może|peut-être|quizás|quizá|talvez|kanske|måske`;
/** Words that offer another value (`or`, `maybe` …), with an approximation word after them. */
const OFFER = String.raw`(?:(?:${OR_WORDS})(?:\s+(?:maybe|perhaps|possibly|probably|else|rather|even))?|${MAYBE_WORDS})(?:\s+(?:about|approximately|approx\.?|roughly|around|~|≈))?`;
/**
 * How a second value is offered after the first: up to two words (a unit: `nats or 1.222
 * bits`), an opening bracket, comma or dash, then an offering word; or a range dash right
 * before the number (`0.26–0.27`; a hyphen is a minus).
 */
const OFFERED = new RegExp(String.raw`^\s*(?:(?:(?!out\s)\p{L}+\s+){0,2}[(\[]?\s*|[,;]\s*|[–—]\s*)?${OFFER}(?:\s+|$)|^\s*[–—]\s*(?=[+\-−]?\s*\.?\d)`, 'iu');
const OFFERED_NUMBER = new RegExp(String.raw`^(${NUMBER})(?![\p{L}\d])`, 'u');
/** A comma that offers a second value (`0.35, maybe 0.36`): no boundary (see tokens.ts). */
export const OFFER_AFTER_COMMA = new RegExp(String.raw`^,\s*${OFFER}\s+(?:${NUMBER}|[(\[]\s*[+\-−]?\.?\d|$)`, 'iu');
/** Words after a division of two numbers that make it a choice (`0.847 / 1.222 (depends on the base)`). */
const CHOICE_WORDS = /\b(?:depend(?:s|ing)?|whichever|not\s+sure|unsure)\b/i;

/**
 * The other value when content after a step offers one, else null: `or 0.9, not sure`,
 * `(or 15 if you don't take the root?)`, `, maybe 0.36`, `nats or 1.222 bits`, `or $0.9$`,
 * `or [0.901, −0.081]`, a range `–0.27`.
 * Example: frags of ` (or 15 if unsure)` -> `"15"`.
 */
export function alternativeValue(rest: Frag[]): string | null {
  const [first, second] = rest;
  if (first?.kind !== 'text') return null;
  const offered = OFFERED.exec(first.text);
  if (!offered) return null;
  const after = first.text.slice(offered[0].length);
  const number = OFFERED_NUMBER.exec(after.trimStart());
  if (number) return number[1].trim();
  // A bracketed value: `[0.901, 0] or [0.901, −0.081]`.
  const bracketed = /^\s*([([][^()[\]\n]{1,200}[)\]])/.exec(after);
  if (bracketed && /\d/.test(bracketed[1])) return bracketed[1];
  if (after.trim() === '' && second?.kind === 'math' && second.text.trim() !== '') return `$${second.text.trim()}$`;
  return null;
}

/** `0.3/0.4`: two numbers and a slash, nothing else (built once: it was built at every call). */
const SLASH_PAIR = new RegExp(String.raw`^\s*(${NUMBER})\s*/\s*(${NUMBER})\s*$`, 'u');

/**
 * Two numbers divided in running text that are a choice rather than a division: after
 * `either` (`either 0.3/0.4`), or with words of choice after them (`0.847 / 1.222
 * (depending on the base)`). Returns the two, or null; `5/6` and `tp/(tp+fp)` stay divisions.
 */
export function slashAlternative(step: Frag[], rest: Frag[], either: boolean): [string, string] | null {
  if (step.some((frag) => frag.kind !== 'text')) return null;
  const written = step.map((frag) => frag.text).join('');
  const pair = SLASH_PAIR.exec(written);
  if (!pair) return null;
  return either || CHOICE_WORDS.test(rest.map((frag) => frag.text).join('')) ? [pair[1].trim(), pair[2].trim()] : null;
}

/**
 * Content opening with `either` and a value (`either 0.3 or 0.4`): the content without the
 * word, so the first value is the step and the second is offered after it; else null.
 */
export function withoutEither(frags: Frag[]): Frag[] | null {
  const first = frags.findIndex((frag) => frag.text.trim() !== '');
  const frag = frags[first];
  if (frag?.kind !== 'text') return null;
  const either = /^\s*either\s+(?=[+\-−([]|\.?\d|$)/i.exec(frag.text);
  if (!either || (either[0].length === frag.text.length && frags[first + 1]?.kind !== 'math')) return null;
  const cutFrag = { ...frag, text: frag.text.slice(either[0].length), map: frag.map.slice(either[0].length) };
  return [...frags.slice(0, first), cutFrag, ...frags.slice(first + 1)];
}

/**
 * Whether a value and the one offered after it are the same number (`0.82 (or 82%)`,
 * a percent sign read as /100): one value written two ways, no hedge. `0.82 or 82` differ.
 */
export function sameNumber(written: string, other: string): boolean {
  const a = plainNumber(written);
  const b = plainNumber(other);
  return a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
}

function plainNumber(text: string): number | null {
  const match = /^\s*([+\-−]?)\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(text);
  if (!match) return null;
  const value = Number(match[2]) * (match[1] === '' || match[1] === '+' ? 1 : -1);
  return match[3] === '%' ? value / 100 : value;
}
