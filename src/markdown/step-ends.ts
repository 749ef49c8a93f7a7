// Where a step in running text ends before the text would say so itself: a bracketed
// note after a complete value (`0.763 (45/59)`, `$…$ (3)`), a name that labels the next
// claim (`0.9 R_cat = …`), and a second value offered with `or` (`0.763 or 0.9`).
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

/**
 * The other value when content after a step offers one with `or` (`or 0.9, not sure`,
 * `or $0.9$`), else null.
 * Example: frags of ` or 0.9, not sure` -> `"0.9"`.
 */
export function alternativeValue(rest: Frag[]): string | null {
  const [first, second] = rest;
  if (first?.kind !== 'text') return null;
  // `0.763 or 0.9`, and a range `0.26–0.27` (an en or em dash: a hyphen is a minus).
  const inText = /^\s*(?:or\s+|[–—]\s*)([+\-−]?\s*(?:\d+(?:[.,]\d+)*|\.\d+)\s*%?)/i.exec(first.text);
  if (inText) return inText[1].trim();
  // A bracketed value offered after `or`: `[0.901, 0] or [0.901, −0.081]`.
  const bracketed = /^\s*or\s+([(\[][^()\[\]\n]{1,200}[)\]])/i.exec(first.text);
  if (bracketed && /\d/.test(bracketed[1])) return bracketed[1];
  if (/^\s*or\s*$/i.test(first.text) && second?.kind === 'math' && second.text.trim() !== '') return `$${second.text.trim()}$`;
  return null;
}
