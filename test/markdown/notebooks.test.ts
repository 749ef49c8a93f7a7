// Code and printed output are not the student's written answer (SPEC §5): in Markdown a
// fenced block is code and the code block right after it is its output (nbconvert);
// `.ipynb` files are read directly, with every place in its cell. Rows list each claim as
// `from|section|label|final value@place`, where `from` is text, code or output and the
// place is line:column (Markdown) or cell:line:column:fileLine (notebooks).
import { describe, expect, test } from 'vitest';
import { gradeText } from '../../src/grade.js';
import { readSubmission, SubmissionError } from '../../src/markdown/index.js';
import { parseRubric } from '../../src/rubric/load.js';
import type { AnswerResult, ParsedSubmission } from '../../src/types.js';

function rows(parsed: ParsedSubmission): string[] {
  return parsed.claims.map((claim) => {
    const final = claim.steps[claim.steps.length - 1];
    const value = final.value !== null ? JSON.stringify(final.value) : final.refusal ? `!${final.refusal.kind}` : final.expr;
    const place = final.cell === undefined ? `${final.line}:${final.column}` : `${final.cell}:${final.line}:${final.column}:${final.fileLine}`;
    return `${claim.from ?? 'text'}|${claim.section}|${claim.label}|${value}@${place}`;
  });
}

const FENCE = '```';

describe('code and output blocks in Markdown', () => {
  test.each<[string, string, string[]]>([
    [
      'an indented block after a fenced cell is its output',
      `1. See the printed value above.\n\n${FENCE}python\nprint(p)\n${FENCE}\n\n    Precision: 0.82\n`,
      ['output|1|precision|0.82@7:16'],
    ],
    [
      'a bare printed value opens its output block',
      `1. Done\n\n${FENCE}python\nprint(p)\n${FENCE}\n\n    0.8197\n`,
      ['output|1||0.8197@7:5'],
    ],
    [
      'a fenced block without a language after code is output; code claims are code',
      `1. Recall = 0.75\n\n${FENCE}python\nr = 0.9\n${FENCE}\n${FENCE}\nRecall: 0.9\n${FENCE}\n`,
      ['text|1|recall|0.75@1:13', 'code|1|r|0.9@4:5', 'output|1|recall|0.9@7:9'],
    ],
    [
      'a second program right after code is code, not output',
      `1. x\n\n${FENCE}python\na = 1\n${FENCE}\n${FENCE}python\nb = 2\n${FENCE}\n`,
      ['code|1|a|1@4:5', 'code|1|b|2@7:5'],
    ],
    [
      'indented text after prose stays text (OCR)',
      `1. Work:\n\n    F1 = 0.5\n`,
      ['text|1|f1|0.5@3:10'],
    ],
    [
      'an indented block after a paragraph ending in `::` is a literal block: code (reStructuredText)',
      `## 1\n\nSecond sample::\n\n    w2 = [1, 0, 1]\n\nSo w2 = [1, 0, 0].\n`,
      ['code|1|w2|[1,0,1]@5:10', 'text|1|w2|[1,0,0]@7:9'],
    ],
    [
      'a reST code directive opens code, with its options; `.. math::` and other directives hold text',
      `## 1\n\n.. code-block:: python\n   :linenos:\n\n    f1 = 0.5\n\n.. math::\n\n    p = \\frac{1}{4} = 0.25\n\n.. testoutput::\n\n    0.25\n`,
      ['code|1|f1|0.5@6:10', 'text|1|p|0.25@10:23', 'output|1||0.25@14:5'],
    ],
    [
      'a single `:` or `::` inside the line opens no literal block',
      `## 1\n\nWork:\n\n    F1 = 0.5\n\nSee a::b here\n\n    F2 = 0.6\n`,
      ['text|1|f1|0.5@5:10', 'text|1|f2|0.6@9:10'],
    ],
    [
      'an indented block after output that follows prose is text again',
      `${FENCE}python\nx\n${FENCE}\n\n    0.3\n\nThen:\n\n    F1 = 0.5\n`,
      ['output|||0.3@5:5', 'text||f1|0.5@9:10'],
    ],
    // An indented block that is unmistakably a program is code, and the indented block right after it its output.
    [
      'an indented program (assignments, an np. call, print) in a list item is code, its printout below it too',
      `- (b) numpy:\n\n        lam = 0.1\n        w = np.array([0.8, -1.5, 0, 2])\n        print(2 * lam * w)\n\n        w = [ 0.16 -0.3 0. 0.4 ]\n\n  (see the results block)\n`,
      ['code|1.b|lam|0.1@3:15', 'code|1.b|w|[0.8,-1.5,0,2]@4:13', 'code|1.b|w|[0.16,-0.3,0,0.4]@7:13'],
    ],
    [
      'an indented program with its printout in one block is code',
      `## 1\n\n    import numpy as np\n    g = np.array([0.8, 2]) * 0.5\n    print(g)\n\n    [0.4 1.]\n`,
      ['code|1|g|[0.4,1]@4:9'],
    ],
    [
      'a console session (`>>>`) is code',
      `## 1\n\n    >>> sigmoid(0)\n    0.5\n`,
      [],
    ],
    [
      'a def is code',
      `## 1\n\n    def f(x):\n        return 2 * x\n    y = f(3)\n`,
      ['code|1|y|f * 3@5:9'],
    ],
    [
      'indented plain-text math stays text: calls and assignments without a program-only line',
      `## 1\n\n    sigmoid(z) = 0.5\n    p = 0.5\n`,
      ['text|1|sigmoid z|0.5@3:18', 'text|1|p|0.5@4:9'],
    ],
    [
      'indented prose that mentions print stays text',
      `## 1\n\n    we print the value: F1 = 0.5\n    print(F1)\n`,
      ['text|1|f1|0.5@3:30'],
    ],
    [
      'a chain of prose math with np. stays text (not one assignment)',
      `## 1\n\n    y = np.exp(0) + 1 = 2\n`,
      ['text|1|y|2@3:25'],
    ],
  ])('%s', (_why, text, expected) => {
    expect(rows(readSubmission(text))).toEqual(expected);
  });

  // Org-mode and AsciiDoc blocks written in a Markdown file are code and output too.
  test.each<[string, string, string[]]>([
    [
      'Org src block right under a marker line, then its #+RESULTS: lines',
      `Problem 1.\n#+begin_src python\naccuracy = 85/100\n#+end_src\n\n#+RESULTS:\n: 0.85\n\nThe accuracy is in the results.\n`,
      ['code|1|accuracy|0.85@3:12', 'output|1||0.85@7:3'],
    ],
    [
      '#+RESULTS: alone is output; the text after the blank line is text',
      `Problem 1.\n\n#+RESULTS:\n: p = 0.25\n\nSo p = 0.3.\n`,
      ['output|1|p|0.25@4:7', 'text|1|p|0.3@6:8'],
    ],
    [
      'Org src block with a blank line inside',
      `## 1\n\n#+begin_src python\nx = 1\n\ny = 2\n#+end_src\n`,
      ['code|1|x|1@4:5', 'code|1|y|2@6:5'],
    ],
    [
      'AsciiDoc [source] listing (a setext heading to Markdown) and the literal block after it',
      `Problem 1.\n\n[source,python]\n----\ng = 2 * np.array([1, 2])\nprint(g)\n----\n\n....\n[2 4]\n....\n\nProblem 2.\n\nF1 = 0.5\n`,
      ['code|1|g|[2,4]@5:5', 'output|1||[2,4]@10:1', 'text|2|f1|0.5@15:6'],
    ],
    [
      'a literal block after prose is text, like an indented block; one that holds a program is code',
      `## 1\n\n....\np = 0.25\n....\n\n....\nimport numpy as np\nq = 6\n....\n`,
      ['text|1|p|0.25@4:5', 'code|1|q|6@9:5'],
    ],
    [
      'a bare ---- pair is a listing only where the document writes AsciiDoc elsewhere',
      `## 1\n\n----\nF1 = 0.5\n----\n`,
      ['text|1|f1|0.5@4:6'],
    ],
    [
      'in an AsciiDoc document a bare ---- listing after a [source] listing is output',
      `## 1\n\n[source,python]\n----\nprint(f1)\n----\n\n----\nF1 = 0.5\n----\n`,
      ['output|1|f1|0.5@9:6'],
    ],
    [
      'a console session pasted as text: prompts are code, the rest output',
      `## 1\n\nIn [3]: acc = 85/100\nOut[3]: 0.85\n\n>>> p\n0.25\n\n>>> Final answer: F1 = 0.5\n`,
      ['code|1|acc|0.85@3:15', 'output|1|out 3|0.85@4:9', 'output|1||0.25@7:1', 'text|1|f1|0.5@9:24'],
    ],
    [
      'HTML <pre><code> is code and a <pre> right after it output; a bare <pre> is code only when it holds a program',
      `## 1\n\n<pre><code>acc = 85/100\nprint(acc)\n</code></pre>\n<pre>\n0.85\n</pre>\n\nThen:\n\n<pre>\np = 0.25\n</pre>\n\n<pre>\nimport numpy as np\nq = 3\n</pre>\n`,
      ['code|1|acc|0.85@3:18', 'output|1||0.85@7:1', 'text|1|p|0.25@13:5', 'code|1|q|3@18:5'],
    ],
    [
      'Org and AsciiDoc lines inside a fenced block open nothing',
      `## 1\n\n${FENCE}text\n#+begin_src\n${FENCE}\n\nF1 = 0.5\n\n#+end_src\n`,
      ['text|1|f1|0.5@7:6'],
    ],
  ])('%s', (_why, text, expected) => {
    expect(rows(readSubmission(text))).toEqual(expected);
  });

  test('markers inside code and output are no sections', () => {
    const parsed = readSubmission(`1. x = 1\n\n${FENCE}python\n2. y = 2\n${FENCE}\n\n    3. z = 3\n`);
    expect(parsed.sections.map((s) => s.path)).toEqual(['1']);
  });
});

/** A notebook as Jupyter writes it (indent 1, one source line per string). */
function notebook(cells: unknown[]): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { language: 'python' } }, cells }, null, 1);
}
const md = (...source: string[]) => ({ cell_type: 'markdown', metadata: {}, source });
const code = (source: string[], outputs: unknown[] = []) => ({ cell_type: 'code', metadata: {}, execution_count: 1, source, outputs });
const stream = (...text: string[]) => ({ output_type: 'stream', name: 'stdout', text });
const result = (plain: string[], extra: Record<string, unknown> = {}) => ({ output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/plain': plain, ...extra } });

const HW = notebook([
  md('## Q1\n', '\n', '(a) Precision = $\\frac{50}{61}$ = 0.82\n'),
  code(['p = 50/61\n', 'print(p)'], [stream('0.819672131147541\n'), { output_type: 'display_data', metadata: {}, data: { 'image/png': 'iVBORw0KGgo'.padEnd(3_000_000, 'A'), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] } }]),
  md('(b) See the printed value above.'),
  code(['r'], [result(['0.75'])]),
  { cell_type: 'raw', metadata: {}, source: ['F1 = 0.1'] },
  md('(c) First line\n', 'F1 = 0.78'),
]);

describe('.ipynb notebooks', () => {
  test('markdown cells are the document; code and text outputs are read apart; places are cells', () => {
    const fileLine = (needle: string) => HW.split('\n').findIndex((line) => line.includes(needle)) + 1;
    expect(rows(readSubmission(HW))).toEqual([
      `text|1.a|precision|0.82@1:3:35:${fileLine('(a) Precision')}`,
      `code|1.a|p|0.819672131147541@2:1:5:${fileLine('"p = 50/61')}`,
      `output|1.a||0.819672131147541@2:1:1:${fileLine('"0.819672131147541')}`,
      `output|1.b||0.75@4:1:1:${fileLine('"0.75"')}`,
      `text|1.c|f1|0.78@6:2:6:${fileLine('"F1 = 0.78')}`,
    ]);
  });

  test.each<[string, string, string[]]>([
    ['a source given as one string', notebook([md('(a) x = 1\n(b) y = 2')]), ['text|1.a|x|1@1:1:9:', 'text|1.b|y|2@1:2:9:']],
    ['an unclosed fence in a markdown cell stops at the cell', notebook([md('(a) x = 1\n```\nno end'), md('(b) y = 2')]), ['text|1.a|x|1@1:1:9:', 'text|1.b|y|2@2:1:9:']],
    ['CRLF inside sources', notebook([md('(a) x = 1\r\n', '(b) y = 2')]), ['text|1.a|x|1@1:1:9:', 'text|1.b|y|2@1:2:9:']],
    ['an empty notebook', notebook([]), []],
  ])('%s', (_why, text, expected) => {
    expect(rows(readSubmission(text)).map((row) => row.replace(/:\d+$/, ':'))).toEqual(expected);
  });

  test('the size limit applies to the text read, not to the images', () => {
    expect(Buffer.byteLength(HW)).toBeGreaterThan(2 * 1024 * 1024);
    expect(readSubmission(Buffer.from(HW)).notebook?.cells).toBe(6);
  });

  test.each([
    ['{"nbformat": 4, "cells": [', 'notebook'],
    ['{"nbformat": 4, "cells": {}}', 'notebook'],
  ])('%j is refused as %s', (text, kind) => {
    expect(() => readSubmission(text)).toThrowError(SubmissionError);
    try {
      readSubmission(text);
    } catch (error) {
      expect((error as SubmissionError).kind).toBe(kind);
    }
  });
});

const rubric = (read: string) =>
  parseRubric(
    `rubric: nb
questions:
  - id: q1
    section: 1.a
${read}    answers:
      - id: precision
        label: precision
        expected: 50/61
  - id: q2
    section: 1.b
${read}    answers:
      - id: recall
        expected: 0.75
`,
    'nb.yaml',
  );

function answers(text: string, read = ''): Record<string, AnswerResult> {
  const graded = gradeText(rubric(read), text, { submission: 'hw.ipynb', name: 'hw' });
  expect(graded.error).toBeNull();
  return Object.fromEntries(graded.questions.flatMap((q) => q.answers).map((a) => [a.id, a]));
}

describe('grading code and output', () => {
  test('an answer only in printed output is missing with reasonCode in-code', () => {
    const graded = answers(HW);
    expect(graded.precision).toMatchObject({ status: 'correct', cell: 1, line: 3 });
    expect(graded.recall).toMatchObject({ status: 'missing', reasonCode: 'in-code', cell: 4, line: 1, points: 0 });
    expect(graded.recall.reason).toMatch(/printed output at cell 4, 1:1/);
  });

  test('read: [text, output] lets the output answer', () => {
    expect(answers(HW, '    read: [text, output]\n').recall).toMatchObject({ status: 'correct', cell: 4, line: 1 });
  });

  test('a printout after the written answer does not override it (last-claim rule)', () => {
    const text = `1. (a) Precision = 0.82\n\n(b) Recall = 0.75\n\n${FENCE}python\nprint(r)\n${FENCE}\n\n    0.9\n`;
    expect(answers(text)).toMatchObject({ recall: { status: 'correct', line: 3 } });
  });

  test('question lines of a notebook are cell lines', () => {
    const graded = gradeText(rubric(''), HW, { submission: 'hw.ipynb', name: 'hw' });
    expect(graded.questions.map((q) => [q.id, q.cell, q.line])).toEqual([
      ['q1', 1, 3],
      ['q2', 3, 1],
    ]);
  });
});
