// A hostile or careless class (issue 9): links, names, collisions, sizes, discovery.
// Each case is reproduced on disk and graded as a batch; the test asserts the refused
// submission's report and that the others of the batch are graded.
import { linkSync, symlinkSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { gradeAll, type Graded } from '../../src/batch.js';
import { checkOutFolder, listSubmissions, UsageError } from '../../src/files.js';
import { RIGHT, RUBRIC_TEXT, rubric, tree } from './fixtures.js';

function byId(graded: Graded[]): Record<string, { error: string | null; score: number }> {
  return Object.fromEntries(graded.map((g) => [g.result.id, { error: g.result.error, score: g.result.score }]));
}

function errorCodes(graded: Graded[]): Record<string, string | undefined> {
  return Object.fromEntries(graded.filter((g) => g.result.error !== null).map((g) => [g.result.id, g.result.errorCode]));
}

describe('links', () => {
  test.each([
    ['a file outside the folder (the rubric)', (dir: string) => symlinkSync(path.join(dir, 'rubric.yaml'), path.join(dir, 'subs', 'mallory.md')), /outside the folder being graded/, 'link-outside'],
    ['an absolute path outside', (dir: string) => symlinkSync('/etc/passwd', path.join(dir, 'subs', 'mallory.md')), /outside the folder being graded/, 'link-outside'],
    ['another submission', (dir: string) => symlinkSync('alice.md', path.join(dir, 'subs', 'mallory.md')), /link to the submission .*alice\.md; only that file is graded/, 'link-to-submission'],
    ['a broken target', (dir: string) => symlinkSync('nowhere.md', path.join(dir, 'subs', 'mallory.md')), /broken symbolic link/, 'broken-link'],
  ])('a symlink to %s is refused, never read, and the batch goes on', async (_, make, error, code) => {
    const dir = tree({ 'rubric.yaml': RUBRIC_TEXT, 'subs/alice.md': RIGHT, 'subs/bob.md': '1. accuracy = 0.5\n' });
    make(dir);
    const results = await gradeAll(rubric, [path.join(dir, 'subs')]);
    expect(errorCodes(results)).toEqual({ mallory: code });
    const graded = byId(results);
    expect(graded.mallory.error).toMatch(error);
    expect(graded.mallory.score).toBe(0);
    expect(graded.alice).toEqual({ error: null, score: 1 });
    expect(graded.bob).toEqual({ error: null, score: 0 });
  });

  test('a symlink to a file inside the folder that is not a submission is followed', async () => {
    const dir = tree({ 'subs/notes/draft.txt': RIGHT, 'subs/bob.md': '1. accuracy = 0.5\n' });
    symlinkSync('notes/draft.txt', path.join(dir, 'subs', 'carol.md'));
    const graded = byId(await gradeAll(rubric, [path.join(dir, 'subs')]));
    expect(graded.carol).toEqual({ error: null, score: 1 });
  });

  test('hard links of one file are all refused: neither name is more the author', async () => {
    const dir = tree({ 'subs/alice.md': RIGHT, 'subs/bob.md': '1. accuracy = 0.5\n' });
    linkSync(path.join(dir, 'subs', 'alice.md'), path.join(dir, 'subs', 'mallory.md'));
    const results = await gradeAll(rubric, [path.join(dir, 'subs')]);
    expect(errorCodes(results)).toEqual({ alice: 'same-file', mallory: 'same-file' });
    const graded = byId(results);
    expect(graded.mallory.error).toMatch(/same file \(a hard link\) as .*alice\.md/);
    expect(graded.alice.error).toMatch(/same file \(a hard link\) as .*mallory\.md/);
    expect(graded.bob).toEqual({ error: null, score: 0 });
  });

  test('symlinked folders are not followed', async () => {
    const dir = tree({ 'subs/alice.md': RIGHT, 'elsewhere/x.md': RIGHT });
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'subs', 'linked'));
    expect((await listSubmissions([path.join(dir, 'subs')])).map((f) => f.name)).toEqual(['alice']);
  });
});

describe('report names', () => {
  test.each([
    // [files, expected ids -> error or null]
    ['..md', { '..md': null }],
    ['sub/..md', { 'sub/..md': null }],
    ['.md', { '.md': null }],
  ])('%s keeps a report path inside --out', async (file, expected) => {
    const dir = tree({ [`subs/${file}`]: RIGHT });
    const graded = await gradeAll(rubric, [path.join(dir, 'subs')]);
    expect(Object.fromEntries(graded.map((g) => [g.result.id, g.result.error]))).toEqual(expected);
  });

  test.each([
    ['case-folded twins', ['alice.md', 'alice.MD'], ['alice.MD~1', 'alice.md~2']],
    ['a notebook and a Markdown file', ['hw2.ipynb', 'hw2.md'], ['hw2.ipynb', 'hw2.md']],
    ['another format of another submission', ['a.md', 'a.results.md'], ['a.md', 'a.results.md']],
    ['a batch file', ['summary.md'], ['summary.md']],
    ['a batch file, case-folded', ['Summary.md'], ['Summary.md']],
    ['no collision: another extension of a batch file', ['gradebook.md'], []],
    ['a folder and a file', ['x.json/y.md', 'x.md'], ['x.json/y.md', 'x.md']],
  ])('%s: each colliding submission gets an error under its whole file name', async (_, files, refused) => {
    const dir = tree(Object.fromEntries([...files.map((f) => [`subs/${f}`, RIGHT]), ['subs/zed.md', RIGHT]]));
    const graded = await gradeAll(rubric, [path.join(dir, 'subs')]);
    const errors = graded.filter((g) => g.result.error !== null);
    expect(errors.map((g) => g.result.id).sort()).toEqual(refused);
    for (const g of errors) expect(g.result).toMatchObject({ error: expect.stringMatching(/collides with/), errorCode: 'name-collision' });
    expect(graded.find((g) => g.result.id === 'zed')?.result).toMatchObject({ error: null, score: 1 });
    const names = graded.map((g) => g.result.id.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  test('a file under --out that markgrade did not write is a collision', async () => {
    const dir = tree({ 'subs/package.md': RIGHT, 'subs/zed.md': RIGHT });
    const files = await listSubmissions([path.join(dir, 'subs')], {}, (p) => p === 'package.json');
    expect(files.map((f) => [f.name, f.refusal === undefined])).toEqual([
      ['package.md', false],
      ['zed', true],
    ]);
  });
});

describe('discovery', () => {
  const files = { 'subs/a.md': RIGHT, 'subs/b.IPYNB': RIGHT, 'subs/c.MD': RIGHT, 'subs/d.txt': RIGHT, 'subs/drafts/e.md': RIGHT, 'subs/f.markdown': RIGHT };
  test.each([
    [{}, ['a', 'b', 'c', 'drafts/e']],
    [{ extensions: ['md'] }, ['a', 'c', 'drafts/e']],
    [{ extensions: ['markdown', 'txt'] }, ['d', 'f']],
    [{ exclude: ['drafts/**'] }, ['a', 'b', 'c']],
    [{ exclude: ['*.ipynb'] }, ['a', 'c', 'drafts/e']],
    [{ exclude: ['e.md'] }, ['a', 'b', 'c']],
  ])('%j finds %j', async (options, names) => {
    const dir = tree(files);
    expect((await listSubmissions([path.join(dir, 'subs')], options)).map((f) => f.name)).toEqual(names);
  });

  test('a path that does not exist is a usage error', async () => {
    await expect(listSubmissions(['/nonexistent/markgrade'])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('sizes', () => {
  test('a huge (sparse) file is refused from its size, without reading it', async () => {
    const dir = tree({ 'subs/big.md': '', 'subs/alice.md': RIGHT });
    truncateSync(path.join(dir, 'subs', 'big.md'), 3 * 1024 ** 3);
    const graded = byId(await gradeAll(rubric, [path.join(dir, 'subs')]));
    expect(graded.big.error).toMatch(/3221225472 bytes, over the limit/);
    expect(graded.alice).toEqual({ error: null, score: 1 });
  });
});

describe('--out', () => {
  test.each([
    ['equal to the folder', 'subs'],
    ['inside it', 'subs/reports'],
    ['inside it through a symlink', 'link-to-subs/reports'],
    ['not yet existing inside it', 'subs/new/deeper'],
  ])('%s is refused', async (_, out) => {
    const dir = tree({ 'subs/alice.md': RIGHT });
    symlinkSync(path.join(dir, 'subs'), path.join(dir, 'link-to-subs'));
    await expect(checkOutFolder(path.join(dir, out), [path.join(dir, 'subs')])).rejects.toThrow(/inside the folder being graded/);
  });

  test.each([['beside it', 'reports'], ['its parent', '.']])('%s is allowed', async (_, out) => {
    const dir = tree({ 'subs/alice.md': RIGHT });
    await expect(checkOutFolder(path.join(dir, out), [path.join(dir, 'subs')])).resolves.toBeUndefined();
  });
});
