// The HTML report (SPEC §7): the submission as the student wrote it, line by line, with
// its math rendered by KaTeX and each answer's verdict marked on the line it was read
// from, beside a list of all answers. Safety rests on no sanitiser: every character of
// student text is HTML-escaped, KaTeX runs with `trust: false` (no \href, \url,
// \includegraphics, \html…), and a Content-Security-Policy forbids any script (SPEC §8).
import { isFenceLine } from '../markdown/fence.js';
import { mathAsSource, pageMathBudget, renderMath, type MathBudget } from './html-math.js';
import type { ReportSource } from './report-source.js';
import type { AnswerResult, GradeResult, QuestionResult } from '../types.js';
import { showsPoints } from './reveal.js';
import { describeSlip, moreSlips, escapeHtml as h, formatPoints, STATUS_SYMBOL } from './text.js';

/**
 * Nothing external, ever: no script, no stylesheet, font or image from anywhere; only
 * the page's own <style> and style attributes (KaTeX's MathML uses a few).
 * `base-uri` and `form-action` are not covered by default-src, so they are named.
 */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** A report page is at most 3 × the submission's bytes + 300 KB (issue 8). */
export const PAGE_LIMIT = { perSourceByte: 3, fixedBytes: 300 * 1024 } as const;

const STYLE = `
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:1rem 1.5rem;border-bottom:1px solid #d0d7de}
h1{font-size:1.4rem;margin:0}
.meta{color:#57606a;margin:.25rem 0 0}
main{display:grid;grid-template-columns:minmax(16rem,24rem) minmax(0,1fr);gap:1.5rem;padding:1rem 1.5rem}
nav{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto}
nav h2{font-size:1rem;margin:1rem 0 .25rem}
nav ol,nav ul{margin:0;padding-left:1.2rem}
.reason,.note{margin:.1rem 0 .5rem;color:#57606a;font-size:.9em}
.feedback{margin:.1rem 0 .5rem;color:#0969da;font-size:.9em}
.row{display:grid;grid-template-columns:3rem minmax(0,1fr) auto;column-gap:.75rem;border-left:3px solid transparent}
.row.marked{border-left-color:#d0d7de}
.row:target{background:#fff8c5}
.n{grid-column:1;text-align:right;font:12px/1.9 ui-monospace,monospace;color:#8c959f;text-decoration:none}
.src{grid-column:2;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.7 ui-monospace,monospace;min-width:0}
.marks{grid-column:3;text-align:right}
.mark,.badge{display:inline-block;border:1px solid currentColor;border-radius:1em;padding:0 .5em;font-size:12px;text-decoration:none;white-space:nowrap}
.correct,.found{color:#1a7f37}.partial{color:#9a6700}.incorrect{color:#cf222e}.missing,.unreadable{color:#8250df}
.manual,.question{color:#0969da}.slip{color:#bc4c00}
.error{color:#cf222e;font-weight:600}
code.tex{color:#57606a}
.limit{color:#9a6700;font:11px system-ui,sans-serif}
.img{color:#57606a;font-style:italic}
.cell{margin:.75rem 0 .25rem 3rem;padding-top:.25rem;border-top:1px dashed #d0d7de;color:#57606a;font:12px ui-monospace,monospace}
math{font-size:1.15em;font-family:"STIX Two Math","Cambria Math","Latin Modern Math","Noto Sans Math",math}
.display{display:block;overflow-x:auto;overflow-y:hidden;padding:.25rem 0}
.src>.katex{display:inline-block;max-width:100%;overflow-x:auto;overflow-y:hidden;vertical-align:middle}
@media (max-width:50rem){main{grid-template-columns:1fr}nav{position:static;max-height:none}}
@media (max-width:40rem){header,main{padding:.75rem}.row{grid-template-columns:2.25rem minmax(0,1fr);column-gap:.5rem}.marks{grid-column:2;text-align:left}}
`;

/**
 * One submission as a standalone HTML page: its text as the grader read it, with the
 * formulas and images the reader found (see report-source.ts).
 * @example htmlReport(result, reportSourceOf(await readFile('submissions/alice.md'))) // '<!doctype html>…'
 */
export function htmlReport(result: GradeResult, source: ReportSource): string {
  if (result.error !== null) {
    const error = `<main><p class="error">This submission could not be graded: ${h(result.error)}</p></main>`;
    return htmlPage({ title: `markgrade: ${result.student}`, style: STYLE, body: [header(result), error].join('\n') });
  }
  const shownLine = shownLineOf(source);
  const page = (article: string) =>
    htmlPage({ title: `markgrade: ${result.student}`, style: STYLE, body: [header(result), '<main>', answersPanel(result, shownLine), article, '</main>'].join('\n') });
  const limit = PAGE_LIMIT.perSourceByte * Buffer.byteLength(source.text) + PAGE_LIMIT.fixedBytes;
  const frame = Buffer.byteLength(page(''));
  return page(submissionPanel(source, marksByLine(result, shownLine), limit - frame));
}

/**
 * The page around a report's body: no script, a CSP (HTML_CSP unless given), everything
 * else inline. `style` and `body` are markup as given (built and escaped by the caller);
 * the title is text.
 * @example htmlPage({ title: 'summary', style: '', body: '<p>hi</p>' })
 */
export function htmlPage(page: { title: string; csp?: string; style: string; body: string }): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(page.csp ?? HTML_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(page.title)}</title>`,
    `<style>${page.style}</style>`,
    '</head>',
    '<body>',
    page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(result: GradeResult): string {
  return [
    '<header>',
    `<h1>${h(result.student)}</h1>`,
    `<p class="meta">${h(result.rubric)} · ${h(result.submission)}${showsPoints(result) ? ` · score <strong>${formatPoints(result.score)} / ${formatPoints(result.maxScore)}</strong>` : ''}</p>`,
    '</header>',
  ].join('\n');
}

// ---------------------------------------------------------------- places

/** A place as results give it: a line, and in a notebook its cell (and raw file line). */
interface ResultPlace {
  line: number | null;
  cell?: number;
  fileLine?: number;
}

/** The row line (of the text shown) a result's place points at; null when it has none. */
type ShownLine = (place: ResultPlace) => number | null;

/**
 * In a Markdown file a result's line is the shown line. In a notebook the shown text is
 * the reader's Markdown view of it, and results point at cell places: each is found
 * among the view's places (cell, line and file line; else cell and line).
 */
function shownLineOf(source: ReportSource): ShownLine {
  const { places } = source;
  if (places === undefined) return (place) => place.line;
  const exact = new Map<string, number>();
  const inCell = new Map<string, number>();
  // Fences and blank lines the view adds share the place of a line the student wrote:
  // the written line wins, whichever comes first.
  const lines = source.text.split('\n');
  const added = (i: number) => lines[i] === undefined || lines[i].trim() === '' || isFenceLine(lines[i]);
  for (const pass of [false, true]) {
    places.forEach((place, i) => {
      if (added(i) !== pass) return;
      const key = `${place.cell}:${place.line}`;
      if (!exact.has(`${key}:${place.fileLine}`)) exact.set(`${key}:${place.fileLine}`, i + 1);
      if (!inCell.has(key)) inCell.set(key, i + 1);
    });
  }
  return (place) => {
    if (place.line === null || place.cell === undefined) return place.line;
    const key = `${place.cell}:${place.line}`;
    return exact.get(`${key}:${place.fileLine}`) ?? inCell.get(key) ?? null;
  };
}

/** How a place is named in the list: `line 12`, or `cell 3, line 2` in a notebook. */
function placeName(place: ResultPlace): string {
  return place.cell === undefined ? `line ${place.line}` : `cell ${place.cell}, line ${place.line}`;
}

// ---------------------------------------------------------------- the list of answers

function answersPanel(result: GradeResult, shownLine: ShownLine): string {
  const questions = result.questions.map((q, qi) => questionSection(q, qi, showsPoints(result), shownLine));
  const slips = result.slips.map((s) => {
    const line = shownLine(s);
    return `<li>${line === null ? placeName(s) : `<a href="#L${line}">${placeName(s)}</a>`}: ${h(describeSlip(s))}</li>`;
  });
  const more = moreSlips(result);
  if (more !== null) slips.push(`<li>${h(more)}</li>`);
  const slipSection = slips.length === 0 ? [] : ['<section>', '<h2>Arithmetic slips</h2>', '<ul>', ...slips, '</ul>', '</section>'];
  return ['<nav aria-label="Answers">', ...questions, ...slipSection, '</nav>'].join('\n');
}

function questionSection(question: QuestionResult, qi: number, points: boolean, shownLine: ShownLine): string {
  const title = question.title ? `: ${h(question.title)}` : '';
  const score = points ? ` <span class="score">${formatPoints(question.score)} / ${formatPoints(question.maxScore)}</span>` : '';
  const heading = `<h2 id="q${qi}">${h(question.id)}${title}${score}</h2>`;
  const notes = [...(question.found ? [] : ['not found in the submission']), ...(question.notes ?? [])];
  return [
    '<section>',
    heading,
    ...notes.map((note) => `<p class="note">${h(note)}</p>`),
    '<ol>',
    ...question.answers.map((answer, ai) => answerItem(answer, `a${qi}-${ai}`, points, shownLine(answer))),
    '</ol>',
    '</section>',
  ].join('\n');
}

function answerItem(answer: AnswerResult, id: string, points: boolean, line: number | null): string {
  const name = line === null ? h(answer.id) : `<a href="#L${line}">${h(answer.id)}</a>`;
  const feedback = answer.feedback ? `<p class="feedback">${h(answer.feedback)}</p>` : '';
  return (
    `<li id="${id}"><span class="badge ${h(answer.status)}">${STATUS_SYMBOL[answer.status]} ${h(answer.status)}</span> ${name} ` +
    `${points ? `${formatPoints(answer.points)} / ${formatPoints(answer.maxPoints)}` : ''}<p class="reason">${h(answer.reason)}</p>${feedback}</li>`
  );
}

/** Verdicts, question starts and slips, as badges keyed by the line they belong to. */
function marksByLine(result: GradeResult, shownLine: ShownLine): Map<number, string[]> {
  const marks = new Map<number, string[]>();
  const add = (place: ResultPlace, html: string) => {
    const line = shownLine(place);
    if (line !== null) marks.set(line, [...(marks.get(line) ?? []), html]);
  };
  result.questions.forEach((question, qi) => {
    if (question.found) add(question, `<a class="mark question" href="#q${qi}">${h(question.id)}</a>`);
    question.answers.forEach((answer, ai) => {
      const badge = `${STATUS_SYMBOL[answer.status]} ${h(answer.id)}`;
      add(answer, `<a class="mark ${h(answer.status)}" href="#a${qi}-${ai}" title="${h(answer.reason)}">${badge}</a>`);
    });
  });
  for (const slip of result.slips) {
    add(slip, `<span class="mark slip" title="${h(describeSlip(slip))}">slip</span>`);
  }
  return marks;
}

// ---------------------------------------------------------------- the submission

/** A formula or an image: something in the text shown otherwise than as its characters. */
interface Piece {
  start: number;
  end: number;
  /** `null`: formulas are shown as source (the page's size limit; a note says so once). */
  html: (budget: MathBudget | null) => string;
}

/** Consecutive lines shown together: one line, or the lines a piece runs across. */
interface Row {
  first: number;
  last: number;
  start: number;
  end: number;
  pieces: Piece[];
  /** In a notebook: the row's lines within its cell, and the cell it opens, if any. */
  label?: string;
  opensCell?: number;
}

/** Room kept for the two page-size notes. */
const NOTES_BYTES = 700;
/** A row's markup around its text, with room for a five-digit line number. */
const ROW_FRAME_BYTES = 100;

/**
 * The rows of the submission within `bytesLeft`. The text comes first: every row is
 * first sized with its formulas as source; the rows that fit are shown, and what they
 * leave pays for rendering formulas, in order, as long as it lasts. So math never pushes
 * text off the page, and past the bound formulas are shown as source (`page-size`).
 */
function submissionPanel(source: ReportSource, marks: Map<number, string[]>, bytesLeft: number): string {
  // The line break that ends the last line starts no line of its own (offsets stay put).
  const text = source.text.endsWith('\n') ? source.text.slice(0, -1) : source.text;
  const all = inCells(rowsOf(text, piecesOf({ ...source, text })), source.places, text);
  const plain = all.map((row) => rowHtml(text, row, marks, null));
  let left = bytesLeft - NOTES_BYTES;
  let kept = 0;
  // Each row also takes the line break that joins it to the next.
  for (; kept < all.length; kept++) {
    const size = Buffer.byteLength(plain[kept]) + 1;
    if (size > left) break;
    left -= size;
  }
  const rows = plain.slice(0, kept);
  if (kept < all.length) {
    // What fits of the first row left out is still shown, so a page never shows nothing.
    const row = all[kept];
    const prefix = fitted(text.slice(row.start, lineEnd(text, row.start)), left - ROW_FRAME_BYTES);
    if (prefix !== '') rows.push(rowHtml(prefix, { ...row, last: row.first, start: 0, end: prefix.length, pieces: [] }, new Map(), null));
  }
  const budget = pageMathBudget();
  let sourceFrom: number | null = null;
  for (let i = 0; i < kept && sourceFrom === null; i++) {
    if (all[i].pieces.length === 0) continue;
    const rendered = rowHtml(text, all[i], marks, budget);
    const extra = Buffer.byteLength(rendered) - Buffer.byteLength(plain[i]);
    if (extra > left) sourceFrom = all[i].first;
    else {
      left -= extra;
      rows[i] = rendered;
    }
  }
  const limit = `${PAGE_LIMIT.perSourceByte * sourceBytes(source) + PAGE_LIMIT.fixedBytes} bytes here`;
  const asSource =
    sourceFrom === null
      ? []
      : [`<p class="note">Formulas from line ${sourceFrom} on are shown as source (page-size): rendered, the page would pass its size limit, 3 × the submission + 300 KB (${limit}).</p>`];
  const cut =
    kept === all.length
      ? []
      : [`<p class="error">The rest of the submission, from line ${all[kept].first} of ${lineCount(text)}, is not shown (page-size): the page may be at most 3 × the submission + 300 KB (${limit}).</p>`];
  return ['<article aria-label="Submission">', ...asSource, ...rows, ...cut, '</article>'].join('\n');
}

/** The longest start of `text` whose escaped form takes at most `bytes` bytes. */
function fitted(text: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const char of text) {
    used += Buffer.byteLength(h(char));
    if (used > bytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}

function sourceBytes(source: ReportSource): number {
  return Buffer.byteLength(source.text);
}

function lineCount(text: string): number {
  return countNewlines(text, 0, text.length) + 1;
}

/** The formulas and images of the text, as the reader found them, in order, none overlapping. */
function piecesOf(source: ReportSource): Piece[] {
  const { text } = source;
  const all: Piece[] = [
    ...source.math.map((span) => ({
      start: span.open,
      end: span.end,
      html: (budget: MathBudget | null) => mathHtml(text.slice(span.open, span.end), text.slice(span.contentStart, span.contentEnd), span.display, budget),
    })),
    ...source.images.map((image) => ({
      start: image.start,
      end: image.end,
      html: () => `<span class="img" title="image, not loaded">[image${image.alt.trim() ? `: ${h(image.alt.trim())}` : ''}]</span>`,
    })),
  ].sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  for (const piece of all) if (piece.start >= (pieces.at(-1)?.end ?? 0) && piece.end <= text.length) pieces.push(piece);
  return pieces;
}

function mathHtml(written: string, tex: string, display: boolean, budget: MathBudget | null): string {
  if (tex.trim() === '') return h(written);
  if (budget === null) return mathAsSource(written, null);
  const rendered = renderMath(tex, display, budget);
  if ('code' in rendered) return mathAsSource(written, rendered.code);
  return display ? `<span class="display">${rendered.html}</span>` : rendered.html;
}

function rowHtml(text: string, row: Row, marks: Map<number, string[]>, budget: MathBudget | null): string {
  let content = '';
  let at = row.start;
  for (const piece of row.pieces) {
    content += h(text.slice(at, piece.start)) + piece.html(budget);
    at = piece.end;
  }
  content += h(text.slice(at, row.end));
  const lines = Array.from({ length: row.last - row.first + 1 }, (_, i) => row.first + i);
  const rowMarks = lines.flatMap((line) => marks.get(line) ?? []);
  // Links to any line of a multi-line row land on the row.
  const anchors = lines.slice(1).map((line) => `<span id="L${line}"></span>`).join('');
  const number = row.label ?? (row.first === row.last ? `${row.first}` : `${row.first}–${row.last}`);
  return (
    (row.opensCell === undefined ? '' : `<div class="cell">cell ${row.opensCell}</div>\n`) +
    `<div class="row${rowMarks.length > 0 ? ' marked' : ''}" id="L${row.first}"><a class="n" href="#L${row.first}">${number}${anchors}</a>` +
    (content === '' ? '' : `<div class="src">${content}</div>`) +
    (rowMarks.length === 0 ? '' : `<div class="marks">${rowMarks.join(' ')}</div>`) +
    '</div>'
  );
}

/**
 * A notebook's rows numbered within their cells, with a heading where each cell starts.
 * Lines the view adds (fences around code and output, blank lines between cells) share
 * a neighbour's place and get no number.
 */
function inCells(rows: Row[], places: ReportSource['places'], text: string): Row[] {
  if (places === undefined) return rows;
  let cell: number | undefined;
  const same = (a: { cell: number; line: number } | undefined, b: { cell: number; line: number } | undefined) =>
    a !== undefined && b !== undefined && a.cell === b.cell && a.line === b.line;
  return rows.map((row) => {
    const first = places[row.first - 1];
    const last = places[row.last - 1] ?? first;
    if (first === undefined) return row;
    const opensCell = first.cell !== cell ? first.cell : undefined;
    cell = last.cell;
    const line = text.slice(row.start, row.end);
    const added = row.first === row.last && (isFenceLine(line) || (line.trim() === '' && same(first, places[row.first - 2])));
    const label = added ? '' : first.cell === last.cell && first.line !== last.line ? `${first.line}–${last.line}` : `${first.line}`;
    return { ...row, label, opensCell };
  });
}

/** Splits the text into rows, giving each the pieces that start in it. */
function rowsOf(text: string, pieces: Piece[]): Row[] {
  const rows: Row[] = [];
  let k = 0;
  let line = 1;
  for (let start = 0; ; ) {
    let end = lineEnd(text, start);
    const inRow: Piece[] = [];
    while (k < pieces.length && pieces[k].start < end) {
      end = Math.max(end, lineEnd(text, pieces[k].end));
      inRow.push(pieces[k++]);
    }
    const breaks = countNewlines(text, start, end);
    rows.push({ first: line, last: line + breaks, start, end, pieces: inRow });
    if (end >= text.length) return rows;
    line += breaks + 1;
    start = end + 1;
  }
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

function countNewlines(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if (text[i] === '\n') count++;
  return count;
}
