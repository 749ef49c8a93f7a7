// Which files a `grade` run reads, under which name each one is reported, and how a
// submission's bytes are read (SPEC §3). Untrusted students choose file names, links and
// contents, so every rule here is about what they must not reach: a file outside the
// folder being graded, another student's file, or a report path outside `--out`.
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { overLimit } from './markdown/errors.js';
import { INPUT_LIMITS } from './markdown/input.js';
import { MAX_NOTEBOOK_BYTES } from './markdown/notebook.js';
import { batchFileNames, reportExtensions } from './reporters/registry.js';

export interface SubmissionFile {
  /** The path as given or found, relative to the working directory when possible. */
  file: string;
  /** Report name without extension (identity, `id` in the report): mirrors the path below the folder given. */
  name: string;
  /** The real file behind an accepted symlink: what is read (a link is never followed at read time). */
  readFrom?: string;
  /** Set when the submission is not read; it gets a report with this `error`. */
  refusal?: string;
  /** The refusal's stable id, the report's `errorCode`. */
  refusalCode?: FileRefusalCode;
}

/** Why discovery refused a file: a link it must not follow, a second path to one file, a report-name clash. */
export type FileRefusalCode = 'broken-link' | 'link-outside' | 'link-to-submission' | 'same-file' | 'name-collision';

export interface DiscoveryOptions {
  /** File extensions read in folders, compared case-insensitively (default `md`, `ipynb`). */
  extensions?: string[];
  /** Globs of paths (below the folder given) or file names left out of folders. */
  exclude?: string[];
}

export const DEFAULT_EXTENSIONS = ['md', 'ipynb'];


/** One file found, before names are given. */
interface Found {
  file: string;
  /** Path below the folder given, `/`-separated (the base name for a file given directly). */
  relative: string;
  link: boolean;
  real: string | null;
  /** `dev:ino` of the real file; null when it is not read at all. */
  inode: string | null;
  refusal?: string;
  refusalCode?: FileRefusalCode;
}

/**
 * Expands files and directories into submissions, sorted by report name. A directory
 * means every file with one of the extensions below it. Symlinked directories are not
 * followed; a symlinked file only when its real target lies inside the folder being
 * graded and is not itself a submission. Two paths to one file (a symlink or a hard link
 * to another submission) are refused, as are submissions whose report paths would
 * collide (compared case-folded, with every report format and the batch files, and with
 * files `isTaken` says exist under `--out`); a refused submission keeps a unique name.
 * @example await listSubmissions(['submissions/hw2'])
 */
export async function listSubmissions(
  inputs: string[],
  options: DiscoveryOptions = {},
  isTaken: (reportPath: string) => boolean = () => false,
): Promise<SubmissionFile[]> {
  const extensions = options.extensions ?? DEFAULT_EXTENSIONS;
  const excluded = excluder(options.exclude ?? []);
  const found: Found[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info === null) throw new UsageError(`${input}: no such file or folder`);
    if (info.isDirectory()) {
      const root = await realpath(input);
      for (const file of await walk(input, (name) => hasExtension(name, extensions))) {
        const relative = toSlashes(path.relative(input, file));
        if (!excluded(relative)) found.push(await inspect(file, relative, root));
      }
    } else {
      found.push(await inspect(input, path.basename(input), await realpath(path.dirname(input))));
    }
  }
  return nameSubmissions(refuseSecondPaths(dedupe(found)), isTaken);
}

/**
 * `--exclude`: a glob with a `/` is matched against the path below the folder given, one
 * without against the file name alone; both ignore case, like the extensions.
 */
function excluder(globs: string[]): (relative: string) => boolean {
  const options = { dot: true, nocase: true };
  const byPath = globs.filter((g) => g.includes('/'));
  const byName = globs.filter((g) => !g.includes('/'));
  const matchPath = byPath.length > 0 ? picomatch(byPath, options) : () => false;
  const matchName = byName.length > 0 ? picomatch(byName, options) : () => false;
  return (relative) => matchPath(relative) || matchName(path.posix.basename(relative));
}

/** A file seen once: whether it may be read, and which real file it is. */
async function inspect(file: string, relative: string, root: string): Promise<Found> {
  const link = (await lstat(file)).isSymbolicLink();
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return { file, relative, link, real: null, inode: null, refusal: `${file} is a broken symbolic link; not read`, refusalCode: 'broken-link' };
  }
  if (link && !isInside(real, root)) {
    return { file, relative, link, real: null, inode: null, refusal: `${file} is a symbolic link to a file outside the folder being graded; not read`, refusalCode: 'link-outside' };
  }
  const info = await stat(real);
  return { file, relative, link, real, inode: `${info.dev}:${info.ino}` };
}

/** The same file given twice (a folder and a file in it) is one submission. */
function dedupe(found: Found[]): Found[] {
  const seen = new Map<string, Found>();
  for (const f of found) seen.set(`${f.relative}\u0000${f.inode ?? f.file}`, f);
  return [...seen.values()];
}

/**
 * A link to another submission's file, or hard links of one file, must not give two
 * students one piece of work: links lose to the plain file, which alone is graded;
 * hard links (several plain names of one file) are all refused, since neither name is
 * more the author's than the other.
 */
function refuseSecondPaths(found: Found[]): Found[] {
  const byInode = new Map<string, Found[]>();
  for (const f of found) if (f.inode !== null) byInode.set(f.inode, [...(byInode.get(f.inode) ?? []), f]);
  for (const group of byInode.values()) {
    if (group.length < 2) continue;
    const plain = group.filter((f) => !f.link).sort((a, b) => compare(a.file, b.file));
    for (const f of group) {
      if (f.link && plain.length > 0) refuse(f, 'link-to-submission', `${f.file} is a link to the submission ${plain[0].file}; only that file is graded`);
      else if (f.link) refuse(f, 'same-file', `${f.file} is a link to the same file as ${others(group, f)}; not graded`);
      else if (plain.length > 1) refuse(f, 'same-file', `${f.file} is the same file (a hard link) as ${others(plain, f)}; not graded`);
    }
  }
  return found;
}

/** Marks a found file as not read: the report's `error` and its stable `errorCode`. */
function refuse(f: Found, code: FileRefusalCode, reason: string): void {
  f.refusal = reason;
  f.refusalCode = code;
}

function others(group: Found[], self: Found): string {
  return group.filter((f) => f !== self).map((f) => f.file).sort(compare).join(', ');
}

/**
 * Report names: the path without its extension, or the whole file name when that would
 * be empty, `.` or `..` (`..md` -> `..md`, never a path outside `--out`). Submissions
 * whose report files would collide are refused and named by their whole file name, with
 * `~2`, `~3`… when even that collides (`a.MD` and `a.md` case-folded).
 */
function nameSubmissions(found: Found[], isTaken: (reportPath: string) => boolean): SubmissionFile[] {
  const files: SubmissionFile[] = found.map((f) => ({
    file: f.file,
    name: stem(f.relative),
    ...(f.link && f.real !== null ? { readFrom: f.real } : {}),
    ...(f.refusal ? { refusal: f.refusal, refusalCode: f.refusalCode } : {}),
  }));
  const full = found.map((f) => f.relative);
  const renamed = new Array<number>(files.length).fill(0);
  for (let round = 0; round <= files.length + 1; round++) {
    const clashes = collisions(files, isTaken);
    if (clashes.size === 0) break;
    for (const [i, withWhat] of clashes) {
      const reason = `its report name "${files[i].name}" collides with ${withWhat} (compared case-folded, across report formats); not graded: rename the file`;
      renamed[i]++;
      // Then a suffix unique to this submission (its place in the listing), as names
      // that differ only in case still fold together.
      const name = renamed[i] === 1 ? full[i] : renamed[i] === 2 ? `${full[i]}~${i + 1}` : `${full[i]}~${i + 1}~${renamed[i]}`;
      files[i] = files[i].refusal ? { ...files[i], name } : { ...files[i], name, refusal: reason, refusalCode: 'name-collision' };
    }
  }
  return files.sort((a, b) => compare(a.name, b.name) || compare(a.file, b.file));
}

/** Submission index -> what its report paths collide with. */
function collisions(files: SubmissionFile[], isTaken: (reportPath: string) => boolean): Map<number, string> {
  const owners = new Map<string, number[]>();
  const directories = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number) => map.set(key, [...(map.get(key) ?? []), i]);
  files.forEach((f, i) => {
    for (const p of reportPaths(f.name)) add(owners, fold(p), i);
    const segments = f.name.split('/');
    for (let k = 1; k < segments.length; k++) add(directories, fold(segments.slice(0, k).join('/')), i);
  });
  const clashes = new Map<number, string>();
  const batch = new Set(batchFileNames().map(fold));
  files.forEach((f, i) => {
    const segments = f.name.split('/');
    for (let k = 1; k < segments.length; k++) {
      const sharing = (owners.get(fold(segments.slice(0, k).join('/'))) ?? []).filter((j) => j !== i);
      if (sharing.length > 0) {
        clashes.set(i, [...new Set(sharing.map((j) => files[j].file))].join(', '));
        return;
      }
    }
    for (const p of reportPaths(f.name)) {
      const key = fold(p);
      const sharing = [...(owners.get(key) ?? []), ...(directories.get(key) ?? [])].filter((j) => j !== i);
      if (sharing.length > 0) clashes.set(i, [...new Set(sharing.map((j) => files[j].file))].join(', '));
      else if (batch.has(key)) clashes.set(i, `the batch file ${p}`);
      else if (isTaken(p)) clashes.set(i, `${p}, a file under --out that markgrade did not write`);
      if (clashes.has(i)) return;
    }
  });
  return clashes;
}

/** Every report file a submission named `name` may get, relative to `--out`. */
export function reportPaths(name: string): string[] {
  // Every format's extensions, whether or not this run writes them: names must not depend on --format.
  return reportExtensions().map((extension) => name + extension);
}

/** Case folding as file systems that ignore case do it, near enough (NFC, then lower case). */
function fold(p: string): string {
  return p.normalize('NFC').toLowerCase();
}

function stem(relative: string): string {
  const dir = path.posix.dirname(relative);
  const base = path.posix.basename(relative);
  const short = base.replace(/\.[^.]+$/, '');
  const name = short === '' || short === '.' || short === '..' ? base : short;
  return dir === '.' ? name : `${dir}/${name}`;
}

/**
 * Refuses `--out` equal to or inside a folder being graded (by real path): its reports
 * would replace submissions or be graded by the next run. Call before anything is written.
 */
export async function checkOutFolder(out: string, inputs: string[]): Promise<void> {
  const outReal = await realpathOfNearest(path.resolve(out));
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info?.isDirectory()) continue;
    if (isInside(outReal, await realpath(input)) || outReal === (await realpath(input))) {
      throw new UsageError(`--out ${out} is inside the folder being graded (${input}); its reports would be read as submissions. Choose a folder outside it`);
    }
  }
}

/** The real path of `p`, or of its nearest existing parent with the rest appended. */
async function realpathOfNearest(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(await realpathOfNearest(parent), path.basename(p));
  }
}

/**
 * A submission's bytes. The size is checked from the open file before anything is read
 * (a 2 GB file costs nothing), and a symlink is never followed at read time: discovery
 * decided which links may be read and passes their real path; `O_NOFOLLOW` keeps a file
 * swapped for a link since then from being opened.
 */
export async function readSubmissionFile(file: string, maxBytes: number = sizeLimitOf(file)): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size > maxBytes) throw overLimit('fileBytes', 'size', `${info.size} bytes, over the limit of ${maxBytes} bytes`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** The most bytes a submission file may have: a notebook stores its plots inline, and the text limit applies after they are dropped. */
function sizeLimitOf(file: string): number {
  return /\.ipynb$/i.test(file) ? MAX_NOTEBOOK_BYTES : INPUT_LIMITS.bytes;
}

/** Keeps submission i (0-based) when i mod count = index - 1: `--shard 2/3`. */
export function shard<T>(items: T[], spec: string | undefined): T[] {
  if (spec === undefined) return items;
  const match = /^(\d+)\/(\d+)$/.exec(spec);
  if (!match) throw new UsageError(`--shard must look like I/N (e.g. 1/4), got "${spec}"`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${spec}: I must be between 1 and N`);
  }
  return items.filter((_, i) => i % count === index - 1);
}

export class UsageError extends Error {}

/** Files below `dir` whose names pass `wanted`: plain files and symlinks (decided later), not symlinked folders. */
async function walk(dir: string, wanted: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await walk(full, wanted)));
    } else if (wanted(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await isFileTarget(full))))) {
      files.push(full);
    }
  }
  return files;
}

/** A symlink to a file, or a broken one (reported); a link to a folder is not followed. */
async function isFileTarget(file: string): Promise<boolean> {
  const target = await stat(file).catch(() => null);
  return target === null || target.isFile();
}

function hasExtension(name: string, extensions: string[]): boolean {
  return extensions.some((ext) => name.toLowerCase().endsWith('.' + ext.replace(/^\./, '').toLowerCase()));
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..' + path.sep) && relative !== '..' && !path.isAbsolute(relative);
}

function toSlashes(p: string): string {
  return p.split(path.sep).join('/');
}

/** Byte-order comparison: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
