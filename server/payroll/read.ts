/**
 * Reading payroll, filtered by role in the query: finance, the signers and
 * admins see every payslip of a run (finance who serve named units: those of
 * people in the units they serve during the month); a manager only those of people in
 * their subtree during the month; a rep only their own (myPayslip). Runs
 * (summaries and events) are filtered the same way: a manager sees only the
 * runs that overlap their subtree.
 */
import DataLoader from 'dataloader';
import { memo, type Context } from '../context.ts';
import { Prisma } from '../db/client.ts';
import { readRows } from '../db/direct-read.ts';
import { servesNamedUnits, viewerScope } from '../access.ts';
import { notFound } from '../errors.ts';
import { addDays, dayToDate } from '../../schema/dates.ts';
import { period } from '../../schema/periods.ts';
import { pathAndAncestors } from '../../schema/org-units.ts';
import { signRefusal } from './sign-off.ts';
import type { PayrollStatus } from '../db/generated/sqlite/client/enums.ts';

const SEES_ALL = ['ADMIN', 'FINANCE_MANAGER', 'DIRECTOR', 'GENERAL_MANAGER'] as const;
/** The signers and admins see every payslip; finance too, unless they serve named units (then those units' payroll, as a manager sees their subtree's). */
export const seesAllPayroll = (ctx: Context) =>
  !!ctx.viewer && (ctx.viewer.roles.some((r) => (SEES_ALL as readonly string[]).includes(r)) || (ctx.viewer.roles.includes('FINANCE') && !servesNamedUnits(ctx.viewer)));

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

/**
 * Runs the viewer may see at all, summary and events included: every run for
 * finance, the signers and admins; for a manager, runs whose scope overlaps
 * their subtrees (a run of their area or a unit in it, or of a unit above
 * them that pays their people); nobody else sees any.
 */
async function runsVisible(ctx: Context): Promise<Prisma.PayrollRunWhereInput> {
  if (seesAllPayroll(ctx)) return {};
  const scope = await viewerScope(ctx);
  if (scope.everything) return {};
  const overlapping = (path: string): Prisma.PayrollRunWhereInput[] => {
    // The run's scope lies inside the subtree, or is one of the subtree's ancestors (whose paths are prefixes of this one).
    const ancestors = pathAndAncestors(path);
    return [{ scopeUnit: { path: { startsWith: path } } }, { scopeUnit: { path: { in: ancestors } } }];
  };
  const or = scope.unitPaths.flatMap(overlapping);
  return or.length ? { OR: or } : { id: { in: [] } };
}

/**
 * Payslips with their lines and person, in employee-number order. Three
 * reads joined here, each filtered in SQL by the same condition: Prisma's
 * include would bind every payslip's id (and every person's) as a
 * variable, past SQLite's 32,766 in a run of 40,000 (issue 12 §3).
 */
export async function readPayslips(db: Context['prisma'], where: Prisma.PayslipWhereInput, page?: { first: number; after: string | null }): Promise<PayslipRow[]> {
  if (page) {
    // A page by keyset on the employee number (unique): the page's people first, then the
    // payslips in their range of numbers — a range, never a list of bound ids.
    const after = page.after === null ? {} : { gt: page.after };
    const people = await db.person.findMany({ where: { employeeNo: after, payslips: { some: where } }, orderBy: { employeeNo: 'asc' }, take: page.first, select: { employeeNo: true } });
    if (!people.length) return [];
    return readPayslips(db, { AND: [where, { person: { employeeNo: { ...after, lte: people.at(-1)!.employeeNo } } }] });
  }
  const [slips, people, lines] = await Promise.all([
    db.payslip.findMany({ where }),
    db.person.findMany({ where: { payslips: { some: where } }, select: { id: true, name: true, employeeNo: true } }),
    db.payslipLine.findMany({ where: { payslip: where }, orderBy: [{ payslipId: 'asc' }, { position: 'asc' }] }),
  ]);
  const personOf = new Map(people.map((p) => [p.id, { name: p.name, employeeNo: p.employeeNo }]));
  const linesOf = new Map<string, typeof lines>();
  for (const l of lines) {
    const list = linesOf.get(l.payslipId);
    if (list) list.push(l);
    else linesOf.set(l.payslipId, [l]);
  }
  return slips
    .map((s) => ({ ...s, person: personOf.get(s.personId)!, lines: linesOf.get(s.id) ?? [] }))
    .sort((a, b) => (a.person.employeeNo < b.person.employeeNo ? -1 : a.person.employeeNo > b.person.employeeNo ? 1 : 0));
}

/** A run the viewer may see, with its scope and events (no payslips); not found otherwise. */
export async function runHead(ctx: Context, id: string) {
  const run = await ctx.prisma.payrollRun.findFirst({ where: { AND: [{ id }, await runsVisible(ctx)] }, include: { scopeUnit: { select: { name: true, path: true } }, events: { orderBy: { at: 'asc' } } } });
  if (!run) throw notFound('PayrollRun', id);
  return run;
}

/** The payslips of a run the viewer may see, as a condition. */
export const visiblePayslips = async (ctx: Context, run: { id: string; month: string }): Promise<Prisma.PayslipWhereInput> => ({ AND: [{ runId: run.id }, await slipsVisible(ctx, run.month)] });

/** A run and the payslips the viewer may see, narrowed by `only` when given (some of its people). */
export async function runView(ctx: Context, id: string, only?: Prisma.PayslipWhereInput) {
  const run = await runHead(ctx, id);
  const visible = await visiblePayslips(ctx, run);
  const payslips = await readPayslips(ctx.prisma, only ? { AND: [visible, only] } : visible);
  return { run, payslips };
}
export type RunView = Awaited<ReturnType<typeof runView>>;

export async function listRuns(ctx: Context, month?: string | null) {
  return ctx.prisma.payrollRun.findMany({ where: { AND: [month ? { month } : {}, await runsVisible(ctx)] }, include: { scopeUnit: { select: { name: true, path: true } } }, orderBy: [{ month: 'desc' }, { version: 'desc' }], take: 200 });
}

/**
 * Whether the viewer may sign the run now, by the rule approvePayrollRun
 * applies: the step due is the viewer's, and they have not signed this
 * submission already (one person holding two signer roles signs once). The
 * run's events are read only when the step due is the viewer's.
 */
export async function viewerMaySign(ctx: Context, run: { id: string; status: PayrollStatus }): Promise<boolean> {
  if (signRefusal(run.status, ctx.viewer, []) !== null) return false;
  return signRefusal(run.status, ctx.viewer, await signingEventsOf(ctx, run.id)) === null;
}

type SigningEvent = { action: string; actorId: string | null; at: Date };

/**
 * A run's submissions and signatures. The runs of one list ask together
 * (DataLoader, one per request): one query a list rather than one a run.
 */
function signingEventsOf(ctx: Context, runId: string): Promise<SigningEvent[]> {
  const loader = memo(
    ctx,
    'payroll:signing-events',
    () =>
      new DataLoader<string, SigningEvent[]>(async (ids) => {
        const rows = await ctx.prisma.payrollEvent.findMany({ where: { runId: { in: [...ids] }, action: { in: ['submit', 'approve'] } }, select: { runId: true, action: true, actorId: true, at: true } });
        return ids.map((id) => rows.filter((r) => r.runId === id).map(({ runId: _, ...e }) => e));
      }),
  );
  return loader.load(runId);
}

/** The months for which the viewer has a signed-off payslip, newest first (the pane opens on the first). */
export async function myPayslipMonths(ctx: Context): Promise<string[]> {
  const personId = ctx.viewer?.personId;
  if (!personId) return [];
  // What every rep's pane asks on opening: a direct read (server/db/direct-read.ts), one statement.
  const months = await readRows<{ month: string }>(ctx.prisma, Prisma.sql`
    SELECT DISTINCT r."month" AS "month" FROM "PayrollRun" r
    WHERE r."status" IN ('LOCKED', 'PAID') AND EXISTS (SELECT 1 FROM "Payslip" s WHERE s."runId" = r."id" AND s."personId" = ${personId})
    ORDER BY r."month" DESC`);
  return months.map((m) => m.month);
}

/** The viewer's payslip from the newest signed-off (locked or paid) run of the month. */
export async function myPayslip(ctx: Context, month: string) {
  if (!ctx.viewer?.personId) return null;
  return ctx.prisma.payslip.findFirst({
    where: { personId: ctx.viewer.personId, run: { month, status: { in: ['LOCKED', 'PAID'] } } },
    include: { ...slipInclude, run: { select: { id: true, month: true, scopeUnit: { select: { path: true } } } } },
    orderBy: { run: { version: 'desc' } },
  });
}
