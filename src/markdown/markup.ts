// Where inline Markdown syntax sits, read from remark's tree rather than from the raw
// text: the delimiters of emphasis, strong text and links, the backticks of inline code
// (their content is text), and whole struck-out text, images and footnote references
// (not the student's answer). The stream leaves those characters out, so text and math
// keep their own offsets and `accuracy = *$0.5$*` reads like `accuracy = $0.5$`.
// Inline HTML pasted from an LMS or Typora is presentation too (stream.ts drops its tags),
// except the elements whose content is not the answer: struck (`<del>`, `<s>`,
// `<strike>`: withdrawn, like `~~…~~`) and not text at all (`<script>`, `<style>` …).
import type { Nodes, Root } from 'mdast';
import type { ImagePlace } from '../types.js';

/** Per character of the submission: 0 text, 1 Markdown syntax, 2 withdrawn or not text. */
export type Markup = Uint8Array;

const SYNTAX = 1;
const WITHDRAWN = 2;
/** Phrasing nodes whose syntax is everything outside their children. */
const WRAPPERS = new Set(['emphasis', 'strong', 'link', 'linkReference']);
/** Phrasing nodes left out whole: struck text is withdrawn; images and footnote marks are no text. */
const LEFT_OUT = new Set(['delete', 'image', 'imageReference', 'footnoteReference']);

/** HTML elements whose content is withdrawn (struck) or is no text (scripts, styles, form fields). */
const WITHDRAWN_ELEMENTS = new Set(['del', 's', 'strike', 'script', 'style', 'textarea', 'template', 'noscript', 'title']);
/** A start or end tag; what it may hold is bounded by the html node it is in. */
const HTML_TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?\/?>/g;
/** How far a withdrawn element's end tag may be from its start tag. */
const MAX_ELEMENT_CHARS = 5000;

/** Whether the character at `offset` is withdrawn or not text (struck, an image, a script). */
export function isWithdrawn(markup: Markup | undefined, offset: number): boolean {
  return markup?.[offset] === WITHDRAWN;
}

/** Where inline code spans hold their content: [start, end) offsets, in document order. */
export type CodeSpans = Array<[number, number]>;

/** What remark's tree says of the inline text: its syntax per character, its images and code spans. */
export interface InlineReading {
  markup: Markup;
  /** The images with their alt text, in document order (struck ones too: the HTML report shows them). */
  images: ImagePlace[];
  /**
   * The content of every inline code span (backticks and their one space of padding left
   * out): a value written in one (`` `m1 = [0.4, 0.8]` ``) ends where the span closes (claims.ts).
   */
  codeSpans: CodeSpans;
}

/**
 * One walk of the tree, linear in its size: the syntax characters of every phrasing node,
 * the tags of withdrawn HTML elements, the products written as emphasis, the images and
 * the code spans. Inside a node left out whole nothing more is marked (it is withdrawn
 * already, and its tags pair with nothing outside it), but its images and code spans are
 * found and its products keep their `*` like any other.
 * Example: for ``a **0.5** `b` `` the four `*` and the backticks are 1, everything else 0; codeSpans [[11, 12]].
 */
export function readInline(tree: Root, text: string): InlineReading {
  const { length } = text;
  const markup = new Uint8Array(length);
  const tags: HtmlTag[] = [];
  const products: number[] = [];
  const images: ImagePlace[] = [];
  const codeSpans: CodeSpans = [];
  const stack: Array<{ node: Nodes; leftOut: boolean }> = [{ node: tree, leftOut: false }];
  while (stack.length > 0) {
    const { node, leftOut } = stack.pop()!;
    let inside = leftOut;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      if (node.type === 'image' || node.type === 'imageReference') images.push({ start, end, alt: node.alt ?? '' });
      if (isProduct(node, start, end, text)) products.push(start, end - 1);
      if (node.type === 'inlineCode') {
        const fence = backtickFence(start, end, node.value.length);
        if (end - start > 2 * fence) codeSpans.push([start + fence, end - fence]);
      }
      if (!leftOut && end <= length) {
        if (node.type === 'html') tags.push(...htmlTags(text, start, end));
        if (LEFT_OUT.has(node.type)) {
          markup.fill(WITHDRAWN, start, end);
          inside = true;
        }
        if (WRAPPERS.has(node.type) && 'children' in node) markOutside(markup, start, end, node.children);
        if (node.type === 'inlineCode') markBackticks(markup, start, end, node.value.length);
      }
    }
    // children pushed last first, so that they come off the stack (and images are found) in document order
    if ('children' in node) for (let k = node.children.length - 1; k >= 0; k--) stack.push({ node: node.children[k], leftOut: inside });
  }
  withdrawElements(markup, tags, text);
  for (const offset of products) markup[offset] = 0;
  return { markup, images, codeSpans };
}

interface HtmlTag {
  name: string;
  closing: boolean;
  start: number;
  end: number;
}

/** The tags in the raw text of one html node (inline `<del>`, or a whole HTML block). */
function htmlTags(text: string, from: number, to: number): HtmlTag[] {
  const tags: HtmlTag[] = [];
  const raw = text.slice(from, to);
  for (const match of raw.matchAll(HTML_TAG)) {
    const name = match[2].toLowerCase();
    if (WITHDRAWN_ELEMENTS.has(name)) tags.push({ name, closing: match[1] === '/', start: from + match.index, end: from + match.index + match[0].length });
  }
  return tags;
}

/**
 * `<del>0.79</del>`, `<script>…</script>`: from a start tag to its end tag (same name,
 * within MAX_ELEMENT_CHARS, no blank line between) nothing is the student's text.
 * A start tag without an end tag withdraws nothing (the tag itself is dropped as usual).
 */
function withdrawElements(markup: Markup, tags: HtmlTag[], text: string): void {
  tags.sort((a, b) => a.start - b.start);
  const open = new Map<string, HtmlTag>();
  for (const tag of tags) {
    const start = open.get(tag.name);
    if (!tag.closing) {
      if (!start) open.set(tag.name, tag);
      continue;
    }
    if (!start) continue;
    open.delete(tag.name);
    if (tag.end - start.start <= MAX_ELEMENT_CHARS && !/\n[ \t]*\n/.test(text.slice(start.start, tag.end))) markup.fill(WITHDRAWN, start.start, tag.end);
  }
}

/**
 * Emphasis that is really multiplication (`2*0.82*0.77`: remark reads `*0.82*` as
 * emphasis): a `*` pair with a value right before the opener and right after the closer
 * stays as written. The one explicit rule of its kind; everything else is the tree's.
 */
function isProduct(node: Nodes, start: number, end: number, text: string): boolean {
  if (node.type !== 'emphasis' || text[start] !== '*' || text[end - 1] !== '*') return false;
  return /[\p{L}\p{N})\]]/u.test(text[start - 1] ?? '') && /[\p{N}([.]/u.test(text[end] ?? '');
}

function markOutside(markup: Markup, start: number, end: number, children: Nodes[]): void {
  let at = start;
  for (const child of children) {
    const from = child.position?.start.offset;
    const to = child.position?.end.offset;
    if (from === undefined || to === undefined) continue;
    if (from > at) markup.fill(SYNTAX, at, from);
    at = Math.max(at, to);
  }
  if (end > at) markup.fill(SYNTAX, at, end);
}

/** The backtick runs (and the one space of padding) around inline code; its content is text. */
function markBackticks(markup: Markup, start: number, end: number, valueLength: number): void {
  const fence = backtickFence(start, end, valueLength);
  markup.fill(SYNTAX, start, Math.min(end, start + fence));
  markup.fill(SYNTAX, Math.max(start, end - fence), end);
}

/** How many characters of an inline code span's each side are backticks and padding. */
function backtickFence(start: number, end: number, valueLength: number): number {
  return Math.max(1, Math.floor((end - start - valueLength) / 2));
}
