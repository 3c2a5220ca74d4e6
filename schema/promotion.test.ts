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
  it('gives each requirement as a code with its figures, for the pane to say in the reader’s language', () => {
    expect(proposePromotion('SSE', 1_500_000n, [1_500_000n, 1_500_000n, 1_500_000n, 1_499_999n]).checks).toEqual([
      { criterion: 'OWN_SALES', actual: '15000.00', required: '15000.00', met: true },
      { criterion: 'TRAINEES', actual: '4', required: '4', met: true },
      { criterion: 'TRAINEE_SALES', actual: '59999.99', required: '60000.00', met: false },
    ]);
    expect(proposePromotion('SR', 1_600_000n, []).checks).toEqual([{ criterion: 'OWN_SALES', actual: '16000.00', required: '15000.00', met: true }]);
    expect(proposePromotion('TE', 9_000_000n, []).checks).toEqual([]);
  });
  it('one step at a time, and nothing above TE', () => {
    expect(proposePromotion('SR', 1_500_000n, []).to).toBe('SE');
    expect(proposePromotion('SR', 1_500_000n, Array(16).fill(5_000_000n)).to).toBe('SE');
    expect(proposePromotion('TE', 9_000_000n, [])).toMatchObject({ to: null, eligible: false });
  });
});
