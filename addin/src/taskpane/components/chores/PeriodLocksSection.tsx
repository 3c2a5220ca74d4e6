/** Month end: the locked periods; admins lock one or open it again, with a reason. */
import { Button, Field, Input, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words, phrase } from '../../../i18n.ts';
import { usePeriodLocks } from './usePeriodLocks.ts';
import { Busy, StatusLine, useChoreStyles } from './ui.tsx';
import { chinaTimeOf } from '../../../../../schema/dates.ts';

export function PeriodLocksSection(props: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const { w } = props;
  const m = w.chores.monthEnd;
  const s = useChoreStyles();
  const h = usePeriodLocks(props);
  const admin = props.roles.includes('ADMIN');

  return (
    <div className={s.section} data-testid="period-locks">
      <Subtitle2 as="h3">{m.locksTitle}</Subtitle2>
      {admin && (
        <>
          <Field label={m.periodKey} required>
            <Input value={h.form.periodKey} onChange={(_, d) => h.setForm((f) => ({ ...f, periodKey: d.value }))} data-testid="lock-period" />
          </Field>
          <Field label={w.chores.reason} required>
            <Input value={h.form.reason} onChange={(_, d) => h.setForm((f) => ({ ...f, reason: d.value }))} data-testid="lock-reason" />
          </Field>
          <Button appearance="primary" onClick={() => void h.lock()} disabled={h.busy || !h.ready} data-testid="lock-submit">
            {h.busy ? w.chores.working : m.lock}
          </Button>
        </>
      )}
      <StatusLine w={w} status={h.status} testId="locks-status" />
      <Busy busy={h.busy || h.locks === null} label={h.busy ? w.chores.working : w.chores.loading} />
      {h.locks?.length === 0 && <div data-testid="locks-empty">{m.noLocks}</div>}
      {!!h.locks?.length && (
        <ul className={s.list} data-testid="locks">
          {h.locks.map((l) => (
            <li key={l.periodKey} className={s.item} data-testid="lock-item">
              <span className={s.strong}>{phrase(w.locale, m.lockLine, { period: l.periodKey, reason: l.reason })}</span>
              <span className={s.meta}>{chinaTimeOf(new Date(l.lockedAt)).day}</span>
              {admin && (
                <div className={s.row}>
                  <Field label={w.chores.reason} className={s.grow} required>
                    <Input value={h.reasons[l.periodKey] ?? ''} onChange={(_, d) => h.setReason(l.periodKey, d.value)} data-testid="unlock-reason" />
                  </Field>
                  <Button onClick={() => void h.unlock(l.periodKey)} disabled={h.busy || !(h.reasons[l.periodKey] ?? '').trim()} data-testid="unlock">
                    {m.unlock}
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
