// scripts/blind-compare.mjs --decided: a disagreement the team decided against the tester
// is listed apart (it still counts against agreement, a decided `correct` is not a false
// correct), and a decision that no longer describes what markgrade says fails --assert,
// so a fixed rule cannot leave a stale excuse behind. Runs on a one-answer class in a temp
// folder with the built CLI (npm test builds it first).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const RUBRIC = `rubric: decided-fixture
questions:
  - id: q1
    section: 1
    answers:
      - id: loss
        label: loss
        expected: 0.5
`;
const KEY = 'hw/submissions/student.md';

const root = mkdtempSync(join(tmpdir(), 'blind-compare-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A batch whose tester says `missing` for an answer markgrade grades `correct`. */
function batch(decided: unknown): { dir: string; decidedPath: string } {
  const dir = mkdtempSync(join(root, 'batch-'));
  mkdirSync(join(dir, 'hw', 'submissions'), { recursive: true });
  writeFileSync(join(dir, 'hw', 'rubric.yaml'), RUBRIC);
  writeFileSync(join(dir, 'hw', 'submissions', 'student.md'), '# 1\nloss = 0.5\n');
  writeFileSync(join(dir, 'verdicts.json'), JSON.stringify({ [KEY]: { loss: { status: 'missing', why: 'tester reading' } } }));
  const decidedPath = join(dir, 'decided.json');
  writeFileSync(decidedPath, JSON.stringify(decided));
  return { dir, decidedPath };
}

function compare(dir: string, ...extra: string[]) {
  return spawnSync(process.execPath, ['scripts/blind-compare.mjs', '--dir', dir, '--assert', '0', ...extra],
    { encoding: 'utf8', timeout: 60_000 });
}

describe('blind-compare --decided', () => {
  test('without a decision the disagreement is a false correct and --assert fails', () => {
    const { dir } = batch({});
    const run = compare(dir);
    expect(run.stdout).toMatch(/false corrects: 1\b/);
    expect(run.status).toBe(1);
  }, 90_000);

  test('a matching decision lists the disagreement apart, keeps it out of agreement, and passes', () => {
    const { dir, decidedPath } = batch({ [KEY]: { loss: { status: 'correct', why: 'team reading' } } });
    const run = compare(dir, '--decided', decidedPath);
    expect(run.stdout).toMatch(/agreement: 0\/1 /);
    expect(run.stdout).toMatch(/false corrects: 0\b/);
    expect(run.stdout).toMatch(/decided against the tester: 1\n {2}hw\/submissions\/student\.md loss: expected missing, got correct .*\[decided: team reading\]/);
    expect(run.status, run.stderr).toBe(0);
  }, 90_000);

  test('a decision that no longer matches what markgrade says is stale and fails --assert', () => {
    const { dir, decidedPath } = batch({ [KEY]: { loss: { status: 'partial', why: 'old reading' } } });
    const run = compare(dir, '--decided', decidedPath);
    expect(run.stdout).toMatch(/stale decisions: 1\n {2}hw\/submissions\/student\.md loss: decided partial, tester missing, got correct/);
    expect(run.stderr).toMatch(/1 false correct, 1 stale decision/);
    expect(run.status).toBe(1);
  }, 90_000);

  test('a decision naming an answer the verdicts do not have is refused', () => {
    const { dir, decidedPath } = batch({ [KEY]: { lost: { status: 'correct', why: 'typo' } } });
    const run = compare(dir, '--decided', decidedPath);
    expect(run.stderr).toMatch(/hw\/submissions\/student\.md lost is not in verdicts\.json/);
    expect(run.status).toBe(2);
  }, 90_000);
});
