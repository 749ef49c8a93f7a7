// Plain-text forms students type outside math mode, rewritten into LaTeX that KaTeX
// reads the way the student meant. This runs before KaTeX because KaTeX would read
// `71 %` as a comment, `1.5e-3` as 1.5·e − 3 and `0.01 0.02` as 0.010.02.
import { plainExponents } from './exponents.js';
import { LIMITS } from './limits.js';
import { POINT_READING, writtenNumbers, type NumberReading } from './numbers.js';
import { printedArrays } from './printed-arrays.js';
import { refuse, refuseAt } from './refusal.js';

/** Commands that only label or number a formula. */
const LABELS = /\\(?:tag\*?|label)\s*\{[^{}]*\}|\\(?:nonumber|notag)\b/g;
const ELLIPSIS = /\.\s*\.\s*\.|…|⋯/;
/** A `%` after a number (or a closing bracket); a LaTeX comment sign everywhere else. */
const PERCENT_AFTER_VALUE = /([\d.)\]}])\s*(?<!\\)%/g;
/**
 * A full stop, comma or semicolon that ends the student's sentence, after a value and
 * perhaps some spacing (`x\;.`); not the `.` of a null delimiter (`\right.`).
 */
const CLOSING_PUNCTUATION =
  /(?<=[\w})\]%|!])(?<!\\(?:right|[bB]igg?r?|middle))(?:\s|~|\\[,;:! ]|\\q?quad(?![A-Za-z]))*[.,;:]$/;

/**
 * Normalises one piece of student math for KaTeX, or refuses it.
 * Example: `prepare("71 %")` -> `"71\\%"`; `prepare("1.5e-3")` -> `"{1.5\\times 10^{-3}}"`.
 */
export function prepare(source: string, reading: NumberReading = POINT_READING): string {
  if (source.length > LIMITS.latexLength) {
    refuseAt('latexLength', `math longer than ${LIMITS.latexLength} characters`);
  }
  let text = source.normalize('NFC').replace(LABELS, '').replace(/(?<!\\)\$/g, '').trim();
  if (ELLIPSIS.test(text)) refuse('ellipsis', 'ellipsis "..."');
  checkNesting(text);
  text = plainExponents(writtenNumbers(printedArrays(text.replace(CLOSING_PUNCTUATION, '').trim()), reading))
    .replace(PERCENT_AFTER_VALUE, '$1\\%')
    // Two numbers separated only by spaces are two values, not 12 (KaTeX drops spaces).
    .replace(/(\d)\s+(?=\.?\d)/g, '$1\\,')
    .replace(/√\s*(\d+(?:\.\d+)?)/g, '\\sqrt{$1}')
    .replace(/√/g, '\\sqrt ');
  if (/(?<!\\)%/.test(text)) refuse('unreadable', 'a "%" that does not follow a number');
  return text;
}

/** Refuses sources nested deeper than the limit before KaTeX recurses into them. */
function checkNesting(text: string): void {
  let depth = 0;
  for (const char of text) {
    if (char === '{' || char === '(' || char === '[') depth += 1;
    else if (char === '}' || char === ')' || char === ']') depth -= 1;
    if (depth > LIMITS.nestingDepth) {
      refuseAt('nestingDepth', `brackets nested deeper than ${LIMITS.nestingDepth}`);
    }
  }
}
