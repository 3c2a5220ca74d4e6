/**
 * Field-visit slips (出访单, issue 11 §4; domain §4): a rep requests one for
 * themself (destination, customer, contact, purpose, planned departure and
 * return); a manager over the rep's unit approves or rejects it; after the
 * planned return the manager records the check (spot or full) and its
 * result. An approved or checked slip covers its days (schema/visit-slips.ts);
 * attendance days marked FIELD_VISIT that no such slip covers are listed for
 * managers (unslippedFieldVisits) and paid by payroll as the compensation
 * plan says (absence by default; server/payroll/inputs.ts).
 *
 * Who may do what:
 *   read: a rep their own slips; a manager their subtree's (by the unit the
 *     rep is in on the slip's departure day: assignments are effective-dated,
 *     brief §1, so a transfer hands the slips for visits from its day on to
 *     the new unit's managers) and their own; directors, finance and admins
 *     all;
 *   request: anyone on the roster, for themself;
 *   approve, reject, check: a manager over the slip's unit (the same unit of
 *     the departure day), never on their own.
 * Nothing is requested, approved, rejected or checked with a day in a locked period.
 * Every change is audited (server/audit.ts).
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { VisitCheckKind, VisitSlipStatus } from '../db/generated/sqlite/client/enums.ts';
import { maySeeUnit, viewerScope, type Scope } from '../access.ts';
import { customersVisible } from '../customers/access.ts';
import { recordAudit } from '../audit.ts';
import { recordLastVisit } from '../customers/last-visit.ts';
import { badInput, clientError, dynamicClientError, forbidden, notFound } from '../errors.ts';
import { addDays, chinaTimeOf, dateToDay, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { approvedAfterDeparture, checkVisitSlip, COVERING_STATUSES, coveredDays, mayCheck, slipDay, unslippedDays, VISIT_SLIP_LIMITS } from '../../schema/visit-slips.ts';
import { normaliseCustomerCode } from '../../schema/customers.ts';
import { fiscalCalendar, requireUnlocked } from '../targets/calendar.ts';
import { monthsBetween, requirePayOpen } from '../payroll/signed-pay.ts';
import { daySpan, type FiscalCalendar } from '../../schema/periods.ts';

type Tx = Prisma.TransactionClient;
type Db = Context['prisma'] | Tx;

const include = {
  person: { select: { name: true, employeeNo: true } },
  unit: { select: { id: true, name: true, path: true } },
  customer: { select: { code: true, name: true } },
} satisfies Prisma.VisitSlipInclude;
type SlipRecord = Prisma.VisitSlipGetPayload<{ include: typeof include }>;

export interface VisitSlipView {
  id: string;
  personId: string;
  personName: string;
  employeeNo: string;
  unitId: string;
  unitName: string;
  destination: string;
  customerCode: string | null;
  customerName: string | null;
  contactPerson: string;
  purpose: string;
  plannedOut: Date;
  plannedBack: Date;
  /** The days it covers once approved. */
  days: IsoDay[];
  status: VisitSlipStatus;
  revision: number;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  checkKind: VisitCheckKind | null;
  checkOk: boolean | null;
  checkResult: string | null;
  checkedBy: string | null;
  checkedAt: Date | null;
  createdAt: Date;
  canDecide: boolean;
  canCheck: boolean;
  /** Approved after its planned departure (an approval after the fact). */
  approvedLate: boolean;
  /** Its planned departure has passed. */
  departed: boolean;
}

// ── months ──────────────────────────────────────────────────────────────

export function slipMonth(value: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(value.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[1]) < 2000 || Number(m[1]) > 2100) throw badInput(['month'], `"${value}" is not a month (2026-03)`, 'VISIT_SLIP_NOT_A_MONTH', { value });
  return `${m[1]}-${m[2]}`;
}
const monthDays = (month: string) => {
  const start = `${month}-01`;
  const end = addDays(addDays(`${month}-28`, 5).slice(0, 7) + '-01', -1);
  return { start, end };
};
/** Slips whose days may fall in [start, end] (China time): a day's slack on each side, the exact days decided by coveredDays. */
const overlapping = (start: IsoDay, end: IsoDay): Prisma.VisitSlipWhereInput => ({ plannedOut: { lt: dayToDate(addDays(end, 2)) }, plannedBack: { gte: dayToDate(addDays(start, -1)) } });

/**
 * The approved (or checked) slips of the people selected that may cover a
 * day from start to end: one read, whatever the number of people. What
 * unslippedDays (schema/visit-slips.ts) matches field-visit days against.
 */
export function coveringSlips(db: Db, person: Prisma.PersonWhereInput, start: IsoDay, end: IsoDay) {
  return db.visitSlip.findMany({ where: { person, status: { in: [...COVERING_STATUSES] }, ...overlapping(start, end) }, select: { personId: true, status: true, plannedOut: true, plannedBack: true } });
}

// ── who may read and decide ─────────────────────────────────────────────

const roles = (ctx: Context) => ctx.viewer?.roles ?? [];

/**
 * The slips a viewer may read are among these: their own, and those of
 * people ever placed in their subtrees (or stored under them). Which of them
 * they read is decided on the unit of the departure day (mayRead).
 */
function candidatesWhere(scope: Scope): Prisma.VisitSlipWhereInput {
  if (scope.everything) return {};
  const or: Prisma.VisitSlipWhereInput[] = [
    ...scope.personIds.map((personId) => ({ personId })),
    ...scope.unitPaths.flatMap((path) => [{ unit: { path: { startsWith: path } } }, { person: { assignments: { some: { unit: { path: { startsWith: path } } } } } }]),
  ];
  return or.length ? { OR: or } : { id: { in: [] } };
}

const mayRead = (scope: Scope, slip: Pick<SlipRecord, 'personId' | 'unit'>) => scope.personIds.includes(slip.personId) || maySeeUnit(scope, slip.unit.path);

/**
 * Slips with the unit each belongs to: the one its rep is in on the day of
 * departure (brief §1: assignments are effective-dated; as a leave request
 * follows the unit of its first day), or, when no assignment covers that
 * day, the unit stored at request time.
 */
async function withDepartureUnits(db: Db, slips: SlipRecord[]): Promise<SlipRecord[]> {
  if (!slips.length) return slips;
  // A few hundred people a statement: a whole company's month of slips stays under SQLite's limit on bound parameters.
  const people = [...new Set(slips.map((s) => s.personId))];
  const staysOf = new Map<string, { validFrom: Date; validTo: Date | null; unit: SlipRecord['unit'] }[]>();
  for (let i = 0; i < people.length; i += 500) {
    const rows = await db.assignment.findMany({
      where: { personId: { in: people.slice(i, i + 500) } },
      select: { personId: true, validFrom: true, validTo: true, unit: { select: { id: true, name: true, path: true } } },
    });
    for (const { personId, ...stay } of rows) staysOf.set(personId, [...(staysOf.get(personId) ?? []), stay]);
  }
  return slips.map((s) => {
    const day = dayToDate(slipDay(s.plannedOut));
    const a = staysOf.get(s.personId)?.find((x) => x.validFrom <= day && (!x.validTo || x.validTo > day));
    return a ? { ...s, unit: a.unit } : s;
  });
}

function decideRefusal(ctx: Context, managedPaths: readonly string[], slip: Pick<SlipRecord, 'personId' | 'unit' | 'person'>) {
  if (ctx.viewer?.personId && slip.personId === ctx.viewer.personId) return forbidden('VISIT_SLIP_OWN_DECISION', 'Nobody approves, rejects or checks their own visit slip');
  if (roles(ctx).includes('MANAGER') && managedPaths.some((p) => slip.unit.path.startsWith(p))) return null;
  return forbidden('VISIT_SLIP_NOT_THEIR_MANAGER', `Only a manager over ${slip.person.name} decides on their visit slips`, { name: slip.person.name });
}

async function readable(db: Db, scope: Scope, id: string): Promise<SlipRecord> {
  const found = await db.visitSlip.findFirst({ where: { AND: [{ id }, candidatesWhere(scope)] }, include });
  const [slip] = found ? await withDepartureUnits(db, [found]) : [];
  if (!slip || !mayRead(scope, slip)) throw clientError('NOT_FOUND', `Visit slip ${id} was not found`, { reason: 'VISIT_SLIP_NOT_FOUND', params: { id } });
  return slip;
}

const stale = (slip: { id: string }, revision: number) =>
  clientError('CONFLICT', `Visit slip ${slip.id} was changed meanwhile (your revision ${revision} is stale); reload and try again`, { reason: 'VISIT_SLIP_CHANGED', params: { id: slip.id, version: revision } });

function view(ctx: Context, managedPaths: readonly string[], s: SlipRecord, now = ctx.clock.now()): VisitSlipView {
  const mayDecide = !decideRefusal(ctx, managedPaths, s);
  return {
    id: s.id,
    personId: s.personId,
    personName: s.person.name,
    employeeNo: s.person.employeeNo,
    unitId: s.unit.id,
    unitName: s.unit.name,
    destination: s.destination,
    customerCode: s.customer?.code ?? null,
    customerName: s.customer?.name ?? null,
    contactPerson: s.contactPerson,
    purpose: s.purpose,
    plannedOut: s.plannedOut,
    plannedBack: s.plannedBack,
    days: coveredDays(s.plannedOut, s.plannedBack),
    status: s.status,
    revision: s.revision,
    decidedBy: s.decidedBy,
    decidedAt: s.decidedAt,
    decisionComment: s.decisionComment,
    checkKind: s.checkKind,
    checkOk: s.checkOk,
    checkResult: s.checkResult,
    checkedBy: s.checkedBy,
    checkedAt: s.checkedAt,
    createdAt: s.createdAt,
    canDecide: s.status === 'REQUESTED' && mayDecide,
    canCheck: s.status === 'APPROVED' && mayDecide && mayCheck(s.plannedBack, now),
    approvedLate: (s.status === 'APPROVED' || s.status === 'CHECKED') && approvedAfterDeparture(s.decidedAt, s.plannedOut),
    departed: s.plannedOut.getTime() <= now.getTime(),
  };
}

const snapshot = (s: SlipRecord) => ({
  person: s.person.employeeNo,
  unit: s.unit.name,
  destination: s.destination,
  customer: s.customer?.code ?? null,
  contactPerson: s.contactPerson,
  purpose: s.purpose,
  plannedOut: s.plannedOut.toISOString(),
  plannedBack: s.plannedBack.toISOString(),
  status: s.status,
});

// ── reads ───────────────────────────────────────────────────────────────

export async function getVisitSlip(ctx: Context, id: string): Promise<VisitSlipView> {
  const scope = await viewerScope(ctx);
  return view(ctx, scope.managedPaths, await readable(ctx.prisma, scope, id));
}

/** The slips the viewer may read whose days fall in a month, optionally under one unit and of one status; earliest departure first. */
export async function visitSlips(ctx: Context, monthText: string, unitId: string | null, status: VisitSlipStatus | null): Promise<VisitSlipView[]> {
  const month = slipMonth(monthText);
  const { start, end } = monthDays(month);
  const scope = await viewerScope(ctx);
  const under = unitId ? await ctx.prisma.orgUnit.findUnique({ where: { id: unitId }, select: { path: true } }) : null;
  if (unitId && !under) throw notFound('OrgUnit', unitId);
  const and: Prisma.VisitSlipWhereInput[] = [candidatesWhere(scope), overlapping(start, end)];
  if (status) and.push({ status });
  const slips = await withDepartureUnits(ctx.prisma, await ctx.prisma.visitSlip.findMany({ where: { AND: and }, include, orderBy: [{ plannedOut: 'asc' }, { id: 'asc' }] }));
  const now = ctx.clock.now();
  return slips
    .filter((s) => mayRead(scope, s) && (!under || s.unit.path.startsWith(under.path)) && coveredDays(s.plannedOut, s.plannedBack).some((d) => d >= start && d <= end))
    .map((s) => view(ctx, scope.managedPaths, s, now));
}

export interface UnslippedFieldVisit {
  personId: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  date: IsoDay;
}

/**
 * Attendance days of a month marked FIELD_VISIT that no approved (or
 * checked) slip covers, for the people the viewer may see (optionally under
 * one unit). Two reads, whatever the number of people: the month's
 * field-visit days and the covering slips of the same people, matched here.
 */
export async function unslippedFieldVisits(ctx: Context, monthText: string, unitId: string | null): Promise<UnslippedFieldVisit[]> {
  const month = slipMonth(monthText);
  const { start, end } = monthDays(month);
  const scope = await viewerScope(ctx);
  const startDate = dayToDate(start);
  const endExclusive = dayToDate(addDays(end, 1));
  const during = { validFrom: { lt: endExclusive }, OR: [{ validTo: null }, { validTo: { gt: startDate } }] };
  const people: Prisma.PersonWhereInput[] = [];
  if (!scope.everything) people.push({ OR: [...scope.personIds.map((id) => ({ id })), ...scope.unitPaths.map((p) => ({ assignments: { some: { ...during, unit: { path: { startsWith: p } } } } }))] });
  if (unitId) {
    const unit = await ctx.prisma.orgUnit.findUnique({ where: { id: unitId }, select: { path: true } });
    if (!unit || !maySeeUnit(scope, unit.path)) throw notFound('OrgUnit', unitId);
    people.push({ assignments: { some: { ...during, unit: { path: { startsWith: unit.path } } } } });
  }
  const person: Prisma.PersonWhereInput = { AND: people };
  const [days, slips] = await Promise.all([
    ctx.prisma.attendanceDay.findMany({
      where: { status: 'FIELD_VISIT', date: { gte: startDate, lt: endExclusive }, person },
      select: { personId: true, date: true, person: { select: { name: true, employeeNo: true, assignments: { where: during, orderBy: { validFrom: 'desc' }, take: 1, select: { unit: { select: { name: true } } } } } } },
    }),
    coveringSlips(ctx.prisma, person, start, end),
  ]);
  const rows = unslippedDays(
    days.map((d) => ({ personId: d.personId, day: dateToDay(d.date), person: d.person })),
    slips,
  );
  return rows
    .map((r) => ({ personId: r.personId, personName: r.person.name, employeeNo: r.person.employeeNo, unitName: r.person.assignments[0]?.unit.name ?? '', date: r.day }))
    .sort((a, b) => (a.employeeNo === b.employeeNo ? (a.date < b.date ? -1 : 1) : a.employeeNo < b.employeeNo ? -1 : 1));
}

// ── changes ─────────────────────────────────────────────────────────────

/**
 * A slip decides whether its days are field-visit days or absences (payroll),
 * and its check records what was found on them: it is neither requested,
 * approved, rejected nor checked while any of them lies in a locked period
 * (brief §2).
 */
async function requireDaysUnlocked(db: Db, calendar: FiscalCalendar, slip: { plannedOut: Date; plannedBack: Date }, what: string): Promise<void> {
  await requireUnlocked(db, [slipSpan(coveredDays(slip.plannedOut, slip.plannedBack))], calendar, what);
}

/** The span of a slip's covered days, first to last: what a lock on any of them holds still. */
export const slipSpan = (days: IsoDay[]) => daySpan(days[0]!, days.at(-1)!);

export interface VisitSlipInput {
  destination: string;
  customerCode?: string | null;
  contactPerson: string;
  purpose: string;
  plannedOut: Date;
  plannedBack: Date;
}

/** The viewer requests a slip for themself. Refused whole, naming the first problem's field. */
export async function requestVisitSlip(ctx: Context, input: VisitSlipInput): Promise<VisitSlipView> {
  const personId = ctx.viewer?.personId;
  if (!personId) throw forbidden('VISIT_SLIP_NOT_ON_ROSTER', 'Only a person on the roster can request a visit slip');
  const problems = checkVisitSlip(input);
  if (problems.length) {
    const all = problems.map((p) => ({ reason: p.code, params: p.params, field: p.field }));
    throw dynamicClientError('BAD_USER_INPUT', `The visit slip was not requested: ${all.map((p) => `${p.reason} ${JSON.stringify(p.params)} at ${p.field}`).join('; ')}`, { ...all[0]!, issues: all });
  }
  const code = input.customerCode?.trim() ? normaliseCustomerCode(input.customerCode) : null;
  const outDay = slipDay(input.plannedOut);
  const calendar = await fiscalCalendar(ctx);
  // Only a customer the rep may see (their own; a manager's, their subtrees'): another's is as unknown as no customer, and its name is not
  // handed back in the slip.
  const visible = customersVisible(await viewerScope(ctx));
  const id = await ctx.prisma.$transaction(async (tx) => {
    await requireDaysUnlocked(tx, calendar, input, 'The visit slip was not requested');
    // One person is in one place at a time: a slip that is not rejected holds its hours (touching ends are fine).
    const clash = await tx.visitSlip.findFirst({
      where: { personId, status: { not: 'REJECTED' }, plannedOut: { lt: input.plannedBack }, plannedBack: { gt: input.plannedOut } },
      orderBy: { plannedOut: 'asc' },
      select: { plannedOut: true, plannedBack: true, destination: true },
    });
    if (clash) {
      const [from, to] = [chinaTimeOf(clash.plannedOut), chinaTimeOf(clash.plannedBack)];
      throw badInput(['plannedOut'], `This visit overlaps your slip for ${from.day} ${from.time} to ${to.day} ${to.time} (${clash.destination})`, 'VISIT_SLIP_OVERLAPS', {
        from: from.day,
        to: to.day,
        fromTime: from.time,
        toTime: to.time,
        destination: clash.destination,
      });
    }
    const customer = code ? await tx.customer.findFirst({ where: { AND: [{ code }, visible] }, select: { id: true } }) : null;
    if (code && !customer) throw badInput(['customerCode'], `There is no customer ${code}`, 'VISIT_SLIP_UNKNOWN_CUSTOMER', { code });
    // The unit the rep is in on the day of departure (or, failing that, the newest assignment).
    const day = dayToDate(outDay);
    const a =
      (await tx.assignment.findFirst({ where: { personId, validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gt: day } }] }, orderBy: { validFrom: 'desc' }, select: { unitId: true } })) ??
      (await tx.assignment.findFirst({ where: { personId }, orderBy: { validFrom: 'desc' }, select: { unitId: true } }));
    if (!a) throw forbidden('VISIT_SLIP_NOT_ON_ROSTER', 'Only a person on the roster can request a visit slip');
    const slip = await tx.visitSlip.create({
      data: {
        personId,
        unitId: a.unitId,
        destination: input.destination.trim(),
        customerId: customer?.id ?? null,
        contactPerson: input.contactPerson.trim(),
        purpose: input.purpose.trim(),
        plannedOut: input.plannedOut,
        plannedBack: input.plannedBack,
      },
      include,
    });
    await recordAudit(tx, ctx.viewer, { entityType: 'VisitSlip', entityId: slip.id, action: 'request', after: snapshot(slip) });
    return slip.id;
  });
  return getVisitSlip(ctx, id);
}

/** A manager over the rep approves a requested slip, or rejects it saying why. */
export async function decideVisitSlip(ctx: Context, id: string, revision: number, approve: boolean, commentText: string | null): Promise<VisitSlipView> {
  const comment = commentText?.trim() || null;
  if (!approve && !comment) throw badInput(['comment'], 'Say why when you reject a visit slip', 'VISIT_SLIP_COMMENT_REQUIRED');
  if (comment && comment.length > VISIT_SLIP_LIMITS.commentMax) throw badInput(['comment'], `At most ${VISIT_SLIP_LIMITS.commentMax} characters`, 'VISIT_SLIP_TOO_LONG', { max: VISIT_SLIP_LIMITS.commentMax });
  const scope = await viewerScope(ctx);
  const to: VisitSlipStatus = approve ? 'APPROVED' : 'REJECTED';
  const calendar = await fiscalCalendar(ctx);
  await ctx.prisma.$transaction(async (tx) => {
    const slip = await readable(tx, scope, id);
    const refusal = decideRefusal(ctx, scope.managedPaths, slip);
    if (refusal) throw refusal;
    if (slip.revision !== revision) throw stale(slip, revision);
    if (slip.status !== 'REQUESTED') throw badInput(['id'], `The visit slip is ${slip.status.toLowerCase()}; it has already been decided`, 'VISIT_SLIP_NOT_REQUESTED');
    await requireDaysUnlocked(tx, calendar, slip, `The visit slip was not ${approve ? 'approved' : 'rejected'}`);
    // A slip decides whether its field-visit days are paid: not in a month whose pay for the person is signed.
    // (Rejecting it changes nothing: its days stay unslipped either way.)
    if (approve) await requirePayOpen(tx, slip.personId, monthsBetween(slipDay(slip.plannedOut), slipDay(slip.plannedBack)), 'The visit slip was not approved');
    const decidedAt = ctx.clock.now();
    const { count } = await tx.visitSlip.updateMany({
      where: { id, revision },
      data: { status: to, decidedById: ctx.viewer?.userId ?? null, decidedBy: ctx.viewer?.personName ?? ctx.viewer?.username ?? null, decidedAt, decisionComment: comment, revision: { increment: 1 } },
    });
    if (count === 0) throw stale(slip, revision);
    const afterDeparture = approve && approvedAfterDeparture(decidedAt, slip.plannedOut);
    await recordAudit(tx, ctx.viewer, { entityType: 'VisitSlip', entityId: id, action: approve ? 'approve' : 'reject', before: { status: slip.status }, after: { status: to, comment, ...(afterDeparture ? { afterDeparture } : {}) } });
  });
  return getVisitSlip(ctx, id);
}

/** After the planned return, the manager records the check (spot or full), whether it was in order, and what it found. */
export async function checkVisitSlipDone(ctx: Context, id: string, revision: number, kind: VisitCheckKind, ok: boolean, resultText: string): Promise<VisitSlipView> {
  const result = resultText.trim();
  if (!result) throw badInput(['result'], 'Write down what the check found', 'VISIT_SLIP_RESULT_REQUIRED');
  if (result.length > VISIT_SLIP_LIMITS.resultMax) throw badInput(['result'], `At most ${VISIT_SLIP_LIMITS.resultMax} characters`, 'VISIT_SLIP_TOO_LONG', { max: VISIT_SLIP_LIMITS.resultMax });
  const scope = await viewerScope(ctx);
  const now = ctx.clock.now();
  const calendar = await fiscalCalendar(ctx);
  await ctx.prisma.$transaction(async (tx) => {
    const slip = await readable(tx, scope, id);
    const refusal = decideRefusal(ctx, scope.managedPaths, slip);
    if (refusal) throw refusal;
    if (slip.revision !== revision) throw stale(slip, revision);
    if (slip.status !== 'APPROVED') throw badInput(['id'], `The visit slip is ${slip.status.toLowerCase()}; only an approved one is checked`, 'VISIT_SLIP_NOT_APPROVED');
    if (!mayCheck(slip.plannedBack, now)) {
      const back = chinaTimeOf(slip.plannedBack);
      throw badInput(['id'], `The visit can be checked only after the planned return (${back.day} ${back.time})`, 'VISIT_SLIP_NOT_BACK_YET', { date: back.day, time: back.time });
    }
    await requireDaysUnlocked(tx, calendar, slip, 'The visit slip check was not recorded');
    const { count } = await tx.visitSlip.updateMany({
      where: { id, revision },
      data: { status: 'CHECKED', checkKind: kind, checkOk: ok, checkResult: result, checkedById: ctx.viewer?.userId ?? null, checkedBy: ctx.viewer?.personName ?? ctx.viewer?.username ?? null, checkedAt: now, revision: { increment: 1 } },
    });
    if (count === 0) throw stale(slip, revision);
    // A visit found in order is the customer's latest visit (when later than the one known).
    if (ok && slip.customerId) {
      await recordLastVisit(tx, ctx.viewer, { id: slip.customerId }, dayToDate(slipDay(slip.plannedBack)), { visitSlip: id });
    }
    await recordAudit(tx, ctx.viewer, { entityType: 'VisitSlip', entityId: id, action: 'check', before: { status: slip.status }, after: { status: 'CHECKED', kind, ok, result } });
  });
  return getVisitSlip(ctx, id);
}
