// A new format is one module registered in one place: shown with a throw-away format
// written by a real batch, in this thread and with worker threads, and the reveal rule
// applied by audience before it renders.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { gradeBatch } from '../../src/batch.js';
import { parseFormats } from '../../src/cli-support.js';
import { UsageError } from '../../src/files.js';
import { batchFileNames, formatNames, registerFormat, reportExtensions, type ReportFormat } from '../../src/reporters/registry.js';
import type * as api from '../../src/index.js';
import { RIGHT, RUBRIC_TEXT, rubric, tree } from '../batch/fixtures.js';

/** Per submission: the view level and each answer's status; for the batch: a count and the mean. */
const tally: ReportFormat = {
  name: 'test-tally',
  parts: [
    { scope: 'submission', audience: 'student', extension: '.tally.txt', render: (view) => `${view.view} ${view.questions.flatMap((q) => q.answers.map((a) => a.status)).join(' ')}\n` },
    { scope: 'batch', audience: 'ta', file: 'tally.txt', render: (results, { summary }) => `${results.length} ${summary.meanScore}\n` },
  ],
};
const unregister = registerFormat(tally);
afterAll(unregister);

describe('a format through the registry alone', () => {
  test('--format accepts it, and a batch writes its files, its student part cut to reveal', async () => {
    const dir = tree({ 'subs/al.md': RIGHT, 'subs/bo.md': '1. accuracy = 0.5\n' });
    const out = path.join(dir, 'out');
    await gradeBatch(rubric, [path.join(dir, 'subs')], out, { formats: parseFormats('test-tally'), reveal: 'found' });
    expect(readdirSync(out).sort()).toEqual(['.markgrade-manifest', 'al.json', 'al.tally.txt', 'bo.json', 'bo.tally.txt', 'gradebook.csv', 'summary.json', 'tally.txt']);
    // The student part saw the `found` view (bo's wrong answer only as found); the TA's report the verdict.
    expect(readFileSync(path.join(out, 'al.tally.txt'), 'utf8')).toBe('found found\n');
    expect(readFileSync(path.join(out, 'bo.tally.txt'), 'utf8')).toBe('found found\n');
    expect(JSON.parse(readFileSync(path.join(out, 'bo.json'), 'utf8')).questions[0].answers[0].status).toBe('incorrect');
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as { meanScore: number };
    expect(summary.meanScore).toBeGreaterThan(0);
    expect(readFileSync(path.join(out, 'tally.txt'), 'utf8')).toBe(`2 ${summary.meanScore}\n`);
  });

  test('a batch not asking for it writes none of its files', async () => {
    const dir = tree({ 'subs/al.md': RIGHT });
    const out = path.join(dir, 'out');
    await gradeBatch(rubric, [path.join(dir, 'subs')], out, { formats: ['md'] });
    expect(readdirSync(out).sort()).toEqual(['.markgrade-manifest', 'al.json', 'al.md', 'gradebook.csv', 'summary.json']);
  });

  test('its file names join the collision checks, whatever --format says', () => {
    expect(reportExtensions()).toContain('.tally.txt');
    expect(batchFileNames()).toContain('tally.txt');
    expect(batchFileNames(['md'])).not.toContain('tally.txt');
  });

  test('a name already taken is refused; an unknown one is a usage error naming the formats', () => {
    expect(() => registerFormat({ ...tally })).toThrow(/already registered/);
    expect(formatNames()).toContain('test-tally');
    expect(() => parseFormats('test-taly')).toThrow(UsageError);
    expect(() => parseFormats('test-taly')).toThrow(/did you mean "test-tally"/);
  });

  test('with worker threads (--jobs 2) its files are written too, the same as in this thread, shown from the reading grading made', async () => {
    // Workers load the built modules beside batch.js (their registry knows only the
    // built-in formats): register in the build's registry, as a library user would.
    const built = (await import(pathToFileURL(path.resolve('dist/index.js')).href)) as typeof api;
    const sourced: ReportFormat = {
      name: 'test-sourced',
      parts: [
        {
          scope: 'submission',
          audience: 'student',
          extension: '.sourced.txt',
          render: (view, { source }) => `${view.view} ${view.questions.flatMap((q) => q.answers.map((a) => a.status)).join(' ')} ${source().math.length} ${JSON.stringify(source().text)}\n`,
        },
      ],
    };
    const remove = built.registerFormat(sourced);
    try {
      const dir = tree({ 'subs/al.md': RIGHT, 'subs/bo.md': '1. accuracy = $0.5$\n', 'subs/cy.md': 'a\u0000b' });
      const written = async (jobs: number) => {
        const out = path.join(dir, `out-${jobs}`);
        const graded = built.parseRubric(RUBRIC_TEXT, 'rubric.yaml');
        await built.gradeBatch(graded, [path.join(dir, 'subs')], out, { formats: ['md', 'test-sourced'], reveal: 'found', jobs });
        return Object.fromEntries(readdirSync(out).filter((f) => f !== '.markgrade-manifest').sort().map((f) => [f, readFileSync(path.join(out, f), 'utf8')]));
      };
      const inThread = await written(0);
      expect(inThread['bo.sourced.txt']).toBe('found found 1 "1. accuracy = $0.5$\\n"\n');
      expect(inThread['cy.sourced.txt']).toBe('found  0 ""\n');
      expect(Object.keys(inThread).filter((f) => f.endsWith('.sourced.txt'))).toEqual(['al.sourced.txt', 'bo.sourced.txt', 'cy.sourced.txt']);
      expect(await written(2)).toEqual(inThread);
    } finally {
      remove();
    }
  }, 60_000);
});
