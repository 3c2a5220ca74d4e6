/**
 * Reading a month's pay adjustments (rewards and penalties), filtered by role
 * in the query as payslips are: finance, the signers and admins see every
 * one; a manager those of people in their subtree during the month, and
 * their own.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { viewerScope } from '../access.ts';
import { seesAllPayroll } from './read.ts';
import { month as monthOf } from './month.ts';
import { badInput } from '../errors.ts';
import { requireUnlocked } from '../targets/calendar.ts';
import { requirePayOpen } from './signed-pay.ts';
import type { FiscalCalendar } from '../../schema/periods.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

/**
 * What every pay adjustment (entered by finance, or approved from a ranking)
 * must pass before it is written: its month is not locked, and no payroll of
 * that month with the person in it is signed (submitted or beyond), counting
 * only each run's newest version (a reopen replaces a paid one). Run it
 * inside the writing transaction, with the fiscal calendar read before it.
 */
export async function requireAdjustable(db: Db, calendar: FiscalCalendar, personId: string, month: string, what: string): Promise<void> {
  await requireUnlocked(db, [monthOf(month)], calendar, what);
  await requirePayOpen(db, personId, [month], what);
}

const include = { person: { select: { name: true, employeeNo: true } } } satisfies Prisma.PayAdjustmentInclude;
export type AdjustmentRow = Prisma.PayAdjustmentGetPayload<{ include: typeof include }>;

async function adjustmentsVisible(ctx: Context, month: string): Promise<Prisma.PayAdjustmentWhereInput> {
  if (seesAllPayroll(ctx)) return {};
  const scope = await viewerScope(ctx);
  const m = monthOf(month);
  const during = { validFrom: { lt: m.endExclusive }, OR: [{ validTo: null }, { validTo: { gt: m.startDate } }] };
  const or: Prisma.PayAdjustmentWhereInput[] = [
    ...scope.personIds.map((id) => ({ personId: id })),
    ...scope.unitPaths.map((p) => ({ person: { assignments: { some: { ...during, unit: { path: { startsWith: p } } } } } })),
  ];
  return or.length ? { OR: or } : { id: { in: [] } };
}

export async function listAdjustments(ctx: Context, month: string): Promise<AdjustmentRow[]> {
  const visible = await adjustmentsVisible(ctx, month);
  return ctx.prisma.payAdjustment.findMany({ where: { AND: [{ month }, visible] }, include, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}
