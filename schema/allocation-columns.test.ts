/** Owners × periods with weights per period: both margins exact, each owner's total the largest-remainder share. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, allocateColumns, AllocationError, type Share } from './allocation.ts';

const rowSum = (m: Map<string, Map<string, bigint>>, r: string) => [...m.get(r)!.values()].reduce((a, b) => a + b, 0n);
const colSum = (m: Map<string, Map<string, bigint>>, c: string) => [...m.values()].reduce((a, row) => a + row.get(c)!, 0n);
const equalColumns = (totals: bigint[]) => totals.map((weight, i) => ({ key: `p${String(i).padStart(2, '0')}`, weight }));

describe('allocateColumns', () => {
  it('ten new customers over three people and twelve months: 4/3/3, each month exact', () => {
    const months = equalColumns([...allocate(10n, Array.from({ length: 12 }, (_, i) => ({ key: `p${String(i).padStart(2, '0')}`, weight: 1n }))).values()]);
    const m = allocateColumns(['c', 'a', 'b'], months, () => 1n);
    expect(['a', 'b', 'c'].map((r) => rowSum(m, r))).toEqual([4n, 3n, 3n]);
    for (const c of months) expect(colSum(m, c.key)).toBe(c.weight);
  });

  it('100.00 over three people: 33.34 / 33.33 / 33.33', () => {
    const months = equalColumns(Array.from({ length: 12 }, (_, i) => (i < 4 ? 834n : 833n)));
    const m = allocateColumns(['x', 'y', 'z'], months, () => 1n);
    expect(['x', 'y', 'z'].map((r) => rowSum(m, r))).toEqual([3334n, 3333n, 3333n]);
  });

  it('gives nothing where the weight is zero (before joining)', () => {
    const m = allocateColumns(['old', 'new'], equalColumns([10n, 10n]), (r, c) => (r === 'new' && c === 'p00' ? 0n : 1n));
    expect(m.get('new')!.get('p00')).toBe(0n);
    expect(m.get('old')!.get('p00')).toBe(10n);
    expect(rowSum(m, 'old') + rowSum(m, 'new')).toBe(20n);
  });

  it('refuses a column nobody can take', () => {
    expect(() => allocateColumns(['a'], equalColumns([5n]), () => 0n)).toThrow(AllocationError);
    expect(() => allocateColumns(['a', 'a'], equalColumns([5n]), () => 1n)).toThrow(expect.objectContaining({ problem: 'ALLOCATION_DUPLICATE_KEY', params: { key: 'a' } }));
  });

  it('both margins hold, rows within one unit of the exact share, stable under reordering (property)', () => {
    const plan = fc.record({
      people: fc.integer({ min: 1, max: 12 }),
      periods: fc.constantFrom(4, 12, 36, 53),
      total: fc.oneof(fc.bigInt({ min: 0n, max: 200n }), fc.bigInt({ min: 0n, max: 10n ** 11n })),
      seed: fc.array(fc.bigInt({ min: 0n, max: 40n }), { minLength: 12 * 53, maxLength: 12 * 53 }),
      periodWeights: fc.array(fc.bigInt({ min: 0n, max: 9n }), { minLength: 53, maxLength: 53 }),
    });
    fc.assert(
      fc.property(plan, ({ people, periods, total, seed, periodWeights }) => {
        const rows = Array.from({ length: people }, (_, i) => `r${i}`);
        const weights = periodWeights.slice(0, periods);
        fc.pre(weights.some((x) => x > 0n));
        const cols: Share[] = [...allocate(total, weights.map((weight, j) => ({ key: `k${String(j).padStart(2, '0')}`, weight })))].map(([key, weight]) => ({ key, weight }));
        const w = (r: string, c: string) => seed[Number(r.slice(1)) * 53 + Number(c.slice(1))]!;
        // Every column with a total needs someone with a weight.
        fc.pre(cols.every((c) => c.weight === 0n || rows.some((r) => w(r, c.key) > 0n)));
        const m = allocateColumns(rows, cols, w);
        let grand = 0n;
        for (const c of cols) {
          expect(colSum(m, c.key)).toBe(c.weight);
          grand += colSum(m, c.key);
        }
        expect(grand).toBe(total);
        // Exact shares as fractions over the product of column weights.
        const W = cols.map((c) => rows.reduce((n, r) => n + w(r, c.key), 0n));
        for (const r of rows) {
          let num = 0n;
          let den = 1n;
          cols.forEach((c, j) => {
            if (W[j] === 0n) return;
            num = num * W[j]! + c.weight * w(r, c.key) * den;
            den *= W[j]!;
          });
          const got = rowSum(m, r);
          // floor(share) ≤ got ≤ ceil(share)
          expect(got * den >= num - den + 1n || num === 0n).toBe(true);
          expect(got * den <= num + den - 1n).toBe(true);
          for (const c of cols) expect(m.get(r)!.get(c.key)! >= 0n).toBe(true);
        }
        const reversed = allocateColumns([...rows].reverse(), [...cols].reverse(), w);
        for (const r of rows) expect(Object.fromEntries(reversed.get(r)!)).toEqual(Object.fromEntries(m.get(r)!));
      }),
      { numRuns: 200 },
    );
  });

  it('when every owner is weighted alike in every period, the row totals are the largest-remainder split of the total (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.constantFrom(4, 12, 36, 52), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.array(fc.bigInt({ min: 1n, max: 50n }), { minLength: 15, maxLength: 15 }), (people, periods, total, personWeights) => {
        const rows = Array.from({ length: people }, (_, i) => `r${String(i).padStart(2, '0')}`);
        const cols = [...allocate(total, Array.from({ length: periods }, (_, j) => ({ key: `k${String(j).padStart(2, '0')}`, weight: 1n })))].map(([key, weight]) => ({ key, weight }));
        const m = allocateColumns(rows, cols, (r) => personWeights[Number(r.slice(1))]!);
        const expected = allocate(total, rows.map((key, i) => ({ key, weight: personWeights[i]! })));
        for (const r of rows) expect(rowSum(m, r)).toBe(expected.get(r));
      }),
      { numRuns: 200 },
    );
  });
});
