/**
 * Compensation plans as stored data: the built-in plans, and which plan
 * applies to a person in a month (their own assignment, else their rank's,
 * else their position's).
 */
import { requireCompanyWideFinance } from './served-units.ts';
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { Position, Rank } from '../db/generated/sqlite/client/enums.ts';
import { BASE_PLUS_COMMISSION, DIRECT_SALES_LADDER, parsePlan, planProblems, type CompensationPlan } from '../../schema/compensation.ts';
import { dateToDay, dayToDate } from '../../schema/dates.ts';
import { fiscalCalendar, requireDayOpen } from '../targets/calendar.ts';
import { badInput, clientError, isUniqueViolation } from '../errors.ts';
import { recordAudit } from '../audit.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

/** Installs the shipped plans (and default assignments by position) when there are none. */
export async function ensureBuiltInPlans(db: Db): Promise<boolean> {
  if ((await db.compensationPlan.count()) > 0) return false;
  const from = dayToDate('2000-01-01');
  const ladder = await db.compensationPlan.create({ data: { code: DIRECT_SALES_LADDER.code, version: 1, name: DIRECT_SALES_LADDER.name, effectiveFrom: from, document: JSON.stringify(DIRECT_SALES_LADDER) } });
  const plain = await db.compensationPlan.create({ data: { code: BASE_PLUS_COMMISSION.code, version: 1, name: BASE_PLUS_COMMISSION.name, effectiveFrom: from, document: JSON.stringify(BASE_PLUS_COMMISSION) } });
  const byPosition: [Position, string][] = [
    ['SALES_REP', ladder.id],
    ['ACCOUNT_MANAGER', ladder.id],
    ['REGIONAL_MANAGER', plain.id],
    ['SALES_DIRECTOR', plain.id],
    ['FINANCE', plain.id],
  ];
  await db.compensationAssignment.createMany({ data: byPosition.map(([position, planId]) => ({ planId, position, effectiveFrom: from })) });
  return true;
}

/**
 * The order every reader of assignments agrees on: the latest effective
 * first, and of two from the same day the one made last (then by id), which
 * replaces the other.
 */
export const ASSIGNMENT_ORDER = [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }] satisfies Prisma.CompensationAssignmentOrderByWithRelationInput[];

export interface ResolvedPlan {
  code: string;
  version: number;
  plan: CompensationPlan;
}

/**
 * Which plan is in force on a day for each person: loads every assignment in
 * force once (a run covers thousands of people), then answers in memory.
 */
export async function planResolver(db: Db, day: Date): Promise<(person: { id: string; rank: Rank | null; position: Position }) => ResolvedPlan | null> {
  const assignments = await db.compensationAssignment.findMany({
    where: { effectiveFrom: { lte: day }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: day } }] },
    include: { plan: true },
    orderBy: ASSIGNMENT_ORDER,
  });
  const parsed = new Map<string, ResolvedPlan>();
  const resolved = (a: (typeof assignments)[number]) => {
    if (!parsed.has(a.planId)) parsed.set(a.planId, { code: a.plan.code, version: a.plan.version, plan: parsePlan(JSON.parse(a.plan.document)) });
    return parsed.get(a.planId)!;
  };
  const byPerson = new Map<string, (typeof assignments)[number]>();
  const byRank = new Map<string, (typeof assignments)[number]>();
  const byPosition = new Map<string, (typeof assignments)[number]>();
  for (const a of assignments) {
    if (a.personId) byPerson.has(a.personId) || byPerson.set(a.personId, a);
    else if (a.rank) byRank.has(a.rank) || byRank.set(a.rank, a);
    else if (a.position) byPosition.has(a.position) || byPosition.set(a.position, a);
  }
  return (person) => {
    const a = byPerson.get(person.id) ?? (person.rank ? byRank.get(person.rank) : undefined) ?? byPosition.get(person.position);
    return a ? resolved(a) : null;
  };
}

/**
 * The plan version an assignment from a day pays by: the version given, or
 * else the newest whose own effectiveFrom is on or before that day. Refused
 * (NO_SUCH_PLAN) when the code (or that version of it) does not exist, and
 * (PLAN_VERSION_NOT_YET_EFFECTIVE, naming the version and the day it pays
 * from) when it pays only from a later day: payroll would otherwise pay its
 * figures for months before it applies.
 */
export async function planVersionFor(db: Db, code: string, version: number | null | undefined, from: Date) {
  const where = { code, ...(version ? { version } : {}) };
  const plan = await db.compensationPlan.findFirst({ where: { ...where, effectiveFrom: { lte: from } }, orderBy: { version: 'desc' } });
  if (plan) return plan;
  const first = await db.compensationPlan.findFirst({ where, orderBy: [{ effectiveFrom: 'asc' }, { version: 'asc' }], select: { version: true, effectiveFrom: true } });
  if (!first) throw badInput(['planCode'], `There is no compensation plan ${code}${version ? ` version ${version}` : ''}`, 'NO_SUCH_PLAN', { code });
  const day = dateToDay(first.effectiveFrom);
  throw badInput(['effectiveFrom'], `Plan ${code} version ${first.version} pays only from ${day}, not from ${dateToDay(from)}: assign it from that day or later${version ? ', or choose a version in force on the day' : ''}`, 'PLAN_VERSION_NOT_YET_EFFECTIVE', {
    plan: code,
    version: first.version,
    effectiveFrom: day,
  });
}

/**
 * Saves a plan document as the next version of its code, effective from a
 * day, audited. Refused with every problem (path, reason, params) when the
 * document is not valid, and (PLAN_VERSION_CHANGED) when `basedOn` is given
 * and another version has been saved since the edit began.
 */
export async function saveCompensationPlan(ctx: Context, document: string, effectiveFrom: Date, basedOn: number | null) {
  // A plan pays everyone assigned to it, across units.
  requireCompanyWideFinance(ctx, 'A compensation plan');
  let doc: unknown;
  try {
    doc = JSON.parse(document);
  } catch (e) {
    throw badInput(['document'], `The document is not JSON: ${(e as Error).message}`, 'NOT_JSON');
  }
  const problems = planProblems(doc);
  if (problems.length) {
    throw clientError('BAD_USER_INPUT', `The compensation plan is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      field: 'document',
      reason: 'PLAN_DOCUMENT',
      params: { count: problems.length },
      problems,
    });
  }
  const plan = parsePlan(doc);
  const changed = (version: number) =>
    clientError('CONFLICT', `Plan ${plan.code} is at version ${version}${basedOn === null ? '' : `, not ${basedOn}`}: someone saved it meanwhile`, {
      field: 'basedOnVersion',
      reason: 'PLAN_VERSION_CHANGED',
      params: { code: plan.code, version },
    });
  try {
    return await insertVersion(ctx, plan, effectiveFrom, basedOn, changed);
  } catch (error) {
    // Two saves at once from the same version: the second meets the first's (code, version).
    if (!isUniqueViolation(error)) throw error;
    const newest = await ctx.prisma.compensationPlan.findFirst({ where: { code: plan.code }, orderBy: { version: 'desc' }, select: { version: true } });
    throw changed(newest?.version ?? 0);
  }
}

async function insertVersion(ctx: Context, plan: CompensationPlan, effectiveFrom: Date, basedOn: number | null, changed: (version: number) => Error) {
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    // The version pays from that day on: not in a locked month (brief §2).
    await requireDayOpen(tx, calendar, dateToDay(effectiveFrom), 'effectiveFrom', 'Saving the compensation plan');
    const last = await tx.compensationPlan.findFirst({ where: { code: plan.code }, orderBy: { version: 'desc' } });
    if (basedOn !== null && (last?.version ?? 0) !== basedOn) throw changed(last?.version ?? 0);
    const saved = await tx.compensationPlan.create({ data: { code: plan.code, version: (last?.version ?? 0) + 1, name: plan.name, effectiveFrom, document: JSON.stringify(plan) } });
    await recordAudit(tx, ctx.viewer, { entityType: 'CompensationPlan', entityId: saved.id, action: 'create', before: last ? { version: last.version, document: JSON.parse(last.document) } : null, after: { code: saved.code, version: saved.version, effectiveFrom: saved.effectiveFrom, document: plan } });
    return saved;
  });
}
