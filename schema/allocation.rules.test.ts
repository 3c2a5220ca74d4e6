/** The breakdown rules pinned one by one (issue 7 §9; see schema/MUTATION.md). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, allocateMatrix, AllocationError, breakDown, formatScaled, scaledDecimal } from './allocation.ts';

const obj = (m: Map<string, bigint>) => Object.fromEntries(m);
const matrix = (m: Map<string, Map<string, bigint>>) => Object.fromEntries([...m].map(([k, row]) => [k, obj(row)]));
const shares = (w: Record<string, bigint>) => Object.entries(w).map(([key, weight]) => ({ key, weight }));

describe('allocate: which parts get the remainder', () => {
  it('the largest fraction first, whatever its key', () => {
    // 10 × 1/6 = 1 rest 4/6, 10 × 2/6 = 3 rest 2/6, 10 × 3/6 = 5: the one unit left goes to a
    expect(obj(allocate(10n, shares({ a: 1n, b: 2n, c: 3n })))).toEqual({ a: 2n, b: 3n, c: 5n });
    expect(obj(allocate(10n, shares({ c: 3n, b: 2n, a: 1n })))).toEqual({ a: 2n, b: 3n, c: 5n });
    // 1 × 1/3 rest 1, 1 × 2/3 rest 2: b, the larger fraction, takes it although a comes first by key
    expect(obj(allocate(1n, shares({ a: 1n, b: 2n })))).toEqual({ a: 0n, b: 1n });
    expect(obj(allocate(1n, shares({ b: 2n, a: 1n })))).toEqual({ a: 0n, b: 1n });
  });
  it('ties by key among many, whatever the input order', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const shuffled = [...keys].sort((a, b) => ((Number(a.slice(1)) * 7919) % 211) - ((Number(b.slice(1)) * 7919) % 211));
    const parts = allocate(100n, shuffled.map((key) => ({ key, weight: 1n })));
    expect(keys.filter((k) => parts.get(k) === 1n)).toEqual(keys.slice(0, 100));
    const reversed = allocate(100n, [...keys].reverse().map((key) => ({ key, weight: 1n })));
    expect(keys.filter((k) => reversed.get(k) === 1n)).toEqual(keys.slice(0, 100));
  });
  it('ties by key, not by input order', () => {
    expect(obj(allocate(2n, shares({ c: 1n, b: 1n, a: 1n })))).toEqual({ a: 1n, b: 1n, c: 0n });
    expect(obj(allocate(1n, shares({ b: 1n, a: 1n })))).toEqual({ a: 1n, b: 0n });
    expect(obj(allocate(1n, shares({ a: 1n, b: 1n })))).toEqual({ a: 1n, b: 0n });
  });
  it('a zero weight gets nothing; nothing into nothing is nothing', () => {
    expect(obj(allocate(5n, shares({ a: 0n, b: 1n })))).toEqual({ a: 0n, b: 5n });
    expect(allocate(0n, []).size).toBe(0);
    expect(obj(allocate(0n, shares({ a: 1n })))).toEqual({ a: 0n });
  });
  it('refuses a negative weight or total', () => {
    expect(() => allocate(5n, shares({ a: -1n, b: 2n }))).toThrow(AllocationError);
    expect(() => allocate(-1n, shares({ a: 1n }))).toThrow(AllocationError);
  });
});

describe('scaledDecimal and formatScaled', () => {
  it('reads decimals exactly, at most the places allowed', () => {
    expect(scaledDecimal('12.5', 4, 'x')).toBe(125_000n);
    expect(scaledDecimal('-1.5', 2, 'x')).toBe(-150n);
    expect(scaledDecimal(' 3 ', 2, 'x')).toBe(300n);
    expect(scaledDecimal('0', 2, 'x')).toBe(0n);
    expect(scaledDecimal('7', 0, 'x')).toBe(7n);
    expect(scaledDecimal('1.25', 2, 'x')).toBe(125n);
    expect(scaledDecimal('10', 2, 'x')).toBe(1000n);
    for (const bad of ['1.234', 'x1', '1x', '1.', '.5', '', '1 2', '--1']) expect(() => scaledDecimal(bad, 2, 'x'), bad).toThrow(AllocationError);
  });
  it('prints them back without trailing zeros', () => {
    expect(formatScaled(1_234_500n, 4)).toBe('123.45');
    expect(formatScaled(-5n, 2)).toBe('-0.05');
    expect(formatScaled(100n, 2)).toBe('1');
    expect(formatScaled(0n, 2)).toBe('0');
    expect(formatScaled(1_000_001n, 4)).toBe('100.0001');
  });
});

describe('breakDown', () => {
  const keys = ['k1', 'k2', 'k3'];
  it('equal: remainders by key', () => {
    expect([...breakDown(10n, ['k3', 'k1', 'k2'], { kind: 'equal' })]).toEqual([
      ['k3', 3n],
      ['k1', 4n],
      ['k2', 3n],
    ]);
  });
  it('weights: percentages to four places, summing to exactly 100', () => {
    expect(obj(breakDown(1_000_000n, keys, { kind: 'weights', percents: { k1: '33.3333', k2: '33.3333', k3: '33.3334' } }))).toEqual({ k1: 333_333n, k2: 333_333n, k3: 333_334n });
    expect(() => breakDown(100n, keys, { kind: 'weights', percents: { k1: '50', k2: '50.0001', k3: '0' } })).toThrow(AllocationError);
    expect(() => breakDown(100n, keys, { kind: 'weights', percents: { k1: '50', k2: '50' } })).toThrow(AllocationError);
    expect(() => breakDown(100n, keys, { kind: 'weights', percents: { k1: '110', k2: '-10', k3: '0' } })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NEGATIVE_WEIGHT', params: { key: 'k2' } }));
    expect(() => breakDown(100n, keys, { kind: 'weights', percents: { k1: '100', k2: 'x', k3: '0' } })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NOT_A_NUMBER', params: { key: 'k2', value: 'x' } }));
    expect(obj(breakDown(100n, keys, { kind: 'weights', percents: { k1: '100', k2: '0', k3: '0' } }))).toEqual({ k1: 100n, k2: 0n, k3: 0n });
    expect(() => breakDown(100n, keys, { kind: 'weights', percents: { k1: '99.99999', k2: '0.00001', k3: '0' } })).toThrow(AllocationError);
  });
  it('history, headcount and days employed: in proportion, every key needs a figure', () => {
    expect(obj(breakDown(100n, keys, { kind: 'history', actuals: { k1: 1n, k2: 1n, k3: 2n } }))).toEqual({ k1: 25n, k2: 25n, k3: 50n });
    expect(obj(breakDown(100n, keys, { kind: 'headcount', heads: { k1: 1, k2: 3, k3: 0 } }))).toEqual({ k1: 25n, k2: 75n, k3: 0n });
    expect(obj(breakDown(100n, keys, { kind: 'daysEmployed', days: { k1: 10, k2: 30, k3: 60 } }))).toEqual({ k1: 10n, k2: 30n, k3: 60n });
    expect(() => breakDown(100n, keys, { kind: 'history', actuals: { k1: 1n, k2: 1n } })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NO_FIGURE', params: { key: 'k3' } }));
    expect(() => breakDown(100n, keys, { kind: 'headcount', heads: { k1: 1, k2: 1.5, k3: 1 } })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NOT_WHOLE', params: { key: 'k2' } }));
    expect(() => breakDown(100n, keys, { kind: 'daysEmployed', days: { k1: 1, k3: 1 } })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NO_FIGURE', params: { key: 'k2' } }));
  });
  it('growth: each key’s actuals × (1 + g %), half-up', () => {
    expect(obj(breakDown(0n, keys, { kind: 'growth', actuals: { k1: 1000n, k2: 5n, k3: 0n }, growthPercent: '10' }))).toEqual({ k1: 1100n, k2: 6n, k3: 0n });
    expect(obj(breakDown(0n, keys, { kind: 'growth', actuals: { k1: 1000n, k2: 5n, k3: 7n }, growthPercent: '-12.5' }))).toEqual({ k1: 875n, k2: 4n, k3: 6n });
    expect(obj(breakDown(0n, keys, { kind: 'growth', actuals: { k1: 1000n, k2: 5n, k3: 7n }, growthPercent: '-100' }))).toEqual({ k1: 0n, k2: 0n, k3: 0n });
    expect(() => breakDown(0n, keys, { kind: 'growth', actuals: { k1: 1n, k2: 1n, k3: 1n }, growthPercent: '-100.01' })).toThrow(AllocationError);
    expect(() => breakDown(0n, keys, { kind: 'growth', actuals: { k1: 1n, k2: 1n, k3: 1n }, growthPercent: '1.234' })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_TOO_MANY_DECIMALS', params: { key: 'growthPercent', value: '1.234', places: 2 } }));
    expect(() => breakDown(0n, keys, { kind: 'growth', actuals: { k1: 1n, k2: 1n }, growthPercent: '0' })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NO_FIGURE', params: { key: 'k3' } }));
  });
  it('manual: the values as typed, every key needs one', () => {
    expect(obj(breakDown(100n, keys, { kind: 'manual', values: { k1: 1n, k2: 2n, k3: 3n } }))).toEqual({ k1: 1n, k2: 2n, k3: 3n });
    expect(() => breakDown(100n, keys, { kind: 'manual', values: { k1: 1n, k2: 2n } })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NO_FIGURE', params: { key: 'k3' } }));
  });
  it('a key twice is refused whatever the method', () => {
    expect(() => breakDown(100n, ['a', 'a'], { kind: 'manual', values: { a: 1n } })).toThrow(AllocationError);
  });
});

describe('allocateMatrix: which cells get the remainder', () => {
  it('the largest fractions first', () => {
    // r1 × c2 and r2 × c1 are 2/3, r1 × c1 1/3, r2 × c2 4/3: the two 2/3 cells round up
    const m = allocateMatrix(shares({ r1: 1n, r2: 2n }), shares({ c1: 1n, c2: 2n }));
    expect(matrix(m)).toEqual({ r1: { c1: 0n, c2: 1n }, r2: { c1: 1n, c2: 1n } });
  });
  it('ties by row key, then column key, not by input order', () => {
    const diagonal = { a: { x: 1n, y: 0n }, b: { x: 0n, y: 1n } };
    expect(matrix(allocateMatrix(shares({ a: 1n, b: 1n }), shares({ x: 1n, y: 1n })))).toEqual(diagonal);
    expect(matrix(allocateMatrix(shares({ b: 1n, a: 1n }), shares({ y: 1n, x: 1n })))).toEqual(diagonal);
    expect([...allocateMatrix(shares({ b: 1n, a: 1n }), shares({ y: 1n, x: 1n })).keys()]).toEqual(['a', 'b']);
  });
  it('equal fractions: one unit per row and column, by key', () => {
    // rows 3,1; columns 2,2 (total 4): every cell has a fraction of 2/4; a×x then b×y round up.
    const m = allocateMatrix(shares({ a: 3n, b: 1n }), shares({ x: 2n, y: 2n }));
    expect(matrix(m)).toEqual({ a: { x: 2n, y: 1n }, b: { x: 0n, y: 1n } });
    const n = allocateMatrix(shares({ a: 1n, b: 1n, c: 1n }), shares({ x: 1n, y: 1n, z: 1n }));
    expect(matrix(n)).toEqual({ a: { x: 1n, y: 0n, z: 0n }, b: { x: 0n, y: 1n, z: 0n }, c: { x: 0n, y: 0n, z: 1n } });
  });
  it('all zero is all zero; negative or duplicate totals are refused', () => {
    expect(matrix(allocateMatrix(shares({ a: 0n }), shares({ x: 0n, y: 0n })))).toEqual({ a: { x: 0n, y: 0n } });
    expect(() => allocateMatrix(shares({ a: -1n, b: 2n }), shares({ x: 1n }))).toThrow(AllocationError);
    expect(() => allocateMatrix(shares({ a: 1n }), shares({ x: 2n, y: -1n }))).toThrow(AllocationError);
    expect(() => allocateMatrix([{ key: 'a', weight: 1n }, { key: 'a', weight: 1n }], shares({ x: 2n }))).toThrow(AllocationError);
    expect(() => allocateMatrix(shares({ a: 1n }), [{ key: 'x', weight: 1n }, { key: 'x', weight: 0n }])).toThrow(AllocationError);
  });
});

describe('allocateMatrix when the greedy choice blocks a row', () => {
  const m = (rows: bigint[], cols: bigint[]) =>
    matrix(allocateMatrix(rows.map((weight, i) => ({ key: `r${i}`, weight })), cols.map((weight, j) => ({ key: `c${j}`, weight }))));
  const grid = (...rows: number[][]) => Object.fromEntries(rows.map((r, i) => [`r${i}`, Object.fromEntries(r.map((v, j) => [`c${j}`, BigInt(v)]))]));
  it('moves units along augmenting paths until every row and column holds', () => {
    // rows 6, 3, 3 × columns 3, 3, 6 (total 12): r0 × c2 is exactly 3 and stays 3
    expect(m([6n, 3n, 3n], [3n, 3n, 6n])).toEqual(grid([2, 1, 3], [0, 1, 2], [1, 1, 1]));
    expect(m([4n, 4n, 3n], [7n, 2n, 2n])).toEqual(grid([3, 0, 1], [2, 1, 1], [2, 1, 0]));
    expect(m([4n, 4n, 4n], [2n, 8n, 2n])).toEqual(grid([0, 3, 1], [1, 3, 0], [1, 2, 1]));
    expect(m([5n, 7n, 9n], [2n, 11n, 8n])).toEqual(grid([1, 2, 2], [0, 4, 3], [1, 5, 3]));
  });
  it('each augmenting path ends at the first column found that still needs a unit', () => {
    expect(m([24n, 16n, 24n, 32n, 32n, 16n], [48n, 25n, 9n, 30n, 22n, 10n])).toEqual(
      grid([8, 4, 2, 5, 3, 2], [6, 3, 1, 3, 2, 1], [8, 4, 1, 5, 4, 2], [10, 6, 2, 7, 5, 2], [11, 5, 2, 7, 5, 2], [5, 3, 1, 3, 3, 1]),
    );
  });

  it('every cell is its quota rounded down or up, an exact quota stays exact, in any input order (property)', () => {
    const margins = fc
      .tuple(fc.array(fc.bigInt({ min: 0n, max: 12n }), { minLength: 1, maxLength: 5 }), fc.array(fc.nat(100), { minLength: 1, maxLength: 5 }))
      .map(([rowValues, colWeights]) => {
        const total = rowValues.reduce((a, b) => a + b, 0n);
        const cols = colWeights.some((w) => w > 0) ? allocate(total, colWeights.map((w, j) => ({ key: `c${j}`, weight: BigInt(w) }))) : new Map(colWeights.map((_, j) => [`c${j}`, j === 0 ? total : 0n]));
        return { rows: rowValues.map((weight, i) => ({ key: `r${i}`, weight })), cols: [...cols].map(([key, weight]) => ({ key, weight })) };
      });
    fc.assert(
      fc.property(margins, ({ rows, cols }) => {
        const got = allocateMatrix(rows, cols);
        const total = rows.reduce((n, r) => n + r.weight, 0n);
        for (const r of rows) {
          expect([...got.get(r.key)!.values()].reduce((a, b) => a + b, 0n)).toBe(r.weight);
          for (const c of cols) {
            const v = got.get(r.key)!.get(c.key)!;
            const exact = total === 0n || (r.weight * c.weight) % total === 0n;
            const q = total === 0n ? 0n : (r.weight * c.weight) / total;
            expect(exact ? v === q : v === q || v === q + 1n).toBe(true);
          }
        }
        for (const c of cols) expect(rows.reduce((n, r) => n + got.get(r.key)!.get(c.key)!, 0n)).toBe(c.weight);
        expect(matrix(allocateMatrix([...rows].reverse(), [...cols].reverse()))).toEqual(matrix(got));
      }),
      { numRuns: 300 },
    );
  });
});
