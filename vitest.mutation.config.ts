import { defineConfig } from 'vitest/config';

/**
 * The schema tests alone, for the mutation run (`npm run test:mutation`,
 * stryker.config.mjs): the pure rules in schema/ and the tests beside them.
 * No databases, no browser; Stryker sets the pool and workers itself.
 */
export default defineConfig({
  test: {
    include: ['schema/**/*.test.ts'],
    env: { NODE_ENV: 'test' },
  },
});
