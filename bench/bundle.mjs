// Does bundling dist/cli.js with rolldown keep the CLI working, and does it start faster?
// Builds the bundle (bench/rolldown.config.mjs) into a temp folder, runs the same commands
// with dist/cli.js and with the bundle, compares stdout, stderr, exit code and the files
// `grade` writes, then measures start-up of both. Prints findings only; never asserts.
//   npm run build && node bench/bundle.mjs [runs=5, 0 = no start-up timing] [--minify]
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { prng, submissionText, writeClass } from './class.mjs';
import { requireBuilt, table, timed } from './measure.mjs';
import { startupRows } from './startup.mjs';

requireBuilt(new URL('../dist/cli.js', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const minify = process.argv.includes('--minify');
/** Enough files that `--jobs 2` really starts two workers (batch.ts wants 50 per worker). */
const CLASS_SIZE = 120;

const work = await mkdtemp(path.join(os.tmpdir(), 'markgrade-bundle-'));
try {
  const bundleDir = path.join(work, 'bundle');
  const bundle = path.join(bundleDir, 'cli.js');
  process.env.MARKGRADE_BUNDLE_DIR = bundleDir;
  process.env.MARKGRADE_BUNDLE_MINIFY = minify ? '1' : '0';
  const { default: config } = await import('./rolldown.config.mjs');
  process.chdir(root);
  const { value: result, ms: buildMs } = await timed(() => build({ ...config, logLevel: 'warn' }));
  const chunks = result.output.filter((o) => o.type === 'chunk');
  const moduleIds = chunks.flatMap((chunk) => chunk.moduleIds);
  const ours = moduleIds.filter((id) => id.startsWith(path.join(root, 'dist') + path.sep)).length;
  const size = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.code), 0);
  console.log(`bundle: ${moduleIds.length} modules (${ours} of them from dist/) in ${chunks.length} files, ` +
    `${(size / 1e6).toFixed(2)} MB${minify ? ' (minified)' : ''}, built in ${buildMs.toFixed(0)} ms\n`);

  const fixtures = await inputs(work);
  const rows = [['command', 'same stdout', 'same stderr', 'exit (dist / bundle)']];
  for (const args of commands(fixtures)) {
    const plain = run('dist/cli.js', args);
    const bundled = run(bundle, args);
    rows.push([short(args), yes(plain.stdout === bundled.stdout), yes(plain.stderr === bundled.stderr), `${plain.status} / ${bundled.status}`]);
  }
  rows.push(...(await compareGrade(bundle, fixtures)));
  rows.push(progressBar(bundle, fixtures));
  console.log(table(rows));

  if (runs > 0) {
    console.log(`\nstart-up, fresh processes interleaved, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(table(startupRows(['dist/cli.js', bundle], runs)));
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

/** A small class, one ordinary submission and a few broken ones, written under `dir`. */
async function inputs(dir) {
  const submission = path.join(dir, 'student.md');
  await writeFile(submission, submissionText(prng(5), 1));
  const binary = path.join(dir, 'binary.md');
  await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  const nested = path.join(dir, 'nested.md');
  await writeFile(nested, '- '.repeat(10_000) + 'x\n');
  const classDir = path.join(dir, 'class');
  await writeClass(classDir, CLASS_SIZE, 99);
  const fixtureDir = path.join(root, 'test/fixtures/rubrics');
  const rubrics = (await readdir(fixtureDir).catch(() => [])).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join('test/fixtures/rubrics', f));
  return { submission, binary, nested, classDir, rubrics, dir };
}

function commands({ submission, binary, nested, rubrics }) {
  const rubric = 'rubrics/hw-metrics.yaml';
  return [
    ['--help'],
    ['no-such-command'],
    ['extract', submission],
    ['extract', submission, '--json'],
    ['check', rubric, submission],
    ['check', rubric, submission, '--json'],
    ['check', rubric, binary, '--json'],
    ['check', rubric, nested, '--json'],
    ['eval', 'f1(cm, "A")', '--rubric', rubric, '--json'],
    ['eval', '{a: softmax([1, 2, 3]), b: bce([1, 0], [0.9, 0.2])}', '--json'],
    ['eval', '10^10^10'],
    ['rubric', 'lint', rubric],
    ['rubric', 'explain', rubric],
    ['rubric', 'publish', rubric],
    ...rubrics.map((file) => ['rubric', 'lint', file]),
  ];
}

/** `grade` into separate folders, in this thread and in 2 workers: every file must match dist's. */
async function compareGrade(bundle, { classDir, dir }) {
  const variants = [['dist/cli.js', 1], [bundle, 1], ['dist/cli.js', 2], [bundle, 2]];
  const runs = variants.map(([cli, jobs], i) => {
    const out = path.join(dir, `reports-${i}`);
    const start = performance.now();
    const child = run(cli, ['grade', 'rubrics/hw-metrics.yaml', classDir, '--out', out, '--format', 'terminal,json,csv', '--jobs', String(jobs)]);
    return { ...child, out, ms: performance.now() - start, cli, jobs };
  });
  const trees = await Promise.all(runs.map((r) => readTree(r.out)));
  return runs.map((r, i) => {
    const differing = [...new Set([...trees[0].keys(), ...trees[i].keys()])].filter((name) => !trees[0].get(name)?.equals(trees[i].get(name) ?? Buffer.alloc(0)));
    const same = r.stdout === runs[0].stdout && differing.length === 0;
    const verdict = same ? `yes, ${trees[i].size} files too` : `NO: ${r.stdout === runs[0].stdout ? '' : 'stdout '}${differing.slice(0, 3).join(' ')}`;
    const name = `grade ${CLASS_SIZE} files --jobs ${r.jobs} (${r.cli === bundle ? 'bundle' : 'dist'}, ${(r.ms / 1000).toFixed(1)} s)`;
    return [name, verdict, yes(r.stderr === runs[0].stderr), `${runs[0].status} / ${r.status}`];
  });
}

/** cli-progress draws only on a TTY: run `grade` under `script` to give it one. */
function progressBar(bundle, { classDir, dir }) {
  const onTty = (cli, name) => {
    const out = path.join(dir, `reports-tty-${name}`);
    const command = `${process.execPath} ${cli} grade rubrics/hw-metrics.yaml ${classDir} --out ${out} --format json`;
    const child = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8' });
    return { drew: child.stdout.includes(`${CLASS_SIZE}/${CLASS_SIZE}`), status: child.status };
  };
  const plain = onTty('dist/cli.js', 'dist');
  const bundled = onTty(bundle, 'bundle');
  const drawn = (r) => (r.drew ? `bar to ${CLASS_SIZE}/${CLASS_SIZE}` : 'no bar');
  return ['grade on a TTY (progress bar)', `${drawn(plain)} / ${drawn(bundled)}`, '', `${plain.status} / ${bundled.status}`];
}

function run(cli, args) {
  const child = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { stdout: child.stdout, stderr: child.stderr, status: child.status };
}

async function readTree(dir, prefix = '') {
  const files = new Map();
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const [name, content] of await readTree(full, `${prefix}${entry.name}/`)) files.set(name, content);
    else files.set(prefix + entry.name, await readFile(full));
  }
  return files;
}

function short(args) {
  const text = args.map((a) => (a.startsWith(os.tmpdir()) ? `<${path.basename(a)}>` : a)).join(' ');
  return text.length > 70 ? text.slice(0, 67) + '...' : text;
}

function yes(same) {
  return same ? 'yes' : 'NO';
}
