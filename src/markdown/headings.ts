// Markdown headings and topic lines (SPEC §4): the places `heading:` locators search,
// and the topics under which numbering restarts.
import type { Heading } from '../types.js';
import { contentStart, type LeafBlock } from './blocks.js';
import type { MathSpan } from './math-spans.js';
import type { SourceText } from './source.js';
import type { Markup } from './markup.js';
import { cleanText } from './stream.js';

/** A heading or topic line that may become the topic of the sections after it. */
export interface TopicLine {
  offset: number;
  line: number;
  text: string;
}

export interface HeadingScan {
  headings: Heading[];
  topics: TopicLine[];
}

const MAX_TOPIC_WORDS = 8;

/**
 * Markdown headings (depth 1-6) and topic lines (depth 0): a top-level paragraph of one
 * line, at most 8 words, no math, not ending in `.`. We also leave out lines that
 * contain `=` or a tab (answers and table rows), or have no letter (`(1)`). Headings
 * and topic lines that open with a marker are listed but are not topics.
 * Example: `"Computation Graphs"` alone on a line -> `{text: "Computation Graphs", depth: 0}`.
 */
export function scanHeadings(blocks: LeafBlock[], source: SourceText, spans: MathSpan[], markerLines: Set<number>, markup?: Markup): HeadingScan {
  const headings: Heading[] = [];
  const topics: TopicLine[] = [];
  const mathLines = linesWithMath(spans, source);
  for (const block of blocks) {
    if (block.kind === 'heading' && block.node.type === 'heading') {
      const text = headingText(source, block, markup);
      headings.push({ text, depth: block.node.depth, line: block.startLine });
      if (!markerLines.has(block.startLine)) topics.push({ offset: block.start, line: block.startLine, text });
    } else if (isTopicLine(block, source, mathLines, markup)) {
      const text = cleanTopic(source.text, contentStart(block, source, block.startLine), block.end, markup);
      headings.push({ text, depth: 0, line: block.startLine });
      // Like a Markdown heading, a short line that opens with a marker ("Part II -
      // Multiple Binary Cross-Entropy Losses") is searchable but starts no topic.
      if (!markerLines.has(block.startLine)) topics.push({ offset: block.start, line: block.startLine, text });
    }
  }
  return { headings, topics };
}

function isTopicLine(block: LeafBlock, source: SourceText, mathLines: Set<number>, markup?: Markup): boolean {
  if (block.kind !== 'paragraph' || block.node.type !== 'paragraph' || !block.topLevel) return false;
  if (block.startLine !== block.endLine || mathLines.has(block.startLine)) return false;
  if (block.node.children.some((child) => child.type === 'inlineMath')) return false;
  const raw = source.text.slice(block.start, block.end);
  const text = cleanTopic(source.text, block.start, block.end, markup);
  const words = text.split(/\s+/).filter((word) => word !== '');
  return (
    words.length > 0 &&
    words.length <= MAX_TOPIC_WORDS &&
    !text.endsWith('.') &&
    /\p{L}/u.test(text) &&
    !/[=\t$]/.test(raw)
  );
}

function linesWithMath(spans: MathSpan[], source: SourceText): Set<number> {
  const lines = new Set<number>();
  for (const span of spans) {
    for (let line = source.lineOf(span.open); line <= source.lineOf(span.end - 1); line++) lines.add(line);
  }
  return lines;
}

/** `## Losses ##` -> `Losses`; `Metrics\n===` -> `Metrics`. */
function headingText(source: SourceText, block: LeafBlock, markup?: Markup): string {
  const end = Math.min(block.end, source.lineEnd(block.startLine));
  return cleanTopic(source.text, block.start, end, markup).replace(/^#{1,6}\s*/, '').replace(/\s+#+$/, '');
}

function cleanTopic(text: string, from: number, to: number, markup?: Markup): string {
  return cleanText(text, from, to, markup).text.replace(/\s+/g, ' ').trim();
}
