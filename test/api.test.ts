// The public API (src/index.ts) as a library user calls it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  // gradeBatch renders from grading's own reading, and so does writeBatch given
  // gradeEach's stream (a file changed after it was graded does not change its page);
  // after gradeAll, which keeps no reading, writeBatch reads the file once: all three
  // must show the same page.
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

  /** The stream, each submission's file overwritten once it has been graded. */
  async function* changedAfterGrading(graded: AsyncIterable<api.Graded>): AsyncGenerator<api.Graded> {
    for await (const one of graded) {
      writeFileSync(one.result.submission, '1. accuracy = $0.1$ (changed)\n');
      yield one;
    }
  }

  test.each(files.map(([name]) => name))('%s', async (name) => {
    const root = mkdtempSync(path.join(dir, 'html-'));
    const submissions = path.join(root, 'class');
    mkdirSync(submissions);
    for (const [file, text] of files) writeFileSync(path.join(submissions, file), text);
    const rubric = api.parseRubric(RUBRIC, 'api.yaml');
    await api.gradeBatch(rubric, [submissions], path.join(root, 'batch'), { formats: ['html'] });
    await api.writeBatch(path.join(root, 'written'), rubric, await api.gradeAll(rubric, [submissions]), ['html']);
    await api.writeBatch(path.join(root, 'streamed'), rubric, changedAfterGrading(api.gradeEach(rubric, [submissions])), ['html']);
    const report = name.replace(/\.\w+$/, '.html');
    const html = readFileSync(path.join(root, 'batch', report), 'utf8');
    expect(html).toBe(readFileSync(path.join(root, 'written', report), 'utf8'));
    expect(html).toBe(readFileSync(path.join(root, 'streamed', report), 'utf8'));
    if (name !== 'd-binary.md') expect(html).toMatch(/<math/);
    if (name === 'a-math.md') expect(html).not.toMatch(/changed/);
  });

  test('gradeEach writes the same batch as gradeBatch, every file', async () => {
    const root = mkdtempSync(path.join(dir, 'same-'));
    const submissions = path.join(root, 'class');
    mkdirSync(submissions);
    for (const [file, text] of files) writeFileSync(path.join(submissions, file), text);
    const rubric = api.parseRubric(RUBRIC, 'api.yaml');
    const formats = ['md', 'html', 'junit', 'gradescope'];
    await api.gradeBatch(rubric, [submissions], path.join(root, 'batch'), { formats });
    await api.writeBatch(path.join(root, 'streamed'), rubric, api.gradeEach(rubric, [submissions]), formats);
    const contents = (out: string) => Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(path.join(out, f), 'utf8')]));
    expect(contents(path.join(root, 'streamed'))).toEqual(contents(path.join(root, 'batch')));
  });
});

describe('gradeEach: the class as a stream', () => {
  const submissions = path.join(dir, 'stream');
  mkdirSync(submissions);
  const texts = Array.from({ length: 6 }, (_, i) => `1. accuracy = $${i % 2 ? '0.87' : '0.5'}$\n`);
  texts.forEach((text, i) => writeFileSync(path.join(submissions, `s${i}.md`), text));

  test('with worker threads: in sorted order, the results gradeAll gives, each with the text grading read', async () => {
    // Workers load the built module beside batch.js: use the build, as a library user would.
    const built = (await import(pathToFileURL(path.resolve('dist/index.js')).href)) as typeof api;
    const rubric = built.parseRubric(RUBRIC, 'api.yaml');
    const streamed: api.Graded[] = [];
    for await (const graded of built.gradeEach(rubric, [submissions], { jobs: 2 })) streamed.push(graded);
    expect(streamed.map((g) => g.name)).toEqual(texts.map((_, i) => `s${i}`));
    expect(streamed.map((g) => g.source?.text)).toEqual(texts);
    expect(streamed.map((g) => g.source?.math.length)).toEqual(texts.map(() => 1));
    expect(streamed.map(({ name, result }) => ({ name, result }))).toEqual(await built.gradeAll(rubric, [submissions], { jobs: 1 }));
  }, 60_000);

  test.each([0, 2])('a reader that stops early stops the grading (jobs %i)', async (jobs) => {
    const built = (await import(pathToFileURL(path.resolve('dist/index.js')).href)) as typeof api;
    const rubric = built.parseRubric(RUBRIC, 'api.yaml');
    let progress = 0;
    for await (const graded of built.gradeEach(rubric, [submissions], { jobs, onProgress: (done) => (progress = done) })) {
      expect(graded.name).toBe('s0');
      break;
    }
    // The first was handed over; at most those graded ahead of it while it was read.
    expect(progress).toBeLessThan(texts.length);
  }, 60_000);
});
