// `npm run bench`: every speed and memory figure of the project's targets, each measured
// side by side in one run (issue 10), plus submissions/s. Prints numbers, asserts nothing.
//   npm run build && node bench/index.mjs [--runs 5] [--scale 1] [--skip-tests]
// (--scale 0.1 divides every class size by ten: a quick look, not the figures.)
// The machine's load is printed with the figures: other work on it skews every number.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeClass } from './class.mjs';
import { median, requireBuilt, table } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist', 'bundle', 'cli.js');
const launcher = fileURLToPath(new URL('./launch.mjs', import.meta.url));
const rubric = path.join(root, 'rubrics', 'hw-metrics.yaml');
requireBuilt(new URL(`file://${cli}`));

const argv = process.argv.slice(2);
// A bench run takes minutes and loads both cores: asking for help, or a misspelt option,
// must not start one.
const KNOWN = new Set(['--runs', '--scale', '--skip-tests']);
const unknown = argv.filter((arg, i) => arg.startsWith('-') && !KNOWN.has(arg) && !KNOWN.has(argv[i - 1]));
if (unknown.length > 0) {
  const help = unknown.some((arg) => arg === '-h' || arg === '--help');
  (help ? console.log : console.error)('usage: npm run build && node bench/index.mjs [--runs 5] [--scale 1] [--skip-tests]');
  process.exit(help ? 0 : 2);
}
const runs = Number(argv[argv.indexOf('--runs') + 1] || 5) || 5;
const skipTests = argv.includes('--skip-tests');
const scale = Number(argv[argv.indexOf('--scale') + 1] || 1) || 1;
const sized = (count) => Math.max(1, Math.round(count * scale));

const loadAtStart = loadAverage();
const tmp = await mkdtemp(path.join(os.tmpdir(), 'markgrade-bench-'));
const rows = [['figure', 'measured', 'target']];
try {
  // 1,000 files of 5–30 KB: grading time against a bare remark parse of the same files.
  const big = path.join(tmp, 'big');
  const bigBytes = await writeClass(big, sized(1000), 2024, { size: [5_000, 30_000] });
  const grade = (dir, extra = []) => runCli(['grade', rubric, dir, '--out', path.join(tmp, `out-${Math.random().toString(36).slice(2)}`), '--format', 'json', ...extra]);
  const parseRuns = [];
  const gradeRuns = [];
  const jobs2Runs = [];
  for (let run = 0; run < Math.max(3, Math.ceil(runs / 2)); run++) {
    parseRuns.push(await bareParse(big));
    gradeRuns.push(await grade(big, ['--jobs', '1']));
    jobs2Runs.push(await grade(big, ['--jobs', '2']));
  }
  const parseMs = median(parseRuns.map((r) => r.ms));
  const gradeMs = median(gradeRuns.map((r) => r.ms));
  const jobs2Ms = median(jobs2Runs.map((r) => r.ms));
  rows.push([`grade --format json --jobs 1 / bare remark parse, ${sized(1000)} files ${(bigBytes / sized(1000) / 1024).toFixed(1)} KB mean`, `${(gradeMs / parseMs).toFixed(2)}× (${fmt(gradeMs)} vs ${fmt(parseMs)})`, '≤ 1.3×']);
  rows.push(['--jobs 2 speed-up over --jobs 1, same class', `${(gradeMs / jobs2Ms).toFixed(2)}× (${fmt(gradeMs)} → ${fmt(jobs2Ms)})`, '≥ 1.6× idle']);
  rows.push(['submissions/s, --jobs 1 / --jobs 2', `${(sized(1000) / (gradeMs / 1000)).toFixed(0)} / ${(sized(1000) / (jobs2Ms / 1000)).toFixed(0)}`, '']);

  // Cold `check` of one file: wall and CPU of fresh processes.
  const one = path.join(tmp, 'one');
  await writeClass(one, 1, 5);
  const oneFile = path.join(one, (await readdir(one))[0]);
  const checks = [];
  for (let run = 0; run < runs; run++) checks.push(await runCli(['check', rubric, oneFile]));
  rows.push([`cold check <rubric> <file>, median of ${runs}`, `${fmt(median(checks.map((r) => r.ms)))} wall, ${fmt(median(checks.map((r) => r.cpuMs)))} CPU`, '≤ 0.3 s wall, ≤ 0.45 s CPU']);
  const helps = [];
  for (let run = 0; run < runs; run++) helps.push(await runCli(['--help']));
  rows.push([`cold --help, median of ${runs}`, `${fmt(median(helps.map((r) => r.ms)))} wall, ${fmt(median(helps.map((r) => r.cpuMs)))} CPU`, '']);

  // Peak memory against class size: 400 and 3,200 files of 2–6 KB, json + md.
  const rss = {};
  for (const count of [400, 3200]) {
    const dir = path.join(tmp, `class-${count}`);
    await writeClass(dir, sized(count), 77, { size: [2_000, 6_000] });
    rss[count] = (await runCli(['grade', rubric, dir, '--out', path.join(tmp, `out-${count}`), '--format', 'json,md', '--jobs', '1'])).rssMb;
  }
  rows.push([`peak RSS, ${sized(3200)} vs ${sized(400)} submissions (2–6 KB, json+md)`, `${rss[3200].toFixed(0)} vs ${rss[400].toFixed(0)} MB (×${(rss[3200] / rss[400]).toFixed(2)})`, '≤ ×1.25']);

  if (!skipTests) {
    const started = performance.now();
    const tests = spawnSync('npm', ['test', '--silent'], { cwd: root, encoding: 'utf8' });
    rows.push(['npm test wall time', `${fmt(performance.now() - started)} (exit ${tests.status})`, '≤ 2 min']);
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}

console.log(`markgrade bench: node ${process.version}, ${os.availableParallelism()} cores, load ${loadAtStart} at start, ${loadAverage()} at end`);
console.log(table(rows));

/** Runs the CLI through the launcher; wall ms, its own CPU ms and peak RSS. */
function runCli(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [launcher, cli, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const match = /bench: cpu-ms (\d+) max-rss-kb (\d+)\s*$/.exec(stderr);
      if (!match || code === null || code > 1) return reject(new Error(`markgrade ${args.join(' ')} exited ${code}: ${stderr.slice(-400)}`));
      resolve({ ms, cpuMs: Number(match[1]), rssMb: Number(match[2]) / 1024 });
    });
  });
}

/** A fresh node process that reads and parses every file with bare unified + remark (gfm, math). */
function bareParse(dir) {
  const script = `
    import { readFile, readdir } from 'node:fs/promises';
    import path from 'node:path';
    import { unified } from 'unified';
    import remarkParse from 'remark-parse';
    import remarkGfm from 'remark-gfm';
    import remarkMath from 'remark-math';
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkMath);
    const dir = ${JSON.stringify(dir)};
    const decoder = new TextDecoder();
    for (const name of (await readdir(dir)).sort()) processor.parse(decoder.decode(await readFile(path.join(dir, name))));
  `;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - started }) : reject(new Error(`bare parse exited ${code}`))));
  });
}

function fmt(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

function loadAverage() {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}
