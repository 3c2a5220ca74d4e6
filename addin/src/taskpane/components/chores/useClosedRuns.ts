/** A month's locked and paid payroll runs: finance marks one paid; an admin reopens one, saying why. */
import { newestOnly } from '../../../api/retry.ts';
import { useCallback, useEffect, useState, useRef } from 'react';
import type { Client } from '@urql/core';
import { format, type Words, phrase } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { CLOSED_RUNS, MARK_PAID, REOPEN_RUN, type RunSummary } from '../../../chores/operations.ts';
import { useAction } from './useAction.ts';
import { isMonth, lastMonth } from '../../../chores/months.ts';

export function useClosedRuns({ client, w, onSessionEnded }: { client: Client; w: Words; onSessionEnded: () => void }) {
  const m = w.chores.monthEnd;
  const action = useAction(w, onSessionEnded);
  const { act, load } = action;
  const [month, setMonth] = useState(lastMonth());
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});

  const begin = useRef(newestOnly()).current;
  const reload = useCallback(async () => {
    const current = begin();
    if (!isMonth(month)) return;
    const all = (await run<{ payrollRuns: RunSummary[] }>(client, CLOSED_RUNS, { month })).payrollRuns;
    // Each scope's newest version only: one reopened since is replaced by its next version, nothing to pay or reopen.
    const newest = new Map<string, number>();
    for (const r of all) newest.set(r.scopeUnitId, Math.max(newest.get(r.scopeUnitId) ?? 0, r.version));
    if (current()) setRuns(all.filter((r) => (r.status === 'LOCKED' || r.status === 'PAID') && r.version === newest.get(r.scopeUnitId)));
  }, [client, month]);
  useEffect(() => {
    setRuns(null);
    load(() => reload());
  }, [reload, load]);

  /** Refused or not, the list shows the runs as they stand now (a stale revision is fetched again). */
  const refreshedAfter = async <T,>(change: () => Promise<T>): Promise<T> => {
    try {
      return await change();
    } finally {
      await reload().catch(() => undefined);
    }
  };
  const markPaid = (r: RunSummary) =>
    act(async () => {
      await refreshedAfter(() => run(client, MARK_PAID, { id: r.id, revision: r.revision }, true));
      return phrase(w.locale, m.paid, { month: r.month, unit: r.scopeUnitName });
    });
  const reopen = (r: RunSummary) =>
    act(async () => {
      const d = await refreshedAfter(() => run<{ reopenPayrollRun: { run: { version: number } } }>(client, REOPEN_RUN, { id: r.id, revision: r.revision, reason: (reasons[r.id] ?? '').trim() }, true));
      setReasons((x) => ({ ...x, [r.id]: '' }));
      return phrase(w.locale, m.reopened, { version: d.reopenPayrollRun.run.version, month: r.month, unit: r.scopeUnitName });
    });

  return { ...action, month, setMonth, runs, reasons, setReason: (id: string, text: string) => setReasons((x) => ({ ...x, [id]: text })), markPaid, reopen };
}
