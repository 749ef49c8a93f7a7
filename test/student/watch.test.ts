// `check --watch` across editors' atomic saves (write a temp file, rename it over the
// submission) and a clean end on SIGTERM / SIGINT.
import { spawn } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

const RUBRIC = 'rubric: w\nquestions:\n  - id: q1\n    section: 1\n    answers:\n      - id: a\n        label: accuracy\n        expected: 0.75\n';

function waitFor(read: () => string, predicate: (text: string) => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (predicate(read())) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > 45_000) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}; output so far:\n${read()}`));
      }
    }, 50);
  });
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

test.each(['SIGTERM', 'SIGINT'] as const)('check --watch survives two rename-saves and ends on %s', async (signal) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-watch-'));
  writeFileSync(path.join(dir, 'r.yaml'), RUBRIC);
  const file = path.join(dir, 'hw.md');
  writeFileSync(file, '1. accuracy = 0.75\n');
  const child = spawn(process.execPath, [path.resolve('dist/bundle/cli.js'), 'check', 'r.yaml', 'hw.md', '--watch'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => err, (t) => t.includes('watching hw.md'), 'the watch to start');
    expect(count(out, 'answers found and read')).toBe(1);

    const save = (text: string, n: number) => {
      const temp = path.join(dir, `.hw.md.${n}.tmp`);
      writeFileSync(temp, text);
      renameSync(temp, file);
    };
    save('1. nothing here\n', 1);
    await waitFor(() => out, (t) => t.includes('1 of 1 answers not found or not read'), 'the first save to be checked');
    save('1. accuracy = 75 %\n', 2);
    await waitFor(() => out, (t) => count(t, 'all 1 answers found and read') === 2, 'the second save to be checked');
    expect(out).toMatch(/ a {2}at 1:15 "accuracy": 75 % → 0\.75/);
  } finally {
    child.kill(signal);
  }
  expect(await exited).toBe(0);
}, 120_000);
