// The blind red-team batches (test/fixtures/blind/ and blind-2/, verdicts decided before
// markgrade ran on them): markgrade must agree with at least 98 % of each batch's hand
// verdicts and give no false "correct". Runs the comparison script on the built CLI (npm
// test builds it first).
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

describe.each([
  ['blind red-team batch 1', 'test/fixtures/blind'],
  ['blind red-team batch 2', 'test/fixtures/blind-2'],
])('%s', (_name, dir) => {
  test('agreement of at least 98 % and no false correct (scripts/blind-compare.mjs --assert 98)', () => {
    const run = spawnSync(process.execPath, ['scripts/blind-compare.mjs', '--dir', dir, '--assert', '98'], { encoding: 'utf8', timeout: 240_000 });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(/false corrects: 0\b/);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  }, 300_000);
});
