/**
 * The checks on a draft's lines: each cell on its own (a period of the plan,
 * a row of the plan, one amount per cell, a readable non-negative amount in
 * the metric's unit, nobody given a target outside their employment), but
 * none of the sums: a draft may be incomplete. Blank cells are left out.
 * Pure.
 */
import { METRICS } from './metrics.ts';
import { overlapDays } from './periods.ts';
import { formatAmount, readAmount, type ValidationIssue } from './target-validation.ts';
import type { LineInput, PlanFacts, PlanGrid } from './target-plan-check.ts';

export interface CheckedDraft {
  issues: ValidationIssue[];
  /** The non-blank cells to store, when there are no issues. */
  lines: { ownerId: string; ownerKind: 'UNIT' | 'PERSON'; periodKey: string; amount: bigint }[];
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function checkDraftLines(plan: Pick<PlanFacts, 'metric' | 'ownerKind'>, shape: PlanGrid, input: LineInput[]): CheckedDraft {
  const unit = METRICS[plan.metric].unit;
  const issues: ValidationIssue[] = [];
  const lines: CheckedDraft['lines'] = [];
  const column = new Map(shape.periods.map((p, i) => [p.key, i]));
  const owners = new Map(shape.owners.map((o, i) => [o.key, { owner: o, row: i + 1 }]));
  const seen = new Set<string>();
  const base = { expected: null, found: null } as const;
  for (const line of input) {
    const c = column.get(line.periodKey);
    if (c === undefined) {
      issues.push({ ...base, rule: 'unknownPeriod', row: null, column: null, rowKey: line.ownerId, periodKey: line.periodKey, found: line.periodKey, params: { period: line.periodKey, first: shape.periods[0]!.key, last: shape.periods.at(-1)!.key } });
      continue;
    }
    const isScope = line.ownerId === shape.scope.id;
    const row = isScope ? { owner: { key: shape.scope.id, name: shape.scope.name }, row: 0 } : owners.get(line.ownerId);
    if (!row) {
      issues.push({ ...base, rule: 'unexpectedOwner', row: null, column: c, rowKey: line.ownerId, periodKey: null, params: { owner: shape.outsiders?.get(line.ownerId) ?? line.ownerId } });
      continue;
    }
    const k = `${line.ownerId}\u0000${line.periodKey}`;
    if (seen.has(k)) {
      issues.push({ ...base, rule: 'duplicateCell', row: row.row, column: c, rowKey: line.ownerId, periodKey: line.periodKey, params: { owner: row.owner.name, period: line.periodKey } });
      continue;
    }
    seen.add(k);
    if (blank(line.amount)) continue;
    const read = readAmount(line.amount, unit);
    if (!('value' in read)) {
      issues.push({ ...base, rule: read.rule, row: row.row, column: c, rowKey: line.ownerId, periodKey: line.periodKey, found: read.found, params: { owner: row.owner.name, period: line.periodKey, found: read.found, detail: read.detail } });
      continue;
    }
    const o = row.owner as PlanGrid['owners'][number];
    const p = shape.periods[c]!;
    if (read.value > 0n && o.hireDate !== undefined && overlapDays(p, o.hireDate ?? '0000-01-01', o.leaveDate ?? null) === 0) {
      const before = !!o.hireDate && p.end < o.hireDate;
      issues.push({
        rule: before ? 'beforeJoining' : 'afterLeaving',
        row: row.row,
        column: c,
        rowKey: o.key,
        periodKey: p.key,
        expected: formatAmount(unit, 0n),
        found: formatAmount(unit, read.value),
        params: before ? { owner: o.name, period: p.key, hireDate: o.hireDate ?? '' } : { owner: o.name, period: p.key, leaveDate: o.leaveDate ?? '' },
      });
      continue;
    }
    lines.push({ ownerId: line.ownerId, ownerKind: isScope ? 'UNIT' : plan.ownerKind, periodKey: line.periodKey, amount: read.value });
  }
  return { issues, lines: issues.length ? [] : lines };
}
