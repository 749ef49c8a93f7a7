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
      ? 'CRLF + BOM twin: report equals the plain one (except `submission`)'
      : `CRLF + BOM twin: report DIFFERS from the plain one at ${difference}`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

await floodsOneByOne();

/**
 * The issue-9 floods, each graded alone by the built CLI with `--format md,html` in its
 * own process, so the time and the peak memory printed are that input's (from
 * /usr/bin/time); the report's errorCode names the limit that stopped it.
 */
async function floodsOneByOne() {
  const { spawnSync } = await import('node:child_process');
  const { readFile, truncate } = await import('node:fs/promises');
  const cli = fileURLToPath(dist('bundle/cli.js'));
  const rubricFile = fileURLToPath(new URL('../rubrics/hw-metrics.yaml', import.meta.url));
  const work = await mkdtemp(path.join(os.tmpdir(), 'markgrade-floods-'));
  const tab = (rows, columns) => Array.from({ length: rows }, () => Array(columns).fill('1').join('\t')).join('\n') + '\n';
  const floods = {
    'katex-def-bomb': withPrecisionA(`$$\\def\\a{xxxxxxxx}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b}\\def\\d{\\c\\c\\c\\c\\c\\c\\c\\c}\\def\\e{\\d\\d\\d\\d\\d\\d\\d\\d}${'\\e'.repeat(200)}$$`),
    'backtick-runs-1.5mb': Buffer.from('`` ` ``` x '.repeat(150_000)),
    'tab-table-4999x200': Buffer.from(tab(4_999, 200)),
    'slip-flood-316k': Buffer.from(`x = ${'1+1=3='.repeat(316_000)}\n`),
    'slips-150': Buffer.from(Array.from({ length: 150 }, (_, i) => `z_${i} = 1+1 = 3`).join('\n\n')),
    'esc-sequences': Buffer.from('---\nstudent: "a\\u001b[2J"\n---\n\nPrecision_A = \u001b]0;pwned\u0007\u001b[31m 0.82\n'),
    'sparse-1.9gb': null,
  };
  const rows = [['input', 'bytes', 'wall s', 'peak RSS MB', 'exit', 'report']];
  try {
    for (const [name, content] of Object.entries(floods)) {
      const file = path.join(work, `${name}.md`);
      if (content === null) {
        await writeFile(file, '');
        await truncate(file, 1_900_000_000);
      } else await writeFile(file, content);
      const out = path.join(work, `out-${name}`);
      const started = performance.now();
      const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'grade', rubricFile, file, '--out', out, '--format', 'md,html,junit'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 600_000 });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const rssKb = Number((run.stderr.trim().split('\n').at(-1) ?? '').trim());
      const report = await readFile(path.join(out, `${name}.json`), 'utf8').then(JSON.parse).catch(() => null);
      const says = report === null ? 'no report' : report.error === null ? `graded; slips ${report.slips.length}${report.slipsOmitted ? ` + ${report.slipsOmitted} omitted` : ''}` : `errorCode ${report.errorCode}`;
      rows.push([name, content === null ? 1_900_000_000 : content.length, seconds, (rssKb / 1024).toFixed(0), run.status, says]);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  console.log('\nissue-9 floods, each alone: grade --format md,html,junit in its own process');
  console.log(table(rows));
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

function withoutSubmission(result) {
  return result === undefined ? undefined : { ...result, submission: undefined };
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
