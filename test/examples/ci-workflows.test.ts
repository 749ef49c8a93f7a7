// The shipped CI examples run as written: each `run:` line of the GitHub Actions and
// GitLab CI files is executed here (install lines aside), the shards in parallel
// processes, then the merge, and the merged batch files must be byte-identical to one
// unsharded run of the same class.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist', 'bundle', 'cli.js');
const BATCH_FILES = ['summary.json', 'gradebook.csv', 'junit.xml', 'summary.html'];

/** A bin folder whose `npx markgrade …` runs this checkout's build (the package as installed). */
function shimBin(dir: string): string {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const npx = path.join(bin, 'npx');
  writeFileSync(npx, `#!/bin/sh\n[ "$1" = markgrade ] || exit 64\nshift\nexec "${process.execPath}" "${cli}" "$@"\n`);
  chmodSync(npx, 0o755);
  return bin;
}

/** A fresh checkout of the course: what `actions/checkout` gives each job. */
function checkout(parent: string, name: string): string {
  const dir = path.join(parent, name);
  mkdirSync(dir);
  cpSync(path.join(root, 'rubrics'), path.join(dir, 'rubrics'), { recursive: true });
  cpSync(path.join(root, 'submissions'), path.join(dir, 'submissions'), { recursive: true });
  return dir;
}

function isInstall(line: string): boolean {
  return /^npm (install|ci)\b/.test(line.trim());
}

/** Runs one job's script lines with bash, the way a runner does (stops at the first failure). */
function runLines(lines: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const script = ['set -e', ...lines.filter((l) => !isInstall(l))].join('\n');
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The batch files one unsharded `grade` writes for the same class and formats. */
function oneRun(parent: string, rubric: string, submissions: string, bin: string): string {
  const dir = checkout(parent, 'one-run');
  const out = spawnSync('npx', ['markgrade', 'grade', rubric, submissions, '--out', 'reports', '--format', 'json,junit,html'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' },
  });
  expect(out.status, out.stderr).toBe(0);
  return path.join(dir, 'reports');
}

function expectSameBatchFiles(merged: string, single: string): void {
  const written = BATCH_FILES.filter((f) => readdirSync(merged).includes(f));
  expect(written).toEqual(BATCH_FILES);
  for (const file of BATCH_FILES) {
    expect(readFileSync(path.join(merged, file), 'utf8'), file).toBe(readFileSync(path.join(single, file), 'utf8'));
  }
}

interface Step {
  run?: string;
}

describe('examples/github-actions/grade.yml', () => {
  test('the matrix shards in parallel, then merge, give the files of one run', { timeout: 120_000 }, async () => {
    const workflow = parse(readFileSync(path.join(root, 'examples/github-actions/grade.yml'), 'utf8'));
    const env: Record<string, string> = Object.fromEntries(Object.entries(workflow.env).map(([k, v]) => [k, String(v)]));
    const parent = mkdtempSync(path.join(tmpdir(), 'markgrade-gha-'));
    const bin = shimBin(parent);
    const shards: number[] = workflow.jobs.grade.strategy.matrix.shard;
    expect(shards.length).toBe(Number(env.SHARDS));

    const gradeLines = (shard: number) =>
      (workflow.jobs.grade.steps as Step[]).flatMap((s) => (s.run ? [s.run.replaceAll('${{ matrix.shard }}', String(shard))] : []));
    const jobs = shards.map(async (shard) => {
      const dir = checkout(parent, `shard-job-${shard}`);
      const result = await runLines(gradeLines(shard), dir, { ...env, PATH: `${bin}:${process.env.PATH}` });
      expect(result.code, result.output).toBe(0);
      return { shard, dir };
    });
    const done = await Promise.all(jobs);

    // upload-artifact `shards/<i>` as `shard-<i>`; download-artifact with a pattern puts
    // each artifact in its own folder below `path`.
    const mergeDir = checkout(parent, 'merge-job');
    for (const { shard, dir } of done) cpSync(path.join(dir, 'shards', String(shard)), path.join(mergeDir, 'shards', `shard-${shard}`), { recursive: true });
    const mergeLines = (workflow.jobs.merge.steps as Step[]).flatMap((s) => (s.run ? [s.run] : []));
    const merged = await runLines(mergeLines, mergeDir, { ...env, PATH: `${bin}:${process.env.PATH}` });
    expect(merged.code, merged.output).toBe(0);

    expectSameBatchFiles(path.join(mergeDir, 'reports'), oneRun(parent, env.RUBRIC, env.SUBMISSIONS, bin));
  });
});

describe('examples/gitlab-ci/.gitlab-ci.yml', () => {
  test('parallel jobs, then merge, give the files of one run', { timeout: 120_000 }, async () => {
    const pipeline = parse(readFileSync(path.join(root, 'examples/gitlab-ci/.gitlab-ci.yml'), 'utf8'));
    const env: Record<string, string> = Object.fromEntries(Object.entries(pipeline.variables).map(([k, v]) => [k, String(v)]));
    const parent = mkdtempSync(path.join(tmpdir(), 'markgrade-gitlab-'));
    const bin = shimBin(parent);
    const total: number = pipeline.grade.parallel;

    // GitLab passes artifacts of earlier stages into the same paths of later jobs.
    const mergeDir = checkout(parent, 'merge-job');
    const jobs = Array.from({ length: total }, async (_, i) => {
      const dir = checkout(parent, `grade-job-${i + 1}`);
      const vars = { ...env, CI_NODE_INDEX: String(i + 1), CI_NODE_TOTAL: String(total), PATH: `${bin}:${process.env.PATH}` };
      const result = await runLines(pipeline.grade.script, dir, vars);
      expect(result.code, result.output).toBe(0);
      cpSync(path.join(dir, 'shards'), path.join(mergeDir, 'shards'), { recursive: true });
    });
    await Promise.all(jobs);
    const merged = await runLines(pipeline.merge.script, mergeDir, { ...env, PATH: `${bin}:${process.env.PATH}` });
    expect(merged.code, merged.output).toBe(0);

    expectSameBatchFiles(path.join(mergeDir, 'reports'), oneRun(parent, env.RUBRIC, env.SUBMISSIONS, bin));
  });
});
