// The bundle's split (rolldown.config.mjs): `markgrade --help`, `--version` and usage
// errors load cli.js and its static imports only, which must not reach shared.js, the
// chunk with mathjs, the Markdown reader and KaTeX (the commands import it when they grade).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const bundle = path.resolve('dist', 'bundle');

/** The chunks a file loads before it runs: its static imports, all the way down. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(path.join(bundle, file), 'utf8');
  for (const match of text.matchAll(/^(?:import|export)\b[^;]*?["']\.\/([^"']+)["']/gm)) staticClosure(match[1], seen);
  return seen;
}

test('the bin loads no grading code before a command needs it', () => {
  const loaded = [...staticClosure('cli.js')];
  expect(loaded).toContain('cli-core.js');
  expect(loaded).not.toContain('shared.js');
  for (const file of loaded) {
    const text = readFileSync(path.join(bundle, file), 'utf8');
    // Region comments name each bundled module: none from mathjs, remark, micromark or KaTeX.
    expect(text, file).not.toMatch(/node_modules\/(mathjs|typed-function|remark-|micromark|unified|katex)/);
  }
});

test('the grading code is in shared.js, which the commands import', () => {
  expect(readFileSync(path.join(bundle, 'shared.js'), 'utf8')).toMatch(/node_modules\/mathjs/);
  expect(staticClosure('grade-worker.js')).toContain('shared.js');
});
