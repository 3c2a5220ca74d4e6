/**
 * Payroll read as the monthly pay report (薪酬月报表): per payslip the
 * person's unit in the run (its own name and full path), plan name, rank,
 * attendance days and sales, from what the payslip froze; the run's exact
 * totals; and what changed against the previous version of the run or the
 * previous month's run of the same unit. Visibility is runView's: the
 * compared run and its payslips are filtered for the viewer like any other.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { Rank } from '../db/generated/sqlite/client/enums.ts';
import { peoplePaid, thawInputs } from './inputs.ts';
import { month } from './month.ts';
import { readPayslips, runHead, runView, visiblePayslips, type PayslipRow, type RunView } from './read.ts';
import { unitIndex, unitPathNames } from '../roster/roster-query.ts';
import { payslipChanges, runTotals, type PayslipChange, type ReportSlip, type RunTotals } from '../../schema/payroll-report.ts';
import { period } from '../../schema/periods.ts';
import { addDays } from '../../schema/dates.ts';
import { pathAndAncestors } from '../../schema/org-units.ts';
import { parsePlan } from '../../schema/compensation.ts';

export interface SlipFacts {
  unitName: string | null;
  unitPath: string;
  planName: string;
  rank: Rank | null;
  /** Working days the person was employed in the month, less absent (and unrequested leave), personal-leave days and field-visit days the plan pays as absences for want of a slip. */
  attendanceDays: number;
  /** Working days the person was employed in the month. */
  workingDays: number;
  salesFen: bigint;
}
export type ReportPayslip = PayslipRow & { facts: SlipFacts };

/** Whether a plan's attendance rule takes a field-visit day without an approved slip as an absence (the default); no rule, no absence. */
function unslippedVisitsAreAbsences(document: string): boolean {
  try {
    const attendance = parsePlan(JSON.parse(document)).components.find((c) => c.kind === 'attendance');
    return !!attendance && attendance.kind === 'attendance' && (attendance.fieldVisitWithoutSlip ?? 'absent') === 'absent';
  } catch {
    return true;
  }
}

/**
 * Adds the report's facts to payslips of one run: the unit is the person's
 * last assignment in the month inside the run's scope; plan names by code
 * and version. Two queries whatever the number of payslips.
 */
export async function withFacts(ctx: Context, run: { id: string; month: string; scopePath: string }, slips: PayslipRow[]): Promise<ReportPayslip[]> {
  if (!slips.length) return [];
  const m = month(run.month);
  const [assignments, plans, units] = await Promise.all([
    ctx.prisma.assignment.findMany({
      where: {
        // A few payslips (a rep's own) by id; a whole run by relation, never a list of 10,000 bound ids.
        ...(slips.length <= 500 ? { personId: { in: slips.map((s) => s.personId) } } : { person: { payslips: { some: { runId: run.id } } } }),
        validFrom: { lt: m.endExclusive },
        OR: [{ validTo: null }, { validTo: { gt: m.startDate } }],
        unit: { path: { startsWith: run.scopePath } },
      },
      select: { personId: true, unitId: true },
      orderBy: { validFrom: 'asc' },
    }),
    ctx.prisma.compensationPlan.findMany({
      where: { OR: [...new Set(slips.map((s) => `${s.planCode}\u0000${s.planVersion}`))].map((k) => ({ code: k.split('\u0000')[0]!, version: Number(k.split('\u0000')[1]) })) },
      select: { code: true, version: true, name: true, document: true },
    }),
    unitIndex(ctx),
  ]);
  const unitOf = new Map(assignments.map((a) => [a.personId, a.unitId]));
  const planName = new Map(plans.map((p) => [`${p.code}@${p.version}`, p.name]));
  const countsUnslippedAbsent = new Map(plans.map((p) => [`${p.code}@${p.version}`, unslippedVisitsAreAbsences(p.document)]));
  return slips.map((s) => {
    const inputs = thawInputs(s.inputs);
    const unitId = unitOf.get(s.personId) ?? null;
    // A field-visit day no approved slip covers is not attended when the plan pays it as an absence (its default), as the deduction does.
    const unslipped = countsUnslippedAbsent.get(`${s.planCode}@${s.planVersion}`) ? (inputs.attendance.unslippedFieldVisitDays?.length ?? 0) : 0;
    const attendanceDays = Math.max(0, inputs.workingDaysEmployed - inputs.attendance.absentDays - unslipped - inputs.attendance.personalLeaveDays);
    return {
      ...s,
      facts: {
        unitName: unitId ? (units.get(unitId)?.name ?? null) : null,
        unitPath: unitPathNames(units, unitId),
        planName: planName.get(`${s.planCode}@${s.planVersion}`) ?? s.planCode,
        rank: (inputs.person.rank ?? null) as Rank | null,
        attendanceDays,
        workingDays: inputs.workingDaysEmployed,
        salesFen: inputs.measures.sales ?? 0n,
      },
    };
  });
}

export const reportSlip = (s: PayslipRow): ReportSlip => ({
  personId: s.personId,
  employeeNo: s.person.employeeNo,
  personName: s.person.name,
  grossFen: s.grossFen,
  deductionsFen: s.deductionsFen,
  netFen: s.netFen,
  lines: s.lines.map((l) => ({ code: l.code, label: l.label, kind: l.kind, amountFen: l.amountFen })),
});

export const totalsOf = (view: Pick<RunView, 'payslips'>): RunTotals => runTotals(view.payslips.map(reportSlip));

export type ComparisonBase = 'PREVIOUS_VERSION' | 'PREVIOUS_MONTH';

export interface Comparison {
  base: RunView['run'] | null;
  baseTotals: RunTotals | null;
  changes: PayslipChange[];
}

/** The month before a month key ("2026-01" → "2025-12"). */
export const previousMonth = (key: string) => addDays(period(key).start, -1).slice(0, 7);

/**
 * The run to compare with: the version before this one of the same run, or
 * the newest calculated (not draft) version of the same unit's run for the
 * month before. When that month has no run of this unit but one of a unit
 * above it (the company's, say, before the areas ran their own), that run
 * stands in, read for the people this unit's run would have paid then (in
 * its subtree at the month's end, as peoplePaid counts them), so totals and
 * changes compare like with like. Null when there is none, or the viewer may not see it.
 */
async function baseRun(ctx: Context, run: RunView['run'], against: ComparisonBase): Promise<RunView | null> {
  if (against === 'PREVIOUS_VERSION') return readableRun(ctx, { month: run.month, scopeUnitId: run.scopeUnitId, version: run.version - 1 });
  const before = previousMonth(run.month);
  const own = await readableRun(ctx, { month: before, scopeUnitId: run.scopeUnitId, status: { not: 'DRAFT' } });
  if (own) return own;
  const ancestors = pathAndAncestors(run.scopeUnit.path).filter((p) => p !== run.scopeUnit.path);
  if (!ancestors.length) return null;
  const above = await ctx.prisma.payrollRun.findMany({
    where: { month: before, status: { not: 'DRAFT' }, scopeUnit: { path: { in: ancestors } } },
    select: { id: true, version: true, scopeUnit: { select: { path: true } } },
  });
  // The nearest unit above, then its newest version.
  const nearest = above.sort((a, b) => b.scopeUnit.path.length - a.scopeUnit.path.length || b.version - a.version)[0];
  if (!nearest) return null;
  // Read for the people this unit's own run would have paid that month: placed in its subtree during the month (in the
  // query), and of those, only who ended the month there (peoplePaid's rule: a transfer out is paid by the other run).
  const m = month(before);
  const placedHere: Prisma.PayslipWhereInput = {
    person: { assignments: { some: { validFrom: { lt: m.endExclusive }, OR: [{ validTo: null }, { validTo: { gt: m.startDate } }], unit: { path: { startsWith: run.scopeUnit.path } } } } },
  };
  const base = await readableRun(ctx, { id: nearest.id }, placedHere);
  if (!base) return null;
  const paidHere = await peoplePaid(ctx.prisma, run.scopeUnit, before);
  return { ...base, payslips: base.payslips.filter((p) => paidHere.has(p.personId)) };
}

/** The newest run matching `where` as the viewer may read it (its payslips narrowed by `only`), or null. */
async function readableRun(ctx: Context, where: Prisma.PayrollRunWhereInput, only?: Prisma.PayslipWhereInput): Promise<RunView | null> {
  const found = await ctx.prisma.payrollRun.findFirst({ where, orderBy: { version: 'desc' }, select: { id: true } });
  if (!found) return null;
  try {
    return await runView(ctx, found.id, only);
  } catch {
    return null;
  }
}

/** A run as runView reads it, each payslip with its report facts. */
export async function reportView(ctx: Context, id: string): Promise<ReportView> {
  const view = await runView(ctx, id);
  return { ...view, payslips: await withFacts(ctx, { id: view.run.id, month: view.run.month, scopePath: view.run.scopeUnit.path }, view.payslips) };
}
export type ReportView = Omit<RunView, 'payslips'> & { payslips: ReportPayslip[] };

/**
 * A run for the API: its head read now (visibility checked), its payslips
 * only when a field asks for them (once per request), or a page of them by
 * keyset (issue 12 §3: a mutation answering with the run's status and
 * revision does not read 10,000 payslips).
 */
export interface LazyRunView {
  run: RunView['run'];
  payslips(): Promise<ReportPayslip[]>;
  page(first: number, after: string | null): Promise<{ nodes: ReportPayslip[]; hasNextPage: boolean; endCursor: string | null }>;
}

export async function lazyReportView(ctx: Context, id: string): Promise<LazyRunView> {
  const run = await runHead(ctx, id);
  const facts = (slips: PayslipRow[]) => withFacts(ctx, { id: run.id, month: run.month, scopePath: run.scopeUnit.path }, slips);
  let all: Promise<ReportPayslip[]> | null = null;
  return {
    run,
    payslips: () => (all ??= visiblePayslips(ctx, run).then((where) => readPayslips(ctx.prisma, where)).then(facts)),
    page: async (first, after) => {
      const rows = await readPayslips(ctx.prisma, await visiblePayslips(ctx, run), { first: first + 1, after });
      const nodes = await facts(rows.slice(0, first));
      return { nodes, hasNextPage: rows.length > first, endCursor: nodes.at(-1)?.person.employeeNo ?? after };
    },
  };
}

/** What changed, person by person and component by component, from the base run to this one (both as the viewer may see them). */
export async function compareRun(ctx: Context, view: Pick<RunView, 'run' | 'payslips'>, against: ComparisonBase): Promise<Comparison> {
  const base = await baseRun(ctx, view.run, against);
  if (!base) return { base: null, baseTotals: null, changes: [] };
  return { base: base.run, baseTotals: totalsOf(base), changes: payslipChanges(base.payslips.map(reportSlip), view.payslips.map(reportSlip)) };
}
