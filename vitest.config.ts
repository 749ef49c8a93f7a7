import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The tests share no global state, so one module graph serves every file: mathjs
    // and remark load once instead of per file (26 s instead of 4-7 min on 2 cores).
    isolate: false,
    // The CLI tests start real processes (about 1.5 s each to load mathjs); on a busy
    // 2-core CI machine the default 5 s is too tight.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
