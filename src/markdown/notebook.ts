// Jupyter notebooks (`.ipynb`, nbformat 4) read as one Markdown document, the "view":
// markdown cells as written, each code cell as a fenced block and each of its text
// outputs (streams, `text/plain` results) as a fenced `output` block right after it, as
// nbconvert exports them. The rest of the reader then treats a notebook exactly like
// its Markdown export (code and output are not the written answer: blocks.ts). Images
// and rich outputs are dropped unread, so the size limit applies to the text read.
// Every view line keeps its place: the cell (1-based over all cells), the line inside
// that cell (or inside that output), and the line of the raw `.ipynb` it came from.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { SubmissionError } from './errors.js';
import { FENCE } from './fence.js';
import type { NotebookPlace } from '../types.js';
import { SourceText } from './source.js';

export interface NotebookView {
  /** The notebook as one Markdown document. */
  text: string;
  /** The place of each view line (index = view line - 1). */
  places: NotebookPlace[];
  cells: number;
}

/**
 * Bytes of a raw notebook. Plots are stored inline as base64 and dropped unread, so a
 * gradable notebook may be far larger than the 2 MB of text the reader accepts.
 */
export const MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024;

/** Output types whose text is read; `error` tracebacks and rich data are not. */
const TEXT_OUTPUTS = new Set(['stream', 'execute_result', 'display_data']);

/**
 * Whether content is a notebook: JSON (first character `{`) with an `nbformat` key.
 * A Markdown file never starts that way in practice; the file name is not needed.
 */
export function isNotebook(input: string | Uint8Array): boolean {
  if (typeof input === 'string') return /^\uFEFF?\s*\{/.test(input.slice(0, 1000)) && input.includes('"nbformat"');
  let i = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  while (i < input.length && (input[i] === 0x20 || input[i] === 0x0a || input[i] === 0x0d || input[i] === 0x09)) i += 1;
  return input[i] === 0x7b && Buffer.from(input.buffer, input.byteOffset, input.byteLength).includes('"nbformat"');
}

/**
 * The Markdown view of a notebook (see the file comment). Throws a SubmissionError for a
 * file over MAX_NOTEBOOK_BYTES, invalid UTF-8, or JSON that is not a notebook.
 * Example: `notebookView('{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": ["x = 1"]}]}').text` -> `"x = 1\n"`.
 */
export function notebookView(input: string | Uint8Array): NotebookView {
  const raw = typeof input === 'string' ? input : decodeNotebook(input);
  const errors: ParseError[] = [];
  const root = parseTree(raw, errors, { disallowComments: true, allowTrailingComma: false });
  const rawText = new SourceText(raw);
  if (errors.length > 0 || root?.type !== 'object') {
    const first = errors[0];
    const at = first ? rawText.place(first.offset) : undefined;
    throw new SubmissionError('notebook', `not a readable notebook: ${first ? printParseErrorCode(first.error) : 'not a JSON object'}`, at?.line, at?.column);
  }
  const cells = member(root, 'cells');
  if (cells?.type !== 'array') throw new SubmissionError('notebook', 'not a readable notebook: no "cells" list');
  const language = stringAt(member(member(member(root, 'metadata'), 'kernelspec'), 'language')) ?? stringAt(member(member(member(root, 'metadata'), 'language_info'), 'name')) ?? 'python';
  const view = new ViewBuilder(rawText);
  (cells.children ?? []).forEach((cell, i) => view.cell(cell, i + 1, language));
  return view.done((cells.children ?? []).length);
}

function decodeNotebook(bytes: Uint8Array): string {
  if (bytes.length > MAX_NOTEBOOK_BYTES) {
    throw new SubmissionError('size', `notebook too large: ${(bytes.length / (1024 * 1024)).toFixed(1)} MB, the limit is ${MAX_NOTEBOOK_BYTES / (1024 * 1024)} MB`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new SubmissionError('encoding', 'notebook is not valid UTF-8');
  }
}

/** One line of a cell's text with the raw line of the string it starts in. */
interface SourceLine {
  text: string;
  fileLine: number;
}

class ViewBuilder {
  private readonly lines: string[] = [];
  private readonly places: NotebookPlace[] = [];

  constructor(private readonly raw: SourceText) {}

  cell(node: JsonNode, cell: number, language: string): void {
    const type = stringAt(member(node, 'cell_type'));
    const source = textLines(member(node, 'source'), this.raw);
    const at = { cell, line: 1, fileLine: this.raw.lineOf(node.offset) };
    if (this.lines.length > 0) this.push('', this.places[this.places.length - 1]);
    if (type === 'markdown') this.markdown(source, at);
    else if (type === 'code') {
      this.fenced(source, language, at);
      const outputs = member(node, 'outputs');
      for (const output of outputs?.type === 'array' ? (outputs.children ?? []) : []) {
        const lines = outputText(output, this.raw);
        if (lines.length > 0) this.fenced(lines, 'output', { ...at, fileLine: this.raw.lineOf(output.offset) });
      }
    }
    // Raw cells hold no written answer; they still count in the cell numbering.
  }

  /** A markdown cell as written; a fence left open is closed, so it cannot swallow later cells. */
  private markdown(source: SourceLine[], at: NotebookPlace): void {
    let fence: string | null = null;
    source.forEach((line, k) => {
      const place = { cell: at.cell, line: k + 1, fileLine: line.fileLine };
      this.push(line.text, place);
      const match = FENCE.exec(line.text);
      if (match && fence === null) fence = match[1];
      else if (match && fence !== null && match[1][0] === fence[0] && match[1].length >= fence.length) fence = null;
    });
    if (fence !== null) this.push(fence, this.places[this.places.length - 1] ?? at);
  }

  /** Lines in a fence longer than any backtick run inside them. */
  private fenced(source: SourceLine[], info: string, at: NotebookPlace): void {
    const longest = Math.max(0, ...source.map((line) => Math.max(0, ...(line.text.match(/`+/g) ?? []).map((run) => run.length))));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    const first = source[0]?.fileLine ?? at.fileLine;
    this.push(`${fence}${info.replace(/[`\s]/g, '')}`, { ...at, fileLine: first });
    source.forEach((line, k) => this.push(line.text, { cell: at.cell, line: k + 1, fileLine: line.fileLine }));
    this.push(fence, { cell: at.cell, line: Math.max(1, source.length), fileLine: source[source.length - 1]?.fileLine ?? first });
  }

  private push(line: string, place: NotebookPlace): void {
    this.lines.push(line);
    this.places.push(place);
  }

  done(cells: number): NotebookView {
    return { text: this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`, places: this.places, cells };
  }
}

/** The text of a stream or of a result's `text/plain`; nothing for images, HTML and errors. */
function outputText(output: JsonNode, raw: SourceText): SourceLine[] {
  const type = stringAt(member(output, 'output_type'));
  if (type === undefined || !TEXT_OUTPUTS.has(type)) return [];
  const node = type === 'stream' ? member(output, 'text') : member(member(output, 'data'), 'text/plain');
  const lines = textLines(node, raw);
  while (lines.length > 0 && lines[lines.length - 1].text.trim() === '') lines.pop();
  return lines;
}

/**
 * A notebook's multiline string (one string, or a list of strings each ending in `\n`)
 * as lines, each with the raw line of the string element it starts in. CRLF becomes LF.
 */
function textLines(node: JsonNode | undefined, raw: SourceText): SourceLine[] {
  const parts = node?.type === 'string' ? [node] : node?.type === 'array' ? (node.children ?? []).filter((c) => c.type === 'string') : [];
  const lines: SourceLine[] = [];
  let current: SourceLine | null = null;
  for (const part of parts) {
    const fileLine = raw.lineOf(part.offset);
    const pieces = String(part.value).replace(/\r\n?/g, '\n').split('\n');
    pieces.forEach((piece, k) => {
      if (k > 0 && current) {
        lines.push(current);
        current = null;
      }
      // A line starts in the element that holds its first character, not in the `\n` before it.
      if (k > 0 && k === pieces.length - 1 && piece === '') return;
      if (current) current.text += piece;
      else current = { text: piece, fileLine };
    });
  }
  if (current !== null) lines.push(current);
  return lines;
}

function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  const property = node.children?.find((p) => p.children?.[0]?.value === key);
  return property?.children?.[1];
}

function stringAt(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? String(node.value) : undefined;
}
