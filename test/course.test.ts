// The example course: every rubric in rubrics/ is valid, and grading its submissions
// gives the scores and statuses its `tests:` list (decided by hand, as a TA would).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { rubricCommand } from '../src/rubric-command.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rubrics = readdirSync(path.join(root, 'rubrics')).filter((f) => f.endsWith('.yaml')).sort();

test('the course has rubrics with self-tests', () => {
  expect(rubrics.length).toBeGreaterThanOrEqual(3);
});

test.each(rubrics)('%s lints clean and passes its tests', async (file) => {
  const rubric = path.join(root, 'rubrics', file);
  const lint = await rubricCommand('lint', rubric);
  expect(lint.output).not.toMatch(/error|warning/);
  const tests = await rubricCommand('test', rubric);
  expect(tests.output).not.toMatch(/FAIL/);
  expect(tests.output).toMatch(/[1-9]\d* passed, 0 failed/);
  expect(tests.exitCode).toBe(0);
});
