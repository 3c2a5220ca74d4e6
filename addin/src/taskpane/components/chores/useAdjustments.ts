/** Rewards and penalties: a month's list (by role, from the server) and, for finance and admins, adding one. */
import { newestOnly } from '../../../api/retry.ts';
import { useCallback, useEffect, useState, useRef } from 'react';
import type { Client } from '@urql/core';
import { format, type Locale, type Words } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { ADD_PAY_ADJUSTMENT, PAY_ADJUSTMENTS, type PayAdjustment, type PersonOption } from '../../../chores/operations.ts';
import { loadPeople } from '../../../chores/people.ts';
import { showMoney, yuanToMoney } from '../../../chores/money.ts';
import { adjustmentsSheet } from '../../../chores/adjustments-sheet.ts';
import { writeSheetTable, type ExcelRun } from '../../../excel/workbook.ts';
import { today } from '../../../../../schema/dates.ts';
import { isMonth } from '../../../chores/months.ts';
import { useAction } from './useAction.ts';

export function useAdjustments({ client, w, locale, canAdd, onSessionEnded }: { client: Client; w: Words; locale: Locale; canAdd: boolean; onSessionEnded: () => void }) {
  const a = w.chores.adjustments;
  const action = useAction(w, onSessionEnded);
  const { act, load, setStatus } = action;
  const [month, setMonth] = useState(today().slice(0, 7));
  const [list, setList] = useState<PayAdjustment[] | null>(null);
  const [people, setPeople] = useState<PersonOption[]>([]);
  const [form, setForm] = useState({ personId: '', amount: '', reason: '', approvedBy: '' });

  const begin = useRef(newestOnly()).current;
  const reload = useCallback(async () => {
    const current = begin();
    if (!isMonth(month)) return;
    const list = (await run<{ payAdjustments: PayAdjustment[] }>(client, PAY_ADJUSTMENTS, { month })).payAdjustments;
    if (current()) setList(list);
  }, [client, month]);
  useEffect(() => {
    setList(null);
    load(() => reload());
  }, [reload, load]);
  useEffect(() => {
    if (canAdd) load(() => loadPeople(client).then(setPeople));
  }, [client, canAdd, load]);

  const amount = yuanToMoney(form.amount);
  const ready = !!form.personId && !!amount && !!form.reason.trim() && !!form.approvedBy.trim();

  const add = () =>
    act(async () => {
      if (!amount) return setStatus({ intent: 'error', message: a.badAmount });
      await run(client, ADD_PAY_ADJUSTMENT, { personId: form.personId, month, amount, reason: form.reason.trim(), approvedBy: form.approvedBy.trim() }, true);
      await reload();
      const name = people.find((p) => p.id === form.personId)?.name ?? '';
      setForm((f) => ({ ...f, amount: '', reason: '' }));
      return format(a.added, { amount: showMoney(locale, amount), name, month });
    });

  const toSheet = () =>
    act(async () => {
      const report = await writeSheetTable(Excel.run as unknown as ExcelRun, adjustmentsSheet(w, month, list ?? []));
      return format(w.chores.wroteSheet, { n: report.rows, sheet: report.sheetName });
    });

  return { ...action, month, setMonth, list, people, form, setForm, amountInvalid: !!form.amount.trim() && !amount, ready, add, toSheet };
}
