/**
 * Changes to people: hire (create), edit, transfer, leave. Each runs in one
 * transaction with its audit event; edits check the caller's version.
 */
import type { Prisma } from '../db/client.ts';
import type { Context } from '../context.ts';
import type { EmploymentType, PersonStatus, Position, Rank } from '../db/generated/sqlite/client/enums.ts';
import { activeOn, mayChangeUnit, maySeeUnit, viewerScope, type Scope } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { moveSalesWithTransfer } from './transfer-sales.ts';
import { personNotServed, reaches, requireReach, servedReach } from '../payroll/served-units.ts';
import { badInput, conflict, forbidden, notFound } from '../errors.ts';
import { addDays, dateToDay, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { month as monthOf } from '../payroll/month.ts';
import { financeOnly, isSelf, notWritable, ownPay, peopleVisible, writesBaseSalary } from './people-access.ts';
import { endAccessOfLeaver } from '../auth/users.ts';
import { accessChangedHere } from '../auth/session-cache.ts';
import { recordPayTermChange } from './pay-terms.ts';
import { hasLeftBy } from './roster-query.ts';
import { firstOpenDayFrom, fiscalCalendar, requireDayOpen } from '../targets/calendar.ts';
import { requirePayOpenFrom, requireUnitPayOpenFrom } from '../payroll/signed-pay.ts';

type Tx = Prisma.TransactionClient;

export interface NewPerson {
  employeeNo: string;
  name: string;
  phone?: string | null;
  email?: string | null;
  position: Position;
  rank?: Rank | null;
  hireDate: Date;
  status?: PersonStatus | null;
  employmentType?: EmploymentType | null;
  /** Finance and admins only; 0 when not given (finance sets it later). */
  baseSalaryFen?: bigint | null;
  mentorId?: string | null;
  unitId: string;
}

export interface PersonChanges {
  employeeNo?: string | null;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  position?: Position | null;
  rank?: Rank | null;
  status?: PersonStatus | null;
  employmentType?: EmploymentType | null;
  baseSalaryFen?: bigint | null;
  mentorId?: string | null;
}

async function unitPathFor(tx: Tx, unitId: string, field: string[]): Promise<string> {
  const unit = await tx.orgUnit.findUnique({ where: { id: unitId }, select: { path: true } });
  if (!unit) throw badInput(field, `There is no org unit ${unitId}`, 'NO_SUCH_ORG_UNIT', { id: unitId });
  return unit.path;
}

/** The unit's path, when the caller may change it. */
async function requireUnitInScope(scope: Scope, tx: Tx, unitId: string, field: string[]): Promise<string> {
  const path = await unitPathFor(tx, unitId, field);
  if (!mayChangeUnit(scope, path)) throw forbidden('OUTSIDE_YOUR_UNITS', 'That org unit is outside the part of the organisation you manage');
  return path;
}

/** An employee number is someone else's if it matches theirs in any case: "qb00017" beside QB00017 would be two people an import, a sheet or a reader cannot tell apart. */
async function requireUniqueEmployeeNo(tx: Tx, employeeNo: string, field: string[], exceptId?: string) {
  const [other] = await tx.$queryRaw<{ id: string; name: string; employeeNo: string }[]>`
    SELECT "id", "name", "employeeNo" FROM "Person" WHERE lower("employeeNo") = lower(${employeeNo}) AND "id" <> ${exceptId ?? ''} LIMIT 1`;
  if (other) throw badInput(field, `Employee number ${employeeNo} already belongs to ${other.name} (${other.employeeNo})`, 'EMPLOYEE_NO_TAKEN', { employeeNo: other.employeeNo, name: other.name });
}

async function requireMentor(tx: Tx, mentorId: string, personId: string | null, field: string[]) {
  // Walk up the mentor chain: a person cannot mentor themself, directly or not.
  let cursor: string | null = mentorId;
  for (let hops = 0; cursor; hops++) {
    if (cursor === personId) throw badInput(field, 'A person cannot be their own mentor, directly or through others', 'OWN_MENTOR');
    const m: { mentorId: string | null } | null = await tx.person.findUnique({ where: { id: cursor }, select: { mentorId: true } });
    if (!m) throw badInput(field, `There is no person ${cursor} to be the mentor`, 'NO_SUCH_MENTOR', { id: cursor });
    if (hops > 64) break;
    cursor = m.mentorId;
  }
}

/**
 * A mentor must be someone the editor may see today (as the roster shows
 * them), and never the editor: who mentors whom decides the mentor's
 * override pay. Unknown and unseen people get the same answer.
 */
async function requireMentorVisible(ctx: Context, tx: Tx, scope: Scope, mentorId: string, field: string[]) {
  if (isSelf(ctx, mentorId)) throw ownPay(field, 'mentees (who you mentor decides your override pay)');
  if (scope.everything) return;
  const seen = await tx.person.count({ where: { AND: [{ id: mentorId }, peopleVisible(scope, dayToDate(ctx.clock.today()))] } });
  if (!seen) throw badInput(field, `There is no person ${mentorId} to be the mentor`, 'NO_SUCH_MENTOR', { id: mentorId });
}

/** The person's current unit (today), for permission checks on edits. */
async function currentUnitId(tx: Tx, personId: string, today: IsoDay): Promise<string | null> {
  const a = await tx.assignment.findFirst({ where: { personId, ...activeOn(dayToDate(today)) }, select: { unitId: true } });
  if (a) return a.unitId;
  const last = await tx.assignment.findFirst({ where: { personId }, orderBy: { validFrom: 'desc' }, select: { unitId: true } });
  return last?.unitId ?? null;
}

/**
 * The person to change, if the caller's scope reaches them today: a manager's
 * subtree, or, for a base salary alone (`payOnly`), the units a finance user
 * serves.
 */
async function loadForChange(scope: Scope, tx: Tx, id: string, today: IsoDay, payOnly = false) {
  const person = await tx.person.findUnique({ where: { id } });
  if (!person) throw notFound('Person', id);
  const unitId = await currentUnitId(tx, id, today);
  if (!scope.everything) {
    const path = unitId ? (await tx.orgUnit.findUnique({ where: { id: unitId }, select: { path: true } }))?.path : undefined;
    // Outside the caller's subtree the person does not exist as far as they can tell.
    if (!path || !(mayChangeUnit(scope, path) || (payOnly && maySeeUnit(scope, path)))) throw notFound('Person', id);
  }
  return person;
}

/** Bumps the version only if it is still the caller's; otherwise CONFLICT. */
async function bumpVersion(tx: Tx, id: string, version: number, data: Prisma.PersonUncheckedUpdateManyInput) {
  const { count } = await tx.person.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw conflict('Person', id, version);
  return tx.person.findUniqueOrThrow({ where: { id } });
}

/*
 * The caller's scope is read before each transaction opens: on SQLite the
 * connection belongs to the transaction until it ends, so a query through
 * ctx.prisma inside it would wait for it forever.
 */

export async function createPerson(ctx: Context, input: NewPerson) {
  if (input.baseSalaryFen != null && !writesBaseSalary(ctx.viewer)) throw notWritable(['input', 'baseSalary'], 'Only finance or an admin may set a base salary');
  const scope = await viewerScope(ctx);
  const calendar = await fiscalCalendar(ctx);
  const reach = input.baseSalaryFen != null ? await servedReach(ctx) : null;
  // Someone hired has not left: a leave date is recorded by deactivatePerson (a record stored LEFT without one could never be closed).
  if (input.status === 'LEFT') throw badInput(['input', 'status'], 'Use deactivatePerson with a leave date to record that someone left', 'USE_DEACTIVATE');
  return ctx.prisma.$transaction(async (tx) => {
    if (input.mentorId) await requireMentorVisible(ctx, tx, scope, input.mentorId, ['input', 'mentorId']);
    const unitPath = await requireUnitInScope(scope, tx, input.unitId, ['input', 'unitId']);
    // Finance who serve named units (and manage others) set a base salary only in a unit they serve.
    if (reach) requireReach(reach, (await tx.orgUnit.findUniqueOrThrow({ where: { id: input.unitId }, select: { path: true, name: true } })));
    await requireUniqueEmployeeNo(tx, input.employeeNo, ['input', 'employeeNo']);
    await requireDayOpen(tx, calendar, dateToDay(input.hireDate), 'input.hireDate', 'Hiring');
    // Paid from the hire date by their unit's run: not into a month whose run is signed (it would pay nobody for them).
    await requireUnitPayOpenFrom(tx, unitPath, dateToDay(input.hireDate), ctx.clock.today(), 'Hiring', ['input', 'hireDate']);
    if (input.baseSalaryFen != null && input.baseSalaryFen < 0n) throw badInput(['input', 'baseSalary'], 'Base salary cannot be negative', 'NEGATIVE_SALARY');
    if (input.mentorId) await requireMentor(tx, input.mentorId, null, ['input', 'mentorId']);
    const person = await tx.person.create({
      data: {
        employeeNo: input.employeeNo,
        name: input.name,
        phone: input.phone ?? null,
        email: input.email ?? null,
        position: input.position,
        rank: input.rank ?? null,
        hireDate: input.hireDate,
        status: input.status ?? 'ACTIVE',
        employmentType: input.employmentType ?? 'FULL_TIME',
        baseSalaryFen: input.baseSalaryFen ?? 0n,
        mentorId: input.mentorId ?? null,
        assignments: { create: { unitId: input.unitId, position: input.position, validFrom: input.hireDate } },
      },
    });
    await recordAudit(tx, ctx.viewer, { entityType: 'Person', entityId: person.id, action: 'create', after: { ...person, unitId: input.unitId } });
    return person;
  });
}

/** The GraphQL input field each change comes from. */
const inputField: Record<keyof PersonChanges, string> = {
  employeeNo: 'employeeNo', name: 'name', phone: 'phone', email: 'email', position: 'position', rank: 'rank',
  status: 'status', employmentType: 'employmentType', baseSalaryFen: 'baseSalary', mentorId: 'mentorId',
};
const OWN_PAY_FIELDS = { baseSalaryFen: 'base salary', rank: 'rank', position: 'position' } as const;

/** Which fields the caller may write at all (before looking at the person). */
function requireWritable(ctx: Context, id: string, changes: PersonChanges) {
  const given = (Object.keys(changes) as (keyof PersonChanges)[]).filter((k) => changes[k] !== undefined);
  if (isSelf(ctx, id)) {
    for (const [key, what] of Object.entries(OWN_PAY_FIELDS) as [keyof typeof OWN_PAY_FIELDS, string][]) {
      if (given.includes(key)) throw ownPay(['input', inputField[key]], what);
    }
  }
  if (financeOnly(ctx.viewer)) {
    const other = given.find((k) => k !== 'baseSalaryFen');
    if (other) throw notWritable(['input', inputField[other]], 'Finance may change only a base salary on a person');
  }
  if (given.includes('baseSalaryFen') && !writesBaseSalary(ctx.viewer)) throw notWritable(['input', 'baseSalary'], 'Only finance or an admin may change a base salary');
}

/** The first day of the month after the last payslip of any of these people (in any run, calculated or beyond); null when they have none. */
async function firstMonthNotCalculated(tx: Tx, personIds: string[]): Promise<IsoDay | null> {
  const last = await tx.payslip.findFirst({ where: { personId: { in: personIds } }, orderBy: { run: { month: 'desc' } }, select: { run: { select: { month: true } } } });
  return last ? addDays(monthOf(last.run.month).end, 1) : null;
}

/**
 * Edits a person. A new rank or base salary counts for every month not yet
 * calculated (from the month after their last payslip, kept as a change
 * from that day), or, given `payFrom`, from that day: the months before it
 * are still paid at the old one (roster/pay-terms.ts), a reopened one too.
 * A new mentor likewise, for the months after the last payslip of the old
 * or the new mentor (whose override pay it moves).
 */
export async function updatePerson(ctx: Context, id: string, version: number, changes: PersonChanges, payFrom: IsoDay | null = null) {
  requireWritable(ctx, id, changes);
  const scope = await viewerScope(ctx);
  const calendar = await fiscalCalendar(ctx);
  const reach = changes.baseSalaryFen !== undefined ? await servedReach(ctx) : null;
  return ctx.prisma.$transaction(async (tx) => {
    const payOnly = Object.entries(changes).every(([k, v]) => v === undefined || k === 'baseSalaryFen') && writesBaseSalary(ctx.viewer);
    const before = await loadForChange(scope, tx, id, ctx.clock.today(), payOnly);
    // Finance who serve named units (and manage others) change the base salary only of a person in a unit they serve.
    if (reach) {
      const unitId = await currentUnitId(tx, id, ctx.clock.today());
      const unit = unitId ? await tx.orgUnit.findUnique({ where: { id: unitId }, select: { path: true } }) : null;
      if (!unit || !reaches(reach, unit.path)) throw personNotServed(before, 'input.baseSalary');
    }
    // A new mentor must be visible and not the editor; nor may the editor stop being someone's mentor.
    if (changes.mentorId !== undefined && changes.mentorId !== before.mentorId) {
      if (isSelf(ctx, before.mentorId)) throw ownPay(['input', 'mentorId'], 'mentees (who you mentor decides your override pay)');
      if (changes.mentorId) await requireMentorVisible(ctx, tx, scope, changes.mentorId, ['input', 'mentorId']);
    }
    if (changes.employeeNo) await requireUniqueEmployeeNo(tx, changes.employeeNo, ['input', 'employeeNo'], id);
    if (changes.mentorId) await requireMentor(tx, changes.mentorId, id, ['input', 'mentorId']);
    if (changes.baseSalaryFen != null && changes.baseSalaryFen < 0n) throw badInput(['input', 'baseSalary'], 'Base salary cannot be negative', 'NEGATIVE_SALARY');
    if (changes.status === 'LEFT') throw badInput(['input', 'status'], 'Use deactivatePerson with a leave date to record that someone left', 'USE_DEACTIVATE');
    // Someone who has left is LEFT by their leave date: a status set now would be stored and never shown (their other details may still be corrected).
    if (changes.status != null && hasLeftBy(before.leaveDate, ctx.clock.today())) {
      const leaveDate = dateToDay(before.leaveDate!);
      throw badInput(['input', 'status'], `${before.name} left on ${leaveDate}; their status cannot change`, 'PERSON_HAS_LEFT', { name: before.name, leaveDate });
    }
    const data: Prisma.PersonUncheckedUpdateManyInput = {};
    for (const key of ['employeeNo', 'name', 'position', 'status', 'employmentType', 'baseSalaryFen'] as const) {
      if (changes[key] != null) (data as Record<string, unknown>)[key] = changes[key];
    }
    // Nullable fields: an explicit null clears them; absent leaves them alone.
    for (const key of ['phone', 'email', 'rank', 'mentorId'] as const) {
      if (changes[key] !== undefined) (data as Record<string, unknown>)[key] = changes[key];
    }
    if (payFrom) await requireDayOpen(tx, calendar, payFrom, 'payFrom', 'Changing the pay terms', before.leaveDate ? dateToDay(before.leaveDate) : null);
    // A rank or base salary paid from a day whose month is already signed would pay differently from the payslips signed.
    const termsChange = (data.rank !== undefined && data.rank !== before.rank) || (data.baseSalaryFen !== undefined && data.baseSalaryFen !== before.baseSalaryFen);
    if (payFrom && termsChange) await requirePayOpenFrom(tx, [id], payFrom, ctx.clock.today(), 'Changing the pay terms', { field: ['payFrom'] });
    // A trainee's sales are paid on their mentor's payslip (the override): the old and the new mentor's pay changes with them.
    const mentors = data.mentorId !== undefined && data.mentorId !== before.mentorId ? [before.mentorId, data.mentorId as string | null].filter((m): m is string => !!m) : [];
    if (payFrom && mentors.length) await requirePayOpenFrom(tx, mentors, payFrom, ctx.clock.today(), 'Changing the mentor', { field: ['payFrom'] });
    // Without a day, the months already calculated keep the old terms: the change counts from the month after the last one
    // with a payslip, and not inside a locked period (from the day after the last one).
    const termsFrom = payFrom ?? (termsChange ? await firstOpenDayFrom(tx, calendar, await firstMonthNotCalculated(tx, [id])) : null);
    const mentorFrom = payFrom ?? (mentors.length ? await firstOpenDayFrom(tx, calendar, await firstMonthNotCalculated(tx, mentors)) : null);
    const after = await bumpVersion(tx, id, version, data);
    if (termsFrom) {
      await recordPayTermChange(tx, ctx, id, 'RANK', before.rank, after.rank, termsFrom);
      await recordPayTermChange(tx, ctx, id, 'BASE_SALARY', String(before.baseSalaryFen), String(after.baseSalaryFen), termsFrom);
    }
    if (mentorFrom) await recordPayTermChange(tx, ctx, id, 'MENTOR', before.mentorId, after.mentorId, mentorFrom);
    const effectiveFrom = termsFrom ?? mentorFrom;
    await recordAudit(tx, ctx.viewer, { entityType: 'Person', entityId: id, action: 'update', before, after: effectiveFrom ? { ...after, payFrom: effectiveFrom } : after });
    return after;
  });
}

export async function transferPerson(ctx: Context, id: string, version: number, unitId: string, effective: Date, position?: Position | null) {
  if (position != null && isSelf(ctx, id)) throw ownPay(['position'], 'position');
  const scope = await viewerScope(ctx);
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const person = await loadForChange(scope, tx, id, ctx.clock.today());
    const destinationPath = await requireUnitInScope(scope, tx, unitId, ['unitId']);
    if (effective < person.hireDate) {
      throw badInput(['effectiveDate'], `A transfer cannot be dated ${dateToDay(effective)}, before the hire date ${dateToDay(person.hireDate)}`, 'TRANSFER_BEFORE_HIRE', {
        date: dateToDay(effective),
        hireDate: dateToDay(person.hireDate),
      });
    }
    if (person.leaveDate && effective > person.leaveDate) {
      throw badInput(['effectiveDate'], `A transfer cannot be dated ${dateToDay(effective)}, after the leave date ${dateToDay(person.leaveDate)}`, 'TRANSFER_AFTER_LEAVING', {
        date: dateToDay(effective),
        leaveDate: dateToDay(person.leaveDate),
      });
    }
    await requireDayOpen(tx, calendar, dateToDay(effective), 'effectiveDate', 'The transfer', person.leaveDate ? dateToDay(person.leaveDate) : null);
    // Which run pays the month, and the sales it counts, follow the unit: not once that month's pay is signed.
    await requirePayOpenFrom(tx, [id], dateToDay(effective), ctx.clock.today(), 'The transfer', { field: ['effectiveDate'] });
    // Nor into a unit whose run for the month is signed: that run would not pay them, and their old unit's no longer would.
    await requireUnitPayOpenFrom(tx, destinationPath, dateToDay(effective), ctx.clock.today(), 'The transfer', ['effectiveDate']);
    const later = await tx.assignment.findFirst({ where: { personId: id, validFrom: { gt: effective } }, orderBy: { validFrom: 'asc' } });
    if (later) throw badInput(['effectiveDate'], `A later transfer, effective ${dateToDay(later.validFrom)}, already exists; change that one first`, 'LATER_TRANSFER', { date: dateToDay(later.validFrom) });
    const current = await tx.assignment.findFirst({ where: { personId: id, ...activeOn(effective) } });
    if (!current) throw badInput(['effectiveDate'], `${person.name} has no assignment on ${dateToDay(effective)}`, 'NO_ASSIGNMENT', { name: person.name, date: dateToDay(effective) });
    const newPosition = position ?? current.position;
    if (current.unitId === unitId && current.position === newPosition) throw badInput(['unitId'], `${person.name} is already in that unit on ${dateToDay(effective)}`, 'ALREADY_IN_UNIT', { name: person.name, date: dateToDay(effective) });
    if (current.validFrom.getTime() === effective.getTime()) {
      await tx.assignment.update({ where: { id: current.id }, data: { unitId, position: newPosition } });
    } else {
      await tx.assignment.update({ where: { id: current.id }, data: { validTo: effective } });
      await tx.assignment.create({ data: { personId: id, unitId, position: newPosition, validFrom: effective, validTo: current.validTo } });
    }
    // Sales already booked from that day on count for the new unit now (a transfer entered late).
    const salesMoved = await moveSalesWithTransfer(tx, id, current.unitId, unitId, effective, current.validTo);
    const after = await bumpVersion(tx, id, version, position ? { position } : {});
    await recordAudit(tx, ctx.viewer, {
      entityType: 'Person',
      entityId: id,
      action: 'transfer',
      before: { unitId: current.unitId, position: current.position },
      after: { unitId, position: newPosition, effectiveDate: dateToDay(effective), ...(salesMoved ? { salesMoved: salesMoved.count, salesMovedIds: salesMoved.externalIds, openFlagsCleared: salesMoved.openFlagsCleared, flagsRaised: salesMoved.flagsRaised } : {}) },
    });
    return after;
  });
}

export async function deactivatePerson(ctx: Context, id: string, version: number, leaveDate: Date) {
  if (isSelf(ctx, id)) throw ownPay(['id'], 'leave date');
  const scope = await viewerScope(ctx);
  const calendar = await fiscalCalendar(ctx);
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const before = await loadForChange(scope, tx, id, ctx.clock.today());
      if (before.leaveDate || before.status === 'LEFT') throw badInput(['id'], `${before.name} has already left (${before.leaveDate ? dateToDay(before.leaveDate) : 'no date'})`, 'ALREADY_LEFT', { name: before.name });
      if (leaveDate < before.hireDate) {
        throw badInput(['leaveDate'], `The leave date ${dateToDay(leaveDate)} is before the hire date ${dateToDay(before.hireDate)}`, 'LEAVE_BEFORE_HIRE', {
          leaveDate: dateToDay(leaveDate),
          hireDate: dateToDay(before.hireDate),
        });
      }
      // The leave date is the last day worked: assignments end the day after, which must not be in a locked period.
      await requireDayOpen(tx, calendar, addDays(dateToDay(leaveDate), 1), 'leaveDate', 'Recording the leave date');
      // The days after the last day worked are not paid: not in a month whose pay is signed.
      await requirePayOpenFrom(tx, [id], addDays(dateToDay(leaveDate), 1), ctx.clock.today(), 'Recording the leave date', { field: ['leaveDate'] });
      const end = dayToDate(addDays(dateToDay(leaveDate), 1));
      const later = await tx.assignment.findFirst({ where: { personId: id, validFrom: { gte: end } } });
      if (later) throw badInput(['leaveDate'], `A transfer effective ${dateToDay(later.validFrom)} comes after that leave date; change it first`, 'TRANSFER_AFTER_LEAVE_DATE', { date: dateToDay(later.validFrom) });
      await tx.assignment.updateMany({ where: { personId: id, OR: [{ validTo: null }, { validTo: { gt: end } }] }, data: { validTo: end } });
      // The status stays as it is (on probation, say) until the leave date has passed: LEFT follows from the leave date (roster-query.ts statusOn).
      const after = await bumpVersion(tx, id, version, { leaveDate });
      await recordAudit(tx, ctx.viewer, { entityType: 'Person', entityId: id, action: 'deactivate', before, after });
      // Someone who has left manages nothing (nobody may be made manager once they have left): their units have no manager until
      // one is named. A leave date still to come leaves them managing until then.
      const gone = hasLeftBy(leaveDate, ctx.clock.today());
      for (const unit of gone ? await tx.orgUnit.findMany({ where: { managerId: id }, select: { id: true } }) : []) {
        await tx.orgUnit.update({ where: { id: unit.id }, data: { managerId: null } });
        await recordAudit(tx, ctx.viewer, { entityType: 'OrgUnit', entityId: unit.id, action: 'setManager', before: { managerId: id }, after: { managerId: null, because: 'managerLeft', leaveDate: dateToDay(leaveDate) } });
      }
      await endAccessOfLeaver(tx, ctx.viewer, id, leaveDate);
      return after;
    });
  } finally {
    // Cached sessions hold the leave date (auth/session-cache.ts).
    accessChangedHere();
  }
}
