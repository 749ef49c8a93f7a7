// Deterministic limits (SPEC §8, issue 9): each flood of Markdown or math constructs is
// stopped by a named limit of src/limits.ts (the report's `errorCode`, or the answer's
// `limit`), never silently truncated, and the other submissions of the batch are graded.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gradeAll } from '../src/batch.js';
import { gradeText } from '../src/grade.js';
import { LIMIT_TABLE } from '../src/limits.js';
import { evaluateStudent, latexToMathjs } from '../src/latex/index.js';
import { readSubmission, SubmissionError } from '../src/markdown/index.js';
import { gradescopeResults, htmlReport, junitReport, markdownReport, reportSourceOf, terminalReport } from '../src/reporters/index.js';
import { parseRubric } from '../src/rubric/load.js';
import type { GradeResult } from '../src/types.js';

const rubric = parseRubric(
  `rubric: limits
questions:
  - id: q1
    section: 1
    answers:
      - { id: x, label: x, expected: 2 }
  - id: q2
    section: 2
    answers:
      - { id: y, label: y, expected: 3 }
`,
  'limits.yaml',
);

const ANSWERS = '1. x = 2\n\n2. y = 3\n';

/** A tab table of `rows` × `columns` one-digit cells. */
const tabTable = (rows: number, columns: number) => Array.from({ length: rows }, () => Array(columns).fill('1').join('\t')).join('\n') + '\n';

/** Floods each stopped before remark by the named limit (the reproductions first). */
const FLOODS: Array<[string, () => string, string]> = [
  ['1.5 MB of backtick runs', () => '`` ` ``` x '.repeat(150_000), 'inline-marks'],
  ['backtick runs of growing length', () => Array.from({ length: 3_000 }, (_, i) => '`'.repeat((i % 300) + 1) + ' x').join(' '), 'inline-marks'],
  ['a 4,999 × 200 tab table', () => tabTable(4_999, 200), 'table-cells'],
  ['tab tables spread over paragraphs', () => `${tabTable(20, 30)}\n`.repeat(20), 'table-cells'],
  ['`x = 1+1=3=` × 316k', () => `x = ${'1+1=3='.repeat(316_000)}\n`, 'relations'],
  ['`x = 0.5;` × 220k (claims)', () => 'x = 0.5; '.repeat(220_000), 'relations'],
  ['6,000 headings', () => '# h\n\n'.repeat(6_000), 'headings'],
  ['unbalanced brackets', () => '(a '.repeat(200), 'bracket-depth'],
  ['unbalanced emphasis', () => '*a _b '.repeat(3_000), 'emphasis-marks'],
  ['link brackets by the thousand', () => '[a] '.repeat(3_000), 'link-brackets'],
  ['a 10,000-deep list', () => '- '.repeat(10_000) + 'x\n', 'container-depth'],
  ['3 MB of text', () => 'x = 1\n\n'.repeat(400_000), 'file-bytes'],
  ['too many lines', () => 'a\n\n'.repeat(50_001), 'lines'],
  ['a paragraph of 5,001 lines', () => 'word\n'.repeat(5_001), 'paragraph-lines'],
  ['5,000 block quotes', () => '> a\n\n'.repeat(5_000), 'block-starts'],
];

describe('floods of Markdown constructs are stopped by their named limit', () => {
  test.each(FLOODS)('%s: a SubmissionError with the code of its limit', (_name, make, code) => {
    let caught: unknown = null;
    try {
      readSubmission(make());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SubmissionError);
    expect((caught as SubmissionError).code).toBe(code);
    expect((caught as SubmissionError).message).toContain(`[limit ${code}]`);
  });

  test.each(FLOODS)('%s: the report has an error and the errorCode of its limit', (_name, make, code) => {
    const result = gradeText(rubric, make(), { submission: 'flood.md', name: 'flood' });
    expect(result.error).toMatch(/^flood\.md: /);
    expect(result.errorCode).toBe(code);
    expect(result.score).toBe(0);
  });

  test('every code named here is a code of the table, and the codes are unique', () => {
    const codes = Object.values(LIMIT_TABLE).map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [, , code] of FLOODS) expect(codes).toContain(code);
  });

  test('binary and encoding errors carry their own codes', () => {
    expect(gradeText(rubric, Buffer.from('a\u0000b'), { submission: 'b.md', name: 'b' }).errorCode).toBe('binary');
    expect(gradeText(rubric, Buffer.from([0x61, 0xc3, 0x28]), { submission: 'e.md', name: 'e' }).errorCode).toBe('encoding');
  });
});

describe('just under the limits, a submission is read', () => {
  test.each([
    ['a 50 × 200 tab table', tabTable(50, 200)],
    ['5,000 headings', '# h\n\n'.repeat(5_000)],
    ['tabs inside a fenced block do not count as cells', '```\n' + tabTable(100, 200) + '```\n'],
  ])('%s', (_name, text) => {
    expect(() => readSubmission(text)).not.toThrow();
  });
});

describe('a chain of more steps than the limit', () => {
  const chain = (steps: number) => `x = ${Array.from({ length: steps }, () => '1+1').join(' = ')} = 2`;

  test('is one refused step naming chain-steps, at the final step, and no slips', () => {
    const claims = readSubmission(chain(250)).claims;
    expect(claims).toHaveLength(1);
    expect(claims[0].steps).toHaveLength(1);
    expect(claims[0].steps[0].refusal).toMatchObject({ kind: 'limit', limit: 'chain-steps' });
    expect(claims[0].steps[0].column).toBe(chain(250).length);
  });

  test('makes its answer unreadable with limit chain-steps; an earlier claim with the label does not answer', () => {
    const result = gradeText(rubric, `1. x = 2\n\n${chain(250)}\n\n2. y = 3\n`, { submission: 's.md', name: 's' });
    const [x, y] = result.questions.flatMap((q) => q.answers);
    expect(x).toMatchObject({ status: 'unreadable', limit: 'chain-steps', points: 0 });
    expect(y).toMatchObject({ status: 'correct' });
    expect(result.slips).toEqual([]);
  });

  test('at the limit it is read as usual', () => {
    const claims = readSubmission(chain(199)).claims;
    expect(claims[0].steps).toHaveLength(200);
    expect(claims[0].steps.at(-1)?.value).toBe(2);
  });
});

describe('each LaTeX limit is named by its code', () => {
  const column = (n: number) => `\\begin{bmatrix}${Array(n).fill('1').join('\\\\')}\\end{bmatrix}`;
  const row = (n: number) => `\\begin{bmatrix}${Array(n).fill('1').join('&')}\\end{bmatrix}`;
  /** [what, student LaTeX, the limit's code] */
  const MATH: Array<[string, string, string]> = [
    ['5,201 characters', '1+'.repeat(2_600) + '1', 'latex-length'],
    ['a macro expanded 101 times', '\\def\\a{1}' + '\\a+'.repeat(101) + '1', 'latex-expansion'],
    ['65 nested parentheses', '('.repeat(65) + '1' + ')'.repeat(65), 'latex-nesting'],
    ['300 signs in a row', '-'.repeat(300) + '1', 'recursion'],
    ['3,001 nodes', '1+'.repeat(1_500) + '1', 'expression-nodes'],
    ['a 101 × 101 outer product', `${column(101)} ${row(101)}`, 'matrix-cells'],
    ['10^{10^{10}}', '10^{10^{10}}', 'magnitude'],
    ['e^{1000}', 'e^{1000}', 'magnitude'],
    ['1000000!', '1000000!', 'factorial'],
    ['a matrix to the 100th power', '\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}^{100}', 'matrix-power'],
  ];

  test.each(MATH)('%s: refused with limit %s', (_what, latex, code) => {
    const conversion = latexToMathjs(latex);
    const outcome = conversion.ok ? evaluateStudent(conversion.expr) : conversion;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.refusal).toMatchObject({ kind: 'limit', code: 'limit', limit: code });
  });

  test('a mathjs expression longer than the limit: expression-length', () => {
    const evaluation = evaluateStudent('1+'.repeat(10_001) + '1');
    expect(evaluation.ok ? null : evaluation.refusal).toMatchObject({ kind: 'limit', limit: 'expression-length' });
  });

  test.each(MATH.filter(([, latex]) => latex.length <= 5_000))('%s as an answer: unreadable naming %s; the other answer is graded', (_what, latex, code) => {
    const result = gradeText(rubric, `1. x = $${latex}$\n\n2. y = 3\n`, { submission: 's.md', name: 's' });
    const [x, y] = result.questions.flatMap((q) => q.answers);
    expect(x).toMatchObject({ status: 'unreadable', limit: code, points: 0 });
    expect(y).toMatchObject({ status: 'correct' });
  });

  test('an expression answer stopped while it is evaluated names the limit too', () => {
    const expressions = parseRubric(
      `rubric: limits
questions:
  - id: q1
    section: 1
    answers:
      - { id: f, label: f, kind: expression, expected_latex: 'x^2', domain: { x: [1, 2] } }
`,
      'expression-limits.yaml',
    );
    const [f] = gradeText(expressions, '1. f = $x^{100000}$\n', { submission: 's.md', name: 's' }).questions.flatMap((q) => q.answers);
    expect(f).toMatchObject({ status: 'unreadable', limit: 'magnitude', points: 0 });
  });

  test('every code named here is a code of the table', () => {
    const codes = new Set<string>(Object.values(LIMIT_TABLE).map((l) => l.code));
    expect(MATH.map(([, , code]) => code).filter((code) => !codes.has(code))).toEqual([]);
  });
});

describe('slips are capped per submission', () => {
  const slips = (n: number) => Array.from({ length: n }, (_, i) => `z_${i} = 1+1 = 3`).join('\n\n');

  test('150 slips: the first 100 are listed and 50 more counted; the answers are graded', () => {
    const result = gradeText(rubric, `${ANSWERS}\n${slips(150)}\n`, { submission: 's.md', name: 's' });
    expect(result.error).toBeNull();
    expect(result.slips).toHaveLength(LIMIT_TABLE.slips.value);
    expect(result.slipsOmitted).toBe(50);
    expect(result.questions.flatMap((q) => q.answers).map((a) => a.status)).toEqual(['correct', 'correct']);
  });

  test.each([
    ['md', (r: GradeResult) => markdownReport(r)],
    ['html', (r: GradeResult, source: string) => htmlReport(r, reportSourceOf(source))],
    ['junit', (r: GradeResult) => junitReport([r])],
    ['terminal', (r: GradeResult) => terminalReport([r], { color: false, details: true })],
    ['gradescope', (r: GradeResult) => gradescopeResults(r)],
  ])('the %s report says "and 50 more slips"', (_format, report) => {
    const source = `${ANSWERS}\n${slips(150)}\n`;
    const result = gradeText(rubric, source, { submission: 's.md', name: 's' });
    expect(report(result, source)).toContain('and 50 more slips (only the first 100 are listed)');
  });

  test('under the cap nothing is omitted', () => {
    const result = gradeText(rubric, `${ANSWERS}\n${slips(3)}\n`, { submission: 's.md', name: 's' });
    expect(result.slips).toHaveLength(3);
    expect(result.slipsOmitted).toBeUndefined();
  });
});

describe('a batch with every flood: each gets its error code, the plain submissions are graded', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'markgrade-limits-'));
    await writeFile(path.join(dir, 'a-plain.md'), ANSWERS);
    for (const [i, [, make]] of FLOODS.entries()) await writeFile(path.join(dir, `flood-${String(i).padStart(2, '0')}.md`), make());
    await writeFile(path.join(dir, 'z-plain.md'), ANSWERS);
    // A sparse 1.9 GB file: refused from its size, never read.
    await writeFile(path.join(dir, 'sparse.md'), '');
    await truncate(path.join(dir, 'sparse.md'), 1_900_000_000);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('codes by file, and both plain ones fully correct', { timeout: 120_000 }, async () => {
    const graded = await gradeAll(rubric, [dir]);
    const byName = new Map(graded.map((g) => [g.name, g.result]));
    for (const [i, [, , code]] of FLOODS.entries()) expect(byName.get(`flood-${String(i).padStart(2, '0')}`)?.errorCode).toBe(code);
    expect(byName.get('sparse')?.errorCode).toBe('file-bytes');
    for (const name of ['a-plain', 'z-plain']) {
      expect(byName.get(name)).toMatchObject({ error: null, score: 2, maxScore: 2 });
    }
  });
});

describe('docs/limits.md', () => {
  test('lists every limit of the table with its value', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(path.join(import.meta.dirname, '../docs/limits.md'), 'utf8');
    for (const entry of Object.values(LIMIT_TABLE)) {
      const value = entry.value >= 1e100 ? '1e300' : entry.value.toLocaleString('en-US');
      expect(doc).toContain(`| \`${entry.code}\` | ${value} |`);
    }
  });
});
