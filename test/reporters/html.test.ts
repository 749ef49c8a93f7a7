import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { htmlReport, KATEX_CSS } from '../../src/reporters/html.js';
import { htmlTags, type Tag } from './markup.js';
import { answer, failed, question, result, sample, SAMPLE_SOURCE } from './results.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline' https://cdn.jsdelivr.net; font-src https://cdn.jsdelivr.net; img-src data:; base-uri 'none'; form-action 'none'";

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

  test('math is rendered with KaTeX; code spans and escaped dollars stay text', () => {
    expect(row(html, 6)).toContain('<annotation encoding="application/x-tex">\\frac{40}{40+10}</annotation>');
    expect(row(html, 6)).not.toContain('$');
    const display = row(html, 9);
    expect(display).toContain('<span class="n"><a href="#L9">9–11</a><span id="L10"></span><span id="L11"></span></span>');
    expect(display).toContain('class="katex-display"');
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

  test('no javascript: URL, and nothing fetched but the KaTeX stylesheet', () => {
    // A title may quote what the student wrote (inert text); these attributes act on a URL.
    const acting = tags.flatMap(attributes).filter(([name]) => /^(href|xlink:href|src|srcset|style|action|formaction|data|poster|background)$/.test(name));
    expect(acting.filter(([, v]) => /javascript:/i.test(v))).toEqual([]);
    expect(acting.filter(([, v]) => /(^|url\()\s*['"]?(https?:)?\/\//i.test(v)).map(([, v]) => v)).toEqual([KATEX_CSS.href]);
    expect(tags.find((t) => t.attributes.title?.includes('javascript:alert(9)'))?.name).toBe('a');
    expect(named('a').map((a) => a.attributes.href).every((href) => href.startsWith('#'))).toBe(true);
  });

  test('the student’s tags are text, shown as written', () => {
    for (const name of ['img', 'iframe', 'svg', 'base', 'form']) expect(named(name)).toEqual([]);
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

  test('a Content-Security-Policy forbids scripts; the only link is KaTeX’s stylesheet, pinned by hash', () => {
    expect(named('meta').find((m) => m.attributes['http-equiv'])!.attributes.content).toBe(CSP);
    expect(named('link')).toEqual([
      { name: 'link', attributes: { rel: 'stylesheet', href: KATEX_CSS.href, integrity: KATEX_CSS.integrity, crossorigin: 'anonymous' } },
    ]);
  });

  test('the pinned hash is the hash of the installed KaTeX 0.19.1 stylesheet', () => {
    const cssFile = createRequire(import.meta.url).resolve('katex/dist/katex.min.css');
    const digest = createHash('sha384').update(readFileSync(cssFile)).digest('base64');
    expect(KATEX_CSS.integrity).toBe(`sha384-${digest}`);
    expect(KATEX_CSS.href).toContain('katex@0.19.1/');
  });
});

describe('htmlReport: any text gives a page', () => {
  const one = result({ questions: [question({ id: 'q', answers: [answer({ id: 'a', status: 'correct', points: 1, line: 2, column: 1 })] })] });

  test.each([
    ['braces nested past KaTeX’s stack', `$$${'{'.repeat(2400)}x${'}'.repeat(2400)}$$`],
    ['math over the length limit', `$${'x+'.repeat(3000)}x$`],
    ['a macro that never stops expanding', '$\\def\\a{\\a\\a}\\a$'],
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

  test('after 2,000 math pieces the rest is shown as LaTeX source', () => {
    const html = htmlReport(one, Array.from({ length: 2_100 }, (_, i) => `$x_{${i}}$`).join('\n'));
    expect(html.match(/<span class="katex">/g)).toHaveLength(2_000);
    expect(row(html, 2_100)).toContain('<code class="tex">$x_{2099}$</code>');
  });

  test('CRLF and a BOM give the same page as plain LF', () => {
    const crlf = '\uFEFF' + SAMPLE_SOURCE.replace(/\n/g, '\r\n');
    expect(htmlReport(sample, crlf)).toBe(htmlReport(sample, SAMPLE_SOURCE));
  });

  test.each([
    ['lines', 'a\n'.repeat(20_001), 20_000],
    ['characters', `${'a'.repeat(1_500_000)}\n${'b'.repeat(1_500_000)}`, 2],
    ['characters in one line', 'a'.repeat(3_000_000), 1],
  ])('text over the limit of %s is cut, and the page says so', (_name, source, lastLine) => {
    const html = htmlReport(one, source);
    expect(html).toContain('The rest of the submission is not shown: the report shows at most 20000 lines and 2097152 characters.');
    expect(html).toContain(`id="L${lastLine}"`);
    expect(html).not.toContain(`id="L${lastLine + 1}"`);
    expect(html.length).toBeLessThan(4_000_000);
  });

  test('text just within the limits is shown whole', () => {
    const html = htmlReport(one, 'a\n'.repeat(20_000));
    expect(html).toContain('id="L20000"');
    expect(html).not.toContain('The rest of the submission is not shown');
  });

  test('a submission that could not be graded shows the error, not the file', () => {
    const html = htmlReport(failed, '<script>alert(1)</script>\u0000binary');
    expect(html).toContain('<p class="error">This submission could not be graded: submissions/blob.md: binary file: it contains a NUL byte (at 1:3)</p>');
    expect(html).not.toContain('<article');
    expect(html).not.toContain('alert');
  });
});
