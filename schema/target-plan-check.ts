/**
 * The checks on a whole target plan (its scope row and the rows below), built
 * on the grid rules of target-validation.ts: the add-in runs them on what the
 * sheet holds, the server on what it is asked to store. Pure.
 */
import { METRICS, type Metric } from './metrics.ts';
import { columnsWithin, type FiscalCalendar, type PeriodSlice } from './periods.ts';
import { formatAmount, readAmount, validateTargetGrid, type GridOwner, type ValidationIssue } from './target-validation.ts';
import { rollUpAmounts } from './target-rollup.ts';

export interface PlanFacts {
  metric: Metric;
  level: 'BASE' | 'STRETCH';
  ownerKind: 'UNIT' | 'PERSON';
  /** The year's target for the scope. */
  total: bigint;
  /** With the fiscal calendar, a stretch plan is also held to base figures at levels it does not have itself (its months against base quarters). */
  year?: number;
  calendar?: FiscalCalendar;
}

export interface PlanGrid {
  /** Every column, coarse levels first; in a plan of several levels each names its parent period. */
  periods: (PeriodSlice & { parent?: string | null })[];
  scope: { id: string; name: string };
  /** Who must have a row below the scope row. */
  owners: GridOwner[];
  /** Names of owners the plan does not have but the reader knows (someone moved out): an outsider's row is named, not shown as an id. */
  outsiders?: ReadonlyMap<string, string>;
}

export interface LineInput {
  ownerId: string;
  periodKey: string;
  /** As typed or read from the sheet: a decimal string, a number, or blank. */
  amount: unknown;
}

export interface CheckedLines {
  issues: ValidationIssue[];
  /** The amounts to store, when there are no issues: scope row and owners' rows. */
  lines: { ownerId: string; ownerKind: 'UNIT' | 'PERSON'; periodKey: string; amount: bigint }[];
}

/**
 * Checks a plan's full set of lines (scope row and owners) against every rule.
 * In a plan of several levels, a row's cells at a level above may be left out:
 * they are the sums of the cells below them (as the sheet's formulas say).
 * A stretch plan is checked against `other`, the approved base plan's
 * figures by owner and period at every level they can be rolled up to (none
 * may be below them); a base plan against the approved stretch plan's (none
 * may be above them).
 */
export function checkLines(plan: PlanFacts, shape: PlanGrid, input: LineInput[], other?: Map<string, Map<string, bigint>>): CheckedLines {
  const base = plan.level === 'STRETCH' ? other : undefined;
  const stretch = plan.level === 'BASE' ? other : undefined;
  const issues: ValidationIssue[] = [];
  const col = new Map(shape.periods.map((p, i) => [p.key, i]));
  const expected = new Map(shape.owners.map((o) => [o.key, o]));
  const rowOrder: string[] = [];
  const cells = new Map<string, unknown[]>();
  const seen = new Set<string>();
  for (const line of input) {
    const c = col.get(line.periodKey);
    if (c === undefined) {
      issues.push({ rule: 'unknownPeriod', row: null, column: null, rowKey: line.ownerId, periodKey: line.periodKey, expected: `one of ${shape.periods[0]!.key} … ${shape.periods.at(-1)!.key}`, found: line.periodKey, params: { period: line.periodKey, first: shape.periods[0]!.key, last: shape.periods.at(-1)!.key } });
      continue;
    }
    const k = `${line.ownerId}\u0000${line.periodKey}`;
    if (seen.has(k)) {
      issues.push({ rule: 'duplicateCell', row: null, column: c, rowKey: line.ownerId, periodKey: line.periodKey, expected: null, found: null, params: { owner: shape.owners.find((o) => o.key === line.ownerId)?.name ?? shape.outsiders?.get(line.ownerId) ?? line.ownerId, period: line.periodKey } });
      continue;
    }
    seen.add(k);
    if (!cells.has(line.ownerId)) {
      cells.set(line.ownerId, shape.periods.map(() => ''));
      if (line.ownerId !== shape.scope.id) rowOrder.push(line.ownerId);
    }
    cells.get(line.ownerId)![c] = line.amount;
  }
  deriveLevelsAbove(plan, shape, cells, seen);
  const scopeOwner: GridOwner = { key: shape.scope.id, name: shape.scope.name };
  const scopeResult = validateTargetGrid({
    metric: plan.metric,
    level: plan.level,
    owners: [scopeOwner],
    periods: shape.periods,
    cells: [cells.get(shape.scope.id) ?? shape.periods.map(() => '')],
    ownerTotals: new Map([[shape.scope.id, plan.total]]),
    base,
    stretch,
  });
  issues.push(...scopeResult.issues);
  const scopeRow = scopeResult.values[0]!;
  const periodTotals = scopeRow.every((v) => v !== null) ? new Map(shape.periods.map((p, i) => [p.key, scopeRow[i]!])) : undefined;
  const owners = rowOrder.map((key) => expected.get(key) ?? { key, name: shape.outsiders?.get(key) ?? key });
  const ownerResult = validateTargetGrid({
    metric: plan.metric,
    level: plan.level,
    owners,
    periods: shape.periods,
    cells: owners.map((o) => cells.get(o.key)!),
    periodTotals,
    expectedOwners: shape.owners,
    base,
    stretch,
  });
  issues.push(...ownerResult.issues.map((i) => ({ ...i, row: i.row === null ? null : i.row + 1 })));
  if (other && plan.year !== undefined && plan.calendar) {
    issues.push(...otherLevelAtOtherPeriods(plan as PlanFacts & { year: number; calendar: FiscalCalendar }, shape, owners, ownerResult.values, other).map((i) => ({ ...i, row: i.row === null ? null : i.row + 1 })));
  }
  if (issues.length) return { issues, lines: [] };
  const lines: CheckedLines['lines'] = [];
  shape.periods.forEach((p, c) => lines.push({ ownerId: shape.scope.id, ownerKind: 'UNIT', periodKey: p.key, amount: scopeRow[c]! }));
  owners.forEach((o, r) => shape.periods.forEach((p, c) => lines.push({ ownerId: o.key, ownerKind: plan.ownerKind, periodKey: p.key, amount: ownerResult.values[r]![c]! })));
  return { issues, lines };
}

/** Fills the cells of levels above that the input left out with the sums of the cells below them, finest levels first. */
function deriveLevelsAbove(plan: PlanFacts, shape: PlanGrid, cells: Map<string, unknown[]>, given: Set<string>) {
  const children = columnsWithin(shape.periods);
  if (!children.size) return;
  const unit = METRICS[plan.metric].unit;
  const parents = [...children.keys()].sort((a, b) => b - a); // finer levels come later in the list
  for (const [owner, row] of cells) {
    for (const c of parents) {
      if (given.has(`${owner}\u0000${shape.periods[c]!.key}`)) continue;
      let sum = 0n;
      let ok = true;
      for (const k of children.get(c)!) {
        const read = readAmount(row[k], unit);
        if (!('value' in read)) ok = false;
        else sum += read.value;
      }
      row[c] = ok ? formatAmount(unit, sum) : '';
    }
  }
}

/** A row's figures at levels it does not have (its months summed to quarters) against the other level's plan: a stretch row not below the base, a base row not above the stretch. */
function otherLevelAtOtherPeriods(plan: PlanFacts & { year: number; calendar: FiscalCalendar }, shape: PlanGrid, owners: GridOwner[], values: (bigint | null)[][], other: Map<string, Map<string, bigint>>): ValidationIssue[] {
  const unit = METRICS[plan.metric].unit;
  const own = new Set(shape.periods.map((p) => p.key));
  const out: ValidationIssue[] = [];
  owners.forEach((o, r) => {
    const b = other.get(o.key);
    const row = values[r]!;
    if (!b || row.some((v) => v === null)) return;
    const amounts = rollUpAmounts(
      new Map(shape.periods.map((p, c) => [p.key, row[c]!])),
      plan.year,
      plan.calendar,
      shape.periods.filter((p) => !p.parent).map((p) => p.key),
    );
    for (const [key, v] of amounts) {
      const bound = b.get(key);
      if (own.has(key) || bound === undefined) continue;
      if (plan.level === 'STRETCH' && v < bound) {
        out.push({ rule: 'stretchBelowBase', row: r, column: null, rowKey: o.key, periodKey: key, expected: `≥ ${formatAmount(unit, bound)}`, found: formatAmount(unit, v), params: { owner: o.name, period: key, found: formatAmount(unit, v), base: formatAmount(unit, bound) } });
      }
      if (plan.level === 'BASE' && v > bound) {
        out.push({ rule: 'baseAboveStretch', row: r, column: null, rowKey: o.key, periodKey: key, expected: `≤ ${formatAmount(unit, bound)}`, found: formatAmount(unit, v), params: { owner: o.name, period: key, found: formatAmount(unit, v), stretch: formatAmount(unit, bound) } });
      }
    }
  });
  return out;
}

/** When a parent plan has published a figure for this scope, the plan's total must be that figure. */
export function parentTotalIssue(plan: PlanFacts, scope: { id: string; name: string }, parent: { total: bigint; planLabel: string } | null): ValidationIssue | null {
  if (!parent || parent.total === plan.total) return null;
  const unit = METRICS[plan.metric].unit;
  const fmt = (v: bigint) => formatAmount(unit, v);
  return {
    rule: 'parentTotal',
    row: 0,
    column: null,
    rowKey: scope.id,
    periodKey: null,
    expected: fmt(parent.total),
    found: fmt(plan.total),
    params: { owner: scope.name, expected: fmt(parent.total), found: fmt(plan.total), parentPlan: parent.planLabel },
  };
}
