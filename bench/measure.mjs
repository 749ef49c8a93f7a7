// Small helpers shared by the benchmarks: timing, memory, and a check that dist/ is built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Exits with a hint when a built file is missing (the benchmarks import from dist/).
 * Example: `requireBuilt(new URL('../dist/batch.js', import.meta.url))`
 */
export function requireBuilt(...urls) {
  const missing = urls.map((url) => fileURLToPath(url)).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(`missing ${missing.join(', ')}: run \`npm run build\` first`);
    process.exit(2);
  }
}

/**
 * Runs `work` and returns its result with the milliseconds it took.
 * Example: `const { value, ms } = await timed(() => loadRubric(file))`
 */
export async function timed(work) {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

/** Peak resident set size of this process so far, in MB (the kernel's high-water mark). */
export function peakRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

/** The middle value (the upper one of the two middles for an even count). Example: `median([3, 1, 2])` -> 2 */
export function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** One line per row, columns padded to their widest cell. Example: `table([['a', 'bb'], ['ccc', 'd']])` */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  return rows.map((row) => row.map((cell, c) => String(cell).padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}
