/**
 * The Roster screen's changes: hire a person, edit details (status and mentor too), transfer, record leaving; each refused
 * change says why and changes nothing.
 */
import { Button, Field, Input, Select, Subtitle2, Text } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { RANKS, type PersonOption } from '../../chores/operations.ts';
import { EMPLOYMENT_TYPES, POSITIONS, SETTABLE_STATUSES, type PersonDetails } from '../../roster/person-changes.ts';
import { useRosterChanges, type ChangeMode } from '../../roster/use-roster-changes.ts';
import type { OrgUnitOption } from '../../api/operations.ts';
import { Busy, PersonPicker, StatusLine, useChoreStyles } from './chores/ui.tsx';
import { UnitOptions } from './UnitOptions.tsx';
import { DateInput } from './DateInputs.tsx';

function UnitSelect({ units, value, onChange, label, testId }: { units: OrgUnitOption[]; value: string; onChange: (id: string) => void; label: string; testId: string }) {
  return (
    <Field label={label}>
      <Select value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
        <option value="">—</option>
        <UnitOptions units={units} />
      </Select>
    </Field>
  );
}

function Choice({ label, value, onChange, options, testId }: { label: string; value: string; onChange: (v: string) => void; options: [string, string][]; testId: string }) {
  return (
    <Field label={label}>
      <Select value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function TextField({ label, value, onChange, testId }: { label: string; value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <Field label={label}>
      <Input value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId} />
    </Field>
  );
}

function DateField({ w, label, value, onChange, testId }: { w: Words; label: string; value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <Field label={label}>
      <DateInput w={w} value={value} onChange={onChange} data-testid={testId} />
    </Field>
  );
}

/**
 * Whom a person's mentor may be: the people the editor sees but the person, and the mentor they have now even when the
 * editor may not see them (so the list shows what the record holds).
 */
function mentorOptions(people: PersonOption[], person: PersonDetails | null, unseen: string): PersonOption[] {
  if (!person) return people;
  const others = people.filter((p) => p.id !== person.id);
  const now = person.mentorId;
  return now && !others.some((p) => p.id === now) ? [{ id: now, employeeNo: '', name: person.mentorName ?? unseen, unitName: null }, ...others] : others;
}

export function RosterChangesSection(props: { w: Words; client: Client; roles: string[]; units: OrgUnitOption[]; people: PersonOption[]; onSessionEnded: () => void; onChanged: () => Promise<void> }) {
  const { w } = props;
  const s = useChoreStyles();
  const h = useRosterChanges(props);
  const { c } = h;
  if (!h.modes.length) return null;
  const positions = POSITIONS.map((p) => [p, w.positions[p]] as [string, string]);
  const ranks: [string, string][] = [['', c.noRank], ...RANKS.map((r) => [r, w.chores.ranks[r]] as [string, string])];
  const employment = EMPLOYMENT_TYPES.map((e) => [e, w.employment[e]] as [string, string]);
  const statusName = (v: string) => [v, w.statuses[v as keyof Words['statuses']] ?? v] as [string, string];
  const statuses = SETTABLE_STATUSES.map(statusName);
  // A person who has left shows as such; the list offers only what an edit may set.
  const detailStatuses = h.details && !statuses.some(([v]) => v === h.details!.status) ? [statusName(h.details.status), ...statuses] : statuses;
  const mentorPicker = (value: string, onChange: (id: string) => void, people: PersonOption[], testId: string) => (
    <PersonPicker w={w} people={people} value={value} onChange={onChange} testId={testId} label={c.mentor} searchLabel={c.searchMentor} none={c.noMentor} problem={h.mentorProblem} />
  );
  const chosen = props.people.find((p) => p.id === h.personId);
  const needsPerson = h.mode !== 'hire';
  const ready = !needsPerson || !!h.person;

  return (
    <section className={s.section} data-testid="roster-changes" aria-labelledby="roster-changes-title">
      <Subtitle2 as="h3" id="roster-changes-title">{c.title}</Subtitle2>
      {!h.may.record && <Text size={200}>{c.financeNote}</Text>}
      {h.modes.length > 1 && <Choice label={c.what} value={h.mode} onChange={(m) => h.setMode(m as ChangeMode)} options={h.modes.map((m) => [m, c.modes[m]!])} testId="change-mode" />}
      {needsPerson && <PersonPicker w={w} people={props.people} value={h.personId} onChange={h.setPersonId} testId="change-person" />}
      {needsPerson && !h.personId && <Text size={200}>{c.choose}</Text>}
      {needsPerson && chosen && h.person === null && <Text size={200}>{format(c.notOnRoster, { name: chosen.name })}</Text>}

      {h.mode === 'hire' && (
        <>
          <TextField label={c.employeeNo} value={h.hire.employeeNo} onChange={(v) => h.setHire((f) => ({ ...f, employeeNo: v }))} testId="hire-employee-no" />
          <TextField label={c.name} value={h.hire.name} onChange={(v) => h.setHire((f) => ({ ...f, name: v }))} testId="hire-name" />
          <UnitSelect units={h.units} value={h.hire.unitId} onChange={(v) => h.setHire((f) => ({ ...f, unitId: v }))} label={c.unit} testId="hire-unit" />
          <Choice label={c.position} value={h.hire.position} onChange={(v) => h.setHire((f) => ({ ...f, position: v }))} options={positions} testId="hire-position" />
          <Choice label={c.rank} value={h.hire.rank} onChange={(v) => h.setHire((f) => ({ ...f, rank: v }))} options={ranks} testId="hire-rank" />
          <Choice label={c.employmentType} value={h.hire.employmentType} onChange={(v) => h.setHire((f) => ({ ...f, employmentType: v }))} options={employment} testId="hire-employment" />
          <Choice label={c.status} value={h.hire.status} onChange={(v) => h.setHire((f) => ({ ...f, status: v }))} options={statuses} testId="hire-status" />
          {mentorPicker(h.hire.mentorId, (v) => h.setHire((f) => ({ ...f, mentorId: v })), props.people, 'hire-mentor')}
          <DateField w={w} label={c.hireDate} value={h.hire.hireDate} onChange={(v) => h.setHire((f) => ({ ...f, hireDate: v }))} testId="hire-date" />
          <TextField label={c.phone} value={h.hire.phone} onChange={(v) => h.setHire((f) => ({ ...f, phone: v }))} testId="hire-phone" />
          <TextField label={c.email} value={h.hire.email} onChange={(v) => h.setHire((f) => ({ ...f, email: v }))} testId="hire-email" />
          {h.may.salary && <TextField label={c.baseSalaryOptional} value={h.hire.baseSalary} onChange={(v) => h.setHire((f) => ({ ...f, baseSalary: v }))} testId="hire-salary" />}
        </>
      )}

      {h.mode === 'details' && h.person && h.details && (
        <>
          {h.may.record && (
            <>
              <TextField label={c.employeeNo} value={h.details.employeeNo} onChange={(v) => h.setDetails((f) => f && { ...f, employeeNo: v })} testId="details-employee-no" />
              <TextField label={c.name} value={h.details.name} onChange={(v) => h.setDetails((f) => f && { ...f, name: v })} testId="details-name" />
              <Choice label={c.position} value={h.details.position} onChange={(v) => h.setDetails((f) => f && { ...f, position: v })} options={positions} testId="details-position" />
              <Choice label={c.rank} value={h.details.rank} onChange={(v) => h.setDetails((f) => f && { ...f, rank: v })} options={ranks} testId="details-rank" />
              <Choice label={c.employmentType} value={h.details.employmentType} onChange={(v) => h.setDetails((f) => f && { ...f, employmentType: v })} options={employment} testId="details-employment" />
              <Choice label={c.status} value={h.details.status} onChange={(v) => h.setDetails((f) => f && { ...f, status: v })} options={detailStatuses} testId="details-status" />
              {mentorPicker(h.details.mentorId, (v) => h.setDetails((f) => f && { ...f, mentorId: v }), mentorOptions(props.people, h.person, c.mentorUnseen), 'details-mentor')}
              <TextField label={c.phone} value={h.details.phone} onChange={(v) => h.setDetails((f) => f && { ...f, phone: v })} testId="details-phone" />
              <TextField label={c.email} value={h.details.email} onChange={(v) => h.setDetails((f) => f && { ...f, email: v })} testId="details-email" />
            </>
          )}
          {h.may.salary && <TextField label={c.baseSalary} value={h.details.baseSalary} onChange={(v) => h.setDetails((f) => f && { ...f, baseSalary: v })} testId="details-salary" />}
          <Field label={c.payFrom} hint={c.payFromHint}>
            <DateInput w={w} value={h.details.payFrom} onChange={(v) => h.setDetails((f) => f && { ...f, payFrom: v })} data-testid="details-pay-from" />
          </Field>
        </>
      )}

      {h.mode === 'transfer' && h.person && (
        <>
          <UnitSelect units={h.units} value={h.transfer.unitId} onChange={(v) => h.setTransfer((f) => ({ ...f, unitId: v }))} label={c.unit} testId="transfer-unit" />
          <DateField w={w} label={c.effectiveDate} value={h.transfer.effectiveDate} onChange={(v) => h.setTransfer((f) => ({ ...f, effectiveDate: v }))} testId="transfer-date" />
          <Choice label={c.position} value={h.transfer.position} onChange={(v) => h.setTransfer((f) => ({ ...f, position: v }))} options={[['', c.keepPosition], ...positions]} testId="transfer-position" />
        </>
      )}

      {h.mode === 'leave' && h.person && (
        <>
          <DateField w={w} label={c.leaveDate} value={h.leaveDate} onChange={h.setLeaveDate} testId="leave-date" />
          <Text size={200}>{format(c.leaveNote, { name: h.person.name })}</Text>
        </>
      )}

      <Button appearance="primary" onClick={() => void h.submit()} disabled={h.busy || !ready} data-testid="change-submit">
        {h.busy ? w.chores.working : c.submit[h.mode]}
      </Button>
      <StatusLine w={w} status={h.status} testId="change-status" />
      <Busy busy={h.busy} label={w.chores.working} />
    </section>
  );
}
