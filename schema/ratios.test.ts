import { describe, expect, it } from 'vitest';
import { isWholeMonths, monthsTouched, ofSales } from './ratios.ts';
import { percentText } from './achievement.ts';

describe('the ratios of sales', () => {
  it('are exact pairs, none without sales', () => {
    // The seed's Hunan region: 开支比 9.6 %, 工资比 33.1 %.
    expect(percentText(ofSales(96_000n, 1_000_000n)!)).toBe('9.60');
    expect(percentText(ofSales(242_000n, 3_000_000n)!)).toBe('8.07');
    expect(ofSales(100n, 0n)).toBeNull();
    expect(ofSales(0n, -5n)).toBeNull();
  });

  it('read the months a range touches, across a year end', () => {
    expect(monthsTouched('2026-11-01', '2027-02-28')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsTouched('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });

  it('need whole months', () => {
    expect(isWholeMonths('2026-01-01', '2026-03-31')).toBe(true);
    expect(isWholeMonths('2028-02-01', '2028-02-29')).toBe(true);
    expect(isWholeMonths('2026-03-01', '2026-03-10')).toBe(false);
    expect(isWholeMonths('2026-03-02', '2026-03-31')).toBe(false);
  });
});
