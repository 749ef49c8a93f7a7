// Which files a `grade` run reads, and where each report goes (SPEC §3).
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SubmissionFile {
  /** The path as given or found, relative to the working directory when possible. */
  file: string;
  /** Report name without extension: mirrors the path below the folder given. */
  name: string;
}

/**
 * Expands files and directories into submissions, sorted by path. A directory means
 * every file with one of `extensions` below it; symlinked files are followed,
 * symlinked directories are not.
 * Example: listSubmissions(['submissions/hw2'], ['md'])
 */
export async function listSubmissions(inputs: string[], extensions: string[] = ['md']): Promise<SubmissionFile[]> {
  const found: SubmissionFile[] = [];
  for (const input of inputs) {
    const info = await stat(input);
    if (info.isDirectory()) {
      for (const file of await walk(input, extensions)) {
        found.push({ file, name: withoutExtension(path.relative(input, file)) });
      }
    } else {
      found.push({ file: input, name: withoutExtension(path.basename(input)) });
    }
  }
  const byName = new Map(found.map((f) => [f.name + '\u0000' + f.file, f]));
  return [...byName.values()].sort((a, b) => compare(a.name, b.name) || compare(a.file, b.file));
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

async function walk(dir: string, extensions: string[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await walk(full, extensions)));
    } else if (hasExtension(entry.name, extensions) && (entry.isFile() || (await isFileLink(full)))) {
      files.push(full);
    }
  }
  return files;
}

async function isFileLink(file: string): Promise<boolean> {
  const link = await lstat(file);
  if (!link.isSymbolicLink()) return false;
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function hasExtension(name: string, extensions: string[]): boolean {
  return extensions.some((ext) => name.toLowerCase().endsWith('.' + ext.toLowerCase()));
}

function withoutExtension(file: string): string {
  return file.replace(/\.[^./\\]+$/, '').split(path.sep).join('/');
}

/** Byte-order comparison: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
