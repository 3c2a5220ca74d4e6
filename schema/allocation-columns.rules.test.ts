/** Mutation-testing additions for allocateColumns and the rounding it shares with allocateMatrix (allocation.ts). */
import { describe, expect, it } from 'vitest';
import { allocateColumns, AllocationError } from './allocation.ts';

const table = (m: Map<string, Map<string, bigint>>) => Object.fromEntries([...m].map(([r, row]) => [r, Object.fromEntries(row)]));

describe('allocateColumns refuses', () => {
  it('a negative period total, naming the period', () => {
    expect(() => allocateColumns(['a'], [{ key: 'p1', weight: -1n }], () => 1n)).toThrow(AllocationError);
    expect(() => allocateColumns(['a'], [{ key: 'p1', weight: -1n }], () => 1n)).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NEGATIVE_WEIGHT', params: { key: 'p1' } }));
  });

  it('a negative weight, naming the owner and the period', () => {
    const f = () => allocateColumns(['a', 'b'], [{ key: 'p1', weight: 10n }], (r) => (r === 'b' ? -1n : 3n));
    expect(f).toThrow(AllocationError);
    expect(f).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NEGATIVE_WEIGHT', params: { key: 'b / p1' } }));
  });

  it('a period with a total that no owner has weight in, naming that period (not a vague "no rounding")', () => {
    const f = () => allocateColumns(['a', 'b'], [{ key: 'p1', weight: 4n }, { key: 'p2', weight: 5n }], (_, c) => (c === 'p2' ? 0n : 1n));
    expect(f).toThrow(AllocationError);
    expect(f).toThrow(expect.objectContaining({ problem: 'ALLOCATION_NO_SHARE_POSSIBLE', params: { key: 'p2' } }));
    // A period with no total and no weights is fine.
    expect(table(allocateColumns(['a', 'b'], [{ key: 'p1', weight: 4n }, { key: 'p2', weight: 0n }], (_, c) => (c === 'p2' ? 0n : 1n)))).toEqual({ a: { p1: 2n, p2: 0n }, b: { p1: 2n, p2: 0n } });
  });
});

describe('the units left over', () => {
  it('skip an owner whose periods are already full and go to the next largest fraction elsewhere', () => {
    // X (1 unit): a 2/5 = 0.4, b 3/5 = 0.6; Y (1 unit): c, d, e 1/3 each.
    // Fractions by row: b 0.6, a 0.4, c/d/e 0.333. b takes X's unit; a comes next
    // but X is full and b has nowhere else to go, so c (first by key) takes Y's.
    const m = allocateColumns(['a', 'b', 'c', 'd', 'e'], [{ key: 'X', weight: 1n }, { key: 'Y', weight: 1n }], (r, c) => {
      if (c === 'X') return r === 'a' ? 2n : r === 'b' ? 3n : 0n;
      return r === 'a' || r === 'b' ? 0n : 1n;
    });
    expect(table(m)).toEqual({
      a: { X: 0n, Y: 0n },
      b: { X: 1n, Y: 0n },
      c: { X: 0n, Y: 1n },
      d: { X: 0n, Y: 0n },
      e: { X: 0n, Y: 0n },
    });
  });
});
