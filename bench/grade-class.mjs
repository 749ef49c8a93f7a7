// Speed (SPEC §8): grades a generated class of submissions for rubrics/hw-metrics.yaml and,
// in the same run, parses the same files with bare unified + remark-parse + remark-gfm +
// remark-math, then prints submissions/s for both, the ratio, phase times and peak RSS.
// Prints numbers only; never asserts. Build first:
//   npm run build && node bench/grade-class.mjs [count=2000] [seed=2024]
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeClass } from './class.mjs';
import { peakRssMb, requireBuilt, table, timed } from './measure.mjs';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url);
requireBuilt(dist('batch.js'), dist('rubric/load.js'), dist('markdown/index.js'));

const count = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 2024);
const rubricFile = fileURLToPath(new URL('../rubrics/hw-metrics.yaml', import.meta.url));
const WARM_UP = Math.min(100, count);

const phases = [];
const phase = async (name, work) => {
  const { value, ms } = await timed(work);
  phases.push([name, `${ms.toFixed(0)} ms`, `peak RSS ${peakRssMb().toFixed(0)} MB`]);
  return { value, ms };
};

const loadAtStart = loadAverage();
const { value: modules } = await phase('import dist/ + remark', importModules);
const dir = await mkdtemp(path.join(os.tmpdir(), 'markgrade-class-'));
try {
  const { value: bytes } = await phase(`generate ${count} submissions`, () => writeClass(dir, count, seed));
  const files = (await readdir(dir)).sort().map((name) => path.join(dir, name));
  const { value: rubric } = await phase('load rubric (yaml, schema, engine)', () => modules.loadRubric(rubricFile));
  const { value: contents } = await phase('read files into memory', () => Promise.all(files.map((f) => readFile(f))));

  // Both pipelines get the same warm-up (JIT, remark's own code) before they are timed.
  await modules.gradeAll(rubric, files.slice(0, WARM_UP));
  await parseWithRemark(modules.remark, files.slice(0, WARM_UP));

  const { ms: remarkMs } = await phase('bare remark: read + parse every file', () => parseWithRemark(modules.remark, files));
  const { ms: readMs } = await phase('readSubmission on in-memory files', () => contents.forEach((c) => modules.readSubmission(c, { logBase: rubric.logBase })));
  const { value: graded, ms: gradeMs } = await phase('gradeAll: read + parse + grade', () => modules.gradeAll(rubric, [dir]));
  const singleThreadPeak = peakRssMb();
  const jobs = os.availableParallelism();
  const { ms: jobsMs } = await phase(`gradeAll with jobs: ${jobs} (worker threads)`, () => modules.gradeAll(rubric, [dir], { jobs }));

  const perSecond = (ms) => (count / (ms / 1000)).toFixed(0);
  console.log(`markgrade bench: ${count} generated submissions (seed ${seed}), ${(bytes / 1e6).toFixed(2)} MB total, ` +
    `${(bytes / count / 1024).toFixed(1)} KB mean; node ${process.version}, ${os.availableParallelism()} cores, load ${loadAtStart} at start, ${loadAverage()} at end`);
  console.log('\nphases');
  console.log(table(phases.map((row) => ['  ' + row[0], ...row.slice(1)])));
  console.log('\nthroughput');
  console.log(table([
    ['  gradeAll (markgrade)', `${perSecond(gradeMs)} submissions/s`, `${(bytes / 1e6 / (gradeMs / 1000)).toFixed(2)} MB/s`],
    [`  gradeAll, jobs: ${jobs}`, `${perSecond(jobsMs)} submissions/s`, `${(bytes / 1e6 / (jobsMs / 1000)).toFixed(2)} MB/s`],
    ['  readSubmission only', `${perSecond(readMs)} submissions/s`, `${(bytes / 1e6 / (readMs / 1000)).toFixed(2)} MB/s`],
    ['  bare remark parse', `${perSecond(remarkMs)} submissions/s`, `${(bytes / 1e6 / (remarkMs / 1000)).toFixed(2)} MB/s`],
  ]));
  console.log(`  ratio gradeAll time / bare remark time: ${(gradeMs / remarkMs).toFixed(2)}x`);
  console.log(`  peak RSS: ${singleThreadPeak.toFixed(0)} MB up to gradeAll in this thread, ${peakRssMb().toFixed(0)} MB with ${jobs} workers`);
  console.log('\nanswer statuses over the class (a sanity check that answers are found, not a test)');
  console.log(table(statusCounts(graded).map(([status, n]) => ['  ' + status, n])));
} finally {
  await rm(dir, { recursive: true, force: true });
}

async function importModules() {
  const [{ gradeAll }, { loadRubric }, { readSubmission }, { unified }, remarkParse, remarkGfm, remarkMath] = await Promise.all([
    import(dist('batch.js')),
    import(dist('rubric/load.js')),
    import(dist('markdown/index.js')),
    import('unified'),
    import('remark-parse'),
    import('remark-gfm'),
    import('remark-math'),
  ]);
  const remark = unified().use(remarkParse.default).use(remarkGfm.default).use(remarkMath.default);
  return { gradeAll, loadRubric, readSubmission, remark };
}

/** What a bare remark pipeline does for the same files: read, decode, parse to mdast. */
async function parseWithRemark(processor, files) {
  const decoder = new TextDecoder();
  for (const file of files) processor.parse(decoder.decode(await readFile(file)));
}

function statusCounts(graded) {
  const counts = new Map();
  const add = (key) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const { result } of graded) {
    if (result.error !== null) add('(submission error)');
    for (const answer of result.questions.flatMap((q) => q.answers)) add(answer.status);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/** The 1, 5 and 15 minute load averages: other work on the machine skews every number. */
function loadAverage() {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}
