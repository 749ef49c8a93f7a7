// HTML report render bounds (issue 9, SPEC §8): for each hostile submission, the time
// `grade --format html` takes end to end (a child process: start-up, grading, writing),
// the page's size against its bound (3 × submission + 300 KB) and the limit codes the
// page names. Prints numbers only; never asserts. Build first:
//   npm run build && node bench/html-render.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireBuilt, table } from './measure.mjs';

const cli = fileURLToPath(new URL('../dist/bundle/cli.js', import.meta.url));
const rubric = fileURLToPath(new URL('../rubrics/hw-networks.yaml', import.meta.url));
requireBuilt(new URL('../dist/bundle/cli.js', import.meta.url));

const defBomb = `\\def\\a{${'x^{2}+'.repeat(600)}}\\def\\b{${'\\a'.repeat(10)}}\\def\\c{${'\\b'.repeat(10)}}${'\\c'.repeat(9)}`;
const inputs = {
  'katex-def-bomb (4 KB nested \\def, display)': `# Homework 2\n\n1. $y = 0.6$\n\n$$${defBomb}$$\n`,
  'katex-def-bomb x 40 (one per paragraph)': `# Homework 2\n\n${Array(40).fill(`$$${defBomb}$$`).join('\n\n')}\n`,
  'katex-output (small macros, 150 KB of MathML)': `$$\\def\\a{x^{2}+x^{2}+x^{2}+x^{2}+}\\def\\b{${'\\a'.repeat(10)}}\\def\\c{${'\\b'.repeat(10)}}${'\\c'.repeat(9)}$$\n`,
  '2,000 small formulas, one per line': Array.from({ length: 2000 }, (_, i) => `$x_{${i}} = ${i}$`).join('\n') + '\n',
  '30,000 one-character paragraphs': 'a\n\n'.repeat(30_000),
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'markgrade-html-'));
try {
  const rows = [['input', 'bytes', 'wall s', 'page bytes', 'bound', 'limits named']];
  for (const [name, text] of Object.entries(inputs)) {
    const file = path.join(dir, 'sub.md');
    const out = path.join(dir, 'out');
    writeFileSync(file, text);
    const start = performance.now();
    execFileSync(process.execPath, [cli, 'grade', rubric, file, '--out', out, '--format', 'html'], { stdio: 'ignore', timeout: 600_000 });
    const seconds = (performance.now() - start) / 1000;
    const page = readFileSync(path.join(out, 'sub.html'), 'utf8');
    const codes = new Map();
    for (const m of page.matchAll(/not rendered \(([a-z-]+):|(?:not shown|shown as source) \((page-size)\)/g)) codes.set(m[1] ?? m[2], (codes.get(m[1] ?? m[2]) ?? 0) + 1);
    const bound = 3 * statSync(file).size + 300 * 1024;
    rows.push([name, text.length, seconds.toFixed(2), Buffer.byteLength(page), bound, [...codes].map(([c, n]) => `${c} ×${n}`).join(', ') || '–']);
  }
  console.log(`markgrade HTML render bounds: grade --format html per input, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log(table(rows));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
