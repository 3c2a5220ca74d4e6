/** What a signer sees: exact totals and changes against the previous month, money formatted by Intl. */
import { describe, expect, it } from 'vitest';
import { paneMoney, reviewLines } from './review.ts';

const totals = (net: string, gross: string, components: [string, string][]) => ({ headcount: 2, gross, deductions: '0.00', net, components: components.map(([key, total]) => ({ key, label: key, kind: key, total })) });

describe('the review of a run', () => {
  it('gives total net, total gross and each component with its exact change against the previous month', () => {
    const lines = reviewLines(
      { totals: totals('9526.92', '9576.92', [['base', '6500.00'], ['commission', '3076.92'], ['adjustments', '0.10']]), comparison: { base: { month: '2026-02', version: 1 }, baseTotals: totals('8180.77', '8180.77', [['base', '6450.00'], ['commission', '1730.77']]) } },
      { net: 'Net', gross: 'Gross' },
      'en',
    );
    expect(lines.map((l) => [l.key, l.amount, l.change])).toEqual([
      ['net', '9526.92', '1346.15'],
      ['gross', '9576.92', '1396.15'],
      ['base', '6500.00', '50.00'],
      ['commission', '3076.92', '1346.15'],
      ['adjustments', '0.10', '0.10'],
    ]);
    expect(reviewLines({ totals: totals('1.00', '1.00', []), comparison: { base: null, baseTotals: null } }, { net: 'Net', gross: 'Gross' }, 'en').map((l) => l.change)).toEqual([null, null]);
  });

  it('formats money with ¥, thousands separators and two decimals in either language', () => {
    expect(paneMoney('en-US', '1234567.5')).toBe('¥1,234,567.50');
    expect(paneMoney('zh-CN', '1234567.5')).toBe('¥1,234,567.50');
    expect(paneMoney('en-US', '1346.15', true)).toBe('+¥1,346.15');
    expect(paneMoney('en-US', '-0.30', true)).toBe('-¥0.30');
    expect(paneMoney('en-US', '0.00', true)).toBe('¥0.00');
  });
});
