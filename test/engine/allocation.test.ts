// Allocation guards (SPEC §8, issue 9): rubric `expected:` and `markgrade eval`
// expressions that would build an array over the engine-cells limit are refused with an
// error naming the limit, not an out-of-memory death; ordinary sizes still work. The
// memory bombs themselves run in a child process with a small heap.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createEngine, evaluate } from '../../src/engine/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist', 'bundle', 'cli.js');
const engine = createEngine();

describe('expressions that would allocate without bound are refused', () => {
  test.each([
    'zeros(1e5, 1e5)',
    'zeros([1e5, 1e5])',
    'ones(1e4, 1e4)',
    'identity(1e5)',
    'random([1e5, 1e5])',
    'randomInt([1e4, 1e4], 1, 5)',
    'resize([1], [1e5, 1e5])',
    'range(0, 1e9)',
    'range("0:1e9")',
    '1:1e9',
    'diag(range(1, 1e5))',
    'kron(ones(1000, 1000), ones(1000, 1000))',
    'ones(1e5, 1) * ones(1, 1e5)',
    'ones(1e5, 1) + ones(1, 1e5)',
    'ones(1e5, 1) .* ones(1, 1e5)',
    'A = [1]; A[1e5, 1e5] = 1',
  ])('%s: engine-cells, in a child process with a 256 MB heap', { timeout: 120_000 }, (expression) => {
    expect(inSmallHeap(expression)).toMatch(/\[limit engine-cells\]/);
  });

  test.each([
    ['zeros(2, 3)', [[0, 0, 0], [0, 0, 0]]],
    ['size(ones(1000, 1000))', [1000, 1000]],
    ['identity(2)', [[1, 0], [0, 1]]],
    ['range(1, 4)', [1, 2, 3, 4]], // expressions include the end
    ['1:3', [1, 2, 3]],
    ['[[1, 2], [3, 4]] * [[1], [1]]', [[3], [7]]],
    ['[1, 2] + 1', [2, 3]],
    ['A = [1, 2]; A[3] = 5; A', [1, 2, 5]],
    ['diag([1, 2])', [[1, 0], [0, 2]]],
  ])('%s still works', (expression, value) => {
    const result = evaluate(engine, expression, {});
    const entries = (result as { entries?: unknown }).entries;
    const last = Array.isArray(entries) ? entries.at(-1) : result; // a ResultSet of several statements
    expect(JSON.parse(JSON.stringify(last))).toEqual(value);
  });
});

/** What evaluating `expression` with the built engine throws, in a process with a 256 MB heap. */
function inSmallHeap(expression: string): string {
  const script = `import(${JSON.stringify(path.join(root, 'dist', 'engine', 'index.js'))}).then((m) => { try { m.evaluate(m.createEngine(), process.argv[1], {}); console.log('no error'); } catch (e) { console.log(e.message); } })`;
  const result = spawnSync(process.execPath, ['--max-old-space-size=256', '-e', script, expression], { encoding: 'utf8' });
  return result.stdout + result.stderr;
}

describe('memory bombs in a child process with a 256 MB heap', () => {
  test.each(['zeros(1e5,1e5)', 'ones(1e5,1e5)', 'range(0,1e10)'])('markgrade eval %s exits 2 with the limit, not out of memory', { timeout: 120_000 }, (expression) => {
    const result = spawnSync(process.execPath, ['--max-old-space-size=256', cli, 'eval', expression], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/\[limit engine-cells\]/);
    expect(result.stderr).not.toMatch(/heap out of memory/i);
  });
});
