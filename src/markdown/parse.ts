// Text -> mdast tree (unified + remark-parse + remark-gfm + remark-math +
// remark-frontmatter), with display math located by our own scan (see math-spans.ts).
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { checkBlockStarts, checkCounts, checkMarkup, checkNesting } from './input.js';
import { findMathSpans, maskMathSpans, type MathSpan } from './math-spans.js';
import { SourceText } from './source.js';

export interface ParsedMarkdown {
  source: SourceText;
  tree: Root;
  /** Display math and `\(`…`\)` spans from our scan; `$…$` inline math is in the tree. */
  spans: MathSpan[];
  /** Offset where the body starts (after the front matter). */
  bodyStart: number;
  student: string | null;
}

// Single tildes strike nothing: `~0.5` and `F1 ~ 0.72` are approximations, not GFM strikethrough.
const processor = unified().use(remarkParse).use(remarkGfm, { singleTilde: false }).use(remarkMath).use(remarkFrontmatter, ['yaml']);

const FRONT_MATTER = /^---[ \t]*\n(?:[\s\S]*?\n)?---[ \t]*(?:\n|$)/;

/**
 * Parses decoded submission text (see input.ts) into a tree whose offsets are the text's.
 * Example: `parseMarkdown("---\nstudent: ada\n---\nx = 1").student` -> `"ada"`.
 */
export function parseMarkdown(text: string): ParsedMarkdown {
  const bodyStart = frontMatterOf(text).length;
  const { spans, lone } = findMathSpans(text, bodyStart);
  const masked = maskMathSpans(text, spans, lone);
  checkNesting(text, masked);
  checkMarkup(masked, spans.map((span) => span.open));
  checkBlockStarts(masked);
  checkCounts(masked, text);
  const tree = processor.parse(masked);
  return { source: new SourceText(text), tree, spans, bodyStart, student: studentOf(tree) };
}

/** The front matter block at the start of decoded text (`---` … `---`), or '' when there is none. */
export function frontMatterOf(text: string): string {
  return FRONT_MATTER.exec(text)?.[0] ?? '';
}

function studentOf(tree: Root): string | null {
  const yaml = tree.children.find((node) => node.type === 'yaml');
  if (!yaml || yaml.type !== 'yaml') return null;
  try {
    const data: unknown = parseYaml(yaml.value, { maxAliasCount: 10 });
    if (data && typeof data === 'object' && 'student' in data) {
      const student = (data as { student: unknown }).student;
      if (typeof student === 'string' || typeof student === 'number') return String(student).trim() || null;
    }
  } catch {
    // Front matter that is not YAML names no student; the answers are still read.
  }
  return null;
}
