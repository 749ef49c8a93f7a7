// Output safety (SPEC §8, issue 9): one escaper per output. Control characters from
// student text, names and file names never reach a terminal raw (grade <file>, check,
// extract, their --json); JUnit XML holds only characters XML 1.0 allows; no gradebook
// text cell can run as a spreadsheet formula, and scores stay numbers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from './cli-run.js';
import { gradeText } from '../src/grade.js';
import { gradebookCsv, junitReport } from '../src/reporters/index.js';
import { textCell } from '../src/reporters/csv.js';
import { escapeTerminal, escapeTerminalLine, terminalJson } from '../src/reporters/text.js';
import { parseRubric } from '../src/rubric/load.js';
import type { GradeResult } from '../src/types.js';


/** What a terminal would act on: C0 but LF, DEL, C1, bidi controls, lone surrogates. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Hostile text: a colour, a title change, a clear screen, a one-byte CSI, a bell, CR, RLO, a lone surrogate. */
const HOSTILE = 'A\u001b[31mred\u001b]0;pwned\u0007\u001b[2J\u009b2J\r\u202egnp.exe\ud800';

describe('escapeTerminal', () => {
  test.each([
    ['ESC', '\u001b[31m', '\\x1B[31m'],
    ['one-byte CSI', '\u009b2J', '\\x9B2J'],
    ['BEL and CR', 'a\u0007\rb', 'a\\x07\\x0Db'],
    ['right-to-left override', 'x\u202ey', 'x\\u202Ey'],
    ['a lone surrogate', 'x\ud800y', 'x\\uD800y'],
    ['line feeds are kept', 'a\nb', 'a\nb'],
    ['ordinary Unicode is kept', 'é ✓ 😀 ŷ', 'é ✓ 😀 ŷ'],
  ])('%s', (_name, input, output) => {
    expect(escapeTerminal(input)).toBe(output);
  });

  test('one line: breaks and tabs become a space', () => {
    expect(escapeTerminalLine('a\r\n\tb\u001b')).toBe('a b\\x1B');
  });

  test('terminalJson is valid JSON that gives the value back, with nothing unsafe in it', () => {
    const value = { s: HOSTILE.replace('\ud800', ''), n: [1, 2] };
    const json = terminalJson(value);
    expect(json).not.toMatch(UNSAFE);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('the CLI never prints student control characters raw', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-esc-'));
  const rubric = path.join(dir, 'rubric.yaml');
  writeFileSync(rubric, 'rubric: esc\nquestions:\n  - id: q1\n    section: 1\n    answers:\n      - { id: x, label: x, expected: 2 }\n');
  const file = path.join(dir, `name\u001b[31m\u009b.md`);
  writeFileSync(file, `---\nstudent: "Mal\\u001b[2Jlory\\u202e"\n---\n\n1. ${HOSTILE} note\n\nx = 3 ${HOSTILE}\n`);

  test.each([
    ['grade <file>', ['grade', rubric, file, '--out', path.join(dir, 'out')]],
    ['check', ['check', rubric, file]],
    ['check --json', ['check', rubric, file, '--json']],
    ['extract', ['extract', file]],
    ['extract --json', ['extract', file, '--json']],
  ])('%s', { timeout: 120_000 }, async (_name, args) => {
    const result = await runCli(args);
    const printed = result.stdout + result.stderr;
    expect(printed.length).toBeGreaterThan(0);
    expect(printed).not.toMatch(UNSAFE);
    // The escapes are shown, not silently dropped.
    expect(printed).toMatch(/\\x1B|\\u001b/);
  });
});

const rubric = parseRubric('rubric: out\nquestions:\n  - id: q1\n    section: 1\n    answers:\n      - { id: x, label: x, expected: 2 }\n', 'out.yaml');

function resultFor(text: string, student: string): GradeResult {
  return { ...gradeText(rubric, text, { submission: `${student}.md`, name: student }), student };
}

describe('JUnit XML holds only characters XML 1.0 allows', () => {
  test('control characters, lone surrogates and noncharacters in names and reasons are dropped', () => {
    const xml = junitReport([resultFor(`1. x = 3 ${HOSTILE} \u0000\ufffe\uffff`, `s\u0001\u001b${HOSTILE}`)]);
    expect(xml).not.toMatch(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u);
    expect(xml).toContain('<testsuites');
  });
});

describe('gradebook cells cannot run as formulas', () => {
  test.each([
    ["-1+1+cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://x","y")'],
    ['+1+1'],
    ['@SUM(A1:A2)'],
    ['\t=1'],
    ['  =1'],
    ['\r=1'],
    ['＝1+1'],
    ['-2'],
  ])('%j as a student name is neutralised with a leading quote', (name) => {
    expect(textCell(name)).toBe(`'${name}`);
    const csv = gradebookCsv([resultFor('1. x = 2\n', name)]);
    expect(csv).toContain(`'${name.replace(/"/g, '""')}`);
  });

  test('ordinary text and every score stay as they are', () => {
    expect(textCell('ada lovelace')).toBe('ada lovelace');
    const csv = gradebookCsv([resultFor('1. x = 2\n', 'ada')]);
    expect(csv.split('\n')[1]).toBe('ada,ada,ada.md,1,1,1,');
  });
});
