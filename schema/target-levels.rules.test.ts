/** Mutation-testing additions for the rules of plans of several levels (target-rollup.ts, target-plan-check.ts, target-validation.ts). */
import { describe, expect, it } from 'vitest';
import { rollUpAmounts } from './target-rollup.ts';

const cal = { firstMonth: 1 };
const roll = (entries: [string, bigint][]) => rollUpAmounts(new Map(entries), 2026, cal);
const fullYear = (v: bigint) => Array.from({ length: 12 }, (_, i) => [`2026-${String(i + 1).padStart(2, '0')}`, v] as [string, bigint]);

describe('rollUpAmounts', () => {
  it('a month given keeps its figure over the sum of its weeks', () => {
    const r = roll([
      ['2026-01-W1', 1n],
      ['2026-01-W2', 2n],
      ['2026-01', 10n],
    ]);
    expect(r.get('2026-01')).toBe(10n);
  });

  it('a quarter given keeps its figure over the sum of its months, and the year counts it', () => {
    const r = roll([...fullYear(1n), ['2026-Q2', 9n]]);
    expect(r.get('2026-Q1')).toBe(3n);
    expect(r.get('2026-Q2')).toBe(9n);
    expect(r.get('2026')).toBe(3n + 9n + 3n + 3n);
  });

  it('a year given keeps its figure over the sum of its quarters', () => {
    const r = roll([...fullYear(1n), ['2026', 100n]]);
    expect(r.get('2026-Q4')).toBe(3n);
    expect(r.get('2026')).toBe(100n);
  });

  it('only keys that are a week or ten-day block of a month roll up to it', () => {
    const r = roll([
      ['x2026-01-W1', 1n],
      ['2026-01-W1x', 2n],
      ['2026-02-D3', 4n],
    ]);
    expect(r.has('2026-01')).toBe(false);
    expect(r.has('x2026-01')).toBe(false);
    expect(r.get('2026-02')).toBe(4n);
    expect([...r.keys()].sort()).toEqual(['2026-01-W1x', '2026-02', '2026-02-D3', 'x2026-01-W1']);
  });
});
