// The command line as users run it: in this process through createCli (cli-run.ts), and
// the bin itself in child processes where a process is the point (exit status, npx).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from './cli-run.js';
import { accuracy, f1 } from '../src/engine/index.js';
import { twoClassRubric } from './fixtures/two-class-rubric.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'bundle', 'cli.js');

function run(args: string[], cwd = root) {
  return runCli(args, cwd);
}

const RUBRIC = twoClassRubric('cli-test', { f1: true });

function course(): { dir: string; rubric: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-cli-'));
  const rubric = path.join(dir, 'rubric.yaml');
  writeFileSync(rubric, RUBRIC);
  mkdirSync(path.join(dir, 'subs', 'bo'), { recursive: true });
  writeFileSync(path.join(dir, 'subs', 'al.md'), '1. accuracy = 0.87; F1 A = 0.87\n');
  writeFileSync(path.join(dir, 'subs', 'bo', 'hw.md'), '1. accuracy = 0.5\n');
  writeFileSync(path.join(dir, 'subs', 'broken.md'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
  return { dir, rubric };
}

describe('markgrade eval', () => {
  test('npx markgrade runs the package bin (executable, with its shebang)', () => {
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    const out = spawnSync('npx', ['--no-install', 'markgrade', 'eval', 'f1([[5,1],[2,7]], 2)', '--json'], { cwd: root, encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toBeCloseTo(f1([[5, 1], [2, 7]], 2), 15);
  });

  test('--json prints the plain value', async () => {
    const out = await run(['eval', 'f1([[5,1],[2,7]], 2)', '--json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toBeCloseTo(f1([[5, 1], [2, 7]], 2), 15);
  });

  test('an object evaluates many expressions at once, with the rubric context', async () => {
    const { rubric } = course();
    const out = await run(['eval', '{a: accuracy(cm), b: f1(cm, "B")}', '--rubric', rubric, '--json']);
    expect(JSON.parse(out.stdout)).toEqual({ a: accuracy([[42, 8], [5, 45]]), b: f1([[42, 8], [5, 45]], 2) });
  });

  test('code in an expression is refused', async () => {
    const out = await run(['eval', 'import({x: 1})', '--json']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/disabled/);
  });
});

describe('markgrade grade', () => {
  test('a folder: mirrored reports, summary, gradebook; a broken file does not stop the batch', async () => {
    const { dir, rubric } = course();
    const out = await run(['grade', rubric, 'subs', '--out', 'out'], dir);
    expect(out.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'out', 'al.json'), 'utf8'));
    expect(report).toMatchObject({ rubric: 'cli-test', student: 'al', score: 2, maxScore: 2, error: null });
    expect(JSON.parse(readFileSync(path.join(dir, 'out', 'bo', 'hw.json'), 'utf8')).student).toBe('bo/hw');
    expect(JSON.parse(readFileSync(path.join(dir, 'out', 'broken.json'), 'utf8')).error).toMatch(/broken\.md/);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['.markgrade-manifest', 'al.json', 'bo', 'broken.json', 'gradebook.csv', 'summary.json']);
    expect(readFileSync(path.join(dir, 'out', 'gradebook.csv'), 'utf8').split('\n')[0]).toBe('id,student,submission,score,maxScore,q1,error');
  });

  test('the same inputs give byte-identical files', async () => {
    const { dir, rubric } = course();
    await run(['grade', rubric, 'subs', '--out', 'one'], dir);
    await run(['grade', rubric, 'subs', '--out', 'two'], dir);
    for (const file of ['al.json', 'bo/hw.json', 'broken.json', 'summary.json', 'gradebook.csv']) {
      expect(readFileSync(path.join(dir, 'two', file), 'utf8')).toBe(readFileSync(path.join(dir, 'one', file), 'utf8'));
    }
  });

  test('--fail-under exits 1 when a submission scores under it', async () => {
    const { dir, rubric } = course();
    expect((await run(['grade', rubric, 'subs/al.md', '--fail-under', '0.9', '--out', 'o1'], dir)).code).toBe(0);
    expect((await run(['grade', rubric, 'subs', '--fail-under', '0.9', '--out', 'o2'], dir)).code).toBe(1);
  });

  test('an invalid rubric exits 2 with file:line:col, before any grading', async () => {
    const { dir } = course();
    writeFileSync(path.join(dir, 'bad.yaml'), RUBRIC.replace('expected: accuracy(cm)', 'expected: acuracy(cm)'));
    const out = await run(['grade', 'bad.yaml', 'subs', '--out', 'o3'], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/bad\.yaml:\d+:\d+/);
    expect(() => readdirSync(path.join(dir, 'o3'))).toThrow();
  });

  test('--shard splits the sorted submissions', async () => {
    const { dir, rubric } = course();
    await run(['grade', rubric, 'subs', '--shard', '1/2', '--out', 's1'], dir);
    await run(['grade', rubric, 'subs', '--shard', '2/2', '--out', 's2'], dir);
    const batchFiles = ['summary.json', 'gradebook.csv', '.markgrade-manifest'];
    const one = readdirSync(path.join(dir, 's1')).filter((f) => !batchFiles.includes(f));
    const two = readdirSync(path.join(dir, 's2')).filter((f) => !batchFiles.includes(f));
    expect([...one, ...two].sort()).toEqual(['al.json', 'bo', 'broken.json']);
  });
});

describe('markgrade check', () => {
  test('reveal: found hides verdicts and expected values', async () => {
    const { dir } = course();
    writeFileSync(path.join(dir, 'public.yaml'), RUBRIC.replace('rubric: cli-test', 'rubric: cli-test\nreveal: found'));
    const out = await run(['check', 'public.yaml', 'subs/bo/hw.md', '--json'], dir);
    const report = JSON.parse(out.stdout);
    const answers = report.questions[0].answers;
    expect(answers.map((a: { status: string }) => a.status)).toEqual(['found', 'missing']);
    expect(out.stdout).not.toMatch(/"expected"|"interval"/);
  });
});

test('extract lists claims with line:column', async () => {
  const { dir } = course();
  const out = execFileSync(process.execPath, [cli, 'extract', 'subs/al.md', '--json'], { cwd: dir, encoding: 'utf8' });
  const parsed = JSON.parse(out);
  expect(parsed.claims.map((c: { label: string; line: number }) => [c.label, c.line])).toEqual([['accuracy', 1], ['f1 a', 1]]);
});

test('--overrides applies a TA’s points and leaves the file as it was', async () => {
  const { dir, rubric } = course();
  const overrides = 'bo/hw:\n  accuracy: { points: 0.5, note: right method }\n';
  writeFileSync(path.join(dir, 'overrides.yaml'), overrides);
  expect((await run(['grade', rubric, 'subs', '--overrides', 'overrides.yaml', '--out', 'ov'], dir)).code).toBe(0);
  const report = JSON.parse(readFileSync(path.join(dir, 'ov', 'bo', 'hw.json'), 'utf8'));
  expect(report.score).toBe(0.5);
  expect(report.questions[0].answers[0]).toMatchObject({ status: 'incorrect', points: 0.5, override: { points: 0.5, note: 'right method' } });
  expect(readFileSync(path.join(dir, 'overrides.yaml'), 'utf8')).toBe(overrides);
});

test('a malformed overrides file is a usage error with its place', async () => {
  const { dir, rubric } = course();
  writeFileSync(path.join(dir, 'overrides.yaml'), 'al:\n  accuracy: lots\n');
  const out = await run(['grade', rubric, 'subs', '--overrides', 'overrides.yaml', '--out', 'ov2'], dir);
  expect(out.code).toBe(2);
  expect(out.stderr).toMatch(/overrides\.yaml:2:\d+/);
});

test('merge joins shard reports into the same summary and gradebook as one run', async () => {
  const { dir, rubric } = course();
  await run(['grade', rubric, 'subs', '--out', 'all'], dir);
  await run(['grade', rubric, 'subs', '--shard', '1/2', '--out', 'p1'], dir);
  await run(['grade', rubric, 'subs', '--shard', '2/2', '--out', 'p2'], dir);
  const reports = ['p2', 'p1'].flatMap((shardDir) =>
    (readdirSync(path.join(dir, shardDir), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.json') && f !== 'summary.json')
      .map((f) => path.join(shardDir, f)),
  );
  expect(reports).toHaveLength(3);
  expect((await run(['merge', ...reports, '--out', 'merged'], dir)).code).toBe(0);
  for (const file of ['gradebook.csv', 'summary.json']) {
    expect(readFileSync(path.join(dir, 'merged', file), 'utf8')).toBe(readFileSync(path.join(dir, 'all', file), 'utf8'));
  }
});

describe('the bin, as a process', () => {
  const spawned = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  test.each([
    ['done', (rubric: string) => ['grade', rubric, 'subs/al.md', '--out', 'x0'], 0],
    ['under --fail-under', (rubric: string) => ['grade', rubric, 'subs', '--fail-under', '0.9', '--out', 'x1'], 1],
    ['an unknown command', () => ['grdae'], 2],
  ])('its exit status is the run’s exit code: %s', (_name, args, status) => {
    const { dir, rubric } = course();
    expect(spawned(args(rubric), dir).status).toBe(status);
  });

  test('--version and --help print to stdout and exit 0', () => {
    const version = spawned(['--version'], root);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version}\n`);
    const help = spawned(['--help'], root);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^markgrade\/[\d.]+\n\nUsage:/);
    expect(help.stdout).toMatch(/Exit codes:/);
  });
});
