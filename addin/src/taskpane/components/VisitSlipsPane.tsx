/** Visit slips (出访单, issue 11 §4): a rep requests one; a manager approves or rejects those waiting and writes the month's field-visit days without a slip to a sheet. */
import { Button, Caption1, Checkbox, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import type { VisitSlip } from '../../visit-slips/operations.ts';
import { useVisitSlips } from '../../visit-slips/use-visit-slips.ts';
import { Busy, LockedNote, StatusLine, useChoreStyles } from './chores/ui.tsx';
import { MonthInput } from './DateInputs.tsx';
import { DateTimeInput } from './DateTimeInput.tsx';
import { chinaTimeOf } from '../../../../schema/dates.ts';

const excel = () => Excel.run as unknown as ExcelRun;
/** An instant in China time, as slips are requested and their days counted: "2026-03-10 09:00". */
const when = (iso: string) => {
  const { day, time } = chinaTimeOf(new Date(iso));
  return `${day} ${time}`;
};

export function VisitSlipsPane(props: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const { w } = props;
  const v = w.visitSlips;
  const s = useChoreStyles();
  const canDecide = props.roles.includes('MANAGER');
  const h = useVisitSlips({ ...props, canDecide, excel });
  const set = (k: keyof typeof h.form) => (_: unknown, d: { value: string }) => h.setForm((f) => ({ ...f, [k]: d.value }));
  const describe = (x: VisitSlip) => `${x.destination} · ${x.contactPerson} · ${format(v.span, { from: x.days[0] ?? '', to: x.days.at(-1) ?? '' })} · ${x.purpose}`;

  return (
    <section className={s.pane} data-testid="visit-slips-pane" aria-labelledby="visit-slips-title">
      <Subtitle2 as="h2" id="visit-slips-title">{v.title}</Subtitle2>
      <StatusLine w={w} status={h.status} testId="visit-slips-status" />
      <Busy busy={h.busy || !h.loaded} label={h.busy ? w.chores.working : w.chores.loading} />
      <Field label={v.month}>
        <MonthInput w={w} value={h.month} onChange={h.setMonth} data-testid="visit-slips-month" />
      </Field>
      {h.viewer?.person && (
        <div className={s.section}>
          <Field label={v.destination}>
            <Input value={h.form.destination} onChange={set('destination')} data-testid="visit-slip-destination" />
          </Field>
          <Field label={v.customerCode}>
            <Input value={h.form.customerCode} onChange={set('customerCode')} data-testid="visit-slip-customer" />
          </Field>
          <Field label={v.contactPerson}>
            <Input value={h.form.contactPerson} onChange={set('contactPerson')} data-testid="visit-slip-contact" />
          </Field>
          <Field label={v.purpose}>
            <Input value={h.form.purpose} onChange={set('purpose')} data-testid="visit-slip-purpose" />
          </Field>
          <Field label={v.plannedOut}>
            <DateTimeInput w={w} value={h.form.plannedOut} onChange={(x) => h.setForm((f) => ({ ...f, plannedOut: x }))} data-testid="visit-slip-out" />
          </Field>
          <Field label={v.plannedBack} hint={v.chinaTime}>
            <DateTimeInput w={w} value={h.form.plannedBack} onChange={(x) => h.setForm((f) => ({ ...f, plannedBack: x }))} data-testid="visit-slip-back" />
          </Field>
          <Button appearance="primary" onClick={() => void h.ask()} disabled={h.busy || !h.ready} data-testid="visit-slip-request">
            {h.busy ? w.chores.working : v.request}
          </Button>
          {h.missing.length > 0 && <Caption1 data-testid="visit-slip-missing">{format(v.stillNeeded, { fields: h.missing.join(w.locale === 'zh-CN' ? '、' : ', ') })}</Caption1>}
          <Subtitle2 as="h3">{v.mine}</Subtitle2>
          {h.loaded && h.mine.length === 0 ? (
            <div data-testid="visit-slips-mine-empty">{v.noneMine}</div>
          ) : (
            <ul className={s.list} data-testid="visit-slips-mine">
              {h.mine.map((x) => (
                <li key={x.id} className={s.item}>
                  <div className={s.line}>
                    <span>{describe(x)}</span>
                    <span className={s.strong}>{v.statuses[x.status] ?? x.status}</span>
                  </div>
                  <span className={s.meta}>{`${when(x.plannedOut)} → ${when(x.plannedBack)}`}</span>
                  {x.approvedLate && <span className={s.meta} data-testid="visit-slip-approved-late">{v.approvedLate}</span>}
                  {x.decisionComment && <span className={s.meta}>{x.decisionComment}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {canDecide && (
        <div className={s.section}>
          <Subtitle2 as="h3">{v.waiting}</Subtitle2>
          {h.loaded && h.waiting.length === 0 ? (
            <div data-testid="visit-slips-waiting-empty">{v.noneWaiting}</div>
          ) : (
            <ul className={s.list} data-testid="visit-slips-waiting">
              {h.waiting.map((x) => (
                <li key={x.id} className={s.item} data-testid="visit-slips-waiting-item">
                  <span className={s.strong}>{x.personName}</span>
                  <span>{describe(x)}</span>
                  <span className={s.meta}>{`${when(x.plannedOut)} → ${when(x.plannedBack)}`}</span>
                  {x.departed && <span className={s.meta} data-testid="visit-slip-departed">{v.departedWarning}</span>}
                  <LockedNote w={w} locked={x.locked} />
                  <Field label={v.comment}>
                    <Input value={h.comments[x.id] ?? ''} onChange={(_, d) => h.setComment(x.id, d.value)} data-testid="visit-slip-comment" />
                  </Field>
                  <div className={s.row}>
                    <Button appearance="primary" onClick={() => void h.decide(x, true)} disabled={h.busy || x.locked} data-testid="visit-slip-approve">
                      {v.approve}
                    </Button>
                    <Button onClick={() => void h.decide(x, false)} disabled={h.busy || x.locked} data-testid="visit-slip-reject">
                      {v.reject}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <Subtitle2 as="h3">{v.toCheck}</Subtitle2>
          {h.loaded && h.toCheck.length === 0 ? (
            <div data-testid="visit-slips-to-check-empty">{v.noneToCheck}</div>
          ) : (
            <ul className={s.list} data-testid="visit-slips-to-check">
              {h.toCheck.map((x) => {
                const c = h.checkOf(x.id);
                return (
                  <li key={x.id} className={s.item} data-testid="visit-slips-to-check-item">
                    <span className={s.strong}>{x.personName}</span>
                    <span>{describe(x)}</span>
                    {x.approvedLate && <span className={s.meta} data-testid="visit-slip-approved-late">{v.approvedLate}</span>}
                    <LockedNote w={w} locked={x.locked} />
                    <Field label={v.checkKind}>
                      <Select value={c.kind} onChange={(_, d) => h.setCheck(x.id, { kind: d.value as 'SPOT' | 'FULL' })} data-testid="visit-slip-check-kind">
                        <option value="SPOT">{v.checkKinds.SPOT}</option>
                        <option value="FULL">{v.checkKinds.FULL}</option>
                      </Select>
                    </Field>
                    <Checkbox checked={c.ok} onChange={(_, d) => h.setCheck(x.id, { ok: d.checked === true })} label={v.checkOk} data-testid="visit-slip-check-ok" />
                    <Field label={v.checkResult}>
                      <Input value={c.result} onChange={(_, d) => h.setCheck(x.id, { result: d.value })} data-testid="visit-slip-check-result" />
                    </Field>
                    <Button onClick={() => void h.check(x)} disabled={h.busy || x.locked || !c.result.trim()} data-testid="visit-slip-check">
                      {v.recordCheck}
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
          <Button onClick={() => void h.writeUnslipped()} disabled={h.busy} data-testid="visit-slips-unslipped">
            {v.writeUnslipped}
          </Button>
        </div>
      )}
    </section>
  );
}
