/**
 * The rep's "Work log & reports" screen's state and calls (issue 11 §3): a
 * day (today unless another past day is chosen), that day's work log, the
 * weekly report of its week (keyed by the week's Monday) with last week's
 * figures against the plan, and the monthly report of its month; each saved
 * as a draft or submitted; the manager's comments shown. The counts are
 * checked with the shared rules (schema/work-reports.ts) before sending; the
 * server checks the rest (a day after today, a week to come) and says why.
 */
import { newestOnly } from '../api/retry.ts';
import { typedCount } from '../excel/cells.ts';
import { useCallback, useEffect, useState, useRef } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../i18n.ts';
import { run } from '../api/client.ts';
import { useAction } from '../taskpane/components/chores/useAction.ts';
import { isIsoDay, today } from '../../../schema/dates.ts';
import { checkMonthlyReport, checkWeeklyReport, checkWorkLog, mondayOf, type WorkLogFields, type WorkReportProblem } from '../../../schema/work-reports.ts';
import {
  MY_MONTHLY_REPORT,
  MY_WEEKLY_REPORT,
  MY_WORK_LOG,
  SAVE_MONTHLY_REPORT,
  SAVE_WEEKLY_REPORT,
  SAVE_WORK_LOG,
  type MonthlyReport,
  type MyMonthlyReport,
  type MyWeeklyReport,
  type MyWorkLog,
  type WeeklyReport,
  type WorkLog,
} from './operations.ts';
import { describeReason } from '../api/describe-error.ts';

export type LogForm = { calls: string; visits: string; deals: string; customersMet: string; notes: string };
export type WeeklyForm = { results: string; plan: string; marketFeedback: string; problems: string };
export type MonthlyForm = { results: string; analysis: string; plan: string };

const logForm = (l: WorkLog | null): LogForm => ({ calls: String(l?.calls ?? ''), visits: String(l?.visits ?? ''), deals: String(l?.deals ?? ''), customersMet: l?.customersMet ?? '', notes: l?.notes ?? '' });
const weeklyForm = (r: WeeklyReport | null): WeeklyForm => ({ results: r?.results ?? '', plan: r?.plan ?? '', marketFeedback: r?.marketFeedback ?? '', problems: r?.problems ?? '' });
const monthlyForm = (r: MonthlyReport | null): MonthlyForm => ({ results: r?.results ?? '', analysis: r?.analysis ?? '', plan: r?.plan ?? '' });

/** A count typed in the form, read as the sheets read one (typedCount): empty is 0; a plain number as typed, for the shared checks to judge; "0x10" or "1e2" no number. */
export const countOf = (text: string): number => typedCount(text.trim());

/** The log form as the server takes it, and what the shared rules find wrong with it (a count that is no number named as typed). */
export function checkLogForm(form: LogForm, submit: boolean): { input: WorkLogFields; problems: WorkReportProblem[] } {
  const input = { calls: countOf(form.calls), visits: countOf(form.visits), deals: countOf(form.deals), customersMet: form.customersMet, notes: form.notes };
  const problems = checkWorkLog(input, submit).map((p) => (p.code === 'WORK_REPORT_NOT_WHOLE' ? { ...p, params: { value: form[p.field as 'calls' | 'visits' | 'deals'].trim() } } : p));
  return { input, problems };
}

/** A problem the shared rules find, in the reader's words, naming the field. */
export function problemText(w: Words, labels: Record<string, string>, p: WorkReportProblem): string {
  return format(w.workReports.labelled, { label: labels[p.field] ?? p.field, text: describeReason(w, p.code, p.params) });
}

/** Every problem the shared rules find, each naming its field, so one try shows all there is to fix. */
export const problemsText = (w: Words, labels: Record<string, string>, problems: readonly WorkReportProblem[]): string => problems.map((p) => problemText(w, labels, p)).join(' ');

export function useMyWorkReports({ client, w, onSessionEnded }: { client: Client; w: Words; onSessionEnded: () => void }) {
  const x = w.workReports;
  const action = useAction(w, onSessionEnded);
  const { act, load } = action;
  const [day, setDay] = useState(today());
  const [log, setLog] = useState<MyWorkLog | null>(null);
  const [weekly, setWeekly] = useState<MyWeeklyReport | null>(null);
  const [monthly, setMonthly] = useState<MyMonthlyReport | null>(null);
  const [logF, setLogF] = useState<LogForm>(logForm(null));
  const [weeklyF, setWeeklyF] = useState<WeeklyForm>(weeklyForm(null));
  const [monthlyF, setMonthlyF] = useState<MonthlyForm>(monthlyForm(null));
  const valid = isIsoDay(day.trim());
  /** A day still to come (China time): its work log cannot be kept yet (the server's rule); its week and month can be planned. */
  const future = valid && day.trim() > today();

  const begin = useRef(newestOnly()).current;
  const reload = useCallback(async () => {
    const current = begin();
    if (!isIsoDay(day.trim())) return;
    const d = day.trim();
    const [l, wk, m] = await Promise.all([
      run<{ myWorkLog: MyWorkLog }>(client, MY_WORK_LOG, { day: d }),
      run<{ myWeeklyReport: MyWeeklyReport }>(client, MY_WEEKLY_REPORT, { week: mondayOf(d) }),
      run<{ myMonthlyReport: MyMonthlyReport }>(client, MY_MONTHLY_REPORT, { month: d.slice(0, 7) }),
    ]);
    if (!current()) return;
    setLog(l.myWorkLog);
    setLogF(logForm(l.myWorkLog.log));
    setWeekly(wk.myWeeklyReport);
    setWeeklyF(weeklyForm(wk.myWeeklyReport.report));
    setMonthly(m.myMonthlyReport);
    setMonthlyF(monthlyForm(m.myMonthlyReport.report));
  }, [client, day]);
  useEffect(() => {
    load(() => reload());
  }, [reload, load]);

  const labels = { calls: x.calls, visits: x.visits, deals: x.deals, customersMet: x.customersMet, notes: x.notes };
  const weeklyLabels = { results: x.results, plan: x.plan, marketFeedback: x.marketFeedback, problems: x.problems };
  const monthlyLabels = { results: x.monthResults, analysis: x.analysis, plan: x.nextPlan };
  /** Which part of the screen the last action was in: its outcome shows there, by the buttons pressed, not at the top. */
  const [statusAt, setStatusAt] = useState<'top' | 'log' | 'weekly' | 'monthly'>('top');
  // Another day: the last action's outcome was about the day before, and is cleared.
  const { setStatus } = action;
  useEffect(() => {
    setStatusAt('top');
    setStatus(null);
  }, [day, setStatus]);

  const saveLog = (submit: boolean) => {
    setStatusAt('log');
    return act(async () => {
      if (!valid) throw new Error(x.badDay);
      const { input, problems } = checkLogForm(logF, submit);
      if (problems.length) throw new Error(problemsText(w, labels, problems));
      const saved = (await run<{ saveWorkLog: WorkLog }>(client, SAVE_WORK_LOG, { day: day.trim(), revision: log?.log?.revision ?? null, submit, input }, true)).saveWorkLog;
      setLog((l) => (l ? { ...l, log: saved } : l));
      setLogF(logForm(saved));
      return submit ? x.submitted : x.saved;
    });
  };

  const saveWeekly = (submit: boolean) => {
    setStatusAt('weekly');
    return act(async () => {
      if (!weekly) return;
      const problems = checkWeeklyReport(weeklyF, submit);
      if (problems.length) throw new Error(problemsText(w, weeklyLabels, problems));
      const saved = (await run<{ saveWeeklyReport: WeeklyReport }>(client, SAVE_WEEKLY_REPORT, { week: weekly.week, revision: weekly.report?.revision ?? null, submit, input: weeklyF }, true)).saveWeeklyReport;
      setWeekly((r) => (r ? { ...r, report: saved, figures: saved.figures } : r));
      setWeeklyF(weeklyForm(saved));
      return submit ? x.submitted : x.saved;
    });
  };

  const saveMonthly = (submit: boolean) => {
    setStatusAt('monthly');
    return act(async () => {
      if (!monthly) return;
      const problems = checkMonthlyReport(monthlyF, submit);
      if (problems.length) throw new Error(problemsText(w, monthlyLabels, problems));
      const saved = (await run<{ saveMonthlyReport: MonthlyReport }>(client, SAVE_MONTHLY_REPORT, { month: monthly.month, revision: monthly.report?.revision ?? null, submit, input: monthlyF }, true)).saveMonthlyReport;
      setMonthly((r) => (r ? { ...r, report: saved } : r));
      setMonthlyF(monthlyForm(saved));
      return submit ? x.submitted : x.saved;
    });
  };

  return {
    ...action,
    statusAt,
    day,
    setDay,
    valid,
    future,
    loaded: log !== null && weekly !== null && monthly !== null,
    log,
    weekly,
    monthly,
    logF,
    setLogF,
    weeklyF,
    setWeeklyF,
    monthlyF,
    setMonthlyF,
    saveLog,
    saveWeekly,
    saveMonthly,
    /** Reads the day's log and reports again (after the month's sheets were saved). */
    refresh: () => load(() => reload()),
  };
}
