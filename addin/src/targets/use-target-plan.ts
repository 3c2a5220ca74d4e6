/**
 * The Targets screen's state and calls for the manager's flow: the plans of a
 * year, the selected one, and every action on it (create, pull, preview,
 * break down, change a draft's year target, validate, save a draft, submit
 * with a comment, compare after a CONFLICT, rollup). One action at a time, with what is being done shown;
 * a pull or breakdown that would replace cells the user typed asks first.
 */
import { describeError, isTransient } from '../api/describe-error.ts';
import { loadWithRetry, newestOnly, oneAtATime, withoutRetryOf } from '../api/retry.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../i18n.ts';
import { ApiError, run } from '../api/client.ts';
import { BREAK_DOWN, CREATE_PLAN, FISCAL_YEAR_START, PREVIEW, SAVE_LINES, SET_TOTAL, SUBMIT, TARGET_PLAN, TARGET_PLANS, TARGET_ROLLUP, type PlanSummary } from '../api/operations.ts';
import { formatAmountText } from '../i18n/format.ts';
import { readStoredText, readTaggedSheet, writeGridSheet, writeSheetTable, writeStoredText, type ExcelRun } from '../excel/workbook.ts';
import { METRICS, type Metric } from '../../../schema/metrics.ts';
import { describeIssue } from '../i18n/issues.ts';
import { rollupSheet, type RollupRow } from './rollup-sheet.ts';
import { planningYear } from './planning-year.ts';
import { checkSheet, checkDraftSheet, comparisonSheetSpec, issueCell, linesForServer, PLAN_FIELDS, readTargetSheet, targetSheetSpec, TARGETS_KIND, type PlanView, type ReadBack } from './target-sheet.ts';
import { keepCells, pulledKey, pulledText, readPulled, typedCells, type TypedCell } from './typed-cells.ts';
import type { Issue } from '../excel/cells.ts';
import { useStatusState } from '../taskpane/status-state.ts';

export const SAVE_DRAFT = `mutation SaveDraft($id: ID!, $revision: Int!, $lines: [TargetLineInput!]!) { saveTargetPlanDraft(id: $id, revision: $revision, lines: $lines) { ${PLAN_FIELDS} } }`;

export const REVISE = `mutation Revise($id: ID!, $revision: Int!) { reviseTargetPlan(id: $id, revision: $revision) { ${PLAN_FIELDS} } }`;

export const METHODS = ['EQUAL', 'WEIGHTS', 'HISTORY', 'GROWTH', 'HEADCOUNT', 'DAYS_EMPLOYED'] as const;
export type Method = (typeof METHODS)[number];
export type Work = keyof Words['targetFlow']['working'];

export type { Issue } from '../excel/cells.ts';

export type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; work: Work }
  | { kind: 'ok'; message: string }
  | { kind: 'error'; message: string; retry?: () => void; keepLocked?: () => void }
  | { kind: 'conflict' }
  | { kind: 'issues'; issues: Issue[] };

/** A pull or breakdown waiting for the user's answer about their typed cells. */
export interface Confirm {
  typed: TypedCell[];
  proceed: (choice: 'replace' | 'keep') => void;
}

/** What the methods need besides their kind: a growth %, a seasonality profile ('' for weights typed per period), typed weights by key. */
export interface MethodOptions {
  growth: string;
  profile: string;
  weights?: { time?: Record<string, string>; owners?: Record<string, string> };
}

export interface NewPlanInput {
  unitId: string;
  metric: string;
  level: string;
  total: string;
  periodLevel: string;
}

/** Period keys of a chain's top level, for showing a plan's scope row briefly. */
const TOP_KEY: Record<string, RegExp> = { quarter: /-Q\d$/, month: /^\d{4}-\d{2}$/, week: /-W\d+$/, tenday: /-D\d$/ };

export function useTargetPlan(w: Words, client: Client, excel: () => ExcelRun, onSessionEnded: () => void) {
  const t = w.targets;
  const f = w.targetFlow;
  const [year, setYearState] = useState(String(planningYear(new Date())));
  // The month fiscal years start in (1 until the server says): the year opened on, and what "last year" is, are fiscal.
  const [firstMonth, setFirstMonth] = useState(1);
  const typedYear = useRef(false);
  const setYear = useCallback((y: string) => {
    typedYear.current = true;
    setYearState(y);
  }, []);
  useEffect(() => {
    let live = true;
    run<{ fiscalYearStartMonth: number }>(client, FISCAL_YEAR_START, {}).then(
      (d) => {
        if (!live) return;
        setFirstMonth(d.fiscalYearStartMonth);
        // Unless the user has typed a year meanwhile, open on the fiscal year being planned.
        if (!typedYear.current) setYearState(String(planningYear(new Date(), d.fiscalYearStartMonth)));
      },
      // Without it the calendar year stands: nothing the user asked for failed.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [planId, setPlanId] = useState('');
  const [status, setStatus] = useStatusState<Status>({ kind: 'idle' });
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [preview, setPreview] = useState<{ total: string; row: { periodKey: string; amount: string }[] } | null>(null);
  /** Guards against a second start while one action runs (a state update is not seen before the next click). */
  const running = useRef(false);
  /** After a load that worked, a Try again left from a failed one goes. */
  const clearRetry = useCallback((retry: () => void) => setStatus(withoutRetryOf<Status>(retry, { kind: 'idle' })), []);

  const fail = useCallback(
    (err: unknown, retry?: () => void) => {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
      if (err instanceof ApiError && err.code === 'CONFLICT') return setStatus({ kind: 'conflict' });
      setStatus({ kind: 'error', message: describeError(w, err), ...(retry && isTransient(err) ? { retry } : {}) });
    },
    [onSessionEnded],
  );

  /** The latest list request: an answer to an older one (another year typed since) is dropped. */
  const begin = useRef(newestOnly()).current;
  const loadPlans = useCallback(async () => {
    const current = begin();
    if (!/^\d{4}$/.test(year)) return [];
    const data = await run<{ targetPlans: PlanSummary[] }>(client, TARGET_PLANS, { year: Number(year) });
    if (current()) setPlans(data.targetPlans);
    return data.targetPlans;
  }, [client, year]);

  useEffect(() => {
    loadWithRetry(loadPlans, fail, clearRetry);
  }, [loadPlans, fail]);

  const selected = plans.find((p) => p.id === planId);
  const fetchView = (id: string) => run<{ targetPlan: PlanView }>(client, TARGET_PLAN, { id }).then((d) => d.targetPlan);
  const statusName = (s: string) => t.statuses[s as keyof typeof t.statuses] ?? s;

  /** Runs one action: refused while another runs; shows what is being done. */
  const act = (work: Work, job: () => Promise<void>) =>
    oneAtATime(
      running,
      {
        start: () => {
          setConfirm(null);
          setStatus({ kind: 'busy', work });
        },
        fail,
      },
      job,
    );

  /** Writes a plan to its sheet and remembers what was written. */
  const writeView = async (view: PlanView, keep?: TypedCell[]) => {
    const report = await writeGridSheet(excel(), targetSheetSpec(w, view, t.title, keep && keepCells(keep)));
    await writeStoredText(excel(), pulledKey(view.plan.id), pulledText(view));
    const message = keep?.length ? format(f.keptMine, { version: view.plan.version, n: keep.length }) : format(t.wrotePlan, { version: view.plan.version, status: statusName(view.plan.status), sheet: report.sheetName });
    setStatus({ kind: 'ok', message });
  };

  /** The plan's sheet as it stands, read back against the plan's layout (null when it is not in the workbook). */
  const readSheet = async (view: PlanView): Promise<{ back: ReadBack; sheetName: string } | null> => {
    const read = await readTaggedSheet(excel(), TARGETS_KIND, { planId: view.plan.id }, ['revision']);
    return read && { back: readTargetSheet(w, view, read), sheetName: read.sheetName };
  };

  /** The cells typed on the plan's sheet since the last pull (none when there is no sheet). */
  const typedOnSheet = async (current: PlanView, incoming: PlanView | null) => {
    const sheet = await readSheet(current);
    if (!sheet) return [];
    // No record of the last pull (a sheet from before it was kept): the server's current figures stand in for it.
    const pulled = readPulled(await readStoredText(excel(), pulledKey(current.plan.id))) ?? readPulled(pulledText(current));
    return typedCells(current, sheet.back, sheet.sheetName, pulled, incoming);
  };

  /** Asks before replacing typed cells: resolves with the choice, or null when cancelled. */
  const ask = (typed: TypedCell[]) =>
    new Promise<'replace' | 'keep' | null>((resolve) => {
      setStatus({ kind: 'idle' });
      setConfirm({ typed, proceed: (choice) => resolve(choice) });
      cancelRef.current = () => resolve(null);
    });
  const cancelRef = useRef<() => void>(() => undefined);
  const cancel = () => {
    setConfirm(null);
    cancelRef.current();
    setStatus({ kind: 'ok', message: f.cancelled });
  };
  const choose = async (typed: TypedCell[], work: Work): Promise<'replace' | 'keep' | null> => {
    if (!typed.length) return 'replace';
    const choice = await ask(typed);
    setConfirm(null);
    if (choice) setStatus({ kind: 'busy', work });
    return choice;
  };

  const create = (draft: NewPlanInput) =>
    act('create', async () => {
      // No total typed: the server takes the parent's published figure.
      const input = { year: Number(year), metric: draft.metric, level: draft.level, scopeUnitId: draft.unitId, periodLevel: draft.periodLevel, total: draft.total.trim() || null };
      const data = await run<{ createTargetPlan: PlanView }>(client, CREATE_PLAN, { input }, true);
      await loadPlans();
      setPlanId(data.createTargetPlan.plan.id);
      await writeView(data.createTargetPlan);
    })();

  const pull = act('pull', async () => {
    const view = await fetchView(planId);
    const typed = await typedOnSheet(view, view);
    const choice = await choose(typed, 'pull');
    if (!choice) return;
    await writeView(view, choice === 'keep' ? typed : undefined);
  });

  const method = (kind: Method, axis: 'time' | 'owners', opts: MethodOptions) => {
    // Weights typed per period (no profile chosen) or per row.
    const typed = kind === 'WEIGHTS' && (axis === 'owners' || !opts.profile) ? opts.weights?.[axis] : undefined;
    return {
      kind,
      growthPercent: kind === 'GROWTH' ? opts.growth : null,
      profileCode: axis === 'time' && kind === 'WEIGHTS' && opts.profile ? opts.profile : null,
      percents: typed ? Object.entries(typed).map(([key, percent]) => ({ key, percent: percent.trim() })) : null,
    };
  };

  const showPreview = (time: Method, owners: Method, opts: MethodOptions) =>
    act('preview', async () => {
      // With months locked, the preview shows what keeping them gives (what Keep locked months will write).
      const data = await run<{ targetPlanBreakdownPreview: { total: string; lines: PlanView['lines'] } }>(client, PREVIEW, { id: planId, time: method(time, 'time', opts), owners: method(owners, 'owners', opts), keepLocked: true });
      const top = TOP_KEY[selected!.periodLevel.split(',')[0]!]!;
      setPreview({ total: data.targetPlanBreakdownPreview.total, row: data.targetPlanBreakdownPreview.lines.filter((l) => l.ownerId === selected!.scopeUnitId && top.test(l.periodKey)) });
      setStatus({ kind: 'idle' });
    })();

  /**
   * A breakdown touching a locked month is refused; the refusal offers to
   * keep the locked months' figures and spread the rest over the open ones.
   */
  const breakDown = (time: Method, owners: Method, opts: MethodOptions, keepLocked = false): Promise<void> =>
    act('breakDown', async () => {
      // Cells typed since the last pull are asked about before the server replaces the lines.
      const current = await fetchView(planId);
      const typed = await typedOnSheet(current, null);
      const choice = await choose(typed, 'breakDown');
      if (!choice) return;
      // The revision the list was loaded at: if the plan moved on since, CONFLICT says so.
      let data: { breakDownTargetPlan: PlanView };
      try {
        data = await run<{ breakDownTargetPlan: PlanView }>(client, BREAK_DOWN, { id: planId, revision: selected!.revision, time: method(time, 'time', opts), owners: method(owners, 'owners', opts), keepLocked }, true);
      } catch (err) {
        if (!keepLocked && err instanceof ApiError && err.reason === 'PERIOD_LOCKED') {
          return setStatus({ kind: 'error', message: `${describeError(w, err)} ${f.keepLockedHint}`, keepLocked: () => void breakDown(time, owners, opts, true) });
        }
        throw err;
      }
      setPreview(null);
      await writeView(data.breakDownTargetPlan, choice === 'keep' ? typed : undefined);
      await loadPlans();
    })();

  /**
   * A draft's year target changed (one no parent plan gives): the lines stay as they are, and the sheet is written again
   * with the new target in its banner and totals; cells typed since the pull are asked about first, as for a breakdown.
   */
  const setTotal = (total: string) =>
    act('setTotal', async () => {
      const current = await fetchView(planId);
      const typed = await typedOnSheet(current, current);
      const choice = await choose(typed, 'setTotal');
      if (!choice) return;
      const data = await run<{ setTargetPlanTotal: PlanView }>(client, SET_TOTAL, { id: planId, revision: selected!.revision, total: total.trim() }, true);
      const view = data.setTargetPlanTotal;
      await writeView(view, choice === 'keep' ? typed : undefined);
      await loadPlans();
      setStatus({ kind: 'ok', message: format(f.totalChanged, { total: formatAmountText(view.plan.total, METRICS[view.plan.metric].unit, w.locale), version: view.plan.version }) });
    })();

  /** The sheet read back and what the rules find wrong with it, each issue at its cell: all of the plan's rules, or a draft's (no sums). */
  const check = async (rules: typeof checkSheet = checkSheet) => {
    const view = await fetchView(planId);
    const sheet = await readSheet(view);
    if (!sheet) return { view, back: null, issues: [{ cell: null, message: t.notPulled }] };
    const { back, sheetName } = sheet;
    if (back.problems.length) return { view, back, issues: back.problems.map((p) => ({ cell: p.cell.endsWith('A:A') ? null : p.cell, message: `${p.cell}: ${p.message}` })) };
    const issues = rules(view, back).map((i) => {
      const cell = issueCell(sheetName, back, i);
      return { cell, message: `${cell ? `${cell}: ` : ''}${describeIssue(i, w.locale, METRICS[view.plan.metric].unit)}` };
    });
    return { view, back, issues };
  };

  const validate = act('validate', async () => {
    const { issues } = await check();
    setStatus(issues.length ? { kind: 'issues', issues } : { kind: 'ok', message: t.valid });
  });

  /** Stores the sheet's cells as they stand (the sums may be off); the plan stays a draft. */
  const saveDraft = act('saveDraft', async () => {
    // A draft may be incomplete (its sums off), but each cell must be storable: those that are not, named at their cells before sending.
    const { back, issues } = await check(checkDraftSheet);
    if (issues.length || !back) return setStatus({ kind: 'issues', issues });
    const data = await run<{ saveTargetPlanDraft: PlanView }>(client, SAVE_DRAFT, { id: planId, revision: back.revision, lines: linesForServer(back) }, true);
    const saved = data.saveTargetPlanDraft;
    await writeView(saved);
    setStatus({ kind: 'ok', message: format(f.savedDraft, { version: saved.plan.version, n: saved.lines.length }) });
    await loadPlans();
  });

  const submit = (comment: string) =>
    act('submit', async () => {
      const { back, issues } = await check();
      if (issues.length || !back) return setStatus({ kind: 'issues', issues });
      // The revision the sheet was pulled at: if the server moved on since, CONFLICT, and the sheet stays as it is.
      const saved = await run<{ saveTargetLines: PlanView }>(client, SAVE_LINES, { id: planId, revision: back.revision, lines: linesForServer(back) }, true);
      const done = await run<{ submitTargetPlan: PlanView }>(client, SUBMIT, { id: planId, revision: saved.saveTargetLines.plan.revision, comment: comment.trim() || null }, true);
      await writeView(done.submitTargetPlan);
      setStatus({ kind: 'ok', message: format(t.submitted, { version: done.submitTargetPlan.plan.version }) });
      await loadPlans();
    })();

  /** After a CONFLICT: the server's version beside the user's sheet, the cells that differ highlighted. */
  const compare = act('compare', async () => {
    const view = await fetchView(planId);
    const mine = await readSheet(view);
    const report = await writeGridSheet(excel(), comparisonSheetSpec(w, view, f.comparisonSheet, mine && !mine.back.problems.length ? mine.back : null));
    setStatus({ kind: 'ok', message: format(t.wrotePlan, { version: view.plan.version, status: statusName(view.plan.status), sheet: report.sheetName }) });
  });

  /** Changing an approved or published plan: the next version as a draft, written to its own sheet. */
  const revise = act('revise', async () => {
    const old = selected!;
    const data = await run<{ reviseTargetPlan: PlanView }>(client, REVISE, { id: old.id, revision: old.revision }, true);
    const next = data.reviseTargetPlan;
    await loadPlans();
    setPlanId(next.plan.id);
    await writeView(next);
    setStatus({ kind: 'ok', message: format(f.revised, { version: next.plan.version, old: old.version }) });
  });

  /** The selected plan's unit, year, metric and level: its plan, the plans below it and their people, each level checked. */
  const rollup = act('rollup', async () => {
    const key = { unitId: selected!.scopeUnitId, year: selected!.year, metric: selected!.metric as Metric, level: selected!.level as 'BASE' | 'STRETCH' };
    const data = await run<{ targetRollup: RollupRow[] }>(client, TARGET_ROLLUP, key);
    const report = await writeSheetTable(excel(), rollupSheet(w, data.targetRollup, key));
    setStatus({ kind: 'ok', message: format(t.wroteRollup, { n: report.rows, sheet: report.sheetName, bad: data.targetRollup.filter((r) => !r.matches).length }) });
  });

  return {
    year,
    setYear,
    firstMonth,
    plans,
    /** Lists the year's plans again (after a decision elsewhere on the screen). */
    reloadPlans: () => void loadPlans().catch(() => undefined),
    planId,
    setPlanId: (id: string) => {
      setPlanId(id);
      setPreview(null);
    },
    selected,
    status,
    setStatus,
    busy: status.kind === 'busy' || confirm !== null,
    confirm,
    cancel,
    preview,
    fail,
    create,
    pull,
    showPreview,
    breakDown,
    setTotal,
    validate,
    saveDraft,
    submit,
    compare,
    rollup,
    revise,
  };
}

export type TargetPlanState = ReturnType<typeof useTargetPlan>;
