/** Rewards and penalties (奖惩) for a month: the list, and adding one with reason and approver (finance, admins). */
import { Button, Field, Input, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Locale, type Words, phrase } from '../../../i18n.ts';
import { showMoney, sumMoney } from '../../../chores/money.ts';
import { reasonText } from '../../../i18n/pay-components.ts';
import { useAdjustments } from './useAdjustments.ts';
import { Busy, PersonPicker, StatusLine, useChoreStyles } from './ui.tsx';
import { MonthInput } from '../DateInputs.tsx';

export function AdjustmentsPane(props: { w: Words; locale: Locale; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const { w, locale } = props;
  const a = w.chores.adjustments;
  const s = useChoreStyles();
  const canAdd = props.roles.includes('FINANCE') || props.roles.includes('ADMIN');
  const h = useAdjustments({ ...props, canAdd });
  const set = (k: keyof typeof h.form) => (_: unknown, d: { value: string }) => h.setForm((f) => ({ ...f, [k]: d.value }));

  return (
    <section className={s.pane} data-testid="adjustments-pane" aria-labelledby="adjustments-title">
      <Subtitle2 as="h2" id="adjustments-title">{a.title}</Subtitle2>
      <Field label={w.chores.month}>
        <MonthInput w={w} value={h.month} onChange={h.setMonth} data-testid="adjustments-month" />
      </Field>
      {canAdd && (
        <div className={s.section}>
          <PersonPicker w={w} people={h.people} value={h.form.personId} onChange={(id) => h.setForm((f) => ({ ...f, personId: id }))} testId="adjustment-person" />
          <Field label={a.amount} required validationMessage={h.amountInvalid ? a.badAmount : undefined}>
            <Input inputMode="decimal" value={h.form.amount} onChange={set('amount')} data-testid="adjustment-amount" />
          </Field>
          <Field label={w.chores.reason} required>
            <Input value={h.form.reason} onChange={set('reason')} data-testid="adjustment-reason" />
          </Field>
          <Field label={a.approvedBy} required>
            <Input value={h.form.approvedBy} onChange={set('approvedBy')} data-testid="adjustment-approver" />
          </Field>
          <Button appearance="primary" onClick={() => void h.add()} disabled={h.busy || !h.ready} data-testid="adjustment-add">
            {h.busy ? w.chores.working : a.add}
          </Button>
        </div>
      )}
      <Busy busy={h.busy} label={w.chores.working} />
      <StatusLine w={w} status={h.status} testId="adjustments-status" />
      {h.list === null ? (
        <Busy busy label={w.chores.loading} />
      ) : h.list.length === 0 ? (
        <div data-testid="adjustments-empty">{phrase(w.locale, canAdd ? a.emptyAdd : a.empty, { month: h.month })}</div>
      ) : (
        <>
          <div className={s.meta} data-testid="adjustments-total">
            {format(a.total, { n: h.list.length, amount: showMoney(locale, sumMoney(h.list.map((x) => x.amount))) })}
          </div>
          <ul className={s.list} data-testid="adjustments-list">
            {h.list.map((x) => (
              <li key={x.id} className={s.item}>
                <div className={s.line}>
                  <span className={s.strong}>{`${x.employeeNo} ${x.personName}`}</span>
                  <span>{showMoney(locale, x.amount)}</span>
                </div>
                <span className={s.meta}>{`${reasonText(w.locale, x.reason)} · ${a.approvedBy}: ${x.approvedBy}`}</span>
              </li>
            ))}
          </ul>
          <Button onClick={() => void h.toSheet()} disabled={h.busy} data-testid="adjustments-to-sheet">
            {w.chores.writeToSheet}
          </Button>
        </>
      )}
    </section>
  );
}
