// Section markers, paths and topics (SPEC §4 "Locating a question", §5).
import { describe, expect, test } from 'vitest';
import { normalisePath, readSubmission } from '../../src/markdown/index.js';
import { markersAtLineStart, type MarkerToken } from '../../src/markdown/markers.js';

/** A marker as a short path: numbers, then the part, then the sub-part. */
function shortPath(token: MarkerToken): string {
  return [...token.nums, token.part, token.sub].filter((c) => c !== null).join('.');
}

describe('markers at the start of a line', () => {
  test.each([
    ['Q 2', ['2']],
    ['Q2', ['2']],
    ['Question 2', ['2']],
    ['Problem 1: logistic regression', ['1']],
    ['### Problem 5.', ['5']],
    ['Exercise 3', ['3']],
    ['Answer 1) (a) MSE does not fit', ['1', 'a']],
    ['Ans 2.2.c>', ['2.2.c']],
    ['Aus 2) a)  $W_2 = k$', ['2', 'a']],
    ['ans2.2.d>', ['2.2.d']],
    ['Answer2>', ['2']],
    ['Ans2.6> the model', ['2.6']],
    ['12.', ['12']],
    ['- 12.', ['12']],
    ['- 2. Values of g(x)', ['2']],
    ['12. (b)', ['12', 'b']],
    ['(a) Derive the gradient', ['a']],
    ['a)', ['a']],
    ['b.', ['b']],
    ['Part (b)', ['b']],
    ['Part (c) and Part (d)', ['c']],
    ['Part II - Multiple losses', ['2']],
    ['**Q4.** Recall = 0.5', ['4']],
    ['2a) text', ['2.a']],
    ['2(a) text', ['2.a']],
    ['Q2.a', ['2.a']],
    ['Question 6b) x', ['6.b']],
    ['(ii) sub-part', ['ii']],
    ['> (c) in a quote', ['c']],
    ['## Question 1', ['1']],
    ['1) first', ['1']],
    // headings of other markup written in a Markdown file
    ['\\section*{Question 1}', ['1']],
    ['\\subsection{(b)}', ['b']],
    ['\\section{2}', ['2']],
    ['\\item[(a)] $p = 0.5$', ['a']],
    ['== Question 2 ==', ['2']],
    ['== 2 ==', ['2']],
    ['=== (b) ===', ['b']],
    ['= Question 3', ['3']],
    ['<h2>Question 1</h2>', ['1']],
    ['<h3>(b)</h3>', ['b']],
    ['** (a) Org heading', ['a']],
    ['*b)* q = 0.5', ['b']],
  ])('%s', (line, paths) => {
    expect(markersAtLineStart(line).map(shortPath)).toEqual(paths);
  });

  test.each([
    'i.e. the value is small',
    'e.g. this one',
    'w.r.t. the weights',
    '(1)',
    '0.82 is the value',
    '12.5 is a number',
    '2x + 3 = 5',
    'Example 3',
    'Questions 2 and 3',
    'Part of the answer',
    'A. Smith wrote',
    'I have completed both',
    'x = 1',
    'Q: why?',
    'Answer: 0.5',
    'in part (a), the network',
    '⑥ Numerical stability',
    '2021. That year',
    'The model is fine.',
    // a step that goes on after a line end is no Typst heading
    '= 2',
    '= 2.',
    '= (a)',
  ])('%s is not a marker', (line) => {
    expect(markersAtLineStart(line)).toEqual([]);
  });

  // `2.1 scores = …`: a sub-part number with no `.` or `)` is a marker only under its own
  // question (the top-level number in force), and not before `is`, `times` …
  test.each<[string, number | null, string[]]>([
    ['2.1 scores = (1, 2)', 2, ['2.1']],
    ['- 1.3 H(p) = 0.8', 1, ['1.3']],
    ['2.10 $x = 1$', 2, ['2.10']],
    ['2.1 scores = (1, 2)', 3, []],
    ['2.1 scores = (1, 2)', null, []],
    ['2.5 is the rate', 2, []],
    ['2.5 times more', 2, []],
    ['2.303 log x', 2, []],
    ['2.05 kg', 2, []],
    ['2.5 = 5/2', 2, []],
  ])('%s under question %s', (line, question, paths) => {
    expect(markersAtLineStart(line, question).map(shortPath)).toEqual(paths);
  });

  test('the marker text is kept as written', () => {
    expect(markersAtLineStart('Ans 2.2.c> text')[0].text).toBe('Ans 2.2.c>');
    expect(markersAtLineStart('- 12. (b) x').map((m) => m.text)).toEqual(['12.', '(b)']);
  });
});

describe('normalisePath', () => {
  test.each([
    ['2a', '2.a'],
    ['2(a)', '2.a'],
    ['Q2.a', '2.a'],
    ['2.a', '2.a'],
    ['Q 2', '2'],
    ['Ans 2.2.c>', '2.2.c'],
    ['12.B', '12.b'],
    ['02.a', '2.a'],
    ['2.a.ii', '2.a.ii'],
    ['Part (b)', 'b'],
    ['', ''],
  ])('%s -> "%s"', (marker, path) => {
    expect(normalisePath(marker)).toBe(path);
  });
});

/** (topic, path) of every section, in order. */
function sectionsOf(text: string): string[] {
  return readSubmission(text).sections.map((s) => `${s.topic ?? '-'}|${s.path}`);
}

describe('paths', () => {
  test('lettered parts before any number belong to 1', () => {
    expect(sectionsOf('(a) x\n\n(b) y\n')).toEqual(['-|1.a', '-|1.b']);
  });

  test('a lettered part belongs to the last number, also on the same line', () => {
    expect(sectionsOf('Q 2\n\n(a) x\n\nQ12. (b) y\n\nAnswer 1) (a) z\n')).toEqual(['-|2', '-|2.a', '-|12', '-|12.b', '-|1', '-|1.a']);
    expect(sectionsOf('2.\n\n(a) x\n\n12. (b) y\n')).toEqual(['-|2', '-|2.a', '-|12', '-|12.b']);
  });

  test('a dotted marker sets the whole path; a letter then replaces its last part', () => {
    expect(sectionsOf('Ans 2.2.c>\n\nx\n\n(d)\n')).toEqual(['-|2.2.c', '-|2.2.d']);
  });

  test('Roman numerals after a letter are sub-parts; (i) after (h) is a letter', () => {
    const text = '2.\n\n(a) x\n\n(i) y\n\n(ii) z\n\n(b) w\n\n(h) v\n\n(i) u\n';
    expect(readSubmission(text).sections.map((s) => s.path)).toEqual(['2', '2.a', '2.a.i', '2.a.ii', '2.b', '2.h', '2.i']);
  });

  test('Roman numerals without a letter are parts', () => {
    expect(readSubmission('3.\n\n(i) x\n\n(ii) y\n').sections.map((s) => s.path)).toEqual(['3', '3.i', '3.ii']);
  });

  test('a block naming two parts belongs to the first', () => {
    const parsed = readSubmission('12.\n\nPart (c) and Part (d)\n\nL = 3.61\n');
    expect(parsed.sections.map((s) => s.path)).toEqual(['12', '12.c']);
    expect(parsed.claims[0].section).toBe('12.c');
  });

  test('claims take the section in force where they start', () => {
    const parsed = readSubmission('a) x = 1\nb) y = 2\n');
    expect(parsed.claims.map((c) => `${c.section}:${c.label}`)).toEqual(['1.a:x', '1.b:y']);
  });

  test('the same path under the same topic is one section that ends at its last piece', () => {
    const parsed = readSubmission('1. first\n\n2. second\n\n1. more of the first\n');
    expect(parsed.sections.map((s) => [s.path, s.line, s.endLine])).toEqual([['1', 1, 5], ['2', 3, 3]]);
  });

  test('markers inside display math and code are not read', () => {
    const text = '1.\n\n$$x = 1\n2. + 3$$\n\n```\n3. code\n```\n';
    expect(readSubmission(text).sections.map((s) => s.path)).toEqual(['1']);
  });
});

describe('topics', () => {
  test('numbering restarts under topic lines', () => {
    const text = 'Neurons\n\n1. a\n\n19. b\n\nNetworks\n\n3. c\n\nGraphs\n\n1. d\n\n12. e\n';
    expect(sectionsOf(text)).toEqual(['Neurons|1', 'Neurons|19', 'Networks|3', 'Graphs|1', 'Graphs|12']);
  });

  test('short lines between items do not change the topic', () => {
    const text = 'Neurons\n\n1.\n\nx = 1\n\nUpdate Rule\n\n2.\n\nGradient:\n\n3. y = 2\n';
    expect(sectionsOf(text)).toEqual(['Neurons|1', 'Neurons|2', 'Neurons|3']);
    expect(readSubmission(text).claims.map((c) => c.topic)).toEqual(['Neurons', 'Neurons']);
  });

  test('a topic line right above the same number restarts it', () => {
    const text = 'Lab 1\n\n1. (a) x\n\n(b) y\n\nLab 2\n\n1. (a) z\n';
    expect(sectionsOf(text)).toEqual(['Lab 1|1', 'Lab 1|1.a', 'Lab 1|1.b', 'Lab 2|1', 'Lab 2|1.a']);
  });

  test('a short line deep inside an answer does not capture a repeated number', () => {
    const text = 'Homework\n\nAus 2) a) x\n\nd) y\n\ncase 1\n\n$$z = 1$$\n\nAnswer2>\n\nAns 2.2.c> w\n';
    expect(sectionsOf(text)).toEqual(['Homework|2', 'Homework|2.a', 'Homework|2.d', 'Homework|2.2.c']);
  });

  test('Markdown headings are topics unless they are markers', () => {
    const text = '# Losses\n\n## Question 1\n\nx = 1\n\n# Metrics\n\n## Question 1\n\ny = 2\n';
    expect(sectionsOf(text)).toEqual(['Losses|1', 'Metrics|1']);
  });

  test('the seed pattern: topic lines, list items, Part (b), letters after numbers', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../fixtures/submissions/topics-restart-numbering.md', import.meta.url));
    expect(sectionsOf(text.toString())).toEqual([
      'Perceptrons|1', 'Perceptrons|2', 'Perceptrons|3', 'Perceptrons|4',
      'Backpropagation|1', 'Backpropagation|2', 'Backpropagation|11', 'Backpropagation|12',
      'Backpropagation|12.b', 'Backpropagation|12.c', 'Backpropagation|13', 'Backpropagation|13.a', 'Backpropagation|13.b',
    ]);
  });
});

describe('headings and blocks', () => {
  test('headings list Markdown headings and topic lines, with lines', () => {
    const text = '# Homework 4\n\nArtificial Neurons\n\n## Question 1\n\nThis sentence is long enough to be prose and not a topic.\n\n(1)\n\nx = 1\n\nGradient:\n';
    expect(readSubmission(text).headings).toEqual([
      { text: 'Homework 4', depth: 1, line: 1 },
      { text: 'Artificial Neurons', depth: 0, line: 3 },
      { text: 'Question 1', depth: 2, line: 5 },
      { text: 'Gradient:', depth: 0, line: 13 },
    ]);
  });

  test('a topic line is one line, at most 8 words, without math, not ending in a full stop', () => {
    const text = 'One two three four five six seven eight\n\nOne two three four five six seven eight nine\n\nEnds here.\n\nHas $x$ math\n\nTwo\nlines\n';
    expect(readSubmission(text).headings.map((h) => h.line)).toEqual([1]);
  });

  test('blocks are split before marker lines and carry their section', () => {
    const parsed = readSubmission('Q 2\n(a) first part\nmore text\n(b) second part\n');
    expect(parsed.blocks.map((b) => [b.text, b.line, b.endLine, b.section])).toEqual([
      ['Q 2', 1, 1, '2'],
      ['(a) first part\nmore text', 2, 3, '2.a'],
      ['(b) second part', 4, 4, '2.b'],
    ]);
  });

  test('sections keep the marker as written and its place', () => {
    const section = readSubmission('intro\n\n  Ans 2.2.c> text\n').sections[0];
    expect(section).toEqual({ path: '2.2.c', topic: 'intro', marker: 'Ans 2.2.c>', line: 3, column: 3, endLine: 3 });
  });
});
