// Bundles the built CLI and its --jobs worker with every dependency into dist/bundle/,
// so that a cold start reads a few files instead of ~1,000 modules (docs/performance.md:
// `check` on one file 0.9–1.5 s -> 0.4–0.6 s).
import { defineConfig } from 'rolldown';

/** The modules --help loads (dist/cli.js's static imports, all the way down). */
const CLI_CORE = new RegExp(
  [
    String.raw`node_modules[\\/](cac|picomatch|jsonc-parser)[\\/]`,
    String.raw`dist[\\/](cli|cli-support|files|limits|closest-name|values)\.js$`,
    String.raw`dist[\\/]reporters[\\/](registry|format|html-format|csv|github|gradescope|json|junit|markdown|terminal|text|reveal)\.js$`,
    String.raw`dist[\\/]rubric[\\/]errors\.js$`,
    String.raw`dist[\\/]markdown[\\/](errors|input|notebook|source|math-spans)\.js$`,
  ].join('|'),
);

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
    // Two chunks beside the entries, where the worker URL in batch.js resolves: cli-core.js,
    // what the command line needs to parse flags, print --help/--version and refuse bad
    // input, and shared.js, everything else (mathjs, the Markdown reader, KaTeX), which
    // the commands import when they grade (cli.ts `api`). test/bundle.test.ts checks that
    // cli.js does not load shared.js: a module missing from CLI_CORE lands there and fails it.
    // The bin and the worker stay out of both: each one's top-level code runs on import.
    codeSplitting: {
      groups: [
        { name: 'cli-core', test: CLI_CORE, priority: 2 },
        { name: 'shared', test: (id) => !/dist[\\/](bin|grade-worker)\.js$/.test(id), priority: 1 },
      ],
    },
    chunkFileNames: '[name].js',
  },
});
