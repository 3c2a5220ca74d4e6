/**
 * The admin's Seasonality section: the profiles pulled to a sheet, and the
 * sheet saved back together (read, checked with the shared rules with every
 * problem at its cell, saved all or nothing, then written again as saved).
 */
import type { Client } from '@urql/core';
import { ApiError, run } from '../api/client.ts';
import { format, type Words } from '../i18n.ts';
import { readTaggedSheet, type ExcelRun } from '../excel/workbook.ts';
import { useSheetActions } from '../taskpane/components/useSheetActions.ts';
import { cellIssue } from '../excel/cells.ts';
import type { SeasonalityProfile } from '../../../schema/seasonality.ts';
import { PROFILES, readSeasonalitySheet, SAVE_PROFILES, SEASONALITY_KIND, seasonalitySheetSpec } from './seasonality-sheet.ts';
import { describeReason } from '../api/describe-error.ts';

export function useSeasonality({ w, client, excel, onSessionEnded }: { w: Words; client: Client; excel: () => ExcelRun; onSessionEnded: () => void }) {
  const k = w.targetFlow.seasonality;
  const actions = useSheetActions(w, onSessionEnded);
  const { step, setStatus, setIssues, rewrite } = actions;

  // Profiles typed on the sheet and not saved are asked about before the server's replace them.
  const pull = (replace = false): Promise<void> =>
    step(async () => {
      const profiles = (await run<{ seasonalityProfiles: SeasonalityProfile[] }>(client, PROFILES)).seasonalityProfiles;
      const reports = await rewrite(excel(), [{ spec: seasonalitySheetSpec(w, profiles) }], replace, () => void pull(true));
      if (reports) return format(k.pulled, { n: profiles.length, sheet: reports[0]!.sheetName });
    });

  const save = () =>
    step(async () => {
      const read = await readTaggedSheet(excel(), SEASONALITY_KIND, {});
      if (!read) return setStatus({ intent: 'error', message: k.notPulled });
      const back = readSeasonalitySheet(w, read);
      if (back.issues.length) return setIssues(back.issues);
      let saved: SeasonalityProfile[];
      try {
        saved = (await run<{ saveSeasonalityProfiles: SeasonalityProfile[] }>(client, SAVE_PROFILES, { profiles: back.profiles }, true)).saveSeasonalityProfiles;
      } catch (err) {
        // The server's own check, should it find what the pane did not: each problem by its row.
        if (err instanceof ApiError && err.issues.length) {
          return setIssues(err.issues.map((i) => {
            const row = back.rows[Number(/^profiles\.(\d+)\./.exec(i.field ?? '')?.[1] ?? -1)];
            const message = describeReason(w, i.reason, i.params);
            return row === undefined ? { cell: null, message } : cellIssue(read.sheetName, row, 0, message);
          }));
        }
        throw err;
      }
      // What was typed is saved: the sheet is written again as the server now has it.
      await rewrite(excel(), [{ spec: seasonalitySheetSpec(w, saved), read }], true, () => undefined);
      return format(k.saved, { n: saved.length });
    });

  return { ...actions, pull: () => pull(), save };
}
