// Mutation testing of the pure rules in schema/ (`npm run test:mutation`;
// not part of `npm test`). See schema/MUTATION.md for the scores and the
// surviving mutants judged equivalent.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['schema/*.ts', '!schema/*.test.ts'],
  // A vitest runner that counts a test file failing to load as a failed test
  // (the stock runner reports such a mutant as survived).
  plugins: ['@stryker-mutator/vitest-runner', './scripts/mutation/vitest-load-failure-runner.mjs', './scripts/mutation/wording-ignorer.mjs'],
  testRunner: 'vitest-load-failure',
  // related: a mutant runs only the test files that import its file (static mutants run them all).
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  // Mutants inside explanation and error-message text are not scored (the
  // issue: "explanation wording aside"); they show as Ignored in the report.
  ignorers: ['wording'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
