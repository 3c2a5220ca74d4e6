/**
 * Target plans: create, break down, save, submit, approve, return, publish,
 * revise. Every change runs in one transaction with its audit event and a
 * plan event, checks the caller's revision (a stale one gets CONFLICT), and
 * checks lines with the shared rules before anything is stored.
 *
 * Who may do what (beyond the GraphQL auth scopes), decisions.ts:
 *   draft, break down, save, set the total, submit: the manager of the scope unit or of a unit
 *   above it (whatever their role), a manager whose subtree holds it, or an admin;
 *   approve, return, publish: the manager of a unit above the scope unit (whatever their role),
 *   a director or an admin, and never on their own plan.
 */
import { amountOrRefuse, issueMessage, withMessages } from './issue-text.ts';
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { Metric, OwnerKind, PlanStatus, TargetLevel } from '../db/generated/sqlite/client/enums.ts';
import { recordAudit } from '../audit.ts';
import { badInput, clientError, conflict, forbidden, notFound } from '../errors.ts';
import { allocate, allocateByLevels, allocateColumns, allocateMatrix, AllocationError, breakDown, PERCENT_PLACES, scaledDecimal, type BreakdownMethod } from '../../schema/allocation.ts';
import { overlapDays, period, periodChain } from '../../schema/periods.ts';
import { formatAmount, type ValidationIssue } from '../../schema/target-validation.ts';
import { divideHalfUp } from '../../schema/money.ts';
import { profileWeights } from '../../schema/seasonality.ts';
import { METRICS } from '../../schema/metrics.ts';
import { fiscalCalendar, lockedAmong, lockedFigures, lockedRefusal, requireFiguresUnlocked, requireUnlocked } from './calendar.ts';
import { event } from './plan-events.ts';
import { parentTotalIssue } from '../../schema/target-plan-check.ts';
import { parentFigure, topLevelKeys, yearTotals } from './parent-figure.ts';
import { allocationRefusal } from './allocation-refusal.ts';
import { checkLines, planShape, PERIOD_LEVELS, withOutsiders, type LineInput, type PlanRecord, type PlanShape } from './plan-shape.ts';
import type { FiscalCalendar } from '../../schema/periods.ts';
import { lastYear } from './history.ts';
import { isApprover, isDrafter, isOwnPlan, planScope, reachesPlan, type PlanScope } from './decisions.ts';
import { rollUpAmounts } from '../../schema/target-rollup.ts';
import { isPostgresTransaction, lockForTransaction } from '../db/advisory-lock.ts';

type Tx = Prisma.TransactionClient;

export interface NewPlan {
  year: number;
  metric: Metric;
  level: TargetLevel;
  scopeUnitId: string;
  /** The year's target; when left out, the figure the parent unit's published plan gives the unit. */
  total?: bigint | null;
  periodLevel: string;
  ownerKind?: OwnerKind | null;
}

export type MethodKind = 'EQUAL' | 'WEIGHTS' | 'HISTORY' | 'GROWTH' | 'HEADCOUNT' | 'DAYS_EMPLOYED';
export interface MethodInput {
  kind: MethodKind;
  percents?: { key: string; percent: string }[] | null;
  /** WEIGHTS over periods: a stored seasonality profile instead of percentages per period. */
  profileCode?: string | null;
  growthPercent?: string | null;
}

async function loadPlan(tx: Tx, id: string) {
  const plan = await tx.targetPlan.findUnique({ where: { id }, include: { scopeUnit: { select: { path: true, name: true, managerId: true } } } });
  if (!plan) throw notFound('TargetPlan', id);
  return plan;
}

export async function requireRole(ctx: Context, scope: PlanScope, tx: Tx, id: string, role: 'draft' | 'approve') {
  const plan = await loadPlan(tx, id);
  const roles = ctx.viewer?.roles ?? [];
  if (!reachesPlan(scope, plan.scopeUnit.path)) throw notFound('TargetPlan', id);
  const ok = role === 'draft' ? isDrafter(scope, roles, plan.scopeUnit.path) : isApprover(scope, roles, plan.scopeUnit.path);
  if (!ok) {
    throw role === 'draft'
      ? forbidden('NOT_DRAFTER', `Only the manager of ${plan.scopeUnit.name} (or above) drafts this plan`, { unit: plan.scopeUnit.name })
      : forbidden('NOT_APPROVER', `Only a manager above ${plan.scopeUnit.name}, a director or an admin may do this`, { unit: plan.scopeUnit.name });
  }
  return plan;
}

/**
 * Runs work in one transaction, with the caller's scope read before it opens
 * (on SQLite the connection belongs to the transaction; see roster/people.ts).
 */
export async function inTransaction<T>(ctx: Context, work: (tx: Tx, scope: PlanScope) => Promise<T>): Promise<T> {
  const scope = await planScope(ctx);
  return ctx.prisma.$transaction((tx) => work(tx, scope), { timeout: 60_000 });
}

/** Moves the plan on only if the caller saw its current revision. */
export async function bump(tx: Tx, id: string, revision: number, data: Prisma.TargetPlanUncheckedUpdateManyInput = {}) {
  const { count } = await tx.targetPlan.updateMany({ where: { id, revision }, data: { ...data, revision: { increment: 1 } } });
  if (count === 0) throw conflict('TargetPlan', id, revision);
  return tx.targetPlan.findUniqueOrThrow({ where: { id } });
}



export function requireStatus(plan: { status: PlanStatus; id: string }, allowed: PlanStatus[], doing: string) {
  if (!allowed.includes(plan.status)) throw clientError('BAD_USER_INPUT', `Cannot ${doing} a plan that is ${plan.status.toLowerCase()} (it must be ${allowed.map((s) => s.toLowerCase()).join(' or ')})`, {
      field: 'status',
      reason: 'PLAN_STATUS',
      params: { planStatus: plan.status },
    });
}

/**
 * The other level's figures a plan is held to (stretch ≥ base, whichever was
 * approved first): for a stretch plan the newest approved or published base
 * version, for a base plan the newest approved or published stretch version,
 * by owner and period, rolled up to every standard period its lines make (so
 * a stretch month meets a base month even when the base plan was made by
 * weeks, and stretch months meet base quarters).
 */
async function otherLevelTargets(tx: Tx, plan: PlanRecord, calendar: FiscalCalendar): Promise<Map<string, Map<string, bigint>> | undefined> {
  const other = await tx.targetPlan.findFirst({
    where: { year: plan.year, metric: plan.metric, level: plan.level === 'STRETCH' ? 'BASE' : 'STRETCH', scopeUnitId: plan.scopeUnitId, status: { in: ['APPROVED', 'PUBLISHED', 'LOCKED'] } },
    orderBy: { version: 'desc' },
    include: { lines: true },
  });
  if (!other) return undefined;
  const m = new Map<string, Map<string, bigint>>();
  for (const l of other.lines) {
    if (!m.has(l.ownerId)) m.set(l.ownerId, new Map());
    m.get(l.ownerId)!.set(l.periodKey, l.amount);
  }
  const top = topLevelKeys(other.year, other.periodLevel, calendar);
  return new Map([...m].map(([owner, amounts]) => [owner, rollUpAmounts(amounts, plan.year, calendar, top)]));
}

/**
 * Plan steps that change no figure dated in a locked period go ahead while
 * some of the year's months are locked (a month closed in January must not
 * stop next quarter's re-plan); only a lock of the whole year refuses them.
 */
async function requireYearOpen(tx: Tx, year: number, calendar: FiscalCalendar, what: string) {
  const y = period(String(year), calendar);
  const whole = (await lockedAmong(tx, [y], calendar)).find((l) => {
    const p = period(l.locked, calendar);
    return p.start <= y.start && y.end <= p.end;
  });
  if (whole) throw lockedRefusal(whole, what);
}

/**
 * Publishing puts a version's figures in force: in a locked period they must
 * be the ones already in force (the newest published version's, or none for
 * a first version). Lines of periods wholly inside a locked one are compared;
 * a quarter or year line that only holds a locked month is not.
 */
async function requireLockedFiguresKept(tx: Tx, plan: PlanRecord & { version: number }, calendar: FiscalCalendar, what: string) {
  const locks = await lockedAmong(tx, [period(String(plan.year), calendar)], calendar);
  if (!locks.length) return;
  const within = (key: string) => {
    let p: { start: string; end: string };
    try {
      p = period(key, calendar);
    } catch {
      return undefined;
    }
    return locks.find((l) => {
      const lp = period(l.locked, calendar);
      return lp.start <= p.start && p.end <= lp.end;
    });
  };
  const figures = async (planId: string) =>
    new Map((await tx.targetLine.findMany({ where: { planId }, select: { ownerId: true, periodKey: true, amount: true } })).filter((l) => within(l.periodKey)).map((l) => [`${l.ownerId}|${l.periodKey}`, l.amount]));
  const previous = await tx.targetPlan.findFirst({
    where: { year: plan.year, metric: plan.metric, level: plan.level, scopeUnitId: plan.scopeUnitId, status: { in: ['PUBLISHED', 'LOCKED'] }, version: { lt: plan.version } },
    orderBy: { version: 'desc' },
    select: { id: true },
  });
  const mine = await figures(plan.id);
  const before = previous ? await figures(previous.id) : new Map<string, bigint>();
  for (const key of new Set([...mine.keys(), ...before.keys()])) {
    if ((mine.get(key) ?? 0n) === (before.get(key) ?? 0n)) continue;
    const periodKey = key.slice(key.indexOf('|') + 1);
    throw lockedRefusal({ locked: within(periodKey)!.locked, hits: [periodKey] }, what);
  }
}

export async function createPlan(ctx: Context, input: NewPlan) {
  const calendar = await fiscalCalendar(ctx);
  return inTransaction(ctx, async (tx, scope) => {
    const unit = await tx.orgUnit.findUnique({ where: { id: input.scopeUnitId }, select: { id: true, path: true, name: true, _count: { select: { children: true } } } });
    if (!unit) throw badInput(['input', 'scopeUnitId'], `There is no org unit ${input.scopeUnitId}`, 'NO_SUCH_ORG_UNIT', { id: input.scopeUnitId });
    if (!isDrafter(scope, ctx.viewer?.roles ?? [], unit.path)) throw forbidden('NOT_DRAFTER', `Only the manager of ${unit.name} (or above) drafts its plans`, { unit: unit.name });
    if (!(PERIOD_LEVELS as readonly string[]).includes(input.periodLevel)) throw badInput(['input', 'periodLevel'], `periodLevel must be one of ${PERIOD_LEVELS.join('; ')}`, 'PERIOD_LEVELS', { levels: PERIOD_LEVELS.join('; ') });
    const parent = await parentFigure(tx, input, unit.id, calendar);
    const total = input.total ?? parent?.total;
    if (total === undefined) throw badInput(['input', 'total'], `No published plan above ${unit.name} gives it a ${input.level.toLowerCase()} ${input.metric} figure for ${input.year}; enter the total`, 'NO_PARENT_FIGURE', {
        unit: unit.name,
        level: input.level,
        metric: input.metric,
        year: input.year,
      });
    if (total < 0n) throw badInput(['input', 'total'], 'A target cannot be negative', 'NEGATIVE_TARGET');
    if (input.year < 2000 || input.year > 2100) throw badInput(['input', 'year'], 'The year must be between 2000 and 2100', 'YEAR_RANGE', { min: 2000, max: 2100 });
    const ownerKind: OwnerKind = input.ownerKind ?? (unit._count.children > 0 ? 'UNIT' : 'PERSON');
    if (ownerKind === 'UNIT' && unit._count.children === 0) throw badInput(['input', 'ownerKind'], `${unit.name} has no units below it; break it down to people`, 'NO_UNITS_BELOW', { unit: unit.name });
    const clash = await tx.targetPlan.findFirst({ where: { year: input.year, metric: input.metric, level: input.level, scopeUnitId: unit.id }, orderBy: { version: 'desc' } });
    if (clash) throw badInput(['input'], `A ${input.level.toLowerCase()} ${input.metric} plan for ${unit.name}, ${input.year} already exists (version ${clash.version}, ${clash.status.toLowerCase()}); open it or revise it`, 'PLAN_EXISTS', {
        level: input.level,
        metric: input.metric,
        unit: unit.name,
        year: input.year,
        version: clash.version,
        planStatus: clash.status,
      });
    await requireYearOpen(tx, input.year, calendar, 'Creating the plan');
    const plan = await tx.targetPlan.create({
      data: { year: input.year, metric: input.metric, level: input.level, scopeUnitId: unit.id, version: 1, periodLevel: input.periodLevel, ownerKind, total, createdById: ctx.viewer?.userId ?? null },
    });
    await event(tx, ctx, plan.id, 'create', null, 'DRAFT');
    // Amounts as the plan's cells are written (yuan for money), not in fen.
    const amount = (v: bigint) => formatAmount(METRICS[plan.metric].unit, v);
    await recordAudit(tx, ctx.viewer, { entityType: 'TargetPlan', entityId: plan.id, action: 'create', after: { ...plan, total: amount(plan.total), parentPlanId: parent?.planId ?? null, parentTotal: parent ? amount(parent.total) : null } });
    return plan;
  });
}

/** Sharing by, or growing from, last year needs some actuals last year. */
function needHistory(history: Map<string, bigint> | undefined, keys: string[], axis: string) {
  if (keys.every((k) => (history?.get(k) ?? 0n) === 0n)) throw badInput([axis, 'kind'], "There are no actuals for last year here to work from; import last year's sales or choose another method", 'NO_HISTORY');
}

function toMethod(input: MethodInput, figures: { history?: Map<string, bigint>; heads?: Map<string, number>; days?: Map<string, number> }, keys: string[], axis: string): BreakdownMethod {
  const record = <T,>(m: Map<string, T> | undefined) => Object.fromEntries(m ?? []) as Record<string, T>;
  switch (input.kind) {
    case 'EQUAL':
      return { kind: 'equal' };
    case 'WEIGHTS': {
      if (!input.percents?.length) throw badInput([axis, 'percents'], 'The weights method needs a percentage for each row or period', 'WEIGHTS_REQUIRED');
      return { kind: 'weights', percents: Object.fromEntries(input.percents.map((p) => [p.key, p.percent])) };
    }
    case 'HISTORY':
      needHistory(figures.history, keys, axis);
      return { kind: 'history', actuals: record(figures.history) };
    case 'GROWTH':
      if (!input.growthPercent) throw badInput([axis, 'growthPercent'], 'The growth method needs a growth percentage, e.g. "20"', 'GROWTH_REQUIRED');
      // Without last year's figures growth would make every line, and the plan, zero.
      needHistory(figures.history, keys, axis);
      return { kind: 'growth', actuals: record(figures.history), growthPercent: input.growthPercent };
    case 'HEADCOUNT':
      if (!figures.heads) throw badInput([axis, 'kind'], 'Headcount splits between org units or people, not periods', 'HEADCOUNT_NOT_FOR_PERIODS');
      return { kind: 'headcount', heads: record(figures.heads) };
    case 'DAYS_EMPLOYED':
      return { kind: 'daysEmployed', days: record(figures.days) };
  }
}

/**
 * Periods a breakdown keeps as they are (the finest level's periods in
 * locked months, and every period of their month), with the figures each
 * row holds in them now.
 */
export interface KeptPeriods {
  leaves: Set<string>;
  cells: Map<string, Map<string, bigint>>;
}

/** Computes every line of a plan by a method for each axis; pure apart from the inputs gathered by the caller. */
export function computeBreakdown(
  plan: PlanRecord,
  shape: PlanShape,
  time: MethodInput,
  owners: MethodInput,
  figures: {
    historyByPeriod: Map<string, bigint>;
    historyByOwner: Map<string, bigint>;
    headcount: Map<string, number>;
    ownerDays: Map<string, number>;
    profile?: string[];
    /** Of a plan by units: each unit's people's stays in its subtree during the year (last day included), for headcount and days employed period by period. */
    unitStays?: Map<string, UnitStay[]>;
  },
  kept?: KeptPeriods,
): { total: bigint; lines: LineInput[] } {
  if (time.kind === 'GROWTH' && owners.kind === 'GROWTH') throw badInput(['time', 'kind'], 'Use growth on one axis only: it sets the total', 'GROWTH_ONE_AXIS');
  const ownerKeys = shape.owners.map((o) => o.key);
  if (!ownerKeys.length) throw badInput(['owners'], `Nobody is in ${shape.scope.name} during ${plan.year}; there is nothing to break the target down to`, 'NOBODY_IN_UNIT', {
      unit: shape.scope.name,
      year: plan.year,
    });
  const unit = METRICS[plan.metric].unit;
  // The time method runs on months when the chain has them (or on its one
  // level); weeks and ten-day blocks then split their month by days, and the
  // levels above are the sums of the levels below.
  const chain = periodChain(plan.periodLevel);
  const methodLevel = chain.includes('month') ? 'month' : chain[0]!;
  // Kept (locked) periods keep their figures; the methods spread what is left over the others.
  const keptLeaf = (key: string) => kept?.leaves.has(key) ?? false;
  const leaves = shape.periods.filter((p) => p.level === chain.at(-1) && !keptLeaf(p.key));
  const methodPeriods = shape.periods.filter((p) => p.level === methodLevel && !keptLeaf(p.key) && (methodLevel === chain.at(-1) || leaves.some((l) => l.parent === p.key)));
  const methodKeys = methodPeriods.map((p) => p.key);
  const keptOf = (owner: string) => [...(kept?.cells.get(owner) ?? new Map<string, bigint>()).values()].reduce((a, b) => a + b, 0n);
  try {
    // Owners first when growth sets the total there.
    let total = plan.total;
    let ownerTotals: Map<string, bigint> | null = null;
    const ownerFigures = { history: figures.historyByOwner, heads: figures.headcount, days: figures.ownerDays };
    if (owners.kind === 'GROWTH') {
      ownerTotals = breakDown(0n, ownerKeys, toMethod(owners, ownerFigures, ownerKeys, 'owners'));
      total = [...ownerTotals.values()].reduce((a, b) => a + b, 0n);
    }
    const keptTotal = keptOf(shape.scope.id);
    const open = total - keptTotal;
    if (kept && open < 0n) throw badInput(['time'], `The locked periods already hold ${formatAmount(unit, keptTotal)}, more than the year's ${formatAmount(unit, total)}`, 'LOCKED_ABOVE_TOTAL', {
        locked: formatAmount(unit, keptTotal),
        total: formatAmount(unit, total),
      });
    const timeDays = new Map(methodPeriods.map((p) => [p.key, p.days]));
    const byMethod = () => {
      const m = toMethod(time, { history: figures.historyByPeriod, days: timeDays }, methodKeys, 'time');
      // With periods kept, the open periods' percentages are weights: the kept ones' share is already spent.
      if (kept && m.kind === 'weights') return allocate(open, methodKeys.map((key) => ({ key, weight: scaledDecimal(m.percents[key] ?? '0', PERCENT_PLACES, key) })));
      // Equal at every level: by quarters when the chain has them, then each quarter equally over its months (100 a year is
      // 25 a quarter, 9 / 8 / 8 a month, not 9 for each of January to April).
      if (m.kind === 'equal' && !kept && methodLevel === 'month' && chain.includes('quarter')) {
        const quarters = [...new Set(methodPeriods.map((p) => p.parent!))];
        const out = new Map<string, bigint>();
        for (const [q, amount] of breakDown(open, quarters, m)) for (const [k, v] of breakDown(amount, methodPeriods.filter((p) => p.parent === q).map((p) => p.key), m)) out.set(k, v);
        return out;
      }
      return breakDown(open, methodKeys, m);
    };
    const methodRow =
      time.kind === 'WEIGHTS' && time.profileCode ? allocate(open, [...profileWeights(figures.profile ?? [], methodPeriods)].map(([key, weight]) => ({ key, weight }))) : byMethod();
    if (time.kind === 'GROWTH') total = keptTotal + [...methodRow.values()].reduce((a, b) => a + b, 0n);
    let scopeRow = methodRow;
    if (methodLevel !== chain.at(-1)) {
      scopeRow = new Map();
      for (const m of methodPeriods) {
        const parts = leaves.filter((l) => l.parent === m.key);
        const amount = methodRow.get(m.key)!;
        const split = amount === 0n ? new Map(parts.map((l) => [l.key, 0n])) : allocate(amount, parts.map((l) => ({ key: l.key, weight: BigInt(l.days) })));
        for (const [k, v] of split) scopeRow.set(k, v);
      }
    }
    const columns = leaves.map((l) => ({ key: l.key, weight: scopeRow.get(l.key)! }));
    let cells: Map<string, Map<string, bigint>>;
    // Whether every owner's share is the same in every period (units by their year figure, people employed on every day):
    // then the periods are split level by level, so a share stays a largest-remainder share at every level.
    let sameShareEverywhere = false;
    if (plan.ownerKind === 'UNIT' && (owners.kind === 'HEADCOUNT' || owners.kind === 'DAYS_EMPLOYED') && figures.unitStays) {
      // Units by headcount or by days employed in each period (issue 3 §2): each period's figure is split between the units
      // by the people in them during it (counted once each), or by the days those people were in them; a unit's year is the
      // sum of its periods. Both margins exact.
      const stays = figures.unitStays;
      const periods = new Map(leaves.map((p) => [p.key, p]));
      const unitWeight = (unitKey: string, periodKey: string) => {
        const p = periods.get(periodKey)!;
        const within = (stays.get(unitKey) ?? []).map((x) => ({ personId: x.personId, days: overlapDays(p, x.from, x.to) })).filter((x) => x.days > 0);
        return BigInt(owners.kind === 'HEADCOUNT' ? new Set(within.map((x) => x.personId)).size : within.reduce((n, x) => n + x.days, 0));
      };
      for (const c of columns) {
        if (c.weight > 0n && ownerKeys.every((o) => unitWeight(o, c.key) === 0n)) throw badInput(['owners', 'kind'], `Nobody with a weight is employed in ${shape.scope.name} during ${c.key}`, 'NOBODY_IN_PERIOD', {
            unit: shape.scope.name,
            period: c.key,
          });
      }
      cells = allocateColumns(ownerKeys, columns, unitWeight);
    } else if (plan.ownerKind === 'UNIT') {
      ownerTotals ??= breakDown(total, ownerKeys, toMethod(owners, ownerFigures, ownerKeys, 'owners'));
      if (kept) {
        // Each unit's year less what its locked periods hold; the units' rest
        // then adds up to the open periods' total.
        const rest = new Map([...ownerTotals].map(([k, v]) => [k, v - keptOf(k)]));
        const short = [...rest].find(([, v]) => v < 0n);
        if (short) throw badInput(['owners'], `The locked periods already give ${shape.owners.find((o) => o.key === short[0])?.name ?? short[0]} more than its share of the year`, 'LOCKED_ABOVE_SHARE', {
            owner: shape.owners.find((o) => o.key === short[0])?.name ?? short[0],
            locked: formatAmount(unit, keptOf(short[0])),
            share: formatAmount(unit, ownerTotals.get(short[0])!),
          });
        ownerTotals = rest;
      }
      cells = allocateMatrix([...ownerTotals].map(([key, weight]) => ({ key, weight })), columns);
      sameShareEverywhere = true;
    } else if (owners.kind === 'GROWTH') {
      // People by growth (brief §3, "last year's actuals × (1 + growth %)"): each person's year is their own figure, pro-rated
      // by the days of the year they are employed (a leaver carries nothing after leaving), spread over the periods they are
      // employed in, in the shape the time method gives the scope; the scope's row, and the plan's total, are the people's sums.
      const allLeaves = shape.periods.filter((p) => p.level === chain.at(-1));
      const yearDays = BigInt(allLeaves.reduce((n, p) => n + p.days, 0));
      const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
      const common = leaves.reduce((l, p) => (l / gcd(l, BigInt(p.days))) * BigInt(p.days), 1n);
      cells = new Map();
      let sum = keptTotal;
      for (const o of shape.owners) {
        const grown = ownerTotals!.get(o.key) ?? 0n;
        const employed = BigInt(figures.ownerDays.get(o.key) ?? 0);
        const year = employed >= yearDays ? grown : divideHalfUp(grown * employed, yearDays);
        // The share of each open period's days they are employed (over one denominator).
        const employedIn = leaves.map((l) => BigInt(overlapDays(l, o.hireDate ?? '0000-01-01', o.leaveDate ?? null)) * (common / BigInt(l.days)));
        // Employed in no open period (a leaver re-planned after their months were locked): their year is what the locked periods hold.
        const rest = employedIn.some((d) => d > 0n) ? year - keptOf(o.key) : 0n;
        if (rest < 0n) throw badInput(['owners'], `The locked periods already give ${o.name} more than their share of the year`, 'LOCKED_ABOVE_SHARE', {
            owner: o.name,
            locked: formatAmount(unit, keptOf(o.key)),
            share: formatAmount(unit, year),
          });
        sum += rest;
        // A period's weight for them: the scope's figure there × the share of its days they are employed; where the time
        // method gives nothing to any of their periods (a leaver in months weighted 0 %), by their days alone.
        let shares = leaves.map((l, j) => ({ key: l.key, weight: scopeRow.get(l.key)! * employedIn[j]! }));
        if (shares.every((x) => x.weight === 0n)) shares = leaves.map((l, j) => ({ key: l.key, weight: employedIn[j]! }));
        cells.set(o.key, rest === 0n ? new Map(leaves.map((l) => [l.key, 0n])) : allocate(rest, shares));
      }
      scopeRow = new Map(leaves.map((l) => [l.key, shape.owners.reduce((n, o) => n + cells.get(o.key)!.get(l.key)!, 0n)]));
      total = sum;
    } else {
      // People: one owners × periods matrix. Each period's total is split
      // among those employed in it by weight × days employed; each person's
      // year is the largest-remainder share of the plan; both margins exact.
      const weight = new Map<string, bigint>();
      if (ownerTotals) for (const [k, v] of ownerTotals) weight.set(k, v);
      else if (owners.kind === 'WEIGHTS') {
        const m = toMethod(owners, ownerFigures, ownerKeys, 'owners') as { kind: 'weights'; percents: Record<string, string> };
        breakDown(100n, ownerKeys, m); // checks the profile sums to 100 %
        for (const k of ownerKeys) weight.set(k, scaledDecimal(m.percents[k]!, PERCENT_PLACES, k));
      } else if (owners.kind === 'HISTORY') {
        toMethod(owners, ownerFigures, ownerKeys, 'owners');
        for (const k of ownerKeys) weight.set(k, figures.historyByOwner.get(k) ?? 0n);
      } else for (const k of ownerKeys) weight.set(k, 1n);
      const people = new Map(shape.owners.map((o) => [o.key, o]));
      const periods = new Map(leaves.map((p) => [p.key, p]));
      const personWeight = (owner: string, periodKey: string) => {
        const o = people.get(owner)!;
        return weight.get(owner)! * BigInt(overlapDays(periods.get(periodKey)!, o.hireDate ?? '0000-01-01', o.leaveDate ?? null));
      };
      for (const c of columns) {
        if (c.weight > 0n && ownerKeys.every((o) => personWeight(o, c.key) === 0n)) throw badInput(['owners', 'kind'], `Nobody with a weight is employed in ${shape.scope.name} during ${c.key}`, 'NOBODY_IN_PERIOD', {
            unit: shape.scope.name,
            period: c.key,
          });
      }
      cells = allocateColumns(ownerKeys, columns, personWeight);
      sameShareEverywhere = leaves.every((l) => ownerKeys.every((o) => overlapDays(l, people.get(o)!.hireDate ?? '0000-01-01', people.get(o)!.leaveDate ?? null) === l.days));
    }
    if (sameShareEverywhere && !kept && chain.length > 1) {
      // Each owner's year as the finest split gave it (its largest-remainder share), then split down the levels: 120,000 a year over
      // equal quarters is 30,000 a quarter and 10,000 a month, not ten-day cells rounded on their own adding up to 9,999.98.
      const rows = ownerKeys.map((key) => ({ key, weight: [...cells.get(key)!.values()].reduce((a, b) => a + b, 0n) }));
      const levelled = allocateByLevels(rows, shape.periods.map((p) => ({ key: p.key, parent: p.parent ?? null })), new Map(columns.map((c) => [c.key, c.weight])));
      cells = new Map(ownerKeys.map((o) => [o, new Map(leaves.map((l) => [l.key, levelled.get(o)!.get(l.key)!]))]));
    }
    cells.set(shape.scope.id, scopeRow);
    for (const o of [shape.scope.id, ...ownerKeys]) {
      const row = cells.get(o) ?? new Map<string, bigint>();
      for (const leaf of kept?.leaves ?? []) row.set(leaf, kept!.cells.get(o)?.get(leaf) ?? 0n);
      cells.set(o, row);
    }
    // The levels above: sums of the level below, finest first.
    for (const p of [...shape.periods].reverse()) {
      if (!p.parent) continue;
      for (const row of cells.values()) row.set(p.parent, (row.get(p.parent) ?? 0n) + row.get(p.key)!);
    }
    const lines: LineInput[] = [shape.scope.id, ...ownerKeys].flatMap((o) => shape.periods.map((p) => ({ ownerId: o, periodKey: p.key, amount: formatAmount(unit, cells.get(o)!.get(p.key)!) })));
    return { total, lines };
  } catch (e) {
    if (e instanceof AllocationError) throw allocationRefusal(e, 'method', new Map(shape.owners.map((o) => [o.key, o.name])));
    throw e;
  }
}

/**
 * For a breakdown that keeps locked periods: the finest-level periods that
 * touch a locked period (with every other period of their month, since the
 * methods split months), and the figures the plan holds in them now. Null
 * when nothing of the year is locked; refused when everything is.
 */
async function keptPeriods(tx: Tx, plan: PlanRecord, shape: PlanShape, calendar: FiscalCalendar, stored: () => Promise<readonly Cell[]>): Promise<KeptPeriods | null> {
  const chain = periodChain(plan.periodLevel);
  const leaves = shape.periods.filter((p) => p.level === chain.at(-1));
  const locks = await lockedAmong(tx, leaves, calendar);
  if (!locks.length) return null;
  const touched = new Set(locks.flatMap((l) => l.hits));
  const months = new Set(leaves.filter((l) => touched.has(l.key) && l.parent && chain.includes('month') && chain.at(-1) !== 'month').map((l) => l.parent!));
  const kept = new Set(leaves.filter((l) => touched.has(l.key) || (l.parent != null && months.has(l.parent))).map((l) => l.key));
  if (kept.size === leaves.length) throw lockedRefusal(locks[0]!, 'Breaking the plan down');
  const cells = new Map<string, Map<string, bigint>>();
  for (const l of await stored()) {
    if (kept.has(l.periodKey)) cells.set(l.ownerId, (cells.get(l.ownerId) ?? new Map<string, bigint>()).set(l.periodKey, l.amount));
  }
  await requireKeptOwnersInPlan(tx, plan, shape, cells);
  return { leaves: kept, cells };
}

/**
 * Every figure a locked period keeps needs its owner's row: a unit moved
 * out of the scope (or a person no longer in it) would leave the locked
 * periods' rows short of the scope's figure. Refused by name and period
 * (LOCKED_OWNER_GONE), the earliest such period first.
 */
async function requireKeptOwnersInPlan(tx: Tx, plan: PlanRecord, shape: PlanShape, cells: KeptPeriods['cells']) {
  const owners = new Set([shape.scope.id, ...shape.owners.map((o) => o.key)]);
  const [gone] = [...cells]
    .filter(([owner]) => !owners.has(owner))
    .flatMap(([owner, row]) => [...row].filter(([, amount]) => amount !== 0n).map(([periodKey]) => ({ owner, periodKey })))
    .sort((a, b) => (a.periodKey < b.periodKey ? -1 : a.periodKey > b.periodKey ? 1 : 0));
  if (!gone) return;
  const name =
    plan.ownerKind === 'UNIT'
      ? (await tx.orgUnit.findUnique({ where: { id: gone.owner }, select: { name: true } }))?.name
      : await tx.person.findUnique({ where: { id: gone.owner }, select: { name: true, employeeNo: true } }).then((p) => p && `${p.name} (${p.employeeNo})`);
  const owner = name ?? gone.owner;
  throw badInput(['owners'], `${owner} holds figures in the locked period ${gone.periodKey} but is no longer in the scope of this plan; reopen ${gone.periodKey} or bring them back before re-planning`, 'LOCKED_OWNER_GONE', {
    owner,
    period: gone.periodKey,
  });
}

/** Gathers what the methods need (last year, headcounts, a profile) and computes every line; stores nothing. */
async function computeFor(tx: Tx, plan: PlanRecord, shape: PlanShape, calendar: FiscalCalendar, time: MethodInput, owners: MethodInput, kept?: KeptPeriods | null) {
  const history = await lastYear(tx, plan, shape, calendar);
  const headcount = new Map(shape.owners.map((o) => [o.key, 1]));
  const ownerDays = new Map(shape.owners.map((o) => [o.key, overlapDays({ key: '', level: 'year', start: shape.yearStart, end: shape.yearEnd }, o.hireDate ?? shape.yearStart, o.leaveDate ?? null)]));
  let unitStays: Map<string, UnitStay[]> | undefined;
  if (plan.ownerKind === 'UNIT') {
    const counts = await unitHeadcounts(tx, shape);
    for (const o of shape.owners) {
      headcount.set(o.key, counts.get(o.key)?.people ?? 0);
      ownerDays.set(o.key, counts.get(o.key)?.days ?? 0);
    }
    unitStays = new Map([...counts].map(([k, v]) => [k, v.stays]));
  }
  let profile: string[] | undefined;
  if (time.kind === 'WEIGHTS' && time.profileCode) {
    const p = await tx.seasonalityProfile.findUnique({ where: { code: time.profileCode } });
    if (!p) throw badInput(['time', 'profileCode'], `There is no seasonality profile ${time.profileCode}`, 'NO_SUCH_PROFILE', { code: time.profileCode });
    profile = JSON.parse(p.monthPercents) as string[];
  }
  const result = computeBreakdown(plan, shape, time, owners, { historyByPeriod: history.byPeriod, historyByOwner: history.byOwner, headcount, ownerDays, profile, unitStays }, kept ?? undefined);
  const checked = checkLines({ ...plan, total: result.total, calendar }, shape, result.lines, await otherLevelTargets(tx, plan, calendar));
  if (checked.issues.length) throw invalidLines(checked.issues);
  return { total: result.total, checked };
}

/**
 * Without `keepLocked` a breakdown touching a locked period is refused
 * (PERIOD_LOCKED). With it (a re-plan after months were closed), the
 * finest periods in locked months keep the figures they hold and the
 * methods spread the rest of the year over the open ones.
 */
async function lockedToKeep(tx: Tx, plan: PlanRecord, shape: PlanShape, calendar: FiscalCalendar, keepLocked: boolean, what: string, stored: () => Promise<readonly Cell[]>) {
  if (!keepLocked) {
    await requireUnlocked(tx, shape.periods, calendar, what);
    return null;
  }
  await requireYearOpen(tx, plan.year, calendar, what);
  return keptPeriods(tx, plan, shape, calendar, stored);
}

const planLines = (tx: Tx, planId: string) => tx.targetLine.findMany({ where: { planId }, select: { ownerId: true, periodKey: true, amount: true } });

/** A kept period's figures came out as they went in (the owners of its lines may not have changed either). */
async function requireKeptUnchanged(tx: Tx, kept: KeptPeriods | null, lines: LineInput[], calendar: FiscalCalendar, what: string) {
  if (!kept) return;
  const now = new Map(lines.filter((l) => kept.leaves.has(l.periodKey)).map((l) => [`${l.ownerId}|${l.periodKey}`, l.amount]));
  const before = new Map<string, bigint>();
  for (const [owner, row] of kept.cells) for (const [k, v] of row) before.set(`${owner}|${k}`, v);
  for (const key of new Set([...now.keys(), ...before.keys()])) {
    if ((now.get(key) ?? 0n) === (before.get(key) ?? 0n)) continue;
    const periodKey = key.slice(key.indexOf('|') + 1);
    const [first] = await lockedAmong(tx, [period(periodKey, calendar)], calendar);
    throw lockedRefusal(first ?? { locked: periodKey, hits: [periodKey] }, what);
  }
}

export async function breakDownPlan(ctx: Context, id: string, revision: number, time: MethodInput, owners: MethodInput, keepLocked = false) {
  const calendar = await fiscalCalendar(ctx);
  return inTransaction(ctx, async (tx, scope) => {
    const plan = await requireRole(ctx, scope, tx, id, 'draft');
    requireStatus(plan, ['DRAFT'], 'break down');
    const shape = await planShape(tx, plan, calendar);
    const stored = await planLines(tx, id);
    const kept = await lockedToKeep(tx, plan, shape, calendar, keepLocked, 'Breaking the plan down', async () => stored);
    const { total, checked } = await computeFor(tx, await withParentTotal(tx, plan, calendar), shape, calendar, time, owners, kept);
    await requireKeptUnchanged(tx, kept, checked.lines, calendar, 'Breaking the plan down');
    await tx.targetLine.deleteMany({ where: { planId: id } });
    await tx.targetLine.createMany({ data: checked.lines.map((l) => ({ ...l, planId: id })) });
    const after = await bump(tx, id, revision, { total });
    const cells = changedCells(plan.metric, stored, checked.lines);
    await recordAudit(tx, ctx.viewer, {
      entityType: 'TargetPlan',
      entityId: id,
      action: 'breakDown',
      before: { total: formatAmount(METRICS[plan.metric].unit, plan.total), cells: cells.before },
      after: { total: formatAmount(METRICS[plan.metric].unit, total), time, owners, lines: checked.lines.length, cells: cells.after, ...(kept ? { keptPeriods: [...kept.leaves] } : {}) },
    });
    return after;
  });
}

/** What a breakdown would give, without storing it: for the pane's preview. */
export async function previewBreakdown(ctx: Context, id: string, time: MethodInput, owners: MethodInput, keepLocked = false) {
  const calendar = await fiscalCalendar(ctx);
  return inTransaction(ctx, async (tx, scope) => {
    const plan = await requireRole(ctx, scope, tx, id, 'draft');
    const shape = await planShape(tx, plan, calendar);
    // As the breakdown itself: without keepLocked, a plan touching a locked period is refused, not previewed rewriting it.
    const kept = await lockedToKeep(tx, plan, shape, calendar, keepLocked, 'Breaking the plan down', () => planLines(tx, id));
    const { total, checked } = await computeFor(tx, await withParentTotal(tx, plan, calendar), shape, calendar, time, owners, kept);
    const unit = METRICS[plan.metric].unit;
    return { total: formatAmount(unit, total), lines: checked.lines.map((l) => ({ ownerId: l.ownerId, periodKey: l.periodKey, amount: formatAmount(unit, l.amount) })) };
  });
}

/** People and person-days per child unit of the scope during the year. */
/** A person's stay in a unit's subtree: from a day to a day, both included (open-ended: null). */
export interface UnitStay {
  personId: string;
  from: string;
  to: string | null;
}

async function unitHeadcounts(tx: Tx, shape: PlanShape) {
  const yearPeriod = { key: '', level: 'year' as const, start: shape.yearStart, end: shape.yearEnd };
  const assignments = await tx.assignment.findMany({
    where: { unit: { path: { startsWith: shape.scope.path } } },
    select: { personId: true, validFrom: true, validTo: true, unit: { select: { path: true } } },
  });
  const out = new Map<string, { people: number; days: number; seen: Set<string>; stays: UnitStay[] }>();
  for (const a of assignments) {
    const child = a.unit.path.slice(shape.scope.path.length).split('/')[0];
    if (!child) continue;
    const to = a.validTo ? new Date(a.validTo.getTime() - 86_400_000).toISOString().slice(0, 10) : null;
    const days = overlapDays(yearPeriod, a.validFrom.toISOString().slice(0, 10), to);
    if (days === 0) continue;
    const e = out.get(child) ?? { people: 0, days: 0, seen: new Set<string>(), stays: [] };
    e.stays.push({ personId: a.personId, from: a.validFrom.toISOString().slice(0, 10), to });
    if (!e.seen.has(a.personId)) {
      e.seen.add(a.personId);
      e.people += 1;
    }
    e.days += days;
    out.set(child, e);
  }
  return out;
}

export function invalidLines(issues: ReturnType<typeof checkLines>['issues']) {
  const first = issues[0]!;
  return clientError('BAD_USER_INPUT', `The plan has ${issues.length} problem(s); nothing was saved. First: ${issueMessage(first)}`, {
    field: 'lines',
    reason: 'PLAN_LINES_INVALID',
    params: { count: issues.length },
    issues: withMessages(issues.slice(0, 500)),
  });
}

export async function validatePlanLines(ctx: Context, id: string, lines: LineInput[]) {
  const calendar = await fiscalCalendar(ctx);
  return inTransaction(ctx, async (tx, scope) => {
    const plan = await requireRole(ctx, scope, tx, id, 'draft');
    const shape = await planShape(tx, plan, calendar);
    const checked = checkLines({ ...plan, calendar }, await withOutsiders(tx, shape, lines), lines, await otherLevelTargets(tx, plan, calendar));
    const parent = parentTotalIssue(plan, shape.scope, await parentLabel(tx, plan, calendar));
    // Cells changed in a locked period are named too (a save would refuse them), once the lines read.
    const locked = checked.issues.length ? [] : await lockedCellIssues(tx, plan, shape, calendar, lines, checked.lines, await planLines(tx, id));
    return [...(parent ? [parent] : []), ...checked.issues, ...locked];
  });
}

/**
 * The cells a save of these lines would change in a locked period, each
 * named by its row and column as the other issues are (issue 3 §6: the cell,
 * where there is one), by the rule requireFiguresUnlocked applies (calendar.ts lockedFigures).
 */
async function lockedCellIssues(tx: Tx, plan: PlanRecord, shape: PlanShape, calendar: FiscalCalendar, input: readonly LineInput[], lines: readonly Cell[], stored: readonly Cell[]): Promise<ValidationIssue[]> {
  const was = new Map(stored.map((l) => [cellKey(l), l.amount]));
  const changed = lines.filter((l) => (was.get(cellKey(l)) ?? 0n) !== l.amount);
  if (!changed.length) return [];
  const touched = new Set(changed.map((l) => l.periodKey));
  const locks = await lockedFigures(tx, shape.periods.filter((p) => touched.has(p.key)), periodChain(plan.periodLevel).at(-1)!, calendar);
  if (!locks.length) return [];
  // Each period by the first lock that holds it.
  const lockOf = new Map<string, string>();
  for (const lock of locks) for (const key of lock.hits) if (!lockOf.has(key)) lockOf.set(key, lock.locked);
  // Rows as the checks number them: the scope's first, then each owner in the order the lines name them.
  const rows = [shape.scope.id, ...new Set(input.map((l) => l.ownerId).filter((o) => o !== shape.scope.id))];
  const names = new Map([[shape.scope.id, shape.scope.name], ...shape.owners.map((o) => [o.key, o.name] as const)]);
  const unit = METRICS[plan.metric].unit;
  return changed
    .filter((l) => lockOf.has(l.periodKey))
    .map((l) => {
      const [expected, found] = [formatAmount(unit, was.get(cellKey(l)) ?? 0n), formatAmount(unit, l.amount)];
      const row = rows.indexOf(l.ownerId);
      const column = shape.periods.findIndex((p) => p.key === l.periodKey);
      return {
        rule: 'lockedPeriod' as const,
        row: row < 0 ? null : row,
        column: column < 0 ? null : column,
        rowKey: l.ownerId,
        periodKey: l.periodKey,
        expected,
        found,
        params: { owner: names.get(l.ownerId) ?? l.ownerId, period: l.periodKey, locked: lockOf.get(l.periodKey)!, expected, found },
      };
    });
}

type Cell = { ownerId: string; periodKey: string; amount: bigint };
const cellKey = (l: { ownerId: string; periodKey: string }) => `${l.ownerId}\u0000${l.periodKey}`;

/**
 * The cells a save changes, as the audit records them: before, the old
 * amount of each cell changed or cleared; after, the new amount of each
 * cell changed or added (in the metric's unit, by owner and period).
 */
export function changedCells(metric: Metric, old: readonly Cell[], next: readonly Cell[]) {
  const unit = METRICS[metric].unit;
  const was = new Map(old.map((l) => [cellKey(l), l.amount]));
  const now = new Map(next.map((l) => [cellKey(l), l.amount]));
  const shown = (cells: readonly Cell[]) =>
    cells
      .map((l) => ({ ownerId: l.ownerId, periodKey: l.periodKey, amount: formatAmount(unit, l.amount) }))
      .sort((a, b) => (cellKey(a) < cellKey(b) ? -1 : cellKey(a) > cellKey(b) ? 1 : 0));
  return { before: shown(old.filter((l) => now.get(cellKey(l)) !== l.amount)), after: shown(next.filter((l) => was.get(cellKey(l)) !== l.amount)) };
}

export async function saveLines(ctx: Context, id: string, revision: number, lines: LineInput[]) {
  const calendar = await fiscalCalendar(ctx);
  return inTransaction(ctx, async (tx, scope) => {
    const plan = await requireRole(ctx, scope, tx, id, 'draft');
    requireStatus(plan, ['DRAFT'], 'edit');
    if (plan.revision !== revision) throw conflict('TargetPlan', id, revision);
    const shape = await planShape(tx, plan, calendar);
    const checked = checkLines({ ...plan, calendar }, await withOutsiders(tx, shape, lines), lines, await otherLevelTargets(tx, plan, calendar));
    if (checked.issues.length) throw invalidLines(checked.issues);
    const stored = await tx.targetLine.findMany({ where: { planId: id } });
    const old = new Map(stored.map((l) => [cellKey(l), l.amount]));
    const changedPeriods = new Set(checked.lines.filter((l) => old.get(cellKey(l)) !== l.amount).map((l) => l.periodKey));
    // Refused as before (PERIOD_LOCKED, the first lock), now with every cell it would change there.
    const locked = await lockedCellIssues(tx, plan, shape, calendar, lines, checked.lines, stored);
    if (locked.length) {
      const first = locked[0]!;
      const lock = first.params.locked!;
      throw clientError('BAD_USER_INPUT', `Saving the plan: period ${lock} is locked (${locked.length} cell(s) changed in it; first: ${issueMessage(first)}); an admin must reopen it first`, {
        field: 'lines',
        reason: 'PERIOD_LOCKED',
        params: { period: lock },
        lockedPeriod: lock,
        issues: withMessages(locked.slice(0, 500)),
      });
    }
    // Cells new to the plan count as changed here even at zero (the cell issues compare figures, and a new 0 is none changed).
    await requireFiguresUnlocked(tx, shape.periods.filter((p) => changedPeriods.has(p.key)), periodChain(plan.periodLevel).at(-1)!, calendar, 'Saving the plan');
    await tx.targetLine.deleteMany({ where: { planId: id } });
    await tx.targetLine.createMany({ data: checked.lines.map((l) => ({ ...l, planId: id })) });
    const after = await bump(tx, id, revision);
    const cells = changedCells(plan.metric, stored, checked.lines);
    await recordAudit(tx, ctx.viewer, {
      entityType: 'TargetPlan',
      entityId: id,
      action: 'saveLines',
      before: { changedPeriods: [...changedPeriods], cells: cells.before },
      after: { lines: checked.lines.length, changed: cells.after.length, cells: cells.after },
    });
    return after;
  });
}

async function transition(
  ctx: Context,
  id: string,
  revision: number,
  spec: {
    role: 'draft' | 'approve';
    from: PlanStatus[];
    to: PlanStatus;
    action: string;
    comment?: string | null;
    check?: (tx: Tx, plan: Awaited<ReturnType<typeof loadPlan>>) => Promise<void>;
    after?: (tx: Tx, plan: Awaited<ReturnType<typeof loadPlan>>) => Promise<void>;
  },
) {
  const calendar = await fiscalCalendar(ctx);
  return inTransaction(ctx, async (tx, scope) => {
    const plan = await requireRole(ctx, scope, tx, id, spec.role);
    requireStatus(plan, spec.from, spec.action);
    if (plan.revision !== revision) throw conflict('TargetPlan', id, revision);
    await spec.check?.(tx, plan);
    if (spec.to === 'PUBLISHED') await requireLockedFiguresKept(tx, plan, calendar, `To ${spec.action} the plan`);
    else if (spec.to !== 'LOCKED') await requireYearOpen(tx, plan.year, calendar, `To ${spec.action} the plan`);
    const after = await bump(tx, id, revision, { status: spec.to });
    await event(tx, ctx, id, spec.action, plan.status, spec.to, spec.comment);
    await recordAudit(tx, ctx.viewer, { entityType: 'TargetPlan', entityId: id, action: spec.action, before: { status: plan.status }, after: { status: spec.to, comment: spec.comment ?? null } });
    await spec.after?.(tx, plan);
    return after;
  });
}

export async function submitPlan(ctx: Context, id: string, revision: number, comment?: string | null) {
  const calendar = await fiscalCalendar(ctx);
  return transition(ctx, id, revision, {
    role: 'draft',
    from: ['DRAFT'],
    to: 'SUBMITTED',
    action: 'submit',
    comment,
    check: async (tx, plan) => {
      // The stored lines must still be valid (the roster may have changed since they were saved).
      const shape = await planShape(tx, plan, calendar);
      const lines = await storedLines(tx, plan);
      if (!lines.length) throw clientError('BAD_USER_INPUT', 'The plan has no lines yet: break it down or save lines first', { field: 'lines', reason: 'PLAN_HAS_NO_LINES' });
      const checked = checkLines({ ...plan, calendar }, shape, lines, await otherLevelTargets(tx, plan, calendar));
      const parent = parentTotalIssue(plan, shape.scope, await parentLabel(tx, plan, calendar));
      if (parent) checked.issues.unshift(parent);
      if (checked.issues.length) throw invalidLines(checked.issues);
    },
  });
}

/** A plan's stored lines as the checks read typed ones. */
async function storedLines(tx: Tx, plan: PlanRecord): Promise<LineInput[]> {
  const unit = METRICS[plan.metric].unit;
  return (await tx.targetLine.findMany({ where: { planId: plan.id } })).map((l) => ({ ownerId: l.ownerId, periodKey: l.periodKey, amount: formatAmount(unit, l.amount) }));
}

const CROSS_LEVEL_RULES = new Set(['stretchBelowBase', 'baseAboveStretch']);

/**
 * Stretch ≥ base at each step that moves a version towards force (issue 7
 * §2), not only at its submission: the other level's version it is held to
 * is the newest approved or published one, and that may have been approved
 * after this one was submitted (a stretch plan submitted while its base was
 * still waiting). Only the two levels' rule is checked again here; the rest
 * held when the plan was submitted.
 */
async function requireLevelsHold(tx: Tx, plan: PlanRecord, calendar: FiscalCalendar) {
  // One decision on a scope's two levels at a time (PostgreSQL reads committed rows only: a base and a stretch plan approved
  // at one moment would each see the other as not yet approved). SQLite's writes are serialised already.
  if (isPostgresTransaction(tx)) await lockForTransaction(tx, `target-levels:${plan.year}:${plan.metric}:${plan.scopeUnitId}`);
  const other = await otherLevelTargets(tx, plan, calendar);
  if (!other) return;
  const shape = await planShape(tx, plan, calendar);
  const issues = checkLines({ ...plan, calendar }, shape, await storedLines(tx, plan), other).issues.filter((i) => CROSS_LEVEL_RULES.has(i.rule));
  if (issues.length) throw invalidLines(issues);
}

/** The plan with the total its parent's published plan gives it, when there is one: what a breakdown and a new version start from. */
async function withParentTotal<P extends PlanRecord>(tx: Tx, plan: P, calendar: FiscalCalendar): Promise<P> {
  const parent = await parentFigure(tx, plan, plan.scopeUnitId, calendar);
  return parent ? { ...plan, total: parent.total } : plan;
}

/** The parent plan's figure for this plan's scope, labelled for messages. */
async function parentLabel(tx: Tx, plan: PlanRecord, calendar: FiscalCalendar) {
  const parent = await parentFigure(tx, plan, plan.scopeUnitId, calendar);
  return parent && { total: parent.total, planLabel: `${parent.scopeUnitName}'s published plan (version ${parent.version})` };
}

/**
 * After a parent plan is published: each child unit's newest plan for the
 * same year, metric and level whose total no longer matches its new figure
 * gets a "parentChanged" event (and shows as out of date until revised).
 */
async function markChildren(tx: Tx, ctx: Context, plan: PlanRecord, calendar: FiscalCalendar) {
  if (plan.ownerKind !== 'UNIT') return;
  const lines = await tx.targetLine.findMany({ where: { planId: plan.id, ownerKind: 'UNIT', NOT: { ownerId: plan.scopeUnitId } } });
  const figures = yearTotals(lines, topLevelKeys(plan.year, plan.periodLevel, calendar));
  const children = await tx.targetPlan.findMany({
    where: { year: plan.year, metric: plan.metric, level: plan.level, scopeUnitId: { in: [...figures.keys()] } },
    orderBy: { version: 'desc' },
  });
  const seen = new Set<string>();
  for (const child of children) {
    if (seen.has(child.scopeUnitId)) continue;
    seen.add(child.scopeUnitId);
    const figure = figures.get(child.scopeUnitId)!;
    if (child.total === figure) continue;
    const unit = METRICS[plan.metric].unit;
    await event(tx, ctx, child.id, 'parentChanged', child.status, child.status, formatAmount(unit, figure));
    await recordAudit(tx, ctx.viewer, { entityType: 'TargetPlan', entityId: child.id, action: 'parentChanged', before: { total: formatAmount(unit, child.total) }, after: { parentPlanId: plan.id, parentTotal: formatAmount(unit, figure) } });
  }
}

/** Nobody decides on their own plan: one they submitted, or one for a unit they manage (decisions.ts). */
async function requireNotOwn(tx: Tx, ctx: Context, plan: Awaited<ReturnType<typeof loadPlan>>) {
  const submitted = await tx.planEvent.findFirst({ where: { planId: plan.id, action: 'submit' }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
  if (!isOwnPlan(ctx.viewer, plan, submitted)) return;
  const mine = !!submitted?.actorId && submitted.actorId === ctx.viewer?.userId;
  if (mine) throw clientError('FORBIDDEN', 'You submitted this plan; someone else must approve it', { reason: 'TARGET_OWN_SUBMISSION', params: {} });
  throw clientError('FORBIDDEN', `You manage ${plan.scopeUnit.name}; its plan is decided by someone above you`, { reason: 'TARGET_OWN_UNIT', params: { unit: plan.scopeUnit.name } });
}

export async function approvePlan(ctx: Context, id: string, revision: number, comment?: string | null) {
  const calendar = await fiscalCalendar(ctx);
  return transition(ctx, id, revision, {
    role: 'approve',
    from: ['SUBMITTED'],
    to: 'APPROVED',
    action: 'approve',
    comment,
    check: async (tx, plan) => {
      await requireNotOwn(tx, ctx, plan);
      await requireLevelsHold(tx, plan, calendar);
    },
  });
}

export async function returnPlan(ctx: Context, id: string, revision: number, comment: string) {
  if (!comment.trim()) throw badInput(['comment'], 'Say why the plan goes back', 'COMMENT_REQUIRED');
  // Only a submission goes back: an approved version is kept as it is, and changing it makes the next version (revisePlan).
  return transition(ctx, id, revision, { role: 'approve', from: ['SUBMITTED'], to: 'DRAFT', action: 'return', comment, check: (tx, plan) => requireNotOwn(tx, ctx, plan) });
}

export async function publishPlan(ctx: Context, id: string, revision: number) {
  const calendar = await fiscalCalendar(ctx);
  return transition(ctx, id, revision, {
    role: 'approve',
    from: ['APPROVED'],
    to: 'PUBLISHED',
    action: 'publish',
    check: async (tx, plan) => {
      await requireNotOwn(tx, ctx, plan);
      const parent = parentTotalIssue(plan, { id: plan.scopeUnitId, name: plan.scopeUnit.name }, await parentLabel(tx, plan, calendar));
      if (parent) throw invalidLines([parent]);
      await requireLevelsHold(tx, plan, calendar);
    },
    after: (tx, plan) => markChildren(tx, ctx, plan, calendar),
  });
}

/**
 * Corrects a draft's year target (a plan returned to draft is one too) when
 * no parent plan gives it one: a figure from the parent's published plan is
 * changed there, and a breakdown takes it again. The lines stay as they are;
 * where they no longer add up to the new target, validation and submission
 * say so, as for any line (nothing is rescaled).
 */
export async function setPlanTotal(ctx: Context, id: string, revision: number, text: string) {
  const calendar = await fiscalCalendar(ctx);
  return inTransaction(ctx, async (tx, scope) => {
    const plan = await requireRole(ctx, scope, tx, id, 'draft');
    requireStatus(plan, ['DRAFT'], 'change the year target of');
    if (plan.revision !== revision) throw conflict('TargetPlan', id, revision);
    const amount = (v: bigint) => formatAmount(METRICS[plan.metric].unit, v);
    const parent = await parentFigure(tx, plan, plan.scopeUnitId, calendar);
    if (parent) throw badInput(['total'], `${parent.scopeUnitName}'s published plan (version ${parent.version}) gives ${plan.scopeUnit.name} its year target, ${amount(parent.total)}; change it there`, 'PLAN_TOTAL_FROM_PARENT', {
        unit: plan.scopeUnit.name,
        parent: parent.scopeUnitName,
        version: parent.version,
        total: amount(parent.total),
      });
    const total = amountOrRefuse(text, METRICS[plan.metric].unit, ['total'], 'The year target');
    await requireYearOpen(tx, plan.year, calendar, 'Changing the year target');
    const after = await bump(tx, id, revision, { total });
    const [was, now] = [amount(plan.total), amount(total)];
    await event(tx, ctx, id, 'setTotal', plan.status, plan.status, `${was} → ${now}`);
    await recordAudit(tx, ctx.viewer, { entityType: 'TargetPlan', entityId: id, action: 'setTotal', before: { total: was }, after: { total: now } });
    return after;
  });
}

/** A change after approval: a new draft version with the same lines; the old version stays as it was. */
export async function revisePlan(ctx: Context, id: string, revision: number) {
  const calendar = await fiscalCalendar(ctx);
  return inTransaction(ctx, async (tx, scope) => {
    const plan = await requireRole(ctx, scope, tx, id, 'draft');
    requireStatus(plan, ['APPROVED', 'PUBLISHED'], 'revise');
    if (plan.revision !== revision) throw conflict('TargetPlan', id, revision);
    await requireYearOpen(tx, plan.year, calendar, 'Revising the plan');
    const newest = await tx.targetPlan.findFirst({ where: { year: plan.year, metric: plan.metric, level: plan.level, scopeUnitId: plan.scopeUnitId }, orderBy: { version: 'desc' } });
    if (newest && newest.version !== plan.version) throw clientError('CONFLICT', `Version ${newest.version} of this plan already exists; revise that one`, { reason: 'NEWER_PLAN_VERSION', params: { version: newest.version } });
    const lines = await tx.targetLine.findMany({ where: { planId: id } });
    const next = await tx.targetPlan.create({
      // The new version takes the figure the parent's published plan gives it now (the lines are to be redone to match).
      data: { year: plan.year, metric: plan.metric, level: plan.level, scopeUnitId: plan.scopeUnitId, version: plan.version + 1, periodLevel: plan.periodLevel, ownerKind: plan.ownerKind, total: (await withParentTotal(tx, plan, calendar)).total, createdById: ctx.viewer?.userId ?? null },
    });
    await tx.targetLine.createMany({ data: lines.map(({ ownerKind, ownerId, periodKey, amount }) => ({ planId: next.id, ownerKind, ownerId, periodKey, amount })) });
    await event(tx, ctx, next.id, 'revise', null, 'DRAFT', `from version ${plan.version}`);
    await recordAudit(tx, ctx.viewer, { entityType: 'TargetPlan', entityId: next.id, action: 'revise', before: { planId: id, version: plan.version }, after: { version: next.version } });
    return next;
  });
}
