/**
 * Leave requests: made by a person for themself before the leave starts,
 * decided by a manager of their unit (or an admin). Leave days in attendance
 * without an approved request count as absence (monthly summary and payroll).
 */
import type { Context } from '../context.ts';
import { Prisma } from '../db/client.ts';
import type { AttendanceStatus } from '../db/generated/sqlite/client/enums.ts';
import { mayChangeUnit, viewerScope, type Scope } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { badInput, clientError, forbidden, notFound } from '../errors.ts';
import { addDays, dateToDay, dayToDate } from '../../schema/dates.ts';
import { companyDayOf } from '../clock.ts';
import { month as monthOf } from './month.ts';
import { fiscalCalendar, requireUnlocked } from '../targets/calendar.ts';
import { daySpan } from '../../schema/periods.ts';
import { employedSpan, paidAttendance, spansWithin, type DaySpan, type PaidAttendance } from '../../schema/paid-attendance.ts';
import { monthCalendar } from './working-calendar.ts';
import { coveringSlips } from '../visit-slips/slips.ts';
import { monthsBetween, requirePayOpen } from './signed-pay.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

/** The days a leave request decides the attendance of (what a lock on any of them holds still). */
export const leaveSpan = (from: Date, to: Date) => daySpan(dateToDay(from), dateToDay(to));

export async function requestLeave(ctx: Context, input: { kind: AttendanceStatus; from: Date; to: Date; reason: string }) {
  const personId = ctx.viewer?.personId;
  if (!personId) throw forbidden('NOT_ON_ROSTER', 'Only a person on the roster can request leave');
  if (input.kind !== 'PERSONAL_LEAVE' && input.kind !== 'SICK_LEAVE') throw badInput(['kind'], 'Leave is PERSONAL_LEAVE or SICK_LEAVE', 'LEAVE_KIND');
  if (input.to < input.from) throw badInput(['to'], 'The leave ends before it starts', 'ENDS_BEFORE_START');
  if (dateToDay(input.from) < ctx.clock.today()) throw badInput(['from'], `Leave must be requested before it is taken: ${dateToDay(input.from)} has passed`, 'LEAVE_IN_PAST', { date: dateToDay(input.from) });
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    await requireUnlocked(tx, [leaveSpan(input.from, input.to)], calendar, 'Requesting the leave');
    // Access ends with the job: nothing is asked for days after the leave date.
    const { leaveDate } = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { leaveDate: true } });
    if (leaveDate && input.to > leaveDate) {
      throw clientError('BAD_USER_INPUT', `Your last day is ${dateToDay(leaveDate)}; leave cannot run past it`, { field: 'to', reason: 'AFTER_LEAVING', params: { date: dateToDay(leaveDate) } });
    }
    const overlap = await tx.leaveRequest.findFirst({ where: { personId, status: { not: 'REJECTED' }, fromDate: { lte: input.to }, toDate: { gte: input.from } } });
    if (overlap) throw badInput(['from'], `You already asked for leave from ${dateToDay(overlap.fromDate)} to ${dateToDay(overlap.toDate)}`, 'LEAVE_OVERLAPS', {
        from: dateToDay(overlap.fromDate),
        to: dateToDay(overlap.toDate),
      });
    const r = await tx.leaveRequest.create({ data: { personId, kind: input.kind, fromDate: input.from, toDate: input.to, reason: input.reason, requestedAt: ctx.clock.now() } });
    await recordAudit(tx, ctx.viewer, { entityType: 'LeaveRequest', entityId: r.id, action: 'request', after: r });
    return r;
  });
}

/** The most requests one read lists. */
const LEAVE_LIST_MAX = 200;

/**
 * The leave requests a viewer may read, the latest leave first: their own
 * and, for a manager, those of people who were in a unit of their subtrees
 * on the leave's first day (the requests decideLeave lets them decide: a
 * transfer hands what is asked for after it to the new unit's manager).
 */
export async function readableLeaveRequests<Q extends Omit<Prisma.LeaveRequestFindManyArgs, 'where' | 'orderBy' | 'take'>>(ctx: Context, query: Q) {
  const scope = await viewerScope(ctx);
  const order = { orderBy: { fromDate: 'desc' }, take: LEAVE_LIST_MAX } as const;
  if (scope.everything) return ctx.prisma.leaveRequest.findMany({ ...query, ...order });
  const inSubtree = scope.unitPaths.map((path) => Prisma.sql`substr(u."path", 1, CAST(${path.length} AS INTEGER)) = ${path}`);
  const managed = inSubtree.length
    ? await ctx.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
        SELECT r."id" AS "id" FROM "LeaveRequest" r
         WHERE EXISTS (SELECT 1 FROM "Assignment" a JOIN "OrgUnit" u ON u."id" = a."unitId"
                        WHERE a."personId" = r."personId" AND a."validFrom" <= r."fromDate" AND (a."validTo" IS NULL OR a."validTo" > r."fromDate")
                          AND (${Prisma.join(inSubtree, ' OR ')}))
         ORDER BY r."fromDate" DESC LIMIT ${LEAVE_LIST_MAX}`)
    : [];
  const or: Prisma.LeaveRequestWhereInput[] = [...scope.personIds.map((personId) => ({ personId }))];
  if (managed.length) or.push({ id: { in: managed.map((r) => r.id) } });
  return ctx.prisma.leaveRequest.findMany({ ...query, where: or.length ? { OR: or } : { id: { in: [] } }, ...order });
}

export async function decideLeave(ctx: Context, id: string, approve: boolean, comment?: string | null) {
  const scope = await viewerScope(ctx);
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const r = await tx.leaveRequest.findUnique({ where: { id } });
    if (!r) throw notFound('LeaveRequest', id);
    if (r.status !== 'REQUESTED') throw badInput(['id'], `This request is already ${r.status.toLowerCase()}`, 'LEAVE_ALREADY_DECIDED', { leaveStatus: r.status });
    // Leave decides attendance, and attendance decides pay: nobody decides their own.
    if (r.personId === ctx.viewer?.personId) throw clientError('FORBIDDEN', 'Someone else must decide your own leave', { reason: 'OWN_LEAVE' });
    if (!scope.everything) {
      const a = await tx.assignment.findFirst({ where: { personId: r.personId, validFrom: { lte: r.fromDate }, OR: [{ validTo: null }, { validTo: { gt: r.fromDate } }] }, include: { unit: { select: { path: true } } } });
      if (!a || !mayChangeUnit(scope, a.unit.path)) throw notFound('LeaveRequest', id);
    }
    // The decision changes the attendance of the leave's days: not in a locked period (brief §2).
    await requireUnlocked(tx, [leaveSpan(r.fromDate, r.toDate)], calendar, 'Deciding the leave');
    // Nor approved in a month whose pay for the person is signed: the payslip would no longer match its attendance.
    // (Refusing it changes nothing: unrequested leave counts as absence either way.)
    if (approve) await requirePayOpen(tx, r.personId, monthsBetween(dateToDay(r.fromDate), dateToDay(r.toDate)), 'Deciding the leave');
    const after = await tx.leaveRequest.update({ where: { id }, data: { status: approve ? 'APPROVED' : 'REJECTED', decidedById: ctx.viewer?.userId ?? null, decidedAt: ctx.clock.now(), comment: comment ?? null } });
    await recordAudit(tx, ctx.viewer, { entityType: 'LeaveRequest', entityId: id, action: approve ? 'approve' : 'reject', before: { status: r.status }, after: { status: after.status, comment: comment ?? null } });
    return after;
  });
}

/** Days of approved leave per person within [start, end], as "personId|YYYY-MM-DD|kind": leave counts as asked for only in the kind asked for. */
export async function approvedLeaveDays(db: Db, where: Prisma.LeaveRequestWhereInput, start: string, end: string): Promise<Set<string>> {
  const requests = await db.leaveRequest.findMany({ where: { ...where, status: 'APPROVED', fromDate: { lte: dayToDate(end) }, toDate: { gte: dayToDate(start) } } });
  const out = new Set<string>();
  for (const r of requests) {
    // A request must have been made before the leave started (the company's day it was made on).
    if (companyDayOf(r.requestedAt) > dateToDay(r.fromDate)) continue;
    for (let d = dateToDay(r.fromDate); d <= dateToDay(r.toDate); d = addDays(d, 1)) if (d >= start && d <= end) out.add(`${r.personId}|${d}|${r.kind}`);
  }
  return out;
}

export interface AttendanceSummary {
  personId: string;
  name: string;
  employeeNo: string;
  present: number;
  late: number;
  leftEarly: number;
  absent: number;
  personalLeave: number;
  sickLeave: number;
  fieldVisit: number;
  /** Leave days without an approved request made beforehand: counted as absent. */
  unrequestedLeave: number;
  /** Minutes late, over the late days. */
  lateMinutes: number;
  /**
   * The month as payroll sees it (schema/paid-attendance.ts), over the days
   * counted: null when the working calendar has no public holidays for the
   * month's year (payroll refuses such a month).
   */
  paid: PaidAttendance | null;
}

const NO_DAYS = { present: 0, late: 0, leftEarly: 0, absent: 0, personalLeave: 0, sickLeave: 0, fieldVisit: 0, unrequestedLeave: 0, lateMinutes: 0 };

export function summarise(days: { personId: string; date: Date; status: AttendanceStatus; lateMinutes?: number }[], approved: Set<string>) {
  const out = new Map<string, Omit<AttendanceSummary, 'personId' | 'name' | 'employeeNo' | 'paid'>>();
  for (const d of days) {
    const s = out.get(d.personId) ?? { ...NO_DAYS };
    const isLeave = d.status === 'PERSONAL_LEAVE' || d.status === 'SICK_LEAVE';
    if (isLeave && !approved.has(`${d.personId}|${dateToDay(d.date)}|${d.status}`)) s.unrequestedLeave++;
    else if (d.status === 'PRESENT') s.present++;
    else if (d.status === 'LATE') {
      s.late++;
      s.lateMinutes += d.lateMinutes ?? 0;
    }
    else if (d.status === 'LEFT_EARLY') s.leftEarly++;
    else if (d.status === 'ABSENT') s.absent++;
    else if (d.status === 'PERSONAL_LEAVE') s.personalLeave++;
    else if (d.status === 'SICK_LEAVE') s.sickLeave++;
    else if (d.status === 'FIELD_VISIT') s.fieldVisit++;
    out.set(d.personId, s);
  }
  return out;
}

type Stay = { validFrom: Date; validTo: Date | null };

/**
 * A manager's view of a month counts a person's days while they were in the
 * manager's subtree (brief §1: moved on the 12th, the first 11 days count
 * for the old team); their own days always count, and every day counts for
 * a viewer who sees everything. By person: 'all', or the stays in the
 * subtrees during the month (none for someone never there).
 */
async function countedStays(ctx: Context, scope: Scope, everything: boolean, personIds: string[], during: Prisma.AssignmentWhereInput): Promise<(personId: string) => Stay[] | 'all'> {
  if (everything) return () => 'all';
  const own = new Set(scope.personIds);
  const others = personIds.filter((id) => !own.has(id));
  const stays = new Map<string, Stay[]>();
  if (others.length) {
    for (const a of await ctx.prisma.assignment.findMany({
      where: { personId: { in: others }, AND: [during, { OR: scope.unitPaths.map((p) => ({ unit: { path: { startsWith: p } } })) }] },
      select: { personId: true, validFrom: true, validTo: true },
    })) stays.set(a.personId, [...(stays.get(a.personId) ?? []), a]);
  }
  return (personId) => (own.has(personId) ? 'all' : (stays.get(personId) ?? []));
}

export async function attendanceSummary(ctx: Context, month: string): Promise<AttendanceSummary[]> {
  const m = monthOf(month);
  const scope = await viewerScope(ctx);
  const everything = scope.everything || !!ctx.viewer?.roles.some((r) => r === 'FINANCE_MANAGER' || r === 'GENERAL_MANAGER');
  // A manager's people are those in their subtrees during the month (the roster as it stood then), not anyone who ever was.
  const during: Prisma.AssignmentWhereInput = { validFrom: { lt: m.endExclusive }, OR: [{ validTo: null }, { validTo: { gt: m.startDate } }] };
  const visible: Prisma.PersonWhereInput = everything
    ? {}
    : { OR: [...scope.personIds.map((id) => ({ id })), ...scope.unitPaths.map((p) => ({ assignments: { some: { ...during, unit: { path: { startsWith: p } } } } }))] };
  const all = await ctx.prisma.attendanceDay.findMany({
    where: { date: { gte: m.startDate, lt: m.endExclusive }, person: visible },
    select: { personId: true, date: true, status: true, lateMinutes: true, person: { select: { name: true, employeeNo: true, hireDate: true, leaveDate: true } } },
  });
  const approved = await approvedLeaveDays(ctx.prisma, { person: visible }, m.start, m.end);
  // Everyone employed in the month whom the viewer sees has a row, records or not: a month with none is all unrecorded working days.
  const employed = await ctx.prisma.person.findMany({
    where: { AND: [visible, { hireDate: { lt: m.endExclusive } }, { OR: [{ leaveDate: null }, { leaveDate: { gte: m.startDate } }] }] },
    select: { id: true, name: true, employeeNo: true, hireDate: true, leaveDate: true },
  });
  const people = new Map([...employed.map(({ id, ...p }) => [id, p] as const), ...all.map((d) => [d.personId, d.person] as const)]);
  const staysOf = await countedStays(ctx, scope, everything, [...people.keys()], during);
  const inScope = (personId: string, date: Date) => {
    const stays = staysOf(personId);
    return stays === 'all' || stays.some((a) => a.validFrom <= date && (!a.validTo || a.validTo > date));
  };
  const days = all.filter((d) => inScope(d.personId, d.date));
  const counts = summarise(days, approved);
  for (const personId of people.keys()) if (!counts.has(personId)) counts.set(personId, { ...NO_DAYS });
  // The days counted of each person with a row: those employed, and of a manager's people, those spent in the subtrees.
  const spans = new Map<string, DaySpan[]>();
  for (const personId of counts.keys()) {
    const p = people.get(personId)!;
    const employed = employedSpan(m.start, m.end, dateToDay(p.hireDate), p.leaveDate ? dateToDay(p.leaveDate) : null);
    const stays = staysOf(personId);
    spans.set(personId, !employed ? [] : stays === 'all' ? [employed] : spansWithin(employed, stays));
  }
  const calendar = await monthCalendar(ctx.prisma, month);
  const slips = calendar && days.some((d) => d.status === 'FIELD_VISIT') ? await coveringSlips(ctx.prisma, visible, m.start, m.end) : [];
  const paid = calendar ? paidAttendance(calendar, days, spans, slips) : null;
  return [...counts]
    .map(([personId, s]) => ({ personId, name: people.get(personId)!.name, employeeNo: people.get(personId)!.employeeNo, ...s, paid: paid?.get(personId) ?? null }))
    .sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : 1));
}
