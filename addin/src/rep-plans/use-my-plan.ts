/**
 * The My plan screen's state and calls (issue 11 §2): the month chosen, the
 * rep's plan for it (target, due day, versions), and every action: write the
 * plan sheet, check it with the shared rules (each problem a link to its
 * cell), save it as a draft, submit it. What the manager decided is said
 * when the plan is loaded. One action at a time; a slow or unreachable
 * server leaves a Try again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '@urql/core';
import { ApiError, run } from '../api/client.ts';
import { oneAtATime, newestOnly } from '../api/retry.ts';
import { describeError, isTransient } from '../api/describe-error.ts';
import { format, type Words, phrase } from '../i18n.ts';
import { adoptSheet, readSheetByName, readTaggedSheet, writeDocumentProperties, type ExcelRun } from '../excel/workbook.ts';
import { MY_REP_PLAN, MY_REP_PLAN_COVER, nextMonth, SAVE_REP_PLAN, SUBMIT_REP_PLAN, validMonth, type MyRepPlan, type RepPlanView } from './operations.ts';
import { checkTemplateLayout, PLAN_KIND, planSheetSpec, planTargetText, readPlanSheet, type Issue, type PlanSheetOwner } from './plan-sheet.ts';
import { formatMoneyText } from '../i18n/format.ts';
import { coverSheetSpec, READABLE_TEMPLATE_VERSIONS, TEMPLATE_VERSION, templateProperties, type TemplateCover, type TemplateMarker } from './plan-template.ts';
import { formatMoney } from '../../../schema/money.ts';
import { MY_WORK_MONTH } from '../work-reports/operations.ts';
import { logSheetSpec, reportSheetSpec, type WorkMonth } from '../work-reports/month-sheets.ts';
import { useStatusState } from '../taskpane/status-state.ts';
import { describeReason } from '../api/describe-error.ts';
import { useTypedAsk } from '../taskpane/components/useTypedAsk.ts';

export type Work = keyof Words['repPlans']['working'];

/**
 * A message kept as what to say, not as text: the pane says it in the
 * reader's language when it shows it, so a language chosen meanwhile (even
 * while an action was running) never leaves a sentence in the other one.
 */
export type Say = (w: Words) => string;

export type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; work: Work }
  | { kind: 'ok'; say: Say; warnings?: (w: Words) => Issue[] }
  | { kind: 'error'; say: Say; retry?: () => void }
  | { kind: 'issues'; issues: Issue[] };

/**
 * What the manager decided, said to the rep when their plan is loaded (null:
 * nothing to say). A returned plan's sheet, as handed in, is still locked
 * until the plan sheet is written again: on loading, the rep is told so
 * (`loaded`); once written, to change it.
 */
export function decisionNote(w: Words, form: MyRepPlan, loaded = false): string | null {
  const r = w.repPlans;
  const p = form.plan;
  if (!p) return null;
  if (p.status === 'RETURNED') return format(loaded ? r.returnedOpenNote : r.returnedNote, { version: p.version, comment: p.decisionComment ?? '' });
  if (p.status === 'ACCEPTED') return phrase(w.locale, r.acceptedNote, { version: p.version, month: form.month });
  if (p.status === 'SUBMITTED') return format(r.submittedNote, { version: p.version });
  return null;
}

/**
 * What the pane says once it has written the plan sheet (`wrote`) or taken
 * the open template's (`templateOpened`): where, and what next. Only a plan
 * the rep can still change asks them to fill in the yellow cells, Check and
 * Submit; a submitted or accepted one says it cannot be changed, then what
 * the manager decided or that it waits for them.
 */
export function sheetNote(w: Words, form: MyRepPlan, sheet: string, how: 'wrote' | 'templateOpened'): string {
  const r = w.repPlans;
  const editable = !form.plan || form.plan.canEdit;
  const status = form.plan ? (r.statuses[form.plan.status] ?? form.plan.status) : r.notStarted;
  const template = how === 'wrote' ? (editable ? r.wrote : r.wroteReadOnly) : editable ? r.templateOpened : r.templateOpenedReadOnly;
  const said = phrase(w.locale, template, { month: form.month, sheet, status });
  const note = decisionNote(w, form);
  return note ? `${said} ${note}` : said;
}

/**
 * `template`: the open workbook is a plan template (its document properties
 * say whose and which month): the screen opens on that month and takes the
 * plan from the template's sheet, once it is the signed-in person's and laid
 * out as it was made.
 */
export function useMyPlan(w: Words, client: Client, excel: () => ExcelRun, onSessionEnded: () => void, template: TemplateMarker | null = null) {
  const r = w.repPlans;
  const [month, setMonthState] = useState(template?.month ?? nextMonth());
  const [form, setForm] = useState<MyRepPlan | null>(null);
  const [status, setStatus] = useStatusState<Status>({ kind: 'idle' });
  const running = useRef(false);
  const opened = useRef(false);
  const begin = useRef(newestOnly()).current;
  const typed = useTypedAsk();

  // As the shared errorStatus (api/retry.ts), but said in whichever language the pane is in when it shows it.
  const fail = useCallback(
    (err: unknown, retry?: () => void): void => {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
      setStatus({ kind: 'error', say: (w) => describeError(w, err), ...(retry && isTransient(err) ? { retry } : {}) });
    },
    [onSessionEnded],
  );
  const act = (work: Work, job: () => Promise<void>) => oneAtATime(running, { start: () => setStatus({ kind: 'busy', work }), fail }, job);

  const load = useCallback(async () => {
    const current = begin();
    if (!validMonth(month)) return null;
    const data = await run<{ myRepPlan: MyRepPlan }>(client, MY_REP_PLAN, { month: month.trim() }, true);
    if (current()) setForm(data.myRepPlan);
    return data.myRepPlan;
  }, [client, month]);

  useEffect(() => {
    // A month typed since this load began makes its answer (or failure) stale.
    let live = true;
    const attempt = () =>
      void load().then(
        (f) => {
          if (!live) return;
          if (f && template && !opened.current && f.month === template.month) {
            opened.current = true;
            return void openTemplate(f)();
          }
          const note = f && decisionNote(w, f, true) !== null;
          setStatus((s) => (s.kind === 'busy' ? s : note ? { kind: 'ok', say: (w) => decisionNote(w, f, true)! } : { kind: 'idle' }));
        },
        (err: unknown) => live && fail(err, attempt),
      );
    attempt();
    return () => {
      live = false;
    };
  }, [load, fail, w]);

  const ownerOf = (f: MyRepPlan | null): PlanSheetOwner | null => (f?.person ? { personId: f.person.id, personName: f.person.name, employeeNo: f.person.employeeNo } : null);
  const viewer = ownerOf(form);
  const editable = (f: MyRepPlan) => !f.plan || f.plan.canEdit;
  const planSpec = (f: MyRepPlan) => planSheetSpec(w, ownerOf(f)!, f, f.plan, editable(f));
  /** Writes the plan sheet as the server has the plan (after a save, or when it cannot be typed in any more). */
  const write = async (f: MyRepPlan) => (await typed.rewrite(excel(), [{ spec: planSpec(f) }], true, () => undefined))![0]!;
  const identityOf = (f: MyRepPlan) => ({ personId: f.person!.id, month: f.month });

  /**
   * The open template's plan sheet made the pane's own plan sheet for this
   * month (tagged as the pane tags what it writes) when the template is the
   * signed-in person's and laid out as it was made; else why not, as a
   * status, and the workbook and server unchanged. Null also when the open
   * workbook is no template of this month.
   */
  const adoptTemplate = async (f: MyRepPlan): Promise<Status | null> => {
    if (!template || f.month !== template.month) return null;
    if (!READABLE_TEMPLATE_VERSIONS.includes(template.version)) return { kind: 'error', say: (w) => format(w.reasons.PLAN_TEMPLATE_VERSION, { version: template.version }) };
    if (!f.person || f.person.id !== template.personId) return { kind: 'error', say: (w) => format(w.reasons.PLAN_TEMPLATE_NOT_YOURS, { name: template.personName, month: template.month }) };
    const read = await readSheetByName(excel(), template.sheet);
    if (!read) return { kind: 'issues', issues: [{ cell: null, message: format(w.reasons.PLAN_TEMPLATE_SHEET_MISSING, { sheet: template.sheet }) }] };
    const layout = checkTemplateLayout(w, read, f.weeks.map((x) => x.key));
    if (!layout.block) return { kind: 'issues', issues: layout.issues };
    const properties = { personName: f.person.name, planId: f.plan?.id ?? '', revision: String(f.plan?.revision ?? ''), status: f.plan?.status ?? '' };
    await adoptSheet(excel(), read.sheetName, { kind: PLAN_KIND, identity: identityOf(f), properties, block: layout.block, header: layout.header });
    return null;
  };

  /** On opening a template: its plan found (or why it cannot be used) and what the manager decided, said. */
  const openTemplate = (f: MyRepPlan) =>
    act('template', async () => {
      const own = await readTaggedSheet(excel(), PLAN_KIND, identityOf(f), ['status']);
      const refused = own ? null : await adoptTemplate(f);
      if (refused) return setStatus(refused);
      // The sheet is written afresh with the plan as the server has it when what it shows cannot be typed in any
      // more (submitted or accepted since), or could not be when last written (e.g. it was returned since, so it
      // opens to edit). Figures the rep typed into an editable sheet are never overwritten.
      const wasReadOnly = (status: string | undefined) => status === 'SUBMITTED' || status === 'ACCEPTED';
      if (f.plan && (own ? own.properties.status !== f.plan.status && (!editable(f) || wasReadOnly(own.properties.status)) : !editable(f))) await write(f);
      const sheet = own?.sheetName ?? template!.sheet;
      setStatus({ kind: 'ok', say: (w) => sheetNote(w, f, sheet, 'templateOpened') });
    });

  // Writing the sheet again asks before figures typed there (and not saved) are replaced.
  const writeSheet = (replace = false): Promise<void> =>
    act('write', async () => {
      if (!validMonth(month)) return setStatus({ kind: 'error', say: (w) => w.repPlans.badMonth });
      const f = await load();
      if (!f?.person) return setStatus({ kind: 'idle' });
      const reports = await typed.rewrite(excel(), [{ spec: planSpec(f) }], replace, () => void writeSheet(true));
      if (!reports) return setStatus({ kind: 'idle' });
      setStatus({ kind: 'ok', say: (w) => sheetNote(w, f, reports[0]!.sheetName, 'wrote') });
    })();

  /**
   * The plan template in the open workbook, as the server makes it: the
   * cover, the plan sheet, and the document properties that make the pane
   * open with it (issue 11 §1).
   */
  const makeTemplate = (replace = false): Promise<void> =>
    act('makeTemplate', async () => {
      if (!validMonth(month)) return setStatus({ kind: 'error', say: (w) => w.repPlans.badMonth });
      const f = await load();
      if (!f?.person) return setStatus({ kind: 'idle' });
      const more = (await run<{ myRepPlan: Pick<TemplateCover, 'unitName' | 'customers'> }>(client, MY_REP_PLAN_COVER, { month: f.month }, true)).myRepPlan;
      // The month's work log and reports, to fill in the template as well (issue 11 §3).
      const work = (await run<{ myWorkMonth: WorkMonth }>(client, MY_WORK_MONTH, { month: f.month }, true)).myWorkMonth;
      const cover = coverSheetSpec(w, { person: f.person, month: f.month, target: f.target, stretchTarget: f.stretchTarget, dueOn: f.dueOn, ...more });
      // Nothing is written while the plan, log or reports sheet holds typing the template would replace: asked first.
      const sheets = [cover, planSpec(f), logSheetSpec(w, ownerOf(f)!, work), reportSheetSpec(w, ownerOf(f)!, work)].map((spec) => ({ spec }));
      const reports = await typed.rewrite(excel(), sheets, replace, () => void makeTemplate(true));
      if (!reports) return setStatus({ kind: 'idle' });
      const [coverSheet, plan, log, reportSheet] = reports.map((r) => r.sheetName) as [string, string, string, string];
      await writeDocumentProperties(excel(), templateProperties({ personId: f.person.id, personName: f.person.name, month: f.month, version: TEMPLATE_VERSION, sheet: plan, logSheet: log, reportSheet }));
      setStatus({ kind: 'ok', say: (w) => phrase(w.locale, w.repPlans.templateMade, { month: f.month, cover: coverSheet, sheet: plan, log, reports: reportSheet }) });
    })();

  /**
   * The month's plan sheet, read back and checked; null (with the status said) when it cannot be used.
   * `draft`: for saving a draft, which problems that only stop a submission (an empty plan) do not stop.
   */
  const readChecked = async (draft = false) => {
    if (!form || !viewer) return null;
    if (!editable(form)) {
      const status = form.plan!.status;
      setStatus({ kind: 'error', say: (w) => format(w.repPlans.readOnly, { status: w.repPlans.statuses[status] ?? status }) });
      return null;
    }
    const identity = { personId: viewer.personId, month: form.month };
    let read = await readTaggedSheet(excel(), PLAN_KIND, identity, ['revision', 'personName']);
    if (!read) {
      // The open workbook may be a template of this month: its sheet, once taken as the plan sheet, or why it cannot be.
      const refused = await adoptTemplate(form);
      if (refused) {
        setStatus(refused);
        return null;
      }
      read = await readTaggedSheet(excel(), PLAN_KIND, identity, ['revision', 'personName']);
    }
    if (!read) {
      setStatus({ kind: 'issues', issues: [{ cell: null, message: phrase(w.locale, r.notWritten, { month: form.month }) }] });
      return null;
    }
    const f = form;
    const back = { ...readPlanSheet(w, f, read), warn: (w: Words) => readPlanSheet(w, f, read!).warnings };
    const blocking = draft ? back.issues.filter((i) => !back.submitOnly.includes(i)) : back.issues;
    if (blocking.length) {
      setStatus({ kind: 'issues', issues: blocking });
      return null;
    }
    return back;
  };

  const check = act('check', async () => {
    const back = await readChecked();
    if (!back) return;
    const total = back.content.weeks.reduce((s, x) => s + x.salesFen, 0n);
    const target = form!.target;
    setStatus({ kind: 'ok', say: (w) => format(w.repPlans.valid, { amount: formatMoneyText(formatMoney(total)), target: planTargetText(w, target) }), warnings: back.warn });
  });

  /**
   * A refusal the pane's own check did not foresee (the target changed since the form was read, say): each problem the
   * server named at its cell of the plan sheet, as Check names its own; anything else is said as an error.
   */
  const atCells = async <T,>(back: { cellOfField: (field: string) => string | null }, call: () => Promise<T>): Promise<T | null> => {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'BAD_USER_INPUT' || !err.issues.some((i) => i.field)) throw err;
      setStatus({
        kind: 'issues',
        issues: err.issues.map((i) => {
          const cell = i.field ? back.cellOfField(i.field) : null;
          const message = describeReason(w, i.reason, i.params);
          return { cell, message: cell ? `${cell}: ${message}` : message };
        }),
      });
      return null;
    }
  };

  const save = async (back: NonNullable<Awaited<ReturnType<typeof readChecked>>>) => {
    const input = {
      weeks: back.content.weeks.map((x) => ({ weekKey: x.weekKey, sales: formatMoney(x.salesFen), calls: x.calls, visits: x.visits, events: x.events })),
      customers: back.content.customers.map((c) => ({ customer: c.customer, sales: formatMoney(c.salesFen), visits: c.visits })),
      belowTargetReason: back.content.belowTargetReason,
    };
    const revision = form!.plan && (form!.plan.status === 'DRAFT' || form!.plan.status === 'RETURNED') ? form!.plan.revision : null;
    return atCells(back, async () => (await run<{ saveRepPlan: RepPlanView }>(client, SAVE_REP_PLAN, { month: form!.month, revision, input }, true)).saveRepPlan);
  };

  /** Writes the plan as the server now has it, so the sheet's tags carry its revision. */
  const rewrite = async (plan: RepPlanView) => {
    const f = { ...form!, plan };
    setForm(f);
    await write(f);
  };

  const saveDraft = act('save', async () => {
    const back = await readChecked(true);
    if (!back) return;
    const saved = await save(back);
    if (!saved) return;
    await rewrite(saved);
    setStatus({ kind: 'ok', say: (w) => phrase(w.locale, w.repPlans.saved, { month: saved.month, version: saved.version }) });
  });

  const submit = act('submit', async () => {
    const back = await readChecked();
    if (!back) return;
    const saved = await save(back);
    if (!saved) return;
    const done = await atCells(back, async () => (await run<{ submitRepPlan: RepPlanView }>(client, SUBMIT_REP_PLAN, { id: saved.id, revision: saved.revision }, true)).submitRepPlan);
    // Saved but not submitted: the sheet takes the saved draft's revision, so the next Submit is not refused as stale.
    if (!done) return void (await rewrite(saved));
    await rewrite(done);
    setStatus({ kind: 'ok', say: (w) => phrase(w.locale, w.repPlans.submitted, { month: done.month, version: done.version }), warnings: back.warn });
  });

  return {
    month,
    setMonth: (m: string) => {
      setMonthState(m);
      setForm(null);
      // A Replace asked about for one month's sheets is not run for another's.
      typed.clear();
    },
    form,
    status,
    busy: status.kind === 'busy',
    fail,
    writeSheet: () => writeSheet(),
    makeTemplate: () => makeTemplate(),
    /** Typed cells a write would replace, waiting for the user's answer; keep leaves the sheets as they are. */
    typed: typed.asking,
    keep: () => {
      const say = typed.keep();
      setStatus({ kind: 'ok', say });
    },
    check,
    saveDraft,
    submit,
  };
}
