/** Period locks: the locked periods (everyone sees them); admins lock one or open it again, with a reason. */
import { useCallback, useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words, phrase } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { LOCKED_PERIODS, LOCK_PERIOD, REOPEN_PERIOD, type PeriodLock } from '../../../chores/operations.ts';
import { useAction } from './useAction.ts';
import { lastMonth } from '../../../chores/months.ts';

export function usePeriodLocks({ client, w, onSessionEnded }: { client: Client; w: Words; onSessionEnded: () => void }) {
  const m = w.chores.monthEnd;
  const action = useAction(w, onSessionEnded);
  const { act, load } = action;
  const [locks, setLocks] = useState<PeriodLock[] | null>(null);
  const [form, setForm] = useState({ periodKey: lastMonth(), reason: '' });
  const [reasons, setReasons] = useState<Record<string, string>>({});

  const reload = useCallback(async () => {
    setLocks((await run<{ lockedPeriods: PeriodLock[] }>(client, LOCKED_PERIODS)).lockedPeriods);
  }, [client]);
  useEffect(() => {
    load(() => reload());
  }, [reload, load]);

  const lock = () =>
    act(async () => {
      const periodKey = form.periodKey.trim();
      await run(client, LOCK_PERIOD, { periodKey, reason: form.reason.trim() }, true);
      await reload();
      setForm((f) => ({ ...f, reason: '' }));
      return phrase(w.locale, m.locked, { period: periodKey });
    });
  const unlock = (periodKey: string) =>
    act(async () => {
      await run(client, REOPEN_PERIOD, { periodKey, reason: (reasons[periodKey] ?? '').trim() }, true);
      await reload();
      return phrase(w.locale, m.unlocked, { period: periodKey });
    });

  return { ...action, locks, form, setForm, ready: !!form.periodKey.trim() && !!form.reason.trim(), lock, reasons, setReason: (k: string, text: string) => setReasons((x) => ({ ...x, [k]: text })), unlock };
}
