// Cold start of the reference engine: median over fresh node processes of the time to
// import the built engine and call createEngine(). Build first:
//   npx tsc -p tsconfig.build.json && node bench/engine-import.mjs [runs]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const engineUrl = new URL('../dist/engine/index.js', import.meta.url);
if (!existsSync(fileURLToPath(engineUrl))) {
  console.error('dist/engine/index.js is missing: run `npx tsc -p tsconfig.build.json` first');
  process.exit(2);
}

const runs = Number(process.argv[2] ?? 5);
const child = `
const start = performance.now();
const { createEngine } = await import(${JSON.stringify(engineUrl.href)});
const imported = performance.now();
createEngine();
const created = performance.now();
console.log(JSON.stringify({ importMs: imported - start, totalMs: created - start }));
`;

const samples = Array.from({ length: runs }, () =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' })),
);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const importMs = median(samples.map((s) => s.importMs));
const totalMs = median(samples.map((s) => s.totalMs));
console.log(`engine cold start, median of ${runs} fresh processes:`);
console.log(`  import dist/engine/index.js   ${importMs.toFixed(1)} ms`);
console.log(`  import + createEngine()       ${totalMs.toFixed(1)} ms`);
