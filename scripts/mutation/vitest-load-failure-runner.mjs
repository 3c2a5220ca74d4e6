/**
 * The Stryker vitest runner, except that a test file which fails while
 * loading (a mutant that throws at import time, e.g. in a plan built when
 * compensation.ts loads) counts as a failed test. The stock runner only looks
 * at the tests it collected: such a file has none, so the mutant is reported
 * as survived. Here each failed file without a failed test of its own adds
 * one failed result, so the mutant is killed (and a dry run fails).
 */
import { declareFactoryPlugin, PluginKind, commonTokens, tokens } from '@stryker-mutator/api/plugin';
import { DryRunStatus, TestStatus } from '@stryker-mutator/api/test-runner';
import { INSTRUMENTER_CONSTANTS } from '@stryker-mutator/api/core';
// Not in the package's exports map: import the class by its file.
import { VitestTestRunner } from '../../node_modules/@stryker-mutator/vitest-runner/dist/src/vitest-test-runner.js';

class LoadFailureVitestRunner extends VitestTestRunner {
  async run(options) {
    const result = await super.run(options);
    if (result.status !== DryRunStatus.Complete) return result;
    const failedFiles = this.ctx.state.getFiles().filter((file) => file.result?.state === 'fail' && (file.result.errors?.length ?? 0) > 0);
    for (const file of failedFiles) {
      const message = file.result.errors.map((e) => e?.message ?? String(e)).join('\n');
      result.tests.push({
        id: `${file.name}#(file failed to load)`,
        name: `${file.name} (file failed to load)`,
        fileName: file.filepath,
        timeSpentMs: 0,
        status: TestStatus.Failed,
        failureMessage: `The test file failed to load: ${message}`,
      });
    }
    return result;
  }
}

function createRunner(injector) {
  return injector.provideValue('globalNamespace', INSTRUMENTER_CONSTANTS.NAMESPACE).injectClass(LoadFailureVitestRunner);
}
createRunner.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'vitest-load-failure', createRunner)];
