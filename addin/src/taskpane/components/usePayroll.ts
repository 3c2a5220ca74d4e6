/**
 * The Payroll screen's state and calls: the month's runs, the selected run's
 * numbers for review, and the long actions (create, calculate, refresh the
 * sheets, submit, sign, return), one at a time, each with its progress.
 */
import { useServedUnits } from './useServedUnits.ts';
import { describeError, isTransient } from '../../api/describe-error.ts';
import { loadWithRetry, newestOnly, oneAtATime, withoutRetryOf } from '../../api/retry.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words, versionText } from '../../i18n.ts';
import { ApiError, run } from '../../api/client.ts';
import { followJob, isOpen, type JobView } from '../../api/jobs.ts';
import { APPROVE_RUN, DISCARD_RUN, START_CALCULATION, CREATE_RUN, ORG_TREE, PAYROLL_RUNS, RETURN_RUN, SUBMIT_RUN, treeOrder, type ListedRun, type OrgUnitOption } from '../../api/operations.ts';
import { readTaggedSheet, writeGridSheet, writeSheetTable, type ExcelRun } from '../../excel/workbook.ts';
import { changesFromServer, changesSheetSpec, explainSheetSpec, PAYROLL_KIND, payrollSheetSpec, previousValues, type ChangeRow, type RunView } from '../../payroll/payroll-sheet.ts';
import { PAYROLL_COMPARISON, PAYROLL_REVIEW, type RunReview } from '../../payroll/review.ts';
import { readRunView } from '../../payroll/read-run.ts';
import { notOver } from '../../../../schema/periods.ts';
import { isIsoMonth, today } from '../../../../schema/dates.ts';
import { useStatusState } from '../status-state.ts';

const excel = () => Excel.run as unknown as ExcelRun;

export type Against = 'REFRESH' | 'PREVIOUS_VERSION' | 'PREVIOUS_MONTH';
export type BusyKind = keyof Words['sheets']['pane']['busy'];
export interface Busy {
  kind: BusyKind;
  /** 0..1 when known. */
  value?: number;
  /** What is happening, when more is known than the kind says (people calculated so far). */
  detail?: string;
}
export type Status = { intent: 'success' | 'error' | 'info'; message: string; retry?: () => void } | null;

interface ServerChange {
  employeeNo: string;
  personName: string;
  component: string;
  label: string;
  old: string | null;
  new: string | null;
}

export function usePayroll({ w, client, roles, onSessionEnded }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const p = w.payroll;
  const q = w.sheets;
  // This month as the company counts it (China time), not the computer's.
  const [month, setMonth] = useState(today().slice(0, 7));
  const [runs, setRuns] = useState<ListedRun[]>([]);
  const [allRuns, setAllRuns] = useState<ListedRun[]>([]);
  const opened = useRef(false);
  /** Whether every month's runs have been read (a load superseded before they arrived leaves them to the next). */
  const everyMonthRead = useRef(false);
  /** A run to select once its month's runs arrive (one chosen from another month). */
  const pendingRun = useRef<string | null>(null);
  const [runId, setRunId] = useState('');
  const [review, setReview] = useState<RunReview | null>(null);
  const [units, setUnits] = useState<OrgUnitOption[]>([]);
  const [unitId, setUnitId] = useState('');
  const [comment, setComment] = useState('');
  const [against, setAgainst] = useState<Against>('REFRESH');
  const [status, setStatus] = useStatusState<Status>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  // A second click before React re-renders must not start the action twice.
  const running = useRef(false);
  const staff = roles.includes('FINANCE') || roles.includes('ADMIN');
  /** The units a finance user serves (none: every unit). */
  const servedUnits = useServedUnits(client, staff) ?? [];

  const clearRetry = useCallback((retry: () => void) => setStatus(withoutRetryOf<Status>(retry, null)), []);
  const fail = useCallback(
    (err: unknown, retry?: () => void) => {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
      setStatus({ intent: 'error', message: describeError(w, err), ...(retry && isTransient(err) ? { retry } : {}) });
    },
    [onSessionEnded],
  );

  // A month (or run) chosen since a load began makes its answer stale.
  const beginRuns = useRef(newestOnly()).current;
  const beginReview = useRef(newestOnly()).current;
  /**
   * The month's runs; with `everyMonth` (until they have been read once, and after a change) also every
   * month's, newest first, for what waits elsewhere. A month chosen before the first answer came makes that
   * answer stale, so the next load reads every month's runs again.
   */
  const loadRuns = useCallback(async (everyMonth = !everyMonthRead.current) => {
    // No month in the field (text left that is none: the field says why): nothing to ask the server, and the run shown stays.
    if (!isIsoMonth(month)) return [];
    const current = beginRuns();
    const [d, all] = await Promise.all([run<{ payrollRuns: ListedRun[] }>(client, PAYROLL_RUNS, { month }), everyMonth ? run<{ payrollRuns: ListedRun[] }>(client, PAYROLL_RUNS, { month: null }) : null]);
    if (!current()) return d.payrollRuns;
    if (all) {
      setAllRuns(all.payrollRuns);
      everyMonthRead.current = true;
    }
    // Opened for the first time (no month chosen yet): open on the run that waits for this signer, the
    // month's own if it has one, else the newest of any month.
    if (!opened.current) {
      opened.current = true;
      const here = d.payrollRuns.find((r) => r.viewerMaySign);
      const due = all?.payrollRuns.find((r) => r.viewerMaySign);
      if (here) pendingRun.current = here.id;
      else if (due && due.month !== month) {
        pendingRun.current = due.id;
        setMonth(due.month);
        return d.payrollRuns;
      }
    }
    setRuns(d.payrollRuns);
    const wanted = pendingRun.current;
    pendingRun.current = null;
    setRunId((current) => (wanted && d.payrollRuns.some((r) => r.id === wanted) ? wanted : d.payrollRuns.some((r) => r.id === current) ? current : (d.payrollRuns[0]?.id ?? '')));
    return d.payrollRuns;
  }, [client, month]);

  const loadReview = useCallback(async (id: string) => {
    const current = beginReview();
    if (!id) return setReview(null);
    const d = await run<{ payrollRun: RunReview }>(client, PAYROLL_REVIEW, { id });
    if (current()) setReview(d.payrollRun);
  }, [client]);

  useEffect(() => {
    loadWithRetry(() => loadRuns(), fail, clearRetry);
  }, [loadRuns, fail, clearRetry]);
  useEffect(() => {
    setReview(null);
    loadWithRetry(() => loadReview(runId), fail, clearRetry);
  }, [runId, loadReview, fail, clearRetry]);
  useEffect(() => {
    if (staff) loadWithRetry(() => run<{ orgTree: OrgUnitOption[] }>(client, ORG_TREE, {}).then((d) => setUnits(treeOrder(d.orgTree))), fail, clearRetry);
  }, [client, staff, fail, clearRetry]);

  const selected = runs.find((r) => r.id === runId);
  /** Runs in any month whose due signature is the viewer's to give (not one they gave already). */
  const awaitingYou = allRuns.filter((r) => r.viewerMaySign);
  /** The other months that have runs, newest first, each with its runs. */
  const otherMonths = [...new Set(allRuns.map((r) => r.month))].filter((m) => m !== month).slice(0, 6).map((m) => ({ month: m, runs: allRuns.filter((r) => r.month === m) }));
  /** Opens a run of any month. */
  const openRun = (r: ListedRun) => {
    opened.current = true;
    if (r.month === month) return setRunId(r.id);
    pendingRun.current = r.id;
    setMonth(r.month);
  };

  /** Runs one long action at a time, showing its progress; refused while another runs. */
  const act = (kind: BusyKind, work: (progress: (value: number, detail?: string) => void) => Promise<void>) =>
    oneAtATime(
      running,
      {
        start: () => {
          setBusy({ kind });
          setStatus(null);
        },
        fail,
        finish: () => setBusy(null),
      },
      () => work((value, detail) => setBusy({ kind, value, detail })),
    );

  /** The changes to list, or null (with the reason to show) when there is nothing to compare with. */
  const changesFor = async (view: RunView, sinceRefresh: ChangeRow[] | null): Promise<{ rows: ChangeRow[]; label: string } | null> => {
    const label = q.payroll.against[against];
    if (against === 'REFRESH') return sinceRefresh && { rows: sinceRefresh, label };
    const d = await run<{ payrollRun: { comparison: { base: { month: string; version: number; scopeUnitId: string; scopeUnitName: string } | null; changes: ServerChange[] } } }>(
      client,
      PAYROLL_COMPARISON,
      { id: view.run.id, against },
    );
    const c = d.payrollRun.comparison;
    if (!c.base) return null;
    // A run of a unit above this one stands in for a month this unit had no run of its own: named, so the base is plain.
    const base = `${c.base.month} ${versionText(w, c.base.version)}${c.base.scopeUnitId === view.run.scopeUnitId ? '' : ` · ${c.base.scopeUnitName}`}`;
    return { rows: changesFromServer(w, c.changes), label: format(q.payroll.againstBase, { against: label, base }) };
  };

  /** Writes the Explain, Changes and Payroll sheets for a run (the Payroll sheet last, so it is the one in front). */
  const writeSheets = async (id: string, progress: (value: number) => void) => {
    // The payslips a page at a time: the first tenth of the bar, by the headcount the review showed.
    const headcount = review?.run.id === id ? review.totals.headcount : 0;
    const view = await readRunView(client, id, (read) => progress(headcount ? (0.1 * Math.min(read, headcount)) / headcount : 0.05));
    progress(0.1);
    const before = await readTaggedSheet(excel(), PAYROLL_KIND, { month: view.run.month, scope: view.run.scopeUnitId });
    const spec = payrollSheetSpec(w, view, previousValues(before));
    const changes = await changesFor(view, before ? spec.changes : null);
    progress(0.3);
    const written = changes ? await writeSheetTable(excel(), changesSheetSpec(w, view, changes.label, changes.rows)) : null;
    progress(0.4);
    // The sheet as the read found it: the write need not look for it again (issue 12 §4).
    const report = await writeGridSheet(excel(), spec, { sheet: before?.sheet, onProgress: (x) => progress(0.4 + (0.6 * x.rowsWritten) / Math.max(1, x.totalRows)) });
    // A first sheet has nothing highlighted to speak of: no "0 cells changed since the last refresh" before "nothing to compare with yet".
    const wrote = format(before ? p.wrote : p.wroteFirst, { n: view.payslips.length, sheet: report.sheetName, changed: spec.highlight?.length ?? 0 });
    const compared = changes && written
      ? format(q.pane.wroteChanges, { n: changes.rows.length, against: changes.label, sheet: written.sheetName })
      : against === 'REFRESH'
        ? q.pane.firstRefresh
        : format(q.pane.noBase, { against: q.payroll.against[against] });
    setStatus({ intent: 'success', message: `${wrote} ${compared}` });
  };

  /** A run not calculated yet has no payslips: say what comes first instead of writing an empty sheet. */
  const uncalculated = (r: ListedRun): boolean => {
    if (r.status !== 'DRAFT') return false;
    setStatus({ intent: 'info', message: staff && r.viewerMayRun ? p.notCalculated : p.notCalculatedReader });
    return true;
  };

  const refresh = act('refresh', async (progress) => {
    if (selected && !uncalculated(selected)) await writeSheets(selected.id, progress);
  });

  /** The Explain sheet, on demand (issue 12 §4): every payslip line's rule, inputs and arithmetic; a refresh no longer writes it. */
  const explain = act('explain', async (progress) => {
    if (!selected || uncalculated(selected)) return;
    const headcount = review?.run.id === selected.id ? review.totals.headcount : 0;
    const view = await readRunView(client, selected.id, (read) => progress(headcount ? (0.5 * Math.min(read, headcount)) / headcount : 0.25));
    progress(0.5);
    const written = await writeSheetTable(excel(), explainSheetSpec(w, view));
    setStatus({ intent: 'success', message: format(p.explained, { n: view.payslips.length, sheet: written.sheetName }) });
  });

  const mutate = (kind: BusyKind, query: string, vars: Record<string, unknown> = {}) =>
    act(kind, async () => {
      const r = selected!;
      const data = await run<Record<string, RunView>>(client, query, { id: r.id, revision: r.revision, ...vars }, true);
      const view = Object.values(data)[0]!;
      await loadRuns(true);
      await loadReview(view.run.id);
      setComment('');
      setStatus({ intent: 'success', message: format(p.done, { status: p.statuses[view.run.status as keyof typeof p.statuses] ?? view.run.status }) });
    });

  /**
   * Follows a calculation job to its end (the server calculates off the request path;
   * the bar shows people done), then shows the run as calculated.
   */
  const followCalculation = async (jobId: string, id: string, progress: (value: number, detail?: string) => void) => {
    const count = new Intl.NumberFormat(w.locale);
    const job = await followJob(client, jobId, (j) =>
      progress(
        j.total ? j.done / j.total : 0,
        j.status === 'QUEUED' ? q.pane.queued : j.total ? format(q.pane.calculating, { done: count.format(j.done), total: count.format(j.total) }) : undefined,
      ),
    );
    await loadRuns(true);
    await loadReview(id);
    setStatus({ intent: 'success', message: format(p.calculated, { n: count.format(job.total), status: p.statuses.CALCULATED }) });
  };

  const calculate = act('calculate', async (progress) => {
    const r = selected!;
    const d = await run<{ startPayrollCalculation: JobView }>(client, START_CALCULATION, { id: r.id, revision: r.revision }, true);
    await followCalculation(d.startPayrollCalculation.id, r.id, progress);
  });

  // Opened (or the run chosen) while its calculation runs: follow it, so the bar and the outcome show here too.
  useEffect(() => {
    const job = review?.calculation;
    if (review && job && isOpen(job) && !running.current) void act('calculate', (progress) => followCalculation(job.id, review.run.id, progress))();
  }, [review]);

  const submitNow = mutate('submit', SUBMIT_RUN);
  const [confirmingSubmit, setConfirmingSubmit] = useState(false);
  /** Submits the run for sign-off; for a month not over yet, asks first. */
  const submit = () => {
    if (selected && notOver(selected.month, today())) return setConfirmingSubmit(true);
    void submitNow();
  };
  useEffect(() => setConfirmingSubmit(false), [selected?.id]);

  /** Discarding a run nobody has signed: asked for with a reason first, then the run and its payslips go. */
  const [discarding, setDiscarding] = useState(false);
  const [discardReason, setDiscardReason] = useState('');
  useEffect(() => {
    setDiscarding(false);
    setDiscardReason('');
  }, [selected?.id]);
  const discard = act('discard', async () => {
    const r = selected!;
    if (!discardReason.trim()) throw new Error(p.discardNeedsReason);
    await run(client, DISCARD_RUN, { id: r.id, revision: r.revision, reason: discardReason.trim() }, true);
    setDiscarding(false);
    setDiscardReason('');
    setRunId('');
    await loadRuns(true);
    setStatus({ intent: 'success', message: format(p.discarded, { unit: r.scopeUnitName, month: r.month, version: r.version }) });
  });

  const create = act('create', async () => {
    const d = await run<{ createPayrollRun: RunView }>(client, CREATE_RUN, { month, u: unitId }, true);
    await loadRuns(true);
    setRunId(d.createPayrollRun.run.id);
  });

  return {
    staff,
    discarding,
    startDiscard: () => setDiscarding(true),
    cancelDiscard: () => {
      setDiscarding(false);
      setDiscardReason('');
    },
    discardReason,
    setDiscardReason,
    discard,
    month,
    /** The user's choice of month: the screen no longer opens on a waiting run by itself. */
    setMonth: (m: string) => {
      opened.current = true;
      // What the last action said was about the month before.
      if (m !== month) setStatus(null);
      setMonth(m);
    },
    runs,
    awaitingYou,
    otherMonths,
    openRun,
    runId,
    setRunId,
    selected,
    review,
    units,
    servedUnits,
    unitId,
    setUnitId,
    comment,
    setComment,
    against,
    setAgainst,
    status,
    busy,
    refresh,
    explain,
    create,
    calculate,
    submit,
    /** Submitting a month not over yet waits for the user's yes (the month being asked about). */
    confirmingSubmit: confirmingSubmit ? selected?.month ?? null : null,
    submitAnyway: () => void submitNow(),
    cancelSubmit: () => setConfirmingSubmit(false),
    approve: mutate('approve', APPROVE_RUN, { comment: comment || null }),
    sendBack: mutate('return', RETURN_RUN, { comment }),
  };
}
