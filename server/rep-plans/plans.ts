/**
 * Reps' monthly plans (issue 11 §2; domain §4): a rep fills in their plan
 * for a month (weeks, key customers, the reason when below target), saves
 * it as a draft and submits it; a manager over them accepts it or returns
 * it with a comment; editing a returned plan starts the next version. The
 * checks are the shared ones of schema/rep-plan.ts, run against the rep's
 * published base sales target (read as the results screens read it).
 *
 * Who may do what:
 *   read: a rep their own plans; a manager the plans of their subtree (by the
 *     rep's unit for the plan's month, as the roster stands now: a transfer
 *     hands the month's plan to the new unit's managers, brief §1) and their
 *     own; directors, the general manager and admins all;
 *   save, submit: only the rep, for themself, in a month they are employed
 *     (saved only while the month is not locked);
 *   accept, return: a manager over that unit, or a director; never on their
 *     own plan.
 * Every change is audited (server/audit.ts) and recorded as a plan event.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { RepPlanStatus } from '../db/generated/sqlite/client/enums.ts';
import { maySeeUnit, salesLineScope, type Scope } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { badInput, clientError, dynamicClientError, forbidden, isUniqueViolation, notFound } from '../errors.ts';
import { fiscalCalendar, requireUnlocked } from '../targets/calendar.ts';
import { period, type FiscalCalendar } from '../../schema/periods.ts';
import { planYears, targetsFor } from '../results/achievement.ts';
import { dateToDay, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { companyDayOf } from '../clock.ts';
import { formatMoney } from '../../schema/money.ts';
import { normaliseCustomerCode } from '../../schema/customers.ts';
import { blocksDraft, checkRepPlan, dueDateFor, planWeeks, plannedTotal, timeliness, type RepPlanContent, type RepPlanIssue, type RepPlanPlace, type Timeliness } from '../../schema/rep-plan.ts';
import { repPlanDueDay } from './settings.ts';

type Tx = Prisma.TransactionClient;
type Db = Context['prisma'] | Tx;

const include = {
  person: { select: { name: true, employeeNo: true } },
  unit: { select: { id: true, name: true, path: true } },
  lines: { orderBy: [{ kind: 'desc' }, { position: 'asc' }] },
  events: { orderBy: { at: 'asc' } },
} satisfies Prisma.RepPlanInclude;
type PlanRecord = Prisma.RepPlanGetPayload<{ include: typeof include }>;

// ── months, people, targets ─────────────────────────────────────────────

export function planMonth(value: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(value.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[1]) < 2000 || Number(m[1]) > 2100) throw badInput(['month'], `"${value}" is not a month (2026-03)`, 'REP_PLAN_NOT_A_MONTH', { value });
  return `${m[1]}-${m[2]}`;
}

/** The month's last day. */
export const monthEnd = (month: string): IsoDay => planWeeks(month).at(-1)!.end;

/** Assignments overlapping a month: the newest of a person's (orderBy monthUnitOrder) is their unit for the month. */
export const duringMonth = (month: string): Prisma.AssignmentWhereInput => ({ validFrom: { lte: dayToDate(monthEnd(month)) }, OR: [{ validTo: null }, { validTo: { gt: dayToDate(`${month}-01`) } }] });
export const monthUnitOrder = { validFrom: 'desc' } as const;

/**
 * The unit a person is in for a month's plan (the assignment in force on its
 * last day they were assigned), or null when none: the plan is its managers'
 * to read and decide (and the roster's to list).
 */
async function unitInMonth(db: Db, personId: string, month: string): Promise<{ id: string; name: string; path: string } | null> {
  const a = await db.assignment.findFirst({ where: { personId, ...duringMonth(month) }, orderBy: monthUnitOrder, select: { unit: { select: { id: true, name: true, path: true } } } });
  return a?.unit ?? null;
}

/** A person's plans of one month with the unit they belong to now (the one stored when the version was started, when the person has none in the month). */
async function inMonthUnit(db: Db, plans: PlanRecord[]): Promise<PlanRecord[]> {
  const unit = plans[0] ? await unitInMonth(db, plans[0].personId, plans[0].month) : null;
  return unit ? plans.map((p) => ({ ...p, unit })) : plans;
}

/**
 * The rep's published base sales target for the month, in fen; null when no
 * published plan gives them one. The calendar is read before (a transaction
 * on SQLite holds the only connection).
 */
export async function repTarget(db: Db, calendar: FiscalCalendar, personId: string, month: string): Promise<bigint | null> {
  return (await repTargets(db, calendar, personId, month)).base;
}

/** The rep's published base and stretch sales targets for the month, in fen (null where none is published): a template's cover shows both. */
export async function repTargets(db: Db, calendar: FiscalCalendar, personId: string, month: string): Promise<{ base: bigint | null; stretch: bigint | null }> {
  const targets = await targetsFor(db, [{ kind: 'PERSON', id: personId }], 'SALES_AMOUNT', planYears([{ start: `${month}-01`, end: monthEnd(month) }], calendar), calendar);
  return { base: targets.get(personId)?.BASE.get(month) ?? null, stretch: targets.get(personId)?.STRETCH.get(month) ?? null };
}

/** The codes of the customers a rep may plan for: those they own. */
export async function knownCustomers(db: Db, personId: string): Promise<Set<string>> {
  return new Set((await db.customer.findMany({ where: { ownerId: personId }, select: { code: true } })).map((c) => c.code));
}

// ── checks as refusals ──────────────────────────────────────────────────

/** The field a problem names: "weeks.2.calls", "customers.0.customer", "belowTargetReason" or "plan". */
export function placeField(place: RepPlanPlace): string {
  // Named as the input names it (RepPlanWeekInput.sales, not the money in fen the checks read).
  if (place.section === 'weeks' || place.section === 'customers') return `${place.section}.${place.index}.${place.field === 'salesFen' ? 'sales' : place.field}`;
  return place.section === 'reason' ? 'belowTargetReason' : 'plan';
}

function refuse(issues: RepPlanIssue[], what: string) {
  const all = issues.map((i) => ({ reason: i.code, params: i.params, field: placeField(i.place) }));
  return dynamicClientError('BAD_USER_INPUT', `${what}: ${all.map((i) => `${i.reason} ${JSON.stringify(i.params)} at ${i.field}`).join('; ')}`, { ...all[0]!, issues: all });
}

// ── views ───────────────────────────────────────────────────────────────

export interface RepPlanView {
  id: string;
  personId: string;
  personName: string;
  employeeNo: string;
  unitId: string;
  unitName: string;
  month: string;
  version: number;
  status: RepPlanStatus;
  revision: number;
  dueOn: IsoDay;
  timeliness: Timeliness;
  target: string | null;
  planned: string;
  belowTargetReason: string | null;
  weeks: { weekKey: string; sales: string; calls: number; visits: number; events: number }[];
  customers: { customer: string; sales: string; visits: number }[];
  /** The shared checks as they stand (warnings too). */
  issues: { reason: string; params: Record<string, string | number>; field: string; severity: 'error' | 'warning' }[];
  submittedAt: Date | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  events: { at: Date; actor: string; action: string; fromStatus: RepPlanStatus | null; toStatus: RepPlanStatus; comment: string | null }[];
  canEdit: boolean;
  canDecide: boolean;
}

const dayOf = (d: Date | null): IsoDay | null => (d ? companyDayOf(d) : null);

function contentOf(plan: PlanRecord): RepPlanContent {
  return {
    month: plan.month,
    weeks: plan.lines.filter((l) => l.kind === 'WEEK').map((l) => ({ weekKey: l.key, salesFen: l.salesFen, calls: l.calls, visits: l.visits, events: l.events })),
    customers: plan.lines.filter((l) => l.kind === 'CUSTOMER').map((l) => ({ customer: l.key, salesFen: l.salesFen, visits: l.visits })),
    belowTargetReason: plan.belowTargetReason,
  };
}

async function views(ctx: Context, plans: PlanRecord[], firstSubmitted: Map<string, Date>): Promise<RepPlanView[]> {
  const scope = await salesLineScope(ctx);
  const known = new Map<string, Set<string>>();
  for (const id of new Set(plans.map((p) => p.personId))) known.set(id, await knownCustomers(ctx.prisma, id));
  const now = ctx.clock.today();
  return plans.map((plan) => {
    const content = contentOf(plan);
    const due = plan.dueOn.toISOString().slice(0, 10);
    return {
      id: plan.id,
      personId: plan.personId,
      personName: plan.person.name,
      employeeNo: plan.person.employeeNo,
      unitId: plan.unit.id,
      unitName: plan.unit.name,
      month: plan.month,
      version: plan.version,
      status: plan.status,
      revision: plan.revision,
      dueOn: due,
      timeliness: timeliness(due, dayOf(firstSubmitted.get(`${plan.personId}/${plan.month}`) ?? plan.submittedAt), now),
      target: plan.targetFen === null ? null : formatMoney(plan.targetFen),
      planned: formatMoney(plan.plannedFen),
      belowTargetReason: plan.belowTargetReason,
      weeks: content.weeks.map((w) => ({ weekKey: w.weekKey, sales: formatMoney(w.salesFen), calls: w.calls, visits: w.visits, events: w.events })),
      customers: content.customers.map((c) => ({ customer: c.customer, sales: formatMoney(c.salesFen), visits: c.visits })),
      // Customers are checked against the rep's files while the plan can still change; a decided one stays as it was decided.
      issues: checkRepPlan(content, { targetFen: plan.targetFen, knownCustomers: plan.status === 'DRAFT' || plan.status === 'RETURNED' ? known.get(plan.personId) : undefined }).map((i) => ({ reason: i.code, params: i.params, field: placeField(i.place), severity: i.severity })),
      submittedAt: plan.submittedAt,
      decidedAt: plan.decidedAt,
      decisionComment: plan.decisionComment,
      events: plan.events.map((e) => ({ at: e.at, actor: e.actor, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, comment: e.comment })),
      canEdit: plan.personId === ctx.viewer?.personId && (plan.status === 'DRAFT' || plan.status === 'RETURNED'),
      canDecide: plan.status === 'SUBMITTED' && !decideRefusal(ctx, scope.managedPaths, plan),
    };
  });
}

/** When each (person, month) was first submitted, for lateness: a plan returned and resubmitted was still handed in when it first was. */
async function firstSubmissions(db: Db, plans: { personId: string; month: string }[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (!plans.length) return out;
  const months = [...new Set(plans.map((p) => p.month))];
  const rows = await db.repPlan.groupBy({
    by: ['personId', 'month'],
    where: { month: { in: months }, personId: { in: [...new Set(plans.map((p) => p.personId))] }, submittedAt: { not: null } },
    _min: { submittedAt: true },
  });
  for (const r of rows) if (r._min.submittedAt) out.set(`${r.personId}/${r.month}`, r._min.submittedAt);
  return out;
}

// ── who may read and decide ─────────────────────────────────────────────

const roles = (ctx: Context) => ctx.viewer?.roles ?? [];
const isDirector = (ctx: Context) => roles(ctx).includes('DIRECTOR');

/** Whether the viewer reads a plan (its unit being the rep's for the month: inMonthUnit). */
const mayRead = (scope: Scope, plan: { personId: string; unit: { path: string } }) => scope.personIds.includes(plan.personId) || maySeeUnit(scope, plan.unit.path);

export function decideRefusal(ctx: Context, managedPaths: readonly string[], plan: { personId: string; unit: { path: string }; person: { name: string } }) {
  if (ctx.viewer?.personId && plan.personId === ctx.viewer.personId) return forbidden('REP_PLAN_OWN_DECISION', 'Nobody accepts or returns their own plan');
  if (isDirector(ctx)) return null;
  if (roles(ctx).includes('MANAGER') && managedPaths.some((p) => plan.unit.path.startsWith(p))) return null;
  return forbidden('REP_PLAN_NOT_THEIR_MANAGER', `Only a manager over ${plan.person.name} decides on their plan`, { name: plan.person.name });
}

async function readable(db: Db, scope: Scope, id: string): Promise<PlanRecord> {
  const found = await db.repPlan.findUnique({ where: { id }, include });
  const [plan] = found ? await inMonthUnit(db, [found]) : [];
  if (!plan || !mayRead(scope, plan)) throw clientError('NOT_FOUND', `Plan ${id} was not found`, { reason: 'REP_PLAN_NOT_FOUND', params: { id } });
  return plan;
}

const stale = (plan: { id: string }, revision: number) =>
  clientError('CONFLICT', `Plan ${plan.id} was changed meanwhile (your revision ${revision} is stale); reload and try again`, { reason: 'REP_PLAN_CHANGED', params: { id: plan.id, version: revision } });
const wrongStatus = (status: RepPlanStatus, what: string) => badInput(['id'], `The plan is ${status.toLowerCase()}; it cannot be ${what} now`, 'REP_PLAN_STATUS', { repPlanStatus: status });

// ── reads ───────────────────────────────────────────────────────────────

export async function getRepPlan(ctx: Context, id: string): Promise<RepPlanView> {
  const plan = await readable(ctx.prisma, await salesLineScope(ctx), id);
  return (await views(ctx, [plan], await firstSubmissions(ctx.prisma, [plan])))[0]!;
}

export interface MyRepPlan {
  /** Who the plan is for: the viewer (null for someone with no place in the organisation). */
  person: { id: string; name: string; employeeNo: string } | null;
  month: string;
  weeks: { key: string; start: IsoDay; end: IsoDay }[];
  target: string | null;
  /** The published stretch target for the month (奋斗指标), shown beside the base one; null without one. */
  stretchTarget: string | null;
  dueOn: IsoDay;
  /** The newest version, or null before the first save. */
  plan: RepPlanView | null;
  /** Earlier versions, newest first (returned ones, with the manager's comments). */
  earlier: RepPlanView[];
  /** The codes of the customers the rep may plan for (their own). */
  customerCodes: string[];
}

/** The viewer's own plan for a month: what the form needs (weeks, target, due day) and the versions so far. */
export async function myRepPlan(ctx: Context, monthText: string): Promise<MyRepPlan> {
  // Someone with no place in the organisation (an administrator) has no plans: an empty form.
  return planForm(ctx, ctx.viewer?.personId ?? null, planMonth(monthText));
}

/**
 * A person's plan form for a month, for the viewer: their own, or (to hand
 * out a template) the plan of someone in a unit they manage during the month,
 * or anyone's for directors, the general manager and admins. Not found
 * otherwise: finance reads payroll, not the sales line's plans (brief §8).
 */
export async function planFormFor(ctx: Context, personId: string, monthText: string): Promise<MyRepPlan> {
  const month = planMonth(monthText);
  if (personId !== ctx.viewer?.personId) {
    // The managers over the person's unit for the month: those whose roster lists them, who read and decide their plan.
    const scope = await salesLineScope(ctx);
    const unit = scope.everything ? null : await unitInMonth(ctx.prisma, personId, month);
    const visible = scope.everything || (!!unit && maySeeUnit(scope, unit.path));
    if (!visible || !(await ctx.prisma.person.count({ where: { id: personId } }))) throw notFound('Person', personId);
  }
  return planForm(ctx, personId, month);
}

async function planForm(ctx: Context, personId: string | null, month: string): Promise<MyRepPlan> {
  const plans = personId ? await inMonthUnit(ctx.prisma, await ctx.prisma.repPlan.findMany({ where: { personId, month }, include, orderBy: { version: 'desc' } })) : [];
  const all = await views(ctx, plans, await firstSubmissions(ctx.prisma, plans));
  const found = personId ? await ctx.prisma.person.findUnique({ where: { id: personId }, select: { id: true, name: true, employeeNo: true, hireDate: true } }) : null;
  const person = found && { id: found.id, name: found.name, employeeNo: found.employeeNo };
  const targets = personId ? await repTargets(ctx.prisma, await fiscalCalendar(ctx), personId, month) : { base: null, stretch: null };
  const money = (fen: bigint | null) => (fen === null ? null : formatMoney(fen));
  return {
    person,
    month,
    weeks: planWeeks(month).map((w) => ({ key: w.key, start: w.start, end: w.end })),
    target: money(targets.base),
    stretchTarget: money(targets.stretch),
    dueOn: plans[0] ? plans[0].dueOn.toISOString().slice(0, 10) : dueDateFor(month, await repPlanDueDay(ctx), found ? dateToDay(found.hireDate) : null),
    plan: all[0] ?? null,
    earlier: all.slice(1),
    customerCodes: personId ? [...(await knownCustomers(ctx.prisma, personId))].sort() : [],
  };
}

/** The name of the unit a person was assigned to in a month (the latest assignment overlapping it), for a plan template's cover. */
export async function unitNameIn(ctx: Context, personId: string, month: string): Promise<string | null> {
  return (await unitInMonth(ctx.prisma, personId, month))?.name ?? null;
}

/** The customers a person owns, by code, for a plan template's cover. */
export const ownCustomers = (ctx: Context, personId: string) => ctx.prisma.customer.findMany({ where: { ownerId: personId }, select: { code: true, name: true, tier: true }, orderBy: { code: 'asc' } });

// ── changes ─────────────────────────────────────────────────────────────

export interface RepPlanInput {
  weeks: { weekKey: string; sales: bigint; calls: number; visits: number; events: number }[];
  customers: { customer: string; sales: bigint; visits: number }[];
  belowTargetReason?: string | null;
}

const lineRows = (planId: string, content: RepPlanContent) => [
  ...content.weeks.map((w, i) => ({ planId, kind: 'WEEK', position: i, key: w.weekKey, salesFen: w.salesFen, calls: w.calls, visits: w.visits, events: w.events })),
  ...content.customers.map((c, i) => ({ planId, kind: 'CUSTOMER', position: i, key: normaliseCustomerCode(c.customer), salesFen: c.salesFen, calls: 0, visits: c.visits, events: 0 })),
];

const snapshot = (p: PlanRecord) => ({
  month: p.month,
  version: p.version,
  status: p.status,
  target: p.targetFen === null ? null : formatMoney(p.targetFen),
  planned: formatMoney(p.plannedFen),
  belowTargetReason: p.belowTargetReason,
  lines: p.lines.map((l) => ({ kind: l.kind, key: l.key, sales: formatMoney(l.salesFen), calls: l.calls, visits: l.visits, events: l.events })),
});

async function event(tx: Tx, ctx: Context, planId: string, action: string, from: RepPlanStatus | null, to: RepPlanStatus, comment: string | null = null) {
  await tx.repPlanEvent.create({ data: { planId, actorId: ctx.viewer?.userId ?? null, actor: ctx.viewer?.personName ?? ctx.viewer?.username ?? 'system', action, fromStatus: from, toStatus: to, comment } });
}

/**
 * A plan is dated in its month: while the month lies in a locked period it is
 * neither saved, submitted, accepted nor returned, until an admin reopens
 * the period (brief §2; PERIOD_LOCKED naming the lock).
 */
const requireMonthOpen = (tx: Tx, calendar: FiscalCalendar, month: string, what: string) => requireUnlocked(tx, [period(month, calendar)], calendar, what);

/**
 * Saves the viewer's own plan for a month as a draft: the first version, the
 * draft again (at `revision`), or, after a return, the next version. Refused
 * whole, naming each problem's place, when a check fails (an empty plan and
 * a missing reason below target wait for the submission: schema SUBMIT_ONLY).
 */
export async function saveRepPlan(ctx: Context, monthText: string, input: RepPlanInput, revision: number | null): Promise<RepPlanView> {
  const month = planMonth(monthText);
  const personId = ctx.viewer?.personId;
  if (!personId) throw forbidden('REP_PLAN_ONLY_OWN', 'Only people with a place in the organisation have plans');
  const content: RepPlanContent = {
    month,
    weeks: input.weeks.map((w) => ({ weekKey: w.weekKey.trim(), salesFen: w.sales, calls: w.calls, visits: w.visits, events: w.events })),
    customers: input.customers.map((c) => ({ customer: normaliseCustomerCode(c.customer), salesFen: c.sales, visits: c.visits })),
    belowTargetReason: input.belowTargetReason?.trim() || null,
  };
  // Read before the transaction: on SQLite it holds the only connection.
  const calendar = await fiscalCalendar(ctx);
  const dueDay = await repPlanDueDay(ctx);
  const id = await ctx.prisma.$transaction(async (tx) => {
    const unitId = (await unitInMonth(tx, personId, month))?.id;
    if (!unitId) throw badInput(['month'], `You are not employed in ${month}`, 'REP_PLAN_NOT_EMPLOYED', { month });
    await requireMonthOpen(tx, calendar, month, 'The plan was not saved');
    const targetFen = await repTarget(tx, calendar, personId, month);
    const issues = checkRepPlan(content, { targetFen, knownCustomers: await knownCustomers(tx, personId) }).filter(blocksDraft);
    if (issues.length) throw refuse(issues, 'The plan was not saved');
    const newest = await tx.repPlan.findFirst({ where: { personId, month }, orderBy: { version: 'desc' }, include });
    const data = { targetFen, plannedFen: plannedTotal(content), belowTargetReason: content.belowTargetReason };
    if (newest && newest.status === 'DRAFT') {
      // A draft already there is changed only by someone who read it (its revision): never overwritten blind.
      if (revision !== newest.revision) throw stale(newest, revision ?? 0);
      // The unit follows the roster as it is now for the month (a move entered since the draft was begun moves the plan to the new manager).
      const { count } = await tx.repPlan.updateMany({ where: { id: newest.id, revision: newest.revision }, data: { ...data, unitId, revision: { increment: 1 } } });
      if (count === 0) throw stale(newest, newest.revision);
      await tx.repPlanLine.deleteMany({ where: { planId: newest.id } });
      await tx.repPlanLine.createMany({ data: lineRows(newest.id, content) });
      await event(tx, ctx, newest.id, 'save', 'DRAFT', 'DRAFT');
      const after = await tx.repPlan.findUniqueOrThrow({ where: { id: newest.id }, include });
      await recordAudit(tx, ctx.viewer, { entityType: 'RepPlan', entityId: newest.id, action: 'update', before: snapshot(newest), after: snapshot(after) });
      return newest.id;
    }
    if (newest && newest.status !== 'RETURNED') throw wrongStatus(newest.status, 'changed');
    if (newest && revision !== newest.revision) throw stale(newest, revision ?? 0);
    const created = await tx.repPlan
      .create({ data: { ...data, personId, month, version: (newest?.version ?? 0) + 1, unitId, dueOn: dayToDate(newest ? newest.dueOn.toISOString().slice(0, 10) : dueDateFor(month, dueDay, await hireDayOf(tx, personId))) } })
      .catch((e: unknown) => {
        // Another save of the same plan got there first (the version is unique): as stale as any other.
        if (isUniqueViolation(e)) throw stale({ id: newest?.id ?? month }, revision ?? 0);
        throw e;
      });
    await tx.repPlanLine.createMany({ data: lineRows(created.id, content) });
    await event(tx, ctx, created.id, newest ? 'revise' : 'create', null, 'DRAFT');
    const after = await tx.repPlan.findUniqueOrThrow({ where: { id: created.id }, include });
    await recordAudit(tx, ctx.viewer, { entityType: 'RepPlan', entityId: created.id, action: 'create', after: snapshot(after) });
    return created.id;
  });
  return getRepPlan(ctx, id);
}

const hireDayOf = async (db: Db, personId: string) => dateToDay((await db.person.findUniqueOrThrow({ where: { id: personId }, select: { hireDate: true } })).hireDate);

/** Submits the viewer's own draft: every check must pass against the target as it is now. */
export async function submitRepPlan(ctx: Context, id: string, revision: number): Promise<RepPlanView> {
  const calendar = await fiscalCalendar(ctx);
  const scope = await salesLineScope(ctx);
  await ctx.prisma.$transaction(async (tx) => {
    const plan = await readable(tx, scope, id);
    if (plan.personId !== ctx.viewer?.personId) throw forbidden('REP_PLAN_ONLY_OWN', 'You can only submit your own plan');
    if (plan.revision !== revision) throw stale(plan, revision);
    if (plan.status !== 'DRAFT') throw wrongStatus(plan.status, 'submitted');
    await requireMonthOpen(tx, calendar, plan.month, 'The plan was not submitted');
    const targetFen = await repTarget(tx, calendar, plan.personId, plan.month);
    const issues = checkRepPlan(contentOf(plan), { targetFen, knownCustomers: await knownCustomers(tx, plan.personId) }).filter((i) => i.severity === 'error');
    if (issues.length) throw refuse(issues, 'The plan was not submitted');
    const { count } = await tx.repPlan.updateMany({ where: { id, revision }, data: { status: 'SUBMITTED', targetFen, submittedAt: ctx.clock.now(), revision: { increment: 1 } } });
    if (count === 0) throw stale(plan, revision);
    await event(tx, ctx, id, 'submit', 'DRAFT', 'SUBMITTED');
    await recordAudit(tx, ctx.viewer, { entityType: 'RepPlan', entityId: id, action: 'submit', before: snapshot(plan), after: { ...snapshot(plan), status: 'SUBMITTED', target: targetFen === null ? null : formatMoney(targetFen) } });
  });
  return getRepPlan(ctx, id);
}

/** A manager over the rep accepts a submitted plan, or returns it with a comment saying what to change. */
export async function decideRepPlan(ctx: Context, id: string, revision: number, decision: 'ACCEPTED' | 'RETURNED', commentText: string | null): Promise<RepPlanView> {
  const comment = commentText?.trim() || null;
  if (decision === 'RETURNED' && !comment) throw badInput(['comment'], 'Say what to change when you return a plan', 'REP_PLAN_COMMENT_REQUIRED');
  const scope = await salesLineScope(ctx);
  const calendar = await fiscalCalendar(ctx);
  const done = decision === 'ACCEPTED' ? 'accepted' : 'returned';
  await ctx.prisma.$transaction(async (tx) => {
    const plan = await readable(tx, scope, id);
    const refusal = decideRefusal(ctx, scope.managedPaths, plan);
    if (refusal) throw refusal;
    if (plan.revision !== revision) throw stale(plan, revision);
    if (plan.status !== 'SUBMITTED') throw wrongStatus(plan.status, done);
    await requireMonthOpen(tx, calendar, plan.month, `The plan was not ${done}`);
    const { count } = await tx.repPlan.updateMany({ where: { id, revision }, data: { status: decision, decidedAt: ctx.clock.now(), decidedById: ctx.viewer?.userId ?? null, decisionComment: comment, revision: { increment: 1 } } });
    if (count === 0) throw stale(plan, revision);
    await event(tx, ctx, id, decision === 'ACCEPTED' ? 'accept' : 'return', 'SUBMITTED', decision, comment);
    await recordAudit(tx, ctx.viewer, { entityType: 'RepPlan', entityId: id, action: decision === 'ACCEPTED' ? 'accept' : 'return', before: { status: plan.status }, after: { status: decision, comment } });
  });
  return getRepPlan(ctx, id);
}
