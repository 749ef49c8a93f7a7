import { describe, expect, test } from 'vitest';
import { gradeText } from '../../src/grade.js';
import { MATH_LIMITS, pageMathBudget, renderMath } from '../../src/reporters/html-math.js';
import { htmlReport as htmlReportOf } from '../../src/reporters/html.js';
import { reportSourceOf } from '../../src/reporters/report-source.js';
import { parseRubric } from '../../src/rubric/load.js';
import type { GradeResult } from '../../src/types.js';
import { htmlTags, type Tag } from './markup.js';
import { answer, failed, question, result, sample, SAMPLE_SOURCE } from './results.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The report as batch.ts makes it: the reader's view of the text, then the page. */
const htmlReport = (graded: GradeResult, text: string) => htmlReportOf(graded, reportSourceOf(text));

/** Issue 8's bound on a page: 3 × the submission + 300 KB. */
const pageBound = (text: string) => 3 * Buffer.byteLength(text) + 300 * 1024;

/** The HTML of the row that shows source line `line` (a multi-line row holds an anchor for it). */
function row(html: string, line: number): string {
  const rows = html.split(/(?=<div class="row)/).slice(1);
  const found = rows.find((r) => r.includes(`id="L${line}"`));
  if (found === undefined) throw new Error(`no row for line ${line}`);
  return found.split('</article>')[0];
}

const marksOf = (rowHtml: string) => [...rowHtml.matchAll(/class="mark ([a-z]+)"[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);

describe('htmlReport: each answer marked in place', () => {
  const html = htmlReport(sample, SAMPLE_SOURCE);

  test.each([
    [6, ['question q1', 'correct ✓ precision_A']],
    [7, ['incorrect ✗ recall_A']],
    [10, ['partial ◐ f1_A']],
    [13, ['question q2', 'manual ✎ loss_note', 'slip slip']],
    [14, ['unreadable ! loss']],
    [1, []],
    [8, []],
    [12, []],
  ])('line %i: %j', (line, marks) => {
    expect(marksOf(row(html, line))).toEqual(marks);
  });

  test('a verdict links to its entry in the list, and the entry links back to the line', () => {
    expect(row(html, 7)).toContain('href="#a0-1"');
    expect(html).toMatch(/<li id="a0-1">.*<a href="#L7">recall_A<\/a>/);
    // Not found anywhere: listed, with no link to a line.
    expect(html).toMatch(/<li id="a2-0"><span class="badge missing">\? missing<\/span> gradient /);
  });

  test('math is rendered by KaTeX as MathML only; code spans and escaped dollars stay text', () => {
    expect(row(html, 6)).toContain('<annotation encoding="application/x-tex">\\frac{40}{40+10}</annotation>');
    expect(row(html, 6)).toContain('<math><semantics><mrow><mfrac>');
    expect(row(html, 6)).not.toContain('$');
    const display = row(html, 9);
    expect(display).toContain('<a class="n" href="#L9">9–11<span id="L10"></span><span id="L11"></span></a>');
    expect(display).toContain('<span class="display"><span class="katex"><math display="block">');
    // One rendering per formula: no HTML rendering beside the MathML.
    expect(html).not.toContain('katex-html');
    const line13 = row(html, 13);
    expect(line13).toContain('<annotation encoding="application/x-tex">L = -\\ln(0.8) = 0.25</annotation>');
    expect(line13).toContain(' and `code $x$ stays code`, cost \\$5 or \\$6</div>');
  });

  test('deterministic', () => {
    expect(htmlReport(sample, SAMPLE_SOURCE)).toBe(html);
  });

  test('the rendered page', async () => {
    await expect(html).toMatchFileSnapshot('./__snapshots__/sample.html');
  });
});

describe('htmlReport: no script a student wrote ever runs', () => {
  const source = [
    'Intro <script>alert(1)</script>',
    'Pic <img src=x onerror=alert(2)> and <svg onload=alert(3)></svg>',
    'Math $\\href{javascript:alert(4)}{x}$ and $\\url{javascript:alert(5)}$ and $\\htmlClass{x}{y}$',
    'Link <a href="javascript:alert(6)">click</a> and [md](javascript:alert(7))',
    '<iframe src="data:text/html,x"></iframe><style>body{background:url(//evil)}</style><base href="//evil/">',
    '$\\color{red;background:url(//evil)}{a}$ $\\includegraphics{//evil/x.png}$',
    '</div></article><meta http-equiv="refresh" content="0;url=//evil">',
  ].join('\n');
  const xss = result({
    questions: [question({ id: 'q1', line: 1, answers: [answer({ id: 'a', status: 'incorrect', reason: 'found "<img src=x onerror=alert(8)>" and "javascript:alert(9)" at 2:5', line: 2, column: 5 })] })],
  });
  const html = htmlReport(xss, source);
  const tags = htmlTags(html);
  const named = (name: string) => tags.filter((t) => t.name === name);
  const attributes = (t: Tag) => Object.entries(t.attributes);

  test('no script element and no event-handler attribute anywhere', () => {
    expect(html).not.toMatch(/<script/i);
    expect(tags.flatMap(attributes).filter(([name]) => name.startsWith('on'))).toEqual([]);
  });

  test('no javascript: URL, and nothing fetched from anywhere', () => {
    // A title may quote what the student wrote (inert text); these attributes act on a URL.
    const acting = tags.flatMap(attributes).filter(([name]) => /^(href|xlink:href|src|srcset|style|action|formaction|data|poster|background)$/.test(name));
    expect(acting.filter(([, v]) => /javascript:/i.test(v))).toEqual([]);
    expect(acting.filter(([, v]) => /(^|url\()\s*['"]?([a-z]+:)?\/\//i.test(v)).map(([, v]) => v)).toEqual([]);
    expect(html).not.toMatch(/https?:|@import/i);
    expect(named('style')).toHaveLength(1);
    expect(html.slice(html.indexOf('<style>'), html.indexOf('</style>'))).not.toMatch(/url\(/);
    expect(tags.find((t) => t.attributes.title?.includes('javascript:alert(9)'))?.name).toBe('a');
    expect(named('a').map((a) => a.attributes.href).every((href) => href.startsWith('#'))).toBe(true);
  });

  test('the student’s tags are text, shown as written', () => {
    for (const name of ['img', 'iframe', 'svg', 'base', 'form', 'link', 'script', 'object', 'embed']) expect(named(name)).toEqual([]);
    expect(named('style')).toHaveLength(1);
    expect(named('meta').map((m) => m.attributes['http-equiv'] ?? m.attributes.name ?? 'charset')).toEqual([
      'charset',
      'Content-Security-Policy',
      'referrer',
      'viewport',
    ]);
    expect(html).toContain('Intro &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/div&gt;&lt;/article&gt;');
  });

  test('a Content-Security-Policy allows nothing external: no script, styles inline only', () => {
    expect(named('meta').find((m) => m.attributes['http-equiv'])!.attributes.content).toBe(CSP);
  });
});

describe('htmlReport: student images are never loaded', () => {
  const one = result({ questions: [question({ id: 'q', answers: [answer({ id: 'a', status: 'correct' })] })] });

  test.each([
    ['an external image', 'See ![a cat](https://evil.example/cat.png) here', 'See <span class="img" title="image, not loaded">[image: a cat]</span> here', 'evil.example'],
    ['a local path', '![](/etc/passwd)', '<span class="img" title="image, not loaded">[image]</span>', '/etc/passwd'],
    ['a reference image', '![plot &lt;1&gt;][p]\n\n[p]: ../secret.png', '[image: plot &lt;1&gt;]', 'never-there'],
    ['an image in a link', '[![logo](x.png)](https://example.org)', '[<span class="img" title="image, not loaded">[image: logo]</span>](https://example.org)', 'x.png'],
  ])('%s is shown as its alt text', (_name, line, shown, gone) => {
    const html = htmlReport(one, `first\n${line}`);
    expect(row(html, 2)).toContain(shown);
    expect(html).not.toContain(gone);
    expect(htmlTags(html).filter((t) => t.name === 'img')).toEqual([]);
  });
});

describe('htmlReport: one reading of math, the reader’s', () => {
  const one = result({ questions: [question({ id: 'q', answers: [answer({ id: 'a', status: 'correct', line: 2, column: 1 })] })] });

  test('inline math over two lines is one formula, as the grader read it', () => {
    const html = htmlReport(one, 'first\nLoss $L = -\\ln(0.8)\n= 0.223$ done\nlast');
    const math = row(html, 2);
    expect(math).toContain('<a class="n" href="#L2">2–3<span id="L3"></span></a>');
    expect(math).toContain('<annotation encoding="application/x-tex">L = -\\ln(0.8)\n= 0.223</annotation>');
    expect(math).not.toContain('$');
    expect(row(html, 4)).toContain('>last</div>');
  });

  test.each([
    ['inline code', 'a `$x$` b', 0],
    ['fenced code', '```\n$x$\n```', 0],
    ['an escaped dollar', 'cost \\$5 and \\$6', 0],
    ['\\( \\) and $$ $$', '\\(a\\) and $$b$$ and $c$', 3],
  ])('%s', (_name, text, formulas) => {
    expect(htmlReport(one, `first\n${text}\nlast`).match(/<math/g) ?? []).toHaveLength(formulas);
  });
});

const bomb = (copies: number) =>
  `\\def\\a{${'x^{2}+'.repeat(600)}}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b\\b\\b}${'\\c'.repeat(copies)}`;

describe('htmlReport: rendering math is bounded, and a formula over a limit is shown as source with the limit named', () => {
  const one = result({ questions: [question({ id: 'q', answers: [answer({ id: 'a', status: 'correct', points: 1, line: 2, column: 1 })] })] });
  const limitsIn = (html: string) => [...html.matchAll(/<small class="limit">not rendered \(([a-z-]+):/g)].map((m) => m[1]);

  test.each([
    ['a nested \\def that expands to millions of tokens', `$$${bomb(9)}$$`, 'math-expansion'],
    ['a small macro whose output is huge', `$$\\def\\a{x^{2}+x^{2}+x^{2}+x^{2}+}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b\\b\\b}${'\\c'.repeat(9)}$$`, 'math-output'],
    ['math over the length limit', `$${'x+'.repeat(3000)}x$`, 'latex-length'],
  ])('%s: %s', (_name, line, code) => {
    const text = `first\n${line}\nlast`;
    const html = htmlReport(one, text);
    expect(limitsIn(html)).toEqual([code]);
    expect(row(html, 2)).toContain('<code class="tex">$');
    expect(row(html, 3)).toContain('>last</div>');
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(pageBound(text));
  });

  test('the page’s expansion budget: after it is spent, formulas are shown as source', () => {
    const formulas = Math.ceil(MATH_LIMITS.pageTokens / MATH_LIMITS.tokens);
    const text = [...Array.from({ length: formulas }, () => `$$${bomb(9)}$$`), '$x$'].join('\n\n');
    const codes = limitsIn(htmlReport(one, text));
    expect(codes.slice(0, formulas - 1)).toEqual(Array(formulas - 1).fill('math-expansion'));
    expect(codes.slice(formulas - 1)).toEqual(['math-page-expansion', 'math-page-expansion']);
  });

  test(`after ${MATH_LIMITS.pieces} formulas the rest is shown as source`, () => {
    const filler = ' and some words of text around the formula'.repeat(5);
    const html = htmlReport(one, Array.from({ length: MATH_LIMITS.pieces + 100 }, (_, i) => `$x_{${i}}$${filler}`).join('\n'));
    expect(html.match(/<span class="katex">/g)).toHaveLength(MATH_LIMITS.pieces);
    expect(row(html, MATH_LIMITS.pieces + 100)).toContain(`<code class="tex">$x_{${MATH_LIMITS.pieces + 99}}$</code> <small class="limit">not rendered (math-pieces:`);
  });

  test.each([
    ['a nested \\def', bomb(9), 'math-expansion'],
    ['over the length limit', 'x'.repeat(MATH_LIMITS.length + 1), 'latex-length'],
  ])('renderMath: %s gives %s', (_name, tex, code) => {
    expect(renderMath(tex, true, pageMathBudget())).toEqual({ code });
  });

  test('renderMath spends the page’s budget and then refuses', () => {
    const budget = { pieces: 1, tokens: 5 };
    expect(renderMath('x+y+z', false, budget)).toEqual({ code: 'math-page-expansion' });
    expect(renderMath('x', false, budget)).toEqual({ code: 'math-pieces' });
  });

  test('a macro that never stops expanding is stopped by the counted budget and named, in place', () => {
    const html = htmlReport(one, 'first\n$\\def\\a{\\a\\a}\\a$\nlast');
    expect(row(html, 2)).toContain('not rendered (math-expansion');
    expect(row(html, 2)).not.toContain('class="katex-error"');
    expect(row(html, 3)).toContain('>last</div>');
  });
});

describe('htmlReport: a page is at most 3 × the submission + 300 KB', () => {
  const one = result({ questions: [question({ id: 'q', answers: [answer({ id: 'a', status: 'correct', points: 1, line: 2, column: 1 })] })] });

  const cutNote = /<p class="error">The rest of the submission, from line (\d+) of (\d+), is not shown \(page-size\)/;

  test.each([
    ['one-character lines', 'a\n'.repeat(60_000), 'cut'],
    ['ampersands on one line', '&'.repeat(500_000), 'cut'],
    ['one-character lines, one paragraph each', 'a\n\n'.repeat(30_000), 'cut'],
    ['tiny formulas, one per line', '$x$\n'.repeat(2_000), 'as source'],
    ['a matrix on every line', '$\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}$\n'.repeat(3_000), 'as source'],
    ['tiny formulas on one line (the reader refuses it)', '$x$ '.repeat(40_000), 'whole'],
  ])('%s: the bound holds (%s)', (_name, text, how) => {
    const html = htmlReport(one, text);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(pageBound(text));
    expect(html).toContain('id="L1"');
    if (how === 'cut') expect(html).toMatch(cutNote);
    if (how === 'as source') expect(html).toMatch(/<p class="note">Formulas from line \d+ on are shown as source \(page-size\)/);
    if (how === 'as source') expect(html).not.toMatch(cutNote);
    if (how === 'whole') expect(html).not.toContain('page-size');
  });

  test('a realistic submission is shown whole, every formula rendered', () => {
    const text = Array.from({ length: 40 }, (_, i) => SAMPLE_SOURCE.split('\n').slice(3).join('\n').replaceAll('0.8', `0.8${i}`)).join('\n');
    const html = htmlReport(one, text);
    expect(html).not.toContain('page-size');
    expect(html).not.toContain('not rendered');
    expect(html.match(/<math/g)).toHaveLength(40 * 3);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(pageBound(text));
  });
});

describe('htmlReport: any text gives a page', () => {
  const one = result({ questions: [question({ id: 'q', answers: [answer({ id: 'a', status: 'correct', points: 1, line: 2, column: 1 })] })] });

  test.each([
    ['an unclosed dollar', 'cost $5 and nothing else'],
    ['an unclosed display', '$$ x = 1'],
    ['empty math', '$ $ and $$$$'],
  ])('%s', (_name, line) => {
    const html = htmlReport(one, `first\n${line}\nlast`);
    expect(row(html, 3)).toContain('>last</div>');
  });

  test('a line of unmatched backticks and dollars is scanned in linear time', () => {
    const html = htmlReport(one, `${'`$``'.repeat(50_000)}\nend`);
    expect(row(html, 2)).toContain('>end</div>');
  });

  test('CRLF and a BOM give the same page as plain LF', () => {
    const crlf = '\uFEFF' + SAMPLE_SOURCE.replace(/\n/g, '\r\n');
    expect(htmlReport(sample, crlf)).toBe(htmlReport(sample, SAMPLE_SOURCE));
  });

  test('a submission that could not be graded shows the error, not the file', () => {
    const html = htmlReport(failed, '<script>alert(1)</script>\u0000binary');
    expect(html).toContain('<p class="error">This submission could not be graded: submissions/blob.md: binary file: it contains a NUL byte (at 1:3)</p>');
    expect(html).not.toContain('<article');
    expect(html).not.toContain('alert');
  });
});

describe('htmlReport: a notebook is shown as the reader’s view of it, numbered by cell', () => {
  // The view: a markdown cell (cell 1), a code cell (cell 2) and its printed output.
  const text = ['# Q1', 'Accuracy $= 0.9$', '```python', 'acc = 0.9', '```', '```output', '0.9', '```', ''].join('\n');
  const places = [
    { cell: 1, line: 1, fileLine: 5 },
    { cell: 1, line: 2, fileLine: 6 },
    { cell: 2, line: 1, fileLine: 12 },
    { cell: 2, line: 1, fileLine: 12 },
    { cell: 2, line: 1, fileLine: 12 },
    { cell: 2, line: 1, fileLine: 20 },
    { cell: 2, line: 1, fileLine: 20 },
    { cell: 2, line: 1, fileLine: 20 },
  ];
  const written = { ...answer({ id: 'accuracy', status: 'correct', line: 2, column: 12 }), cell: 1, fileLine: 6 };
  const printed = { ...answer({ id: 'printed', status: 'missing', line: 1, column: 1 }), cell: 2, fileLine: 20 };
  const notebook = result({ questions: [question({ id: 'q1', line: 1, answers: [written, printed] })] });
  const html = htmlReportOf(notebook, { ...reportSourceOf(text), places });

  test.each([
    [2, '2', ['correct ✓ accuracy']],
    [3, '', []],
    [4, '1', []],
    [5, '', []],
    [7, '1', ['missing ? printed']],
  ])('view line %i is labelled %s in its cell, with its marks', (line, label, marks) => {
    expect(row(html, line)).toContain(`<a class="n" href="#L${line}">${label}</a>`);
    expect(marksOf(row(html, line))).toEqual(marks);
  });

  test('each cell starts with its heading; the list links to the view line', () => {
    expect([...html.matchAll(/<div class="cell">cell (\d+)<\/div>/g)].map((m) => m[1])).toEqual(['1', '2']);
    expect(html).toContain('<a href="#L2">accuracy</a>');
    expect(html).toContain('<a href="#L7">printed</a>');
    expect(row(html, 2)).toContain('<math>');
  });
});

describe('htmlReport of a real notebook: markdown, code and text outputs, escaped; no image', () => {
  const rubric = parseRubric('rubric: nb\nquestions:\n  - id: q1\n    section: 1\n    answers:\n      - { id: x, label: x, expected: 2 }\n', 'nb.yaml');
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const notebook = JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { language: 'python' } },
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Homework\n', '\n', '1. x = $1 + 1 = 2$ <b>bold</b>\n', '![plot](attachment:plot.png)'] },
        {
          cell_type: 'code',
          metadata: {},
          execution_count: 1,
          source: ['print("<script>alert(1)</script>")'],
          outputs: [
            { output_type: 'stream', name: 'stdout', text: ['<script>alert(1)</script>\n'] },
            { output_type: 'display_data', metadata: {}, data: { 'image/png': png, 'text/plain': ['<Figure size 640x480>'] } },
          ],
        },
      ],
    },
    null,
    1,
  );
  const graded = gradeText(rubric, notebook, { submission: 'hw.ipynb', name: 'hw' });
  const html = htmlReportOf(graded, reportSourceOf(notebook));

  test('the answer is marked on its line of the markdown cell; cells have headings', () => {
    const x = graded.questions[0].answers[0];
    expect([x.status, x.line]).toEqual(['correct', 3]);
    // Cell 1 is the view's first lines, so its line 3 is the view's line 3.
    expect(marksOf(row(html, 3))).toEqual(['question q1', 'correct ✓ x']);
    expect(row(html, 3)).toContain('<a class="n" href="#L3">3</a>');
    expect(row(html, 3)).toContain('<math>');
    expect([...html.matchAll(/<div class="cell">cell (\d+)<\/div>/g)].map((m) => m[1])).toEqual(['1', '2']);
  });

  test('code and printed output are shown as escaped text; images are neither loaded nor embedded', () => {
    expect(html).toContain('print(&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</div>');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('[image: plot]');
    expect(html).not.toContain(png.slice(0, 20));
    expect(html).not.toContain('"nbformat"');
    expect(htmlTags(html).filter((t) => ['img', 'script'].includes(t.name))).toEqual([]);
  });
});
