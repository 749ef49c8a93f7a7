// Robustness (SPEC §8): grades the hostile inputs as one batch with gradeAll and prints,
// for each, the time it took and what its report says (error, or answer statuses); then
// whether the batch finished and whether the CRLF + BOM twin graded like its plain twin.
// Prints numbers only; never asserts. Build first:
//   npm run build && node bench/robustness.mjs
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng, submissionText } from './class.mjs';
import { peakRssMb, requireBuilt, table } from './measure.mjs';

/** Reports whose precision_A is hostile math: their verdict and reason are printed too. */
const HOSTILE_MATH = new Set(['09-bmatrix-million-cells', '10-power-tower', '11-factorial', '12-nested-frac-5000']);

const dist = (file) => new URL(`../dist/${file}`, import.meta.url);
requireBuilt(dist('batch.js'), dist('rubric/load.js'));
const { gradeAll } = await import(dist('batch.js'));
const { loadRubric } = await import(dist('rubric/load.js'));

const rubric = await loadRubric(fileURLToPath(new URL('../rubrics/hw-metrics.yaml', import.meta.url)));
const dir = await mkdtemp(path.join(os.tmpdir(), 'markgrade-hostile-'));
try {
  const inputs = hostileInputs();
  const names = Object.keys(inputs).sort();
  for (const name of names) await writeFile(path.join(dir, name), inputs[name]);

  const rows = [['file', 'bytes', 'ms', 'report bytes', 'report']];
  const details = [];
  let last = performance.now();
  const batchStart = last;
  let graded = null;
  let failure = null;
  try {
    graded = await gradeAll(rubric, [dir], {
      onProgress: (done) => {
        const now = performance.now();
        rows.push([names[done - 1], inputs[names[done - 1]].length, (now - last).toFixed(0)]);
        last = now;
      },
    });
  } catch (error) {
    failure = error;
  }
  const batchMs = performance.now() - batchStart;

  for (const [i, { name, result }] of (graded ?? []).entries()) {
    rows[i + 1].push(JSON.stringify(result).length, result.error === null ? statusSummary(result) : `error: ${oneLine(result.error.replace(dir, '<tmp>'))}`);
    const hostile = result.questions.flatMap((q) => q.answers).find((a) => a.id === 'precision_A');
    if (hostile && HOSTILE_MATH.has(name)) details.push([name, `${hostile.status}: ${oneLine(hostile.reason)}`]);
  }
  console.log(`markgrade robustness: ${names.length} hostile inputs graded as one batch with gradeAll; node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log(table(rows));
  if (details.length > 0) {
    console.log('\nthe hostile math answers precision_A in section 2.a:');
    console.log(table(details.map(([name, text]) => ['  ' + name, text])));
  }
  console.log(failure === null
    ? `\nbatch finished: ${graded.length}/${names.length} reports in ${(batchMs / 1000).toFixed(2)} s; peak RSS ${peakRssMb().toFixed(0)} MB`
    : `\nbatch did NOT finish after ${(batchMs / 1000).toFixed(2)} s: ${failure instanceof Error ? failure.stack : failure}`);
  if (graded !== null) {
    const byName = new Map(graded.map((g) => [g.name, g.result]));
    const difference = firstDifference(withoutSubmission(byName.get('01-plain')), withoutSubmission(byName.get('02-crlf-bom')));
    console.log(difference === null
      ? 'CRLF + BOM twin: report equals the plain one (except `submission` and `id`)'
      : `CRLF + BOM twin: report DIFFERS from the plain one at ${difference}`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

await casesOneByOne();

/**
 * Every hostile input and TA mistake of issue 9, each run alone by the built CLI in its
 * own process (under /usr/bin/time), so the time and the peak memory printed are that
 * case's; `outcome` says what stopped it (the report's errorCode, or the exit code and
 * the line that explains it).
 */
async function casesOneByOne() {
  const { spawnSync } = await import('node:child_process');
  const { mkdir, readFile, symlink, truncate } = await import('node:fs/promises');
  const cli = fileURLToPath(dist('bundle/cli.js'));
  const rubricFile = fileURLToPath(new URL('../rubrics/hw-metrics.yaml', import.meta.url));
  const work = await mkdtemp(path.join(os.tmpdir(), 'markgrade-cases-'));
  const tab = (rows, columns) => Array.from({ length: rows }, () => Array(columns).fill('1').join('\t')).join('\n') + '\n';
  const ordinary = submissionText(prng(7), 1);
  /** Writes `files` (path -> content; a `{ link }` is a symlink) below the case's folder. */
  const lay = async (dir, files) => {
    for (const [file, content] of Object.entries(files)) {
      const where = path.join(dir, file);
      await mkdir(path.dirname(where), { recursive: true });
      if (content !== null && typeof content === 'object' && 'link' in content) await symlink(content.link, where);
      else if (content !== null && typeof content === 'object' && 'sparse' in content) {
        await writeFile(where, '');
        await truncate(where, content.sparse);
      } else await writeFile(where, content);
    }
  };
  const grade = (...extra) => ['grade', rubricFile, 'subs', '--out', 'out', ...extra];
  const report = async (dir, name) => readFile(path.join(dir, 'out', `${name}.json`), 'utf8').then(JSON.parse).catch(() => null);
  const saysOf = (r) => (r === null ? 'no report' : r.error === null ? `graded; slips ${r.slips.length}${r.slipsOmitted ? ` + ${r.slipsOmitted} omitted` : ''}` : `errorCode ${r.errorCode ?? '-'}`);
  // The first line on stderr that explains (the last one is /usr/bin/time's peak memory).
  const firstLine = (run) => oneLine((run.stderr.trim().split('\n').slice(0, -1).find((l) => l.trim() !== '') ?? '').replace(work, '<tmp>')).slice(0, 90);
  /** name -> [files, args, outcome(dir, run)] */
  const cases = {
    'katex-def-bomb': [{ 'subs/s.md': withPrecisionA(`$$\\def\\a{xxxxxxxx}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b}\\def\\d{\\c\\c\\c\\c\\c\\c\\c\\c}\\def\\e{\\d\\d\\d\\d\\d\\d\\d\\d}${'\\e'.repeat(200)}$$`) },
      grade('--format', 'md,html,junit'), async (dir) => {
        const html = await readFile(path.join(dir, 'out', 's.html'), 'utf8').catch(() => '');
        const codes = [...new Set(html.match(/math-(?:expansion|page-expansion|output|pieces)|latex-length|page-size/g) ?? [])];
        return `${saysOf(await report(dir, 's'))}; html names ${codes.join(', ') || 'no limit'}`;
      }],
    'backtick-runs-1.5mb': [{ 'subs/s.md': '`` ` ``` x '.repeat(150_000) }, grade('--format', 'md,html,junit'), async (dir) => saysOf(await report(dir, 's'))],
    'tab-table-4999x200': [{ 'subs/s.md': tab(4_999, 200) }, grade('--format', 'md,html,junit'), async (dir) => saysOf(await report(dir, 's'))],
    'slip-flood-316k': [{ 'subs/s.md': `x = ${'1+1=3='.repeat(316_000)}\n` }, grade('--format', 'md,html,junit'), async (dir) => saysOf(await report(dir, 's'))],
    'slips-150': [{ 'subs/s.md': Array.from({ length: 150 }, (_, i) => `z_${i} = 1+1 = 3`).join('\n\n') }, grade('--format', 'md,html,junit'), async (dir) => saysOf(await report(dir, 's'))],
    'sparse-1.9gb': [{ 'subs/s.md': { sparse: 1_900_000_000 } }, grade('--format', 'md,html'), async (dir) => saysOf(await report(dir, 's'))],
    'bmatrix-million-cells': [{ 'subs/s.md': withPrecisionA(`\n$$\\begin{bmatrix}\n${Array.from({ length: 1000 }, () => '1&'.repeat(999) + '1').join('\\\\\n')}\n\\end{bmatrix}$$\n`) },
      grade('--format', 'md,html'), async (dir) => precisionA(await report(dir, 's'))],
    'symlink-to-rubric': [{ 'subs/mallory/hw.md': { link: rubricFile }, 'subs/ok.md': ordinary }, grade('--format', 'html'), async (dir) => {
      const html = await readFile(path.join(dir, 'out', 'mallory', 'hw.html'), 'utf8').catch(() => '');
      return `${saysOf(await report(dir, 'mallory/hw'))}; html has expected: ${/expected/.test(html)}; ok ${saysOf(await report(dir, 'ok'))}`;
    }],
    'symlink-to-etc-passwd': [{ 'subs/mallory.md': { link: '/etc/passwd' }, 'subs/ok.md': ordinary }, grade('--format', 'html'), async (dir) => `${saysOf(await report(dir, 'mallory'))}; ok ${saysOf(await report(dir, 'ok'))}`],
    'symlink-to-other-student': [{ 'subs/mira.md': ordinary, 'subs/mallory.md': { link: 'mira.md' } }, grade(), async (dir) => `mallory ${saysOf(await report(dir, 'mallory'))}; mira ${saysOf(await report(dir, 'mira'))}`],
    'front-matter-steals-ta-points': [{ 'subs/mira-okafor.md': ordinary.replace(/^---\n[\s\S]*?\n---\n/, ''), 'subs/mallory.md': '---\nstudent: mira-okafor\n---\n', 'overrides.yaml': 'mira-okafor:\n  q1b: 2\n' },
      grade('--overrides', 'overrides.yaml'), async (dir, run) => {
        const rows = (await readFile(path.join(dir, 'out', 'gradebook.csv'), 'utf8').catch(() => '')).trim().split('\n').slice(1).map((r) => r.split(',').slice(0, 3).join(','));
        return `gradebook ${rows.join(' | ')}; ${/display the name/.test(run.stderr) ? 'flagged' : 'NOT flagged'}`;
      }],
    'overrides-unknown-student': [{ 'subs/ok.md': ordinary, 'overrides.yaml': 'mira-okafr:\n  q1b: 2\n' }, grade('--overrides', 'overrides.yaml'), async (_dir, run) => firstLine(run)],
    'overrides-misspelled-answer': [{ 'subs/ok.md': ordinary, 'overrides.yaml': 'ok:\n  precison_A: 2\n' }, grade('--overrides', 'overrides.yaml'), async (_dir, run) => firstLine(run)],
    'out-over-submissions': [{ 'subs/ok.md': ordinary }, ['grade', rubricFile, 'subs', '--out', 'subs', '--format', 'md'], async (dir, run) => `${firstLine(run)}; ok.md intact: ${(await readFile(path.join(dir, 'subs', 'ok.md'), 'utf8')) === ordinary}`],
    'out-inside-submissions': [{ 'subs/ok.md': ordinary }, ['grade', rubricFile, 'subs', '--out', 'subs/reports'], async (_dir, run) => firstLine(run)],
    'out-dot-beside-package.md': [{ 'package.md': ordinary, 'package.json': '{"keep":1}\n' }, ['grade', rubricFile, 'package.md', '--out', '.'], async (dir) => `package.json kept: ${(await readFile(path.join(dir, 'package.json'), 'utf8')) === '{"keep":1}\n'}; package.md ${saysOf(await report(dir, '../package.md'))}`],
    'dotdot-file-names': [{ 'subs/..md': ordinary, 'subs/sub/..md': ordinary, 'subs/ok.md': ordinary }, grade('--format', 'md'), async (dir) => {
      const escaped = await readFile(path.join(dir, 'out.json'), 'utf8').then(() => true, () => false);
      return `a report outside --out: ${escaped}; ok ${saysOf(await report(dir, 'ok'))}`;
    }],
    'alice.md-and-alice.MD': [{ 'subs/alice.md': ordinary, 'subs/alice.MD': ordinary, 'subs/ok.md': ordinary }, grade('--format', 'md'), async (dir) => {
      const summary = JSON.parse(await readFile(path.join(dir, 'out', 'summary.json'), 'utf8').catch(() => '{}'));
      return `errors ${summary.errors} of ${summary.submissions}; ok ${saysOf(await report(dir, 'ok'))}`;
    }],
    'follow-through-matrix-for-number': [{ 'subs/s.md': withPrecisionA('$\\begin{bmatrix}1 & 2\\\\ 3 & 4\\end{bmatrix}$') }, grade(), async (dir) => {
      const r = await report(dir, 's');
      return r === null ? 'no report' : `${saysOf(r)}; ${statusSummary(r)}`;
    }],
    'formula-injection-name': [{ 'subs/s.md': `---\nstudent: "-1+1+cmd|' /C calc'!A0"\n---\n${ordinary}` }, grade(), async (dir) => `gradebook cell ${(await readFile(path.join(dir, 'out', 'gradebook.csv'), 'utf8').catch(() => '')).split('\n')[1]?.split(',')[1] ?? '?'}`],
    'esc-sequences-grade': [{ 'subs/s.md': '---\nstudent: "a\\u001b[2J"\n---\n\nPrecision_A = \u001b]0;pwned\u0007\u001b[31m 0.82\n' }, ['grade', rubricFile, 'subs/s.md'], async (_dir, run) => `raw ESC on stdout/stderr: ${/\u001b/.test(run.stdout + run.stderr)}`],
    'esc-sequences-check': [{ 's.md': 'Precision_A = \u001b]0;pwned\u0007\u001b[31m 0.82\n' }, ['check', rubricFile, 's.md'], async (_dir, run) => `raw ESC on stdout/stderr: ${/\u001b/.test(run.stdout + run.stderr)}`],
    'esc-sequences-extract': [{ 's.md': 'Precision_A = \u001b]0;pwned\u0007\u001b[31m 0.82\n' }, ['extract', 's.md'], async (_dir, run) => `raw ESC on stdout/stderr: ${/\u001b/.test(run.stdout + run.stderr)}`],
    'rubric-regex-(a+)+$': [{ 'r.yaml': 'rubric: r\nquestions:\n  - id: q\n    text: "(a+)+$"\n    answers:\n      - { id: x, label: x, expected: 1 }\n' }, ['rubric', 'lint', 'r.yaml'], async (_dir, run) => firstLine(run)],
    'eval-zeros(1e5,1e5)': [{}, ['eval', 'zeros(1e5,1e5)'], async (_dir, run) => firstLine(run)],
  };
  const rows = [['case', 'wall s', 'peak RSS MB', 'exit', 'outcome']];
  try {
    for (const [name, [files, args, outcome]] of Object.entries(cases)) {
      const dir = path.join(work, name);
      await mkdir(dir, { recursive: true });
      await lay(dir, files);
      const started = performance.now();
      const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 600_000 });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const rssKb = Number((run.stderr.trim().split('\n').at(-1) ?? '').trim());
      rows.push([name, seconds, (rssKb / 1024).toFixed(0), run.status, await outcome(dir, run)]);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  console.log('\nissue-9 cases, each alone: the built CLI in its own process (grade --out, check, extract, eval, rubric lint)');
  console.log(table(rows));
}

/** The status and reason of precision_A (the hostile math) in a report. */
function precisionA(report) {
  const answer = report?.questions.flatMap((q) => q.answers).find((a) => a.id === 'precision_A');
  return answer === undefined ? 'no precision_A' : `precision_A ${answer.status}${answer.limit ? ` (limit ${answer.limit})` : ''}`;
}

/** The inputs by file name; names sort in the order they are listed here. */
function hostileInputs() {
  const plain = '---\nstudent: twin\n---\n' + submissionText(prng(7), 1);
  const megabytes = (n) => {
    const block = submissionText(prng(11), 2) + '\n';
    return block.repeat(Math.ceil((n * 1024 * 1024) / block.length)).slice(0, n * 1024 * 1024);
  };
  return {
    '01-plain.md': Buffer.from(plain),
    '02-crlf-bom.md': Buffer.from('\uFEFF' + plain.replace(/\n/g, '\r\n')),
    '03-empty.md': Buffer.alloc(0),
    '04-binary.md': randomBytes(64 * 1024, 3),
    '05-invalid-utf8.md': Buffer.concat([Buffer.from(plain.slice(0, 400)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(plain.slice(400))]),
    '06-20mb.md': Buffer.from(megabytes(20)),
    '07-nested-list-10000.md': Buffer.from('- '.repeat(10_000) + 'deep\n'),
    '08-nested-quote-10000.md': Buffer.from('> '.repeat(10_000) + 'deep\n'),
    '09-bmatrix-million-cells.md': withPrecisionA(`\n$$\\begin{bmatrix}\n${Array.from({ length: 1000 }, () => '1&'.repeat(999) + '1').join('\\\\\n')}\n\\end{bmatrix}$$\n`),
    '10-power-tower.md': withPrecisionA('$10^{10^{10}}$'),
    '11-factorial.md': withPrecisionA('$1000000!$'),
    '12-nested-frac-5000.md': withPrecisionA(`$$${'\\frac{1}{'.repeat(5000)}2${'}'.repeat(5000)}$$`),
  };
}

/** A short, otherwise ordinary submission whose precision of A is the hostile math. */
function withPrecisionA(math) {
  return Buffer.from([
    '(a) $$\\frac{\\partial L}{\\partial W} = (\\hat{y} - y) X$$',
    'Q 2',
    '(a)',
    `Precision_A = ${math}`,
    'Recall_A = $\\frac{50}{65}$ = 0.77',
    'F1_A = 0.79',
    '(b)',
    'Accuracy = 0.83',
    '',
  ].join('\n\n'));
}

/** Deterministic bytes of every value 0..255 (so NUL and invalid UTF-8 included). */
function randomBytes(length, seed) {
  const random = prng(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

function statusSummary(result) {
  const counts = new Map();
  for (const answer of result.questions.flatMap((q) => q.answers)) counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
  return [...counts.entries()].map(([status, n]) => `${status} ${n}`).join(', ');
}

/** The report without what names the file (`submission`, `id`): what a twin must equal. */
function withoutSubmission(result) {
  return result === undefined ? undefined : { ...result, submission: undefined, id: undefined };
}

/** The JSON path of the first place where a and b differ, or null when they are equal. */
function firstDifference(a, b, where = '$') {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return Object.is(a, b) ? null : `${where} (${JSON.stringify(a)} vs ${JSON.stringify(b)})`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const difference = firstDifference(a[key], b[key], `${where}.${key}`);
    if (difference !== null) return difference;
  }
  return null;
}

/** The text on one line; a long one keeps its start and its end (where the reason is). */
function oneLine(text) {
  const flat = String(text).replace(/\s+/g, ' ');
  return flat.length > 130 ? `${flat.slice(0, 50)} ... ${flat.slice(-75)}` : flat;
}
