// Putting untrusted text (student work, and reasons that quote it) into each output
// language, and how numbers and statuses read there. Every escape starts from the
// assumption that the text is hostile: markup, control characters, lone surrogates.
import type { Slip, Status } from '../types.js';

/** Characters XML 1.0 forbids, lone surrogates included (the `u` flag sees them as code points). */
const INVALID_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Drops characters no XML 1.0 document may hold (NUL, ESC, other C0 controls, lone
 * surrogates, U+FFFE/U+FFFF), so a report always parses and never drives a terminal.
 * @example stripInvalidChars('a\u0000b\u001b[31m') // 'ab[31m'
 */
export function stripInvalidChars(text: string): string {
  return text.replace(INVALID_CHARS, '');
}

/**
 * Characters a terminal would act on rather than show: C0 controls but the line feed,
 * DEL, C1 controls (U+009B is a one-byte CSI), bidirectional overrides and isolates
 * (text that reads differently than it is), lone surrogates and noncharacters.
 */
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A character as a visible escape: `\x1B`, `\u202E`. */
function visibleEscape(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The one escaper for text markgrade prints to a terminal (student text, names, file
 * names, messages that quote them): every character a terminal would act on is shown as
 * a visible escape, so an ESC sequence in a submission can neither colour, move, retitle
 * nor hide anything. Line feeds are kept.
 * @example escapeTerminal('a\u001b[31mb\n') // 'a\\x1B[31mb\n'
 */
export function escapeTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, visibleEscape);
}

/**
 * Like escapeTerminal, for one line: runs of line breaks and tabs become one space.
 * @example escapeTerminalLine('a\r\nb\u009b') // 'a b\\x9B'
 */
export function escapeTerminalLine(text: string): string {
  return escapeTerminal(text.replace(/[\r\n\t]+/g, ' '));
}

/**
 * A value as indented JSON for a terminal: still valid JSON (`JSON.parse` gives the value
 * back), with DEL, C1 controls, bidirectional controls and line separators written as
 * `\uXXXX` — JSON.stringify escapes only C0 controls.
 * @example terminalJson({ s: '\u009b2J' }) // '{\n  "s": "\\u009b2J"\n}'
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made inert in HTML content and in quoted attribute values.
 * @example escapeHtml('<img onerror="x">') // '&lt;img onerror=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return stripInvalidChars(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

const XML_ENTITIES: Record<string, string> = { ...HTML_ENTITIES, '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * Text for XML element content; `]]>` cannot survive because `>` is escaped, and a
 * carriage return is a reference because parsers turn a raw one into a line feed.
 * @example escapeXmlText('a < b ]]>\r\n') // 'a &lt; b ]]&gt;&#13;\n'
 */
export function escapeXmlText(text: string): string {
  return stripInvalidChars(text).replace(/[&<>\r]/g, (c) => XML_ENTITIES[c]);
}

/**
 * Text for a double-quoted XML attribute. Tabs and line breaks become character
 * references because parsers would otherwise normalise them to spaces.
 * @example escapeXmlAttribute('say "hi"\n') // 'say &quot;hi&quot;&#10;'
 */
export function escapeXmlAttribute(text: string): string {
  return stripInvalidChars(text).replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c]);
}

/**
 * Text for one line of Markdown, table cells included: every character that could start
 * markup (HTML, links, code, emphasis, math, table pipes, entities) is backslash-escaped,
 * which CommonMark allows for any ASCII punctuation; line breaks become spaces.
 * @example escapeMarkdown('a|b `c` <i>') // 'a\\|b \\`c\\` \\<i\\>'
 */
export function escapeMarkdown(text: string): string {
  return stripInvalidChars(text)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_[\]<>|&~$!#]/g, (c) => `\\${c}`);
}

/**
 * The message of a GitHub workflow command (`::error …::message`).
 * @example escapeWorkflowData('50% done\nnext') // '50%25 done%0Anext'
 */
export function escapeWorkflowData(text: string): string {
  return stripInvalidChars(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A property value of a GitHub workflow command (`file=…,title=…`).
 * @example escapeWorkflowProperty('a:b,c') // 'a%3Ab%2Cc'
 */
export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** How each status is marked where space is short (badges, table cells). */
export const STATUS_SYMBOL: Record<Status, string> = {
  correct: '✓',
  partial: '◐',
  incorrect: '✗',
  missing: '?',
  unreadable: '!',
  manual: '✎',
  found: '•',
};

/**
 * Points as a person reads them: at most two decimals, no trailing zeros.
 * @example formatPoints(2 / 3) // '0.67'
 */
/**
 * One line for a slip: its diagnosis when it has one, else both values.
 * @example describeSlip({ shown: '1+1', value: 2, wrote: 3, line: 1, column: 1 }) // "1+1 is 2, written 3"
 */
export function describeSlip(slip: Slip): string {
  const values = `${slip.shown} is ${showValue(slip.value)}, written ${showValue(slip.wrote)}`;
  return slip.diagnosis === undefined ? values : `${slip.diagnosis} (${values})`;
}

/**
 * The line that says how many slips past the cap are not listed, or null when none are.
 * @example moreSlips({ slips: [s], slipsOmitted: 5 }) // 'and 5 more slips (only the first 1 are listed)'
 */
export function moreSlips(result: { slips: Slip[]; slipsOmitted?: number }): string | null {
  const omitted = result.slipsOmitted ?? 0;
  return omitted === 0 ? null : `and ${omitted} more slip${omitted === 1 ? '' : 's'} (only the first ${result.slips.length} are listed)`;
}

export function formatPoints(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/**
 * A number as data (JSON, XML properties): float noise like 0.30000000000000004 removed.
 * @example exactNumber(0.1 + 0.2) // 0.3
 */
export function exactNumber(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * A value the student wrote or the rubric expects, on one line.
 * @example showValue([[1, 2], [3, 4]]) // '[[1,2],[3,4]]'
 */
export function showValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
