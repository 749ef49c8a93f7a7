import { defineConfig } from 'vitest/config';

// Heavy end-to-end checks run by .ci/run after `npm test` (issue 10: `npm test` stays quick).
export default defineConfig({
  test: {
    include: ['test/heavy/**/*.heavy.ts'],
    testTimeout: 600_000,
  },
});
