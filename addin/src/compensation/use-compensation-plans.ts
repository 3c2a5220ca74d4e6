/**
 * Month end's Compensation plans section (finance, admins): the plans' newest
 * versions to choose from, the chosen one pulled to a sheet, and the sheet
 * saved back as the next version from a day (read, checked with the shared
 * rules with every problem at its cell, saved with the version it was
 * pulled at so that a plan saved meanwhile is refused, then written again
 * as saved).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '@urql/core';
import { ApiError, run } from '../api/client.ts';
import { format, type Words } from '../i18n.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { useSheetActions } from '../taskpane/components/useSheetActions.ts';
import { addDays, today } from '../../../schema/dates.ts';
import { newPlanFrom, PLAN_CODE, PLAN_NAME_MAX, PLAN_KIND, PLAN_TAGS, planSheetSpec, PLANS, readPlanSheet, SAVE_PLAN, typedIn, type PlanView } from './plan-sheet.ts';

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
  /** A new plan written to a sheet and not saved yet (version 0). */
  const [draft, setDraftState] = useState<PlanView | null>(null);
  const draftCode = useRef<string | null>(null);
  const setDraft = (plan: PlanView | null) => {
    draftCode.current = plan?.code ?? null;
    setDraftState(plan);
  };
  const [fresh, setFresh] = useState({ code: '', name: '' });
  /** The name the chosen plan is saved under, when the user changed it (null: the plan's own). */
  const [name, setName] = useState<string | null>(null);
  /** A plan sheet with typing not saved, that pulling would have written over (the pane asks first). */
  const [unsaved, setUnsaved] = useState<string | null>(null);
  const chosen = (list: readonly PlanView[] | null) => (draft && draft.code === code ? draft : list?.find((p) => p.code === code));

  const reload = useCallback(async () => {
    const newest = newestVersions((await run<{ compensationPlans: PlanView[] }>(client, PLANS)).compensationPlans);
    setPlans(newest);
    setCode((c) => (newest.some((p) => p.code === c) || c === draftCode.current ? c : (newest[0]?.code ?? '')));
    return newest;
  }, [client]);
  useEffect(() => {
    load(() => reload());
  }, [load, reload]);

  const pull = (replace = false) =>
    step(async () => {
      const plan = chosen(await reload());
      if (!plan) return setStatus({ intent: 'info', message: k.none });
      // A sheet of this plan with typing not saved is not written over unless the user says so.
      const existing = await readTaggedSheet(excel(), PLAN_KIND, { code: plan.code }, PLAN_TAGS);
      if (existing && !replace && typedIn(existing)) return setUnsaved(existing.sheetName);
      setUnsaved(null);
      const report = await writeGridSheet(excel(), planSheetSpec(w, plan), { sheet: existing?.sheet });
      return format(k.pulled, { name: plan.name, code: plan.code, version: plan.version, n: (JSON.parse(plan.document) as { components: unknown[] }).components.length, sheet: report.sheetName });
    });

  /** Writes a copy of the chosen plan under a new code and name, to change and save as that plan's version 1. */
  const startNew = () =>
    step(async () => {
      const newCode = fresh.code.trim().toUpperCase();
      const name = fresh.name.trim();
      if (!PLAN_CODE.test(newCode)) return setStatus({ intent: 'error', message: format(w.reasons.PLAN_CODE_INVALID, { value: fresh.code.trim() }) });
      if (!name) return setStatus({ intent: 'error', message: k.nameRequired });
      const list = await reload();
      if (list.some((p) => p.code === newCode)) return setStatus({ intent: 'error', message: format(k.codeTaken, { code: newCode }) });
      // An earlier new plan of this code, typed in and not saved, is not written over.
      const existing = await readTaggedSheet(excel(), PLAN_KIND, { code: newCode }, PLAN_TAGS);
      if (existing && typedIn(existing)) return setStatus({ intent: 'error', message: format(k.unsavedSheet, { sheet: existing.sheetName }) });
      const source = chosen(list);
      if (!source) return setStatus({ intent: 'info', message: k.none });
      const plan = newPlanFrom(source, newCode, name, from);
      const report = await writeGridSheet(excel(), planSheetSpec(w, plan));
      setDraft(plan);
      setCode(newCode);
      setName(null);
      setFresh({ code: '', name: '' });
      return format(k.copied, { code: newCode, name, source: source.code, sheet: report.sheetName });
    });

  const save = () =>
    step(async () => {
      const plan = chosen(plans);
      const read = plan ? await readTaggedSheet(excel(), PLAN_KIND, { code }, PLAN_TAGS) : null;
      if (!plan || !read) return setStatus({ intent: 'error', message: format(k.notPulled, { code }) });
      // A new name is the new version's: the plan keeps its code, and earlier versions keep their names.
      const savedName = (name ?? plan.name).trim();
      if (!savedName) return setStatus({ intent: 'error', message: k.nameEmpty });
      if (savedName.length > PLAN_NAME_MAX) return setStatus({ intent: 'error', message: format(k.nameTooLong, { max: PLAN_NAME_MAX }) });
      const back = readPlanSheet(w, plan, read, savedName);
      if (back.issues.length) {
        setIssues(back.issues);
        return setStatus({ intent: 'error', message: format(k.checkFirst, { n: back.issues.length }) });
      }
      const saving = run<{ saveCompensationPlan: PlanView }>(client, SAVE_PLAN, { document: JSON.stringify(back.document), effectiveFrom: from, basedOnVersion: back.version ?? plan.version }, true);
      // Refused by the server's own check of the document: each problem at its cell too (the status says how many).
      const saved = (
        await saving.catch((e: unknown) => {
          if (e instanceof ApiError && e.reason === 'PLAN_DOCUMENT') setIssues(back.place(e.issues.map((i) => ({ path: i.field ?? '', reason: i.reason, params: i.params }))));
          throw e;
        })
      ).saveCompensationPlan;
      await writeGridSheet(excel(), planSheetSpec(w, saved), { sheet: read.sheet });
      setUnsaved(null);
      setName(null);
      await reload();
      if (draft?.code === saved.code) setDraft(null);
      onSaved?.({ code: saved.code, version: saved.version });
      return format(k.saved, { code: saved.code, version: saved.version, from: saved.effectiveFrom.slice(0, 10) });
    });

  return {
    ...actions,
    /** The plans to choose from: each plan's newest version, and a new one not saved yet. */
    plans: plans && draft && !plans.some((p) => p.code === draft.code) ? [...plans, draft] : plans,
    code,
    fresh,
    setFresh,
    startNew,
    unsaved,
    replace: () => pull(true),
    setCode: (c: string) => {
      setUnsaved(null);
      setCode(c);
      setName(null);
      setIssues([]);
      setStatus(null);
    },
    /** The name the chosen plan is saved under: its own until changed. */
    name: name ?? chosen(plans)?.name ?? '',
    setName,
    from,
    setFrom,
    pull: () => pull(false),
    save,
  };
}
