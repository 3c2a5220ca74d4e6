/** The admin's classes and bands: pulled to a sheet, read back and checked with the shared rules (every problem at its cell), saved whole, then written again as saved. */
import type { Client } from '@urql/core';
import { run } from '../api/client.ts';
import { format, type Words } from '../i18n.ts';
import { readTaggedSheet, type ExcelRun } from '../excel/workbook.ts';
import { useSheetActions } from '../taskpane/components/useSheetActions.ts';
import type { ResultClasses } from '../../../schema/achievement.ts';
import { CLASS_RULES_KIND, classRulesSheetSpec, readClassRulesSheet, RESULT_CLASSES, SET_RESULT_CLASSES } from './class-rules-sheet.ts';

export function useClassRules({ w, client, excel, onSessionEnded }: { w: Words; client: Client; excel: () => ExcelRun; onSessionEnded: () => void }) {
  const k = w.results.classRules;
  const actions = useSheetActions(w, onSessionEnded);
  const { step, setStatus, setIssues, rewrite } = actions;

  // Rules typed on the sheet and not saved are asked about before the server's replace them.
  const pull = (replace = false): Promise<void> =>
    step(async () => {
      const classes = (await run<{ resultClasses: ResultClasses }>(client, RESULT_CLASSES)).resultClasses;
      const reports = await rewrite(excel(), [{ spec: classRulesSheetSpec(w, classes) }], replace, () => void pull(true));
      if (reports) return format(k.pulled, { sheet: reports[0]!.sheetName });
    });

  const save = () =>
    step(async () => {
      const read = await readTaggedSheet(excel(), CLASS_RULES_KIND, {});
      if (!read) return setStatus({ intent: 'error', message: k.notPulled });
      const back = readClassRulesSheet(w, read);
      if (back.issues.length) return setIssues(back.issues);
      const saved = (await run<{ setResultClasses: ResultClasses }>(client, SET_RESULT_CLASSES, { classes: back.classes }, true)).setResultClasses;
      await rewrite(excel(), [{ spec: classRulesSheetSpec(w, saved), read }], true, () => undefined);
      return format(k.saved, { persons: saved.persons.rules.length, units: saved.units.rules.length });
    });

  return { ...actions, pull: () => pull(), save };
}
