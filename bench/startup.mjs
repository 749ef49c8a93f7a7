// Cold start of the CLI: wall time of fresh `node <cli> …` processes for `--help`,
// `extract <file>` and `check rubrics/hw-metrics.yaml <file>`, median of N runs. Several
// CLIs (e.g. dist/cli.js and a bundle of it) are measured interleaved, run by run, so a
// change in machine load hits them alike. Prints numbers only. Build first:
//   npm run build && node bench/startup.mjs [runs=5] [cli.js ...]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prng, submissionText } from './class.mjs';
import { median, requireBuilt, table } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Median and minimum milliseconds per command for each CLI file, as printable rows.
 * Example: `startupRows(['dist/cli.js'], 5)`
 */
export function startupRows(clis, runs) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'markgrade-startup-'));
  try {
    const submission = path.join(dir, 'student.md');
    writeFileSync(submission, submissionText(prng(5), 1));
    const commands = [
      ['node -e 0 (node itself)', null, ['-e', '0']],
      ['--help', 'cli', ['--help']],
      ['extract <file>', 'cli', ['extract', submission]],
      ['check hw-metrics <file>', 'cli', ['check', 'rubrics/hw-metrics.yaml', submission]],
    ];
    const samples = new Map();
    for (let run = 0; run < runs; run++) {
      for (const [name, usesCli, args] of commands) {
        for (const cli of usesCli ? clis : [null]) {
          const key = `${name}\u0000${cli ?? ''}`;
          samples.set(key, [...(samples.get(key) ?? []), timeProcess(cli ? [cli, ...args] : args)]);
        }
      }
    }
    const rows = [['command', 'cli', `median ms (${runs} runs)`, 'min ms', 'exit']];
    for (const [name, usesCli] of commands) {
      for (const cli of usesCli ? clis : [null]) {
        const runsOf = samples.get(`${name}\u0000${cli ?? ''}`);
        const ms = runsOf.map((r) => r.ms);
        const exits = [...new Set(runsOf.map((r) => r.status))].join(',');
        rows.push([name, cli ? path.join(path.basename(path.dirname(cli)), path.basename(cli)) : '', median(ms).toFixed(0), Math.min(...ms).toFixed(0), exits]);
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timeProcess(args) {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { ms: performance.now() - start, status: child.status };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? 5);
  const clis = process.argv.length > 3 ? process.argv.slice(3) : ['dist/cli.js'];
  if (clis.includes('dist/cli.js')) requireBuilt(new URL('../dist/cli.js', import.meta.url));
  console.log(`markgrade start-up: fresh processes, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log(table(startupRows(clis, runs)));
}
