// Bundles the built CLI and its --jobs worker with every dependency into dist/bundle/,
// so that a cold start reads a few files instead of ~1,000 modules (docs/performance.md:
// `check` on one file 0.9–1.5 s -> 0.4–0.6 s).
import { defineConfig } from 'rolldown';

export default defineConfig({
  // cli.js is the bin; create-cli.js exports createCli for tests that run the CLI in their
  // own process (test/cli-run.ts) with the bundle's start-up, workers included.
  input: { cli: 'dist/bin.js', 'create-cli': 'dist/cli.js', 'grade-worker': 'dist/grade-worker.js' },
  platform: 'node',
  // tinypool starts its workers from its own entry file, found next to its module: it
  // must stay in node_modules (a runtime dependency) for that path to exist.
  external: [/^node:/, 'tinypool'],
  // jsonc-parser's `main` is a UMD wrapper whose inner requires a bundler cannot follow;
  // its `module` build bundles cleanly.
  resolve: { mainFields: ['module', 'main'] },
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    // Everything but the two entries goes into one shared.js beside them, where the
    // worker URL in batch.js resolves. The entries must stay out of it: each one's
    // top-level code runs on import (cli.js parses argv; grade-worker.js needs a parent port).
    codeSplitting: { groups: [{ name: 'shared', test: (id) => !/dist[\\/](bin|grade-worker)\.js$/.test(id) }] },
    chunkFileNames: '[name].js',
  },
});
