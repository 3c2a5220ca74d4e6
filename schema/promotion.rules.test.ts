/** The promotion ladder pinned row by row (issue 7 §9; see schema/MUTATION.md). */
import { describe, expect, it } from 'vitest';
import { LADDER, OWN_SALES_FEN, proposePromotion } from './promotion.ts';
import type { Rank } from './compensation.ts';

// Each step up: [from, to, trained reps needed, their sales needed in fen].
const STEPS: [Rank, Rank, number, bigint][] = [
  ['SR', 'SE', 0, 0n],
  ['SE', 'SSE', 2, 3_000_000n],
  ['SSE', 'SM', 4, 6_000_000n],
  ['SM', 'SSM', 6, 10_000_000n],
  ['SSM', 'SD', 8, 16_000_000n],
  ['SD', 'SSD', 12, 24_000_000n],
  ['SSD', 'TE', 16, 32_000_000n],
];

/** `count` trainees whose sales sum to exactly `total` (the first takes the remainder). */
const trainees = (count: number, total: bigint) => Array.from({ length: count }, (_, i) => total / BigInt(count) + (i === 0 ? total % BigInt(count) : 0n));

describe('the ladder, step by step', () => {
  it('own sales of 15,000 exactly', () => {
    expect(OWN_SALES_FEN).toBe(1_500_000n);
    expect(proposePromotion('SR', 1_500_000n, [])).toMatchObject({ from: 'SR', to: 'SE', eligible: true });
    expect(proposePromotion('SR', 1_499_999n, [])).toMatchObject({ from: 'SR', to: 'SE', eligible: false });
  });

  it.each(STEPS)('%s → %s needs %i trained reps selling %i fen together', (from, to, count, total) => {
    expect(LADDER[to as Exclude<Rank, 'SR'>]).toEqual({ trainees: count, traineeSalesFen: total });
    expect(proposePromotion(from, OWN_SALES_FEN, trainees(count, total))).toEqual({ from, to, eligible: true, reasons: expect.any(Array), checks: expect.any(Array) });
    if (count > 0) {
      // one trained rep fewer, the same sales
      expect(proposePromotion(from, OWN_SALES_FEN, trainees(count - 1, total)).eligible).toBe(false);
      // enough reps, one fen short
      expect(proposePromotion(from, OWN_SALES_FEN, trainees(count, total - 1n)).eligible).toBe(false);
    }
    // everything but own sales
    expect(proposePromotion(from, OWN_SALES_FEN - 1n, trainees(count, total)).eligible).toBe(false);
  });

  it('says why', () => {
    expect(proposePromotion('SE', 1_500_000n, [1_000_000n, 2_000_000n]).reasons).toEqual(['own sales 15000.00 ≥ 15000.00', 'trained reps 2 ≥ 2', 'their sales 30000.00 ≥ 30000.00']);
    expect(proposePromotion('SR', 1_499_999n, []).reasons).toEqual(['own sales 14999.99 < 15000.00']);
    expect(proposePromotion('TE', 0n, []).reasons).toEqual(['TE is the top of the ladder']);
  });
});
