/** A payslip line's explanation in Chinese names the plan's measures and the working calendar in Chinese. */
import { describe, expect, it } from 'vitest';
import { calendarText, explain } from './explanations.ts';

describe('explanations in Chinese', () => {
  const commission = {
    rule: { code: 'commission' as const, mode: 'whole' as const, on: 'sales' as const, tiers: [{ from: '13000.00', rate: '10' }], base: 'sales * 0.9 / 1.17', cap: null },
    inputs: {},
    arithmetic: { code: 'commissionWhole' as const, baseFormula: 'sales * 0.9 / 1.17', base: '15384.62', on: 'sales' as const, value: '20000.00', from: '13000.00', rate: '20', amount: '3076.924', cap: null, fen: '3076.92' },
  };

  it('writes the commission base formula with 销售额, × and ÷, and English unchanged', () => {
    const zh = explain(commission as never, '提成', 'zh-CN');
    expect(zh.rule).toContain('提成基数 销售额 × 0.9 ÷ 1.17');
    expect(zh.arithmetic).toMatch(/^销售额 × 0\.9 ÷ 1\.17 = 15384\.62；/);
    expect(`${zh.rule}${zh.arithmetic}`).not.toMatch(/[A-Za-z]/);
    expect(explain(commission as never, 'Commission', 'en').rule).toContain('of the base sales * 0.9 / 1.17');
  });

  it('names the built-in calendar 中国', () => {
    const month = { name: 'CN', weekdays: 20, holidays: ['2026-02-16'], makeupDays: ['2026-02-14'], count: 20 };
    expect(calendarText(month, 'zh-CN')).toMatch(/^中国日历：工作日 20 天/);
    expect(calendarText(month, 'en')).toMatch(/^calendar CN: /);
    const base = explain({ rule: { code: 'base', prorate: true, calendar: true }, inputs: {}, arithmetic: { code: 'baseFull', full: '5000.00', days: 20 }, calendar: month } as never, '基本工资', 'zh-CN');
    expect(base.rule).toBe('月基本工资，按在岗工作日折算；工作日按中国日历');
  });

  it('says a rank earns none of an override by the component’s own name (团队奖), not another item’s', () => {
    const line = { rule: { code: 'override', rate: '2', qualifying: '10000.00', ranks: ['SE', 'SSE'] }, inputs: {}, arithmetic: { code: 'overrideNotEligible', rank: 'SR' } };
    expect(explain(line as never, '团队奖', 'zh-CN').arithmetic).toBe('职级 SR 不享受“团队奖”');
    expect(explain(line as never, 'Team bonus', 'en').arithmetic).toBe('rank SR earns no Team bonus');
  });
});
