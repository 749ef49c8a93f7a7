// Code and output blocks of other markup written in a Markdown file: Org mode
// (`#+begin_src` … `#+end_src`, `#+RESULTS:` with its `: ` lines, `#+begin_example`) and
// AsciiDoc (`[source,python]` over a `----` listing, `....` literal blocks, and bare
// `----` listings in a document that writes AsciiDoc elsewhere). Markdown parses them as
// paragraphs and setext headings, so without this their code and printout were read as
// the student's written answer. Found on the source lines, since the tree has no node for
// them (a heading line and a `#+begin_src` line often share one paragraph); the reader
// leaves their lines out of the prose and reads them as code or output (index.ts).
import type { LeafBlock } from './blocks.js';
import { isCodeLine, isProgram } from './program-text.js';
import type { SourceText } from './source.js';

/** What a delimited block holds: a program, its printout, or preformatted text (decided by what precedes it). */
export type DelimitedKind = 'code' | 'output' | 'literal' | 'console';

export interface Delimited {
  /** First and last line (1-based), delimiters and keyword lines included. */
  from: number;
  to: number;
  kind: DelimitedKind;
}

/** How far a closing delimiter may be from its opening one. */
const MAX_BLOCK_LINES = 500;

/** A console prompt opening a line: IPython's `In [3]:`, Python's `>>>`; `...:` and `...` continue one. */
const PROMPT = /^[ \t]*(?:In[ \t]*\[\d*\]:|>>>)(?:[ \t]|$)/;
const CONTINUATION = /^[ \t]*(?:\.\.\.:?|[ \t]+\.\.\.:)(?:[ \t]|$)/;

const ORG_BEGIN = /^[ \t]*#\+begin_(src|example)\b/i;
const ORG_RESULTS = /^[ \t]*#\+results(?:\[[^\]\n]*\])?:[ \t]*$/i;
/** Org's fixed-width lines (`: 0.85`) and table rows, as results print them. */
const ORG_RESULT_LINE = /^[ \t]*(?::(?:[ \t]|$)|\|)/;
/** An AsciiDoc block attribute that makes the next `----` block a listing of code. */
const ADOC_LISTING = /^[ \t]*\[(?:source|listing)(?:[,\]])/i;
const ADOC_LISTING_FENCE = /^-{4,}[ \t]*$/;
const ADOC_LITERAL_FENCE = /^\.{4,}[ \t]*$/;
/** AsciiDoc written elsewhere in the document: a block attribute, a `== Title`, a `:name:` attribute entry. */
const ADOC_EVIDENCE = /^(?:[ \t]*\[(?:source|listing|literal)(?:[,\]])|={1,5}[ \t]+\S|:[A-Za-z][\w-]*:(?:[ \t]|$))/i;

/** A delimited block read apart from the prose: its role and the lines of its body (1-based, inclusive). */
export interface ProgramPart {
  role: 'code' | 'output';
  startLine: number;
  endLine: number;
}

/** What the prose leaves out (every line of every delimited block kept) and how the blocks read. */
export interface DelimitedRead {
  lines: Set<number>;
  parts: ProgramPart[];
}

/**
 * The delimited blocks of a document with their roles. A literal block (`....`,
 * `#+begin_example`, a bare `----` listing) is output right after code, code when it
 * holds a program (program-text.ts), and otherwise stays the student's text, like an
 * indented block.
 */
export function readDelimited(blocks: LeafBlock[], source: SourceText): DelimitedRead {
  const code = new Set<number>();
  const roleAt = new Map<number, LeafBlock['role']>();
  for (const block of blocks) {
    for (let line = block.startLine; line <= block.endLine; line++) {
      if (block.kind === 'fenced' || block.kind === 'code') code.add(line);
      roleAt.set(line, block.role);
    }
  }
  const lines = source.text.split('\n');
  const read: DelimitedRead = { lines: new Set(), parts: [] };
  const partEnds = new Set<number>();
  for (const block of delimitedBlocks(lines, code)) {
    let previous = block.from - 1;
    while (previous > 0 && lines[previous - 1].trim() === '') previous -= 1;
    const afterCode = partEnds.has(previous) || (roleAt.get(previous) ?? 'text') !== 'text';
    if (block.kind === 'console') {
      for (let line = block.from; line <= block.to; line++) read.lines.add(line);
      partEnds.add(block.to);
      read.parts.push(...consoleParts(lines, block));
      continue;
    }
    const body = block.kind === 'output' ? { startLine: block.from + 1, endLine: block.to } : { startLine: block.from + 1, endLine: block.to - 1 };
    const role = block.kind !== 'literal' ? block.kind : afterCode ? 'output' : isProgram(lines.slice(body.startLine - 1, body.endLine).join('\n')) ? 'code' : null;
    if (role === null) continue;
    for (let line = block.from; line <= block.to; line++) read.lines.add(line);
    partEnds.add(block.to);
    if (body.endLine >= body.startLine) read.parts.push({ role, ...body });
  }
  return read;
}

/** A console session's lines as runs of code (typed) and output (printed). */
function consoleParts(lines: string[], block: Delimited): ProgramPart[] {
  const parts: ProgramPart[] = [];
  for (let line = block.from; line <= block.to; line++) {
    const role = isTyped(lines[line - 1]) ? 'code' : 'output';
    const last = parts[parts.length - 1];
    if (last?.role === role && last.endLine === line - 1) last.endLine = line;
    else parts.push({ role, startLine: line, endLine: line });
  }
  return parts;
}

/**
 * The delimited blocks of a document's lines, in order; `skip` lines (fenced code, math)
 * open none.
 * Example: `delimitedBlocks(["#+begin_src python", "x = 1", "#+end_src"], new Set())`
 * -> [{ from: 1, to: 3, kind: "code" }].
 */
export function delimitedBlocks(lines: string[], skip: Set<number>): Delimited[] {
  const found: Delimited[] = [];
  const closers = closingLines(lines);
  const asciidoc = lines.some((line) => ADOC_EVIDENCE.test(line));
  for (let i = 0; i < lines.length; i++) {
    if (skip.has(i + 1)) continue;
    const block = orgBlock(lines, i, closers) ?? orgResults(lines, i, closers) ?? asciidocBlock(lines, i, closers, asciidoc) ?? consoleSession(lines, i, skip);
    if (!block) continue;
    found.push(block);
    i = block.to - 1;
  }
  return found;
}

function orgBlock(lines: string[], i: number, closers: Closers): Delimited | null {
  const begin = ORG_BEGIN.exec(lines[i]);
  if (!begin) return null;
  const close = closing(closers, `org ${begin[1].toLowerCase()}`, i);
  return close < 0 ? null : { from: i + 1, to: close + 1, kind: begin[1].toLowerCase() === 'src' ? 'code' : 'literal' };
}

/** `#+RESULTS:` and what it holds: `: ` lines, table rows, or an example block right below. */
function orgResults(lines: string[], i: number, closers: Closers): Delimited | null {
  if (!ORG_RESULTS.test(lines[i])) return null;
  let to = i;
  const example = lines[i + 1] === undefined ? null : orgBlock(lines, i + 1, closers);
  if (example) to = example.to - 1;
  else while (to + 1 < lines.length && ORG_RESULT_LINE.test(lines[to + 1])) to += 1;
  return { from: i + 1, to: to + 1, kind: 'output' };
}

/**
 * `[source,python]` over `----` … `----` (code); `....` … `....` (literal); a bare `----`
 * … `----` only in a document that writes AsciiDoc elsewhere (in Markdown alone it is a
 * rule and a setext heading), as a literal.
 */
function asciidocBlock(lines: string[], i: number, closers: Closers, asciidoc: boolean): Delimited | null {
  const listing = ADOC_LISTING.test(lines[i]) && ADOC_LISTING_FENCE.test(lines[i + 1] ?? '');
  const bare = !listing && asciidoc && ADOC_LISTING_FENCE.test(lines[i]) && (i === 0 || lines[i - 1].trim() === '');
  const fence = listing ? lines[i + 1].trim() : bare || ADOC_LITERAL_FENCE.test(lines[i]) ? lines[i].trim() : null;
  if (fence === null) return null;
  const open = listing ? i + 1 : i;
  const close = closing(closers, `fence ${fence}`, open);
  if (close < 0 || close === open + 1) return null;
  return { from: i + 1, to: close + 1, kind: listing ? 'code' : 'literal' };
}

const ORG_END = /^[ \t]*#\+end_(src|example)\b/i;

/** Lines that may close a block, by what they close (`org src`, `fence ----`), in order. */
type Closers = Map<string, number[]>;

/** One pass over the lines, so that finding a block's end costs a search, not a scan. */
function closingLines(lines: string[]): Closers {
  const closers: Closers = new Map();
  const add = (key: string, j: number): void => {
    const list = closers.get(key);
    if (list) list.push(j);
    else closers.set(key, [j]);
  };
  lines.forEach((line, j) => {
    const end = ORG_END.exec(line);
    if (end) add(`org ${end[1].toLowerCase()}`, j);
    else if (ADOC_LISTING_FENCE.test(line) || ADOC_LITERAL_FENCE.test(line)) add(`fence ${line.trim()}`, j);
  });
  return closers;
}

/**
 * A console session pasted as text: from a prompt line (`In [3]: acc = 85/100`, `>>> p`) to
 * the next blank line; prompt and continuation lines are code, the rest (`Out[3]: 0.85`,
 * `0.25`) what it printed.
 */
function consoleSession(lines: string[], i: number, skip: Set<number>): Delimited | null {
  const prompt = PROMPT.exec(lines[i]);
  if (!prompt) return null;
  // `>>> Final answer: 0.85` is an arrow (or a quote three deep), not Python's prompt.
  if (prompt[0].includes('>>>') && !isCodeLine(lines[i].slice(prompt[0].length))) return null;
  let to = i;
  while (to + 1 < lines.length && lines[to + 1].trim() !== '' && !skip.has(to + 2)) to += 1;
  return { from: i + 1, to: to + 1, kind: 'console' };
}

/** Whether a line of a console session is typed (a prompt or its continuation) rather than printed. */
export function isTyped(line: string): boolean {
  return PROMPT.test(line) || CONTINUATION.test(line);
}

/** Index of the first line after `open` that closes it, within MAX_BLOCK_LINES; -1 if none. */
function closing(closers: Closers, key: string, open: number): number {
  const list = closers.get(key) ?? [];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= open) lo = mid + 1;
    else hi = mid;
  }
  const close = list[lo];
  return close !== undefined && close - open <= MAX_BLOCK_LINES ? close : -1;
}
