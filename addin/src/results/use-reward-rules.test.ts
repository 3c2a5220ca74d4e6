import { describe, expect, it } from 'vitest';
import { amountsOf } from './use-reward-rules.ts';

describe('amounts typed for the reward rules', () => {
  it('splits on commas, Chinese commas, 、, semicolons and spaces, and reads thousands separators', () => {
    expect(amountsOf('1000, 600, 300')).toEqual(['1000', '600', '300']);
    expect(amountsOf('1,000.00，600、300；50 20')).toEqual(['1000.00', '600', '300', '50', '20']);
    expect(amountsOf('1000,600,300')).toEqual(['1000', '600', '300']);
    expect(amountsOf('1,200, 800，400')).toEqual(['1200', '800', '400']);
    expect(amountsOf('  ')).toEqual([]);
  });
});
