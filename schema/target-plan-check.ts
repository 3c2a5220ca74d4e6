/**
 * The checks on a whole target plan (its scope row and the rows below), built
 * on the grid rules of target-validation.ts: the add-in runs them on what the
 * sheet holds, the server on what it is asked to store. Pure.
 */
import type { Metric } from './metrics.ts';
import type { PeriodSlice } from './periods.ts';
import { validateTargetGrid, type GridOwner, type ValidationIssue } from './target-validation.ts';

export interface PlanFacts {
  metric: Metric;
  level: 'BASE' | 'STRETCH';
  ownerKind: 'UNIT' | 'PERSON';
  /** The year's target for the scope. */
  total: bigint;
}

export interface PlanGrid {
  periods: PeriodSlice[];
  scope: { id: string; name: string };
  /** Who must have a row below the scope row. */
  owners: GridOwner[];
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

/** Checks a plan's full set of lines (scope row and owners) against every rule. */
export function checkLines(plan: PlanFacts, shape: PlanGrid, input: LineInput[], base?: Map<string, Map<string, bigint>>): CheckedLines {
  const issues: ValidationIssue[] = [];
  const col = new Map(shape.periods.map((p, i) => [p.key, i]));
  const expected = new Map(shape.owners.map((o) => [o.key, o]));
  const rowOrder: string[] = [];
  const cells = new Map<string, unknown[]>();
  const seen = new Set<string>();
  for (const line of input) {
    const c = col.get(line.periodKey);
    if (c === undefined) {
      issues.push({ rule: 'unknownPeriod', row: null, column: null, rowKey: line.ownerId, periodKey: line.periodKey, expected: `one of ${shape.periods[0]!.key} … ${shape.periods.at(-1)!.key}`, found: line.periodKey, message: `${line.periodKey} is not a column of this plan` });
      continue;
    }
    const k = `${line.ownerId}\u0000${line.periodKey}`;
    if (seen.has(k)) {
      issues.push({ rule: 'duplicateCell', row: null, column: c, rowKey: line.ownerId, periodKey: line.periodKey, expected: null, found: null, message: `${line.ownerId} has two amounts for ${line.periodKey}` });
      continue;
    }
    seen.add(k);
    if (!cells.has(line.ownerId)) {
      cells.set(line.ownerId, shape.periods.map(() => ''));
      if (line.ownerId !== shape.scope.id) rowOrder.push(line.ownerId);
    }
    cells.get(line.ownerId)![c] = line.amount;
  }
  const scopeOwner: GridOwner = { key: shape.scope.id, name: shape.scope.name };
  const scopeResult = validateTargetGrid({
    metric: plan.metric,
    level: plan.level,
    owners: [scopeOwner],
    periods: shape.periods,
    cells: [cells.get(shape.scope.id) ?? shape.periods.map(() => '')],
    ownerTotals: new Map([[shape.scope.id, plan.total]]),
  });
  issues.push(...scopeResult.issues);
  const scopeRow = scopeResult.values[0]!;
  const periodTotals = scopeRow.every((v) => v !== null) ? new Map(shape.periods.map((p, i) => [p.key, scopeRow[i]!])) : undefined;
  const owners = rowOrder.map((key) => expected.get(key) ?? { key, name: key });
  const ownerResult = validateTargetGrid({
    metric: plan.metric,
    level: plan.level,
    owners,
    periods: shape.periods,
    cells: owners.map((o) => cells.get(o.key)!),
    periodTotals,
    expectedOwners: shape.owners,
    base,
  });
  issues.push(...ownerResult.issues.map((i) => ({ ...i, row: i.row === null ? null : i.row + 1 })));
  if (issues.length) return { issues, lines: [] };
  const lines: CheckedLines['lines'] = [];
  shape.periods.forEach((p, c) => lines.push({ ownerId: shape.scope.id, ownerKind: 'UNIT', periodKey: p.key, amount: scopeRow[c]! }));
  owners.forEach((o, r) => shape.periods.forEach((p, c) => lines.push({ ownerId: o.key, ownerKind: plan.ownerKind, periodKey: p.key, amount: ownerResult.values[r]![c]! })));
  return { issues, lines };
}
