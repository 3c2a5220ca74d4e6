import { describe, expect, it } from 'vitest';
import { equalWeights, weightsSum } from './weights.ts';

describe('weights per row or period', () => {
  it('shares 100 % equally to four decimals, summing to exactly 100', () => {
    const w = equalWeights(['a', 'b', 'c']);
    expect(w).toEqual({ a: '33.3334', b: '33.3333', c: '33.3333' });
    expect(weightsSum(w)).toBe('100');
    expect(weightsSum(equalWeights(Array.from({ length: 12 }, (_, i) => String(i))))).toBe('100');
  });

  it('sums what was typed exactly, and refuses what is not a percentage', () => {
    expect(weightsSum({ a: '10.5', b: '89.5' })).toBe('100');
    expect(weightsSum({ a: '0.1', b: '0.2' })).toBe('0.3');
    expect(weightsSum({ a: '10', b: 'x' })).toBeNull();
    expect(weightsSum({ a: '1.23456' })).toBeNull();
  });
});
