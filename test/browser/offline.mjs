// The HTML reports in a real browser with the network cut (issue 8): headless Debian
// Chromium driven by playwright-core. Run after `npm run build` (`.ci/run` does):
//   node test/browser/offline.mjs [--keep DIR]
// Grades a small class (the examples plus a hostile submission) with `--format html`,
// opens each report and summary.html, and checks: no request leaves the page, every
// formula is drawn once (MathML, no HTML rendering beside it), the page-size bound
// holds, and at 400 px wide nothing overflows horizontally. Screenshots at desktop and
// 400 px width are kept in the printed folder, to be looked at. Ends with the line
// "N passed, N failed" and exits 1 when anything failed.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// As the machine notes say: without the background-networking flags Chromium calls out
// at start-up on its own, which would show up as requests that are not the page's.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const keepAt = process.argv.indexOf('--keep');
const work = keepAt !== -1 ? path.resolve(process.argv[keepAt + 1]) : mkdtempSync(path.join(tmpdir(), 'markgrade-browser-'));
const subs = path.join(work, 'submissions');
const out = path.join(work, 'reports');
const shots = path.join(work, 'screenshots');
for (const dir of [subs, out, shots]) mkdirSync(dir, { recursive: true });

// ---------------------------------------------------------------- the class

const examples = path.join(ROOT, 'submissions/hw-networks');
for (const name of readdirSync(examples)) copyFileSync(path.join(examples, name), path.join(subs, name));
// A notebook (from the blind red-team fixtures): shown as markdown, code and text outputs.
copyFileSync(path.join(ROOT, 'test/fixtures/blind/networks/submissions/marsh-tinder.ipynb'), path.join(subs, 'notebook.ipynb'));
const bomb = `\\def\\a{${'x^{2}+'.repeat(600)}}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b\\b\\b}${'\\c'.repeat(9)}`;
writeFileSync(
  path.join(subs, 'zz-hostile.md'),
  [
    '# Homework 2',
    '',
    '1. Neuron output, see ![my plot](https://images.invalid/plot.png) and ![](/etc/passwd) and [![logo](logo.png)](https://example.invalid)',
    '   $y = 0.1 \\cdot 1 + 0.2 \\cdot 1',
    '   + 0.3 \\cdot 1 = 0.6$',
    '2. <img src="https://images.invalid/x.png"> <script>fetch("https://evil.invalid")</script> <link rel=stylesheet href="https://evil.invalid/a.css">',
    '3. $\\href{https://evil.invalid}{x}$ and $\\includegraphics{https://evil.invalid/x.png}$ and $\\url{https://evil.invalid}$',
    '',
    `$$${bomb}$$`,
    '',
    '10. A wide matrix $$\\begin{bmatrix} ' + Array.from({ length: 30 }, (_, i) => `${i}.123`).join(' & ') + ' \\end{bmatrix}$$',
    '',
    'A long line without spaces: ' + 'abcdefghij'.repeat(40),
    '',
  ].join('\n'),
);

const started = Date.now();
execFileSync(process.execPath, [path.join(ROOT, 'dist/bundle/cli.js'), 'grade', path.join(ROOT, 'rubrics/hw-networks.yaml'), subs, '--out', out, '--format', 'html'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  timeout: 120_000,
});
console.log(`graded ${readdirSync(subs).length} submissions with --format html in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------- the checks

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
}

const pages = [
  ...readdirSync(subs).map((name) => ({ html: path.join(out, name.replace(/\.(md|ipynb)$/, '.html')), source: path.join(subs, name) })),
  { html: path.join(out, 'summary.html'), source: null },
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
try {
  for (const { html, source } of pages) {
    const name = path.basename(html);
    if (!existsSync(html)) {
      check(`${name} written`, false);
      continue;
    }
    const bytes = statSync(html).size;
    if (source !== null) {
      const bound = 3 * statSync(source).size + 300 * 1024;
      check(`${name}: ${bytes} bytes ≤ 3 × ${statSync(source).size} + 300 KB`, bytes <= bound);
    }
    // Student text may quote a URL (shown as text); with none in the source, none in the page.
    if (source === null || !readFileSync(source, 'utf8').includes('://')) check(`${name}: no URL anywhere in the file`, !readFileSync(html, 'utf8').includes('://'));

    for (const width of [1280, 400]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: true });
      await context.setOffline(true);
      const page = await context.newPage();
      const pageUrl = pathToFileURL(html).href;
      const outside = [];
      // Every request but the page itself is recorded and refused: the network is cut.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url === pageUrl) return route.continue();
        outside.push(url);
        return route.abort('blockedbyclient');
      });
      page.on('request', (request) => {
        if (request.url() !== pageUrl && !outside.includes(request.url())) outside.push(request.url());
      });
      const cspViolations = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
      });
      await page.goto(pageUrl, { waitUntil: 'load' });
      const facts = await page.evaluate(() => {
        const visible = (el) => {
          const box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
        };
        const formulas = [...document.querySelectorAll('.katex')];
        return {
          formulas: formulas.length,
          // Each formula is one <math>, drawn natively, and nothing else draws it.
          twice: formulas.filter((k) => k.querySelectorAll('math').length !== 1 || [...k.children].some((c) => c.tagName.toLowerCase() !== 'math' && visible(c))).length,
          htmlRenderings: [...document.querySelectorAll('.katex-html')].filter(visible).length,
          annotationsShown: [...document.querySelectorAll('annotation')].filter(visible).length,
          mathDrawn: [...document.querySelectorAll('math')].filter((m) => m.getBoundingClientRect().height > 0).length,
          mathDisplay: [...new Set([...document.querySelectorAll('math')].map((m) => getComputedStyle(m).display))],
          scripts: document.scripts.length,
          images: document.images.length,
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          limits: [...document.querySelectorAll('.limit')].map((el) => el.textContent),
          // A title may quote the student (inert text); no other attribute may hold a URL.
          urlAttributes: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes]).filter((a) => a.name !== 'title' && a.value.includes('://')).map((a) => `${a.name}=${a.value}`),
        };
      });
      const label = `${name} at ${width} px`;
      check(`${label}: no request left the page`, outside.length === 0, outside.join(', '));
      check(`${label}: no CSP violation reported`, cspViolations.length === 0, cspViolations.join(' | '));
      check(`${label}: no script, no <img>, no URL in an attribute`, facts.scripts === 0 && facts.images === 0 && facts.urlAttributes.length === 0, JSON.stringify(facts.urlAttributes));
      if (source !== null) {
        check(`${label}: ${facts.formulas} formulas, each drawn once as MathML`, facts.formulas > 0 && facts.twice === 0 && facts.htmlRenderings === 0 && facts.annotationsShown === 0, JSON.stringify(facts));
        check(`${label}: MathML laid out natively (${facts.mathDisplay.join(', ')})`, facts.mathDrawn === facts.formulas && facts.mathDisplay.every((d) => d.includes('math')), JSON.stringify(facts));
      }
      if (width === 400) check(`${label}: no horizontal overflow (${facts.scrollWidth} ≤ ${facts.clientWidth})`, facts.scrollWidth <= facts.clientWidth);
      if (name === 'zz-hostile.html' && width === 400) {
        check(`${name}: the KaTeX bomb is shown as source, named by its limit`, facts.limits.some((t) => t.includes('math-expansion')), facts.limits.join(' | '));
      }
      const base = path.join(shots, `${name.replace(/\.html$/, '')}-${width}`);
      await page.screenshot({ path: `${base}.png` });
      const article = (await page.locator('article').count()) > 0 ? await page.locator('article').boundingBox() : null;
      if (article !== null) await page.screenshot({ path: `${base}-text.png`, fullPage: true, clip: { x: 0, y: article.y, width, height: Math.min(article.height, 1400) } });
      await context.close();
    }
  }
} finally {
  await browser.close();
}

console.log(`screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
