// The public API (src/index.ts) as a library user calls it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import * as api from '../src/index.js';
import { twoClassRubric } from './fixtures/two-class-rubric.js';

const RUBRIC = twoClassRubric('api');

const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the public API', () => {
  test.each(['loadRubric', 'parseRubric', 'gradeText', 'gradeFile', 'gradeAll', 'writeBatch', 'jsonReport', 'markdownReport', 'htmlReport', 'junitReport', 'gradebookCsv', 'forStudent', 'applyOverrides', 'listAssignments'])(
    'exports %s',
    (name) => {
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    },
  );

  test('a rubric parsed from memory (its file does not exist) grades in worker threads too', async () => {
    const submissions = path.join(dir, 'class');
    mkdirSync(submissions);
    // More than MIN_FILES_PER_WORKER per worker, so that --jobs 2 really starts two.
    for (let i = 0; i < 120; i++) writeFileSync(path.join(submissions, `s${String(i).padStart(3, '0')}.md`), `1. accuracy = ${i % 2 ? '0.87' : '0.5'}\n`);
    // Workers load the built module beside batch.js: use the build, as a library user would.
    const built = (await import(pathToFileURL(path.resolve('dist/index.js')).href)) as typeof api;
    const rubric = built.parseRubric(RUBRIC, path.join(dir, 'nowhere', 'api.yaml'));
    const inThread = await built.gradeAll(rubric, [submissions], { jobs: 1 });
    const inWorkers = await built.gradeAll(rubric, [submissions], { jobs: 2 });
    expect(inWorkers).toEqual(inThread);
    expect(inWorkers.map((g) => g.result.questions[0].answers[0].reasonCode).slice(0, 2)).toEqual(['outside-tolerance', 'within-tolerance']);
  }, 120_000);
});

describe('the HTML report shows the reading grading made', () => {
  // gradeBatch renders from grading's own reading; writeBatch (after gradeAll, which keeps
  // no reading) reads the file again: both must show the same page.
  const notebook = JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{ cell_type: 'markdown', metadata: {}, source: ['# 1\n', 'accuracy $= 0.87$ ![plot](p.png)\n'] }],
  });
  const files: Array<[string, string]> = [
    ['a-math.md', '1. accuracy = $\\frac{87}{100}$\n\n$$\nx = 1\n$$\n\n![a *plot*](p.png) and \\(y\\)\n'],
    ['b-crlf.md', '\ufeff1. accuracy\r\n= 0.5 $z$\r\n'],
    ['c-notebook.ipynb', notebook],
    ['d-binary.md', 'a\u0000b'],
  ];

  test.each(files.map(([name]) => name))('%s', async (name) => {
    const root = mkdtempSync(path.join(dir, 'html-'));
    const submissions = path.join(root, 'class');
    mkdirSync(submissions);
    for (const [file, text] of files) writeFileSync(path.join(submissions, file), text);
    const rubric = api.parseRubric(RUBRIC, 'api.yaml');
    await api.gradeBatch(rubric, [submissions], path.join(root, 'batch'), { formats: ['html'] });
    await api.writeBatch(path.join(root, 'written'), rubric, await api.gradeAll(rubric, [submissions]), ['html']);
    const report = name.replace(/\.\w+$/, '.html');
    const html = readFileSync(path.join(root, 'batch', report), 'utf8');
    expect(html).toBe(readFileSync(path.join(root, 'written', report), 'utf8'));
    if (name !== 'd-binary.md') expect(html).toMatch(/<math/);
  });
});
