// `reveal` governs every output a student may see (SPEC §4). A submission whose written
// values all differ from the expected ones is graded under `reveal: verdict`: no expected
// value (rounded to 3..10 significant digits, or as a percentage), no bound of an
// accepted interval and no feedback may appear in its md, html, junit, gradescope files
// or github annotations. With `--reveal all` they do.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli-run.js';
import { forStudent } from '../../src/reporters/reveal.js';
import type { GradeResult } from '../../src/types.js';
import { sample } from '../reporters/results.js';

const RUBRIC = 'test/fixtures/reveal/rubric.yaml';
const SUBMISSION = 'test/fixtures/reveal/wrong.md';
const STUDENT_FILES = ['wrong.md', 'wrong.html', 'junit.xml', 'wrong.results.json'];

async function grade(...extra: string[]): Promise<{ out: string; stdout: string; code: number }> {
  const out = mkdtempSync(path.join(tmpdir(), 'markgrade-reveal-'));
  const run = await runCli(['grade', RUBRIC, SUBMISSION, '--out', out, '--format', 'md,html,junit,gradescope,github', ...extra], undefined, { GITHUB_STEP_SUMMARY: '' });
  return { out, stdout: run.stdout, code: run.code };
}

/** Every way a student could read a number: 3..10 significant digits, as a fraction or a percentage. */
function spellings(value: number): RegExp[] {
  const forms = new Set<string>();
  for (let digits = 3; digits <= 10; digits++) {
    for (const v of [value, value * 100]) {
      forms.add(v.toPrecision(digits));
      forms.add(String(Number(v.toPrecision(digits))));
    }
  }
  // Not part of a longer number: 0.804 must not match inside 0.8043 (a rounding checked on its own).
  return [...forms].filter((f) => /\d\.\d/.test(f)).map((f) => new RegExp(`(?<![\\d.])${f.replace('.', '\\.')}(?!\\d)`));
}

function secretsOf(report: GradeResult): { numbers: number[]; texts: string[] } {
  const answers = report.questions.flatMap((q) => q.answers);
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : typeof v === 'number' ? [v] : []);
  return {
    numbers: answers.flatMap((a) => [...flat(a.expected), ...flat(a.interval)]),
    texts: answers.flatMap((a) => (a.feedback ? [a.feedback] : [])),
  };
}

const verdict = await grade();

describe('reveal: verdict keeps the key out of every student file', () => {
  const report = JSON.parse(readFileSync(path.join(verdict.out, 'wrong.json'), 'utf8')) as GradeResult;
  const secrets = secretsOf(report);
  const studentText = () => [...STUDENT_FILES.map((f) => [f, readFileSync(path.join(verdict.out, f), 'utf8')]), ['annotations', verdict.stdout]];

  test('the fixture is what the test needs: every answer wrong, feedback given, the TA report has it all', () => {
    expect(verdict.code).toBe(0);
    expect(report.reveal).toBe('verdict');
    expect(report.questions.flatMap((q) => q.answers).map((a) => a.status)).toEqual(['incorrect', 'incorrect', 'incorrect', 'incorrect', 'incorrect']);
    expect(secrets.texts.length).toBeGreaterThanOrEqual(2); // a rubric mistake and a built-in diagnosis
    expect(secrets.numbers.length).toBeGreaterThanOrEqual(5 * 3);
    expect(verdict.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(5);
  });

  test('no expected value, interval bound or feedback in md, html, junit, gradescope or annotations', () => {
    for (const [file, text] of studentText()) {
      for (const value of secrets.numbers) {
        for (const spelling of spellings(value)) expect(text, `${file}: ${value} as ${spelling}`).not.toMatch(spelling);
      }
      for (const feedback of secrets.texts) expect(text, file).not.toContain(feedback.slice(0, 20));
      expect(text, file).not.toMatch(/looks like|known mistake|SECRET/);
    }
  });

  test('verdicts and points are shown', () => {
    expect(readFileSync(path.join(verdict.out, 'wrong.md'), 'utf8')).toMatch(/✗ incorrect \| 0 \/ 1/);
    expect(readFileSync(path.join(verdict.out, 'junit.xml'), 'utf8')).toMatch(/<failure message="found 0\.31 at 2:8" type="incorrect">/);
  });

  test('--reveal all (a TA’s private run) shows them', async () => {
    const all = await grade('--reveal', 'all');
    const md = readFileSync(path.join(all.out, 'wrong.md'), 'utf8');
    const junit = readFileSync(path.join(all.out, 'junit.xml'), 'utf8');
    for (const feedback of secrets.texts) {
      expect(md).toContain(feedback.slice(0, 20));
      expect(all.stdout).toContain(feedback.slice(0, 20));
    }
    const shown = (text: string) => secrets.numbers.filter((value) => spellings(value).some((s) => s.test(text)));
    expect(shown(md).length).toBeGreaterThanOrEqual(10);
    expect(shown(junit).length).toBeGreaterThanOrEqual(10);
    expect(shown(all.stdout).length).toBeGreaterThanOrEqual(10);
  });
});

describe('forStudent: the one place of the rule', () => {
  const answers = (r: GradeResult) => r.questions.flatMap((q) => q.answers);
  test.each([
    ['found', false, false, false],
    ['verdict', true, false, true],
    ['all', true, true, true],
  ] as const)('%s: points %s, expected and feedback %s, slips %s', (level, points, key, slips) => {
    const view = forStudent(sample, level);
    expect(view.view).toBe(level);
    expect(answers(view).some((a) => a.points > 0)).toBe(points);
    expect(answers(view).some((a) => a.expected !== undefined || a.interval !== undefined || a.feedback !== undefined)).toBe(key);
    expect(view.slips.length > 0).toBe(slips);
    expect(view.slips.some((s) => s.diagnosis !== undefined)).toBe(level === 'all' && sample.slips.some((s) => s.diagnosis !== undefined));
    if (level === 'found') expect(new Set(answers(view).map((a) => a.status))).not.toContain('incorrect');
  });
});

test('outputs cut results by audience through viewFor only: no module but reveal.ts calls forStudent', () => {
  const modules = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const callers = modules.filter((file) => file !== path.join('reporters', 'reveal.ts') && /\bforStudent\(/.test(readFileSync(path.join('src', file), 'utf8')));
  expect(callers).toEqual([]);
});
