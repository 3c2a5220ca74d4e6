/**
 * Roster changes as the pane's forms hold them, made into the API's inputs:
 * a hire, a person's changed details (only what differs, so that an edit
 * never touches a field the editor may not write), a transfer, a leave.
 * Status and mentor go with hires and details: the status only as on
 * probation or active (leaving is its own change), the mentor chosen from the
 * people the editor may see, "" for none (an explicit null clears it).
 * Pure; what is wrong comes back as a catalogue key.
 */
import { isIsoDay } from '../../../schema/dates.ts';
import { yuanToMoney } from '../chores/money.ts';

export const PERSON_FIELDS = 'id employeeNo name phone email position rank status employmentType hireDate leaveDate baseSalary mentorId mentorName unitId unitName version';
export const PERSON = `query PersonToChange($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`;
export const CREATE_PERSON = `mutation CreatePerson($input: CreatePersonInput!) { createPerson(input: $input) { ${PERSON_FIELDS} } }`;
export const UPDATE_PERSON = `mutation UpdatePerson($id: ID!, $version: Int!, $input: UpdatePersonInput!, $payFrom: Date) { updatePerson(id: $id, version: $version, input: $input, payFrom: $payFrom) { ${PERSON_FIELDS} } }`;
export const TRANSFER_PERSON = `mutation TransferPerson($id: ID!, $version: Int!, $unitId: ID!, $effectiveDate: Date!, $position: Position) {
  transferPerson(id: $id, version: $version, unitId: $unitId, effectiveDate: $effectiveDate, position: $position) { ${PERSON_FIELDS} }
}`;
export const DEACTIVATE_PERSON = `mutation DeactivatePerson($id: ID!, $version: Int!, $leaveDate: Date!) { deactivatePerson(id: $id, version: $version, leaveDate: $leaveDate) { ${PERSON_FIELDS} } }`;

export const POSITIONS = ['SALES_REP', 'ACCOUNT_MANAGER', 'REGIONAL_MANAGER', 'SALES_DIRECTOR', 'FINANCE'] as const;
export const EMPLOYMENT_TYPES = ['FULL_TIME', 'PART_TIME'] as const;
/** The statuses a hire or an edit may set: leaving is recorded with its last day worked, never as a status. */
export const SETTABLE_STATUSES = ['PROBATION', 'ACTIVE'] as const;
const settable = (status: string) => (SETTABLE_STATUSES as readonly string[]).includes(status);

export interface PersonDetails {
  id: string;
  employeeNo: string;
  name: string;
  phone: string | null;
  email: string | null;
  position: string;
  rank: string | null;
  status: string;
  employmentType: string;
  hireDate: string;
  leaveDate: string | null;
  /** Null when the viewer may not read it. */
  baseSalary: string | null;
  mentorId: string | null;
  /** Null when there is none, or the viewer may not see the mentor. */
  mentorName: string | null;
  unitId: string;
  unitName: string | null;
  version: number;
}

export type Problem = 'required' | 'badDate' | 'badSalary' | 'badEmail' | 'nothingChanged' | 'chooseUnit';
export type Outcome<T> = { input: T; problem?: undefined } | { input?: undefined; problem: Problem };

/** What the details form shows: every field as text ("" for none). */
export interface DetailsForm {
  employeeNo: string;
  name: string;
  phone: string;
  email: string;
  position: string;
  rank: string;
  employmentType: string;
  status: string;
  /** The mentor's id, "" for none. */
  mentorId: string;
  baseSalary: string;
  /** The day a new rank or base salary is paid from ("" : every month not yet calculated). */
  payFrom: string;
}

export const detailsForm = (p: PersonDetails): DetailsForm => ({
  employeeNo: p.employeeNo,
  name: p.name,
  phone: p.phone ?? '',
  email: p.email ?? '',
  position: p.position,
  rank: p.rank ?? '',
  employmentType: p.employmentType,
  status: p.status,
  mentorId: p.mentorId ?? '',
  baseSalary: p.baseSalary ?? '',
  payFrom: '',
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The details that differ from the person's, as UpdatePersonInput. Only the
 * fields the editor may write are looked at: `salary` (finance, admins) and
 * `record` (everything else: managers, admins).
 */
export function detailsChanges(p: PersonDetails, form: DetailsForm, may: { salary: boolean; record: boolean }): Outcome<Record<string, string | null>> {
  const input: Record<string, string | null> = {};
  const before = detailsForm(p);
  if (may.record) {
    for (const key of ['employeeNo', 'name', 'position', 'employmentType'] as const) {
      const value = form[key].trim();
      if (!value) return { problem: 'required' };
      if (value !== before[key]) input[key] = value;
    }
    for (const key of ['phone', 'email', 'rank'] as const) {
      const value = form[key].trim();
      if (value !== before[key]) input[key] = value || null;
    }
    if (input.email && !EMAIL.test(input.email)) return { problem: 'badEmail' };
    if (form.status !== before.status && settable(form.status)) input.status = form.status;
    if (form.mentorId !== before.mentorId) input.mentorId = form.mentorId || null;
  }
  if (may.salary && form.baseSalary.trim() !== before.baseSalary) {
    const money = yuanToMoney(form.baseSalary, { allowZero: true });
    if (money === null || money.startsWith('-')) return { problem: 'badSalary' };
    if (money !== p.baseSalary) input.baseSalary = money;
  }
  return Object.keys(input).length ? { input } : { problem: 'nothingChanged' };
}

export interface HireForm {
  employeeNo: string;
  name: string;
  unitId: string;
  position: string;
  rank: string;
  employmentType: string;
  status: string;
  /** The mentor's id, "" for none. */
  mentorId: string;
  hireDate: string;
  phone: string;
  email: string;
  baseSalary: string;
}

/** A hire as CreatePersonInput; the base salary only when the editor may set it and typed one. */
export function hireInput(form: HireForm, maySalary: boolean): Outcome<Record<string, string | null>> {
  const need = [form.employeeNo, form.name, form.unitId, form.position, form.hireDate].map((v) => v.trim());
  if (need.some((v) => !v)) return { problem: 'required' };
  if (!isIsoDay(form.hireDate.trim())) return { problem: 'badDate' };
  const email = form.email.trim();
  if (email && !EMAIL.test(email)) return { problem: 'badEmail' };
  const input: Record<string, string | null> = {
    employeeNo: form.employeeNo.trim(),
    name: form.name.trim(),
    unitId: form.unitId,
    position: form.position,
    rank: form.rank || null,
    employmentType: form.employmentType || 'FULL_TIME',
    status: settable(form.status) ? form.status : 'ACTIVE',
    mentorId: form.mentorId || null,
    hireDate: form.hireDate.trim(),
    phone: form.phone.trim() || null,
    email: email || null,
  };
  if (maySalary && form.baseSalary.trim()) {
    const money = yuanToMoney(form.baseSalary, { allowZero: true });
    if (money === null || money.startsWith('-')) return { problem: 'badSalary' };
    input.baseSalary = money;
  }
  return { input };
}

/** The day to send with the details: only when a rank or base salary changes; "" sends none; null when it is not a day. */
export function payFromOf(form: DetailsForm, input: Record<string, string | null>): string | null | undefined {
  const day = form.payFrom.trim();
  if (!day || !('rank' in input || 'baseSalary' in input)) return undefined;
  return isIsoDay(day) ? day : null;
}
