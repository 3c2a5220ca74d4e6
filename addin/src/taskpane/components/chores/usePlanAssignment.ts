/** Assigning a compensation plan to a person from a day (finance, admins), with the assignments as they stand. */
import { useCallback, useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { format, planText, type Words } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { ASSIGN_PLAN, COMPENSATION_ASSIGNMENTS, COMPENSATION_PLANS, type CompensationAssignment, type CompensationPlan, type PersonOption } from '../../../chores/operations.ts';
import { loadPeople } from '../../../chores/people.ts';
import { today } from '../../../../../schema/dates.ts';
import { useAction } from './useAction.ts';

/** A plan version just saved (Compensation plans), to offer for assignment. */
export interface SavedPlan {
  code: string;
  version: number;
}

export function usePlanAssignment({ client, w, onSessionEnded, savedPlan = null }: { client: Client; w: Words; onSessionEnded: () => void; savedPlan?: SavedPlan | null }) {
  const m = w.chores.monthEnd;
  const action = useAction(w, onSessionEnded);
  const { act, load } = action;
  const [plans, setPlans] = useState<CompensationPlan[] | null>(null);
  const [assignments, setAssignments] = useState<CompensationAssignment[] | null>(null);
  const [people, setPeople] = useState<PersonOption[]>([]);
  const [form, setForm] = useState({ planId: '', target: 'person' as 'person' | 'rank' | 'position', personId: '', rank: '', position: '', from: today() });

  const reload = useCallback(async () => {
    setAssignments((await run<{ compensationAssignments: CompensationAssignment[] }>(client, COMPENSATION_ASSIGNMENTS)).compensationAssignments);
  }, [client]);
  useEffect(() => {
    load(() => loadPeople(client).then(setPeople));
    load(() => reload());
  }, [client, reload, load]);
  // Again when a plan is saved as a new version (the Compensation plans section), which then comes first.
  useEffect(() => {
    load(() =>
      run<{ compensationPlans: CompensationPlan[] }>(client, COMPENSATION_PLANS).then((d) => {
        setPlans(d.compensationPlans);
        const saved = savedPlan && d.compensationPlans.find((p) => p.code === savedPlan.code && p.version === savedPlan.version);
        setForm((f) => ({ ...f, planId: saved ? saved.id : f.planId || (d.compensationPlans[0]?.id ?? '') }));
      }),
    );
  }, [client, load, savedPlan]);

  const plan = plans?.find((p) => p.id === form.planId);
  const assign = () =>
    act(async () => {
      const to = { personId: form.target === 'person' ? form.personId : null, rank: form.target === 'rank' ? form.rank : null, position: form.target === 'position' ? form.position : null };
      await run(client, ASSIGN_PLAN, { planCode: plan!.code, version: plan!.version, ...to, effectiveFrom: form.from }, true);
      await reload();
      const name =
        form.target === 'person'
          ? (people.find((p) => p.id === form.personId)?.name ?? '')
          : form.target === 'rank'
            ? format(m.toRank, { rank: w.chores.ranks[form.rank as keyof Words['chores']['ranks']] ?? form.rank })
            : (w.positions[form.position as keyof Words['positions']] ?? form.position);
      return format(m.assigned, { plan: planText(w, plan!, plans ?? []), name, from: form.from });
    });

  return { ...action, plans, assignments, people, form, setForm, ready: !!plan && !!form.from && !!(form.target === 'person' ? form.personId : form.target === 'rank' ? form.rank : form.position), assign };
}
