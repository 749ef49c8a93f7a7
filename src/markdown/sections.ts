// Numbered and lettered parts -> sections with paths ("2.a", "2.2.c", "12.b") and
// topics (SPEC §4, §5).
//
// Paths: a number marker sets the whole path (`Ans 2.2.c>` -> 2.2.c); a lettered part
// belongs to the last number seen (1 before any number). A Roman numeral after a letter
// is a sub-part (`2.a` then `(ii)` -> 2.a.ii); `(i)`, `(v)`, `(x)` are Roman only after a
// letter that is not the one before them in the alphabet (`(h)` then `(i)` is part i).
//
// Topics: the section's topic is the most recent topic line or heading seen before the
// point where the numbering last restarted. The numbering restarts at the first marker
// and wherever the top-level number goes down (`1.` after `19.`). When it stays the
// same and the path does not move forward (`(a)` after `(c)`, a second `2.`, `Answer2>`
// after `2.d`), it restarts only if a topic line stands right above the marker (blank
// lines between at most): "Lab 2" over a new `1.` restarts, but a short line deep inside
// an answer ("case 1") does not capture the answers that follow it. So short lines like
// "Gradient:" between `14.` and `15.` never change the topic.
//
// Steps: once a question marker by keyword or a numbered heading has been seen
// (`## Question 1`, `Q2`, `Problem 3:`), a bare number (`1.`, `2)`, an ordered list) is
// a step of that answer, not a new question; files numbered only by bare numbers
// (`12.`, `- 13.`) keep them as questions.
import type { Section } from '../types.js';
import type { TopicLine } from './headings.js';
import { markersAtLineStart, ROMAN, type MarkerToken } from './markers.js';
import type { SourceText } from './source.js';

/** A marker found in the text, with its absolute place. */
export interface MarkerEvent {
  offset: number;
  end: number;
  line: number;
  column: number;
  token: MarkerToken;
}

/** Where a part starts: its path and topic apply from `offset` to the next piece. */
interface Piece {
  offset: number;
  line: number;
  column: number;
  marker: string;
  path: string;
  topic: string | null;
}

export interface SectionIndex {
  /** One Section per (topic, path), at its first marker; endLine is its last piece's. */
  sections: Section[];
  /** The section and topic in force at an offset (markers at or before it applied). */
  at(offset: number): { section: string; topic: string | null };
}

type Component = number | string;

/**
 * Every marker at the start of a line, skipping the lines given (code, tables, lines
 * inside display math).
 * Example: a line `Ans 2.2.c> …` gives one event whose token has nums [2, 2] and part "c".
 */
export function scanMarkers(source: SourceText, firstLine: number, skipLines: Set<number>): MarkerEvent[] {
  const events: MarkerEvent[] = [];
  /** The top-level number in force: a sub-part number (`2.1 x = …`) is a marker only under it. */
  let question: number | null = null;
  for (let line = firstLine; line <= source.lineCount; line++) {
    if (skipLines.has(line)) continue;
    const start = source.lineStart(line);
    for (const token of markersAtLineStart(source.lineText(line), question)) {
      events.push({ offset: start + token.start, end: start + token.end, line, column: token.start + 1, token });
      if (token.nums.length > 0) question = token.nums[0];
    }
  }
  return events;
}

/**
 * Sections from markers and topic lines (both in document order).
 * Example: topic "Computation Graphs", then `12.` and `Part (b)` -> sections "12" and
 * "12.b", both with topic "Computation Graphs".
 */
export function buildSections(markers: MarkerEvent[], topics: TopicLine[], source: SourceText): SectionIndex {
  const pieces = pathPieces(markers, topics, source);
  return { sections: mergePieces(pieces, source), at: (offset) => lookup(pieces, offset) };
}

interface PathState {
  nums: number[];
  part: string | null;
  /** The part is a Roman numeral written without a letter before it (`(i)`, `(ii)`). */
  partIsRoman: boolean;
  sub: string | null;
}

function pathPieces(markers: MarkerEvent[], topics: TopicLine[], source: SourceText): Piece[] {
  const pieces: Piece[] = [];
  const nextLine = firstNonBlankAfter(source);
  const state: PathState = { nums: [], part: null, partIsRoman: false, sub: null };
  let previous: Component[] | null = null;
  let topic: string | null = null;
  let lastTopic: TopicLine | null = null;
  let t = 0;
  let explicitSeen = false;
  let inStepList = false;
  for (const marker of markers) {
    if (marker.token.explicit) inStepList = false;
    explicitSeen ||= marker.token.explicit;
    // Under a question marker, a numbered list that starts at 1 is the answer's steps
    // (until the next question marker); a bare `3.` that starts no such list is a marker.
    if (explicitSeen && isStep(marker.token) && (inStepList || marker.token.nums[0] === 1)) {
      inStepList = true;
      continue;
    }
    while (t < topics.length && topics[t].offset < marker.offset) lastTopic = topics[t++];
    applyMarker(state, marker.token);
    const path: Component[] = [...state.nums, ...[state.part, state.sub].filter((c): c is string => c !== null)];
    if (restarts(path, previous, () => lastTopic !== null && nextLine(lastTopic.line) === marker.line)) {
      topic = lastTopic?.text ?? null;
    }
    previous = path;
    pieces.push({ offset: marker.offset, line: marker.line, column: marker.column, marker: marker.token.text, path: path.join('.'), topic });
  }
  return pieces;
}

/** A bare number without a part (`1.`, `2)`): under a question marker, maybe a step of the answer. */
function isStep(token: MarkerToken): boolean {
  return !token.explicit && token.nums.length === 1 && token.part === null;
}

function applyMarker(state: PathState, token: MarkerToken): void {
  if (token.nums.length > 0) {
    Object.assign(state, { nums: token.nums, part: token.part, partIsRoman: false, sub: token.sub });
    return;
  }
  const word = token.part;
  if (word === null) return;
  if (state.nums.length === 0) state.nums = [1];
  const roman = ROMAN.test(word);
  if (state.part !== null && !state.partIsRoman && roman && !isNextLetter(state.part, word)) {
    state.sub = word;
  } else {
    const continuesRomans = state.part === null || state.partIsRoman;
    Object.assign(state, { part: word, partIsRoman: roman && continuesRomans, sub: null });
  }
}

function restarts(path: Component[], previous: Component[] | null, topicRightAbove: () => boolean): boolean {
  if (previous === null || (path[0] as number) < (previous[0] as number)) return true;
  return path[0] === previous[0] && comparePaths(path, previous) <= 0 && topicRightAbove();
}

/** The first non-blank line after a line (memoised: each line is looked at once). */
function firstNonBlankAfter(source: SourceText): (line: number) => number {
  const known = new Map<number, number>();
  return (line) => {
    const cached = known.get(line);
    if (cached !== undefined) return cached;
    let next = line + 1;
    while (next <= source.lineCount && source.isBlankLine(next)) next += 1;
    known.set(line, next);
    return next;
  };
}

/** `(i)` after `(h)` is the letter i, not the Roman numeral one. */
function isNextLetter(current: string, word: string): boolean {
  return word.length === 1 && current.length === 1 && word.charCodeAt(0) === current.charCodeAt(0) + 1;
}

function comparePaths(a: Component[], b: Component[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function mergePieces(pieces: Piece[], source: SourceText): Section[] {
  const sections = new Map<string, Section>();
  pieces.forEach((piece, i) => {
    const next = pieces[i + 1];
    const limit = next ? (next.line > piece.line ? next.line - 1 : piece.line) : source.lineCount;
    let endLine = limit;
    while (endLine > piece.line && source.isBlankLine(endLine)) endLine -= 1;
    const key = `${piece.topic ?? ''}\u0000${piece.path}`;
    const known = sections.get(key);
    if (known) known.endLine = Math.max(known.endLine, endLine);
    else sections.set(key, { path: piece.path, topic: piece.topic, marker: piece.marker, line: piece.line, column: piece.column, endLine });
  });
  return [...sections.values()];
}

function lookup(pieces: Piece[], offset: number): { section: string; topic: string | null } {
  let lo = 0;
  let hi = pieces.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pieces[mid].offset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found === -1 ? { section: '', topic: null } : { section: pieces[found].path, topic: pieces[found].topic };
}
