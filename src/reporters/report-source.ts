// What the HTML report needs of a submission, as plain data (it can cross to a worker):
// the text as the grader read it and the places of its math and images, as the reader
// found them. The report has no Markdown or math scanner of its own, so what it shows
// as a formula is exactly what was graded as one.
import type { Nodes } from 'mdast';
import { decodeSubmission } from '../markdown/input.js';
import { isNotebook, notebookView } from '../markdown/notebook.js';
import type { MathSpan } from '../markdown/math-spans.js';
import { parseMarkdown } from '../markdown/parse.js';

export interface ReportImage {
  /** Offsets of the whole `![alt](url)` / `![alt][ref]`. */
  start: number;
  end: number;
  alt: string;
}

export interface ReportSource {
  /** The decoded text (no BOM, LF line ends): offsets and lines are the grader's. */
  text: string;
  /** Every formula (display and inline), in document order, not overlapping. */
  math: MathSpan[];
  /** Images, shown by their alt text and never loaded. */
  images: ReportImage[];
  /**
   * For a notebook, `text` is the reader's Markdown view of it (markdown cells, code
   * cells and their text outputs as fenced blocks), and this is the cell place of each
   * of its lines (index = line - 1): results point at cells, the page shows the view.
   */
  places?: Array<{ cell: number; line: number; fileLine: number }>;
}

/**
 * The report's view of a submission file's content. A file the reader refuses gives its
 * text with no math (its report shows only the error anyway).
 * @example reportSourceOf('a $x$\n').math // [{ open: 2, contentStart: 3, contentEnd: 4, end: 5, display: false }]
 */
export function reportSourceOf(content: string | Uint8Array): ReportSource {
  let text: string;
  let places: ReportSource['places'];
  try {
    // A notebook is shown as the reader reads it: its Markdown view, plots dropped unread.
    if (isNotebook(content)) {
      const view = notebookView(content);
      places = view.places;
      text = decodeSubmission(view.text);
    } else text = decodeSubmission(content);
  } catch {
    return { text: '', math: [], images: [] };
  }
  const withPlaces = (source: ReportSource): ReportSource => (places === undefined ? source : { ...source, places });
  try {
    // TODO(reading-markdown): when ParsedSubmission carries its math spans and images,
    // take them from there instead of parsing a second time.
    const parsed = parseMarkdown(text);
    const math = [...parsed.spans];
    const images: ReportImage[] = [];
    visit(parsed.tree, text, math, images);
    return withPlaces({ text, math: math.sort((a, b) => a.open - b.open), images });
  } catch {
    return withPlaces({ text, math: [], images: [] });
  }
}

function visit(node: Nodes, text: string, math: MathSpan[], images: ReportImage[]): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (node.type === 'inlineMath' && start !== undefined && end !== undefined) {
    let contentStart = start;
    let contentEnd = end;
    while (text[contentStart] === '$' && contentStart < contentEnd) contentStart += 1;
    while (text[contentEnd - 1] === '$' && contentEnd > contentStart) contentEnd -= 1;
    math.push({ open: start, contentStart, contentEnd, end, display: false });
  } else if ((node.type === 'image' || node.type === 'imageReference') && start !== undefined && end !== undefined) {
    images.push({ start, end, alt: node.alt ?? '' });
  } else if ('children' in node) {
    for (const child of node.children) visit(child, text, math, images);
  }
}
