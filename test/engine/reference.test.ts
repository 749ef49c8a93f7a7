// docs/engine.md and src/engine/reference.ts are generated from the engine's doc blocks;
// they must be current, and cover every function the engine adds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli-run.js';
import { ENGINE_FUNCTIONS } from '../../src/engine/index.js';
import { ENGINE_REFERENCE } from '../../src/engine/reference.js';
// @ts-expect-error: a plain ESM script without declarations
import { generate } from '../../scripts/engine-docs.mjs';

const root = path.resolve('.');

describe('engine reference', () => {
  const { markdown, module } = generate(root) as { markdown: string; module: string };

  test('docs/engine.md and src/engine/reference.ts are up to date (node scripts/engine-docs.mjs --write)', () => {
    expect(readFileSync('docs/engine.md', 'utf8')).toBe(markdown);
    expect(readFileSync('src/engine/reference.ts', 'utf8')).toBe(module);
  });

  test.each([...ENGINE_FUNCTIONS])('%s has a signature, a summary, an example and its conventions', (name) => {
    const doc = ENGINE_REFERENCE.find((d) => d.name === name);
    expect(doc, name).toBeDefined();
    expect(doc!.signature.startsWith(`${name}(`)).toBe(true);
    expect(doc!.summary.length).toBeGreaterThan(5);
    expect(doc!.example).toMatch(new RegExp(`${name}\\(`));
    expect(doc!.conventions.length).toBeGreaterThan(10);
    expect(markdown).toContain(`### \`${doc!.signature}\``);
  });

  test('the conventions are stated: rows are the true class, log is ln, classes are 1-based', () => {
    expect(markdown).toMatch(/true class in rows/);
    expect(markdown).toMatch(/`log` is the natural log \(ln\)/);
    expect(markdown).toMatch(/classes are \*\*1-based\*\*/);
    expect(ENGINE_REFERENCE.find((d) => d.name === 'f1')!.signature).toBe('f1(cm, k)'); // classes is the engine's
  });

  test.each([
    ['help(f1)', /^f1\(cm, k\)\n\nHarmonic mean/],
    ['help("sigmoid")', /^sigmoid\(x\)\n/],
    ['help()', /^accuracy\(cm\) +Fraction/],
  ])("markgrade eval '%s' prints the reference", async (expression, expected) => {
    const out = await runCli(['eval', expression]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(expected);
  });

  test('help of a name the engine does not have is a usage error with a suggestion', async () => {
    const out = await runCli(['eval', 'help(sigmod)']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/"sigmod" is not an engine function \(did you mean "sigmoid"\?\)/);
  });
});
