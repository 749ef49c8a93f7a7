// The mdast tree flattened into leaf blocks in document order: what the rest of the
// reader walks. Containers (lists, quotes) only decide adjacency and line prefixes.
import type { Nodes, Parent, Root } from 'mdast';
import type { SourceText } from './source.js';

export type LeafKind = 'paragraph' | 'heading' | 'code' | 'fenced' | 'html' | 'table' | 'other';

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
      });
    }
  };
  visit(tree, false);
  return blocks;
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

/** Blocks whose text is read for claims (fenced code is a program, not working). */
export function isProse(block: LeafBlock): boolean {
  return block.kind === 'paragraph' || block.kind === 'code' || block.kind === 'html' || block.kind === 'heading';
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
