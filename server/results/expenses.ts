/**
 * What units spent, by month and category (brief §5, the expense ratio's
 * numerator). Finance keeps them (from the Expenses sheet); managers,
 * directors and the general manager read their units'. A save replaces the
 * month's figures of the units it names, all or nothing: refused whole in a
 * locked month, for a unit the viewer may not change, or for an amount that
 * is not money, and audited cell by cell (before and after).
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { maySeeUnit, viewerScope, type Scope } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { badInput, clientError, isUniqueViolation, notFound } from '../errors.ts';
import { month as monthOf } from '../payroll/month.ts';
import { requireReach, servedReach } from '../payroll/served-units.ts';
import { fiscalCalendar, requireUnlocked } from '../targets/calendar.ts';
import { amountOrRefuse } from '../targets/issue-text.ts';
import { formatMoney } from '../../schema/money.ts';
import { EXPENSE_CATEGORIES, type ExpenseCategory } from '../../schema/ratios.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

export interface UnitExpenseView {
  unitId: string;
  unitCode: string;
  unitName: string;
  month: string;
  category: ExpenseCategory;
  amountFen: bigint;
}

export interface UnitExpenseLine {
  unitId: string;
  category: ExpenseCategory;
  /** Yuan, up to two decimals; "0" or "" removes the figure. */
  amount: string;
  /** The figure as the client read it ("0" or "" for none), when it says: changed since, the save is refused. */
  was?: string | null;
}

/** At most this many lines in one save (a unit × category grid of a large organisation). */
export const MAX_EXPENSE_LINES = 20_000;

const byUnitAndCategory = (a: UnitExpenseView, b: UnitExpenseView) =>
  a.unitCode.localeCompare(b.unitCode) || EXPENSE_CATEGORIES.indexOf(a.category) - EXPENSE_CATEGORIES.indexOf(b.category);

/**
 * Whose figures the viewer reads and keeps: finance, the finance manager
 * (who may save them, and reads their audit trail, as payroll's other
 * inputs), directors, the general manager and admins every unit; finance who
 * serve named units those units' subtrees; a manager their subtrees.
 */
async function expensesScope(ctx: Context): Promise<Scope> {
  const scope = await viewerScope(ctx);
  return ctx.viewer?.roles.includes('FINANCE_MANAGER') ? { ...scope, everything: true } : scope;
}

/**
 * The units of the viewer's Expenses sheet, as a filter for the query: those
 * whose figures they read (expensesScope), and of those, for finance who
 * serve named units, only the served ones, which they keep. Not orgTree: the
 * finance manager keeps every unit's figures but sees only their own unit
 * there, and finance would be offered their own unit outside those served.
 */
export async function expenseUnitsWhere(ctx: Context): Promise<Prisma.OrgUnitWhereInput> {
  const [scope, reach] = await Promise.all([expensesScope(ctx), servedReach(ctx)]);
  const paths = reach ? reach.paths : scope.everything ? null : scope.unitPaths;
  if (paths === null) return {};
  return paths.length ? { OR: paths.map((p) => ({ path: { startsWith: p } })) } : { id: { in: [] } };
}

/** A month's figures of the units a scope sees (a manager: their subtrees), filtered in the query. */
async function readMonth(db: Db, scope: Scope, month: string): Promise<UnitExpenseView[]> {
  const rows = await db.unitExpense.findMany({
    where: { month, ...(scope.everything ? {} : { unit: { OR: scope.unitPaths.map((p) => ({ path: { startsWith: p } })) } }) },
    select: { unitId: true, month: true, category: true, amountFen: true, unit: { select: { code: true, name: true } } },
  });
  return rows.map((r) => ({ unitId: r.unitId, unitCode: r.unit.code, unitName: r.unit.name, month: r.month, category: r.category, amountFen: r.amountFen })).sort(byUnitAndCategory);
}

/** The month's figures of the units the viewer sees. */
export async function unitExpenses(ctx: Context, month: string): Promise<UnitExpenseView[]> {
  return readMonth(ctx.prisma, await expensesScope(ctx), monthOf(month).key);
}

/** Sets the month's figures for the units and categories the lines name; the month's other figures stay. */
export async function saveUnitExpenses(ctx: Context, month: string, lines: UnitExpenseLine[]): Promise<UnitExpenseView[]> {
  const m = monthOf(month);
  if (lines.length > MAX_EXPENSE_LINES) throw badInput(['lines'], `At most ${MAX_EXPENSE_LINES} lines at once`, 'TOO_MANY', { field: 'lines', max: MAX_EXPENSE_LINES });
  const wanted = new Map<string, { unitId: string; category: ExpenseCategory; fen: bigint; was: bigint | null }>();
  lines.forEach((l, i) => {
    const key = `${l.unitId}|${l.category}`;
    if (wanted.has(key)) throw badInput(['lines', i], `Unit ${l.unitId} has ${l.category} twice`, 'EXPENSE_LINE_TWICE', { category: l.category });
    const was = l.was === null || l.was === undefined ? null : amountOrRefuse(l.was, 'money', ['lines', i, 'was'], 'The figure read');
    wanted.set(key, { unitId: l.unitId, category: l.category, fen: amountOrRefuse(l.amount, 'money', ['lines', i, 'amount'], 'The amount'), was });
  });
  const scope = await expensesScope(ctx);
  const unitIds = [...new Set(lines.map((l) => l.unitId))];
  // Every unit, not a list of ids in the query: a large organisation's sheet names thousands.
  const units = new Map((await ctx.prisma.orgUnit.findMany({ select: { id: true, path: true, name: true } })).map((u) => [u.id, u]));
  // Finance who serve named units keep those units' figures only (not those of a unit they see as its manager).
  const reach = await servedReach(ctx);
  for (const id of unitIds) {
    if (!units.has(id) || !maySeeUnit(scope, units.get(id)!.path)) throw notFound('OrgUnit', id);
    requireReach(reach, units.get(id)!);
  }
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    // Inside the write: a lock taken since the pane read the sheet refuses it too.
    await requireUnlocked(tx, [m], calendar, `Expenses of ${m.key}`);
    const before = new Map((await tx.unitExpense.findMany({ where: { month: m.key } })).map((e) => [`${e.unitId}|${e.category}`, e]));
    const changed: { unitId: string; category: string; before: string | null; after: string | null }[] = [];
    const by = ctx.viewer?.userId ?? null;
    const created: Prisma.UnitExpenseCreateManyInput[] = [];
    const removed: { id: string; amountFen: bigint }[] = [];
    // Another save of the month changed or removed a figure since it was read (PostgreSQL, read committed): this one is refused whole.
    const changedMeanwhile = () => clientError('CONFLICT', `Someone else saved the expenses of ${m.key} meanwhile; pull the month again`, { reason: 'EXPENSES_CHANGED', params: { month: m.key } });
    for (const [key, w] of wanted) {
      const old = before.get(key);
      // Read by the client as something else: someone saved this figure since; theirs is not overwritten unseen.
      if (w.was !== null && (old?.amountFen ?? 0n) !== w.was) {
        const unit = units.get(w.unitId)!;
        throw clientError('CONFLICT', `Someone else saved ${unit.name}'s ${w.category} for ${m.key} after it was read; pull the month again`, {
          reason: 'EXPENSE_CHANGED_SINCE_PULL',
          field: 'lines',
          params: { unit: unit.name, category: w.category, month: m.key, nowAmount: formatMoney(old?.amountFen ?? 0n) },
        });
      }
      if ((old?.amountFen ?? 0n) === w.fen) continue;
      changed.push({ unitId: w.unitId, category: w.category, before: old ? formatMoney(old.amountFen) : null, after: w.fen ? formatMoney(w.fen) : null });
      if (w.fen === 0n) removed.push({ id: old!.id, amountFen: old!.amountFen });
      else if (old) {
        // Only the figure as it was read: one changed or removed since is not overwritten.
        const { count } = await tx.unitExpense.updateMany({ where: { id: old.id, amountFen: old.amountFen }, data: { amountFen: w.fen, updatedById: by } });
        if (count !== 1) throw changedMeanwhile();
      } else created.push({ unitId: w.unitId, month: m.key, category: w.category, amountFen: w.fen, updatedById: by });
    }
    for (let i = 0; i < removed.length; i += 500) {
      const batch = removed.slice(i, i + 500);
      const { count } = await tx.unitExpense.deleteMany({ where: { OR: batch.map((r) => ({ id: r.id, amountFen: r.amountFen })) } });
      if (count !== batch.length) throw changedMeanwhile();
    }
    try {
      for (let i = 0; i < created.length; i += 500) await tx.unitExpense.createMany({ data: created.slice(i, i + 500) });
    } catch (e) {
      // Another save of the month wrote the same figure meanwhile: this one is refused whole.
      if (isUniqueViolation(e)) throw changedMeanwhile();
      throw e;
    }
    if (changed.length) await recordAudit(tx, ctx.viewer, { entityType: 'UnitExpenses', entityId: m.key, action: 'save', before: changed.map(({ after: _a, ...c }) => c), after: changed.map(({ before: _b, ...c }) => c) });
    return readMonth(tx, scope, m.key);
  });
}
