// A killed run leaves only whole files (issue 9): a large md,html batch is SIGKILLed while
// it writes; every file it left must be byte-identical to the same file of a complete
// run, and a re-run must complete the batch. Heavy: run by .ci/run after `npm test`.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'bundle', 'cli.js');
const COPIES = 40;

function files(dir: string): Map<string, Buffer> {
  const found = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(found.map((e) => [path.relative(dir, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name))]));
}

test('SIGKILL while writing a large md,html batch leaves only whole files; a re-run completes it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-kill-'));
  const course = path.join(root, 'submissions', 'hw-metrics');
  for (let copy = 0; copy < COPIES; copy++) {
    mkdirSync(path.join(dir, 'subs', `s${String(copy).padStart(3, '0')}`), { recursive: true });
    cpSync(course, path.join(dir, 'subs', `s${String(copy).padStart(3, '0')}`), { recursive: true });
  }
  const args = (out: string) => [cli, 'grade', path.join(root, 'rubrics', 'hw-metrics.yaml'), path.join(dir, 'subs'), '--out', out, '--format', 'md,html,junit', '--jobs', '2'];
  const reference = path.join(dir, 'reference');
  expect(spawnSync(process.execPath, args(reference), { encoding: 'utf8' }).status).toBe(0);
  const whole = files(reference);

  const killed = path.join(dir, 'killed');
  const child = spawn(process.execPath, args(killed), { stdio: 'ignore' });
  // Kill once a good part of the reports is there: mid-batch, while files are being written.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      const count = existsSync(killed) ? readdirSync(killed, { recursive: true }).length : 0;
      if (count > whole.size / 3) {
        clearInterval(poll);
        child.kill('SIGKILL');
        resolve();
      }
    }, 5);
  });
  await new Promise((resolve) => child.once('exit', resolve));
  const left = files(killed);
  let compared = 0;
  for (const [file, content] of left) {
    if (/(^|\/)\.[^/]+\.markgrade-tmp-\d+-\d+$/.test(file) || file === '.markgrade-manifest') continue;
    expect(whole.has(file), file).toBe(true);
    expect(content.equals(whole.get(file)!), `${file} is whole`).toBe(true);
    compared++;
  }
  expect(compared).toBeGreaterThan(0);
  expect(left.has('summary.json')).toBe(false);

  expect(spawnSync(process.execPath, args(killed), { encoding: 'utf8' }).status).toBe(0);
  const rerun = files(killed);
  expect([...rerun.keys()].sort()).toEqual([...whole.keys()].sort());
  for (const [file, content] of rerun) expect(content.equals(whole.get(file)!), file).toBe(true);
}, 600_000);
