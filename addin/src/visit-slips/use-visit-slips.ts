/**
 * The Visit slips screen's state and calls (issue 11 §4): the month's slips
 * the viewer may read, a rep's request, a manager's approval or rejection of
 * the ones waiting, and the month's field-visit days without an approved
 * slip written as a sheet. One action at a time (useAction).
 */
import { newestOnly } from '../api/retry.ts';
import { useCallback, useEffect, useState, useRef } from 'react';
import type { Client } from '@urql/core';
import { format, type Words, phrase } from '../i18n.ts';
import { run } from '../api/client.ts';
import { writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { useAction } from '../taskpane/components/chores/useAction.ts';
import { VIEWER_SELF, type Viewer } from '../chores/operations.ts';
import { APPROVE_VISIT_SLIP, CHECK_VISIT_SLIP, REJECT_VISIT_SLIP, REQUEST_VISIT_SLIP, UNSLIPPED_FIELD_VISITS, validMonth, VISIT_SLIPS, type UnslippedFieldVisit, type VisitSlip } from './operations.ts';
import { unslippedSheet } from './unslipped-sheet.ts';
import { instantOfChinaTime, today } from '../../../schema/dates.ts';

/**
 * A slip's typed time ("2026-03-10T09:00") as an ISO instant; null when empty
 * or not a time. It is China time, as the days a slip covers are (domain §4),
 * whatever the zone of the computer the pane runs on.
 */
export const toInstant = (local: string): string | null => instantOfChinaTime(local.trim())?.toISOString() ?? null;

export function useVisitSlips({ client, w, canDecide, excel, onSessionEnded }: { client: Client; w: Words; canDecide: boolean; excel: () => ExcelRun; onSessionEnded: () => void }) {
  const v = w.visitSlips;
  const action = useAction(w, onSessionEnded);
  const { act, load } = action;
  const [month, setMonth] = useState(today().slice(0, 7));
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [slips, setSlips] = useState<VisitSlip[] | null>(null);
  const [form, setForm] = useState({ destination: '', customerCode: '', contactPerson: '', purpose: '', plannedOut: '', plannedBack: '' });
  const [comments, setComments] = useState<Record<string, string>>({});

  const begin = useRef(newestOnly()).current;
  const reload = useCallback(async () => {
    const current = begin();
    if (!validMonth(month)) return;
    const list = (await run<{ visitSlips: VisitSlip[] }>(client, VISIT_SLIPS, { month: month.trim() })).visitSlips;
    if (current()) setSlips(list);
  }, [client, month]);
  useEffect(() => {
    load(() => run<{ viewer: Viewer }>(client, VIEWER_SELF).then((d) => setViewer(d.viewer)));
  }, [client, load]);
  useEffect(() => {
    load(() => reload());
  }, [reload, load]);

  const me = viewer?.person?.id ?? null;
  const mine = (slips ?? []).filter((s) => s.personId === me);
  const waiting = canDecide ? (slips ?? []).filter((s) => s.canDecide) : [];
  const toCheck = canDecide ? (slips ?? []).filter((s) => s.canCheck) : [];
  const [checks, setChecks] = useState<Record<string, { kind: 'SPOT' | 'FULL'; ok: boolean; result: string }>>({});
  const checkOf = (id: string) => checks[id] ?? { kind: 'SPOT' as const, ok: true, result: '' };
  const out = toInstant(form.plannedOut);
  const back = toInstant(form.plannedBack);
  /** The fields a request still needs, named, once the rep has begun one (a greyed button alone says nothing). */
  const started = Object.values(form).some((x) => x.trim() !== '');
  const missing = started
    ? ([
        [form.destination.trim(), v.destination],
        [form.contactPerson.trim(), v.contactPerson],
        [form.purpose.trim(), v.purpose],
        [out, v.plannedOut],
        [back, v.plannedBack],
      ] as const)
        .filter(([value]) => !value)
        .map(([, label]) => label)
    : [];

  const ask = () =>
    act(async () => {
      const d = await run<{ requestVisitSlip: VisitSlip }>(
        client,
        REQUEST_VISIT_SLIP,
        { input: { destination: form.destination, customerCode: form.customerCode.trim() || null, contactPerson: form.contactPerson, purpose: form.purpose, plannedOut: out, plannedBack: back } },
        true,
      );
      // Listed under the month it begins in: shown there, not left in a month the list does not show.
      const first = d.requestVisitSlip.days[0] ?? '';
      const last = d.requestVisitSlip.days.at(-1) ?? first;
      if (first && first.slice(0, 7) !== month.trim()) setMonth(first.slice(0, 7));
      else await reload();
      setForm({ destination: '', customerCode: '', contactPerson: '', purpose: '', plannedOut: '', plannedBack: '' });
      return format(v.requested, { days: first === last ? first : format(v.span, { from: first, to: last }) });
    });

  const decide = (s: VisitSlip, approve: boolean) =>
    act(async () => {
      const comment = comments[s.id]?.trim() || null;
      if (!approve && !comment) throw new Error(w.reasons.VISIT_SLIP_COMMENT_REQUIRED);
      const d = approve
        ? (await run<{ approveVisitSlip: VisitSlip }>(client, APPROVE_VISIT_SLIP, { id: s.id, revision: s.revision, comment }, true)).approveVisitSlip
        : (await run<{ rejectVisitSlip: VisitSlip }>(client, REJECT_VISIT_SLIP, { id: s.id, revision: s.revision, comment }, true)).rejectVisitSlip;
      await reload();
      return format(v.decided, { name: s.personName, status: v.statuses[d.status] ?? d.status });
    });

  /** Records the check of a visit after its return: spot or full, in order or not, and what was found. */
  const check = (s: VisitSlip) =>
    act(async () => {
      const c = checkOf(s.id);
      await run<{ checkVisitSlip: VisitSlip }>(client, CHECK_VISIT_SLIP, { id: s.id, revision: s.revision, kind: c.kind, ok: c.ok, result: c.result.trim() }, true);
      await reload();
      return format(v.checked, { name: s.personName, kind: v.checkKinds[c.kind] ?? c.kind });
    });

  const writeUnslipped = () =>
    act(async () => {
      if (!validMonth(month)) throw new Error(v.badMonth);
      const m = month.trim();
      const rows = (await run<{ unslippedFieldVisits: UnslippedFieldVisit[] }>(client, UNSLIPPED_FIELD_VISITS, { month: m })).unslippedFieldVisits;
      if (!rows.length) return phrase(w.locale, v.unslippedNone, { month: m });
      const report = await writeSheetTable(excel(), unslippedSheet(w, m, rows));
      return phrase(w.locale, v.unslippedWrote, { month: m, count: rows.length, sheet: report.sheetName });
    });

  return {
    ...action,
    viewer,
    loaded: slips !== null && viewer !== null,
    month,
    setMonth,
    mine,
    waiting,
    form,
    setForm,
    missing,
    ready: !!me && !!form.destination.trim() && !!form.contactPerson.trim() && !!form.purpose.trim() && !!out && !!back,
    ask,
    comments,
    setComment: (id: string, text: string) => setComments((c) => ({ ...c, [id]: text })),
    decide,
    toCheck,
    checkOf,
    setCheck: (id: string, change: Partial<{ kind: 'SPOT' | 'FULL'; ok: boolean; result: string }>) => setChecks((all) => ({ ...all, [id]: { ...checkOf(id), ...change } })),
    check,
    writeUnslipped,
  };
}
