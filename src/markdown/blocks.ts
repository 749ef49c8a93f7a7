// The mdast tree flattened into leaf blocks in document order: what the rest of the
// reader walks. Containers (lists, quotes) only decide adjacency and line prefixes.
import type { Nodes, Parent, Root } from 'mdast';
import { isProgram } from './program-text.js';
import type { SourceText } from './source.js';

export type LeafKind = 'paragraph' | 'heading' | 'code' | 'fenced' | 'html' | 'table' | 'other';

/**
 * Whose words a block holds: the student's written `text`, a program (`code`: a fenced
 * block), or what a program printed (`output`: the code block right after a fenced code
 * block, as nbconvert exports a cell's output, indented or fenced). An indented block
 * after a paragraph ending in `::` is code too: reStructuredText's literal block; so is an
 * indented block that is unmistakably a program (program-text.ts), and the indented block
 * right after code is its output. Other indented text (OCR'd or plain-text work) is `text`.
 */
export type BlockRole = 'text' | 'code' | 'output';

export interface LeafBlock {
  kind: LeafKind;
  node: Nodes;
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** The container the block sits in: consecutive blocks of one container may share a claim. */
  parent: Parent;
  /** A direct child of the document (topic lines must be). */
  topLevel: boolean;
  inQuote: boolean;
  role: BlockRole;
}

/**
 * Every leaf block (paragraph, heading, code, html, table, thematic break) in order;
 * front matter is left out.
 * Example: `leafBlocks(tree, source)[0].kind` -> `"paragraph"` for `"x = 1"`.
 */
export function leafBlocks(tree: Root, source: SourceText): LeafBlock[] {
  const blocks: LeafBlock[] = [];
  const visit = (parent: Parent, inQuote: boolean): void => {
    for (const node of parent.children) {
      if (node.type === 'yaml' || !node.position) continue;
      if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem' || node.type === 'footnoteDefinition') {
        visit(node, inQuote || node.type === 'blockquote');
        continue;
      }
      const start = node.position.start.offset ?? 0;
      const end = node.position.end.offset ?? start;
      blocks.push({
        kind: kindOf(node, source.text, start),
        node,
        start,
        end,
        startLine: node.position.start.line,
        endLine: node.position.end.line,
        parent,
        topLevel: parent === tree,
        inQuote,
        role: 'text',
      });
    }
  };
  visit(tree, false);
  assignRoles(blocks, source.text);
  return blocks;
}

/** Info strings of a fenced block that holds printed output rather than a program. */
const OUTPUT_INFO = /^(?:|text|txt|plain|plaintext|output|out|stdout|stderr|console|result)$/i;

/**
 * Fenced blocks are code; a code block right after code (or after its output) is output
 * when it is indented or fenced without a program's language (```` ```text ````, bare).
 * An indented block introduced by `::` (reStructuredText, Sphinx), or whose lines are a
 * program (`import`, `print(`, `np.array(` among statements only), is code.
 */
function assignRoles(blocks: LeafBlock[], text: string): void {
  let previous: LeafBlock | null = null;
  for (const block of blocks) {
    const afterCode = previous !== null && previous.role !== 'text';
    if (block.kind === 'fenced') block.role = afterCode && OUTPUT_INFO.test(infoOf(block)) ? 'output' : 'code';
    else if (block.kind === 'code' && afterCode) block.role = 'output';
    else if (block.kind === 'html' && block.node.type === 'html') block.role = preformattedRole(block.node.value) ?? (afterCode && PRE.test(block.node.value) ? 'output' : 'text');
    else if (block.kind === 'code') {
      const literal = previous === null ? null : literalRole(previous, text);
      if (literal !== null) block.role = literal;
      else if (block.node.type === 'code' && isProgram(block.node.value)) block.role = 'code';
    }
    previous = block;
  }
}

const PRE = /^[ \t]*<pre(?:[ \t>])/i;
const PRE_CODE = /^[ \t]*<pre(?:[ \t][^<>]*)?>[ \t]*<code(?:[ \t>])/i;

/**
 * An HTML `<pre>` block: with `<code>` inside it is code, as a fenced block is; a bare
 * `<pre>` is preformatted text, code only when it holds a program (like an indented
 * block). Null for any other HTML (the student's text) and a bare `<pre>` of text.
 */
function preformattedRole(html: string): 'code' | null {
  if (PRE_CODE.test(html)) return 'code';
  return PRE.test(html) && isProgram(html.replace(/<[^<>\n]*>/g, '')) ? 'code' : null;
}

/** reStructuredText directives whose body is a program, or what a program printed. */
const CODE_DIRECTIVES = /^(?:code|code-block|sourcecode|highlight|ipython|jupyter-execute|doctest|testcode|literalinclude|program-output|command-output)$/i;
const OUTPUT_DIRECTIVES = /^(?:testoutput|code-output|output)$/i;
/** `.. name:: arguments` opening a paragraph (its `:option:` lines may follow). */
const DIRECTIVE = /^[ \t]*\.\.[ \t]+([A-Za-z][\w:-]*?)::(?:[ \t]|$)/;

/**
 * What the indented block after a paragraph is in reStructuredText: a directive's body is
 * code (`.. code-block:: python`) or output (`.. testoutput::`) by its name, and text for
 * any other directive (`.. math::` holds the student's math, `.. note::` prose); a
 * paragraph ending in `::` (`Result::`, or `::` alone) opens a literal block (code). Null
 * when the paragraph opens nothing.
 */
function literalRole(block: LeafBlock, text: string): 'code' | 'output' | null {
  if (block.kind !== 'paragraph') return null;
  const written = text.slice(block.start, block.end);
  const directive = DIRECTIVE.exec(written);
  if (directive) return CODE_DIRECTIVES.test(directive[1]) ? 'code' : OUTPUT_DIRECTIVES.test(directive[1]) ? 'output' : null;
  return written.trimEnd().endsWith('::') ? 'code' : null;
}

/** The language of a fenced block (`python` in ```` ```python ````), or "". */
function infoOf(block: LeafBlock): string {
  return block.node.type === 'code' ? (block.node.lang ?? '') : '';
}

function kindOf(node: Nodes, text: string, start: number): LeafKind {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'html':
    case 'table':
      return node.type;
    case 'math':
      return 'paragraph';
    case 'code':
      return /^(?:`{3}|~{3})/.test(text.slice(start, start + 3)) ? 'fenced' : 'code';
    default:
      return 'other';
  }
}

/** Blocks whose text is the student's written work (code and its output are read apart). */
export function isProse(block: LeafBlock): boolean {
  return block.role === 'text' && (block.kind === 'paragraph' || block.kind === 'code' || block.kind === 'html' || block.kind === 'heading');
}

/**
 * Offset where a block's text starts on one of its lines: the block start on its first
 * line; on later lines after the indentation (and `>` inside block quotes).
 */
export function contentStart(block: Pick<LeafBlock, 'start' | 'startLine' | 'inQuote'>, source: SourceText, line: number): number {
  if (line === block.startLine) return block.start;
  const text = source.text;
  let i = source.lineStart(line);
  const end = source.lineEnd(line);
  while (i < end && (text[i] === ' ' || text[i] === '\t' || (block.inQuote && text[i] === '>'))) i += 1;
  return i;
}
