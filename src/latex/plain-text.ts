// Plain-text (Unicode) math in running text: `δ2·hᵀ`, `1.9²`, `η·dW2`, `ŷ = σ(z)`,
// `2 × 10⁻³`, `a ⊙ b`, `0,82`. The claim reader asks here where math in a line of text
// goes on (`plainTokenLength`), and hands the step to the same converter as LaTeX
// after `textAsLatex`. One place for what plain-text math means.
import { SCRIPT_CHARS } from './exponents.js';
import { numberRuns, type NumberConvention } from './numbers.js';
import { GREEK } from './policy.js';
import { RefusalError } from './refusal.js';

/** Function names written in running text (`log 0.1`, `sigmoid(0.5)`, `ReLU'(z1)`), compared in lower case. */
export const FUNCTION_WORDS = new Set([
  'log', 'ln', 'exp', 'sqrt', 'sin', 'cos', 'tan', 'tanh', 'sigma', 'sigmoid', 'softmax', 'relu',
  'max', 'min', 'sum', 'mean', 'abs', 'logistic', 'dot', 'det', 'diag', 'norm', 'σ',
  // numpy's `array([0.2, 0.3])` (printed-arrays.ts takes the wrapper off).
  'array',
]);

/** Greek letters spelled out (`lambda*w`, `eta`, `theta1`), as LaTeX names them: one variable each. */
const SPELLED_GREEK = new Set(Object.keys(GREEK).filter((name) => /^\\[A-Za-z]+$/.test(name)).map((name) => name.slice(1)));
const SPELLED_GREEK_NAME = new RegExp(String.raw`(?<![\\\p{L}])(${[...SPELLED_GREEK].sort((a, b) => b.length - a.length).join('|')})(\d*)(?![\p{L}\p{N}])`, 'gu');
/** What may stand next to a run of two letters that is a product of names (`(wx+b)`, `(1 - ys)`): an operator or a bracket. */
const OPERATOR_BEFORE = /[([{+\-−*/·⋅×÷^=,]/;
const OPERATOR_AFTER = /[)\]}+\-−*/·⋅×÷^=,]/;

const SCRIPT = `[${SCRIPT_CHARS}]`;
/**
 * One token of plain-text math: spaces; a number (`0.82`, `0,82`, `1.000,5`, `1'000`,
 * `1.5e-3`); a LaTeX command; a subscript; a run of Unicode scripts; an operator
 * (`·`, `×`, `÷`, `−`, `⊙`, `√`, `'` a prime); or a word (letters with their combining
 * accents, `x̄`). Whether a word belongs to the math is `isMathWord`'s question.
 */
const TOKEN = new RegExp(
  String.raw`\s+|(?:\d{1,3}(?:['\u00A0\u202F\u2009]\d{3})+(?!\d)|\d+(?:[.,]\d+)*\.?|\.\d+)(?:[eE][+-]?\d+)?|\\[A-Za-z]+|_\{[^{}\n]*\}|_[\p{L}\p{N}]+|${SCRIPT}+|[+\-−*/^×·⋅÷%!{}|'⊙√@]|(?:np|numpy)\.(?=array\()|(?:(?!${SCRIPT})[\p{L}\p{M}])+`,
  'uy',
);
const MARKS = /\p{M}/gu;
const GREEK_LETTERS = /^[\u0370-\u03FF]+$/u;
/** What makes a word a name in math: digits, scripts, a subscript or a prime right after it (`dW2`, `hᵀ`, `x_1`, `a'`). */
const ATTACHED = new RegExp(`^(?:\\d|${SCRIPT}|_|')`, 'u');
/** A function word applied: primes, a base or power (`log₁₀`, `log_2`, `tanh²`), then its argument. */
const APPLIED = new RegExp(`^(?:'|${SCRIPT}|_\\{[^{}]*\\}|_\\w+)*\\s*[(\\[\\d.\\\\]`, 'u');

/**
 * The length of the plain-text math token at `at` (0 when there is none: punctuation,
 * or a word of prose). `text` is the whole running text, for what follows a word.
 * Example: `plainTokenLength("dW2 = 0.5", 0)` -> 2 (`dW`, a name: digits follow it);
 * `plainTokenLength("a good result", 0)` -> 0.
 */
export function plainTokenLength(text: string, at: number): number {
  TOKEN.lastIndex = at;
  const match = TOKEN.exec(text);
  if (!match) return 0;
  return isMathWord(match[0], text, at, at + match[0].length) ? match[0].length : 0;
}

/**
 * A word in an expression: a function name applied to something (`log 0.1`, `exp(2)`,
 * `ReLU'(z)`), a short name in capitals (`TP`, `FP`), a name with digits, scripts, a
 * subscript or a prime attached (`dW2`, `hᵀ`, `β²`, `a'`), a short mixed-case name
 * (`dW`, `dZ`), one letter, also Greek, spelled Greek (`lambda`) or accented (`η`, `ŷ`,
 * `x̄`), not followed by another word (`x_i (…)`, not `a good result`), or two lower-case
 * letters between operators or brackets (`wx` in `(wx+b)`, `ys` in `(1 - ys)`): names
 * side by side, a product as in LaTeX. Two letters with a word or a number beside them
 * (`(in bits)`, `0.5 or 0.6`) stay prose.
 */
function isMathWord(token: string, text: string, start: number, end: number): boolean {
  if (!/^\p{L}/u.test(token) || token.endsWith('.')) return true;
  const bare = token.replace(MARKS, '');
  const after = text.slice(end, end + 12);
  if (FUNCTION_WORDS.has(bare.toLowerCase()) && (APPLIED.test(after) || (bare === 'σ' && ATTACHED.test(after)))) return true;
  if (SPELLED_GREEK.has(bare)) return ATTACHED.test(after) || !/^\s+\p{L}{2}/u.test(after);
  if (FUNCTION_WORDS.has(bare.toLowerCase())) return false;
  if (/^[A-Z]{2,3}$/.test(bare)) return true;
  if (ATTACHED.test(after)) return bare.length <= 4 || GREEK_LETTERS.test(bare);
  if (/^\p{Ll}\p{Lu}\p{L}?$/u.test(bare)) return true;
  if (/^\p{Ll}{2}$/u.test(bare) && betweenOperators(text, start, end)) return true;
  return (bare.length === 1 || (GREEK_LETTERS.test(bare) && bare.length <= 2)) && !/^\s+\p{L}{2}/u.test(after);
}

/** Whether the nearest characters before and after a word (past spaces) are operators or brackets; the text's start counts. */
function betweenOperators(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && before > start - 20 && /\s/.test(text[before])) before -= 1;
  let after = end;
  while (after < text.length && after < end + 20 && /\s/.test(text[after])) after += 1;
  return (before < 0 || OPERATOR_BEFORE.test(text[before])) && after < text.length && OPERATOR_AFTER.test(text[after]);
}

/** `dW2`, `z1`, `δ2`: letters then digits, one name (not d·W·2); not beside a `/` (`dL/dW2` stays a derivative). */
const DIGIT_NAME = /(?<![\\\p{L}\p{N}_])(?<!\/\s*)(\p{L}{1,4})(\d+)(?![\p{L}\p{N}]|\s*\/)/gu;

/**
 * Running text as LaTeX: Unicode operators, names with digits (`dW2` -> `{dW}_{2}`),
 * and function names KaTeX would read as letters (`sigma(z)`). Numbers stay as written:
 * the converter reads them under the document's convention.
 * Example: `textAsLatex("η·dW2")` -> `"η\\cdot {dW}_{2}"`.
 */
export function textAsLatex(text: string): string {
  return text
    .replace(/×/g, '\\times ')
    .replace(/[·⋅]/g, '\\cdot ')
    .replace(/÷/g, '\\div ')
    .replace(/⊙/g, '\\odot ')
    // numpy's matrix product `W2 @ dz2`.
    .replace(/@/g, '\\cdot ')
    .replace(/−/g, '-')
    // `lambda*w`, `theta1`: LaTeX would read the letters l·a·m·b·d·a.
    .replace(SPELLED_GREEK_NAME, (_, name: string, digits: string) => (digits === '' ? `\\${name}` : `\\${name}_{${digits}}`))
    .replace(DIGIT_NAME, (_, letters: string, digits: string) => `{${letters}}_{${digits}}`)
    .replace(/(?<![\\\p{L}])(sigma|log|ln|exp|tanh|sin|cos|tan|max|min)(?=\s*\(|\s+\d)/gu, '\\$1');
}

const PLAIN_NUMBER = /^[+\-−]?(\d*)(?:\.(\d+))?\s*(?:[eE]([+-]?\d+)|\\times\s*10\s*\^\s*\{?\s*([+\-−]?\d+)\s*\}?)?\s*(?:\\?%)?$/;

/**
 * Digits written after the decimal mark when the step is a plain number, under the
 * document's convention: `0.82` -> 2, `0,82` -> 2 with decimal commas, `.69` -> 2,
 * `58%` -> 0, `1,000` -> 0 with decimal points, `1.5e-3` -> 4 (the last written digit is
 * in the 10^-4 place).
 */
export function decimalsOf(source: string, numbers: NumberConvention | 'unsettled' = 'decimal-point'): number | null {
  const text = source.replace(/^\$+|\$+$/g, '').trim();
  const comma = numbers === 'decimal-comma' || (numbers === 'unsettled' && /\d,\d/.test(text) && !/\d\.\d/.test(text));
  let plain: string;
  try {
    plain = numberRuns(text, { convention: comma ? 'decimal-comma' : 'decimal-point', dots: 'thousands' });
  } catch (error) {
    if (error instanceof RefusalError) return null;
    throw error;
  }
  const match = PLAIN_NUMBER.exec(plain);
  if (!match || (match[1] === '' && match[2] === undefined)) return null;
  const written = match[2]?.length ?? 0;
  const exponent = Number((match[3] ?? match[4] ?? '0').replace('−', '-'));
  return Math.max(0, written - exponent);
}
