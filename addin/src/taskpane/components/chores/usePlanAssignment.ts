/** Assigning a compensation plan to a person from a day (finance, admins), with the assignments as they stand. */
import { useCallback, useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { ASSIGN_PLAN, COMPENSATION_ASSIGNMENTS, COMPENSATION_PLANS, type CompensationAssignment, type CompensationPlan, type PersonOption } from '../../../chores/operations.ts';
import { loadPeople } from '../../../chores/people.ts';
import { today } from '../../../../../schema/dates.ts';
import { useAction } from './useAction.ts';

export function usePlanAssignment({ client, w, onSessionEnded }: { client: Client; w: Words; onSessionEnded: () => void }) {
  const m = w.chores.monthEnd;
  const action = useAction(onSessionEnded);
  const { fail, act } = action;
  const [plans, setPlans] = useState<CompensationPlan[] | null>(null);
  const [assignments, setAssignments] = useState<CompensationAssignment[] | null>(null);
  const [people, setPeople] = useState<PersonOption[]>([]);
  const [form, setForm] = useState({ planId: '', personId: '', from: today() });

  const reload = useCallback(async () => {
    setAssignments((await run<{ compensationAssignments: CompensationAssignment[] }>(client, COMPENSATION_ASSIGNMENTS)).compensationAssignments);
  }, [client]);
  useEffect(() => {
    run<{ compensationPlans: CompensationPlan[] }>(client, COMPENSATION_PLANS)
      .then((d) => {
        setPlans(d.compensationPlans);
        setForm((f) => ({ ...f, planId: f.planId || (d.compensationPlans[0]?.id ?? '') }));
      })
      .catch(fail);
    loadPeople(client).then(setPeople).catch(fail);
    reload().catch(fail);
  }, [client, reload, fail]);

  const plan = plans?.find((p) => p.id === form.planId);
  const assign = () =>
    act(async () => {
      await run(client, ASSIGN_PLAN, { planCode: plan!.code, version: plan!.version, personId: form.personId, effectiveFrom: form.from }, true);
      await reload();
      const name = people.find((p) => p.id === form.personId)?.name ?? '';
      return format(m.assigned, { plan: `${plan!.name} (${plan!.code} v${plan!.version})`, name, from: form.from });
    });

  return { ...action, plans, assignments, people, form, setForm, ready: !!plan && !!form.personId && !!form.from, assign };
}
