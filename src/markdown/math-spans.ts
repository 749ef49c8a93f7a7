// Display math found by our own linear scan, before remark. remark-math reads a line
// that starts with `$$` as a math fence and everything after it on the line as "meta",
// so the common `$$\frac{..}{..} = \begin{bmatrix}` ... `\end{bmatrix}$$` (closing `$$`
// not on a line of its own) swallows the rest of the document. We pair `$$`…`$$` (and
// `\[`…`\]`, `\(`…`\)`) ourselves and hand remark a copy where those spans are masked
// with letters of the same length, so every offset still points into the original.
import { FENCE } from './fence.js';

export interface MathSpan {
  /** Offset of the opening delimiter. */
  open: number;
  /** Offset of the content (after the opening delimiter). */
  contentStart: number;
  /** Offset just past the content (the closing delimiter starts here). */
  contentEnd: number;
  /** Offset just past the closing delimiter. */
  end: number;
  display: boolean;
}

interface OpenSpan {
  open: number;
  closer: '$$' | '\\]' | '\\)';
}


/**
 * Pairs `$$`…`$$`, `\[`…`\]` and `\(`…`\)` outside fenced code, inline code and the
 * front matter; a span never crosses a blank line (TeX forbids it), so an opener left
 * alone at a blank line is plain text. Returns the spans and the lone `$$` offsets.
 * Example: `findMathSpans("a $$x$$ b", 0).spans[0]` -> `{open: 2, contentStart: 4, contentEnd: 5, end: 7, display: true}`.
 */
export function findMathSpans(text: string, from: number): { spans: MathSpan[]; lone: number[] } {
  const spans: MathSpan[] = [];
  const lone: number[] = [];
  let open: OpenSpan | null = null;
  let fence: string | null = null;
  let start = from;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    const fenceMatch = FENCE.exec(line);
    if (fence !== null || (fenceMatch && open === null)) {
      if (fence === null) fence = fenceMatch![1];
      else if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
    } else if (line.trim() === '') {
      if (open?.closer === '$$') lone.push(open.open);
      open = null;
    } else {
      open = scanLine(text, start, end, open, spans);
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  if (open?.closer === '$$') lone.push(open.open);
  return { spans, lone };
}

function scanLine(text: string, start: number, end: number, open: OpenSpan | null, spans: MathSpan[]): OpenSpan | null {
  let i = start;
  while (i < end) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\\') {
      const two = c + next;
      if (open && two === open.closer) {
        spans.push(spanOf(open, i, i + 2, open.closer !== '\\)'));
        open = null;
      } else if (!open && next === '[') open = { open: i, closer: '\\]' };
      else if (!open && next === '(') open = { open: i, closer: '\\)' };
      i += 2;
    } else if (c === '$' && next === '$') {
      if (open?.closer === '$$') {
        spans.push(spanOf(open, i, i + 2, true));
        open = null;
      } else if (!open) open = { open: i, closer: '$$' };
      i += 2;
    } else if (c === '`' && !open) {
      i = skipInlineCode(text, i, end);
    } else {
      i += 1;
    }
  }
  if (open?.closer === '\\)') return null;
  return open;
}

function spanOf(open: OpenSpan, close: number, end: number, display: boolean): MathSpan {
  return { open: open.open, contentStart: open.open + 2, contentEnd: close, end, display };
}

function skipInlineCode(text: string, i: number, end: number): number {
  let run = 0;
  while (text[i + run] === '`') run += 1;
  const ticks = '`'.repeat(run);
  const close = text.indexOf(ticks, i + run);
  return close === -1 || close >= end ? i + run : close + run;
}

/**
 * The text remark parses: every span replaced by `x` (whitespace and line breaks kept,
 * so offsets and indentation are unchanged) and lone `$$` by spaces, which keeps
 * remark-math from opening a fence there.
 * Example: `maskMathSpans("a $$x$$ b", spans, [])` -> `"a xxxxx b"`.
 */
export function maskMathSpans(text: string, spans: MathSpan[], lone: number[]): string {
  if (spans.length === 0 && lone.length === 0) return text;
  const chars = text.split('');
  for (const span of spans) {
    for (let i = span.open; i < span.end; i++) {
      if (chars[i] !== '\n' && chars[i] !== ' ' && chars[i] !== '\t') chars[i] = 'x';
    }
  }
  for (const at of lone) chars[at] = chars[at + 1] = ' ';
  return chars.join('');
}
