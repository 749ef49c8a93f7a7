// When do grading workers pay for their start-up? Times `grade --format json` of
// generated classes of several sizes with --jobs 1 and --jobs 2 (each a fresh process,
// median of 3), and prints the ratio. `defaultJobs` (src/pool.ts) uses the break-even.
// Usage: node bench/jobs.mjs [sizes…]   (default 10 20 40 80 160)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeClass } from './class.mjs';
import { median, table } from './measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'bundle', 'cli.js');
const sizes = process.argv.slice(2).map(Number);
const rows = [['submissions', 'jobs 1 (ms)', 'jobs 2 (ms)', 'speed-up']];
for (const size of sizes.length > 0 ? sizes : [10, 20, 40, 80, 160]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-jobs-'));
  await writeClass(path.join(dir, 'class'), size, 7);
  const time = (jobs) =>
    median(
      [1, 2, 3].map((run) => {
        const start = process.hrtime.bigint();
        const out = path.join(dir, `out-${jobs}-${run}`);
        const result = spawnSync(process.execPath, [cli, 'grade', path.join(root, 'rubrics', 'hw-metrics.yaml'), path.join(dir, 'class'), '--out', out, '--format', 'json', '--jobs', String(jobs)]);
        if (result.status !== 0) throw new Error(result.stderr.toString());
        return Number(process.hrtime.bigint() - start) / 1e6;
      }),
    );
  const one = time(1);
  const two = time(2);
  rows.push([size, Math.round(one), Math.round(two), (one / two).toFixed(2)]);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(table(rows));
