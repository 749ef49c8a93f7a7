#!/usr/bin/env node
// A thin shell over the API: flags -> gradeAll -> reporters -> files; sets the exit code
// (0 done, 1 a submission under --fail-under, 2 usage error or invalid rubric).
import path from 'node:path';
import { cac } from 'cac';
import { SingleBar } from 'cli-progress';
import { batchWarnings, gradeAll, readReports, writeBatch, writeMerged, type GradeAllOptions, type Graded } from './batch.js';
import { listAssignments } from './course.js';
import { checkOutFolder, UsageError } from './files.js';
import { gradeFile } from './grade.js';
import { loadOverrides } from './overrides.js';
import { FORMATS, githubAnnotations, terminalReport, type Format, type Reveal } from './reporters/index.js';
import { forStudent } from './reporters/reveal.js';
import { RubricError } from './rubric/errors.js';
import { loadRubric, type LoadedRubric } from './rubric/load.js';
import type { GradeResult } from './types.js';

const cli = cac('markgrade');
const color = Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env);

cli
  .command('grade <rubric> [...paths]', 'Grade submissions (files, or folders of *.md) into reports')
  .option('--out <dir>', 'Folder for the reports', { default: 'reports' })
  .option('--format <list>', `Extra formats: ${FORMATS.join(',')}`, { default: 'terminal' })
  .option('--jobs <n>', 'Worker threads (default: 1)')
  .option('--shard <I/N>', 'Grade every N-th submission starting at the I-th')
  .option('--fail-under <fraction>', 'Exit 1 when a submission scores under this fraction of the automatic points')
  .option('--ext <list>', 'File extensions to read in folders', { default: 'md,ipynb' })
  .option('--exclude <glob>', 'Leave out paths (below the folder given) or file names matching this glob; repeatable')
  .option('--overrides <file>', "TAs' points by student and answer id (read, never written)")
  .action(async (rubricFile: string, paths: string[], flags) => {
    if (paths.length === 0) throw new UsageError('grade needs at least one submission file or folder');
    const formats = parseFormats(String(flags.format));
    const failUnder = parseFraction(flags.failUnder);
    const rubric = await loadRubric(rubricFile);
    await checkOutFolder(flags.out, paths);
    const overrides = flags.overrides ? await loadOverrides(flags.overrides) : undefined;
    const exclude = flags.exclude === undefined ? [] : [flags.exclude].flat().map(String);
    const graded = await gradeWithProgress(rubric, paths, {
      shard: flags.shard,
      extensions: String(flags.ext).split(','),
      exclude,
      jobs: parseJobs(flags.jobs),
      ...(overrides ? { overrides } : {}),
    });
    await writeBatch(flags.out, rubric, graded, formats);
    for (const line of batchWarnings(graded.map((g) => g.result))) process.stderr.write(line + '\n');
    if (formats.includes('github')) process.stdout.write(githubAnnotations(graded.map((g) => g.result), process.cwd()));
    if (formats.includes('terminal')) process.stdout.write(terminalReport(graded.map((g) => g.result), { color, details: graded.length === 1, reveal: 'all' }));
    if (failUnder !== undefined && graded.some((g) => fractionOf(g.result) < failUnder)) process.exitCode = 1;
  });

cli
  .command('check <rubric> <submission>', 'Pre-check one submission: were my answers found and read?')
  .option('--json', 'Print the report as JSON')
  .option('--watch', 'Check again each time the file is saved')
  .action(async (rubricFile: string, submission: string, flags) => {
    const rubric = await loadRubric(rubricFile);
    const reveal: Reveal = rubric.public ? 'found' : rubric.reveal;
    const checkOnce = async () => {
      const result = await gradeFile(rubric, { submission, name: path.basename(submission).replace(/\.[^.]+$/, '') });
      const shown = forStudent(result, reveal);
      process.stdout.write(flags.json ? JSON.stringify(shown, null, 2) + '\n' : terminalReport([shown], { color, details: true, reveal }));
    };
    await checkOnce();
    if (flags.watch) await watchFile(submission, checkOnce);
  });

cli
  .command('extract <submission>', 'Show what the parser found: sections, claims, positions')
  .option('--json', 'Print as JSON')
  .action(async (submission: string, flags) => {
    const { readFile } = await import('node:fs/promises');
    const { readSubmission, formatExtract } = await import('./markdown/index.js');
    const parsed = readSubmission(await readFile(submission));
    process.stdout.write(flags.json ? JSON.stringify(parsed, null, 2) + '\n' : formatExtract(parsed));
  });

cli
  .command('eval <expression>', 'Evaluate a mathjs expression with the reference engine')
  .option('--rubric <file>', "Use the rubric's context and classes")
  .option('--json', 'Print plain JSON')
  .action(async (expression: string, flags) => {
    const { evaluateForCli } = await import('./eval.js');
    const rubric = flags.rubric ? await loadRubric(flags.rubric) : undefined;
    let output: string;
    try {
      output = evaluateForCli(expression, rubric, Boolean(flags.json));
    } catch (error) {
      // A wrong expression is the user's input error, like a wrong flag.
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    process.stdout.write(output + '\n');
  });

cli
  .command('rubric <action> <file>', 'lint | explain | publish | test a rubric')
  .action(async (action: string, file: string) => {
    const { rubricCommand } = await import('./rubric-command.js');
    const { output, exitCode } = await rubricCommand(action, file);
    process.stdout.write(output);
    process.exitCode = exitCode;
  });

cli
  .command('merge <...reports>', 'Join the JSON reports of several shards into one summary, gradebook and junit.xml')
  .option('--out <dir>', 'Folder for the joined files', { default: 'reports' })
  .option('--format <list>', 'Also write junit (junit.xml) or html (summary.html)', { default: '' })
  .action(async (reports: string[], flags) => {
    const formats = parseFormats(String(flags.format));
    await writeMerged(flags.out, await readReports(reports), formats);
  });

cli
  .command('course', 'Grade every rubrics/<a>.yaml that has submissions/<a>/ into reports/<a>/')
  .option('--rubrics <dir>', 'Folder of rubrics', { default: 'rubrics' })
  .option('--submissions <dir>', 'Folder of submission folders', { default: 'submissions' })
  .option('--out <dir>', 'Folder for the reports', { default: 'reports' })
  .option('--format <list>', `Extra formats: ${FORMATS.join(',')}`, { default: 'terminal' })
  .action(async (flags) => {
    const formats = parseFormats(String(flags.format));
    for (const assignment of await listAssignments(flags.rubrics, flags.submissions)) {
      const rubric = await loadRubric(assignment.rubric);
      const out = path.join(flags.out, assignment.name);
      await checkOutFolder(out, [assignment.submissions]);
      const graded = await gradeWithProgress(rubric, [assignment.submissions], {});
      await writeBatch(out, rubric, graded, formats);
      process.stdout.write(`\n# ${assignment.name}\n` + terminalReport(graded.map((g) => g.result), { color, details: false, reveal: 'all' }));
    }
  });

cli.help();

async function main(): Promise<void> {
  try {
    cli.parse(process.argv, { run: false });
    if (cli.options.help) return; // cac has printed the help
    if (!cli.matchedCommand) {
      if (process.argv.length > 2) throw new UsageError(`unknown command "${process.argv[2]}"; see markgrade --help`);
      cli.outputHelp();
      return;
    }
    await cli.runMatchedCommand();
  } catch (error) {
    process.stderr.write(`markgrade: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError || error instanceof RubricError || isCacError(error) ? 2 : 3;
  }
}

async function gradeWithProgress(rubric: LoadedRubric, paths: string[], options: Omit<GradeAllOptions, 'onProgress'>): Promise<Graded[]> {
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'grading {bar} {value}/{total}', hideCursor: true, stream: process.stderr }) : null;
  let started = false;
  const graded = await gradeAll(rubric, paths, {
    ...options,
    onProgress: (done, total) => {
      if (!bar) return;
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
  });
  bar?.stop();
  return graded;
}

/** Runs `onChange` after each save of `file` (editors save in bursts: wait for quiet). */
async function watchFile(file: string, onChange: () => Promise<void>): Promise<void> {
  const { watch } = await import('node:fs');
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  process.stderr.write(`watching ${file} (Ctrl-C to stop)\n`);
  watch(file, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(onChange);
    }, 150);
  });
  await new Promise(() => undefined);
}

function parseFormats(list: string): Format[] {
  const formats = list.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new UsageError(`unknown format ${unknown.join(', ')}; supported: ${FORMATS.join(', ')}`);
  return formats as Format[];
}

function parseJobs(value: unknown): number {
  if (value === undefined) return 1;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, got "${value}"`);
  return jobs;
}

function parseFraction(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const fraction = Number(value);
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) throw new UsageError(`--fail-under must be a fraction in [0, 1], got "${value}"`);
  return fraction;
}

function fractionOf(result: GradeResult): number {
  if (result.error !== null) return 0;
  return result.autoMaxScore === 0 ? 1 : result.autoScore / result.autoMaxScore;
}

function isCacError(error: unknown): boolean {
  return error instanceof Error && error.name === 'CACError';
}

await main();
