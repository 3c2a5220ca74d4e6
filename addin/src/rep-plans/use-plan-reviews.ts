/**
 * The Rep plans screen's state and calls (issue 11 §2), for managers: the
 * month chosen, who handed in what (as a sheet), the submitted plans waiting
 * for a decision, each opened as a sheet and accepted or returned with a
 * comment; the team's plan templates made as one zip, with its progress, to
 * download. One action at a time; a slow or unreachable server leaves a Try again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '@urql/core';
import { run, serverLink } from '../api/client.ts';
import { startAndFollow, summaryOf } from '../api/jobs.ts';
import { loadWithRetry, oneAtATime, errorStatus, newestOnly, withoutRetryOf } from '../api/retry.ts';
import { format, type Words, phrase } from '../i18n.ts';
import { writeGridSheet, writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { ACCEPT_REP_PLAN, nextMonth, REP_PLAN, REP_PLAN_ROSTER, RETURN_REP_PLAN, START_PLAN_TEMPLATES_ZIP, validMonth, type RepPlanView, type RosterRow } from './operations.ts';
import { planRosterSheet, rosterCounts } from './roster-sheet.ts';
import { planSheetSpec } from './plan-sheet.ts';
import { planWeeks } from '../../../schema/rep-plan.ts';
import { useStatusState } from '../taskpane/status-state.ts';
import { today } from '../../../schema/dates.ts';

export type Work = keyof Words['repPlans']['working'];
export type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; work: Work; progress?: { done: number; total: number } }
  | { kind: 'ok'; message: string }
  | { kind: 'error'; message: string; retry?: () => void };

/** A file the server made, to download by its link (which lasts a day). */
export interface Download {
  url: string;
  name: string;
  size: number;
}

/** A plan handed in that this viewer may accept or return. */
const waitsForViewer = (x: RosterRow) => x.status === 'SUBMITTED' && x.canDecide;

export function usePlanReviews(w: Words, client: Client, excel: () => ExcelRun, onSessionEnded: () => void) {
  const r = w.repPlans;
  const [month, setMonthState] = useState(nextMonth());
  // A month the user typed stays; until then the screen may move to this month (below).
  const typed = useRef(false);
  const [rows, setRows] = useState<RosterRow[] | null>(null);
  const [status, setStatus] = useStatusState<Status>({ kind: 'idle' });
  const [download, setDownload] = useState<Download | null>(null);
  const running = useRef(false);
  const begin = useRef(newestOnly()).current;

  const fail = useCallback(errorStatus(w, onSessionEnded, setStatus), [w, onSessionEnded]);
  const act = (work: Work, job: () => Promise<void>) => oneAtATime(running, { start: () => setStatus({ kind: 'busy', work }), fail }, job);

  const load = useCallback(async () => {
    const current = begin();
    if (!validMonth(month)) return setRows(null);
    const list = (await run<{ repPlanRoster: RosterRow[] }>(client, REP_PLAN_ROSTER, { month: month.trim() }, true)).repPlanRoster;
    if (current()) setRows(list);
  }, [client, month]);
  useEffect(() => {
    // A month typed since this load began makes its answer (or failure) stale.
    let live = true;
    loadWithRetry(
      load,
      (err, retry) => live && fail(err, retry),
      (retry) => live && setStatus(withoutRetryOf<Status>(retry, { kind: 'idle' })),
    );
    return () => {
      live = false;
    };
  }, [load, fail]);

  // Plans are made for next month; when none waits for this viewer there (the rows the screen loaded) but some still do in
  // this month, the screen opens on this month.
  const [waitingThisMonth, setWaitingThisMonth] = useState(false);
  useEffect(() => {
    run<{ repPlanRoster: RosterRow[] }>(client, REP_PLAN_ROSTER, { month: today().slice(0, 7) }, true).then(
      (d) => setWaitingThisMonth(d.repPlanRoster.some(waitsForViewer)),
      () => undefined, // the month shown loads (and says what went wrong) on its own
    );
  }, [client]);
  useEffect(() => {
    if (!typed.current && waitingThisMonth && month === nextMonth() && rows && !rows.some(waitsForViewer)) setMonthState(today().slice(0, 7));
  }, [waitingThisMonth, month, rows]);

  const pullRoster = act('roster', async () => {
    if (!validMonth(month)) return setStatus({ kind: 'error', message: r.badMonth });
    const current = begin();
    const list = (await run<{ repPlanRoster: RosterRow[] }>(client, REP_PLAN_ROSTER, { month: month.trim() }, true)).repPlanRoster;
    if (current()) setRows(list);
    if (!list.length) return setStatus({ kind: 'ok', message: format(r.rosterEmpty, { month }) });
    const report = await writeSheetTable(excel(), planRosterSheet(w, month.trim(), list));
    setStatus({ kind: 'ok', message: format(r.rosterWrote, { month, sheet: report.sheetName, ...rosterCounts(list) }) });
  });

  /**
   * Every rep's plan template for the month in one zip, made by the server as a
   * job (a large team holds nobody up) whose progress the pane shows; when it is
   * ready, a link to download it, in the pane's language.
   */
  const makeTemplates = act('templates', async () => {
    if (!validMonth(month)) return setStatus({ kind: 'error', message: r.badMonth });
    setDownload(null);
    const language = w.locale === 'en' ? 'EN' : 'ZH_CN';
    const job = await startAndFollow(client, START_PLAN_TEMPLATES_ZIP, { month: month.trim(), language }, (j) =>
      setStatus({ kind: 'busy', work: 'templates', ...(j.total ? { progress: { done: j.done, total: j.total } } : {}) }),
    );
    const made = summaryOf(job);
    if (!job.file) throw new Error('the templates job made no file');
    setDownload({ url: serverLink(client, job.file.url), name: job.file.name, size: job.file.size });
    setStatus({ kind: 'ok', message: phrase(w.locale, r.templatesReady, { month: month.trim(), count: made.templates ?? 0, file: job.file.name }) });
  });

  /** The plan as a sheet to read before deciding: locked and grey. */
  const writePlan = async (plan: RepPlanView) => {
    const weeks = planWeeks(plan.month).map((x) => ({ key: x.key, start: x.start, end: x.end }));
    const owner = { personId: plan.personId, personName: plan.personName, employeeNo: plan.employeeNo };
    return writeGridSheet(excel(), planSheetSpec(w, owner, { month: plan.month, weeks, target: plan.target, dueOn: plan.dueOn }, plan, false));
  };

  const open = (row: RosterRow) =>
    act('open', async () => {
      const plan = (await run<{ repPlan: RepPlanView }>(client, REP_PLAN, { id: row.planId }, true)).repPlan;
      const report = await writePlan(plan);
      setStatus({ kind: 'ok', message: phrase(w.locale, r.opened, { month: plan.month, name: plan.personName, version: plan.version, status: r.statuses[plan.status]!, sheet: report.sheetName }) });
    })();

  const decide = (row: RosterRow, accept: boolean, comment: string) =>
    act('decide', async () => {
      if (!accept && !comment.trim()) return setStatus({ kind: 'error', message: r.commentNeeded });
      const vars = { id: row.planId, revision: row.revision, comment: comment.trim() || (accept ? null : '') };
      const done = accept
        ? (await run<{ acceptRepPlan: RepPlanView }>(client, ACCEPT_REP_PLAN, vars, true)).acceptRepPlan
        : (await run<{ returnRepPlan: RepPlanView }>(client, RETURN_REP_PLAN, vars, true)).returnRepPlan;
      await load();
      setStatus({ kind: 'ok', message: phrase(w.locale, accept ? r.accepted : r.returned, { month: done.month, name: done.personName }) });
    })();

  return {
    month,
    setMonth: (m: string) => {
      typed.current = true;
      setMonthState(m);
      setRows(null);
      setDownload(null);
    },
    makeTemplates,
    download,
    rows,
    waiting: (rows ?? []).filter(waitsForViewer),
    status,
    busy: status.kind === 'busy',
    pullRoster,
    open,
    decide,
  };
}
