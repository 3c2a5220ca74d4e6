/** Settings (admins): the month fiscal years start in, the day reps' plans are due, the size of a manager's weekly log spot check. Each read, and saved on its own (audited on the server). */
import { useCallback, useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { useAction } from './useAction.ts';

export const SETTINGS = '{ fiscalYearStartMonth repPlanDueDay workLogSampleSize }';
export const SETTING_MUTATIONS = {
  fiscalYearStartMonth: 'mutation SetFiscalYearStart($value: Int!) { setting: setFiscalYearStartMonth(month: $value) }',
  repPlanDueDay: 'mutation SetRepPlanDueDay($value: Int!) { setting: setRepPlanDueDay(day: $value) }',
  workLogSampleSize: 'mutation SetWorkLogSampleSize($value: Int!) { setting: setWorkLogSampleSize(size: $value) }',
} as const;
export type Setting = keyof typeof SETTING_MUTATIONS;

export function useSettings({ w, client, onSessionEnded }: { w: Words; client: Client; onSessionEnded: () => void }) {
  const t = w.chores.settings;
  const action = useAction(w, onSessionEnded);
  const { act, load, setStatus } = action;
  const [values, setValues] = useState<Record<Setting, string> | null>(null);

  const reload = useCallback(async () => {
    const d = await run<Record<Setting, number>>(client, SETTINGS);
    setValues({ fiscalYearStartMonth: String(d.fiscalYearStartMonth), repPlanDueDay: String(d.repPlanDueDay), workLogSampleSize: String(d.workLogSampleSize) });
  }, [client]);
  useEffect(() => load(() => reload()), [load, reload]);

  const label: Record<Setting, string> = { fiscalYearStartMonth: t.fiscalStart, repPlanDueDay: t.dueDay, workLogSampleSize: t.sampleSize };
  const save = (key: Setting) =>
    act(async () => {
      const typed = (values?.[key] ?? '').trim();
      if (!/^-?\d+$/.test(typed)) return setStatus({ intent: 'error', message: t.notWhole });
      const saved = (await run<{ setting: number }>(client, SETTING_MUTATIONS[key], { value: Number(typed) }, true)).setting;
      await reload();
      return format(t.saved, { setting: t.names[key]!, value: saved });
    });

  return { ...action, values, label, set: (key: Setting, value: string) => setValues((v) => v && { ...v, [key]: value }), save };
}
