/**
 * The organisation's fiscal calendar and locked periods.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { memo } from '../context.ts';
import { daySpan, period, type FiscalCalendar, type Period } from '../../schema/periods.ts';
import { addDays } from '../../schema/dates.ts';
import { recordAudit } from '../audit.ts';
import { badInput, clientError, reasonExtensions } from '../errors.ts';
import { event } from './plan-events.ts';
import { isPostgresTransaction, shareForTransaction, tryLockForTransaction } from '../db/advisory-lock.ts';
import { GraphQLError } from 'graphql';

type Db = Context['prisma'] | Prisma.TransactionClient;

export const FISCAL_FIRST_MONTH = 'fiscal.firstMonth';

export function fiscalCalendar(ctx: Context): Promise<FiscalCalendar> {
  return memo(ctx, 'calendar', async () => {
    const s = await ctx.prisma.setting.findUnique({ where: { key: FISCAL_FIRST_MONTH } });
    const firstMonth = s ? Number(s.value) : 1;
    return { firstMonth: Number.isInteger(firstMonth) && firstMonth >= 1 && firstMonth <= 12 ? firstMonth : 1 };
  });
}

const overlap = (a: Period, b: Period) => a.start <= b.end && b.start <= a.end;

/**
 * Held shared by every transaction that checks the locks before it writes,
 * and exclusively by the one that locks a period, until each commits: on
 * PostgreSQL (read committed) a lock taken between a writer's check and its
 * commit would otherwise let the write into the locked period.
 */
const PERIOD_LOCKS = 'period-locks';

/**
 * The period locks, read by a writer that checks them before it writes: in
 * a PostgreSQL transaction, with PERIOD_LOCKS held shared until it commits
 * (every check inside a write transaction reads the locks through here).
 */
export async function periodLocksForWrite(db: Pick<Db, 'periodLock'>): Promise<{ periodKey: string }[]> {
  if (isPostgresTransaction(db)) await shareForTransaction(db as unknown as Parameters<typeof shareForTransaction>[0], PERIOD_LOCKS);
  return db.periodLock.findMany({ select: { periodKey: true } });
}

/** Locked periods that overlap any of the given periods. */
export async function lockedAmong(db: Db, periods: Period[], calendar: FiscalCalendar): Promise<{ locked: string; hits: string[] }[]> {
  const locks = await periodLocksForWrite(db);
  const out: { locked: string; hits: string[] }[] = [];
  for (const lock of locks) {
    const l = period(lock.periodKey, calendar);
    const hits = periods.filter((p) => overlap(p, l)).map((p) => p.key);
    if (hits.length) out.push({ locked: lock.periodKey, hits });
  }
  return out;
}

/**
 * Whether a period touches a locked one, the locks read once a request
 * however many rows ask: what a list's `locked` flag says of an item whose
 * decision the same check (requireUnlocked on the same period) refuses
 * with PERIOD_LOCKED until an admin reopens it.
 */
export async function inLockedPeriod(ctx: Context, p: Period): Promise<boolean> {
  const locks = await memo(ctx, 'lockedPeriods', async () => {
    const calendar = await fiscalCalendar(ctx);
    return (await ctx.prisma.periodLock.findMany()).map((l) => period(l.periodKey, calendar));
  });
  return locks.some((l) => overlap(p, l));
}

/** The description of the `locked` flag of the items a manager decides. */
export const LOCKED_FLAG = 'In a locked period: it cannot be decided (PERIOD_LOCKED) until an admin reopens the period.';

/** The refusal of a change that would touch a locked period (BAD_USER_INPUT, PERIOD_LOCKED). */
export function lockedRefusal(first: { locked: string; hits: string[] }, what: string, field = 'periodKey') {
  return clientError('BAD_USER_INPUT', `${what}: period ${first.locked} is locked (${first.hits.slice(0, 3).join(', ')}${first.hits.length > 3 ? ', …' : ''}); an admin must reopen it first`, {
    field,
    reason: 'PERIOD_LOCKED',
    params: { period: first.locked },
    lockedPeriod: first.locked,
  });
}

/** Throws CONFLICT-free BAD_USER_INPUT when a change would touch a locked period. */
export async function requireUnlocked(db: Db, periods: Period[], calendar: FiscalCalendar, what: string): Promise<void> {
  const locked = await lockedAmong(db, periods, calendar);
  if (locked.length) throw lockedRefusal(locked[0]!, what);
}

/**
 * A plan's changed figures against the locks: a figure of the finest level
 * (what is typed or split) may not change in a period that touches a lock;
 * a figure above it (a quarter's or the year's sum) only when it lies
 * wholly inside one, so a quarter holding a locked January still takes a
 * change to March.
 */
export async function requireFiguresUnlocked(db: Db, changed: (Period & { level: string })[], finest: string, calendar: FiscalCalendar, what: string): Promise<void> {
  const [first] = await lockedFigures(db, changed, finest, calendar);
  if (first) throw lockedRefusal(first, what);
}

/** The locks that hold changed figures by that rule, each with the periods it holds (in the order of the locks); none when all may change. */
export async function lockedFigures(db: Db, changed: (Period & { level: string })[], finest: string, calendar: FiscalCalendar): Promise<{ locked: string; hits: string[] }[]> {
  const out: { locked: string; hits: string[] }[] = [];
  for (const lock of await lockedAmong(db, changed, calendar)) {
    const l = period(lock.locked, calendar);
    const hits = changed.filter((p) => lock.hits.includes(p.key) && (p.level === finest || (l.start <= p.start && p.end <= l.end)));
    if (hits.length) out.push({ locked: lock.locked, hits: hits.map((p) => p.key) });
  }
  return out;
}

/**
 * A roster change takes effect from a day (a hire, a transfer, the day after
 * a leave date, a pay term's first day) and holds from then on (to `until`,
 * the person's leave date, when known): refused when a locked period lies
 * in that span, which would then count someone else (brief §2) — a later
 * month still closed included, when an earlier one was reopened.
 */
export async function requireDayOpen(db: Db, calendar: FiscalCalendar, day: string, field: string, what: string, until: string | null = null): Promise<void> {
  const [first] = await lockedAmong(db, [daySpan(day, until ?? '9999-12-31')], calendar);
  if (first) throw lockedRefusal(first, what, field);
}

/**
 * The first day from `day` on (from any day, given null) whose span to the
 * end of time touches no locked period: `day` itself, or the day after the
 * last locked period that reaches it. A roster change entered without a
 * day of its own takes effect there, never inside a closed month (brief §2).
 */
export async function firstOpenDayFrom(db: Db, calendar: FiscalCalendar, day: string | null): Promise<string | null> {
  const locked = await lockedAmong(db, [daySpan(day ?? '0001-01-01', '9999-12-31')], calendar);
  const lastEnd = locked.map((l) => period(l.locked, calendar).end).sort().at(-1);
  return lastEnd && (!day || lastEnd >= day) ? addDays(lastEnd, 1) : day;
}

/** How long locking a period waits for the writes under way that checked the locks (within the transaction's 5 s). */
const LOCK_WAIT_MS = 3000;

/**
 * PERIOD_LOCKS held exclusively, once the writers holding it shared have
 * committed. Asked for again and again rather than waited for in line: a
 * waiting exclusive request would hold up every writer that checks the
 * locks after it (shared requests queue behind it), for as long as the
 * longest write under way — a payroll calculation runs for a minute or
 * two. Still held after LOCK_WAIT_MS: refused as busy (DATABASE_BUSY,
 * nothing locked; try again).
 */
async function lockWhenWritersDone(tx: Prisma.TransactionClient): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    if (await tryLockForTransaction(tx, PERIOD_LOCKS)) return;
    if (Date.now() + pause > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  throw new GraphQLError('Writes dated in the periods (a payroll calculation, an import) are under way; nothing was locked. Try again in a moment', {
    extensions: reasonExtensions('SERVICE_UNAVAILABLE', { reason: 'DATABASE_BUSY' }),
  });
}

export async function lockPeriod(ctx: Context, periodKey: string, reason: string) {
  const calendar = await fiscalCalendar(ctx);
  try {
    period(periodKey, calendar);
  } catch (e) {
    throw badInput(['periodKey'], `"${periodKey}" is not a period (expected 2026, 2026-Q1, 2026-03, 2026-W11, 2026-03-W2, 2026-03-D2 or 2026-03-12)`, 'NOT_A_PERIOD', { value: periodKey });
  }
  return ctx.prisma.$transaction(async (tx) => {
    // Waits for the writers that checked the locks to commit; those that check after wait for this one.
    if (isPostgresTransaction(tx)) await lockWhenWritersDone(tx);
    if (await tx.periodLock.findUnique({ where: { periodKey } })) throw badInput(['periodKey'], `${periodKey} is already locked`, 'ALREADY_LOCKED', { period: periodKey });
    const lock = await tx.periodLock.create({ data: { periodKey, reason, lockedById: ctx.viewer?.userId ?? null, lockedAt: ctx.clock.now() } });
    await recordAudit(tx, ctx.viewer, { entityType: 'PeriodLock', entityId: periodKey, action: 'lock', after: { reason } });
    await plansFollowYearLock(tx, ctx, periodKey, 'PUBLISHED', 'LOCKED', 'lock', reason);
    return lock;
  });
}

export async function reopenPeriod(ctx: Context, periodKey: string, reason: string) {
  return ctx.prisma.$transaction(async (tx) => {
    const lock = await tx.periodLock.findUnique({ where: { periodKey } });
    if (!lock) throw badInput(['periodKey'], `${periodKey} is not locked`, 'NOT_LOCKED', { period: periodKey });
    await tx.periodLock.delete({ where: { periodKey } });
    await recordAudit(tx, ctx.viewer, { entityType: 'PeriodLock', entityId: periodKey, action: 'reopen', before: { reason: lock.reason }, after: { reason } });
    await plansFollowYearLock(tx, ctx, periodKey, 'LOCKED', 'PUBLISHED', 'reopen', reason);
    return true;
  });
}

/**
 * A (fiscal) year locked whole locks its published target plans with it, and
 * reopening it publishes them again (brief §3: published → locked with the
 * period); each with an event and an audit entry. Locking a month or a
 * quarter leaves plans as they are: the lock already refuses changes to it.
 */
async function plansFollowYearLock(tx: Prisma.TransactionClient, ctx: Context, periodKey: string, from: 'PUBLISHED' | 'LOCKED', to: 'PUBLISHED' | 'LOCKED', action: 'lock' | 'reopen', reason: string) {
  if (!/^\d{4}$/.test(periodKey)) return;
  const plans = await tx.targetPlan.findMany({ where: { year: Number(periodKey), status: from }, select: { id: true } });
  for (const plan of plans) {
    await tx.targetPlan.update({ where: { id: plan.id }, data: { status: to, revision: { increment: 1 } } });
    await event(tx, ctx, plan.id, action, from, to, reason);
    await recordAudit(tx, ctx.viewer, { entityType: 'TargetPlan', entityId: plan.id, action, before: { status: from }, after: { status: to, period: periodKey } });
  }
}

export async function setFiscalYearStart(ctx: Context, month: number): Promise<number> {
  return ctx.prisma.$transaction(async (tx) => {
    const plans = await tx.targetPlan.count();
    if (plans > 0) throw badInput(['month'], `${plans} target plan(s) already use the current fiscal year; the start month cannot change under them`, 'FISCAL_YEAR_IN_USE', { count: plans });
    const before = await tx.setting.findUnique({ where: { key: FISCAL_FIRST_MONTH } });
    await tx.setting.upsert({ where: { key: FISCAL_FIRST_MONTH }, create: { key: FISCAL_FIRST_MONTH, value: String(month) }, update: { value: String(month) } });
    await recordAudit(tx, ctx.viewer, { entityType: 'Setting', entityId: FISCAL_FIRST_MONTH, action: 'update', before: before?.value ?? '1', after: String(month) });
    ctx.memo.delete('calendar');
    return month;
  });
}
