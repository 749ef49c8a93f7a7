// Input guards that run BEFORE remark sees the text (SPEC §8): remark takes about a
// minute on a 10,000-deep nested list and then overflows the stack, and emphasis or
// link brackets by the thousand cost it seconds; across a whole file every inline mark
// costs it memory and time (400,000 inline `$1$` in 2 MB: 12 s and 2.5 GB). Every check
// is one linear pass and every limit is counted in bytes or characters, so the outcome
// never depends on time.
import { LIMIT_TABLE, limitValues } from '../limits.js';
import { overLimit, SubmissionError } from './errors.js';

/** The bounds checked here; their values and codes are in the one table, src/limits.ts. */
export const INPUT_LIMITS = {
  bytes: LIMIT_TABLE.fileBytes.value,
  ...limitValues(['containerDepth', 'bracketDepth', 'emphasisMarks', 'linkBrackets', 'inlineMarks', 'blockStartLines', 'headings', 'tableCells', 'relations', 'lines', 'linesWithoutBreak'] as const),
} as const;

/**
 * The submission as text: UTF-8 checked, BOM dropped, CRLF and CR turned into LF.
 * Example: `decodeSubmission(Buffer.from("\uFEFFa\r\nb"))` -> `"a\nb"`.
 */
export function decodeSubmission(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? checkString(input) : decodeBytes(input);
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function decodeBytes(bytes: Uint8Array): string {
  checkSize(bytes.length);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, column } = bytePlace(bytes, nul);
    throw new SubmissionError('binary', 'binary file: it contains a NUL byte', line, column);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { line, column } = bytePlace(bytes, firstInvalidUtf8(bytes));
    throw new SubmissionError('encoding', 'not valid UTF-8', line, column);
  }
}

function checkString(text: string): string {
  checkSize(Buffer.byteLength(text, 'utf8'));
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    const column = nul - before.lastIndexOf('\n');
    throw new SubmissionError('binary', 'binary file: it contains a NUL character', line, column);
  }
  return text;
}

function checkSize(bytes: number): void {
  if (bytes > INPUT_LIMITS.bytes) {
    const size = (bytes / (1024 * 1024)).toFixed(1);
    throw overLimit('fileBytes', 'size', `file too large: ${size} MB, the limit is ${INPUT_LIMITS.bytes / (1024 * 1024)} MB`);
  }
}

/** 1-based line and byte column of a byte offset. */
function bytePlace(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * Rejects text that would send remark into deep recursion or quadratic work: one pass
 * over the lines, estimating container depth per line and bracket depth per paragraph (a
 * paragraph ends at a blank line) in the text, counting emphasis marks and link brackets
 * per paragraph in `remarkText` (the text with display math masked, which is what remark
 * pairs them in; same offsets), and counting lines.
 * Example: `checkNesting("- ".repeat(10000) + "x")` throws a SubmissionError of kind `nesting`.
 */
export function checkNesting(text: string, remarkText = text): void {
  let line = 1;
  let paragraph = { brackets: 0, emphasis: 0, links: 0, lines: 0 };
  for (let start = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (text.slice(start, end).trim() === '') paragraph = { brackets: 0, emphasis: 0, links: 0, lines: 0 };
    else paragraph.lines += 1;
    if (line > INPUT_LIMITS.lines) {
      throw overLimit('lines', 'size', `too many lines: more than ${INPUT_LIMITS.lines}`, line, 1);
    }
    if (paragraph.lines > INPUT_LIMITS.linesWithoutBreak) {
      throw overLimit('linesWithoutBreak', 'size', `more than ${INPUT_LIMITS.linesWithoutBreak} lines without a blank line`, line, 1);
    }
    const depth = containerDepth(text, start, end);
    if (depth > INPUT_LIMITS.containerDepth) {
      throw overLimit('containerDepth', 'nesting', `nested too deeply: about ${depth} levels of lists, quotes or indentation (the limit is ${INPUT_LIMITS.containerDepth})`, line, 1);
    }
    for (let i = start; i < end; i++) {
      const c = text[i];
      if (c === '(' || c === '[' || c === '{') paragraph.brackets += 1;
      else if ((c === ')' || c === ']' || c === '}') && paragraph.brackets > 0) paragraph.brackets -= 1;
      const seen = remarkText[i];
      if (seen === '*' || seen === '_') paragraph.emphasis += 1;
      if (seen === '[') paragraph.links += 1;
      if (paragraph.brackets > INPUT_LIMITS.bracketDepth) {
        throw overLimit('bracketDepth', 'nesting', `nested too deeply: more than ${INPUT_LIMITS.bracketDepth} open brackets`, line, i - start + 1);
      }
      if (paragraph.emphasis > INPUT_LIMITS.emphasisMarks) {
        throw overLimit('emphasisMarks', 'nesting', `too many emphasis marks in one paragraph: more than ${INPUT_LIMITS.emphasisMarks}`, line, i - start + 1);
      }
      if (paragraph.links > INPUT_LIMITS.linkBrackets) {
        throw overLimit('linkBrackets', 'nesting', `too many link brackets in one paragraph: more than ${INPUT_LIMITS.linkBrackets}`, line, i - start + 1);
      }
    }
    if (newline === -1) break;
    start = newline + 1;
  }
}

/** Characters that open or close an inline construct remark builds a node for. */
const MARK_CHARS = new Set(['$', '*', '_', '`', '~', '[', ']', '|', '<', '&', '@']);
const ESCAPABLE = /[!-/:-@[-`{-~]/;

/**
 * Rejects a file with more inline marks than remark can handle in bounded memory and
 * time: `$ * _ ~ [ ] | < & @` and backticks, backslash escapes and web addresses (`://`,
 * `www.`) in `remarkText` (display math is masked there), plus our own math spans, each
 * counted at its offset in `mathOpens` (ascending), since each one is lexed.
 * The seeds have one mark (or span) in 50 to 150 characters: only past 1 MB would a real
 * file reach the limit.
 * Example: `checkMarkup("$1$ ".repeat(10_001), [])` throws a SubmissionError of kind `size`.
 */
export function checkMarkup(remarkText: string, mathOpens: number[]): void {
  let marks = 0;
  let span = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < remarkText.length; i++) {
    if (remarkText[i] === '\n') [line, lineStart] = [line + 1, i + 1];
    else if (isMark(remarkText, i)) marks += 1;
    if (mathOpens[span] === i) [marks, span] = [marks + 1, span + 1];
    if (marks > INPUT_LIMITS.inlineMarks) {
      throw overLimit('inlineMarks', 'size', `too much inline markup: more than ${INPUT_LIMITS.inlineMarks} math, emphasis, code, link or table marks in one file`, line, i - lineStart + 1);
    }
  }
}

function isMark(text: string, i: number): boolean {
  const c = text[i];
  if (MARK_CHARS.has(c)) return true;
  if (c === '\\') return ESCAPABLE.test(text[i + 1] ?? '');
  if (c === ':') return text.startsWith('//', i + 1);
  return c === 'w' && text.startsWith('ww.', i + 1);
}

type LineKind = 'blank' | 'quote' | 'list' | 'underline' | 'indented' | 'text';

const BLANK = /[ \t]*$/my;
const QUOTE = / {0,3}>/y;
const LIST_ITEM = / {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/my;
const UNDERLINE = / {0,3}(?:=+|-+)[ \t]*$/my;

/**
 * Rejects a file with more lists, block quotes and setext headings than remark can close
 * in bounded time: micromark copies every event read so far each time one of them ends,
 * so its work is their number times the lines before them (8,000 block quotes in 40 KB
 * took 10 s, 50,000 took 8 minutes). Each start found in `remarkText` adds its line
 * number; one list per question in a 2,000-line file adds about 50,000 of the 4 million.
 * Example: `checkBlockStarts("> a\n\n".repeat(5_000))` throws a SubmissionError of kind `size`.
 */
export function checkBlockStarts(remarkText: string): void {
  let weight = 0;
  let previous: LineKind = 'blank';
  let lastSolid: LineKind = 'blank';
  let line = 1;
  for (let start = 0; start <= remarkText.length; line++) {
    const newline = remarkText.indexOf('\n', start);
    const kind = lineKind(remarkText, start);
    if (startsBlock(kind, previous, lastSolid)) weight += line;
    if (weight > INPUT_LIMITS.blockStartLines) {
      throw overLimit('blockStartLines', 'size', 'too many lists, block quotes and underlined headings for a file this long (the work grows with their number times the lines before them)', line, 1);
    }
    previous = kind;
    if (kind !== 'blank') lastSolid = kind;
    if (newline === -1) break;
    start = newline + 1;
  }
}

function lineKind(text: string, start: number): LineKind {
  const at = (pattern: RegExp): boolean => {
    pattern.lastIndex = start;
    return pattern.test(text);
  };
  if (at(BLANK)) return 'blank';
  if (at(QUOTE)) return 'quote';
  if (at(UNDERLINE)) return 'underline';
  if (at(LIST_ITEM)) return 'list';
  return text[start] === ' ' || text[start] === '\t' ? 'indented' : 'text';
}

/** A block quote after a line outside one; a list after text; an underline below text. */
function startsBlock(kind: LineKind, previous: LineKind, lastSolid: LineKind): boolean {
  if (kind === 'quote') return previous !== 'quote';
  if (kind === 'list') return lastSolid !== 'list' && lastSolid !== 'indented';
  return kind === 'underline' && previous === 'text';
}

/** List markers and `>` at the start of the line, plus indentation in steps of 4 columns. */
function containerDepth(text: string, start: number, end: number): number {
  let markers = 0;
  let width = 0;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      width += c === '\t' ? 4 : 1;
      i += 1;
    } else if (c === '>') {
      markers += 1;
      i += 1;
    } else if ((c === '-' || c === '*' || c === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      markers += 1;
      i += 1;
    } else {
      const ordered = /^\d{1,9}[.)](?=[ \t])/.exec(text.slice(i, Math.min(end, i + 11)));
      if (!ordered) break;
      markers += 1;
      i += ordered[0].length;
    }
  }
  return markers + Math.floor(width / 4);
}

const ATX_HEADING = / {0,3}#{1,6}(?:[ \t]|$)/my;
const FENCE = / {0,3}(?:`{3,}|~{3,})/y;

const RELATIONS = new Set(['=', '≈', '≤', '≥']);

/**
 * Rejects a file with more relation signs, headings or tab-separated table cells than
 * the limits allow, before remark builds a node for each: one pass over the lines of
 * `remarkText`, and relations counted in `text` (display math is masked in `remarkText`,
 * and its relations start steps too; same offsets). A line
 * outside a fenced block that has a tab after its first non-blank character is a table
 * row, and each of its tab-separated parts a cell (a 4,999 × 200 tab table took remark
 * 10 s and the table reader a minute more).
 * Example: `checkCounts("a\tb\n".repeat(6_000))` throws a SubmissionError with code `table-cells`.
 */
export function checkCounts(remarkText: string, text = remarkText): void {
  let relations = 0;
  let headings = 0;
  let cells = 0;
  let fenced = false;
  let line = 1;
  for (let start = 0; start <= remarkText.length; line++) {
    const newline = remarkText.indexOf('\n', start);
    const end = newline === -1 ? remarkText.length : newline;
    FENCE.lastIndex = start;
    ATX_HEADING.lastIndex = start;
    if (FENCE.test(remarkText)) fenced = !fenced;
    else if (!fenced && ATX_HEADING.test(remarkText)) headings += 1;
    else if (!fenced) cells += tabCells(remarkText, start, end);
    for (let i = start; i < end; i++) {
      if (RELATIONS.has(text[i])) relations += 1;
      if (relations > INPUT_LIMITS.relations) {
        throw overLimit('relations', 'size', `too many relations (= ≈ ≤ ≥): more than ${INPUT_LIMITS.relations} in one file`, line, i - start + 1);
      }
    }
    if (headings > INPUT_LIMITS.headings) {
      throw overLimit('headings', 'size', `too many headings: more than ${INPUT_LIMITS.headings}`, line, 1);
    }
    if (cells > INPUT_LIMITS.tableCells) {
      throw overLimit('tableCells', 'size', `too many table cells: more than ${INPUT_LIMITS.tableCells}`, line, 1);
    }
    if (newline === -1) break;
    start = newline + 1;
  }
}

/** Tab-separated parts of a line that has a tab after its first non-blank character, else 0. */
function tabCells(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i += 1;
  let tabs = 0;
  for (; i < end; i++) if (text[i] === '\t') tabs += 1;
  return tabs === 0 ? 0 : tabs + 1;
}

/**
 * Rejects what the reader found when there is more of it than the limits allow: headings
 * and topic lines, table cells (tab and Markdown tables), and claims (chains plus cells),
 * counted before any of them is converted.
 * Example: `checkReadCounts({ headings: 0, cells: 0, claims: 60_000 })` throws with code `claims`.
 */
export function checkReadCounts(counts: { headings: number; cells: number; claims: number }): void {
  if (counts.headings > INPUT_LIMITS.headings) {
    throw overLimit('headings', 'size', `too many headings and topic lines: ${counts.headings}, the limit is ${INPUT_LIMITS.headings}`);
  }
  if (counts.cells > INPUT_LIMITS.tableCells) {
    throw overLimit('tableCells', 'size', `too many table cells: ${counts.cells}, the limit is ${INPUT_LIMITS.tableCells}`);
  }
  if (counts.claims > LIMIT_TABLE.claims.value) {
    throw overLimit('claims', 'size', `too many claims: ${counts.claims}, the limit is ${LIMIT_TABLE.claims.value}`);
  }
}
