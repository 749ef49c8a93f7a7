// Bundles the built CLI (dist/cli.js) and its worker (dist/grade-worker.js, started by
// `grade --jobs N` from `new URL('./grade-worker.js', import.meta.url)`) with every
// dependency into a few ESM files in one folder, so that a cold start reads one big file
// instead of resolving and loading hundreds of modules (mathjs alone has over a thousand).
// Used by bench/bundle.mjs; output folder: MARKGRADE_BUNDLE_DIR (default: a temp folder).
//   npx tsc -p tsconfig.build.json && npx rolldown -c bench/rolldown.config.mjs
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { cli: 'dist/cli.js', 'grade-worker': 'dist/grade-worker.js' },
  platform: 'node',
  // Node built-ins stay imports; everything from node_modules is inlined.
  external: [/^node:/],
  output: {
    dir: process.env.MARKGRADE_BUNDLE_DIR ?? path.join(os.tmpdir(), 'markgrade-bundle'),
    format: 'esm',
    // Everything but the two entries goes into one chunk beside them (where the worker URL
    // resolves), rather than a chunk per lazily imported command.
    // (The entries themselves must stay out: each one's top-level code runs on import.)
    codeSplitting: { groups: [{ name: 'shared', test: (id) => !/dist[\\/](cli|grade-worker)\.js$/.test(id) }] },
    chunkFileNames: '[name].js',
    minify: process.env.MARKGRADE_BUNDLE_MINIFY === '1',
  },
});
