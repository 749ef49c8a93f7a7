#!/usr/bin/env node
// The package as a library user gets it: `npm pack`, installed into an empty project,
// where a small strict-TypeScript program imports { loadRubric, gradeText, gradeAll }
// from 'markgrade', compiles, runs and grades; importing the package prints nothing.
// Run by .ci/run after `npm test` (it packs, installs and compiles: about a minute).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUBRIC = `rubric: pack-check
classes: [A, B]
context: { cm: [[42, 8], [5, 45]] }
questions:
  - id: q1
    section: 1
    answers:
      - id: accuracy
        label: accuracy
        expected: accuracy(cm)
  - id: q2
    section: 2
    answers:
      - id: precision_A
        label: precision A
        expected: precision(cm, "A")
`;

const EXAMPLE = `import { loadRubric, gradeText, gradeAll, type GradeResult, type ReasonCode } from 'markgrade';

const rubric = await loadRubric('rubric.yaml');
const one: GradeResult = gradeText(rubric, '1. accuracy = 0.87\\n\\n2. precision A = 0.5\\n', { submission: 'inline.md', name: 'inline' });
const codes = (result: GradeResult): ReasonCode[] => result.questions.flatMap((q) => q.answers.map((a) => a.reasonCode));
const graded = await gradeAll(rubric, ['submissions']);
console.log(JSON.stringify({
  text: { score: one.score, codes: codes(one) },
  batch: graded.map((g) => ({ name: g.name, score: g.result.score, codes: codes(g.result) })),
}));
`;

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'markgrade-package-'));
const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });

try {
  run('npm', ['pack', '--silent', '--pack-destination', work], repo);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote no tarball');

  const project = path.join(work, 'project');
  mkdirSync(path.join(project, 'submissions'), { recursive: true });
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'uses-markgrade', private: true, type: 'module' }));
  // Offline from npm's cache where it can be (the repository's own install filled it).
  const versions = JSON.parse(run('node', ['-p', 'JSON.stringify({ ts: require("typescript/package.json").version, node: require("@types/node/package.json").version })'], repo));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, tarball), `typescript@${versions.ts}`, `@types/node@${versions.node}`], project);

  writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], outDir: 'out' }, include: ['example.ts'] }),
  );
  writeFileSync(path.join(project, 'submissions', 'alice.md'), '1. accuracy = 0.87\n\n2. precision A = 0.89\n');
  writeFileSync(path.join(project, 'rubric.yaml'), RUBRIC);
  writeFileSync(path.join(project, 'example.ts'), EXAMPLE);

  run(path.join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], project);
  const output = JSON.parse(run('node', ['out/example.js'], project));
  assert.deepEqual(output, {
    text: { score: 1, codes: ['within-tolerance', 'outside-tolerance'] },
    batch: [{ name: 'alice', score: 2, codes: ['within-tolerance', 'within-tolerance'] }],
  });

  const imported = spawnSync('node', ['--input-type=module', '-e', "await import('markgrade')"], { cwd: project, encoding: 'utf8', timeout: 60_000 });
  assert.equal(imported.status, 0, imported.stderr);
  assert.equal(imported.stdout + imported.stderr, '', 'importing markgrade printed something');
  process.stdout.write(`package check passed: ${tarball} installs, compiles under strict tsc, grades, imports silently\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

