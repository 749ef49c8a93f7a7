// What the HTML report needs of a submission, as plain data (it can cross to a worker):
// the text as the grader read it and the places of its math and images, as the reader
// found them. The report has no Markdown or math scanner of its own, so what it shows
// as a formula is exactly what was graded as one.
import { readDocument, type Reading } from '../markdown/index.js';
import { decodeSubmission } from '../markdown/input.js';
import type { MathSpan } from '../markdown/math-spans.js';
import { isNotebook, notebookView } from '../markdown/notebook.js';

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
 * The report's view of a reading (the decoded text and what the reader found in it):
 * what a batch renders from the parse grading made, without parsing again.
 * @example reportSourceOfReading(readDocument('a $x$\n')).math // [{ open: 2, contentStart: 3, contentEnd: 4, end: 5, display: false }]
 */
export function reportSourceOfReading({ text, parsed }: Reading): ReportSource {
  return { text, math: parsed.math, images: parsed.images, ...(parsed.notebook ? { places: parsed.notebook.places } : {}) };
}

/**
 * The report's view of a submission file's content, for a caller that has no reading of
 * it (writeBatch after gradeAll): it is read once here. A file the reader refuses gives
 * its text with no math (its report shows only the error anyway).
 * @example reportSourceOf('a $x$\n').math // [{ open: 2, contentStart: 3, contentEnd: 4, end: 5, display: false }]
 */
export function reportSourceOf(content: string | Uint8Array): ReportSource {
  try {
    return reportSourceOfReading(readDocument(content));
  } catch {
    return unreadSource(content);
  }
}

/** The decoded text (a notebook's view) without math, for content the reader refuses. */
function unreadSource(content: string | Uint8Array): ReportSource {
  try {
    if (!isNotebook(content)) return { text: decodeSubmission(content), math: [], images: [] };
    const view = notebookView(content);
    return { text: decodeSubmission(view.text), math: [], images: [], places: view.places };
  } catch {
    return { text: '', math: [], images: [] };
  }
}
