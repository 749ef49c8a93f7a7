// Locating a question in a submission (SPEC §4): `heading`, `section` and `text`
// locators, combined as AND with the heading first. The result is a region: a line
// range plus, for `section`, the path and topic whose claims belong to it.
import type { Claim, Heading, ParsedSubmission, Section } from './types.js';
import { unique } from './values.js';

export interface Locator {
  section?: string;
  heading?: string;
  text?: string;
}

export interface Region {
  found: boolean;
  /** First line of the region (the heading, block or section marker), when found. */
  line: number | null;
  from: number;
  to: number;
  /** The section path and topic the region is restricted to, when `section` was given. */
  path: string | null;
  topic: string | null | undefined;
  /** Where markgrade looked, and anything a TA should know (other topics with the path). */
  notes: string[];
}

/** Finds the region of a question. `otherHeadings` are the other questions' heading regexes. */
export function locate(
  parsed: ParsedSubmission,
  locator: Locator,
  otherHeadings: RegExp[] = [],
): Region {
  let region: Region = {
    found: true,
    line: null,
    from: 1,
    to: Number.MAX_SAFE_INTEGER,
    path: null,
    topic: undefined,
    notes: [],
  };
  if (locator.heading !== undefined) region = byHeading(parsed.headings, locator.heading, otherHeadings, region);
  if (region.found && locator.section !== undefined) region = bySection(parsed.sections, locator.section, region);
  if (region.found && locator.text !== undefined) region = byText(parsed, locator.text, region);
  return region;
}

/** Claims inside a region, in document order. */
export function claimsIn(claims: Claim[], region: Region): Claim[] {
  if (!region.found) return [];
  return claims.filter(
    (claim) =>
      claim.line >= region.from &&
      claim.line <= region.to &&
      (region.path === null || isWithinPath(claim.section, region.path)) &&
      (region.topic === undefined || claim.topic === region.topic),
  );
}

/** `section: 2` covers 2, 2.a, 2.b … */
export function isWithinPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '.');
}

export function regexOf(pattern: string): RegExp {
  return new RegExp(pattern, 'i');
}

function byHeading(headings: Heading[], pattern: string, others: RegExp[], outer: Region): Region {
  const regex = regexOf(pattern);
  const index = headings.findIndex((h) => regex.test(h.text));
  if (index < 0) {
    return notFound(outer, `no heading or topic line matches /${pattern}/i`);
  }
  const heading = headings[index];
  const end = headings
    .slice(index + 1)
    .find((h) => (h.depth > 0 && (heading.depth === 0 || h.depth <= heading.depth)) || others.some((r) => r.test(h.text)));
  return {
    ...outer,
    line: heading.line,
    from: heading.line,
    to: end ? end.line - 1 : outer.to,
    notes: [...outer.notes, `under "${heading.text}" (line ${heading.line})`],
  };
}

function bySection(sections: Section[], rawPath: string, outer: Region): Region {
  const inRange = sections.filter(
    (s) => isWithinPath(s.path, rawPath) && s.line >= outer.from && s.line <= outer.to,
  );
  if (inRange.length === 0) {
    const where = outer.line === null ? '' : ` ${outer.notes.at(-1) ?? ''}`;
    return notFound(outer, `no section ${rawPath}${where}`);
  }
  const topics = unique(inRange.map((s) => s.topic));
  const topic = topics[0];
  const chosen = inRange.filter((s) => s.topic === topic);
  const notes = [...outer.notes];
  if (topics.length > 1) {
    const others = topics.slice(1).map((t) => `"${t ?? '(none)'}"`).join(', ');
    notes.push(`section ${rawPath} also appears under ${others}; graded the one under "${topic ?? '(none)'}"`);
  }
  return {
    ...outer,
    line: Math.min(...chosen.map((s) => s.line)),
    path: rawPath,
    topic,
    notes,
  };
}

function byText(parsed: ParsedSubmission, pattern: string, outer: Region): Region {
  const regex = regexOf(pattern);
  const block = parsed.blocks.find(
    (b) =>
      b.line >= outer.from &&
      b.line <= outer.to &&
      (outer.path === null || isWithinPath(b.section, outer.path)) &&
      regex.test(b.text),
  );
  if (!block) return notFound(outer, `no block matches /${pattern}/i`);
  // The region runs to the next marker of the same or higher level: the end of the
  // block's section together with its sub-parts.
  const ends = parsed.sections
    .filter((s) => s.topic === block.topic && isWithinPath(s.path, block.section))
    .map((s) => s.endLine);
  const sectionEnd = block.section === '' ? outer.to : Math.max(block.endLine, ...ends);
  return {
    ...outer,
    line: block.line,
    from: block.line,
    to: Math.min(outer.to, sectionEnd),
    path: outer.path ?? (block.section === '' ? null : block.section),
    topic: outer.topic ?? block.topic,
    notes: [...outer.notes, `from the block at line ${block.line} matching /${pattern}/i`],
  };
}

function notFound(outer: Region, why: string): Region {
  return { ...outer, found: false, line: null, notes: [...outer.notes, why] };
}
