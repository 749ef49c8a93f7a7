// The worker pool's guarantees (issue 9), with a stub worker that hangs or crashes on
// cue: the submission gets an error report, its worker is replaced, the batch goes on.
import { availableParallelism } from 'node:os';
import { describe, expect, test } from 'vitest';
import type { SubmissionJob, SubmissionOutcome } from '../../src/batch.js';
import { defaultJobs, gradeInPool } from '../../src/pool.js';
import { rubric } from './fixtures.js';

const stub = new URL('../fixtures/pool/stub-worker.mjs', import.meta.url);

function jobs(names: string[]): SubmissionJob[] {
  return names.map((name) => ({ file: { file: `subs/${name}.md`, name }, overrides: {}, formats: [] }));
}

async function run(names: string[], threads: number, timeout: number) {
  const outcomes = new Map<number, SubmissionOutcome>();
  await gradeInPool(rubric, jobs(names), { jobs: threads, timeout, workerFile: stub }, async (index, outcome) => {
    expect(outcomes.has(index)).toBe(false);
    outcomes.set(index, outcome);
  });
  return names.map((_, i) => outcomes.get(i)!.result);
}

describe('a worker that hangs or crashes', () => {
  test.each([1, 2])('with %i worker(s): the submission errors, its worker is replaced, the others are graded', async (threads) => {
    const results = await run(['a', 'hang', 'b', 'crash', 'c', 'hang', 'd'], threads, 1500);
    expect(results.map((r) => [r.id, r.error === null ? 'graded' : /timed out/.test(r.error) ? 'timeout' : /worker stopped/.test(r.error) ? 'crash' : r.error])).toEqual([
      ['a', 'graded'],
      ['hang', 'timeout'],
      ['b', 'graded'],
      ['crash', 'crash'],
      ['c', 'graded'],
      ['hang', 'timeout'],
      ['d', 'graded'],
    ]);
  }, 60_000);
});

test.each([
  [1, 1],
  [199, 1],
  [200, 2],
  [100_000, 8],
])('defaultJobs(%i) is at most one per core and 8', (submissions, wanted) => {
  expect(defaultJobs(submissions)).toBe(Math.min(wanted, availableParallelism()));
});
