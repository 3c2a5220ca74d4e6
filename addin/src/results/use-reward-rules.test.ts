import { describe, expect, it } from 'vitest';
import { amountsOf } from './use-reward-rules.ts';

describe('amounts typed for the reward rules', () => {
  it('splits on commas, Chinese commas, 、, semicolons and spaces, and reads thousands separators', () => {
    const ok = (amounts: string[]) => ({ amounts, ambiguous: null });
    expect(amountsOf('1000, 600, 300')).toEqual(ok(['1000', '600', '300']));
    expect(amountsOf('1,000.00，600、300；50 20')).toEqual(ok(['1000.00', '600', '300', '50', '20']));
    expect(amountsOf('1000,600,300')).toEqual(ok(['1000', '600', '300']));
    expect(amountsOf('1,200.00, 800，400')).toEqual(ok(['1200.00', '800', '400']));
    expect(amountsOf('  ')).toEqual(ok([]));
  });

  it('never guesses whether 1,200 or 600,300 is one amount or two', () => {
    expect(amountsOf('600,300').ambiguous).toBe('600,300');
    expect(amountsOf('1,200, 800').ambiguous).toBe('1,200');
    expect(amountsOf('1000,60').ambiguous).toBeNull();
  });
});
