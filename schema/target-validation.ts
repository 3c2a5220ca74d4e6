/**
 * Validation of a target grid (owners × periods), the same in the add-in
 * (instant feedback on what the sheet holds) and on the server (the truth).
 * It reads raw cell values as Excel gives them, so paste, text and stray
 * fractions are caught, and returns every issue with its row, column and
 * rule: never just the first. Pure.
 */
import { formatMoney, MoneyRangeError, parseMoney, ungrouped } from './money.ts';
import { METRICS, type Metric, type MetricUnit } from './metrics.ts';
import { columnsWithin, overlapDays, type Period } from './periods.ts';
import type { IsoDay } from './dates.ts';

export type Rule =
  | 'notANumber'
  | 'negative'
  | 'fraction'
  | 'tooLarge'
  | 'sum'
  | 'rowTotal'
  | 'levelSum'
  | 'parentTotal'
  | 'missingOwner'
  | 'unexpectedOwner'
  | 'duplicateOwner'
  | 'beforeJoining'
  | 'afterLeaving'
  | 'stretchBelowBase'
  | 'baseAboveStretch'
  | 'unknownPeriod'
  | 'duplicateCell'
  | 'lockedPeriod';

export interface ValidationIssue {
  rule: Rule;
  /** Zero-based row of the grid (owners), or null for a whole column or a missing owner. */
  row: number | null;
  /** Zero-based column of the grid (periods), or null for a whole row. */
  column: number | null;
  rowKey: string | null;
  periodKey: string | null;
  expected: string | null;
  found: string | null;
  /**
   * What a message about the issue needs, by name (owner, period, amounts as
   * decimal strings, dates, a detail code): the pane and the server render
   * them from their catalogues. No language here.
   */
  params: IssueParams;
}

export type IssueParams = Record<string, string>;

/** Why a cell could not be read as an amount, beyond its rule. */
export type ReadDetail = 'boolean' | 'notFinite' | 'text' | 'excelError' | 'notANumber' | 'wholeUnits' | 'fenFraction' | 'negative' | 'tooLarge';

export interface GridOwner {
  key: string;
  name: string;
  /** People only: the days they are employed, for the joining/leaving rule. */
  hireDate?: IsoDay | null;
  leaveDate?: IsoDay | null;
}

export interface TargetGrid {
  metric: Metric;
  level: 'BASE' | 'STRETCH';
  owners: GridOwner[];
  /** Columns; in a plan of several levels each names the period of the level above (null under the year). */
  periods: (Period & { parent?: string | null })[];
  /** Raw values, [owner][period], as read from the sheet. */
  cells: unknown[][];
  /** What each period's column must sum to (the parent's target), when it is fixed. */
  periodTotals?: Map<string, bigint>;
  /** What each owner's row must sum to, when it is fixed. */
  ownerTotals?: Map<string, bigint>;
  /** Who must have a row: every active person or unit in scope. */
  expectedOwners?: GridOwner[];
  /** For a stretch plan: the base targets it may not fall below. */
  base?: Map<string, Map<string, bigint>>;
  /** For a base plan: the approved stretch targets it may not rise above (stretch ≥ base, whichever was approved first). */
  stretch?: Map<string, Map<string, bigint>>;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export const formatAmount = (unit: MetricUnit, v: bigint) => (unit === 'money' ? formatMoney(v) : v.toString());

type Read = { value: bigint } | { rule: Rule; found: string; detail: ReadDetail };

/** One raw cell as an amount in the metric's smallest unit; blank is zero. */
export function readAmount(raw: unknown, unit: MetricUnit): Read {
  if (raw === null || raw === undefined || raw === '') return { value: 0n };
  if (typeof raw === 'boolean') return { rule: 'notANumber', found: String(raw).toUpperCase(), detail: 'boolean' };
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { rule: 'notANumber', found: String(raw), detail: 'notFinite' };
    if (Math.abs(raw) > Number.MAX_SAFE_INTEGER / 100) return { rule: 'tooLarge', found: String(raw), detail: 'tooLarge' };
    // Excel holds 15 significant digits; beyond them is binary noise (0.1 + 0.2).
    text = String(Number(raw.toPrecision(15)));
    if (/e/i.test(text)) text = BigInt(Math.round(raw)).toString();
  } else if (typeof raw === 'string') {
    // Thousands separators only where they belong: "1,2,3" is text, not 123.
    text = ungrouped(raw.trim()) ?? raw.trim();
    if (!/^-?\d+(\.\d+)?$/.test(text)) return { rule: 'notANumber', found: raw, detail: raw.startsWith('#') ? 'excelError' : 'text' };
  } else return { rule: 'notANumber', found: String(raw), detail: 'notANumber' };
  if (unit === 'count') {
    if (!/^-?\d+$/.test(text)) return { rule: 'fraction', found: text, detail: 'wholeUnits' };
    const v = BigInt(text);
    if (v < 0n) return { rule: 'negative', found: text, detail: 'negative' };
    return v > MAX_SAFE ? { rule: 'tooLarge', found: text, detail: 'tooLarge' } : { value: v };
  }
  if (/\.\d{3,}$/.test(text)) return { rule: 'fraction', found: text, detail: 'fenFraction' };
  let v: bigint;
  try {
    v = parseMoney(text);
  } catch (error) {
    // Past the 64-bit range the database holds: too large (or, below zero, negative either way).
    if (error instanceof MoneyRangeError) return text.startsWith('-') ? { rule: 'negative', found: text, detail: 'negative' } : { rule: 'tooLarge', found: text, detail: 'tooLarge' };
    throw error;
  }
  if (v < 0n) return { rule: 'negative', found: text, detail: 'negative' };
  if (v > MAX_SAFE) return { rule: 'tooLarge', found: text, detail: 'tooLarge' };
  return { value: v };
}

export interface GridResult {
  issues: ValidationIssue[];
  /** Parsed amounts, null where the cell had an issue of its own. */
  values: (bigint | null)[][];
}

export function validateTargetGrid(grid: TargetGrid): GridResult {
  const unit = METRICS[grid.metric].unit;
  const fmt = (v: bigint) => formatAmount(unit, v);
  const issues: ValidationIssue[] = [];
  const issue = (i: Omit<ValidationIssue, 'expected' | 'found'> & Partial<Pick<ValidationIssue, 'expected' | 'found'>>) =>
    issues.push({ expected: null, found: null, ...i });

  // Owners: duplicates, outsiders, and who is missing.
  const seen = new Map<string, number>();
  const expected = grid.expectedOwners ? new Map(grid.expectedOwners.map((o) => [o.key, o])) : null;
  grid.owners.forEach((o, r) => {
    if (seen.has(o.key)) {
      issue({ rule: 'duplicateOwner', row: r, column: null, rowKey: o.key, periodKey: null, params: { owner: o.name, firstRow: String(seen.get(o.key)! + 1) } });
    } else seen.set(o.key, r);
    if (expected && !expected.has(o.key)) issue({ rule: 'unexpectedOwner', row: r, column: null, rowKey: o.key, periodKey: null, params: { owner: o.name } });
  });
  if (expected) {
    for (const o of expected.values()) {
      if (!seen.has(o.key)) issue({ rule: 'missingOwner', row: null, column: null, rowKey: o.key, periodKey: null, params: { owner: o.name } });
    }
  }

  // Cells.
  const values: (bigint | null)[][] = grid.owners.map(() => grid.periods.map(() => null));
  grid.owners.forEach((owner, r) => {
    const row = grid.cells[r] ?? [];
    const baseRow = grid.level === 'STRETCH' ? grid.base?.get(owner.key) : undefined;
    const stretchRow = grid.level === 'BASE' ? grid.stretch?.get(owner.key) : undefined;
    grid.periods.forEach((p, c) => {
      const read = readAmount(row[c], unit);
      if (!('value' in read)) {
        issue({ rule: read.rule, row: r, column: c, rowKey: owner.key, periodKey: p.key, found: read.found, params: { owner: owner.name, period: p.key, found: read.found, detail: read.detail } });
        return;
      }
      values[r]![c] = read.value;
      if (read.value > 0n && owner.hireDate !== undefined) {
        const days = overlapDays(p, owner.hireDate ?? '0000-01-01', owner.leaveDate ?? null);
        if (days === 0) {
          const before = owner.hireDate && p.end < owner.hireDate;
          issue({
            rule: before ? 'beforeJoining' : 'afterLeaving',
            row: r,
            column: c,
            rowKey: owner.key,
            periodKey: p.key,
            expected: fmt(0n),
            found: fmt(read.value),
            params: before ? { owner: owner.name, period: p.key, hireDate: owner.hireDate ?? '' } : { owner: owner.name, period: p.key, leaveDate: owner.leaveDate ?? '' },
          });
        }
      }
      const b = baseRow?.get(p.key);
      if (b !== undefined && read.value < b) {
        issue({ rule: 'stretchBelowBase', row: r, column: c, rowKey: owner.key, periodKey: p.key, expected: `≥ ${fmt(b)}`, found: fmt(read.value), params: { owner: owner.name, period: p.key, found: fmt(read.value), base: fmt(b) } });
      }
      const st = stretchRow?.get(p.key);
      if (st !== undefined && read.value > st) {
        issue({ rule: 'baseAboveStretch', row: r, column: c, rowKey: owner.key, periodKey: p.key, expected: `≤ ${fmt(st)}`, found: fmt(read.value), params: { owner: owner.name, period: p.key, found: fmt(read.value), stretch: fmt(st) } });
      }
    });
  });

  // Levels: which columns hold the periods within each period of a level above.
  const children = columnsWithin(grid.periods);
  // A period above whose periods within have issues of their own has no
  // known figure either (a derived one counted the bad cell as 0): it is left
  // out of the sums below, which would otherwise report a second, misleading
  // issue. Finer levels come later in the columns, so they go first.
  const parentsFinestFirst = [...children.keys()].sort((a, b) => b - a);
  values.forEach((row) => {
    for (const c of parentsFinestFirst) if (children.get(c)!.some((k) => row[k] === null)) row[c] = null;
  });

  // Sums: each period's column, each owner's row.
  const complete = (vs: (bigint | null)[]) => (vs.every((v) => v !== null) ? (vs as bigint[]).reduce((a, b) => a + b, 0n) : null);
  grid.periods.forEach((p, c) => {
    const want = grid.periodTotals?.get(p.key);
    if (want === undefined) return;
    const got = complete(values.map((row) => row[c]!));
    if (got !== null && got !== want) {
      const diff = got - want;
      issue({ rule: 'sum', row: null, column: c, rowKey: null, periodKey: p.key, expected: fmt(want), found: fmt(got), params: { period: p.key, expected: fmt(want), found: fmt(got), direction: diff > 0n ? 'over' : 'short', diff: fmt(diff > 0n ? diff : -diff) } });
    }
  });
  // Levels: each period of a level above sums its children exactly, in every row.
  grid.owners.forEach((o, r) => {
    for (const [c, kids] of children) {
      const have = values[r]![c];
      const got = complete(kids.map((k) => values[r]![k]!));
      if (have === null || have === undefined || got === null || got === have) continue;
      const p = grid.periods[c]!;
      issue({ rule: 'levelSum', row: r, column: c, rowKey: o.key, periodKey: p.key, expected: fmt(got), found: fmt(have), params: { owner: o.name, period: p.key, expected: fmt(got), found: fmt(have) } });
    }
  });
  const top = grid.periods.map((p) => !p.parent);
  grid.owners.forEach((o, r) => {
    const want = grid.ownerTotals?.get(o.key);
    if (want === undefined) return;
    const got = complete(values[r]!.filter((_, c) => top[c]));
    if (got !== null && got !== want) {
      issue({ rule: 'rowTotal', row: r, column: null, rowKey: o.key, periodKey: null, expected: fmt(want), found: fmt(got), params: { owner: o.name, expected: fmt(want), found: fmt(got) } });
    }
  });
  return { issues, values };
}
