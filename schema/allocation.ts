/**
 * Breaking a target down exactly. Amounts are integers in the metric's
 * smallest unit (fen for money, 1 for counts), so parts always sum to the
 * whole: quotas are floored and the remainder goes, one unit each, to the
 * largest fractional parts (largest-remainder method), ties broken by key so
 * that the result does not depend on the order of the input. Pure.
 */
import { divideHalfUp } from './money.ts';
import type { AllocationProblem } from './reasons.ts';

/** Why figures cannot be broken down: a registered reason and its params, no words (the pane and the API render them). */
export class AllocationError extends Error {
  constructor(
    readonly problem: AllocationProblem,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(`${problem} ${JSON.stringify(params)}`);
  }
}

export interface Share {
  key: string;
  weight: bigint;
}

function checkKeys(keys: string[]) {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new AllocationError('ALLOCATION_DUPLICATE_KEY', { key: k });
    seen.add(k);
  }
}

/** Splits `total` in proportion to the weights; the parts sum to `total` exactly. */
export function allocate(total: bigint, shares: readonly Share[]): Map<string, bigint> {
  if (total < 0n) throw new AllocationError('ALLOCATION_NEGATIVE_TOTAL');
  checkKeys(shares.map((s) => s.key));
  for (const s of shares) if (s.weight < 0n) throw new AllocationError('ALLOCATION_NEGATIVE_WEIGHT', { key: s.key });
  const sum = shares.reduce((n, s) => n + s.weight, 0n);
  if (shares.length === 0) {
    if (total !== 0n) throw new AllocationError('ALLOCATION_NOTHING_TO_SPLIT');
    return new Map();
  }
  if (sum === 0n) throw new AllocationError('ALLOCATION_WEIGHTS_ALL_ZERO');
  const parts = shares.map((s) => ({ key: s.key, base: (total * s.weight) / sum, rest: (total * s.weight) % sum }));
  let remainder = total - parts.reduce((n, p) => n + p.base, 0n);
  const order = [...parts].sort((a, b) => (a.rest === b.rest ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.rest > b.rest ? -1 : 1));
  for (const p of order) {
    if (remainder === 0n) break;
    p.base += 1n;
    remainder -= 1n;
  }
  return new Map(parts.map((p) => [p.key, p.base]));
}

/** A decimal string with at most `places` decimals as an integer scaled by 10^places; `key` names the figure's owner or period in a refusal. */
export function scaledDecimal(text: string, places: number, key: string): bigint {
  const m = /^\s*(-)?(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!m) throw new AllocationError('ALLOCATION_NOT_A_NUMBER', { key, value: text });
  const frac = m[3] ?? '';
  if (frac.length > places) throw new AllocationError('ALLOCATION_TOO_MANY_DECIMALS', { key, value: text, places });
  const value = BigInt(m[2]!) * 10n ** BigInt(places) + BigInt(frac.padEnd(places, '0') || '0');
  return m[1] ? -value : value;
}

export type BreakdownMethod =
  | { kind: 'equal' }
  /** Percentages per key (e.g. a seasonality profile), summing to exactly 100. */
  | { kind: 'weights'; percents: Record<string, string> }
  /** Share of last year's actuals. */
  | { kind: 'history'; actuals: Record<string, bigint> }
  /** Last year's actuals × (1 + growth %), each key on its own; the parent becomes their sum. */
  | { kind: 'growth'; actuals: Record<string, bigint>; growthPercent: string }
  /** In proportion to people (active headcount per unit). */
  | { kind: 'headcount'; heads: Record<string, number> }
  /** In proportion to days employed in the period (joiners and leavers). */
  | { kind: 'daysEmployed'; days: Record<string, number> }
  /** Values typed by the manager; checked, not computed. */
  | { kind: 'manual'; values: Record<string, bigint> };

export const PERCENT_PLACES = 4;

const weightOf = (record: Record<string, bigint | number>, key: string): bigint => {
  const v = record[key];
  if (v === undefined) throw new AllocationError('ALLOCATION_NO_FIGURE', { key });
  if (typeof v === 'number' && !Number.isInteger(v)) throw new AllocationError('ALLOCATION_NOT_WHOLE', { key });
  return BigInt(v);
};

/**
 * Breaks `total` down over `keys` by a method. Every method but `growth` and
 * `manual` returns parts that sum to `total` exactly; `growth` returns each
 * key's own target (the parent is their sum); `manual` returns the values as
 * typed (validation checks their sum).
 */
export function breakDown(total: bigint, keys: readonly string[], method: BreakdownMethod): Map<string, bigint> {
  checkKeys([...keys]);
  switch (method.kind) {
    case 'equal':
      return allocate(total, keys.map((key) => ({ key, weight: 1n })));
    case 'weights': {
      const weights = keys.map((key) => {
        const p = method.percents[key];
        if (p === undefined) throw new AllocationError('ALLOCATION_NO_FIGURE', { key });
        const w = scaledDecimal(p, PERCENT_PLACES, key);
        if (w < 0n) throw new AllocationError('ALLOCATION_NEGATIVE_WEIGHT', { key });
        return { key, weight: w };
      });
      const sum = weights.reduce((n, w) => n + w.weight, 0n);
      const hundred = 100n * 10n ** BigInt(PERCENT_PLACES);
      if (sum !== hundred) throw new AllocationError('ALLOCATION_PERCENTS_NOT_100', { sum: formatScaled(sum, PERCENT_PLACES) });
      return allocate(total, weights);
    }
    case 'history':
      return allocate(total, keys.map((key) => ({ key, weight: weightOf(method.actuals, key) })));
    case 'headcount':
      return allocate(total, keys.map((key) => ({ key, weight: weightOf(method.heads, key) })));
    case 'daysEmployed':
      return allocate(total, keys.map((key) => ({ key, weight: weightOf(method.days, key) })));
    case 'growth': {
      const growth = scaledDecimal(method.growthPercent, 2, 'growthPercent');
      const factor = 10_000n + growth; // in basis points
      if (factor < 0n) throw new AllocationError('ALLOCATION_GROWTH_TOO_LOW');
      return new Map(keys.map((key) => [key, divideHalfUp(weightOf(method.actuals, key) * factor, 10_000n)]));
    }
    case 'manual':
      return new Map(keys.map((key) => [key, weightOf(method.values, key)]));
  }
}

export function formatScaled(value: bigint, places: number): string {
  const neg = value < 0n;
  const abs = neg ? -value : value;
  const unit = 10n ** BigInt(places);
  const frac = (abs % unit).toString().padStart(places, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${abs / unit}${frac ? `.${frac}` : ''}`;
}

/**
 * A rows × columns matrix whose row sums and column sums both hold exactly
 * (e.g. units × months, where each unit's year target and each month's
 * company target are given). Cells are proportional (row × column / total)
 * and each is that quota rounded down or up; which ones go up is decided by
 * a bipartite flow that prefers the largest fractions, ties by key.
 */
export function allocateMatrix(rowTotals: readonly Share[], columnTotals: readonly Share[]): Map<string, Map<string, bigint>> {
  checkKeys(rowTotals.map((r) => r.key));
  checkKeys(columnTotals.map((c) => c.key));
  for (const s of [...rowTotals, ...columnTotals]) if (s.weight < 0n) throw new AllocationError('ALLOCATION_NEGATIVE_WEIGHT', { key: s.key });
  const total = rowTotals.reduce((n, r) => n + r.weight, 0n);
  const colSum = columnTotals.reduce((n, c) => n + c.weight, 0n);
  if (total !== colSum) throw new AllocationError('ALLOCATION_TOTALS_DIFFER', { rows: String(total), columns: String(colSum) });
  const rows = [...rowTotals].sort(byKey);
  // Each column is split over the rows in proportion to the row totals, so
  // each row's exact share is its own total and the rounding keeps it.
  return roundQuotas(rows.map((r) => r.key), [...columnTotals].sort(byKey), (i) => rows[i]!.weight);
}

/**
 * Owners × periods when each period's total is split among the owners by
 * weights that may differ per period (a person's weight × the days they are
 * employed in it: nothing before they join or after they leave). Exact both
 * ways: each period's column sums to its total; each owner's row sums to the
 * largest-remainder rounding of their exact share (the sum of their quotas)
 * whenever the periods allow it, and in any case to that share rounded down
 * or up; each cell is its quota rounded down or up. Ties go by key, so the
 * result does not depend on the input order.
 */
export function allocateColumns(rowKeys: readonly string[], columnTotals: readonly Share[], weight: (row: string, column: string) => bigint): Map<string, Map<string, bigint>> {
  checkKeys([...rowKeys]);
  checkKeys(columnTotals.map((c) => c.key));
  for (const c of columnTotals) if (c.weight < 0n) throw new AllocationError('ALLOCATION_NEGATIVE_WEIGHT', { key: c.key });
  const rows = [...rowKeys].sort();
  const cols = [...columnTotals].sort(byKey);
  return roundQuotas(rows, cols, (i, j) => {
    const w = weight(rows[i]!, cols[j]!.key);
    if (w < 0n) throw new AllocationError('ALLOCATION_NEGATIVE_WEIGHT', { key: `${rows[i]} / ${cols[j]!.key}` });
    return w;
  });
}

/**
 * A rows × periods matrix split level by level down a tree of periods
 * (quarters, then each quarter's months, then each month's weeks…), when
 * every row's share is the same in every period (people employed all year,
 * units by their year figure). Each row's figure for a period is split over
 * its child periods by allocateMatrix, against the children's totals, so a
 * row's quarter is a largest-remainder share of the quarter, and its months
 * a share of that quarter: equal shares stay equal at every level (120,000
 * a year over four equal quarters is 30,000 each, then 10,000 a month),
 * where splitting the finest periods alone and adding them up can drift a
 * few units off at the levels above. `periodTotals` holds the finest
 * periods' totals; a period's parent is null at the top.
 */
export function allocateByLevels(
  rowTotals: readonly Share[],
  periods: readonly { key: string; parent: string | null }[],
  periodTotals: ReadonlyMap<string, bigint>,
): Map<string, Map<string, bigint>> {
  const children = new Map<string | null, string[]>();
  for (const p of periods) children.set(p.parent, [...(children.get(p.parent) ?? []), p.key]);
  const totals = new Map<string, bigint>();
  const totalOf = (key: string): bigint => {
    let t = totals.get(key);
    if (t === undefined) totals.set(key, (t = children.has(key) ? children.get(key)!.reduce((n, k) => n + totalOf(k), 0n) : (periodTotals.get(key) ?? 0n)));
    return t;
  };
  const out = new Map(rowTotals.map((r) => [r.key, new Map<string, bigint>()]));
  const split = (rows: readonly Share[], kids: string[]) => {
    const columns = kids.map((key) => ({ key, weight: totalOf(key) }));
    // Nothing to split: every cell is nothing (allocateMatrix has no row weight to divide by).
    const cells = rows.every((r) => r.weight === 0n) ? new Map(rows.map((r) => [r.key, new Map(kids.map((k) => [k, 0n]))])) : allocateMatrix(rows, columns);
    for (const [row, byPeriod] of cells) for (const [k, v] of byPeriod) out.get(row)!.set(k, v);
    for (const k of kids) if (children.has(k)) split(rows.map((r) => ({ key: r.key, weight: out.get(r.key)!.get(k)! })), children.get(k)!);
  };
  split(rowTotals, children.get(null) ?? []);
  return out;
}

const byKey = (a: Share, b: Share) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const gcd = (a: bigint, b: bigint): bigint => {
  while (b) [a, b] = [b, a % b];
  return a;
};

/**
 * The rounding both matrix allocations share. Column j's total is split in
 * proportion to weight(i, j): quota q(i, j) = total_j × w(i, j) / W_j, with
 * W_j the column's weight sum. Each cell becomes ⌊q⌋ or ⌈q⌉. Rows first reach
 * the floor of their exact sum (greedy by the largest fractions, then
 * augmenting paths), then the units left go one each to the rows with the
 * largest fractional sums (ties by key) wherever a path exists; by the
 * integrality of flows, paths exist for all of them.
 */
function roundQuotas(rowKeys: readonly string[], cols: readonly Share[], weight: (i: number, j: number) => bigint): Map<string, Map<string, bigint>> {
  const R = rowKeys.length;
  const C = cols.length;
  const w = rowKeys.map((_, i) => cols.map((_, j) => weight(i, j)));
  const colWeight = cols.map((_, j) => w.reduce((n, row) => n + row[j]!, 0n));
  cols.forEach((c, j) => {
    if (c.weight > 0n && colWeight[j] === 0n) throw new AllocationError('ALLOCATION_NO_SHARE_POSSIBLE', { key: c.key });
  });
  // Fractions are compared over one denominator, the lcm of the column weights.
  const D = colWeight.reduce((l, W) => (W === 0n ? l : (l / gcd(l, W)) * W), 1n);
  const base = w.map(() => cols.map(() => 0n));
  const rest = w.map(() => cols.map(() => 0n)); // fraction of the cell × D
  cols.forEach((c, j) => {
    const W = colWeight[j]!;
    if (W === 0n) return;
    for (let i = 0; i < R; i++) {
      const n = c.weight * w[i]![j]!;
      base[i]![j] = n / W;
      rest[i]![j] = (n % W) * (D / W);
    }
  });

  const rowFraction = rest.map((row) => row.reduce((n, v) => n + v, 0n)); // × D
  const rowNeed = rowKeys.map((_, i) => rowFraction[i]! / D); // units to the floor of the exact sum
  const colNeed = cols.map((c, j) => c.weight - base.reduce((n, row) => n + row[j]!, 0n));
  const up = rowKeys.map(() => cols.map(() => false));
  const candidates: [number, number][] = [];
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) if (rest[i]![j]! > 0n) candidates.push([i, j]);
  candidates.sort(([a, b], [c, d]) => (rest[a]![b] === rest[c]![d] ? a - c || b - d : rest[a]![b]! > rest[c]![d]! ? -1 : 1));
  for (const [i, j] of candidates) {
    if (rowNeed[i]! > 0n && colNeed[j]! > 0n) {
      up[i]![j] = true;
      rowNeed[i]! -= 1n;
      colNeed[j]! -= 1n;
    }
  }
  const byRow = rowKeys.map((_, i) => cols.map((_, j) => j).filter((j) => rest[i]![j]! > 0n));
  /** Raises one more cell of row i, moving others' raised cells along a path if need be; false if no path. */
  const augment = (i: number): boolean => {
    // BFS from row i: row → column over cells not yet raised; column → row over raised cells.
    const prevRow = new Map<number, number>(); // column -> row it was reached from
    const prevCol = new Map<number, number>(); // row -> column it was reached from
    const queue = [i];
    const seenRows = new Set([i]);
    let found = -1;
    while (queue.length && found < 0) {
      const r = queue.shift()!;
      for (const j of byRow[r]!) {
        if (up[r]![j] || prevRow.has(j)) continue;
        prevRow.set(j, r);
        if (colNeed[j]! > 0n) {
          found = j;
          break;
        }
        for (let r2 = 0; r2 < R; r2++) {
          if (up[r2]![j] && !seenRows.has(r2)) {
            seenRows.add(r2);
            prevCol.set(r2, j);
            queue.push(r2);
          }
        }
      }
    }
    if (found < 0) return false;
    for (let j = found; ; ) {
      const r = prevRow.get(j)!;
      up[r]![j] = true;
      if (r === i) break;
      const jBack = prevCol.get(r)!;
      up[r]![jBack] = false;
      j = jBack;
    }
    colNeed[found]! -= 1n;
    return true;
  };
  for (let i = 0; i < R; i++) {
    while (rowNeed[i]! > 0n) {
      if (!augment(i)) throw new AllocationError('ALLOCATION_NO_EXACT_ROUNDING');
      rowNeed[i]! -= 1n;
    }
  }
  // The units left over: one each to the largest fractional row sums.
  let left = colNeed.reduce((n, v) => n + v, 0n);
  const order = rowKeys
    .map((_, i) => i)
    .filter((i) => rowFraction[i]! % D > 0n)
    .sort((a, b) => {
      const fa = rowFraction[a]! % D;
      const fb = rowFraction[b]! % D;
      return fa === fb ? a - b : fa > fb ? -1 : 1;
    });
  for (const i of order) {
    if (left === 0n) break;
    if (augment(i)) left -= 1n;
  }
  if (left !== 0n) throw new AllocationError('ALLOCATION_NO_EXACT_ROUNDING');

  return new Map(rowKeys.map((key, i) => [key, new Map(cols.map((c, j) => [c.key, base[i]![j]! + (up[i]![j] ? 1n : 0n)]))]));
}
