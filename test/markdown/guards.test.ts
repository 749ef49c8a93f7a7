// Input guards (SPEC §5, §8): BOM and CRLF read like their plain twins; binary, invalid
// UTF-8, over-size and deeply nested files fail fast with a clear SubmissionError.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readSubmission, SubmissionError } from '../../src/markdown/index.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/submissions');
const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.md') && name !== 'crlf-bom-twin.md');

describe('BOM and CRLF', () => {
  test('crlf-bom-twin.md is the BOM + CRLF twin of metrics-inline-fractions.md and reads the same', () => {
    const twin = readFileSync(join(FIXTURES, 'crlf-bom-twin.md'));
    const plain = readFileSync(join(FIXTURES, 'metrics-inline-fractions.md'));
    expect([...twin.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(twin.includes('\r\n')).toBe(true);
    expect(twin.subarray(3).toString().replaceAll('\r\n', '\n')).toBe(plain.toString());
    const parsed = readSubmission(twin);
    expect(parsed.claims.length).toBeGreaterThan(5);
    expect(parsed).toEqual(readSubmission(plain));
  });

  test.each(fixtures)('%s read with BOM and CRLF equals the plain file', (name) => {
    const plain = readFileSync(join(FIXTURES, name), 'utf8');
    expect(readSubmission(`\uFEFF${plain.replaceAll('\n', '\r\n')}`)).toEqual(readSubmission(plain));
  });

  test('bytes and text give the same reading', () => {
    const bytes = readFileSync(join(FIXTURES, 'ocr-answer-markers.md'));
    expect(readSubmission(bytes)).toEqual(readSubmission(bytes.toString('utf8')));
  });
});

describe('bounded work', () => {
  test('at most 20,000 different steps are converted; the rest are refused with `limit`', () => {
    const text = Array.from({ length: 20_010 }, (_, i) => `x = ${i + 1}`).join('; ');
    const claims = readSubmission(text).claims;
    expect(claims).toHaveLength(20_010);
    expect(claims[19_999].steps[0].value).toBe(20_000);
    expect(claims[20_000].steps[0].refusal?.kind).toBe('limit');
  });

  test('steps written the same way are converted once and read alike', () => {
    const claims = readSubmission('x = 0.5; '.repeat(30_000)).claims;
    expect(claims).toHaveLength(30_000);
    expect(claims.every((claim) => claim.steps[0].value === 0.5)).toBe(true);
  });
});

describe('empty and odd files', () => {
  test.each(['', '\n\n', '   \n', '\uFEFF'])('%j has no sections and no claims', (text) => {
    const parsed = readSubmission(text);
    expect(parsed.claims).toEqual([]);
    expect(parsed.sections).toEqual([]);
    expect(parsed.student).toBeNull();
  });

  test('front matter that is not YAML names no student and does not stop the reading', () => {
    const parsed = readSubmission('---\nstudent: [unclosed\n---\n\nx = 1\n');
    expect(parsed.student).toBeNull();
    expect(parsed.claims.map((c) => c.label)).toEqual(['x']);
  });

  test('an unclosed $$ does not swallow the rest of the document', () => {
    const parsed = readSubmission('$$x = 1\n\nQ 2\n\ny = 2\n');
    expect(parsed.sections.map((s) => s.path)).toEqual(['2']);
    expect(parsed.claims.map((c) => `${c.section}:${c.label}`)).toContain('2:y');
  });
});

/** The SubmissionError that `read` throws. */
function thrownBy(read: () => unknown): SubmissionError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(SubmissionError);
    return error as SubmissionError;
  }
  throw new Error('expected a SubmissionError');
}

/** Runs `read` and returns the SubmissionError it throws (how fast: bench/robustness.mjs). */
function rejection(read: () => unknown): SubmissionError {
  return thrownBy(read);
}

describe('files that cannot be read', () => {
  test('NUL bytes: binary, with the place', () => {
    const error = rejection(() => readSubmission(Buffer.from('Q 1\nx = \u0000 1\n')));
    expect(error.kind).toBe('binary');
    expect([error.line, error.column]).toEqual([2, 5]);
    expect(error.message).toMatch(/binary/);
  });

  test('NUL in a string: binary', () => {
    expect(rejection(() => readSubmission('a\u0000b')).kind).toBe('binary');
  });

  test('invalid UTF-8: encoding, with the place of the bad byte', () => {
    const error = rejection(() => readSubmission(Buffer.from([0x61, 0x0a, 0x62, 0x63, 0xc3, 0x28])));
    expect(error.kind).toBe('encoding');
    expect([error.line, error.column]).toEqual([2, 3]);
    expect(error.message).toMatch(/UTF-8/);
  });

  test('a truncated multi-byte sequence at the end is invalid', () => {
    expect(rejection(() => readSubmission(Buffer.from([0x61, 0xe2, 0x82]))).kind).toBe('encoding');
  });

  test('20 MB: size', () => {
    const error = rejection(() => readSubmission(Buffer.alloc(20 * 1024 * 1024, 0x61)));
    expect(error.kind).toBe('size');
    expect(error.message).toMatch(/20\.0 MB.*2 MB/);
  });

  test('20 MB of text given as a string: size', () => {
    expect(rejection(() => readSubmission('x = 1\n'.repeat(3_500_000))).kind).toBe('size');
  });

  test.each([
    ['a 10,000-deep nested list', '- '.repeat(10_000) + 'x\n'],
    ['a 10,000-deep block quote', '> '.repeat(10_000) + 'x\n'],
    ['a 10,000-deep ordered list', '1. '.repeat(10_000) + 'x\n'],
    ['a list nested 1,300 deep by indentation', Array.from({ length: 1300 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n')],
    ['10,000 open brackets', `x = ${'('.repeat(10_000)}1`],
    ['10,000 open braces in math', `$$${'{'.repeat(10_000)}$$`],
    ['20,000 emphasis marks in a paragraph', '*a '.repeat(20_000)],
    ['10,000 link brackets in a paragraph', '[a '.repeat(10_000)],
  ])('%s: nesting', (_name, text) => {
    const error = rejection(() => readSubmission(text));
    expect(error.kind).toBe('nesting');
    expect(error.line).toBeGreaterThan(0);
    expect(error.message).toMatch(/nested too deeply|too many/);
  });

  test.each([
    ['more than 5,000 lines without a blank line', 'r\t1\n'.repeat(5_001), /5000 lines without a blank line/],
    ['more than 100,000 lines', 'a\n\n'.repeat(50_001), /too many lines/],
  ])('%s: size', (_name, text, message) => {
    const error = rejection(() => readSubmission(text));
    expect(error.kind).toBe('size');
    expect(error.message).toMatch(message);
  });

  test('ordinary nesting is fine', () => {
    const text = `${Array.from({ length: 6 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n\n> > quoted x = 1\n`;
    expect(readSubmission(text).claims.map((c) => c.label)).toEqual(['quoted x']);
  });
});

/** A matrix of `rows` rows of `columns` ones, as LaTeX. */
function matrix(rows: number, columns: number): string {
  return `\\begin{bmatrix}${Array.from({ length: rows }, () => Array(columns).fill('1').join('&')).join('\\\\\n')}\\end{bmatrix}`;
}

describe('math over the length limit is refused unread', () => {
  const huge = matrix(200, 100); // 40,000 characters

  test.each([
    ['display math after a text relation', `Precision_A = $$${huge}$$`, 'precision a', 1, 17],
    ['display math with its label inside', `$$W = ${huge}$$`, 'w', 1, 7],
    ['inline math', `Recall: the value $R = ${huge.replaceAll('&', '+').replaceAll('\\\\', '')}$`, 'r', 1, 24],
    ['display math on its own lines', `Loss =\n$$\n${huge}\n$$`, 'loss', 3, 1],
  ])('%s: one step refused as limit, at its place, with a short excerpt', (_name, text, label, line, column) => {
    const claims = readSubmission(text).claims;
    expect(claims).toHaveLength(1);
    expect(claims[0].label).toBe(label);
    const [step] = claims[0].steps;
    expect(step.refusal).toMatchObject({ kind: 'limit', code: 'limit' });
    expect(step.refusal?.reason).toMatch(/math longer than 10000 characters/);
    expect([step.line, step.column]).toEqual([line, column]);
    expect(step.source.startsWith('\\begin{bmatrix}1')).toBe(true);
    expect(step.source.length).toBeLessThanOrEqual(201);
    expect(step.value).toBeNull();
  });

  test('a bare 2 MB matrix under a label is one refused step, and the claims after it are read', () => {
    const text = `Q 2\n\n(a) Precision_A = $$${matrix(1000, 1000)}$$\n\nRecall_A = $\\frac{50}{65}$ = 0.77\n`;
    const claims = readSubmission(text).claims;
    expect(claims.map((c) => c.label)).toEqual(['precision a', 'recall a']);
    expect(claims[0].steps[0].refusal?.reason).toMatch(/10000 characters \(\d{7}\)/);
    expect(claims[1].steps.map((s) => s.value)).toEqual([50 / 65, 0.77]);
  });

  test('several pieces that only together pass the limit are one refused step too', () => {
    const text = `x = ${Array.from({ length: 3 }, () => `$${'1+'.repeat(2_000)}1$`).join(' + ')}`;
    const [step] = readSubmission(text).claims[0].steps;
    expect(step.refusal?.kind).toBe('limit');
    expect(step.source.length).toBeLessThanOrEqual(201);
  });

  test('math just under the limit is read as before: aligned rows give their claims', () => {
    const rows = Array.from({ length: 400 }, (_, i) => `a_{${i}} &= ${i} + 0.5`).join(' \\\\\n');
    const text = `$$\\begin{aligned}\n${rows}\n\\end{aligned}$$`;
    expect(text.length).toBeLessThan(10_000);
    const claims = readSubmission(text).claims;
    expect(claims).toHaveLength(400);
    expect(claims[399].steps[0].value).toBe(399.5);
  });
});

describe('inline markup and block structure remark would take too long on', () => {
  test.each([
    ['10,001 inline formulas', '$1$ '.repeat(10_001)],
    ['20,001 display formulas', '$$1$$\n\n'.repeat(20_001)],
    ['emphasis spread over paragraphs under their own limit', `${'*a* '.repeat(100)}\n\n`.repeat(101)],
    ['inline code', '`a` '.repeat(10_001)],
    ['links spread over paragraphs', `${'[a](b) '.repeat(500)}\n\n`.repeat(21)],
    ['table cells', `| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(4_000)}\n`.repeat(2)],
    ['web addresses', 'see www.example.org and https://example.org/x '.repeat(10_001)],
    ['backslash escapes', '\\# '.repeat(20_001)],
  ])('%s: size, naming the inline markup limit', (_name, text) => {
    const error = thrownBy(() => readSubmission(text));
    expect(error.kind).toBe('size');
    expect(error.message).toMatch(/too much inline markup: more than 20000/);
    expect(error.line).toBeGreaterThan(0);
  });

  test('the limit is counted: 10,000 inline formulas (20,000 dollar signs) are read', () => {
    const parsed = readSubmission(`x = ${'$1$ '.repeat(10_000)}`);
    expect(parsed.claims).toHaveLength(1);
  });

  test.each([
    ['5,000 block quotes', '> a\n\n'.repeat(5_000)],
    ['3,000 underlined headings', 'Title\n-----\n\n'.repeat(3_000)],
    ['3,000 lists between headings', '# Part\n- item\n\n'.repeat(3_000)],
    ['300 block quotes late in a long file', `${'filler line\n\n'.repeat(20_000)}${'> quoted\n\n'.repeat(300)}`],
  ])('%s: size, naming lists, block quotes and headings', (_name, text) => {
    const error = thrownBy(() => readSubmission(text));
    expect(error.kind).toBe('size');
    expect(error.message).toMatch(/too many lists, block quotes and underlined headings/);
  });

  test('a long homework with a list and a quote in every answer is read', () => {
    const answer = (i: number) => `Q ${i}\n\n> the question\n\nWe have:\n- a step\n- another step\n\nx_${i} = ${i}\n\n`;
    const parsed = readSubmission(Array.from({ length: 200 }, (_, i) => answer(i + 1)).join(''));
    expect(parsed.claims).toHaveLength(200);
    expect(parsed.claims[199].steps[0].value).toBe(200);
  });
});
