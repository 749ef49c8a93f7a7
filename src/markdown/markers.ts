// Section markers at the start of a line (SPEC §5): `Q 2`, `Question 2`, `Problem 1:`,
// `Exercise 3`, `Answer 1)`, `Ans 2.2.c>`, OCR variants (`Aus 2)`, `ans2.2.d>`,
// `Answer2>`), `12.`, `(a)`, `a)`, `b.`, `Part (b)`, after list bullets, `>` and `#`; and
// `2.1 scores = …` under question 2 (a sub-part number, given the question in force).

/** One marker as written on a line; offsets are relative to the line. */
export interface MarkerToken {
  start: number;
  end: number;
  text: string;
  /** Numbers of the path (`Ans 2.2.c>` -> [2, 2]); empty for a lettered part alone. */
  nums: number[];
  /** A letter or lower-case Roman numeral (`c`, `ii`), or null. */
  part: string | null;
  /** A Roman numeral written after the letter (`2.a(ii)`), or null. */
  sub: string | null;
  /**
   * A question marker by keyword (`Q 2`, `Question 2`, `Problem 1`, `Exercise 3`,
   * `Answer 1)`, `Ans 2.2.c>`, `Task 4`) or a Markdown heading with a number (`## 2`,
   * `## 2. Metrics`). After one, a bare `1.` is a step of the answer, not a question.
   */
  explicit: boolean;
}

/**
 * What may stand before a marker on its line: block quotes, list bullets, Markdown
 * headings, and the headings of other markup written in a Markdown file — Org (`** (a)`),
 * AsciiDoc, Typst and MediaWiki (`== Question 2`, `== Question 2 ==`), HTML (`<h2>`), LaTeX
 * (`\section*{Problem 1}`, `\subsection{(b)}`, `\item[(a)]`) — then bold or emphasis.
 */
const PREFIX = /^(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|#{1,6}(?:[ \t]+|$)|\*{2,6}[ \t]+|={1,6}[ \t]+|<h[1-6](?:[ \t][^<>\n]*)?>[ \t]*|\\(?:(?:sub){0,2}section|(?:sub)?paragraph)\*?[ \t]*\{[ \t]*|\\item(?:[ \t]*\[|[ \t]+)))*[ \t]*(?:\*\*|__|\*|_)?/;
/** A prefix that makes its line a heading, where a number alone is a marker (`## 1`, `== 1 ==`, `\section{1}`). */
const HEADING_PREFIX = /#|=|<h[1-6]|\\(?:sub){0,2}section|^[ \t]*\*{2,6}[ \t]/;
const KEYWORD = /^(question|problem|exercise|answer|task|part|prob|ans|aus|ex|q)(?![a-z])\.?[ \t]*/i;
/** What may follow a number alone in a heading (`## 1`, `## 1 (b)`) or in bold (`**1**`, `**1 (b)**`). */
const AFTER_HEADING_NUMBER = /^[ \t]*(?:\([a-z]\)|[a-z]\))?[ \t]*(?:=+|\}|<\/h[1-6]>)?[ \t]*$/;
const AFTER_BOLD_NUMBER = /^(?:\*\*|__|[ \t]+(?:\([a-z]\)|[a-z]\))(?:\*\*|__))/;
/** A lower-case roman numeral up to xxxix (`i`, `iv`, `xii`). */
export const ROMAN = /^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$/;
const UPPER_ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6, VII: 7, VIII: 8, IX: 9, X: 10 };
/** What may end a marker: one of `. ) > :` then a space or the end of the line. */
const TERMINATOR = /^[.)>:](?=\s|$|\*)/;

interface PathMatch {
  nums: number[];
  part: string | null;
  sub: string | null;
  length: number;
}

/**
 * The markers that open a line: the first one, plus lettered parts that follow it on the
 * same line (`12. (b)`, `Answer 1) (a)`, `Aus 2) a)`).
 * `question` is the top-level number in force, for sub-part numbers (`2.1 x = …`).
 * Example: `markersAtLineStart("- 12. (b) text")` -> markers `12.` ([12]) and `(b)` (part b).
 */
export function markersAtLineStart(line: string, question: number | null = null): MarkerToken[] {
  const prefix = PREFIX.exec(line)?.[0] ?? '';
  const at = prefix.length;
  const heading = HEADING_PREFIX.test(prefix);
  // `## 1`, `**1 (b)**`: a number alone in a heading or in bold needs no `.` or `)`.
  const loneNumber = heading ? AFTER_HEADING_NUMBER : /(?:\*\*|__)$/.test(prefix) ? AFTER_BOLD_NUMBER : null;
  // `= 2` on its own line is more often a step that goes on (`L` / `= 2`) than a Typst
  // heading: after `=` only a keyword marker counts (`= Question 2`), unless the line
  // closes with `=` as MediaWiki's headings do (`== 2 ==`, `=== (b) ===`).
  const equalsOnly = /=/.test(prefix) && !/=[ \t]*$/.test(line);
  const first = keywordMarker(line, at) ?? (equalsOnly ? null : bareMarker(line, at, true, loneNumber) ?? subNumberMarker(line, at, question));
  if (!first) return [];
  if (heading && first.nums.length > 0) first.explicit = true;
  const markers = [first];
  for (let k = 0; k < 2; k++) {
    const last = markers[markers.length - 1];
    const gap = /^[ \t]*(?:\*\*|__)?[ \t]*/.exec(line.slice(last.end))![0].length;
    const next = bareMarker(line, last.end + gap, false, null);
    if (!next || next.nums.length > 0) break;
    markers.push(next);
  }
  return markers;
}

/** What closes a marker as part of its syntax: bold, and the end of a heading of other markup (`== 2 ==`, `\section{2}`, `</h2>`). */
const MARKER_CLOSING = /^(?:\*\*|__)?(?:[ \t]*(?:=+|\}|<\/h[1-6]>)[ \t]*$)?/;

function token(line: string, start: number, end: number, path: Omit<PathMatch, 'length'>, explicit = false): MarkerToken {
  const closing = MARKER_CLOSING.exec(line.slice(end))?.[0].length ?? 0;
  return { start, end: end + closing, text: line.slice(start, end).trim(), nums: path.nums, part: path.part, sub: path.sub, explicit };
}

function keywordMarker(line: string, at: number): MarkerToken | null {
  const keyword = KEYWORD.exec(line.slice(at));
  if (!keyword) return null;
  const rest = at + keyword[0].length;
  const isPart = keyword[1].toLowerCase() === 'part';
  const path = numberedPath(line, rest) ?? parenthesisedPart(line, rest) ?? (isPart ? partWord(line, rest) : null);
  if (!path) return null;
  let end = rest + path.length;
  if (/^[\p{L}\p{N}]/u.test(line.slice(end))) return null;
  if (/^[.)>:]/.test(line.slice(end))) end += 1;
  return token(line, at, end, path, !isPart && path.nums.length > 0);
}

/**
 * `12.`, `2.2.c)`, `2a)`, `2(a)`, `(a)`, `a)`, `b.`, `(ii)`; `(1)` and `i.e.` are not
 * markers. With `loneNumber` (a heading, bold) a number alone is one too (`## 1`, `**1 (b)**`).
 */
function bareMarker(line: string, at: number, allowDot: boolean, loneNumber: RegExp | null): MarkerToken | null {
  const rest = line.slice(at);
  const numbered = numberedPath(line, at);
  if (numbered) {
    const after = rest.slice(numbered.length);
    const closedByParen = rest[numbered.length - 1] === ')' && numbered.part !== null;
    const bare = (closedByParen && /^(?:\s|$)/.test(after)) || (loneNumber?.test(after) ?? false);
    const terminator = TERMINATOR.exec(after)?.[0].length ?? (bare ? 0 : -1);
    if (terminator < 0) return null;
    return token(line, at, at + numbered.length + terminator, numbered);
  }
  const paren = parenthesisedPart(line, at);
  if (paren) return token(line, at, at + paren.length, paren);
  // `*b)* …`: emphasis may close right after the marker.
  const letter = allowDot ? /^([a-z]+)[.)](?=\s|$|\*|_)|^([A-Za-z]|[ivx]+)\)(?=\s|$|\*|_)/.exec(rest) : /^([A-Za-z]|[ivx]+)\)(?=\s|$|\*|_)/.exec(rest);
  const word = letter ? (letter[1] ?? letter[2]) : null;
  if (!letter || !word || !isPartWord(word)) return null;
  return token(line, at, at + letter[0].length, { nums: [], part: word.toLowerCase(), sub: null });
}

/** `2.1 scores = …`: a sub-part number with no `.` or `)`, then a word (not `is`, `are` …). */
const SUB_NUMBER = /^([1-9]\d{0,2})((?:\.[1-9]\d?)+)[ \t]+(?=[\p{L}$\\*_])(?!(?:is|are|was|were|equals|times|of|per|or|and|to)(?![\p{L}\p{N}]))/u;

/**
 * A numbered line under its own question (`2.1 scores = …` after `2. Attention`): the
 * number is the sub-part's marker, not a label or a value. Only when `question` (the
 * top-level number in force) is the path's first number, so `12.5 is a number` and
 * `3.5 kg` under question 2 stay text.
 */
function subNumberMarker(line: string, at: number, question: number | null): MarkerToken | null {
  const match = SUB_NUMBER.exec(line.slice(at));
  if (!match || Number(match[1]) !== question) return null;
  const written = match[1] + match[2];
  const nums = written.split('.').map(Number);
  return token(line, at, at + written.length, { nums, part: null, sub: null });
}

/** One letter, or a lower-case Roman numeral. */
function isPartWord(word: string): boolean {
  return word.length === 1 || ROMAN.test(word);
}

function numberedPath(line: string, at: number): PathMatch | null {
  const match = /^(\d{1,3}(?:\.\d{1,3})*)(?:\(([a-zA-Z])\)|\.?([a-zA-Z])(?![\p{L}\p{N}]))?(?:\(([ivx]+)\))?/u.exec(line.slice(at));
  if (!match) return null;
  const nums = match[1].split('.').map(Number);
  if (nums[0] === 0) return null;
  const part = (match[2] ?? match[3])?.toLowerCase() ?? null;
  const sub = match[4] && ROMAN.test(match[4]) && part ? match[4] : null;
  const length = sub || !match[4] ? match[0].length : match[0].length - match[4].length - 2;
  return { nums, part, sub, length };
}

function parenthesisedPart(line: string, at: number): PathMatch | null {
  const match = /^\(([A-Za-z]|[ivx]{2,5})\)/.exec(line.slice(at));
  if (!match || !isPartWord(match[1])) return null;
  return { nums: [], part: match[1].toLowerCase(), sub: null, length: match[0].length };
}

/** After `Part`: a Roman numeral in capitals is a number (`Part II`), one letter a part. */
function partWord(line: string, at: number): PathMatch | null {
  const match = /^([A-Za-z]+)(?![\p{L}\p{N}])/u.exec(line.slice(at));
  if (!match) return null;
  const roman = UPPER_ROMAN[match[1]];
  if (roman !== undefined) return { nums: [roman], part: null, sub: null, length: match[0].length };
  if (match[1].length !== 1) return null;
  return { nums: [], part: match[1].toLowerCase(), sub: null, length: 1 };
}

/**
 * The normalised path of a marker or rubric `section`: numbers and lower-case letters
 * joined by "." (SPEC §4).
 * Example: `normalisePath("Q2(a)")` -> `"2.a"`; `"2a"`, `"2.a"`, `"Ans 2.2.c>"` -> `"2.a"`, `"2.a"`, `"2.2.c"`.
 */
export function normalisePath(marker: string): string {
  const body = marker.trim().replace(KEYWORD, '');
  const parts = body.toLowerCase().match(/\d+|[a-z]+/g) ?? [];
  return parts.map((part) => (/^\d/.test(part) ? String(Number(part)) : part)).join('.');
}
