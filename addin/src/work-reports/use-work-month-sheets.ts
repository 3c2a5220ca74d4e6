/**
 * The month in sheets, on the rep's "Work log & reports" screen (issue 11
 * §3): the month's logs and reports written as two sheets (or found in the
 * open plan template), read back, checked with the shared rules with every
 * problem at its cell, and saved as drafts or handed in at once: all or
 * nothing, the server naming each item it refuses, which is then shown at
 * its cell too. After a save the sheets are written again as the server now
 * has them (handed-in rows locked, revisions current).
 */
import { useRef } from 'react';
import type { Client } from '@urql/core';
import { ApiError, run } from '../api/client.ts';
import { errorStatus, oneAtATime } from '../api/retry.ts';
import { format, type Words } from '../i18n.ts';
import { adoptSheet, readSheetByName, readTaggedSheet, type ExcelRun, type SheetRead } from '../excel/workbook.ts';
import { useTypedAsk } from '../taskpane/components/useTypedAsk.ts';
import { today } from '../../../schema/dates.ts';
import type { WorkReportReason } from '../../../schema/reasons.ts';
import { MY_WORK_MONTH, SAVE_WORK_MONTH } from './operations.ts';
import {
  checkMonthSheetLayout,
  LOG_SHEET_KIND,
  logSheetSpec,
  problemMessage,
  readWorkMonthSheets,
  REPORT_SHEET_KIND,
  reportSheetSpec,
  type Issue,
  type SheetOwner,
  type WorkMonth,
} from './month-sheets.ts';
import type { TemplateMarker } from '../rep-plans/plan-template.ts';
import { useStatusState } from '../taskpane/status-state.ts';

export type SheetWork = 'write' | 'check' | 'save' | 'submit';
export type SheetStatus = { kind: 'idle' } | { kind: 'busy'; work: SheetWork } | { kind: 'ok'; message: string } | { kind: 'error'; message: string; retry?: () => void } | { kind: 'issues'; issues: Issue[] };

type Loaded = WorkMonth & { person: { id: string; name: string; employeeNo: string } | null };

const ownerOf = (m: Loaded): SheetOwner | null => (m.person ? { personId: m.person.id, personName: m.person.name, employeeNo: m.person.employeeNo } : null);

export function useWorkMonthSheets(w: Words, client: Client, excel: () => ExcelRun, onSessionEnded: () => void, template: TemplateMarker | null = null, onSaved: () => void = () => {}) {
  const x = w.workReports;
  const [status, setStatus] = useStatusState<SheetStatus>({ kind: 'idle' });
  const running = useRef(false);
  const typed = useTypedAsk();
  const fail = errorStatus(w, onSessionEnded, setStatus);
  const act = (work: SheetWork, job: () => Promise<void>) => oneAtATime(running, { start: () => setStatus({ kind: 'busy', work }), fail }, job);

  const fetchMonth = async (month: string) => (await run<{ myWorkMonth: Loaded }>(client, MY_WORK_MONTH, { month }, true)).myWorkMonth;

  /**
   * Writes the log and reports sheets; null when either holds typing (not saved) the write would replace: the
   * user is asked first and `again` runs the action again, replacing. After a save, what was typed went with it.
   */
  const writeBoth = async (m: Loaded, owner: SheetOwner, replace = true, again: () => void = () => undefined) => {
    const reports = await typed.rewrite(excel(), [{ spec: logSheetSpec(w, owner, m) }, { spec: reportSheetSpec(w, owner, m) }], replace, again);
    return reports && { log: reports[0]!.sheetName, reports: reports[1]!.sheetName };
  };

  /**
   * A sheet of this month: the one the pane wrote (found by its tags, even
   * renamed), or the open template's, taken as the pane's own once it is the
   * signed-in person's and laid out as made. Issues when the template's is not.
   */
  const find = async (m: Loaded, owner: SheetOwner, kind: string, templateSheet: string | undefined): Promise<SheetRead | Issue[] | null> => {
    const identity = { personId: owner.personId, month: m.month };
    const own = await readTaggedSheet(excel(), kind, identity);
    if (own || !template || template.month !== m.month || !templateSheet) return own;
    if (template.personId !== owner.personId) return [{ cell: null, message: format(w.reasons.PLAN_TEMPLATE_NOT_YOURS, { name: template.personName, month: template.month }) }];
    const read = await readSheetByName(excel(), templateSheet);
    if (!read) return [{ cell: null, message: format(w.reasons.WORK_TEMPLATE_SHEET_MISSING, { sheet: templateSheet }) }];
    const spec = kind === LOG_SHEET_KIND ? logSheetSpec(w, owner, m) : reportSheetSpec(w, owner, m);
    const layout = checkMonthSheetLayout(w, spec, read);
    if (!layout.block) return layout.issues;
    await adoptSheet(excel(), read.sheetName, { kind, identity, properties: { personName: owner.personName }, block: layout.block, header: layout.header });
    return readTaggedSheet(excel(), kind, identity);
  };

  /** The month as the server has it and as the sheets say it, checked; null (the status said) when it cannot be sent. */
  const readChecked = async (month: string, submit: boolean) => {
    const m = await fetchMonth(month);
    const owner = ownerOf(m);
    if (!owner) {
      setStatus({ kind: 'error', message: w.reasons.WORK_REPORT_ONLY_OWN });
      return null;
    }
    const log = await find(m, owner, LOG_SHEET_KIND, template?.logSheet);
    const reports = await find(m, owner, REPORT_SHEET_KIND, template?.reportSheet);
    const refused = [log, reports].find((r): r is Issue[] => Array.isArray(r));
    if (refused) {
      setStatus({ kind: 'issues', issues: refused });
      return null;
    }
    if (!log && !reports) {
      setStatus({ kind: 'error', message: format(x.sheetsMissing, { month }) });
      return null;
    }
    const back = readWorkMonthSheets(w, m, log as SheetRead | null, reports as SheetRead | null, today(), submit);
    if (back.issues.length) {
      setStatus({ kind: 'issues', issues: back.issues });
      return null;
    }
    return { m, owner, back };
  };

  const counts = (input: { logs: unknown[]; weeklyReports: unknown[]; monthlyReport: unknown }) => ({ logs: input.logs.length, weeklies: input.weeklyReports.length, monthly: input.monthlyReport ? x.sheetsMonthly : '' });

  const writeSheets = (month: string, replace = false): Promise<void> =>
    act('write', async () => {
      const m = await fetchMonth(month);
      const owner = ownerOf(m);
      if (!owner) return setStatus({ kind: 'error', message: w.reasons.WORK_REPORT_ONLY_OWN });
      const names = await writeBoth(m, owner, replace, () => void writeSheets(month, true));
      setStatus(names ? { kind: 'ok', message: format(x.sheetsWritten, { month, ...names }) } : { kind: 'idle' });
    })();

  const check = (month: string) =>
    act('check', async () => {
      const got = await readChecked(month, true);
      if (got) setStatus({ kind: 'ok', message: format(x.sheetsValid, counts(got.back.input)) });
    })();

  const save = (month: string, submit: boolean) =>
    act(submit ? 'submit' : 'save', async () => {
      const got = await readChecked(month, submit);
      if (!got) return;
      const { back, owner } = got;
      let saved: Loaded;
      try {
        saved = (await run<{ saveWorkMonth: Loaded }>(client, SAVE_WORK_MONTH, { month, submit, input: back.input }, true)).saveWorkMonth;
      } catch (err) {
        // Refused whole: each problem the server named, at its cell.
        if (!(err instanceof ApiError) || !err.issues.some((i) => i.item)) throw err;
        const issues = err.issues.map((i): Issue => {
          const item = i.item as { kind: 'LOG' | 'WEEKLY' | 'MONTHLY'; period: string };
          const cell = back.cellOf(item, i.field ?? '');
          const message = problemMessage(w, item, { code: i.reason as WorkReportReason, params: i.params });
          return { cell, message: cell ? `${cell}: ${message}` : message };
        });
        return setStatus({ kind: 'issues', issues: [{ cell: null, message: x.sheetsRefused }, ...issues] });
      }
      await writeBoth(saved, owner);
      onSaved();
      setStatus({ kind: 'ok', message: format(submit ? x.sheetsSubmitted : x.sheetsSaved, { month, ...counts(back.input) }) });
    })();

  return {
    status,
    busy: status.kind === 'busy',
    fail,
    writeSheets: (month: string) => writeSheets(month),
    check,
    save,
    /** Typed cells a write would replace, waiting for the user's answer; keep leaves the sheets as they are. */
    typed: typed.asking,
    keep: () => setStatus({ kind: 'ok', message: typed.keep()(w) }),
  };
}
