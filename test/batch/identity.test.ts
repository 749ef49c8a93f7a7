// Identity (issue 9): overrides, gradebook rows and report names key on the report name;
// front matter `student:` is a display name only, and shared display names are flagged.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { batchWarnings, gradeAll, gradeBatch } from '../../src/batch.js';
import { foldDisplayName, sharedDisplayNames } from '../../src/identity.js';
import { loadOverrides } from '../../src/overrides.js';
import { gradebookCsv, summarise } from '../../src/reporters/index.js';
import { RubricError } from '../../src/rubric/errors.js';
import { RIGHT, rubric, tree } from './fixtures.js';

async function overridesFile(text: string) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'markgrade-ov-')), 'overrides.yaml');
  writeFileSync(file, text);
  return loadOverrides(file);
}

describe('front matter is a display name only', () => {
  test('a file claiming another student gets none of their overrides, and both rows stay apart', async () => {
    const dir = tree({ 'subs/mira.md': '1. accuracy = 0.5\n', 'subs/mallory.md': '---\nstudent: mira\n---\n' });
    const overrides = await overridesFile('mira:\n  accuracy: 1\n');
    const graded = await gradeAll(rubric, [path.join(dir, 'subs')], { overrides });
    const results = graded.map((g) => g.result);
    expect(results.map((r) => [r.id, r.student, r.score])).toEqual([
      ['mallory', 'mira', 0],
      ['mira', 'mira', 1],
    ]);
    const rows = gradebookCsv(results).split('\n');
    expect(rows[0].split(',').slice(0, 2)).toEqual(['id', 'student']);
    expect(rows.slice(1, 3).map((r) => r.split(',')[0])).toEqual(['mallory', 'mira']);
    expect(summarise('batch-test', results).sharedDisplayNames).toEqual([{ student: 'mira', ids: ['mallory', 'mira'] }]);
    expect(batchWarnings(results)).toEqual(['warning: 2 submissions display the name "mira": "mallory", "mira"']);
  });

  test.each([
    ['Mira Okafor', 'mira okafor'],
    ['Mi\u200Bra\u00AD Okafor', 'Mira Okafor'], // zero-width space, soft hyphen
    ['Мira Оkafor', 'Mira Okafor'], // Cyrillic М and О
    ['Ｍｉｒａ  Okafor', 'Mira Okafor'], // full-width letters (NFKC), two spaces
    ['\u202Emira okafor', 'mira okafor'], // a bidi override
  ])('%j and %j are the same display name', (a, b) => {
    expect(foldDisplayName(a)).toBe(foldDisplayName(b));
    expect(sharedDisplayNames([{ id: 'x', student: a }, { id: 'y', student: b }])).toHaveLength(1);
  });

  test.each([['mira', 'mara'], ['mira okafor', 'mira okafor2']])('%j and %j differ', (a, b) => {
    expect(sharedDisplayNames([{ id: 'x', student: a }, { id: 'y', student: b }])).toEqual([]);
  });
});

describe('overrides naming nothing are errors before grading', () => {
  test.each([
    ['an unknown student', 'bob:\n  accuracy: 1\nmirra:\n  accuracy: 1\n', [[3, 1, 'no submission has the report name "mirra" (did you mean "mira"?)']]],
    ['a front matter name', 'bob:\n  accuracy: 1\nMira Okafor:\n  accuracy: 1\n', [[3, 1, 'no submission has the report name "Mira Okafor"']]],
    ['a misspelt answer id', 'bob:\n  accuracy: 1\n  acuracy: 1\n', [[3, 3, 'the rubric has no answer "acuracy" (did you mean "accuracy"?)']]],
  ])('%s: file:line and a did-you-mean', async (_, text, expected) => {
    const dir = tree({ 'subs/mira.md': '---\nstudent: Mira Okafor\n---\n' + RIGHT, 'subs/bob.md': RIGHT });
    const overrides = await overridesFile(text);
    const error = await gradeAll(rubric, [path.join(dir, 'subs')], { overrides }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RubricError);
    expect((error as RubricError).issues.map((i) => [i.line, i.column, i.message])).toEqual(expected);
    expect((error as RubricError).issues[0].file).toBe(overrides.file);
  });

  test('with --shard a student of another shard is known: the whole class is judged', async () => {
    const dir = tree({ 'subs/a.md': RIGHT, 'subs/b.md': '1. accuracy = 0.5\n' });
    const overrides = await overridesFile('b:\n  accuracy: 1\n');
    const first = await gradeAll(rubric, [path.join(dir, 'subs')], { overrides, shard: '1/2' });
    const second = await gradeAll(rubric, [path.join(dir, 'subs')], { overrides, shard: '2/2' });
    expect(first.map((g) => [g.result.id, g.result.score])).toEqual([['a', 1]]);
    expect(second.map((g) => [g.result.id, g.result.score])).toEqual([['b', 1]]);
  });
});

describe('with --shard, shared display names are judged on the whole class', () => {
  test('two submissions claiming one name in different shards are flagged by both shards, as one run flags them', async () => {
    // mallory (shard 1) claims mira's name in a look-alike spelling; mira is in shard 2; zed in shard 1 is alone.
    const dir = tree({ 'subs/mallory.md': `---\nstudent: "Mi\u200Bra \u041Ekafor"\n---\n${RIGHT}`, 'subs/mira.md': `---\nstudent: Mira Okafor\n---\n${RIGHT}`, 'subs/zed.md': RIGHT });
    const expected = [{ student: 'Mi\u200Bra \u041Ekafor', ids: ['mallory', 'mira'] }];
    const whole = await gradeBatch(rubric, [path.join(dir, 'subs')], path.join(dir, 'all'));
    expect(whole.sharedDisplayNames).toEqual(expected);
    for (const part of ['1/2', '2/2']) {
      const out = path.join(dir, `shard-${part[0]}`);
      const outcome = await gradeBatch(rubric, [path.join(dir, 'subs')], out, { shard: part });
      expect(outcome.results.length, part).toBeLessThan(3);
      expect(outcome.sharedDisplayNames, part).toEqual(expected);
      expect(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')).sharedDisplayNames, part).toEqual(expected);
      expect(batchWarnings(outcome.results, outcome.sharedDisplayNames), part).toEqual(['warning: 2 submissions display the name "Mi\u200Bra \u041Ekafor": "mallory", "mira"']);
    }
  });

  test('a shard whose submissions share no name flags nothing', async () => {
    const dir = tree({ 'subs/a.md': `---\nstudent: X\n---\n${RIGHT}`, 'subs/b.md': `---\nstudent: Y\n---\n${RIGHT}`, 'subs/c.md': `---\nstudent: x\n---\n${RIGHT}` });
    // shard 2/2 holds b only; a and c (shard 1) share a name.
    expect((await gradeBatch(rubric, [path.join(dir, 'subs')], path.join(dir, 'o2'), { shard: '2/2' })).sharedDisplayNames).toEqual([]);
    expect((await gradeBatch(rubric, [path.join(dir, 'subs')], path.join(dir, 'o1'), { shard: '1/2' })).sharedDisplayNames).toEqual([{ student: 'X', ids: ['a', 'c'] }]);
  });
});
