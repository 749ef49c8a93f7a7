// Numbers as students write them: decimal commas, thousands separators, scientific
// notation and percent words, rewritten into one form before KaTeX reads the piece.
// KaTeX would read `1.5\mathrm{e}{-3}` as 1.5·e·(−3) and `12{,}345.6` as 12.345.6, and
// `0,588` is three values to it. Where a form can mean two numbers we refuse.
import { refuse } from './refusal.js';

/** `0,588` or `-0,5`: a comma after a leading 0 is never a thousands separator. */
const DECIMAL_COMMA_AFTER_ZERO = /^([+\-−]?\s*)0,(\d+)$/;
/** `12.345,6`: dots between groups of three, then a decimal comma. */
const DOT_THOUSANDS = /^([+\-−]?\s*)(\d{1,3}(?:\.\d{3})+),(\d+)$/;
/** `1{.}5`: a braced decimal point. */
const BRACED_POINT = /(?<=\d)\{\.\}(?=\d)/g;
/** Digit groups joined by `{,}` (decimal or thousands comma) or `\,` (thin space). */
const GROUPED = /(?<![\d.])(\d+)((?:\s*\{,\}\s*\d+|\\,\d+)+)(\.\d+)?/g;
const THOUSANDS_HEAD = /^[1-9]\d{0,2}$/;
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
 * Rewrites the written forms of numbers into plain decimals and `\times 10^{…}`.
 * Example: `writtenNumbers("1.5\\mathrm{e}{-3}")` -> `"{1.5\\times 10^{-3}}"`;
 * `writtenNumbers("0,588")` -> `"0.588"`; `writtenNumbers("71 pct")` -> `"71%"`.
 */
export function writtenNumbers(text: string): string {
  return wholeNumberCommas(text)
    .replace(/％/g, '%')
    .replace(PERCENT_WORDS, '%')
    .replace(BRACED_POINT, '.')
    .replace(GROUPED, (written, head: string, groups: string, decimals: string | undefined) =>
      groupedNumber(written, head, groups, decimals ?? '', text.includes('[')),
    )
    .replace(UPRIGHT_E_SCIENTIFIC, (_, mantissa: string, sign: string | undefined, digits: string | undefined, bareSign: string, bareDigits: string) =>
      scientific(mantissa, sign ?? bareSign, digits ?? bareDigits),
    )
    .replace(SCIENTIFIC, (_, mantissa: string, exponent: string) => scientific(mantissa, '', exponent))
    .replace(LETTER_X_TIMES, '$1\\times ');
}

function scientific(mantissa: string, sign: string, digits: string): string {
  return `{${mantissa}\\times 10^{${sign.replace('−', '-')}${digits}}}`;
}

/**
 * A piece that is one number with a comma: `0,588` is 0.588 and `12.345,6` is 12345.6;
 * `1,234` and `1,5` stay as written (a thousands group or a decimal comma, or two values).
 */
function wholeNumberCommas(text: string): string {
  return text
    .replace(DECIMAL_COMMA_AFTER_ZERO, (_, sign: string, decimals: string) => `${sign}0.${decimals}`)
    .replace(DOT_THOUSANDS, (_, sign: string, whole: string, decimals: string) => `${sign}${whole.replaceAll('.', '')}.${decimals}`);
}

/**
 * `12{,}345.6` and `12\,345.6` are thousands groups; `0{,}5` is a decimal comma;
 * `1{,}234` could be either and is refused. Thin spaces between numbers that are not
 * groups of three stay spaces (two values), and so do all inside square brackets,
 * where `[100\,200]` is a row vector.
 */
function groupedNumber(written: string, head: string, groupText: string, decimals: string, inBrackets: boolean): string {
  const separators = groupText.match(/\{,\}|\\,/g) ?? [];
  const groups = groupText.split(/\s*\{,\}\s*|\\,/).slice(1);
  const thousands = THOUSANDS_HEAD.test(head) && groups.every((group) => group.length === 3);
  const joined = `${head}${groups.join('')}${decimals}`;
  if (separators.every((s) => s === '\\,')) return thousands && !inBrackets ? joined : written;
  if (separators.some((s) => s === '\\,')) refuse('unreadable', `the number "${written}" with mixed separators`);
  if (thousands && (groups.length > 1 || decimals !== '')) return joined;
  if (groups.length === 1 && decimals === '') {
    if (thousands) refuse('unreadable', `"${written}": a thousands separator or a decimal comma?`, 'ambiguous-number');
    return `${head}.${groups[0]}`;
  }
  return refuse('unreadable', `malformed number "${written}"`);
}
