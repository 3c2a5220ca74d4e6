/**
 * The expense ratio (开支比) and payroll ratio (工资比) of a unit and of each
 * of its child units over whole months (brief §5; schema/ratios.ts):
 *
 * - sales: the actuals' sales amount, as the Performance sheet counts them;
 * - expenses: the units' expenses of those months (server/results/expenses.ts);
 * - pay: the net pay of the months' payroll runs. Of a month's runs, each
 *   scope's newest version counts once it has been calculated (a draft pays
 *   nothing yet); a person in two runs of a month counts once, from the run
 *   calculated last. One payslip pays a whole month, so a person's pay
 *   counts in the unit they were in on their last day of the month there.
 *
 * Read by those who may read the unit: a manager their subtree, finance,
 * directors, the general manager and admins everything.
 */
import type { Context } from '../context.ts';
import { badInput } from '../errors.ts';
import { readActuals } from './actuals.ts';
import type { IsoDay } from '../../schema/dates.ts';
import type { Bucket, Grain } from '../../schema/results.ts';
import { isWholeMonths, monthsTouched } from '../../schema/ratios.ts';
import { month as monthOf } from '../payroll/month.ts';

export interface UnitRatioRow {
  id: string;
  code: string;
  name: string;
  salesFen: bigint;
  expensesFen: bigint;
  payFen: bigint;
  /** Whether any month read has pay counted in the row (the whole: in any row): without it the payroll ratio is no figure, not 0 %. */
  payCounted: boolean;
  /** Sales of the months with pay counted in the row: the payroll ratio's denominator, so a quarter with one month paid is not one month's pay over three months' sales (the whole: the sum of its rows'). */
  paidSalesFen: bigint;
}

export interface UnitRatios {
  range: Bucket;
  months: string[];
  /** The months of those with pay counted in the unit (a month with no calculated payroll run yet pays nothing). */
  paidMonths: string[];
  /** The unit as a whole (its subtree). */
  total: UnitRatioRow;
  /** Its child units; the unit itself last when people are assigned to it directly. */
  rows: UnitRatioRow[];
}

export interface RatiosQuery {
  unitId: string;
  periodKey: string;
  grain: Grain;
  asOf?: IsoDay | null;
}

/** The last day of the month a day is in. */
const monthEnd = (day: IsoDay) => monthOf(day.slice(0, 7)).end;

export async function readUnitRatios(ctx: Context, q: RatiosQuery): Promise<UnitRatios> {
  // Year to date runs to the end of the month of the day asked: expenses and pay are a month's.
  const asOf = q.grain === 'YEAR_TO_DATE' ? monthEnd(q.asOf ?? ctx.clock.today()) : q.asOf;
  const whole = { periodKey: q.periodKey, grain: q.grain, metric: 'SALES_AMOUNT' as const, unitId: q.unitId, asOf };
  // Checks the period, the grain and that the viewer may read the unit (else not found), as the Performance sheet does.
  // By child unit: the unit's own sales (people assigned to it directly) come as its own row, so the rows add up to the whole.
  const children = await readActuals(ctx, { periodKey: q.periodKey, grain: q.grain, metric: 'SALES_AMOUNT', unitId: q.unitId, asOf, by: 'CHILD_UNIT' });
  const range = children.range;
  if (range.end >= range.start && !isWholeMonths(range.start, range.end)) {
    throw badInput(['grain'], `Expenses and pay are monthly: choose a month, a quarter or a year, not ${q.periodKey} by ${q.grain}`, 'RATIOS_NEED_MONTHS', { period: q.periodKey });
  }
  const months = range.end >= range.start ? monthsTouched(range.start, range.end) : [];
  const unit = await ctx.prisma.orgUnit.findUniqueOrThrow({ where: { id: q.unitId }, select: { id: true, code: true, name: true, path: true } });
  const units = await ctx.prisma.orgUnit.findMany({ where: { path: { startsWith: unit.path } }, select: { id: true, path: true } });
  // Which row a unit of the subtree counts in: the child unit above it (the first id of its path below the unit's), or the unit itself.
  const childIds = new Set(children.owners.map((o) => o.id).filter((id) => id !== unit.id));
  const rowOfUnit = new Map(units.map((u) => {
    const below = u.path.slice(unit.path.length).split('/')[0]!;
    return [u.id, childIds.has(below) ? below : unit.id];
  }));
  type Sums = Omit<UnitRatioRow, 'payCounted' | 'paidSalesFen'>;
  const row = (o: { id: string; code: string; name: string }): Sums => ({ id: o.id, code: o.code, name: o.name, salesFen: sumOf(children.values.get(o.id)), expensesFen: 0n, payFen: 0n });
  const rows = new Map(children.owners.map((o) => [o.id, row(o)]));
  /** The months with pay counted in each row: runs are kept per unit, so one child unit may be paid for a month and another not yet. */
  const paidIn = new Map<string, Set<string>>();
  const add = (unitId: string, field: 'expensesFen' | 'payFen', fen: bigint, paid?: Set<string>) => {
    const rowId = rowOfUnit.get(unitId);
    if (rowId === undefined) return;
    if (!rows.has(rowId)) rows.set(rowId, row(unit));
    rows.get(rowId)![field] += fen;
    if (paid) paidIn.set(rowId, new Set([...(paidIn.get(rowId) ?? []), ...paid]));
  };
  if (months.length) {
    const expenses = await ctx.prisma.unitExpense.groupBy({ by: ['unitId'], where: { month: { in: months }, unit: { path: { startsWith: unit.path } } }, _sum: { amountFen: true } });
    for (const e of expenses) add(e.unitId, 'expensesFen', e._sum.amountFen ?? 0n);
    for (const p of await payByUnit(ctx, months, unit.path, [...rowOfUnit.keys()])) add(p.unitId, 'payFen', p.fen, p.months);
  }
  // The months with pay counted in the unit: in any of its rows.
  const paidMonths = new Set([...paidIn.values()].flatMap((m) => [...m]));
  // Each row's pay over its own paid months' sales; the months' sales by month are read only when some row lacks a month.
  const wholly = (id: string) => months.every((m) => paidIn.get(id)?.has(m));
  const byMonth = [...rows.keys()].every(wholly) ? null : await salesByMonth(ctx, q, range, asOf);
  const paidSalesOf = (r: Sums) => {
    if (wholly(r.id)) return r.salesFen;
    const paid = paidIn.get(r.id);
    return paid ? [...(byMonth?.get(r.id) ?? [])].reduce((a, [month, fen]) => (paid.has(month) ? a + fen : a), 0n) : 0n;
  };
  const list = [...rows.values()].map((r) => ({ ...r, payCounted: paidIn.has(r.id), paidSalesFen: paidSalesOf(r) }));
  const sum = (f: 'salesFen' | 'expensesFen' | 'payFen' | 'paidSalesFen') => list.reduce((a, r) => a + r[f], 0n);
  return {
    range,
    months,
    paidMonths: months.filter((m) => paidMonths.has(m)),
    // The whole: every row's pay over that row's paid months' sales.
    total: { id: unit.id, code: unit.code, name: unit.name, salesFen: sum('salesFen'), expensesFen: sum('expensesFen'), payFen: sum('payFen'), payCounted: paidMonths.size > 0, paidSalesFen: sum('paidSalesFen') },
    rows: [...list.filter((r) => r.id !== unit.id), ...list.filter((r) => r.id === unit.id)],
  };
}

const sumOf = (m: Map<string, bigint> | undefined) => [...(m?.values() ?? [])].reduce((a, v) => a + v, 0n);

/**
 * Each row's sales by month over the period read, as the Performance sheet
 * counts them: what a row's paid months sold, when it lacks some months' pay.
 */
async function salesByMonth(ctx: Context, q: RatiosQuery, range: Bucket, asOf: IsoDay | null | undefined): Promise<Map<string, Map<string, bigint>>> {
  // Year to date ("2026-YTD") is read as its fiscal year by month; its months after the range are never among those paid.
  const periodKey = q.grain === 'YEAR_TO_DATE' ? range.key.replace(/-YTD$/, '') : q.periodKey;
  return (await readActuals(ctx, { periodKey, grain: 'MONTH', metric: 'SALES_AMOUNT', unitId: q.unitId, asOf, by: 'CHILD_UNIT' })).values;
}

/**
 * Net pay by the unit each paid person was in on their last assigned day of
 * each month, for the units given; from each month's counted runs (see above).
 */
async function payByUnit(ctx: Context, months: string[], subtree: string, unitIds: string[]): Promise<{ unitId: string; fen: bigint; months: Set<string> }[]> {
  const runs = await ctx.prisma.payrollRun.findMany({ where: { month: { in: months }, status: { not: 'DRAFT' } }, select: { id: true, month: true, scopeUnitId: true, version: true, calculatedAt: true } });
  const newest = new Map<string, (typeof runs)[number]>();
  for (const r of runs) {
    const key = `${r.month}|${r.scopeUnitId}`;
    if ((newest.get(key)?.version ?? -1) < r.version) newest.set(key, r);
  }
  const counted = [...newest.values()];
  if (!counted.length) return [];
  const first = monthOf(months[0]!);
  const last = monthOf(months.at(-1)!);
  const during = { validFrom: { lt: last.endExclusive }, OR: [{ validTo: null }, { validTo: { gt: first.startDate } }] };
  // Only people who were in the subtree in the months can count in it: filtered in the query, not after reading the organisation's payslips.
  const inSubtree = { assignments: { some: { ...during, unit: { path: { startsWith: subtree } } } } };
  const slips = await ctx.prisma.payslip.findMany({ where: { runId: { in: counted.map((r) => r.id) }, person: inSubtree }, select: { runId: true, personId: true, netFen: true } });
  const runOf = new Map(counted.map((r) => [r.id, r]));
  // A person once a month: from the run calculated last (two calculated at the same instant: the one whose id sorts last, so every read agrees).
  const later = (a: { at: number; runId: string }, b: { at: number; runId: string }) => a.at > b.at || (a.at === b.at && a.runId > b.runId);
  const chosen = new Map<string, { month: string; personId: string; fen: bigint; at: number; runId: string }>();
  for (const s of slips) {
    const run = runOf.get(s.runId)!;
    const key = `${run.month}|${s.personId}`;
    const candidate = { month: run.month, personId: s.personId, fen: s.netFen, at: run.calculatedAt?.getTime() ?? 0, runId: run.id };
    const held = chosen.get(key);
    if (!held || later(candidate, held)) chosen.set(key, candidate);
  }
  // Every stay of the paid people that touches the months, by relation (never a list of ids: 10,000 people would pass the databases' limits).
  const stays = await ctx.prisma.assignment.findMany({
    where: { ...during, person: { ...inSubtree, payslips: { some: { runId: { in: counted.map((r) => r.id) } } } } },
    select: { personId: true, unitId: true, validFrom: true, validTo: true },
    orderBy: { validFrom: 'asc' },
  });
  const staysOf = new Map<string, typeof stays>();
  for (const a of stays) {
    const list = staysOf.get(a.personId);
    if (list) list.push(a);
    else staysOf.set(a.personId, [a]);
  }
  const wanted = new Set(unitIds);
  const out = new Map<string, { fen: bigint; months: Set<string> }>();
  const monthsOf = new Map(months.map((k) => [k, monthOf(k)]));
  for (const c of chosen.values()) {
    const m = monthsOf.get(c.month)!;
    // The stay of the month that began last: where they were on their last day in it.
    const stay = (staysOf.get(c.personId) ?? []).filter((a) => a.validFrom < m.endExclusive && (!a.validTo || a.validTo > m.startDate)).at(-1);
    if (!stay || !wanted.has(stay.unitId)) continue;
    const held = out.get(stay.unitId) ?? { fen: 0n, months: new Set<string>() };
    held.fen += c.fen;
    held.months.add(c.month);
    out.set(stay.unitId, held);
  }
  return [...out].map(([unitId, x]) => ({ unitId, fen: x.fen, months: x.months }));
}
