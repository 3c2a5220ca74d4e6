import { describe, expect, it } from 'vitest';
import { showMoney, sumMoney, yuanToMoney } from './money.ts';

describe('money typed in the pane', () => {
  it('turns yuan as typed into the API’s exact Money string', () => {
    expect(yuanToMoney('300')).toBe('300.00');
    expect(yuanToMoney(' -50.5 ')).toBe('-50.50');
    expect(yuanToMoney('1,200.07')).toBe('1200.07');
    expect(yuanToMoney('0.1')).toBe('0.10');
  });
  it('refuses what is not an amount, more than two decimals, and zero unless allowed', () => {
    for (const bad of ['', 'abc', '1.234', '1e3', '¥5', '--1']) expect(yuanToMoney(bad)).toBeNull();
    expect(yuanToMoney('0')).toBeNull();
    expect(yuanToMoney('0.00', { allowZero: true })).toBe('0.00');
  });
  it('shows amounts with ¥, separators and two decimals, exactly, beyond a double’s precision', () => {
    expect(showMoney('en', '1234.5')).toBe('¥1,234.50');
    expect(showMoney('en', '-50.10')).toBe('-¥50.10');
    expect(showMoney('zh-CN', '1234.50')).toBe('¥1,234.50');
    expect(showMoney('en', '90071992547409.93')).toBe('¥90,071,992,547,409.93');
  });
  it('adds exactly', () => {
    expect(sumMoney(['0.10', '0.20', '-50.10'])).toBe('-49.80');
    expect(sumMoney([])).toBe('0.00');
  });
});
