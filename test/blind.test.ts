// The blind red-team batches (test/fixtures/blind*/, verdicts decided before markgrade ran
// on them): markgrade must agree with at least the given share of each batch's hand
// verdicts and give no false "correct". Runs the comparison script on the built CLI (npm
// test builds it first). Batches 1–3 meet the 98 %; batch 4, the fresh batch
// graded once (97.2 % and one false correct on that run, README there), is held at what
// it reaches now (144/144 after the reading rules of session 4) so that it cannot slip back.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

describe.each([
  ['blind red-team batch 1', 'test/fixtures/blind', '98'],
  ['blind red-team batch 2', 'test/fixtures/blind-2', '98'],
  ['blind red-team batch 3', 'test/fixtures/blind-3', '98'],
  ['blind red-team batch 4', 'test/fixtures/blind-4', '100'],
])('%s', (_name, dir, least) => {
  test(`agreement of at least ${least} % and no false correct (scripts/blind-compare.mjs --assert ${least})`, () => {
    const run = spawnSync(process.execPath, ['scripts/blind-compare.mjs', '--dir', dir, '--assert', least], { encoding: 'utf8', timeout: 240_000 });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(/false corrects: 0\b/);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  }, 300_000);
});
