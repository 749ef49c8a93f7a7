// Who a submission is (SPEC §3): identity is the path-derived report name, never what a
// student writes. Front matter `student:` is only a display name; two submissions that
// display the same name are flagged so that a TA notices one student posing as another.
import { readSubmissionFile, type SubmissionFile } from './files.js';
import { displayNameOf } from './markdown/index.js';
import { LOOK_ALIKES } from './markdown/labels.js';

/** A group of submissions (by id) that display the same name. */
export interface SharedDisplayName {
  /** The display name as the first of them wrote it. */
  student: string;
  ids: string[];
}

/**
 * The form in which display names are compared: NFKC, invisible characters removed
 * (format characters such as zero-width spaces, soft hyphens, bidi marks), look-alike
 * Cyrillic and Greek letters as Latin, case and runs of spaces ignored.
 * @example foldDisplayName('Mi\u200Bra Окafor') === foldDisplayName('mira  okafor') // true
 */
export function foldDisplayName(name: string): string {
  let folded = '';
  for (const char of name.normalize('NFKC').replace(/[\p{Cf}\p{Cc}\u034F\u115F\u1160\u3164\uFFA0]/gu, '')) {
    folded += LOOK_ALIKES[char] ?? char;
  }
  return folded.toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * Display names claimed by more than one submission, sorted by the first id; with
 * `involving`, only the groups with one of those ids (a shard's part of the class).
 * @example sharedDisplayNames([{ id: 'a', student: 'x' }, { id: 'b', student: 'X' }]) // [{ student: 'x', ids: ['a', 'b'] }]
 */
export function sharedDisplayNames(results: Iterable<{ id: string; student: string }>, involving?: ReadonlySet<string>): SharedDisplayName[] {
  const groups = new Map<string, SharedDisplayName>();
  for (const { id, student } of results) {
    const key = foldDisplayName(student);
    const group = groups.get(key);
    if (group) group.ids.push(id);
    else groups.set(key, { student, ids: [id] });
  }
  return [...groups.values()].filter((g) => g.ids.length > 1 && (involving === undefined || g.ids.some((id) => involving.has(id)))).map((g) => ({ ...g, ids: g.ids.sort() })).sort((a, b) => (a.ids[0] < b.ids[0] ? -1 : 1));
}

/**
 * The display names of a whole class from front matter alone (the name when there is
 * none, or the file is refused or unreadable), for `--shard`: every shard judges shared
 * names on the whole class before it is split, and so every shard flags the same groups.
 * @example sharedDisplayNames(await classDisplayNames(whole), new Set(['mira']))
 */
export async function classDisplayNames(files: readonly SubmissionFile[]): Promise<Array<{ id: string; student: string }>> {
  const names: Array<{ id: string; student: string }> = [];
  for (const file of files) {
    const bytes = file.refusal === undefined ? await readSubmissionFile(file.readFrom ?? file.file).catch(() => null) : null;
    names.push({ id: file.name, student: (bytes === null ? null : displayNameOf(bytes)) ?? file.name });
  }
  return names;
}
