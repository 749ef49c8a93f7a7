// Reading a submission (SPEC §5): text -> tree -> sections, headings, blocks -> claims.
import type { Nodes } from 'mdast';
import { addEvidence, decideConvention, emptyEvidence } from '../latex/index.js';
import type { Block, Claim, NotebookPlace, NumberConvention, ParsedSubmission } from '../types.js';
import { isProse, leafBlocks, type LeafBlock } from './blocks.js';
import { chainsOf, claimOf, MAX_STEPS, type Chain, type ClaimContext } from './claims.js';
import { readDelimited, type ProgramPart } from './delimited.js';
import { closesFence } from './fence.js';
import { scanHeadings } from './headings.js';
import { checkReadCounts, decodeSubmission } from './input.js';
import type { MathSpan } from './math-spans.js';
import { readInline } from './markup.js';
import { isNotebook, notebookView } from './notebook.js';
import { frontMatterOf, parseMarkdown } from './parse.js';
import { buildSections, scanMarkers, type MarkerEvent, type SectionIndex } from './sections.js';
import type { SourceText } from './source.js';
import { blockStream, type StreamBlock, type StreamContext, type StreamItem } from './stream.js';
import { findTabTables, gfmGrid, tableClaims, type Grid } from './tables.js';
import { tokenize } from './tokens.js';

export { SubmissionError } from './errors.js';
export { formatExtract } from './extract-format.js';
export { normaliseLabel } from './labels.js';
export { normalisePath } from './markers.js';
export { isNotebook, MAX_NOTEBOOK_BYTES } from './notebook.js';

export interface ReadOptions {
  /** Base of a bare `\log` in student math (rubric `log_base`); e, by default. */
  logBase?: number;
  /** The rubric's `numbers`: fixes the convention instead of the document's evidence. */
  numbers?: NumberConvention;
}

/**
 * The display name (front matter `student:`) alone, reading nothing past the front
 * matter: how a shard sees the other shards' files. Null when there is none or the
 * file cannot be decoded.
 * @example displayNameOf('---\nstudent: ada\n---\nx = 1') // 'ada'
 */
export function displayNameOf(input: string | Uint8Array): string | null {
  try {
    return parseMarkdown(frontMatterOf(decodeSubmission(isNotebook(input) ? notebookView(input).text : input))).student;
  } catch {
    return null;
  }
}

/**
 * Reads a submission (text, or the file's bytes) into sections, headings, blocks and
 * claims. Throws a SubmissionError (with line and column when known) for binary files,
 * invalid UTF-8, files over 2 MB and text nested too deeply to parse.
 * Example: `readSubmission("Q 2\n\n(a) Accuracy = 0.83").claims[0]` ->
 * `{ label: "accuracy", section: "2.a", steps: [{ value: 0.83, … }], line: 3, column: 16, … }`.
 */
export function readSubmission(input: string | Uint8Array, options: ReadOptions = {}): ParsedSubmission {
  return readDocument(input, options).parsed;
}

/** A reading and the decoded text its offsets point into (for a notebook, its Markdown view). */
export interface Reading {
  text: string;
  parsed: ParsedSubmission;
}

/** readSubmission, also handing back the decoded text, for a report that shows it (one parse for both). */
export function readDocument(input: string | Uint8Array, options: ReadOptions = {}): Reading {
  const notebook = isNotebook(input) ? notebookView(input) : null;
  const parsed = parseMarkdown(decodeSubmission(notebook ? notebook.text : input));
  const { source, tree, spans } = parsed;
  const blocks = leafBlocks(tree, source);
  const firstLine = source.lineOf(parsed.bodyStart);
  // Org and AsciiDoc code and results blocks: not prose, read as code and output below.
  const delimited = readDelimited(blocks, source);
  const apart = union(linesOf(blocks, (block) => block.role !== 'text' || block.kind === 'table'), linesInsideMath(spans, source), delimited.lines);
  const tabTables = findTabTables(source, firstLine, apart);
  const tabLines = new Set(tabTables.flatMap((grid) => grid.map((row) => row[0].line)));
  const markers = scanMarkers(source, firstLine, union(apart, tabLines));
  const { markup, images, codeSpans } = readInline(tree, source.text);
  const proseBlocks = delimited.lines.size === 0 ? blocks : blocks.filter((block) => !delimited.lines.has(block.startLine));
  const { headings, topics } = scanHeadings(proseBlocks, source, spans, new Set(markers.map((marker) => marker.line)), markup);
  const sections = buildSections(markers, topics, source);
  const mathAt = mathByOpen(spans, tree, source.text);
  const stream: StreamContext = { source, mathAt, markerAt: new Map(markers.map((m) => [m.offset, m.end])), skipLines: union(tabLines, delimited.lines), markup };
  const grids = [...blocks.flatMap((block) => (block.node.type === 'table' ? [gfmGrid(block.node, source.text)] : [])), ...tabTables];
  const chains = chainsOf(tokenize(documentStream(blocks, stream, new Set(markers.map((marker) => marker.end)))), codeSpans);
  const cells = grids.reduce((sum, grid) => sum + grid.reduce((n, row) => n + row.length, 0), 0);
  checkReadCounts({ headings: headings.length, cells, claims: chains.length + cells });
  const numbers = numberConvention(chains, grids, source.text, options.numbers);
  const stepOptions = { logBase: options.logBase, numbers: numbers.settled ? numbers.convention : ('unsettled' as const), dotThousands: numbers.dotThousands };
  const claimContext: ClaimContext = { source, at: sections.at, options: stepOptions, budget: { steps: MAX_STEPS }, memo: new Map() };
  const claims = [...chains.map((chain) => claimOf(chain, claimContext)), ...grids.flatMap((grid) => tableClaims(grid, stream, claimContext)), ...blocks.flatMap((block) => (block.role === 'text' ? [] : programClaims(codeBody(block, source), block.role, stream, claimContext))), ...delimited.parts.flatMap((part) => programClaims(partBody(part, source), part.role, stream, claimContext))];
  const read: ParsedSubmission = {
    student: parsed.student,
    numbers: { convention: numbers.convention, settled: numbers.settled },
    sections: sections.sections,
    headings,
    blocks: outputBlocks(blocks, source, markers, tabLines, grids, sections),
    claims: inDocumentOrder(claims),
    math: [...mathAt.values()].sort((a, b) => a.open - b.open),
    images,
  };
  return { text: source.text, parsed: notebook ? inCells(read, notebook.places, notebook.cells) : read };
}

/**
 * A notebook's reading with every step placed in its cell (`cell`, the line inside the
 * cell, `fileLine` in the raw file) and claims told their cell; the rest keeps the view's
 * lines, which order the whole notebook (see ParsedSubmission.notebook).
 */
function inCells(read: ParsedSubmission, places: NotebookPlace[], cells: number): ParsedSubmission {
  const at = (line: number): NotebookPlace => places[Math.min(places.length, Math.max(1, line)) - 1] ?? { cell: 1, line, fileLine: line };
  const claims = read.claims.map((claim) => {
    const place = at(claim.line);
    const steps = claim.steps.map((step) => {
      const { cell, line, fileLine } = at(step.line);
      return { ...step, cell, line, fileLine };
    });
    return { ...claim, steps, cell: place.cell, cellLine: place.line };
  });
  return { ...read, claims, notebook: { cells, places } };
}

/**
 * All prose blocks as one stream; consecutive blocks of one container may continue a
 * claim. A block that opens right after a marker on its line (the `1.` of a list item)
 * starts with a marker boundary, so a bare value there is still an answer (`1. $3$`).
 */
function documentStream(blocks: LeafBlock[], stream: StreamContext, markerEnds: Set<number>): StreamItem[] {
  const items: StreamItem[] = [];
  let previous: LeafBlock | null = null;
  for (const block of blocks) {
    const joins = previous !== null && isProse(block) && previous.parent === block.parent && block.kind !== 'heading' && previous.kind !== 'heading';
    if (joins) items.push({ kind: 'nl', offset: block.start });
    else items.push({ kind: 'end', offset: block.start, marker: markerEnds.has(blankBefore(stream.source.text, block.start)) });
    previous = isProse(block) ? block : null;
    if (previous) for (const item of blockStream(block, stream)) items.push(item);
  }
  return items;
}

/**
 * Claims in a code block or a code cell's printed output, marked `from` so that only a
 * rubric that asks for them reads them (`read: [text, output]`). Each block is read on
 * its own (a claim never runs from code into text), and a value opening an output block
 * answers like one right after a marker (a bare printed `0.82`).
 */
function programClaims(body: StreamBlock | null, role: 'code' | 'output', stream: StreamContext, claimContext: ClaimContext): Claim[] {
  if (body === null) return [];
  const items: StreamItem[] = [{ kind: 'end', offset: body.start, marker: role === 'output' }, ...blockStream(body, { ...stream, markerAt: new Map(), skipLines: new Set(), markup: undefined })];
  return chainsOf(tokenize(items)).map((chain) => ({ ...claimOf(chain, claimContext), from: role }));
}

/** The body lines of an Org or AsciiDoc block, as a block the stream can read. */
function partBody(part: ProgramPart, source: SourceText): StreamBlock {
  return { kind: 'code', start: source.lineStart(part.startLine), end: source.lineEnd(part.endLine), startLine: part.startLine, endLine: part.endLine, inQuote: false };
}

/** The lines of a code block without its fences, as a block the stream can read; null when empty. */
function codeBody(block: LeafBlock, source: SourceText): StreamBlock | null {
  if (block.kind !== 'fenced') return { ...block, kind: 'code' };
  const closed = block.endLine > block.startLine && closesFence(source.lineText(block.endLine));
  const startLine = block.startLine + 1;
  const endLine = closed ? block.endLine - 1 : block.endLine;
  if (endLine < startLine) return null;
  return { kind: 'code', start: source.lineStart(startLine), end: source.lineEnd(endLine), startLine, endLine, inQuote: block.inQuote };
}

/**
 * The document's number convention from the student's own math: the steps of every
 * claim and every table cell, over the whole document (code is not in the stream).
 */
function numberConvention(chains: Chain[], grids: Grid[], text: string, fixed: NumberConvention | undefined) {
  const evidence = emptyEvidence();
  for (const chain of chains) for (const step of chain.steps) addEvidence(step.map((frag) => frag.text).join(''), evidence);
  for (const grid of grids) for (const row of grid) for (const cell of row) addEvidence(text.slice(cell.start, cell.end), evidence);
  return decideConvention(evidence, fixed);
}

/** Offset where the spaces and tabs right before an offset start. */
function blankBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i -= 1;
  return i;
}

function inDocumentOrder(claims: Claim[]): Claim[] {
  return claims.map((claim, i) => ({ claim, i })).sort((a, b) => a.claim.line - b.claim.line || a.claim.column - b.claim.column || a.i - b.i).map(({ claim }) => claim);
}

/** Display spans from our scan plus remark's `$…$` inline math, by opening offset. */
function mathByOpen(spans: MathSpan[], tree: Nodes, text: string): Map<number, MathSpan> {
  const byOpen = new Map(spans.map((span) => [span.open, span]));
  const visit = (node: Nodes): void => {
    if (node.type === 'inlineMath') {
      const span = inlineSpan(node, text);
      if (span) byOpen.set(span.open, span);
    } else if (node.type === 'inlineCode') {
      const span = mathRole(node, text);
      if (span) byOpen.set(span.open, span);
    } else if ('children' in node) {
      for (const child of node.children) visit(child);
    }
  };
  visit(tree);
  return byOpen;
}

/** reStructuredText's math role, ``:math:`\frac{85}{100} = 0.85` ``: the code span is inline math, the role its opening. */
function mathRole(node: Extract<Nodes, { type: 'inlineCode' }>, text: string): MathSpan | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined || text.slice(start - 6, start) !== ':math:') return null;
  const fence = Math.max(1, Math.floor((end - start - node.value.length) / 2));
  return { open: start - 6, contentStart: start + fence, contentEnd: end - fence, end, display: false };
}

function inlineSpan(node: Nodes, text: string): MathSpan | null {
  const open = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (open === undefined || end === undefined) return null;
  let contentStart = open;
  let contentEnd = end;
  while (text[contentStart] === '$' && contentStart < contentEnd) contentStart += 1;
  while (text[contentEnd - 1] === '$' && contentEnd > contentStart) contentEnd -= 1;
  return { open, contentStart, contentEnd, end, display: false };
}

function linesOf(blocks: LeafBlock[], keep: (block: LeafBlock) => boolean): Set<number> {
  const lines = new Set<number>();
  for (const block of blocks.filter(keep)) for (let line = block.startLine; line <= block.endLine; line++) lines.add(line);
  return lines;
}

/** Lines that start inside a display span (not its first line): no markers or tables there. */
function linesInsideMath(spans: MathSpan[], source: SourceText): Set<number> {
  const lines = new Set<number>();
  for (const span of spans) for (let line = source.lineOf(span.open) + 1; line <= source.lineOf(span.end - 1); line++) lines.add(line);
  return lines;
}

function union(...sets: Set<number>[]): Set<number> {
  return new Set(sets.flatMap((set) => [...set]));
}

/** Blocks for `text:` locators: leaf blocks split before marker lines; table rows apart. */
function outputBlocks(blocks: LeafBlock[], source: SourceText, markers: MarkerEvent[], tabLines: Set<number>, grids: Grid[], sections: SectionIndex): Block[] {
  const markerLines = new Set(markers.map((marker) => marker.line));
  const out: Block[] = [];
  const push = (from: number, to: number, line: number, endLine: number): void => {
    const text = source.text.slice(from, to).trim();
    if (text === '') return;
    const { section, topic } = sections.at(source.lineEnd(line));
    out.push({ text, line, endLine, section, topic });
  };
  for (const block of blocks) {
    if (block.kind === 'table' || block.kind === 'other') continue;
    let from = block.start;
    let line = block.startLine;
    for (let next = block.startLine + 1; next <= block.endLine + 1; next++) {
      const cut = next > block.endLine || markerLines.has(next) || tabLines.has(next) || tabLines.has(next - 1);
      if (!cut) continue;
      push(from, Math.min(block.end, source.lineEnd(next - 1)), line, next - 1);
      if (next <= block.endLine) [from, line] = [source.lineStart(next), next];
    }
  }
  for (const grid of grids) {
    if (tabLines.has(grid[0][0].line)) continue;
    for (const row of grid) push(source.lineStart(row[0].line), source.lineEnd(row[0].line), row[0].line, row[0].line);
  }
  const seen = new Set(out.map((block) => block.line));
  for (const line of tabLines) if (!seen.has(line)) push(source.lineStart(line), source.lineEnd(line), line, line);
  return out.sort((a, b) => a.line - b.line);
}
