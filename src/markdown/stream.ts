// A block's text and math as one stream of items, each character mapped back to its
// offset in the submission. Markdown syntax is taken out of the text (emphasis,
// links, tags, escapes, struck-out text); math keeps its LaTeX exactly as written.
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { limit } from '../limits.js';
import { contentStart, type LeafBlock } from './blocks.js';
import type { MathSpan } from './math-spans.js';
import { isWithdrawn, type Markup } from './markup.js';
import type { SourceText } from './source.js';

/** Characters with the submission offset of each one. */
export interface Mapped {
  text: string;
  map: number[];
}

export type StreamItem =
  | ({ kind: 'text' } & Mapped)
  /** `omitted`: characters of an over-long span (see MAX_MATH_CHARS) left out after `text`. */
  | ({ kind: 'math'; display: boolean; omitted?: number } & Mapped)
  /** A line break, or the gap between two blocks that may continue one claim. */
  | { kind: 'nl'; offset: number }
  /** A hard boundary: a section marker (`marker`), a heading, a table, another container. */
  | { kind: 'end'; offset: number; marker?: boolean };

/**
 * Characters of math read in one span or one step. A longer span is not lexed (a 2 MB
 * matrix took a second and 400 MB to lex): only its first EXCERPT_CHARS travel on, for
 * the label and the report, and its step is refused as `limit`. Real answers stay far
 * below (the longest formula in the seeds has under 4,000).
 */
export const MAX_MATH_CHARS = limit('mathChars');

/** Characters kept from the start of an over-long span or step (reports quote up to 400). */
export const EXCERPT_CHARS = 200;

/** The parts of a leaf block the stream needs (a table cell is read as a one-line block). */
export type StreamBlock = Pick<LeafBlock, 'kind' | 'start' | 'end' | 'startLine' | 'endLine' | 'inQuote'>;

/** What the stream builder needs to know about the whole submission. */
export interface StreamContext {
  source: SourceText;
  /** Math spans by the offset of their opening delimiter (ours and remark's `$…$`). */
  mathAt: Map<number, MathSpan>;
  /** Section markers by start offset -> end offset. */
  markerAt: Map<number, number>;
  /** Lines read elsewhere (tab-separated tables). */
  skipLines: Set<number>;
  /** Where remark's tree puts inline syntax (markup.ts); code and output blocks have none. */
  markup?: Markup;
}

/**
 * The items of one block, in order. Lines are separated by `nl`; markers become `end`.
 * Example: the paragraph `Recall_A = $\frac{50}{65}$ = 0.77` gives text `Recall_A = `,
 * math `\frac{50}{65}` and text ` = 0.77`.
 */
export function blockStream(block: StreamBlock, ctx: StreamContext): StreamItem[] {
  const { source } = ctx;
  const text = source.text;
  const items: StreamItem[] = [];
  const end = readableEnd(block, source);
  let i = block.kind === 'heading' ? block.start + (/^[ \t]*#{0,6}[ \t]*/.exec(text.slice(block.start, end))?.[0].length ?? 0) : block.start;
  let from = i;
  const flush = (to: number): void => {
    if (to > from) pushText(items, cleanText(text, from, to, ctx.markup));
  };
  /** Lines of tab-separated tables are read as tables: skip them here. */
  const skipTableLine = (line: number): void => {
    if (!ctx.skipLines.has(line)) return;
    items.push({ kind: 'end', offset: i });
    i = from = Math.min(end, source.lineEnd(line));
  };
  skipTableLine(block.startLine);
  while (i < end) {
    if (text[i] === '\n') {
      flush(i);
      const line = source.lineOf(i + 1);
      i = from = contentStart(block, source, line);
      items.push({ kind: 'nl', offset: i });
      skipTableLine(line);
      continue;
    }
    const lineBreak = text[i] === '<' && ctx.markup?.[i] === 0 ? matchAt(LINE_BREAK_TAG, text, i) : 0;
    if (lineBreak > 0) {
      // `a = 1<br>b = 2`, `</p><p>`: a line of its own, as the browser shows it.
      flush(i);
      i = from = i + lineBreak;
      items.push({ kind: 'nl', offset: i });
      continue;
    }
    const markerEnd = ctx.markerAt.get(i);
    if (markerEnd !== undefined) {
      flush(i);
      items.push({ kind: 'end', offset: i, marker: true });
      i = from = markerEnd;
      continue;
    }
    const span = ctx.mathAt.get(i);
    if (span) {
      flush(i);
      // Struck math (`~~$0.79$~~`, `<del>$0.79$</del>`) is withdrawn like struck text.
      if (!isWithdrawn(ctx.markup, i)) items.push(mathItem(text, span));
      i = from = span.end;
      continue;
    }
    i += 1;
  }
  flush(Math.min(i, end));
  return items;
}

/**
 * A span's math. An over-long one (see MAX_MATH_CHARS) keeps only its first
 * EXCERPT_CHARS from the first non-blank character, so its size never reaches the lexer.
 */
function mathItem(text: string, span: MathSpan): StreamItem {
  const { display, contentStart, contentEnd } = span;
  if (contentEnd - contentStart <= MAX_MATH_CHARS) return { kind: 'math', display, ...slice(text, contentStart, contentEnd) };
  let from = contentStart;
  while (from < contentEnd && /\s/.test(text[from])) from += 1;
  const to = Math.min(from + EXCERPT_CHARS, contentEnd);
  return to === contentEnd ? { kind: 'math', display, ...slice(text, from, to) } : { kind: 'math', display, ...slice(text, from, to), omitted: contentEnd - to };
}

/**
 * HTML tags that start a new line where a browser shows them: `<br>`, and the start and
 * end tags of block elements (`<p>`, `<div>`, `<li>`, `<td>`, `<details>`, `<summary>` …).
 * Inline tags (`<b>`, `<span>`, `<sub>` …) are presentation: TEXT_RULES drop them.
 */
const LINE_BREAK_TAG =
  /<(?:br|hr|\/?(?:p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|h[1-6]|blockquote|details|summary|aside|section|article|header|footer|figure|figcaption|center|pre))(?:\s[^<>\n]{0,200})?\/?>/iy;

/** The length of a sticky pattern's match at `at`, or 0. */
function matchAt(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0].length ?? 0;
}

/** A setext heading's underline (`===`, `---`) is not text. */
function readableEnd(block: StreamBlock, source: SourceText): number {
  if (block.kind !== 'heading' || block.endLine === block.startLine) return block.end;
  return /^\s*(?:=+|-+)\s*$/.test(source.lineText(block.endLine)) ? source.lineEnd(block.endLine - 1) : block.end;
}

function pushText(items: StreamItem[], mapped: Mapped): void {
  if (mapped.text !== '') items.push({ kind: 'text', ...mapped });
}

/** The source between two offsets, each character mapped to its own offset. */
export function slice(text: string, from: number, to: number): Mapped {
  const map: number[] = [];
  for (let i = from; i < to; i++) map.push(i);
  return { text: text.slice(from, to), map };
}

/** What a rule puts in a match's place: new text (at the match's offset) or kept ranges of it. */
type Piece = string | [number, number];
type Rule = [RegExp, (match: RegExpExecArray) => Piece[] | string];

/** Keeps capture group `n` of a match (its characters keep their offsets). */
const keepGroup = (n: number) => (match: RegExpExecArray): Array<[number, number]> => {
  const at = match.indices?.[n];
  return at ? [at] : [];
};
const drop = (): Array<[number, number]> => [];
/** `<sub>12</sub>` -> `_{12}`, `<sup>-1</sup>` -> `^{-1}`: the script's content keeps its offsets. */
const script = (mark: string) => (match: RegExpExecArray): Piece[] => [`${mark}{`, match.indices![1], '}'];

/**
 * An HTML character reference (`&minus;`, `&#8722;`, `&#x2212;`) as its character, decoded
 * the way remark decodes them in text; an unknown name stays as written.
 */
function decodeReference(match: RegExpExecArray): string {
  const [written, named, decimal, hex] = match;
  if (named !== undefined) return decodeNamedCharacterReference(named) || written;
  return decimal !== undefined ? decodeNumericCharacterReference(decimal, 10) : decodeNumericCharacterReference(hex, 16);
}

/**
 * Markdown syntax in running text, in the order it is removed. Every pattern stops at a
 * bounded length or at a character it cannot cross, so a line full of openers without
 * closers costs linear time.
 */
const TEXT_RULES: Rule[] = [
  // Obsidian/Typora highlights `==0.90==`, `==macro F1 = 0.724==` are presentation: their
  // inside is read as if unmarked. A spaced `a == b` is no highlight (and stays a relation).
  [/(?<![=<>!])==(?=[^\s=])([^\n]{0,300}?[^\s=])==(?!=)/dg, keepGroup(1)],
  // A callout's type marker (`> [!note] Title`) is not text; its title and body are.
  [/^\s*\[![A-Za-z][\w-]*\][+-]?/dg, drop],
  [/<!--[^]{0,1000}?-->/dg, drop],
  [/<sub>([^<>\n]{1,40})<\/sub>/dgi, script('_')],
  [/<sup>([^<>\n]{1,40})<\/sup>/dgi, script('^')],
  [/<sub>/dgi, () => '_'],
  [/<sup>/dgi, () => '^'],
  [/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?\/?>/dg, drop],
  // `**` and `__` that pair with nothing (OCR leaves them about) are no text either.
  [/\*\*|__/dg, drop],
  [/\\([!-/:-@[-`{-~])/dg, keepGroup(1)],
  // After the tags: `&lt;b&gt;` is the text `<b>`, not a tag.
  [/&(?:([A-Za-z][A-Za-z0-9]{1,31})|#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6}));/dg, decodeReference],
  [/\$/dg, drop],
];

/**
 * Running text without its Markdown syntax: the characters remark's tree marks as syntax
 * or withdrawn (`markup`, see markup.ts: emphasis and link delimiters, code backticks,
 * struck text, images) are left out, then HTML, escapes and highlights (which remark does
 * not parse) go. `**Accuracy**` -> `Accuracy`, `[a](u)` -> `a`, `~~0.79~~` -> ``, `\_` -> `_`;
 * `2*0.82*0.77` keeps its `*` (not emphasis). Without `markup`, only the text rules apply.
 */
export function cleanText(text: string, from: number, to: number, markup?: Markup): Mapped {
  const end = withoutHeadingClose(text, from, to);
  let mapped = markup ? unmarked(text, from, end, markup) : slice(text, from, end);
  for (const [pattern, replace] of TEXT_RULES) mapped = applyRule(mapped, pattern, replace);
  return mapped;
}

/**
 * A MediaWiki heading's closing run (`== Question 2: Metrics ==`) is syntax, not a relation:
 * where the text runs to the end of a line that opens with `=` and a space, the `=` run
 * that ends it is left out.
 */
function withoutHeadingClose(text: string, from: number, to: number): number {
  if (to < text.length && text[to] !== '\n') return to;
  const close = /[ \t]=+[ \t]*$/.exec(text.slice(Math.max(from, to - 40), to));
  if (!close) return to;
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  return /^[ \t]*=+[ \t]/.test(text.slice(lineStart, lineStart + 12)) ? Math.max(from, to - close[0].length) : to;
}

function unmarked(text: string, from: number, to: number, markup: Markup): Mapped {
  let kept = '';
  const map: number[] = [];
  for (let i = from; i < to; i++) {
    if (markup[i] !== 0) continue;
    kept += text[i];
    map.push(i);
  }
  return { text: kept, map };
}

function applyRule(input: Mapped, pattern: RegExp, replace: Rule[1]): Mapped {
  pattern.lastIndex = 0;
  let match = pattern.exec(input.text);
  if (!match) return input;
  let text = '';
  const map: number[] = [];
  let last = 0;
  const copy = (from: number, to: number): void => {
    text += input.text.slice(from, to);
    for (let k = from; k < to; k++) map.push(input.map[k]);
  };
  for (; match; match = pattern.exec(input.text)) {
    copy(last, match.index);
    const replacement = replace(match);
    for (const piece of typeof replacement === 'string' ? [replacement] : replacement) {
      if (typeof piece === 'string') {
        text += piece;
        for (let k = 0; k < piece.length; k++) map.push(input.map[match.index]);
      } else copy(piece[0], piece[1]);
    }
    last = match.index + match[0].length;
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
  copy(last, input.text.length);
  return { text, map };
}
