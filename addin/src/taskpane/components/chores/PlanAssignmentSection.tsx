/** Month end: assign a compensation plan to a person from a day; the assignments as they stand. */
import { Button, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, planText, type Words } from '../../../i18n.ts';
import { POSITIONS, RANKS } from '../../../chores/operations.ts';
import { usePlanAssignment, type SavedPlan } from './usePlanAssignment.ts';
import { Busy, PersonPicker, StatusLine, useChoreStyles } from './ui.tsx';
import { DateInput } from '../DateInputs.tsx';

export function PlanAssignmentSection(props: { w: Words; client: Client; onSessionEnded: () => void; savedPlan?: SavedPlan | null; peopleOnly?: boolean }) {
  const { w } = props;
  const m = w.chores.monthEnd;
  const s = useChoreStyles();
  const h = usePlanAssignment(props);
  const who = (a: NonNullable<typeof h.assignments>[number]) =>
    a.personName
      ? `${a.employeeNo ?? ''} ${a.personName}`
      : a.rank
        ? format(m.toRank, { rank: w.chores.ranks[a.rank as keyof Words['chores']['ranks']] ?? a.rank })
        : (w.positions[a.position as keyof Words['positions']] ?? a.position ?? '');

  return (
    <div className={s.section} data-testid="plan-assignment">
      <Subtitle2 as="h3">{m.assignTitle}</Subtitle2>
      {h.plans?.length === 0 ? (
        <div data-testid="no-plans">{m.noPlans}</div>
      ) : (
        <>
          <Field label={m.plan}>
            <Select value={h.form.planId} onChange={(_, d) => h.setForm((f) => ({ ...f, planId: d.value }))} data-testid="assign-plan">
              {(h.plans ?? []).map((p) => (
                <option key={p.id} value={p.id}>{planText(w, p, h.plans ?? [])}</option>
              ))}
            </Select>
          </Field>
          <Field label={m.assignTo}>
            <Select value={h.form.target} onChange={(_, d) => h.setForm((f) => ({ ...f, target: d.value as typeof f.target }))} data-testid="assign-target">
              {Object.entries(m.targets).filter(([k]) => !props.peopleOnly || k === 'person').map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          {h.form.target === 'person' && (
            <PersonPicker w={w} people={h.people} value={h.form.personId} onChange={(id) => h.setForm((f) => ({ ...f, personId: id }))} testId="assign-person" />
          )}
          {h.form.target === 'rank' && (
            <Field label={m.rank}>
              <Select value={h.form.rank} onChange={(_, d) => h.setForm((f) => ({ ...f, rank: d.value }))} data-testid="assign-rank">
                <option value="">—</option>
                {RANKS.map((r) => (
                  <option key={r} value={r}>
                    {w.chores.ranks[r]}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {h.form.target === 'position' && (
            <Field label={m.position}>
              <Select value={h.form.position} onChange={(_, d) => h.setForm((f) => ({ ...f, position: d.value }))} data-testid="assign-position">
                <option value="">—</option>
                {POSITIONS.map((p) => (
                  <option key={p} value={p}>
                    {w.positions[p]}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field label={m.from}>
            <DateInput w={w} value={h.form.from} onChange={(v) => h.setForm((f) => ({ ...f, from: v }))} data-testid="assign-from" />
          </Field>
          <Button appearance="primary" onClick={() => void h.assign()} disabled={h.busy || !h.ready} data-testid="assign-submit">
            {h.busy ? w.chores.working : m.assign}
          </Button>
        </>
      )}
      <Busy busy={h.busy} label={w.chores.working} />
      <StatusLine w={w} status={h.status} testId="assign-status" />
      <Subtitle2 as="h4">{m.assignments}</Subtitle2>
      {h.assignments === null ? (
        <Busy busy label={w.chores.loading} />
      ) : h.assignments.length === 0 ? (
        <div data-testid="no-assignments">{m.noAssignments}</div>
      ) : (
        <ul className={s.list} data-testid="assignments">
          {h.assignments.slice(0, 30).map((a) => (
            <li key={a.id} className={s.item}>
              <div className={s.line}>
                <span className={s.strong}>{who(a)}</span>
                <span>{a.effectiveFrom}</span>
              </div>
              <span className={s.meta}>{planText(w, { name: a.planName, code: a.planCode, version: a.planVersion }, h.plans ?? [])}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
