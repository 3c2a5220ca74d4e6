import { createRequire } from 'node:module';
import os from 'node:os';
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
    // One module graph per worker, not one per file: re-importing the server (Prisma clients, the
    // Pothos schema, exceljs) for each of ~100 files cost several seconds a file, and every file
    // then ran on cold code. Tests share no state through modules: each file starts its own
    // servers on its own databases, and restores what it patches.
    isolate: false,
    // Two workers at least, even on a 2-core machine: most files wait on something else (PostgreSQL,
    // an e2e server, Chromium), so two overlap well: about 580 s against 720 s with one on the 2-core
    // CI machine. Checks with a time bound allow for a loaded machine (refusals, session cache, e2e).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // Migrated and seeded template databases, made once per run and copied by startTestServer.
    globalSetup: ['./test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
