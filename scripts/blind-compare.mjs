#!/usr/bin/env node
// Compares markgrade's verdicts with a blind red team's hand verdicts.
//
// For every <dir>/<assignment>/ that has a rubric.yaml and a submissions/ folder, it runs
//   node dist/bundle/cli.js grade <assignment>/rubric.yaml <assignment>/submissions --out <tmp>
// reads every per-submission JSON report below <tmp> (summary.json skipped), and compares
// each answer's status with <dir>/verdicts.json:
//   { "<assignment>/submissions/<file>": { "<answer id>": { "status": "...", "why": "..." } } }
// Written from the SPEC §3/§7 contract only (report fields `submission`, `id`,
// `questions[].answers[].{id,status,reason}`), not from markgrade's source.
//
// Usage: node scripts/blind-compare.mjs [--dir test/fixtures/blind] [--assert 98] [--decided <file>]
//   --assert N  exit 1 when agreement is below N (a percentage, or a fraction if N <= 1)
//               or when markgrade says `correct` where the verdict is anything else.
//   --decided F disagreements the team decided against the tester, same shape as verdicts.json
//               with markgrade's status: { "<key>": { "<answer id>": { "status", "why" } } }.
//               They are listed apart and still count against agreement; a decided
//               `correct` is not a false correct. With --assert, an entry that no longer
//               disagrees with the tester in exactly that way fails the run (stale decision).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { dir: 'test/fixtures/blind', assert: null, decided: null, cli: join(repoRoot, 'dist/bundle/cli.js') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--dir') opts.dir = value();
    else if (arg.startsWith('--dir=')) opts.dir = arg.slice(6);
    else if (arg === '--assert') opts.assert = Number(value());
    else if (arg.startsWith('--assert=')) opts.assert = Number(arg.slice(9));
    else if (arg === '--decided') opts.decided = resolve(value());
    else if (arg.startsWith('--decided=')) opts.decided = resolve(arg.slice(10));
    else if (arg === '--cli') opts.cli = resolve(value());
    else if (arg === '-h' || arg === '--help') usage(null);
    else usage(`unknown argument ${arg}`);
  }
  if (opts.assert !== null && !Number.isFinite(opts.assert)) usage('--assert needs a number');
  return opts;
}

function usage(problem) {
  if (problem) console.error(`blind-compare: ${problem}`);
  console.error('usage: node scripts/blind-compare.mjs [--dir <fixtures dir>] [--assert <min agreement>] [--decided <decided.json>]');
  process.exit(problem ? 2 : 0);
}

const toPosix = (p) => p.split(sep).join('/');

function listReports(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listReports(full));
    else if (entry.isFile() && entry.name.endsWith('.json') && entry.name !== 'summary.json'
      && !entry.name.endsWith('.results.json')) found.push(full);
  }
  return found.sort();
}

/** The verdicts.json key of a report: from its `submission` path, else from its name. */
function reportKey(report, reportPath, outDir, fixturesDir, assignment, verdictKeys) {
  if (typeof report.submission === 'string') {
    const fromCwd = toPosix(relative(fixturesDir, resolve(report.submission)));
    if (verdictKeys.has(fromCwd)) return fromCwd;
    const fromRoot = toPosix(relative(fixturesDir, resolve(repoRoot, report.submission)));
    if (verdictKeys.has(fromRoot)) return fromRoot;
  }
  const name = toPosix(relative(outDir, reportPath)).replace(/\.json$/, '');
  const id = typeof report.id === 'string' ? report.id : name;
  for (const ext of ['.md', '.ipynb', '.MD', '.IPYNB', '.markdown']) {
    const key = `${assignment}/submissions/${id}${ext}`;
    if (verdictKeys.has(key)) return key;
  }
  return null;
}

/** answer id -> {status, reason} from a report's questions. */
function answersOf(report) {
  const byId = new Map();
  for (const q of report.questions ?? []) {
    for (const a of q.answers ?? []) byId.set(String(a.id), { status: a.status, reason: a.reason ?? '' });
    // A manual question may be reported without an answers entry of its own id.
    if (!byId.has(String(q.id)) && typeof q.status === 'string') {
      byId.set(String(q.id), { status: q.status, reason: q.reason ?? '' });
    }
  }
  return byId;
}

function gradeAssignment(opts, fixturesDir, assignment) {
  const base = join(fixturesDir, assignment);
  const outDir = mkdtempSync(join(tmpdir(), `blind-${assignment}-`));
  try {
    const run = spawnSync(process.execPath,
      [opts.cli, 'grade', join(base, 'rubric.yaml'), join(base, 'submissions'), '--out', outDir],
      { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    const problem = run.error ? String(run.error.message)
      : run.status !== 0 && run.status !== 1 ? `exit ${run.status}: ${(run.stderr || '').trim().split('\n')[0]}`
        : null;
    const reports = [];
    for (const file of listReports(outDir)) {
      try {
        const report = JSON.parse(readFileSync(file, 'utf8'));
        if (report && (Array.isArray(report.questions) || report.error)) reports.push({ file, report });
      } catch {
        // not a report (another batch file): ignored
      }
    }
    return { outDir, reports, problem };
  } finally {
    // every report is read into memory above, so the temp folder can go now
    rmSync(outDir, { recursive: true, force: true });
  }
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const fixturesDir = resolve(opts.dir);
  const verdictsPath = join(fixturesDir, 'verdicts.json');
  if (!existsSync(verdictsPath)) usage(`no verdicts.json in ${opts.dir}`);
  if (!existsSync(opts.cli)) usage(`${opts.cli} not found: run npm ci (it builds dist/) first`);
  const verdicts = JSON.parse(readFileSync(verdictsPath, 'utf8'));
  const verdictKeys = new Set(Object.keys(verdicts));
  const decided = opts.decided ? readDecided(opts.decided, verdicts) : {};

  const assignments = readdirSync(fixturesDir)
    .filter((name) => statSync(join(fixturesDir, name)).isDirectory()
      && existsSync(join(fixturesDir, name, 'rubric.yaml'))
      && existsSync(join(fixturesDir, name, 'submissions')))
    .sort();

  const got = new Map(); // verdict key -> Map(answer id -> {status, reason}) | {error}
  const problems = [];
  for (const assignment of assignments) {
    const { outDir, reports, problem } = gradeAssignment(opts, fixturesDir, assignment);
    if (problem) problems.push(`${assignment}: markgrade grade failed (${problem})`);
    for (const { file, report } of reports) {
      const key = reportKey(report, file, outDir, fixturesDir, assignment, verdictKeys);
      if (!key) {
        problems.push(`${assignment}: report ${toPosix(relative(outDir, file))} has no verdicts`);
        continue;
      }
      got.set(key, report.error ? { error: String(report.error) } : answersOf(report));
    }
  }

  let compared = 0;
  let agreed = 0;
  const falseCorrects = [];
  const mismatches = [];
  const decidedAgainst = [];
  const staleDecisions = [];
  const byAssignment = new Map();
  for (const key of [...verdictKeys].sort()) {
    const assignment = key.split('/')[0];
    const tally = byAssignment.get(assignment) ?? { compared: 0, agreed: 0 };
    byAssignment.set(assignment, tally);
    const actual = got.get(key);
    for (const answerId of Object.keys(verdicts[key]).sort()) {
      const { status: expected, why } = verdicts[key][answerId];
      let status = '(no report)';
      let reason = 'markgrade wrote no report for this submission';
      if (actual && actual.error) {
        status = '(error)';
        reason = actual.error;
      } else if (actual) {
        const answer = actual.get(answerId);
        status = answer ? answer.status : '(absent)';
        reason = answer ? answer.reason : 'answer id not in the report';
      }
      compared++;
      tally.compared++;
      const decision = decided[key]?.[answerId];
      if (decision && (status === expected || status !== decision.status)) {
        staleDecisions.push(`${key} ${answerId}: decided ${decision.status}, tester ${expected}, got ${status}`);
      }
      if (status === expected) {
        agreed++;
        tally.agreed++;
        continue;
      }
      const line = `${key} ${answerId}: expected ${expected}, got ${status} — ${oneLine(reason)} [verdict: ${why}]`;
      if (decision && status === decision.status) decidedAgainst.push(`${line} [decided: ${oneLine(decision.why)}]`);
      else if (status === 'correct') falseCorrects.push(line);
      else mismatches.push(line);
    }
  }

  const pct = compared ? (100 * agreed) / compared : 0;
  console.log(`blind comparison of ${toPosix(relative(process.cwd(), fixturesDir)) || '.'}`);
  for (const [assignment, t] of byAssignment) {
    console.log(`  ${assignment}: ${t.agreed}/${t.compared} agree (${(100 * t.agreed / t.compared).toFixed(1)} %)`);
  }
  console.log(`answers compared: ${compared}`);
  console.log(`agreement: ${agreed}/${compared} = ${pct.toFixed(1)} %`);
  console.log(`false corrects: ${falseCorrects.length}`);
  for (const line of falseCorrects) console.log(`  ${line}`);
  console.log(`other mismatches: ${mismatches.length}`);
  for (const line of mismatches) console.log(`  ${line}`);
  if (opts.decided) {
    console.log(`decided against the tester: ${decidedAgainst.length}`);
    for (const line of decidedAgainst) console.log(`  ${line}`);
    console.log(`stale decisions: ${staleDecisions.length}`);
    for (const line of staleDecisions) console.log(`  ${line}`);
  }
  for (const p of problems) console.log(`problem: ${p}`);

  if (opts.assert !== null) {
    const min = opts.assert <= 1 ? opts.assert * 100 : opts.assert;
    const failures = [
      compared === 0 && 'nothing compared',
      pct < min && `agreement ${pct.toFixed(1)} % < ${min} %`,
      falseCorrects.length > 0 && `${falseCorrects.length} false correct`,
      staleDecisions.length > 0 && `${staleDecisions.length} stale decision`,
    ].filter(Boolean);
    if (failures.length > 0) {
      console.error(`blind-compare: FAIL (${failures.join(', ')})`);
      process.exit(1);
    }
  }
}

/**
 * The decisions file: every entry must name a submission and answer that the verdicts
 * have, so that a typo cannot silently decide nothing.
 */
function readDecided(path, verdicts) {
  if (!existsSync(path)) usage(`no decisions file ${path}`);
  const decided = JSON.parse(readFileSync(path, 'utf8'));
  for (const [key, answers] of Object.entries(decided)) {
    for (const [answerId, decision] of Object.entries(answers)) {
      if (!verdicts[key]?.[answerId]) usage(`${path}: ${key} ${answerId} is not in verdicts.json`);
      if (typeof decision?.status !== 'string' || typeof decision?.why !== 'string') {
        usage(`${path}: ${key} ${answerId} needs a "status" and a "why"`);
      }
    }
  }
  return decided;
}

function oneLine(text) {
  return String(text ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 300);
}

main();
