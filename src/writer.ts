// The one way files get under `--out` (SPEC §3): every file is written to a temporary
// name in its own folder and renamed into place, so a killed run leaves only whole files;
// markgrade keeps a manifest of the files it wrote there and never replaces any other
// (`--out .` beside `package.md` must not touch `package.json`); files an earlier run
// wrote that this run did not are removed as stale, from the manifest alone.
import { appendFileSync, lstatSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The manifest: one JSON line `{"file":…,"id":…}` per file markgrade wrote, appended as it writes. */
export const MANIFEST = '.markgrade-manifest';
/** Temporary files are `.<name>.markgrade-tmp-<pid>-<n>` beside their final name. */
const TEMPORARY = /^\..*\.markgrade-tmp-\d+-\d+$/;

interface Entry {
  file: string;
  /** The submission it belongs to (its report name), or "" for a batch file. */
  id: string;
}

export class WriteRefused extends Error {}

export class OutputFolder {
  private readonly known = new Map<string, Entry>();
  private readonly written = new Set<string>();
  private counter = 0;

  private constructor(readonly root: string) {}

  /** Opens `--out` (created at the first write), reading the manifest an earlier run left and removing its temporary files. */
  static async open(root: string): Promise<OutputFolder> {
    const folder = new OutputFolder(root);
    const text = await readFile(path.join(root, MANIFEST), 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      const entry = parseEntry(line);
      if (entry) folder.known.set(entry.file, entry);
    }
    await folder.removeTemporaryFiles();
    return folder;
  }

  /** Whether `file` (relative to the folder) exists and is not markgrade's: writing it would destroy someone's file. */
  isTaken = (file: string): boolean => {
    if (this.known.has(file)) return false;
    try {
      lstatSync(this.resolve(file));
      return true;
    } catch {
      return false;
    }
  };

  /**
   * Writes `content` to `file` (relative to the folder, `/`-separated) atomically:
   * a temporary file in the same folder, then a rename. The manifest records the file
   * before it appears, so a run killed right after still knows it as its own.
   */
  async write(file: string, content: string, id = ''): Promise<void> {
    const target = this.resolve(file);
    if (this.isTaken(file)) throw new WriteRefused(`${target} exists and markgrade did not write it; not replaced`);
    await mkdir(path.dirname(target), { recursive: true });
    await this.replace(target, content, () => {
      if (this.known.has(file)) return;
      const entry = { file, id };
      appendFileSync(path.join(this.root, MANIFEST), JSON.stringify(entry) + '\n');
      this.known.set(file, entry);
    });
    this.written.add(file);
  }

  /** Temporary file beside `target`, then `beforeRename`, then the rename. */
  private async replace(target: string, content: string, beforeRename: () => void = () => undefined): Promise<void> {
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.markgrade-tmp-${process.pid}-${this.counter++}`);
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    try {
      beforeRename();
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Ends the run: removes the files of the manifest this run did not write (a submission
   * no longer present, a format no longer asked for), except those `keep` says belong to
   * submissions of the class this run did not grade (other `--shard`s), then rewrites
   * the manifest. Returns the removed files, relative to the folder, sorted.
   */
  async finish(keep: (id: string) => boolean = () => false): Promise<string[]> {
    const removed: string[] = [];
    for (const entry of [...this.known.values()]) {
      if (this.written.has(entry.file) || (entry.id !== '' && keep(entry.id))) continue;
      await unlink(this.resolve(entry.file)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      this.known.delete(entry.file);
      removed.push(entry.file);
    }
    const lines = [...this.known.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map((e) => JSON.stringify(e) + '\n');
    await this.replace(path.join(this.root, MANIFEST), lines.join(''));
    return removed.sort();
  }

  /** The absolute path of `file`, which must stay inside the folder. */
  private resolve(file: string): string {
    const segments = file.split('/');
    if (path.isAbsolute(file) || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
      throw new WriteRefused(`${JSON.stringify(file)} is not a path inside --out`);
    }
    return path.join(this.root, ...segments);
  }

  /** Temporary files of a killed run, in the folders markgrade wrote to. */
  private async removeTemporaryFiles(): Promise<void> {
    const folders = new Set(['', ...[...this.known.keys()].map((f) => path.posix.dirname(f)).map((d) => (d === '.' ? '' : d))]);
    for (const folder of folders) {
      const dir = folder === '' ? this.root : this.resolve(folder);
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) if (TEMPORARY.test(name)) await unlink(path.join(dir, name)).catch(() => undefined);
    }
  }
}

function parseEntry(line: string): Entry | null {
  if (line.trim() === '') return null;
  try {
    const entry = JSON.parse(line) as Partial<Entry>;
    return typeof entry.file === 'string' && typeof entry.id === 'string' ? { file: entry.file, id: entry.id } : null;
  } catch {
    // A line torn by a killed run: that file was never renamed into place.
    return null;
  }
}
