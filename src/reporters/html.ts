// The HTML report (SPEC §7): the submission as the student wrote it, line by line, with
// its math rendered by KaTeX and each answer's verdict marked on the line it was read
// from, beside a list of all answers. Safety rests on no sanitiser: every character of
// student text is HTML-escaped, KaTeX runs with `trust: false` (no \href, \url,
// \includegraphics, \html…), and a Content-Security-Policy forbids any script (SPEC §8).
import katex from 'katex';
import { LIMITS } from '../latex/limits.js';
import { INPUT_LIMITS } from '../markdown/input.js';
import { findMathSpans } from '../markdown/math-spans.js';
import type { AnswerResult, GradeResult, QuestionResult } from '../types.js';
import { showsPoints } from './reveal.js';
import { describeSlip, escapeHtml as h, formatPoints, STATUS_SYMBOL } from './text.js';

const HTML_LIMITS = {
  /** Characters of the submission shown; the grader refuses larger files anyway. */
  sourceChars: INPUT_LIMITS.bytes,
  /** Lines shown: a page of a million empty lines would be a 100 MB report. */
  lines: 20_000,
  /** Math pieces rendered with KaTeX per page; later ones are shown as LaTeX source. */
  mathPieces: 2_000,
} as const;

const KATEX_OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxSize: 10, maxExpand: 1000 } as const;

/** The stylesheet of the pinned KaTeX; the hash is checked against node_modules in the tests. */
export const KATEX_CSS = {
  href: 'https://cdn.jsdelivr.net/npm/katex@0.19.1/dist/katex.min.css',
  integrity: 'sha384-WwGtaC6ywCHxA5cstpj/3+xIZvTez8dq2IcBQaXRkenHZ7FVVq1ZROtURwfbtTlG',
} as const;

const CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline' https://cdn.jsdelivr.net",
  'font-src https://cdn.jsdelivr.net',
  'img-src data:',
  // Not covered by default-src: without these a <base> or <form> could still act.
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const STYLE = `
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
.row{display:grid;grid-template-columns:4rem minmax(0,1fr) auto;gap:.75rem;border-left:3px solid transparent}
.row.marked{border-left-color:#d0d7de}
.row:target{background:#fff8c5}
.n{text-align:right;font:12px/1.9 ui-monospace,monospace}
.n a{color:#8c959f;text-decoration:none}
.src{white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.7 ui-monospace,monospace}
.marks{text-align:right}
.mark,.badge{display:inline-block;border:1px solid currentColor;border-radius:1em;padding:0 .5em;font-size:12px;text-decoration:none;white-space:nowrap}
.correct,.found{color:#1a7f37}.partial{color:#9a6700}.incorrect{color:#cf222e}.missing,.unreadable{color:#8250df}
.manual,.question{color:#0969da}.slip{color:#bc4c00}
.error{color:#cf222e;font-weight:600}
code.tex{color:#57606a}
@media (max-width:50rem){main{grid-template-columns:1fr}nav{position:static;max-height:none}}
`;

/**
 * One submission as a standalone HTML page; `source` is the submission's text as read.
 * @example htmlReport(result, await readFile('submissions/alice.md', 'utf8')) // '<!doctype html>…'
 */
export function htmlReport(result: GradeResult, source: string): string {
  const body =
    result.error === null
      ? ['<main>', answersPanel(result), submissionPanel(source, marksByLine(result)), '</main>']
      : ['<main>', `<p class="error">This submission could not be graded: ${h(result.error)}</p>`, '</main>'];
  return htmlPage({
    title: `markgrade: ${result.student}`,
    csp: CSP,
    head: `<link rel="stylesheet" href="${KATEX_CSS.href}" integrity="${KATEX_CSS.integrity}" crossorigin="anonymous">`,
    style: STYLE,
    body: [header(result), ...body].join('\n'),
  });
}

/**
 * The page around a report's body: no script, a CSP, everything else inline. `head`,
 * `style` and `body` are markup as given (built and escaped by the caller); the title is text.
 * @example htmlPage({ title: 'summary', csp: "default-src 'none'", style: '', body: '<p>hi</p>' })
 */
export function htmlPage(page: { title: string; csp: string; head?: string; style: string; body: string }): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(page.csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(page.title)}</title>`,
    ...(page.head ? [page.head] : []),
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

// ---------------------------------------------------------------- the list of answers

function answersPanel(result: GradeResult): string {
  const questions = result.questions.map((q, qi) => questionSection(q, qi, showsPoints(result)));
  const slips = result.slips.map(
    (s) => `<li><a href="#L${s.line}">line ${s.line}</a>: ${h(describeSlip(s))}</li>`,
  );
  const slipSection = slips.length === 0 ? [] : ['<section>', '<h2>Arithmetic slips</h2>', '<ul>', ...slips, '</ul>', '</section>'];
  return ['<nav aria-label="Answers">', ...questions, ...slipSection, '</nav>'].join('\n');
}

function questionSection(question: QuestionResult, qi: number, points: boolean): string {
  const title = question.title ? `: ${h(question.title)}` : '';
  const score = points ? ` <span class="score">${formatPoints(question.score)} / ${formatPoints(question.maxScore)}</span>` : '';
  const heading = `<h2 id="q${qi}">${h(question.id)}${title}${score}</h2>`;
  const notes = [...(question.found ? [] : ['not found in the submission']), ...(question.notes ?? [])];
  return [
    '<section>',
    heading,
    ...notes.map((note) => `<p class="note">${h(note)}</p>`),
    '<ol>',
    ...question.answers.map((answer, ai) => answerItem(answer, `a${qi}-${ai}`, points)),
    '</ol>',
    '</section>',
  ].join('\n');
}

function answerItem(answer: AnswerResult, id: string, points: boolean): string {
  const name = answer.line === null ? h(answer.id) : `<a href="#L${answer.line}">${h(answer.id)}</a>`;
  const feedback = answer.feedback ? `<p class="feedback">${h(answer.feedback)}</p>` : '';
  return (
    `<li id="${id}"><span class="badge ${h(answer.status)}">${STATUS_SYMBOL[answer.status]} ${h(answer.status)}</span> ${name} ` +
    `${points ? `${formatPoints(answer.points)} / ${formatPoints(answer.maxPoints)}` : ''}<p class="reason">${h(answer.reason)}</p>${feedback}</li>`
  );
}

/** Verdicts, question starts and slips, as badges keyed by the line they belong to. */
function marksByLine(result: GradeResult): Map<number, string[]> {
  const marks = new Map<number, string[]>();
  const add = (line: number | null, html: string) => {
    if (line !== null) marks.set(line, [...(marks.get(line) ?? []), html]);
  };
  result.questions.forEach((question, qi) => {
    if (question.found) add(question.line, `<a class="mark question" href="#q${qi}">${h(question.id)}</a>`);
    question.answers.forEach((answer, ai) => {
      const badge = `${STATUS_SYMBOL[answer.status]} ${h(answer.id)}`;
      add(answer.line, `<a class="mark ${h(answer.status)}" href="#a${qi}-${ai}" title="${h(answer.reason)}">${badge}</a>`);
    });
  });
  for (const slip of result.slips) {
    add(slip.line, `<span class="mark slip" title="${h(describeSlip(slip))}">slip</span>`);
  }
  return marks;
}

// ---------------------------------------------------------------- the submission

interface MathPiece {
  /** Offsets of the whole piece, delimiters included. */
  start: number;
  end: number;
  tex: string;
  display: boolean;
}

/** Consecutive lines shown together: one line, or the lines a math piece runs across. */
interface Row {
  first: number;
  last: number;
  start: number;
  end: number;
  pieces: MathPiece[];
}

function submissionPanel(source: string, marks: Map<number, string[]>): string {
  const { text, truncated } = normalise(source);
  const budget = { left: HTML_LIMITS.mathPieces };
  const rows = rowsOf(text, mathPieces(text)).map((row) => rowHtml(text, row, marks, budget));
  const cut = truncated
    ? [`<p class="error">The rest of the submission is not shown: the report shows at most ${HTML_LIMITS.lines} lines and ${HTML_LIMITS.sourceChars} characters.</p>`]
    : [];
  return ['<article aria-label="Submission">', ...rows, ...cut, '</article>'].join('\n');
}

/** The text as the grader numbers its lines (no BOM, LF line ends), within the limits. */
function normalise(source: string): { text: string; truncated: boolean } {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n$/, '');
  let end = Math.min(text.length, HTML_LIMITS.sourceChars);
  let newline = -1;
  for (let line = 1; line <= HTML_LIMITS.lines; line++) {
    newline = text.indexOf('\n', newline + 1);
    if (newline === -1 || newline >= end) break;
    if (line === HTML_LIMITS.lines) end = newline;
  }
  return { text: text.slice(0, end), truncated: end < text.length };
}

function rowHtml(text: string, row: Row, marks: Map<number, string[]>, budget: { left: number }): string {
  let content = '';
  let at = row.start;
  for (const piece of row.pieces) {
    content += h(text.slice(at, piece.start)) + mathHtml(text, piece, budget);
    at = piece.end;
  }
  content += h(text.slice(at, row.end));
  const lines = Array.from({ length: row.last - row.first + 1 }, (_, i) => row.first + i);
  const rowMarks = lines.flatMap((line) => marks.get(line) ?? []);
  // Links to any line of a multi-line row land on the row.
  const anchors = lines.slice(1).map((line) => `<span id="L${line}"></span>`).join('');
  const number = row.first === row.last ? `${row.first}` : `${row.first}–${row.last}`;
  return (
    `<div class="row${rowMarks.length > 0 ? ' marked' : ''}" id="L${row.first}"><span class="n"><a href="#L${row.first}">${number}</a>${anchors}</span>` +
    `<div class="src">${content}</div><div class="marks">${rowMarks.join(' ')}</div></div>`
  );
}

function mathHtml(text: string, piece: MathPiece, budget: { left: number }): string {
  const asSource = `<code class="tex">${h(text.slice(piece.start, piece.end))}</code>`;
  if (budget.left <= 0 || piece.tex.length > LIMITS.latexLength) return asSource;
  budget.left -= 1;
  try {
    return katex.renderToString(piece.tex, { ...KATEX_OPTIONS, displayMode: piece.display });
  } catch {
    // throwOnError: false turns parse errors into red source; deep brace nesting still
    // overflows KaTeX's recursive parser, and that page must render all the same.
    return asSource;
  }
}

/** Splits the text into rows, giving each the math pieces that start in it. */
function rowsOf(text: string, pieces: MathPiece[]): Row[] {
  const rows: Row[] = [];
  let k = 0;
  let line = 1;
  for (let start = 0; ; ) {
    let end = lineEnd(text, start);
    const inRow: MathPiece[] = [];
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

// ---------------------------------------------------------------- finding the math

const FENCE = /^[ \t>]*(`{3,}|~{3,})/;

/**
 * The math in the text: `$$…$$`, `\[…\]`, `\(…\)` paired exactly as the grader pairs
 * them, then `$…$` within one line, outside fenced and inline code.
 */
function mathPieces(text: string): MathPiece[] {
  const spans = findMathSpans(text, 0).spans.map((s) => ({
    start: s.open,
    end: s.end,
    tex: text.slice(s.contentStart, s.contentEnd),
    display: s.display,
  }));
  return [...spans, ...dollarPieces(text, spans)].sort((a, b) => a.start - b.start);
}

function dollarPieces(text: string, spans: MathPiece[]): MathPiece[] {
  const pieces: MathPiece[] = [];
  let fence: string | null = null;
  let k = 0;
  for (let start = 0; ; ) {
    const end = lineEnd(text, start);
    while (k < spans.length && spans[k].end <= start) k++;
    const insideSpan = k < spans.length && spans[k].start < start;
    const fenceMatch = FENCE.exec(text.slice(start, end));
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
    } else if (fenceMatch && !insideSpan) {
      fence = fenceMatch[1];
    } else {
      scanLine(text, start, end, spans, k, pieces);
    }
    if (end >= text.length) return pieces;
    start = end + 1;
  }
}

/** `$…$` pieces of one line, skipping spans, escapes and code spans; linear in the line. */
function scanLine(text: string, start: number, end: number, spans: MathPiece[], k: number, out: MathPiece[]): void {
  const codeSpans = codeSpanEnds(text, start, end);
  let i = start;
  while (i < end) {
    while (k < spans.length && spans[k].end <= i) k++;
    if (k < spans.length && spans[k].start <= i) {
      i = spans[k].end;
      continue;
    }
    const limit = Math.min(end, k < spans.length ? spans[k].start : end);
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '`') i = codeSpans.get(i) ?? runEnd(text, i, '`');
    else if (c === '$' && text[i + 1] === '$') i += 2; // a lone `$$`: the grader left it unpaired too
    else if (c === '$') {
      const close = closingDollar(text, i + 1, limit);
      if (close === -1) i = limit;
      else if (text.slice(i + 1, close).trim() === '') i = close;
      else {
        out.push({ start: i, end: close + 1, tex: text.slice(i + 1, close), display: false });
        i = close + 1;
      }
    } else i += 1;
  }
}

function closingDollar(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '$') {
      if (text[i + 1] !== '$') return i;
      i++;
    }
  }
  return -1;
}

/** CommonMark code spans of a line: each backtick run closes at the next run of the same length. */
function codeSpanEnds(text: string, start: number, end: number): Map<number, number> {
  const runs: Array<{ at: number; length: number }> = [];
  for (let i = start; i < end; ) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    const stop = runEnd(text, i, '`');
    runs.push({ at: i, length: stop - i });
    i = stop;
  }
  const ends = new Map<number, number>();
  const nextOfLength = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    const closer = nextOfLength.get(runs[r].length);
    if (closer !== undefined) ends.set(runs[r].at, closer);
    nextOfLength.set(runs[r].length, runs[r].at + runs[r].length);
  }
  return ends;
}

function runEnd(text: string, i: number, char: string): number {
  while (text[i] === char) i++;
  return i;
}
