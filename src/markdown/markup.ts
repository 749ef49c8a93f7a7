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

/**
 * The syntax characters of every phrasing node in the tree (one walk, linear in its size).
 * Example: for `a **0.5** b` the four `*` are 1, everything else 0.
 */
export function inlineMarkup(tree: Root, text: string): Markup {
  const { length } = text;
  const markup = new Uint8Array(length);
  const tags: HtmlTag[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined && end <= length) {
      if (node.type === 'html') tags.push(...htmlTags(text, start, end));
      if (LEFT_OUT.has(node.type)) {
        markup.fill(WITHDRAWN, start, end);
        continue;
      }
      if (WRAPPERS.has(node.type) && 'children' in node) markOutside(markup, start, end, node.children);
      if (node.type === 'inlineCode') markBackticks(markup, start, end, node.value.length);
    }
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  withdrawElements(markup, tags, text);
  return markup;
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
export function unmarkProducts(markup: Markup, tree: Root, text: string): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type === 'emphasis' && start !== undefined && end !== undefined && text[start] === '*' && text[end - 1] === '*') {
      if (/[\p{L}\p{N})\]]/u.test(text[start - 1] ?? '') && /[\p{N}([.]/u.test(text[end] ?? '')) {
        markup[start] = 0;
        markup[end - 1] = 0;
      }
    }
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
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
  const fence = Math.max(1, Math.floor((end - start - valueLength) / 2));
  markup.fill(SYNTAX, start, Math.min(end, start + fence));
  markup.fill(SYNTAX, Math.max(start, end - fence), end);
}

/** Where inline code spans hold their content: [start, end) offsets, in document order. */
export type CodeSpans = Array<[number, number]>;

/**
 * The content of every inline code span (backticks and their one space of padding left
 * out), in document order: a value written in one (`` `m1 = [0.4, 0.8]` ``) ends where the
 * span closes (claims.ts).
 * Example: for ``a `x = 1` b`` -> [[3, 8]].
 */
export function inlineCodeSpans(tree: Root): CodeSpans {
  const spans: CodeSpans = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type === 'inlineCode' && start !== undefined && end !== undefined) {
      const fence = Math.max(1, Math.floor((end - start - node.value.length) / 2));
      if (end - start > 2 * fence) spans.push([start + fence, end - fence]);
    } else if ('children' in node) for (const child of node.children) stack.push(child);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/** The images of the tree with their alt text, in document order. */
export function imagesOf(tree: Root): ImagePlace[] {
  const images: ImagePlace[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if ((node.type === 'image' || node.type === 'imageReference') && start !== undefined && end !== undefined) images.push({ start, end, alt: node.alt ?? '' });
    else if ('children' in node) for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]);
  }
  return images;
}
