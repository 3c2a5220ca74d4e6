/**
 * Roster changes' state and calls: who may do what (hire, transfer and
 * leaving for managers and admins; details for them too, the base salary for
 * finance and admins), the person chosen and their record as it stands (with
 * its version, so that a change made meanwhile by someone else is refused),
 * the forms, and each change sent; after one, the Roster sheet pulled in this
 * pane is pulled again so the change shows there. A mentor the server refuses
 * (the person's own, through others too; one the editor may not see; the
 * editor) is said at the mentor field as well as in the status line.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '@urql/core';
import { ApiError, run } from '../api/client.ts';
import { describeError } from '../api/describe-error.ts';
import type { PersonOption } from '../chores/operations.ts';
import { format, type Words } from '../i18n.ts';
import type { OrgUnitOption } from '../api/operations.ts';
import { useAction } from '../taskpane/components/chores/useAction.ts';
import { today, isIsoDay } from '../../../schema/dates.ts';
import {
  CREATE_PERSON,
  DEACTIVATE_PERSON,
  detailsChanges,
  detailsForm,
  hireInput,
  PERSON,
  TRANSFER_PERSON,
  UPDATE_PERSON,
  payFromOf,
  type DetailsForm,
  type HireForm,
  type PersonDetails,
} from './person-changes.ts';

export type ChangeMode = 'hire' | 'details' | 'transfer' | 'leave';

const EMPTY_HIRE: HireForm = { employeeNo: '', name: '', unitId: '', position: 'SALES_REP', rank: '', employmentType: 'FULL_TIME', status: 'ACTIVE', mentorId: '', hireDate: today(), phone: '', email: '', baseSalary: '' };

/** A refusal of the mentor, naming the person chosen rather than their id. */
function mentorRefusal(err: unknown, people: PersonOption[]): ApiError | null {
  if (!(err instanceof ApiError) || err.field !== 'input.mentorId') return null;
  const named = people.find((p) => p.id === err.params.id);
  return named ? new ApiError(err.message, err.code, err.reason, { ...err.params, id: `${named.employeeNo} ${named.name}` }, err.field) : err;
}

export function useRosterChanges({ w, client, roles, units, people, onSessionEnded, onChanged }: { w: Words; client: Client; roles: string[]; units: OrgUnitOption[]; people: PersonOption[]; onSessionEnded: () => void; onChanged: () => Promise<void> }) {
  const c = w.rosterChanges;
  const manages = roles.includes('ADMIN') || roles.includes('MANAGER');
  const may = { salary: roles.includes('ADMIN') || roles.includes('FINANCE'), record: manages };
  const modes: ChangeMode[] = manages ? ['hire', 'details', 'transfer', 'leave'] : may.salary ? ['details'] : [];
  const action = useAction(w, onSessionEnded);
  const { act, load, setStatus } = action;
  const [mode, setMode] = useState<ChangeMode>(modes[0] ?? 'details');
  const [personId, setPersonId] = useState('');
  const [person, setPerson] = useState<PersonDetails | null | undefined>(undefined);
  const [details, setDetails] = useState<DetailsForm | null>(null);
  const [hire, setHire] = useState<HireForm>(EMPTY_HIRE);
  const [transfer, setTransfer] = useState({ unitId: '', effectiveDate: today(), position: '' });
  const [leaveDate, setLeaveDate] = useState(today());
  // Why the server refused the mentor chosen, shown at the mentor field until the form changes.
  const [mentorProblem, setMentorProblem] = useState<string | null>(null);

  // The person last asked for: an answer about someone chosen before is dropped, so a change never goes to them.
  const asked = useRef('');
  const readPerson = useCallback(
    async (id: string) => {
      asked.current = id;
      const p = id ? (await run<{ person: PersonDetails | null }>(client, PERSON, { id })).person : undefined;
      if (asked.current !== id) return;
      setPerson(p);
      setDetails(p ? detailsForm(p) : null);
    },
    [client],
  );
  useEffect(() => {
    setPerson(undefined);
    setDetails(null);
    if (personId) load(() => readPerson(personId));
  }, [personId, readPerson, load]);

  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? '';
  const refused = (problem: keyof typeof c.problems) => setStatus({ intent: 'error', message: c.problems[problem] });

  /** Sends the change of the chosen kind; then the person as they now are, and the Roster sheet again. */
  const send = async () => {
    let message: string;
    if (mode === 'hire') {
      const out = hireInput(hire, may.salary);
      if (out.problem) return refused(out.problem);
      const made = (await run<{ createPerson: PersonDetails }>(client, CREATE_PERSON, { input: out.input }, true)).createPerson;
      message = format(c.hired, { name: made.name, employeeNo: made.employeeNo, unit: unitName(hire.unitId), date: hire.hireDate });
      setHire({ ...EMPTY_HIRE, unitId: hire.unitId, hireDate: hire.hireDate });
    } else {
      if (!person || !details || person.id !== personId) return;
      const vars = { id: person.id, version: person.version };
      if (mode === 'details') {
        const out = detailsChanges(person, details, may);
        if (out.problem) return refused(out.problem);
        const payFrom = payFromOf(details, out.input);
        if (payFrom === null) return refused('badDate');
        await run(client, UPDATE_PERSON, { ...vars, input: out.input, payFrom: payFrom ?? null }, true);
        message = format(c.saved, { name: details.name.trim() || person.name });
      } else if (mode === 'transfer') {
        if (!transfer.unitId) return refused('chooseUnit');
        if (!isIsoDay(transfer.effectiveDate)) return refused('badDate');
        await run(client, TRANSFER_PERSON, { ...vars, unitId: transfer.unitId, effectiveDate: transfer.effectiveDate, position: transfer.position || null }, true);
        message = format(c.transferred, { name: person.name, unit: unitName(transfer.unitId), date: transfer.effectiveDate });
      } else {
        if (!isIsoDay(leaveDate)) return refused('badDate');
        await run(client, DEACTIVATE_PERSON, { ...vars, leaveDate }, true);
        message = format(c.left, { name: person.name, date: leaveDate });
      }
      await readPerson(person.id);
    }
    await onChanged();
    return message;
  };

  /** Sends the change; a refused mentor is also said at the mentor field. */
  const submit = () =>
    act(async () => {
      setMentorProblem(null);
      try {
        return await send();
      } catch (err) {
        const refusal = mentorRefusal(err, people);
        if (!refusal) throw err;
        setMentorProblem(describeError(w, refusal));
        throw refusal;
      }
    });

  return {
    ...action,
    c,
    may,
    modes,
    mode,
    setMode: (m: ChangeMode) => {
      setMode(m);
      setStatus(null);
      setMentorProblem(null);
    },
    units,
    personId,
    setPersonId: (id: string) => {
      setPersonId(id);
      setStatus(null);
      setMentorProblem(null);
    },
    person,
    details,
    setDetails: (change: (f: DetailsForm | null) => DetailsForm | null) => {
      setDetails(change);
      setMentorProblem(null);
    },
    hire,
    setHire: (change: (f: HireForm) => HireForm) => {
      setHire(change);
      setMentorProblem(null);
    },
    mentorProblem,
    transfer,
    setTransfer,
    leaveDate,
    setLeaveDate,
    submit,
  };
}
