/**
 * Month end's Compensation plans section (finance, admins): the plans' newest
 * versions to choose from, the chosen one pulled to a sheet, and the sheet
 * saved back as the next version from a day (read, checked with the shared
 * rules with every problem at its cell, saved with the version it was
 * pulled at so that a plan saved meanwhile is refused, then written again
 * as saved).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { run } from '../api/client.ts';
import { format, type Words } from '../i18n.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { useSheetActions } from '../taskpane/components/useSheetActions.ts';
import { addDays, today } from '../../../schema/dates.ts';
import { PLAN_KIND, planSheetSpec, PLANS, readPlanSheet, SAVE_PLAN, type PlanView } from './plan-sheet.ts';

/** The first day of next month: when a changed plan usually starts. */
export function nextMonthStart(day: string): string {
  let d = addDays(day, 1);
  while (!d.endsWith('-01')) d = addDays(d, 1);
  return d;
}

/** Each plan's newest version, by code. */
export const newestVersions = (plans: readonly PlanView[]): PlanView[] => plans.filter((p) => !plans.some((q) => q.code === p.code && q.version > p.version));

export function useCompensationPlans({ w, client, excel, onSessionEnded, onSaved }: { w: Words; client: Client; excel: () => ExcelRun; onSessionEnded: () => void; onSaved?: (saved: { code: string; version: number }) => void }) {
  const k = w.compensation;
  const actions = useSheetActions(w, onSessionEnded);
  const { step, setStatus, setIssues, load } = actions;
  const [plans, setPlans] = useState<PlanView[] | null>(null);
  const [code, setCode] = useState('');
  const [from, setFrom] = useState(nextMonthStart(today()));

  const reload = useCallback(async () => {
    const newest = newestVersions((await run<{ compensationPlans: PlanView[] }>(client, PLANS)).compensationPlans);
    setPlans(newest);
    setCode((c) => (newest.some((p) => p.code === c) ? c : (newest[0]?.code ?? '')));
    return newest;
  }, [client]);
  useEffect(() => {
    load(() => reload());
  }, [load, reload]);

  const pull = () =>
    step(async () => {
      const plan = (await reload()).find((p) => p.code === code);
      if (!plan) return setStatus({ intent: 'info', message: k.none });
      const report = await writeGridSheet(excel(), planSheetSpec(w, plan));
      return format(k.pulled, { name: plan.name, code: plan.code, version: plan.version, n: (JSON.parse(plan.document) as { components: unknown[] }).components.length, sheet: report.sheetName });
    });

  const save = () =>
    step(async () => {
      const plan = plans?.find((p) => p.code === code);
      const read = plan ? await readTaggedSheet(excel(), PLAN_KIND, { code }, ['version', 'name']) : null;
      if (!plan || !read) return setStatus({ intent: 'error', message: format(k.notPulled, { code }) });
      const back = readPlanSheet(w, plan, read);
      if (back.issues.length) {
        setIssues(back.issues);
        return setStatus({ intent: 'error', message: format(k.checkFirst, { n: back.issues.length }) });
      }
      const saved = (await run<{ saveCompensationPlan: PlanView }>(client, SAVE_PLAN, { document: JSON.stringify(back.document), effectiveFrom: from, basedOnVersion: back.version ?? plan.version }, true)).saveCompensationPlan;
      await writeGridSheet(excel(), planSheetSpec(w, saved), { sheet: read.sheet });
      await reload();
      onSaved?.({ code: saved.code, version: saved.version });
      return format(k.saved, { code: saved.code, version: saved.version, from: saved.effectiveFrom.slice(0, 10) });
    });

  return {
    ...actions,
    plans,
    code,
    setCode: (c: string) => {
      setCode(c);
      setIssues([]);
      setStatus(null);
    },
    from,
    setFrom,
    pull,
    save,
  };
}
