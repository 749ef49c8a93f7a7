// The CLI's refusals before anything is written (issue 9): exit 2 and an untouched folder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../cli-run.js';
import { RIGHT, RUBRIC_TEXT, tree } from './fixtures.js';

function run(args: string[], cwd: string) {
  return runCli(args, cwd);
}

test.each([
  ['--out equal to the graded folder', ['--out', 'subs'], /inside the folder being graded/],
  ['--out inside the graded folder', ['--out', 'subs/reports'], /inside the folder being graded/],
  ['an override for an unknown student', ['--out', 'out', '--overrides', 'ov.yaml'], /ov\.yaml:1:1: no submission has the report name "alcie" \(did you mean "alice"\?\)/],
])('%s exits 2 before anything is written', async (_, flags, message) => {
  const dir = tree({ 'rubric.yaml': RUBRIC_TEXT, 'subs/alice.md': RIGHT, 'ov.yaml': 'alcie:\n  accuracy: 1\n' });
  const out = await run(['grade', 'rubric.yaml', 'subs', '--format', 'md', ...flags], dir);
  expect(out.code).toBe(2);
  expect(out.stderr).toMatch(message);
  expect(readdirSync(dir).sort()).toEqual(['ov.yaml', 'rubric.yaml', 'subs']);
  expect(readdirSync(path.join(dir, 'subs'))).toEqual(['alice.md']);
  expect(readFileSync(path.join(dir, 'subs', 'alice.md'), 'utf8')).toBe(RIGHT);
});

test('shared display names are flagged on the terminal', async () => {
  const dir = tree({ 'rubric.yaml': RUBRIC_TEXT, 'subs/mira.md': RIGHT, 'subs/mallory.md': '---\nstudent: mira\n---\n' });
  const out = await run(['grade', 'rubric.yaml', 'subs', '--out', 'out'], dir);
  expect(out.code).toBe(0);
  expect(out.stderr).toContain('warning: 2 submissions display the name "mira": "mallory", "mira"');
});
