import { describe, expect, it } from 'vitest';
import { proposePromotion } from './promotion.ts';

describe('promotion proposals', () => {
  it('SM needs own 15,000 and four trained reps selling 60,000 together', () => {
    expect(proposePromotion('SSE', 1_500_000n, [1_500_000n, 1_500_000n, 1_500_000n, 1_500_000n])).toMatchObject({ to: 'SM', eligible: true });
    const short = proposePromotion('SSE', 1_500_000n, [1_500_000n, 1_500_000n, 1_500_000n, 1_499_999n]);
    expect(short.eligible).toBe(false);
    expect(short.reasons).toContain('their sales 59999.99 < 60000.00');
    expect(proposePromotion('SSE', 1_499_999n, Array(4).fill(2_000_000n)).eligible).toBe(false);
    expect(proposePromotion('SSE', 2_000_000n, Array(3).fill(3_000_000n)).reasons).toContain('trained reps 3 < 4');
  });
  it('one step at a time, and nothing above TE', () => {
    expect(proposePromotion('SR', 1_500_000n, []).to).toBe('SE');
    expect(proposePromotion('SR', 1_500_000n, Array(16).fill(5_000_000n)).to).toBe('SE');
    expect(proposePromotion('TE', 9_000_000n, [])).toMatchObject({ to: null, eligible: false });
  });
});
