// A thin shell over the API: flags -> library functions -> files -> an exit code.
// `createCli` builds it with its streams, folder and environment; bin.ts runs it for a
// process, tests run it in theirs.
// Exit codes (README): 0 done; 1 a submission under --fail-under (check: an answer not
// found or not read; rubric test: a failing test); 2 usage error (unknown flag, a path
// that does not exist, no submission found) or invalid rubric; 3 internal or write error.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { cac, type CAC } from 'cac';
import type { BatchOptions, BatchOutcome } from './batch.js';
import {
  explainCacError,
  findSubmissions,
  mustExist,
  needsReview,
  packageVersion,
  parseFormats,
  parseFraction,
  parseJobs,
  parseReveal,
  parseTimeout,
  underTheBar,
} from './cli-support.js';
import { UsageError } from './files.js';
import { alwaysWritten, formatNames, renderStdout } from './reporters/registry.js';
import { terminalReport } from './reporters/terminal.js';
import { escapeTerminal, escapeTerminalLine, terminalJson } from './reporters/text.js';
import { RubricError } from './rubric/errors.js';
import type { LoadedRubric } from './rubric/load.js';
import { closestName } from './closest-name.js';
import type { GradeResult } from './types.js';

/** Where the CLI writes: process.stdout, or anything with `write` (a test's buffer). */
export interface CliOutput {
  write(text: string): unknown;
  /** A terminal: colours (unless NO_COLOR) on stdout, a progress bar on stderr. */
  isTTY?: boolean;
}

export interface CliOptions {
  stdout: CliOutput;
  stderr: CliOutput;
  /**
   * The folder relative paths are read from (default: the process's). Node resolves
   * relative paths against the process's folder, so a run in another one changes into
   * it and back: runs of one process must not overlap then (worker threads cannot).
   */
  cwd?: string;
  /** Default: process.env. Read for NO_COLOR and GITHUB_STEP_SUMMARY. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface Cli {
  /**
   * Runs one command line (the arguments after `markgrade`); resolves to its exit code.
   * @example await createCli({ stdout: process.stdout, stderr: process.stderr }).run(['eval', '1+1']) // 0
   */
  run(args: readonly string[]): Promise<number>;
}

/**
 * The grading code (mathjs, the Markdown reader, KaTeX), loaded by the commands that
 * grade: --help, --version and usage errors never load it.
 */
const api = () => import('./index.js');

const REVEAL_HELP = "What the student files (md, html, gradescope, junit, github) show: found, verdict or all (default: the rubric's reveal)";

/** Exit codes each help page lists. */
const EXIT_CODES: Record<string, string[]> = {
  grade: [
    '0  done',
    '1  a submission scored under --fail-under (each is named on stderr; one that could not be graded counts)',
    '2  usage error: unknown flag, a path that does not exist, no submission found, invalid rubric',
    '3  internal or write error',
  ],
  check: ['0  every answer was found and read', '1  an answer is missing or unreadable', '2  usage error or invalid rubric', '3  internal error'],
  rubric: ['0  ok', '1  rubric test: a self-test failed', '2  usage error or invalid rubric (lint)', '3  internal error'],
  merge: ['0  done', '1  a submission scored under --fail-under', '2  usage error: no reports, one submission twice, different rubrics', '3  internal or write error'],
  '': ['0  done', '1  see the command', '2  usage error or invalid rubric', '3  internal or write error'],
};

/**
 * The command line over its streams: nothing is read, written or exited until `run`.
 * @example process.exitCode = await createCli({ stdout: process.stdout, stderr: process.stderr }).run(process.argv.slice(2))
 */
export function createCli(options: CliOptions): Cli {
  return {
    run: async (args) => {
      const home = process.cwd();
      if (options.cwd !== undefined && path.resolve(options.cwd) !== home) process.chdir(options.cwd);
      try {
        return await runOnce(options, args);
      } finally {
        if (process.cwd() !== home) process.chdir(home);
      }
    },
  };
}

/** What a run's handlers set as they go. */
interface RunState {
  exitCode: number;
}

/** One command line on a fresh cac instance (cac keeps what it parsed). */
async function runOnce(io: CliOptions, args: readonly string[]): Promise<number> {
  const state: RunState = { exitCode: 0 };
  const cli = defineCommands(io, state);
  try {
    cli.parse(['node', 'markgrade', ...args], { run: false });
    if (cli.options.help || cli.options.version) return state.exitCode; // printed by the overrides in defineCommands
    if (!cli.matchedCommand) {
      if (args.length > 0) throw new UsageError(unknownCommand(cli, args[0]));
      cli.outputHelp();
      return state.exitCode;
    }
    await cli.runMatchedCommand();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const cacError = isCacError(error);
    io.stderr.write(`markgrade: ${escapeTerminal(cacError ? explainCacError(message, knownOptions(cli)) : message)}\n`);
    state.exitCode = error instanceof UsageError || error instanceof RubricError || cacError ? 2 : 3;
  }
  return state.exitCode;
}

/** The commands, their flags and help pages, writing to `io` and setting `state.exitCode`. */
function defineCommands(io: CliOptions, state: RunState): CAC {
  const env = io.env ?? process.env;
  const color = Boolean(io.stdout.isTTY) && !('NO_COLOR' in env);
  const version = packageVersion();
  const formatHelp = `Formats besides the JSON reports, summary.json and gradebook.csv, which are always written: ${formatNames().filter((f) => !alwaysWritten().includes(f)).join(',')}`;
  const cli = cac('markgrade');
  cli
    .command('grade <rubric> [...paths]', 'Grade submissions (files, or folders of *.md) into reports')
    .option('--out <dir>', 'Folder for the reports', { default: 'reports' })
    .option('--format <list>', formatHelp, { default: 'terminal' })
    .option('--reveal <level>', REVEAL_HELP)
    .option('--jobs <n>', 'Worker threads (default: one per core, at most 8, when the class is large enough to pay their start-up)')
    .option('--timeout <seconds>', 'Wall-clock budget per submission; over it, the submission gets an error report', { default: 30 })
    .option('--shard <I/N>', 'Grade every N-th submission starting at the I-th')
    .option('--fail-under <fraction>', 'Exit 1 when a submission scores under this fraction of the automatic points')
    .option('--ext <list>', 'File extensions to read in folders', { default: 'md,ipynb' })
    .option('--exclude <glob>', 'Leave out paths (below the folder given) or file names matching this glob; repeatable')
    .option('--overrides <file>', "TAs' points by student and answer id (read, never written)")
    .example('  $ markgrade grade rubrics/hw3.yaml submissions/hw3 --format md,junit --fail-under 0.5')
    .example('  $ markgrade grade rubrics/hw3.yaml submissions/hw3 --shard 1/4 --out reports/1 --reveal all')
    .action(async (rubricFile: string, paths: string[], flags) => {
      const formats = parseFormats(String(flags.format));
      const failUnder = parseFraction(flags.failUnder);
      const reveal = parseReveal(flags.reveal);
      const discovery = { extensions: String(flags.ext).split(','), exclude: flags.exclude === undefined ? [] : [flags.exclude].flat().map(String) };
      const { loadRubric, loadOverrides } = await api();
      const rubric = await loadRubric(rubricFile);
      if (rubric.public && failUnder !== undefined) {
        throw new UsageError('--fail-under needs the private rubric: a public rubric has no expected values, so nothing is scored');
      }
      const overrides = flags.overrides ? await loadOverrides(flags.overrides) : undefined;
      await findSubmissions(paths, discovery); // before sharding: an empty class is an error, an empty shard is not
      const level = reveal ?? rubric.reveal;
      const { results } = await gradeWithProgress(io, rubric, paths, flags.out, {
        formats,
        reveal: level,
        shard: flags.shard,
        ...discovery,
        jobs: parseJobs(flags.jobs),
        timeout: parseTimeout(flags.timeout),
        ...(overrides ? { overrides } : {}),
      });
      // A TA's run shows everything, except with a public rubric: there is nothing to score.
      const levels = { student: () => level, ta: rubric.public ? ('found' as const) : ('all' as const) };
      const { stdout, appends } = renderStdout(results, formats, levels, { cwd: process.cwd(), env, color, details: results.length === 1 });
      io.stdout.write(stdout);
      for (const { file, text } of appends) appendFileSync(file, text); // appended, as GitHub expects: other steps write there too
      finish(io, state, results, failUnder);
    });

  cli
    .command('check <rubric> <submission>', 'Pre-check one submission: were my answers found and read?')
    .option('--json', 'Print the report as JSON')
    .option('--watch', 'Check again each time the file is saved (Ctrl-C to stop)')
    .option('--timeout <seconds>', 'Wall-clock budget; over it, the check stops with an error', { default: 30 })
    .example('  $ markgrade check hw3-public.yaml hw3.md')
    .example('  $ markgrade check hw3-public.yaml hw3.md --watch')
    .action(async (rubricFile: string, submission: string, flags) => {
      const { loadRubric, checkSubmission, watchSubmission } = await api();
      const rubric = await loadRubric(rubricFile);
      await mustExist(submission);
      const checkOnce = async () => {
        const outcome = await checkSubmission(rubric, submission, { json: Boolean(flags.json), color, timeout: parseTimeout(flags.timeout) });
        io.stdout.write(outcome.output);
        state.exitCode = outcome.exitCode;
      };
      await checkOnce();
      if (flags.watch) await watchSubmission(submission, checkOnce, (line) => io.stderr.write(escapeTerminal(line) + '\n'));
    });

  cli
    .command('extract <submission>', 'Show what the parser found: sections, claims, positions')
    .option('--json', 'Print as JSON')
    .example('  $ markgrade extract submissions/hw3/alice.md')
    .action(async (submission: string, flags) => {
      await mustExist(submission);
      const { readFile } = await import('node:fs/promises');
      const { readSubmission, formatExtract } = await import('./markdown/index.js');
      const parsed = readSubmission(await readFile(submission));
      io.stdout.write(flags.json ? terminalJson(parsed) + '\n' : escapeTerminal(formatExtract(parsed)));
    });

  cli
    .command('eval <expression>', 'Evaluate a mathjs expression with the reference engine (help(f1) documents a function)')
    .option('--rubric <file>', "Use the rubric's context and classes")
    .option('--json', 'Print plain JSON')
    .example("  $ markgrade eval 'f1([[5,1],[2,7]], 2)' --json")
    .example("  $ markgrade eval 'help(f1)'")
    .action(async (expression: string, flags) => {
      const { evaluateForCli } = await import('./eval.js');
      const rubric = flags.rubric ? await (await api()).loadRubric(flags.rubric) : undefined;
      let output: string;
      try {
        output = evaluateForCli(expression, rubric, Boolean(flags.json));
      } catch (error) {
        // A wrong expression is the user's input error, like a wrong flag.
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      io.stdout.write(output + '\n');
    });

  cli
    .command('rubric <action> <file>', 'Rubric tools; actions: lint, explain, publish, test')
    .usage(
      'rubric <action> <file>\n\n' +
        'Actions:\n' +
        '  lint     validate (file:line:col errors) and warn about what cannot work as meant\n' +
        '  explain  every expected value and its accepted interval\n' +
        '  publish  a public rubric for students: no expected values, mistakes, context, tests,\n' +
        '           feedback or tolerances; records the private rubric id and hash\n' +
        "  test     grade the rubric's tests: submissions and compare scores and statuses",
    )
    .example('  $ markgrade rubric lint rubrics/hw3.yaml')
    .example('  $ markgrade rubric publish rubrics/hw3.yaml > hw3-public.yaml')
    .action(async (action: string, file: string) => {
      const { rubricCommand } = await import('./rubric-command.js');
      const { output, exitCode } = await rubricCommand(action, file);
      io.stdout.write(output);
      state.exitCode = exitCode;
    });

  cli
    .command('merge <...reports>', 'Join the JSON reports of several shards (files or folders) into one summary, gradebook and junit.xml')
    .option('--out <dir>', 'Folder for the joined files', { default: 'reports' })
    .option('--format <list>', 'Also write junit (junit.xml) or html (summary.html)', { default: '' })
    .option('--reveal <level>', "What junit.xml shows: found, verdict or all (default: each report's recorded reveal)")
    .option('--fail-under <fraction>', 'Exit 1 when a submission scores under this fraction of the automatic points')
    .example('  $ markgrade merge shards/ --out reports --format junit --fail-under 0.5')
    .action(async (reports: string[], flags) => {
      const formats = parseFormats(String(flags.format));
      const failUnder = parseFraction(flags.failUnder);
      const reveal = parseReveal(flags.reveal);
      const { collectReports, writeMerged } = await api();
      const results = await collectReports(reports);
      await writeMerged(flags.out, results, formats, reveal);
      finish(io, state, results, failUnder);
    });

  cli
    .command('course', 'Grade every rubrics/<a>.yaml that has submissions/<a>/ into reports/<a>/')
    .option('--rubrics <dir>', 'Folder of rubrics', { default: 'rubrics' })
    .option('--submissions <dir>', 'Folder of submission folders', { default: 'submissions' })
    .option('--out <dir>', 'Folder for the reports', { default: 'reports' })
    .option('--format <list>', formatHelp, { default: 'terminal' })
    .example('  $ markgrade course --format md,html,junit')
    .action(async (flags) => {
      const formats = parseFormats(String(flags.format));
      await mustExist(flags.rubrics);
      await mustExist(flags.submissions);
      const { listAssignments, loadRubric } = await api();
      for (const assignment of await listAssignments(flags.rubrics, flags.submissions)) {
        const rubric = await loadRubric(assignment.rubric);
        const { results } = await gradeWithProgress(io, rubric, [assignment.submissions], path.join(flags.out, assignment.name), { formats, jobs: 'auto' });
        io.stdout.write(`\n# ${escapeTerminalLine(assignment.name)}\n` + terminalReport(results, { color, details: false }));
      }
    });

  cli.help((sections) => {
    const codes = EXIT_CODES[cli.matchedCommand?.name ?? ''] ?? EXIT_CODES[''];
    return [...sections, { title: 'Exit codes', body: codes.map((line) => `  ${line}`).join('\n') }];
  });
  cli.version(version);
  cli.globalCommand.outputVersion = () => io.stdout.write(`${version}\n`);
  cli.outputHelp = () => io.stdout.write(helpText(cli));
  return cli;
}

/** cac prints help with console.log only: its text, caught. */
function helpText(cli: CAC): string {
  const log = console.log;
  let text = '';
  console.log = (line: unknown) => {
    text += `${String(line)}\n`;
  };
  try {
    (cli.matchedCommand ?? cli.globalCommand).outputHelp();
  } finally {
    console.log = log;
  }
  return text;
}

/** Names on stderr the submissions that could not be graded and those under --fail-under; sets exit 1. */
function finish(io: CliOptions, state: RunState, results: GradeResult[], failUnder: number | undefined): void {
  const review = needsReview(results);
  if (review.length > 0) io.stderr.write(`needs review (${review.length} could not be graded):\n${escapeTerminal(review.join('\n'))}\n`);
  if (failUnder === undefined) return;
  const under = underTheBar(results, failUnder);
  if (under.length > 0) {
    io.stderr.write(escapeTerminal(under.join('\n')) + '\n');
    state.exitCode = 1;
  }
}

/** gradeBatch with a progress bar on a terminal; warnings and removed stale files on stderr. */
async function gradeWithProgress(io: CliOptions, rubric: LoadedRubric, paths: string[], out: string, options: Omit<BatchOptions, 'onProgress'>): Promise<BatchOutcome> {
  // cli-progress draws on a real terminal stream only.
  const bar = io.stderr.isTTY && io.stderr === process.stderr ? new (await import('cli-progress')).SingleBar({ format: 'grading {bar} {value}/{total}', hideCursor: true, stream: process.stderr }) : null;
  let started = false;
  const { gradeBatch, batchWarnings } = await api();
  const outcome = await gradeBatch(rubric, paths, out, {
    ...options,
    onProgress: (done, total) => {
      if (!bar) return;
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
  });
  bar?.stop();
  for (const line of batchWarnings(outcome.results, outcome.sharedDisplayNames)) io.stderr.write(escapeTerminal(line) + '\n');
  for (const file of outcome.removed) io.stderr.write(escapeTerminal(`removed ${JSON.stringify(path.join(out, file))}: written by an earlier run, not by this one\n`));
  return outcome;
}

function knownOptions(cli: CAC): string[] {
  const options = [...(cli.matchedCommand?.options ?? []), ...cli.globalCommand.options];
  return options.flatMap((o) => o.rawName.match(/--[\w-]+/g) ?? []);
}

function unknownCommand(cli: CAC, name: string): string {
  const closest = closestName(name, cli.commands.map((c) => c.name));
  return `unknown command "${name}"${closest ? ` (did you mean "${closest}"?)` : ''}; see markgrade --help`;
}

function isCacError(error: unknown): boolean {
  return error instanceof Error && error.name === 'CACError';
}

