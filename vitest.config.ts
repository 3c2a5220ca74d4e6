import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no exports map; without one path for it, tests that
    // import graphql directly can load a second copy ("another realm").
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    include: ['schema/**/*.test.ts', 'server/**/*.test.ts', 'addin/**/*.test.ts', 'test/**/*.test.ts'],
    env: { NODE_ENV: 'test' },
    pool: 'forks',
    // Migrated and seeded template databases, made once per run and copied by startTestServer.
    globalSetup: ['./test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
