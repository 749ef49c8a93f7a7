// The issue-9 floods through the built CLI with --format md,html (issue 9, Done when):
// each is stopped by its named deterministic limit — the report's errorCode, the answer's
// `limit`, or the HTML note — never by the watchdog, although --timeout is 20 s; the
// ordinary submission beside it is graded. The CLI runs with a 512 MB heap (its workers
// keep their own 1 GB limit), and a 1.9 GB file is a sparse file. Heavy: run by
// .ci/run after `npm test`. Nothing here is timed: a flood the limits missed would be
// reported as `timeout`, and the assertions on the codes would fail.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'bundle', 'cli.js');
const rubricFile = path.join(root, 'rubrics', 'hw-metrics.yaml');
const ordinary = readFileSync(path.join(root, 'submissions', 'hw-metrics', 'mira-okafor.md'), 'utf8');

const tab = (rows: number, columns: number) => Array.from({ length: rows }, () => Array(columns).fill('1').join('\t')).join('\n') + '\n';
const withPrecisionA = (math: string) => `Q 2\n\n(a)\n\nPrecision_A = ${math}\n\nRecall_A = 0.77\n`;
const defBomb = '$$\\def\\a{xxxxxxxx}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b}\\def\\d{\\c\\c\\c\\c\\c\\c\\c\\c}\\def\\e{\\d\\d\\d\\d\\d\\d\\d\\d}' + '\\e'.repeat(200) + '$$';
const millionCells = `\n$$\\begin{bmatrix}\n${Array.from({ length: 1000 }, () => '1&'.repeat(999) + '1').join('\\\\\n')}\n\\end{bmatrix}$$\n`;

interface Stopped {
  /** The report's errorCode (the file is not graded), or null when it is graded. */
  errorCode: string | null;
  /** With a graded file: the `limit` of precision_A, or a code the HTML report must name. */
  answerLimit?: string;
  answerStatus?: string;
  html?: RegExp;
}

/** [case, the flood's content (null: a 1.9 GB sparse file), what stops it] */
const CASES: Array<[string, string | null, Stopped]> = [
  // The reader stops at latex-expansion (precision_A unreadable, naming it); the page at
  // math-expansion (the formula shown as source with the code).
  ['the KaTeX \\def bomb', withPrecisionA(defBomb), { errorCode: null, answerLimit: 'latex-expansion', answerStatus: 'unreadable', html: /not rendered \(math-expansion/ }],
  ['1.5 MB of backtick runs', '`` ` ``` x '.repeat(150_000), { errorCode: 'inline-marks' }],
  ['a 4,999 × 200 tab table', tab(4_999, 200), { errorCode: 'table-cells' }],
  ['`x = 1+1=3=` × 316k', `x = ${'1+1=3='.repeat(316_000)}\n`, { errorCode: 'relations' }],
  ['a bmatrix of a million cells', withPrecisionA(millionCells), { errorCode: null, answerLimit: 'math-chars' }],
  ['a 1.9 GB sparse file', null, { errorCode: 'file-bytes' }],
];

test.each(CASES)('%s: stopped by its named limit with --format md,html, the other submission graded', (_name, content, stopped) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-flood-'));
  mkdirSync(path.join(dir, 'subs'));
  writeFileSync(path.join(dir, 'subs', 'ordinary.md'), ordinary);
  const flood = path.join(dir, 'subs', 'flood.md');
  if (content === null) {
    writeFileSync(flood, '');
    truncateSync(flood, 1_900_000_000);
  } else writeFileSync(flood, content);
  const out = path.join(dir, 'out');
  const run = spawnSync(process.execPath, ['--max-old-space-size=512', cli, 'grade', rubricFile, path.join(dir, 'subs'), '--out', out, '--format', 'md,html', '--timeout', '20'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(run.signal, run.stderr).toBeNull();
  const report = JSON.parse(readFileSync(path.join(out, 'flood.json'), 'utf8')) as { error: string | null; errorCode?: string; questions: Array<{ answers: Array<{ id: string; status: string; limit?: string }> }> };
  expect(report.errorCode ?? null).toBe(stopped.errorCode);
  if (stopped.answerLimit !== undefined) {
    expect(report.questions.flatMap((q) => q.answers).find((a) => a.id === 'precision_A')?.limit).toBe(stopped.answerLimit);
  }
  if (stopped.answerStatus !== undefined) {
    expect(report.questions.flatMap((q) => q.answers).find((a) => a.id === 'precision_A')).toMatchObject({ status: stopped.answerStatus });
  }
  if (stopped.html !== undefined) expect(readFileSync(path.join(out, 'flood.html'), 'utf8')).toMatch(stopped.html);
  for (const file of ['flood.md', 'flood.html', 'ordinary.md', 'ordinary.html']) expect(readFileSync(path.join(out, file), 'utf8').length, file).toBeGreaterThan(0);
  expect(JSON.parse(readFileSync(path.join(out, 'ordinary.json'), 'utf8')).error).toBeNull();
}, 300_000);
