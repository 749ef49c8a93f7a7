// The command line as users meet it (SPEC §3, issue 8): exit codes, help pages,
// --version, did-you-mean, --fail-under naming names, merge of shard folders, check's
// exit codes, grade with a public rubric, the GitHub step summary.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../cli-run.js';
import { twoClassRubric } from '../fixtures/two-class-rubric.js';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  return runCli(args, cwd, { GITHUB_STEP_SUMMARY: '', ...env });
}

const RUBRIC = twoClassRubric('habits', { f1: true });

function course(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-habits-'));
  writeFileSync(path.join(dir, 'rubric.yaml'), RUBRIC);
  mkdirSync(path.join(dir, 'subs'));
  writeFileSync(path.join(dir, 'subs', 'al.md'), '1. accuracy = 0.87; F1 A = 0.87\n');
  writeFileSync(path.join(dir, 'subs', 'bo.md'), '1. accuracy = 0.5\n');
  writeFileSync(path.join(dir, 'subs', 'cy.md'), Buffer.from([0x41, 0x00, 0x42])); // binary: an error report
  mkdirSync(path.join(dir, 'empty'));
  return dir;
}

describe('exit codes', () => {
  const dir = course();
  test.each([
    ['a path that does not exist', ['grade', 'rubric.yaml', 'nope/'], 2, /nope\/?: no such file or folder/],
    ['a folder with no submission', ['grade', 'rubric.yaml', 'empty', '--fail-under', '0.5'], 2, /no submissions found in empty/],
    ['an unknown flag, with a suggestion', ['grade', 'rubric.yaml', 'subs', '--fromat', 'md'], 2, /unknown option --fromat \(did you mean --format\?\)/],
    ['an unknown format, with a suggestion', ['grade', 'rubric.yaml', 'subs', '--format', 'jnuit'], 2, /unknown format "jnuit" \(did you mean "junit"\?\)/],
    ['an unknown command, with a suggestion', ['chek', 'rubric.yaml', 'subs/al.md'], 2, /unknown command "chek" \(did you mean "check"\?\)/],
    ['a missing rubric', ['grade', 'missing.yaml', 'subs'], 2, /missing\.yaml/],
    ['check of a file that does not exist', ['check', 'rubric.yaml', 'subs/nobody.md'], 2, /subs\/nobody\.md: no such file or folder/],
    ['an unknown --reveal', ['grade', 'rubric.yaml', 'subs', '--reveal', 'everything'], 2, /--reveal must be one of found, verdict, all/],
    ['a report folder that cannot be written', ['grade', 'rubric.yaml', 'subs', '--out', 'rubric.yaml/out'], 3, /rubric\.yaml/],
  ])('%s', async (_name, args, code, message) => {
    const out = await run(args as string[], dir);
    expect(out.code).toBe(code);
    expect(out.stderr).toMatch(message);
  });

  test('an empty shard of a non-empty class exits 0 and writes batch files merge accepts', async () => {
    const big = course();
    const one = await run(['grade', 'rubric.yaml', 'subs/al.md', '--shard', '2/2', '--out', 'empty-shard'], big);
    expect(one.code).toBe(0);
    expect(readdirSync(path.join(big, 'empty-shard')).sort()).toEqual(['.markgrade-manifest', 'gradebook.csv', 'summary.json']);
    expect((await run(['grade', 'rubric.yaml', 'subs/al.md', '--shard', '1/2', '--out', 'full-shard'], big)).code).toBe(0);
    const merged = await run(['merge', 'empty-shard', 'full-shard', '--out', 'merged'], big);
    expect(merged.code).toBe(0);
    expect(readFileSync(path.join(big, 'merged', 'gradebook.csv'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  test('--fail-under exits 1 and names each submission under the bar; an error counts, has a blank cell and is listed for review', async () => {
    const out = await run(['grade', 'rubric.yaml', 'subs', '--fail-under', '0.9', '--out', 'fu'], dir);
    expect(out.code).toBe(1);
    const under = out.stderr.split('\n').filter((l) => l.startsWith('under 0.9:'));
    expect(under.map((l) => l.split(' ')[2])).toEqual(['subs/bo.md', 'subs/cy.md']);
    expect(out.stderr).toMatch(/needs review \(1 could not be graded\):\n {2}subs\/cy\.md: /);
    const gradebook = readFileSync(path.join(dir, 'fu', 'gradebook.csv'), 'utf8').split('\n');
    const header = gradebook[0].split(',');
    const cy = gradebook.find((l) => l.includes('subs/cy.md'))!.split(',');
    expect(cy[header.indexOf('score')]).toBe('');
    expect((await run(['grade', 'rubric.yaml', 'subs/al.md', '--fail-under', '0.9', '--out', 'fu2'], dir)).code).toBe(0);
  });
});

describe('habits', () => {
  const dir = course();
  test('--version prints the package version', async () => {
    const out = await run(['--version'], dir);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`${version}\n`);
  });

  test.each(['grade', 'check', 'extract', 'eval', 'rubric', 'merge', 'course'])('%s --help lists options, examples and exit codes', async (command) => {
    const out = await run([command, '--help'], dir);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/\nOptions:\n/);
    expect(out.stdout).toMatch(/\nExamples:\n {2}\$ markgrade /);
    expect(out.stdout).toMatch(/\nExit codes:\n {2}0 /);
    expect(out.stdout).toMatch(/\n {2}2 /);
  });

  test('rubric --help lists its actions; grade --help does not call json and csv extra', async () => {
    const rubric = (await run(['rubric', '--help'], dir)).stdout;
    for (const action of ['lint', 'explain', 'publish', 'test']) expect(rubric).toMatch(new RegExp(`\\n {2}${action} `));
    const grade = (await run(['grade', '--help'], dir)).stdout;
    expect(grade).not.toMatch(/extra/i);
    expect(grade).toMatch(/always written/);
  });

  test('--format html alone still prints the terminal summary; --format github alone gives stdout to the annotations', async () => {
    const html = await run(['grade', 'rubric.yaml', 'subs/al.md', '--format', 'html', '--out', 'h'], dir);
    expect(html.stdout).toMatch(/subs\/al\.md {2}2\/2/);
    const github = await run(['grade', 'rubric.yaml', 'subs/bo.md', '--format', 'github', '--out', 'g'], dir);
    expect(github.stdout.split('\n').filter(Boolean).every((l) => l.startsWith('::'))).toBe(true);
  });
});

describe('merge', () => {
  const dir = course();
  beforeAll(async () => {
    await run(['grade', 'rubric.yaml', 'subs', '--shard', '1/2', '--out', 'p1', '--format', 'junit'], dir);
    await run(['grade', 'rubric.yaml', 'subs', '--shard', '2/2', '--out', 'p2', '--format', 'junit'], dir);
    await run(['grade', 'rubric.yaml', 'subs', '--out', 'whole', '--format', 'junit'], dir);
  });

  test('takes report folders, and passes over summary.json, the gradebook and other files', async () => {
    const files = ['p1', 'p2'].flatMap((d) => readdirSync(path.join(dir, d)).map((f) => path.join(d, f)));
    expect(files).toContain(path.join('p1', 'summary.json'));
    for (const inputs of [['p1', 'p2'], files]) {
      const out = await run(['merge', ...inputs, '--out', 'm', '--format', 'junit'], dir);
      expect(out.code).toBe(0);
      for (const file of ['gradebook.csv', 'summary.json', 'junit.xml']) {
        expect(readFileSync(path.join(dir, 'm', file), 'utf8')).toBe(readFileSync(path.join(dir, 'whole', file), 'utf8'));
      }
    }
  });

  test('refuses the same submission twice', async () => {
    const out = await run(['merge', 'p1', 'whole', '--out', 'dup'], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/is in two reports/);
  });

  test('takes --fail-under', async () => {
    const out = await run(['merge', 'p1', 'p2', '--out', 'm2', '--fail-under', '0.9'], dir);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/under 0\.9: subs\/bo\.md/);
  });

  test('writes junit.xml at the reveal each report recorded', async () => {
    writeFileSync(path.join(dir, 'found.yaml'), RUBRIC.replace('rubric: habits', 'rubric: habits\nreveal: found'));
    await run(['grade', 'found.yaml', 'subs/bo.md', '--out', 'f1', '--format', 'junit'], dir);
    expect(JSON.parse(readFileSync(path.join(dir, 'f1', 'bo.json'), 'utf8')).reveal).toBe('found');
    await run(['merge', 'f1', '--out', 'fm', '--format', 'junit'], dir);
    const junit = readFileSync(path.join(dir, 'fm', 'junit.xml'), 'utf8');
    expect(junit).toBe(readFileSync(path.join(dir, 'f1', 'junit.xml'), 'utf8'));
    expect(junit).not.toMatch(/type="incorrect"|points:|name="score"/);
    expect(junit).toMatch(/type="missing"/);
  });
});

describe('check and grade with a public rubric', () => {
  const dir = course();
  beforeAll(async () => {
    const published = await run(['rubric', 'publish', 'rubric.yaml'], dir);
    writeFileSync(path.join(dir, 'public.yaml'), published.stdout);
  });

  test.each([
    ['every answer found and read', 'subs/al.md', 0],
    ['an answer missing', 'subs/bo.md', 1],
    ['a file that cannot be read', 'subs/cy.md', 1],
  ])('check exits by what was read: %s', async (_name, file, code) => {
    for (const rubric of ['public.yaml', 'rubric.yaml']) expect((await run(['check', rubric, file], dir)).code).toBe(code);
  });

  test('check prints the private rubric id and hash, and each answer’s place, label and value as read', async () => {
    const out = await run(['check', 'public.yaml', 'subs/al.md'], dir);
    expect(out.stdout).toMatch(/^rubric habits \(public, from habits sha256 [0-9a-f]{64}\); shows: found\n/);
    expect(out.stdout).toMatch(/• found {6}accuracy {2}at 1:15 "accuracy": 0\.87/);
    expect(out.stdout).not.toMatch(/\d\/\d|correct/);
  });

  test('grade with a public rubric: found/missing, no scores, --fail-under refused', async () => {
    const refused = await run(['grade', 'public.yaml', 'subs', '--fail-under', '0.5', '--out', 'pf'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--fail-under needs the private rubric/);
    expect(existsSync(path.join(dir, 'pf'))).toBe(false);
    const graded = await run(['grade', 'public.yaml', 'subs/bo.md', '--out', 'pg', '--format', 'md'], dir);
    expect(graded.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'pg', 'bo.json'), 'utf8'));
    expect(report.questions[0].answers.map((a: { status: string }) => a.status)).toEqual(['found', 'missing']);
    expect(readFileSync(path.join(dir, 'pg', 'bo.md'), 'utf8')).not.toMatch(/Score|Points|\d \/ \d/);
    expect(graded.stdout).not.toMatch(/\d\/\d/);
  });
});

test('past GitHub’s 10 annotations per level, a table of every submission goes to $GITHUB_STEP_SUMMARY', async () => {
  const dir = course();
  for (let i = 0; i < 12; i++) writeFileSync(path.join(dir, 'subs', `z${String(i).padStart(2, '0')}.md`), '1. accuracy = 0.1\n');
  const summary = path.join(dir, 'step-summary.md');
  writeFileSync(summary, 'earlier step\n');
  const out = await run(['grade', 'rubric.yaml', 'subs', '--format', 'github', '--out', 'gh'], dir, { GITHUB_STEP_SUMMARY: summary });
  expect(out.stdout.split('\n').filter((l) => l.startsWith('::error')).length).toBeGreaterThan(10);
  const table = readFileSync(summary, 'utf8');
  expect(table.startsWith('earlier step\n')).toBe(true); // appended, as GitHub expects
  const rows = table.split('\n').filter((l) => l.startsWith('| subs/'));
  expect(rows).toHaveLength(15);
  expect(rows.find((r) => r.includes('al.md'))).toMatch(/\| 2 \/ 2 \| 0 \|/);

  const few = course();
  const quiet = path.join(few, 'quiet.md');
  await run(['grade', 'rubric.yaml', 'subs', '--format', 'github', '--out', 'gh'], few, { GITHUB_STEP_SUMMARY: quiet });
  expect(existsSync(quiet)).toBe(false);
});
