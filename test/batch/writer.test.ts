// Nothing lost (issue 9): one atomic writer for every file under --out, a manifest of
// markgrade's own files, stale reports removed, a file vanishing mid-run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { gradeBatch } from '../../src/batch.js';
import { UsageError } from '../../src/files.js';
import { RIGHT, RUBRIC_TEXT, rubric, tree } from './fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'bundle', 'cli.js');

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('markgrade never replaces a file it did not write', () => {
  test('--out . beside package.md leaves package.json alone; package.md reports under its whole name', async () => {
    const dir = tree({ 'package.json': '{"name":"course"}\n', 'package.md': RIGHT, 'subs/zed.md': RIGHT });
    const { results } = await gradeBatch(rubric, [path.join(dir, 'package.md'), path.join(dir, 'subs', 'zed.md')], dir);
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{"name":"course"}\n');
    expect(results.map((r) => [r.id, r.error === null])).toEqual([
      ['package.md', false],
      ['zed', true],
    ]);
    expect(results[0].error).toMatch(/package\.json, a file under --out that markgrade did not write/);
    expect(files(dir)).toEqual(['.markgrade-manifest', 'gradebook.csv', 'package.json', 'package.md', 'package.md.json', 'subs/zed.md', 'summary.json', 'zed.json']);
  });

  test('a submission whose own file would be its md report is refused (--out beside the files given)', async () => {
    const dir = tree({ 'zed.md': RIGHT });
    const { results } = await gradeBatch(rubric, [path.join(dir, 'zed.md')], dir, { formats: ['md'] });
    expect(results.map((r) => r.id)).toEqual(['zed.md']);
    expect(readFileSync(path.join(dir, 'zed.md'), 'utf8')).toBe(RIGHT);
  });

  test.each(['summary.json', 'gradebook.csv'])('a %s markgrade did not write refuses the run before anything is written', async (file) => {
    const dir = tree({ 'subs/a.md': RIGHT, [`out/${file}`]: 'mine\n' });
    await expect(gradeBatch(rubric, [path.join(dir, 'subs')], path.join(dir, 'out'))).rejects.toBeInstanceOf(UsageError);
    expect(files(path.join(dir, 'out'))).toEqual([file]);
  });
});

describe('stale reports', () => {
  test('files of an earlier run are removed and listed, from the manifest only', async () => {
    const dir = tree({ 'subs/a.md': RIGHT, 'subs/b.md': RIGHT, 'out/notes.txt': 'TA notes\n' });
    const out = path.join(dir, 'out');
    await gradeBatch(rubric, [path.join(dir, 'subs')], out, { formats: ['md', 'html'] });
    unlinkSync(path.join(dir, 'subs', 'b.md'));
    const { removed, results } = await gradeBatch(rubric, [path.join(dir, 'subs')], out, { formats: ['md'] });
    expect(removed).toEqual(['a.html', 'b.html', 'b.json', 'b.md', 'summary.html']);
    expect(results.map((r) => r.id)).toEqual(['a']);
    expect(files(out)).toEqual(['.markgrade-manifest', 'a.json', 'a.md', 'gradebook.csv', 'notes.txt', 'summary.json']);
    expect(readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  test('with --shard, the other shards’ reports in the same folder stay', async () => {
    const dir = tree({ 'subs/a.md': RIGHT, 'subs/b.md': RIGHT });
    const out = path.join(dir, 'out');
    await gradeBatch(rubric, [path.join(dir, 'subs')], out, { shard: '1/2' });
    const { removed } = await gradeBatch(rubric, [path.join(dir, 'subs')], out, { shard: '2/2' });
    expect(removed).toEqual([]);
    expect(files(out)).toEqual(['.markgrade-manifest', 'a.json', 'b.json', 'gradebook.csv', 'summary.json']);
  });

  test('temporary files of a killed run are removed by the next', async () => {
    const dir = tree({ 'subs/a.md': RIGHT, 'out/.markgrade-manifest': '{"file":"a.json","id":"a"}\n{"file":"a.md","i', 'out/.a.json.markgrade-tmp-123-4': '{"trunc' });
    await gradeBatch(rubric, [path.join(dir, 'subs')], path.join(dir, 'out'));
    expect(files(path.join(dir, 'out'))).toEqual(['.markgrade-manifest', 'a.json', 'gradebook.csv', 'summary.json']);
  });
});

test('a submission that vanishes mid-run becomes its own error; the batch goes on', async () => {
  const dir = tree({ 'subs/a.md': RIGHT, 'subs/b.md': RIGHT, 'subs/c.md': RIGHT });
  const { results } = await gradeBatch(rubric, [path.join(dir, 'subs')], path.join(dir, 'out'), {
    formats: ['html'],
    onProgress: (done) => {
      if (done === 1) rmSync(path.join(dir, 'subs', 'b.md'));
    },
  });
  expect(results.map((r) => [r.id, r.error === null])).toEqual([
    ['a', true],
    ['b', false],
    ['c', true],
  ]);
  expect(results[1].error).toMatch(/cannot read .*b\.md: ENOENT/);
  expect(existsSync(path.join(dir, 'out', 'b.html'))).toBe(true);
});

test('a real grade run opens no file under --out for writing under its final name', () => {
  const dir = tree({ 'rubric.yaml': RUBRIC_TEXT, 'subs/a.md': RIGHT, 'subs/b/hw.md': RIGHT, 'subs/c.md': '1. accuracy = 0.5\n' });
  const trace = path.join(dir, 'trace.jsonl');
  const out = path.join(dir, 'out');
  const args = ['--import', path.join(root, 'test', 'fixtures', 'fs-trace.mjs'), cli, 'grade', 'rubric.yaml', 'subs', '--out', out, '--format', 'md,html,junit,gradescope', '--jobs', '2'];
  const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MARKGRADE_FS_TRACE: trace } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const calls = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { op: string; file: string; flags: string });
  const under = calls.filter((c) => c.file.startsWith(out + path.sep));
  const writes = under.filter((c) => !c.op.includes('rename') && c.flags !== 'r');
  const temporary = /\/\.[^/]+\.markgrade-tmp-\d+-\d+$/;
  // Every write goes to a temporary name, except appends to the manifest's journal.
  expect(writes.filter((c) => !temporary.test(c.file) && !(c.op === 'appendFileSync' && c.file === path.join(out, '.markgrade-manifest')))).toEqual([]);
  expect(writes.filter((c) => temporary.test(c.file)).every((c) => c.flags === 'wx')).toBe(true);
  // And every file there arrived by a rename from a temporary file beside it.
  const renamed = new Set(under.filter((c) => c.op.includes('rename')).map((c) => c.file));
  for (const file of files(out)) expect(renamed.has(path.join(out, file))).toBe(true);
  expect(files(out)).toContain('junit.xml');
  expect(files(out)).toContain(path.join('b', 'hw.html'));
});

test('--jobs 1 and --jobs 2 write byte-identical files', () => {
  const dir = tree({ 'rubric.yaml': readFileSync(path.join(root, 'rubrics', 'hw-metrics.yaml'), 'utf8') });
  const outputs = ['1', '2'].map((jobs) => {
    const out = path.join(dir, `out${jobs}`);
    const args = [cli, 'grade', 'rubric.yaml', path.join(root, 'submissions', 'hw-metrics'), '--out', out, '--format', 'md,html,junit,gradescope', '--jobs', jobs];
    expect(spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' }).status).toBe(0);
    return Object.fromEntries(files(out).map((f) => [f, readFileSync(path.join(out, f), 'utf8')]));
  });
  expect(Object.keys(outputs[0]).length).toBeGreaterThan(10);
  expect(outputs[1]).toEqual(outputs[0]);
});

