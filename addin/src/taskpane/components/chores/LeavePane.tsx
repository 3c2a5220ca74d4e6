/** Leave (请假): ask for one's own before it starts; managers and admins approve or reject what waits for them. */
import { Button, Caption1, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import type { LeaveRequest } from '../../../chores/operations.ts';
import { useLeave } from './useLeave.ts';
import { Busy, LockedNote, StatusLine, useChoreStyles } from './ui.tsx';
import { AttendanceSection } from './AttendanceSection.tsx';
import { DateInput } from '../DateInputs.tsx';

export function LeavePane(props: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const { w } = props;
  const l = w.chores.leave;
  const s = useChoreStyles();
  const canDecide = props.roles.includes('MANAGER') || props.roles.includes('ADMIN');
  const h = useLeave({ ...props, canDecide });
  const set = (k: keyof typeof h.form) => (_: unknown, d: { value: string }) => h.setForm((f) => ({ ...f, [k]: d.value }));
  const setDay = (k: 'from' | 'to') => (value: string) => h.setForm((f) => ({ ...f, [k]: value }));

  const describe = (r: LeaveRequest) => `${l.kinds[r.kind] ?? r.kind} · ${format(l.span, { from: r.from, to: r.to })} · ${r.reason}`;

  return (
    <section className={s.pane} data-testid="leave-pane" aria-labelledby="leave-title">
      <Subtitle2 as="h2" id="leave-title">{l.title}</Subtitle2>
      <StatusLine w={w} status={h.status} testId="leave-status" />
      <Busy busy={h.busy || !h.loaded} label={h.busy ? w.chores.working : w.chores.loading} />
      {h.loaded && !h.viewer?.person && <div data-testid="leave-no-person">{l.noPerson}</div>}
      {h.viewer?.person && (
        <div className={s.section}>
          <Field label={l.kind}>
            <Select value={h.form.kind} onChange={set('kind')} data-testid="leave-kind">
              {Object.entries(l.kinds).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <div className={s.row}>
            <Field label={l.from} className={s.grow} required>
              <DateInput w={w} value={h.form.from} onChange={setDay('from')} data-testid="leave-from" />
            </Field>
            <Field label={l.to} className={s.grow} required validationState={h.backwards ? 'error' : 'none'} validationMessage={h.backwards ? l.endBeforeStart : undefined}>
              <DateInput w={w} value={h.form.to} onChange={setDay('to')} data-testid="leave-to" />
            </Field>
          </div>
          <Field label={w.chores.reason} required>
            <Input value={h.form.reason} onChange={set('reason')} data-testid="leave-reason" />
          </Field>
          {h.missing.length > 0 && <Caption1 data-testid="leave-missing">{format(l.stillNeeded, { fields: h.missing.join(w.locale === 'zh-CN' ? '、' : ', ') })}</Caption1>}
          <Button appearance="primary" onClick={() => void h.ask()} disabled={h.busy || !h.ready} data-testid="leave-request">
            {h.busy ? w.chores.working : l.request}
          </Button>
          <Subtitle2 as="h3">{l.mine}</Subtitle2>
          {h.loaded && h.mine.length === 0 ? (
            <div data-testid="leave-mine-empty">{l.noneMine}</div>
          ) : (
            <ul className={s.list} data-testid="leave-mine">
              {h.mine.map((r) => (
                <li key={r.id} className={s.item}>
                  <div className={s.line}>
                    <span>{describe(r)}</span>
                    <span className={s.strong}>{l.statuses[r.status] ?? r.status}</span>
                  </div>
                  {r.comment && <span className={s.meta}>{r.comment}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {canDecide && (
        <div className={s.section}>
          <Subtitle2 as="h3">{l.waiting}</Subtitle2>
          {h.loaded && h.waiting.length === 0 ? (
            <div data-testid="leave-waiting-empty">{l.noneWaiting}</div>
          ) : (
            <ul className={s.list} data-testid="leave-waiting">
              {h.waiting.map((r) => (
                <li key={r.id} className={s.item} data-testid="leave-waiting-item">
                  <span className={s.strong}>{r.personName}</span>
                  <span>{describe(r)}</span>
                  <LockedNote w={w} locked={r.locked} />
                  <Field label={w.chores.commentOptional}>
                    <Input value={h.comments[r.id] ?? ''} onChange={(_, d) => h.setComment(r.id, d.value)} data-testid="leave-comment" />
                  </Field>
                  <div className={s.row}>
                    <Button appearance="primary" onClick={() => void h.decide(r, true)} disabled={h.busy || r.locked} data-testid="leave-approve">
                      {l.approve}
                    </Button>
                    <Button onClick={() => void h.decide(r, false)} disabled={h.busy || r.locked} data-testid="leave-reject">
                      {l.reject}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {h.decided.length > 0 && (
            <>
              <Subtitle2 as="h3">{l.decidedTitle}</Subtitle2>
              <ul className={s.list} data-testid="leave-decided">
                {h.decided.map((r) => (
                  <li key={r.id} className={s.item}>
                    <div className={s.line}>
                      <span className={s.strong}>{r.personName}</span>
                      <span>{l.statuses[r.status] ?? r.status}</span>
                    </div>
                    <span className={s.meta}>{describe(r)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <AttendanceSection w={w} client={props.client} onSessionEnded={props.onSessionEnded} />
    </section>
  );
}
