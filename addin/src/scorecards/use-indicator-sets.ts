/**
 * The admin's Indicator sets section: the role chosen, its set pulled to a
 * sheet, and the sheet saved back (read, checked with the shared rules with
 * every problem at its cell, saved with the version it was pulled at so a
 * set changed meanwhile is refused, then written again as saved).
 */
import { useState } from 'react';
import type { Client } from '@urql/core';
import { run } from '../api/client.ts';
import { format, type Words } from '../i18n.ts';
import { readTaggedSheet, type ExcelRun } from '../excel/workbook.ts';
import { useSheetActions } from '../taskpane/components/useSheetActions.ts';
import type { KpiRole } from '../../../schema/kpi.ts';
import { INDICATOR_SET_KIND, INDICATOR_SETS, indicatorSetSheetSpec, readIndicatorSetSheet, SAVE_INDICATOR_SET, type IndicatorSetView } from './indicator-set-sheet.ts';

export function useIndicatorSets({ w, client, excel, onSessionEnded }: { w: Words; client: Client; excel: () => ExcelRun; onSessionEnded: () => void }) {
  const k = w.scorecards.sets;
  const actions = useSheetActions(w, onSessionEnded);
  const { step, setStatus, setIssues, rewrite } = actions;
  const [role, setRole] = useState<KpiRole>('REP');
  const roleName = w.kpi.roles[role];

  const current = async () => (await run<{ kpiIndicatorSets: IndicatorSetView[] }>(client, INDICATOR_SETS)).kpiIndicatorSets.find((x) => x.role === role) ?? null;

  // Indicators typed on the sheet and not saved are asked about before the server's replace them.
  const pull = (replace = false): Promise<void> =>
    step(async () => {
      const set = await current();
      if (!set) return setStatus({ intent: 'info', message: format(k.none, { role: roleName }) });
      const reports = await rewrite(excel(), [{ spec: indicatorSetSheetSpec(w, set) }], replace, () => void pull(true));
      if (reports) return format(k.pulled, { role: roleName, name: set.name, version: set.version, n: set.indicators.length, sheet: reports[0]!.sheetName });
    });

  const save = () =>
    step(async () => {
      const set = await current();
      const read = await readTaggedSheet(excel(), INDICATOR_SET_KIND, { role }, ['version']);
      if (!set || !read) return setStatus({ intent: 'error', message: format(k.notPulled, { role: roleName }) });
      const back = readIndicatorSetSheet(w, set, read);
      if (back.issues.length) return setIssues(back.issues);
      const input = { name: set.name, commentBelowPercent: back.commentBelowPercent, gradeBands: back.gradeBands, indicators: back.indicators };
      const saved = (await run<{ saveKpiIndicatorSet: IndicatorSetView }>(client, SAVE_INDICATOR_SET, { role, version: back.version ?? set.version, input }, true)).saveKpiIndicatorSet;
      await rewrite(excel(), [{ spec: indicatorSetSheetSpec(w, saved), read }], true, () => undefined);
      return format(k.saved, { role: roleName, version: saved.version, n: saved.indicators.length });
    });

  return {
    ...actions,
    role,
    setRole: (r: KpiRole) => {
      setRole(r);
      setIssues([]);
      setStatus(null);
      actions.clearTyped();
    },
    pull: () => pull(),
    save,
  };
}
