import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, allocateByLevels, allocateMatrix, AllocationError, breakDown, type Share } from './allocation.ts';

const sum = (m: Map<string, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n);
const shareArb = fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 6 }), weight: fc.bigInt({ min: 0n, max: 10n ** 12n }) }), {
  minLength: 1,
  maxLength: 40,
  selector: (s) => s.key,
});

describe('largest-remainder allocation', () => {
  it('splits 100.00 three ways without losing a fen', () => {
    const parts = allocate(10_000n, ['a', 'b', 'c'].map((key) => ({ key, weight: 1n })));
    expect([...parts.values()]).toEqual([3334n, 3333n, 3333n]);
  });

  it('gives remainders to the largest fractions, ties by key', () => {
    const parts = allocate(10n, [
      { key: 'z', weight: 1n },
      { key: 'a', weight: 1n },
      { key: 'm', weight: 1n },
    ]);
    expect(Object.fromEntries(parts)).toEqual({ z: 3n, a: 4n, m: 3n });
  });

  it('always sums exactly, never goes negative, and ignores input order (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), shareArb, (total, shares) => {
        fc.pre(shares.some((s) => s.weight > 0n));
        const a = allocate(total, shares);
        expect(sum(a)).toBe(total);
        for (const v of a.values()) expect(v >= 0n).toBe(true);
        const b = allocate(total, [...shares].reverse());
        expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
        // Each part is its quota rounded down or up.
        const w = shares.reduce((n, s) => n + s.weight, 0n);
        for (const s of shares) {
          const q = (total * s.weight) / w;
          expect(a.get(s.key)! - q >= 0n && a.get(s.key)! - q <= 1n).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what cannot be split', () => {
    expect(() => allocate(-1n, [{ key: 'a', weight: 1n }])).toThrow(AllocationError);
    expect(() => allocate(5n, [{ key: 'a', weight: 0n }])).toThrow(expect.objectContaining({ problem: 'ALLOCATION_WEIGHTS_ALL_ZERO' }));
    expect(() => allocate(5n, [{ key: 'a', weight: 1n }, { key: 'a', weight: 2n }])).toThrow(expect.objectContaining({ problem: 'ALLOCATION_DUPLICATE_KEY', params: { key: 'a' } }));
    expect(() => allocate(5n, [])).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NOTHING_TO_SPLIT' }));
  });
});

describe('breakdown methods', () => {
  const months = ['2026-01', '2026-02', '2026-03'];

  it('weights: a seasonality profile must sum to 100 %', () => {
    const r = breakDown(1_000_000n, months, { kind: 'weights', percents: { '2026-01': '20', '2026-02': '30.5', '2026-03': '49.5' } });
    expect([...r.values()]).toEqual([200_000n, 305_000n, 495_000n]);
    expect(() => breakDown(1n, months, { kind: 'weights', percents: { '2026-01': '20', '2026-02': '30', '2026-03': '49.99' } })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_PERCENTS_NOT_100', params: { sum: '99.99' } }));
    expect(() => breakDown(1n, months, { kind: 'weights', percents: { '2026-01': '100' } as Record<string, string> })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NO_FIGURE', params: { key: '2026-02' } }));
  });

  it('history: in proportion to last year, exactly', () => {
    const r = breakDown(1_200_000n, ['a', 'b'], { kind: 'history', actuals: { a: 100n, b: 200n } });
    expect(Object.fromEntries(r)).toEqual({ a: 400_000n, b: 800_000n });
    expect(() => breakDown(1n, ['a'], { kind: 'history', actuals: {} })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NO_FIGURE', params: { key: 'a' } }));
  });

  it('growth: last year × (1 + g), rounded half-up per key', () => {
    const r = breakDown(0n, ['a', 'b'], { kind: 'growth', actuals: { a: 1_000_000n, b: 333n }, growthPercent: '20' });
    expect(Object.fromEntries(r)).toEqual({ a: 1_200_000n, b: 400n });
    expect(() => breakDown(0n, ['a'], { kind: 'growth', actuals: { a: 1n }, growthPercent: '12.345' })).toThrow(expect.objectContaining({ problem: 'ALLOCATION_TOO_MANY_DECIMALS', params: { key: 'growthPercent', value: '12.345', places: 2 } }));
  });

  it('headcount and days employed: joiners count for the days they are there', () => {
    expect(Object.fromEntries(breakDown(9n, ['t1', 't2'], { kind: 'headcount', heads: { t1: 2, t2: 1 } }))).toEqual({ t1: 6n, t2: 3n });
    // A joiner on the 12th of a 31-day month works 20 days.
    const r = breakDown(5_100_000n, ['old', 'new'], { kind: 'daysEmployed', days: { old: 31, new: 20 } });
    expect(Object.fromEntries(r)).toEqual({ old: 3_100_000n, new: 2_000_000n });
  });
});

describe('unit × period matrix', () => {
  it('keeps both row and column totals exactly', () => {
    const rows = [
      { key: 'east', weight: 1_000_001n },
      { key: 'south', weight: 999_999n },
      { key: 'north', weight: 7n },
    ];
    const cols = [
      { key: 'Q1', weight: 333_335n },
      { key: 'Q2', weight: 666_672n },
      { key: 'Q3', weight: 1_000_000n },
    ];
    const m = allocateMatrix(rows, cols);
    for (const r of rows) expect(sum(m.get(r.key)!)).toBe(r.weight);
    for (const c of cols) expect([...m.values()].reduce((n, row) => n + row.get(c.key)!, 0n)).toBe(c.weight);
  });

  it('holds both margins for any totals (property)', () => {
    const margins = fc
      .tuple(fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 13 }), fc.array(fc.nat(1000), { minLength: 13, maxLength: 13 }))
      .map(([rowValues, nCols, colWeights]) => {
        const total = rowValues.reduce((a, b) => a + b, 0n);
        const weights = colWeights.slice(0, nCols).map((w) => BigInt(w + 1));
        const cols = allocate(total, weights.map((weight, j) => ({ key: `c${String(j).padStart(2, '0')}`, weight })));
        return {
          rows: rowValues.map((weight, i) => ({ key: `r${i}`, weight })) as Share[],
          cols: [...cols].map(([key, weight]) => ({ key, weight })) as Share[],
        };
      });
    fc.assert(
      fc.property(margins, ({ rows, cols }) => {
        const m = allocateMatrix(rows, cols);
        for (const r of rows) expect(sum(m.get(r.key)!)).toBe(r.weight);
        for (const c of cols) expect([...m.values()].reduce((n, row) => n + row.get(c.key)!, 0n)).toBe(c.weight);
        const total = rows.reduce((n, r) => n + r.weight, 0n);
        for (const r of rows)
          for (const c of cols) {
            const v = m.get(r.key)!.get(c.key)!;
            const q = total === 0n ? 0n : (r.weight * c.weight) / total;
            expect(v >= q && v <= q + 1n).toBe(true);
          }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses margins that disagree', () => {
    expect(() => allocateMatrix([{ key: 'a', weight: 5n }], [{ key: 'x', weight: 4n }])).toThrow(expect.objectContaining({ problem: 'ALLOCATION_TOTALS_DIFFER', params: { rows: '5', columns: '4' } }));
  });
});

describe('allocateByLevels', () => {
  it('splits each row down the period tree: a quarter is a share of the year, a month a share of its quarter, every margin exact', () => {
    // Two quarters of two months each, 100 over rows of 34, 33 and 33.
    const periods = [
      { key: 'Q1', parent: null },
      { key: 'Q2', parent: null },
      { key: 'M1', parent: 'Q1' },
      { key: 'M2', parent: 'Q1' },
      { key: 'M3', parent: 'Q2' },
      { key: 'M4', parent: 'Q2' },
    ];
    const cells = allocateByLevels(
      [
        { key: 'a', weight: 34n },
        { key: 'b', weight: 33n },
        { key: 'c', weight: 33n },
      ],
      periods,
      new Map([['M1', 25n], ['M2', 25n], ['M3', 25n], ['M4', 25n]]),
    );
    for (const row of cells.values()) {
      expect(row.get('M1')! + row.get('M2')!).toBe(row.get('Q1'));
      expect(row.get('M3')! + row.get('M4')!).toBe(row.get('Q2'));
    }
    expect(['a', 'b', 'c'].map((r) => cells.get(r)!.get('Q1')! + cells.get(r)!.get('Q2')!)).toEqual([34n, 33n, 33n]);
    for (const k of ['Q1', 'Q2']) expect([...cells.values()].reduce((n, r) => n + r.get(k)!, 0n)).toBe(50n);
    for (const k of ['M1', 'M2', 'M3', 'M4']) expect([...cells.values()].reduce((n, r) => n + r.get(k)!, 0n)).toBe(25n);
    // Each quarter's 50 is 17 / 17 / 16 or 17 / 16 / 17: never more than one off a row's exact share.
    for (const [r, w] of [['a', 34n], ['b', 33n], ['c', 33n]] as const) for (const k of ['Q1', 'Q2']) expect(Math.abs(Number(cells.get(r)!.get(k)! * 100n - w * 50n))).toBeLessThan(100);
  });

  it('gives nothing everywhere when the rows have nothing', () => {
    const cells = allocateByLevels([{ key: 'a', weight: 0n }], [{ key: 'Q1', parent: null }, { key: 'M1', parent: 'Q1' }], new Map([['M1', 0n]]));
    expect(cells.get('a')).toEqual(new Map([['Q1', 0n], ['M1', 0n]]));
  });
});
