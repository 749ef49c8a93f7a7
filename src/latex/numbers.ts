// Numbers as students write them: decimal commas, thousands separators, scientific
// notation and percent words, rewritten into one form before KaTeX reads the piece.
// KaTeX would read `1.5\mathrm{e}{-3}` as 1.5·e·(−3) and `12{,}345.6` as 12.345.6, and
// `0,588` is three values to it. What a comma or a dot between digits means depends on
// the document's number convention (convention.ts decides it; the converter reads a
// piece under one convention, or under both when the document does not settle it).
// Where a form can mean two numbers under the convention in force, we refuse.
import { refuse } from './refusal.js';

import type { NumberConvention } from '../types.js';

export type { NumberConvention };

/** The convention a piece is read under. */
export interface NumberReading {
  convention: NumberConvention;
  /**
   * With decimal commas, what a dot before a group of three digits is (`1.500`):
   * `thousands` where the document writes dots as thousands separators (`1.000,5`),
   * `decimal` where it also writes decimal points (a mixed document, read both ways),
   * `ask` otherwise: refused, naming both readings.
   */
  dots: 'thousands' | 'decimal' | 'ask';
}

export const POINT_READING: NumberReading = { convention: 'decimal-point', dots: 'decimal' };

/** `1{.}5`: a braced decimal point. */
const BRACED_POINT = /(?<=\d)\{\.\}(?=\d)/g;
/** Digit groups joined by `{,}` (decimal or thousands comma) or `\,` (thin space). */
const GROUPED = /(?<![\d.,])(\d+)((?:\s*\{,\}\s*\d+|\\,\d+)+)([.,]\d+)?/g;
const THOUSANDS_HEAD = /^[1-9]\d{0,2}$/;
/** Digits with `.` or `,` between them and nothing else: `0,82`, `1.000,5`, `12,345.6`. */
const NUMBER_RUN = /(?<![\w.,\\]|[_^]\{)\d+(?:[.,]\d+)+(?!\d)/g;
/**
 * Thousands separators no decimal is ever written with: no-break spaces (U+00A0, U+202F),
 * the thin space U+2009 and the apostrophe (`1'000`), between groups of exactly three digits.
 */
const UNAMBIGUOUS_GROUPS = /(?<![\d.,'\u00A0\u202F\u2009])[1-9]\d{0,2}(?:['\u00A0\u202F\u2009]\d{3})+(?![\d'\u00A0\u202F\u2009])/g;
/**
 * `1 000`, `12 345 678`: plain spaces between groups of exactly three digits after a head
 * of one to three. A second value is never written `000`-style, so this is one number —
 * except inside brackets, where `[100 200]` is a row vector.
 */
const SPACED_GROUPS = /(?<![\d.,\\])[1-9]\d{0,2}(?: \d{3})+(?![\d]| \d)/g;
/** siunitx `\SI{0.25}{\second}`, `\qty{12}{kg}`: the quantity is its number (the second argument is a unit by definition). */
const SIUNITX_QUANTITY = /\\(?:SI|qty)\s*\{([^{}]*)\}\s*(?:\[[^\]{}]*\]\s*)?\{(?:[^{}]|\{[^{}]*\})*\}/g;
/** siunitx `0.25\,\si{s}`, `12~\unit{kg}` right after a number: a unit, no factor. */
const SIUNITX_UNIT = /(?<=[\d.%}])\s*(?:(?:\\[,;: !]|~)\s*)*\\(?:si|unit)\s*\{(?:[^{}]|\{[^{}]*\})*\}/g;
/** siunitx `\num{0,82}`: its input takes `.` and `,` alike as the decimal marker. */
const SIUNITX_NUM = /\\num\s*\{([^{}]*)\}/g;
/** `1.5e-3`, `2E5`. */
const SCIENTIFIC = /(?<![\w.\\])(\d+(?:\.\d*)?|\.\d+)[eE]([+-]?\d+)(?![\w.])/g;
/** `1.5\mathrm{e}{-3}`, `1.5\,\mathrm{e}{-3}`, `1.5\mathrm{e}-3`. */
const UPRIGHT_E_SCIENTIFIC =
  /(?<![\w.\\])(\d+(?:\.\d*)?|\.\d+)\s*(?:\\[,;:! ]\s*)*\\mathrm\s*\{\s*e\s*\}(?:\s*\{\s*([+\-−]?)\s*(\d+)\s*\}|([+\-−])(\d+)(?![\w.]))/g;
/** `1.5x10^-3`: a lowercase x between a number and `10^` is a times sign. */
const LETTER_X_TIMES = /(?<![\w.\\])(\d+(?:\.\d+)?|\.\d+)\s*x\s*(?=10\s*\^)/g;
const PERCENT_WORD = String.raw`(?:per\s*cent|pct)`;
/** `71 percent`, `71 per cent`, `71pct`, `71\text{ percent}` -> `71%`. */
const PERCENT_WORDS = new RegExp(
  String.raw`(?<=[\d.])\s*(?:\\[,;: ]\s*)*(?:\\text\s*\{\s*${PERCENT_WORD}\s*\}|${PERCENT_WORD}(?![A-Za-z]))`,
  'gi',
);

/**
 * Rewrites the written forms of numbers into plain decimals and `\times 10^{…}`, under
 * one number convention.
 * Example: `writtenNumbers("1.5\\mathrm{e}{-3}")` -> `"{1.5\\times 10^{-3}}"`;
 * `writtenNumbers("0,588", comma)` -> `"0.588"`; `writtenNumbers("71 pct")` -> `"71%"`;
 * `writtenNumbers("(0,9; 1,7)", comma)` -> `"(0.9, 1.7)"`.
 */
export function writtenNumbers(text: string, reading: NumberReading = POINT_READING): string {
  const plain = text
    .replace(SIUNITX_QUANTITY, (_, value: string) => `\\num{${value}}`)
    .replace(SIUNITX_UNIT, '')
    .replace(SIUNITX_NUM, (_, inner: string) => `{${inner.replace(/\s+/g, '').replace(/,/g, '.')}}`)
    .replace(UNAMBIGUOUS_GROUPS, (number) => number.replace(/['\u00A0\u202F\u2009]/g, ''))
    .replace(SPACED_GROUPS, (number: string, at: number, whole: string) => (insideBrackets(whole, at) ? number : number.replaceAll(' ', '')))
    .replace(/％/g, '%')
    .replace(PERCENT_WORDS, '%')
    .replace(BRACED_POINT, '.');
  const runs = plain.replace(NUMBER_RUN, (run: string, at: number) => numberRun(run, reading, insideBrackets(plain, at)));
  const separated = reading.convention === 'decimal-comma' ? runs.replace(/(?<!\\);/g, ',') : runs;
  return separated
    .replace(GROUPED, (written, head: string, groups: string, decimals: string | undefined) =>
      groupedNumber(written, head, groups, decimals ?? '', text.includes('['), reading),
    )
    .replace(UPRIGHT_E_SCIENTIFIC, (_, mantissa: string, sign: string | undefined, digits: string | undefined, bareSign: string, bareDigits: string) =>
      scientific(mantissa, sign ?? bareSign, digits ?? bareDigits),
    )
    .replace(SCIENTIFIC, (_, mantissa: string, exponent: string) => scientific(mantissa, '', exponent))
    .replace(LETTER_X_TIMES, '$1\\times ');
}

/**
 * Only the digit runs of a piece rewritten (`0,82` -> `0.82` with decimal commas,
 * `1,000` -> `1000` with decimal points): what `decimalsOf` counts on. Throws a
 * RefusalError where the run has no reading.
 */
export function numberRuns(text: string, reading: NumberReading): string {
  return text.replace(NUMBER_RUN, (run: string, at: number) => numberRun(run, reading, insideBrackets(text, at)));
}

function scientific(mantissa: string, sign: string, digits: string): string {
  return `{${mantissa}\\times 10^{${sign.replace('−', '-')}${digits}}}`;
}

/** Whether offset `at` is inside `(…)` or `[…]` (a list or a call, where commas separate). */
function insideBrackets(text: string, at: number): boolean {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth += 1;
    else if ((c === ')' || c === ']') && depth > 0) depth -= 1;
  }
  return depth > 0;
}

const POINT_THOUSANDS = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
const DOT_GROUPS = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const DOT_GROUPS_COMMA_DECIMAL = /^[1-9]\d{0,2}(?:\.\d{3})+,\d+$/;

/**
 * One run of digits with `.`/`,` between them, as the convention reads it. A run the
 * convention does not read as one number is left as written (its commas then separate
 * values, and the parser refuses what is not a list or a call).
 * Decimal point: `12,345.6` and `1,000` (outside brackets) have thousands commas; `0,5`
 * stays two values. Decimal comma: `0,82` → 0.82, `1.000,5` → 1000.5, `1.000.000`
 * → 1000000, `0.5` and `11.3` have a (stray) decimal point; `1.500` is as `reading.dots` says.
 */
function numberRun(run: string, reading: NumberReading, inBrackets: boolean): string {
  const commas = (run.match(/,/g) ?? []).length;
  const dots = (run.match(/\./g) ?? []).length;
  if (reading.convention === 'decimal-point') {
    if (commas > 0 && !inBrackets && POINT_THOUSANDS.test(run)) return run.replaceAll(',', '');
    return run;
  }
  if (commas === 0) {
    if (!DOT_GROUPS.test(run)) return run;
    if (dots > 1 || reading.dots === 'thousands') return run.replaceAll('.', '');
    if (reading.dots === 'decimal') return run;
    return refuse('unreadable', `"${run}": ${run.replaceAll('.', '')} with "." as a thousands separator, or ${run} with a decimal point?`, 'ambiguous-number');
  }
  if (dots === 0 && commas === 1) return run.replace(',', '.');
  if (DOT_GROUPS_COMMA_DECIMAL.test(run)) return run.replaceAll('.', '').replace(',', '.');
  return refuse('unreadable', `malformed number "${run}" (this document writes decimal commas)`);
}

/**
 * `12{,}345.6` and `12\,345.6` are thousands groups; `0{,}5` is a decimal comma;
 * `1{,}234` is a thousands group with a decimal point and a decimal comma with a decimal
 * comma (refused when the convention is unsettled: convert.ts reads both). Thin spaces
 * between numbers that are not groups of three stay spaces (two values), and so do all
 * inside square brackets, where `[100\,200]` is a row vector.
 */
function groupedNumber(written: string, head: string, groupText: string, decimals: string, inBrackets: boolean, reading: NumberReading): string {
  if (decimals.startsWith(',')) {
    // `12\,345,6`: a decimal comma after thin-space groups, in a decimal-comma document only.
    if (reading.convention === 'decimal-point') return written;
    decimals = `.${decimals.slice(1)}`;
  }
  const separators = groupText.match(/\{,\}|\\,/g) ?? [];
  const groups = groupText.split(/\s*\{,\}\s*|\\,/).slice(1);
  const thousands = THOUSANDS_HEAD.test(head) && groups.every((group) => group.length === 3);
  const joined = `${head}${groups.join('')}${decimals}`;
  if (separators.every((s) => s === '\\,')) return thousands && !inBrackets ? joined : written;
  if (separators.some((s) => s === '\\,')) refuse('unreadable', `the number "${written}" with mixed separators`);
  if (thousands && (groups.length > 1 || decimals !== '')) return joined;
  if (groups.length === 1 && decimals === '') {
    if (thousands && reading.convention === 'decimal-point') return joined;
    return `${head}.${groups[0]}`;
  }
  return refuse('unreadable', `malformed number "${written}"`);
}
