/**
 * Reading payroll, filtered by role in the query: finance, the signers and
 * admins see every payslip of a run; a manager only those of people in
 * their subtree during the month; a rep only their own (myPayslip).
 */
import type { Context } from '../graphql/context.ts';
import type { Prisma } from '../db/client.ts';
import { viewerScope } from '../access.ts';
import { notFound } from '../errors.ts';
import { addDays, dayToDate } from '../../schema/dates.ts';
import { period } from '../../schema/periods.ts';

const SEES_ALL = ['ADMIN', 'FINANCE', 'FINANCE_MANAGER', 'DIRECTOR', 'GENERAL_MANAGER'] as const;
export const seesAllPayroll = (ctx: Context) => !!ctx.viewer?.roles.some((r) => (SEES_ALL as readonly string[]).includes(r));

const slipInclude = { lines: { orderBy: { position: 'asc' } }, person: { select: { name: true, employeeNo: true } } } satisfies Prisma.PayslipInclude;
export type PayslipRow = Prisma.PayslipGetPayload<{ include: typeof slipInclude }>;

async function slipsVisible(ctx: Context, month: string): Promise<Prisma.PayslipWhereInput> {
  if (seesAllPayroll(ctx)) return {};
  const scope = await viewerScope(ctx);
  const m = period(month);
  const during = { validFrom: { lt: dayToDate(addDays(m.end, 1)) }, OR: [{ validTo: null }, { validTo: { gt: dayToDate(m.start) } }] };
  return {
    OR: [
      ...scope.personIds.map((id) => ({ personId: id })),
      ...scope.unitPaths.map((p) => ({ person: { assignments: { some: { ...during, unit: { path: { startsWith: p } } } } } })),
    ],
  };
}

export async function runView(ctx: Context, id: string) {
  const run = await ctx.prisma.payrollRun.findUnique({ where: { id }, include: { scopeUnit: { select: { name: true } }, events: { orderBy: { at: 'asc' } } } });
  if (!run) throw notFound('PayrollRun', id);
  const payslips = await ctx.prisma.payslip.findMany({ where: { AND: [{ runId: id }, await slipsVisible(ctx, run.month)] }, include: slipInclude, orderBy: { person: { employeeNo: 'asc' } } });
  return { run, payslips };
}
export type RunView = Awaited<ReturnType<typeof runView>>;

export async function listRuns(ctx: Context, month?: string | null) {
  return ctx.prisma.payrollRun.findMany({ where: month ? { month } : {}, include: { scopeUnit: { select: { name: true } } }, orderBy: [{ month: 'desc' }, { version: 'desc' }], take: 200 });
}

/** The viewer's payslip from the newest signed-off (locked or paid) run of the month. */
export async function myPayslip(ctx: Context, month: string): Promise<PayslipRow | null> {
  if (!ctx.viewer?.personId) return null;
  return ctx.prisma.payslip.findFirst({
    where: { personId: ctx.viewer.personId, run: { month, status: { in: ['LOCKED', 'PAID'] } } },
    include: slipInclude,
    orderBy: { run: { version: 'desc' } },
  });
}
