/** Month end: the month's locked and paid runs; mark paid (finance, admins), reopen with a reason (admins). */
import { Button, Field, Input, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words, phrase, versionText } from '../../../i18n.ts';
import { useClosedRuns } from './useClosedRuns.ts';
import { Busy, StatusLine, useChoreStyles } from './ui.tsx';
import { MonthInput } from '../DateInputs.tsx';

export function ClosedRunsSection(props: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const { w } = props;
  const m = w.chores.monthEnd;
  const s = useChoreStyles();
  const h = useClosedRuns(props);
  const admin = props.roles.includes('ADMIN');
  const staff = admin || props.roles.includes('FINANCE');

  return (
    <div className={s.section} data-testid="closed-runs">
      <Subtitle2 as="h3">{m.runsTitle}</Subtitle2>
      <Field label={w.chores.month}>
        <MonthInput w={w} value={h.month} onChange={h.setMonth} data-testid="closed-runs-month" />
      </Field>
      <StatusLine w={w} status={h.status} testId="closed-runs-status" />
      <Busy busy={h.busy || h.runs === null} label={h.busy ? w.chores.working : w.chores.loading} />
      {h.runs?.length === 0 && <div data-testid="closed-runs-empty">{phrase(w.locale, m.noRuns, { month: h.month })}</div>}
      {!!h.runs?.length && (
        <ul className={s.list}>
          {h.runs.map((r) => (
            <li key={r.id} className={s.item} data-testid="closed-run">
              <div className={s.line}>
                <span className={s.strong}>{`${r.scopeUnitName} · ${r.month} · ${versionText(w, r.version)}`}</span>
                <span data-testid="closed-run-status">{m.statuses[r.status] ?? r.status}</span>
              </div>
              {staff && r.viewerMayRun && r.status === 'LOCKED' && (
                <Button appearance="primary" onClick={() => void h.markPaid(r)} disabled={h.busy} data-testid="mark-paid">
                  {m.markPaid}
                </Button>
              )}
              {!admin && (r.status === 'PAID' || !r.viewerMayRun) && (
                <span className={s.meta} data-testid="closed-run-note">
                  {r.status === 'PAID' ? m.paidNote : format(m.notServedPayNote, { unit: r.scopeUnitName })}
                </span>
              )}
              {admin && (
                <div className={s.row}>
                  <Field label={m.reopenReason} className={s.grow}>
                    <Input value={h.reasons[r.id] ?? ''} onChange={(_, d) => h.setReason(r.id, d.value)} data-testid="reopen-reason" />
                  </Field>
                  <Button onClick={() => void h.reopen(r)} disabled={h.busy || !(h.reasons[r.id] ?? '').trim()} data-testid="reopen-run">
                    {m.reopen}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
