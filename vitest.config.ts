import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests start real processes (about 1.5 s each to load mathjs); on a busy
    // 2-core CI machine the default 5 s is too tight.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
