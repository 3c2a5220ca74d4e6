/** A payslip line's explanation in words: measures, ranks and the working calendar by name, money grouped (the API keeps them as stored). */
import { describe, expect, it } from 'vitest';
import { calendarText, explain } from './explanations.ts';

describe('explanations in Chinese', () => {
  const commission = {
    rule: { code: 'commission' as const, mode: 'whole' as const, on: 'sales' as const, tiers: [{ from: '13000.00', rate: '10' }], base: 'sales * 0.9 / 1.17', cap: null },
    inputs: {},
    arithmetic: { code: 'commissionWhole' as const, baseFormula: 'sales * 0.9 / 1.17', base: '15384.62', on: 'sales' as const, value: '20000.00', from: '13000.00', rate: '20', amount: '3076.924', cap: null, fen: '3076.92' },
  };

  it('writes the commission base formula with 销售额 / sales, × and ÷, and its money grouped with two decimals, in both languages', () => {
    const zh = explain(commission as never, '提成', 'zh-CN');
    expect(zh.rule).toBe('全额累进提成，按销售额分档（≥ 13,000.00：10%），提成基数 销售额 × 0.9 ÷ 1.17');
    expect(zh.arithmetic).toBe('销售额 × 0.9 ÷ 1.17 = 15,384.62；销售额 20,000.00 ≥ 13,000.00 → 全额按 20%；15,384.62 × 20% = 3,076.924 → 3,076.92（四舍五入到分）');
    expect(`${zh.rule}${zh.arithmetic}`).not.toMatch(/[A-Za-z]/);
    // English reads the formula the same way (it showed the plan's raw "sales * 0.9 / 1.17").
    expect(explain(commission as never, 'Commission', 'en').rule).toBe('Whole-amount tiers on sales (≥ 13,000.00: 10 %) of the base sales × 0.9 ÷ 1.17');
    // The API keeps what it always said.
    expect(explain(commission as never, 'Commission', 'api').rule).toContain('of the base sales * 0.9 / 1.17');
    expect(explain(commission as never, 'Commission', 'api').arithmetic).toMatch(/^sales \* 0\.9 \/ 1\.17 = 15384\.62; /);
  });

  it('says what the days an attendance deduction charges are when more than one kind makes them up', () => {
    const line = (dayParts?: { absent: number; unslipped: number; personalLeave: number }) => ({
      rule: { code: 'attendance', perLate: '50', freeLates: 2, personalLeaveDayPay: true, calendar: true, fieldVisitWithoutSlip: 'absent' },
      inputs: {},
      arithmetic: { code: 'attendance', charged: 2, perLate: '50', days: 4, ...(dayParts ? { dayParts } : {}), base: '3000.00', workingDays: 21, total: '671.43' },
    });
    const mixed = line({ absent: 3, unslipped: 1, personalLeave: 0 });
    expect(explain(mixed as never, '考勤扣款', 'zh-CN').arithmetic).toBe('2 × 50.00 + (旷工 3 + 无出访单外勤 1) × 3,000.00 ÷ 21 = 扣 671.43');
    expect(explain(mixed as never, 'Attendance', 'en').arithmetic).toBe('2 × 50.00 + (3 absent + 1 field visits without a slip) × 3,000.00 ÷ 21 = 671.43 deducted');
    // One kind alone, or an explanation frozen before the kinds were kept: the number of days.
    expect(explain(line({ absent: 4, unslipped: 0, personalLeave: 0 }) as never, 'Attendance', 'en').arithmetic).toBe('2 × 50.00 + 4 × 3,000.00 ÷ 21 = 671.43 deducted');
    expect(explain(line() as never, '考勤扣款', 'zh-CN').arithmetic).toBe('2 × 50.00 + 4 × 3,000.00 ÷ 21 = 扣 671.43');
  });

  it('shows marginal tiers’ slices summed and how the sum is applied to the base', () => {
    const line = {
      rule: { code: 'commission', mode: 'marginal', on: 'sales', tiers: [{ from: '13000.00', rate: '10' }, { from: '15000.00', rate: '15' }], base: 'sales * 0.9 / 1.17', cap: null },
      inputs: {},
      arithmetic: { code: 'commissionMarginal', baseFormula: 'sales * 0.9 / 1.17', base: '15384.6153…', on: 'sales', value: '20000.00', slices: [{ slice: '2000.00', rate: '10' }, { slice: '5000.00', rate: '15' }], sliced: '950.00', amount: '730.7692…', cap: null, fen: '730.77' },
    };
    expect(explain(line as never, 'Commission', 'en').arithmetic).toBe(
      'sales × 0.9 ÷ 1.17 = 15,384.6153…; slices of sales 20,000.00: 2,000.00 × 10 % + 5,000.00 × 15 % = 950.00; applied to the base: 950.00 × 15,384.6153… ÷ 20,000.00 = 730.7692… → 730.77 (rounded half-up to the fen)',
    );
    expect(explain(line as never, '提成', 'zh-CN').arithmetic).toBe(
      '销售额 × 0.9 ÷ 1.17 = 15,384.6153…；销售额 20,000.00 分段：2,000.00 × 10% + 5,000.00 × 15% = 950.00；折算到基数：950.00 × 15,384.6153… ÷ 20,000.00 = 730.7692… → 730.77（四舍五入到分）',
    );
  });

  it('lists each span of a base salary that changed in the month, at its working days, in both languages', () => {
    const line = {
      rule: { code: 'base', prorate: true, calendar: false },
      inputs: {},
      arithmetic: { code: 'baseSpans', spans: [{ from: '2026-11-01', to: '2026-11-15', full: '5000.00', employed: 10 }, { from: '2026-11-16', to: '2026-11-30', full: '6000.00', employed: 11 }], days: 21, amount: '5523.81' },
    };
    const zh = explain(line as never, '基本工资', 'zh-CN').arithmetic;
    expect(zh).toBe('5,000.00 × 10 ÷ 21（2026-11-01 至 2026-11-15） + 6,000.00 × 11 ÷ 21（2026-11-16 至 2026-11-30） = 5,523.81（月内基本工资有调整；四舍五入到分）');
    expect(zh).not.toMatch(/[A-Za-z]/);
    expect(explain(line as never, 'Base', 'en').arithmetic).toBe('5,000.00 × 10 ÷ 21 (2026-11-01 to 2026-11-15) + 6,000.00 × 11 ÷ 21 (2026-11-16 to 2026-11-30) = 5,523.81 (the base changed in the month; rounded half-up to the fen)');
  });

  it('groups the figures put in the formula and an exact quotient, keeping the quotient’s digits', () => {
    const line = { ...commission, arithmetic: { ...commission.arithmetic, baseFormula: '23588.00 * 0.9 / 1.17', base: '18144.6153…', value: '23588.00', amount: '3628.923…', fen: '3628.92' } };
    expect(explain(line as never, '提成', 'zh-CN').arithmetic).toMatch(/^23,588\.00 × 0\.9 ÷ 1\.17 = 18,144\.6153…；销售额 23,588\.00 ≥ 13,000\.00 .* = 3,628\.923… → 3,628\.92（四舍五入到分）$/);
    expect(explain(line as never, 'Commission', 'en').arithmetic).toMatch(/^23,588\.00 × 0\.9 ÷ 1\.17 = 18,144\.6153…; sales 23,588\.00 ≥ 13,000\.00 /);
  });

  it('names ranks by the catalogue’s labels and says the thresholds and bonuses as money', () => {
    const milestone = {
      rule: { code: 'milestone', byDay: 15, table: [{ ranks: ['SR', 'SE', 'SSE'], threshold: '15000', bonus: '1500' }] },
      inputs: { rank: 'SSE', salesBy: '16000.5' },
      arithmetic: { code: 'milestone', byDay: 15, reached: '16000.50', threshold: '15000.00', met: true, rank: 'SSE', amount: '1500.00' },
    };
    const zh = explain(milestone as never, '晨星', 'zh-CN');
    expect(zh.rule).toBe('截至 15 日销售额达到职级门槛即发奖金（业务代表 SR/销售主任 SE/资深销售主任 SSE：15,000.00 → 1,500.00）');
    expect(zh.arithmetic).toBe('截至 15 日销售额：16,000.50 ≥ 15,000.00（职级 资深销售主任 SSE）→ 1,500.00');
    expect(zh.inputs).toEqual([{ name: '职级', value: '资深销售主任 SSE' }, { name: '截至 15 日销售额', value: '16,000.50' }]);
    expect(explain(milestone as never, 'Morning star', 'en').rule).toBe("Bonus when sales by the 15th reach the rank's threshold (SR/SE/SSE: 15,000.00 → 1,500.00)");
    const override = { rule: { code: 'override', rate: '2', qualifying: '10000', ranks: ['SM', 'SSM'] }, inputs: { 王芳: '12000.00' }, arithmetic: { code: 'override', sales: ['12000.00'], rate: '2', amount: '240.00' } };
    const o = explain(override as never, '团队奖', 'zh-CN');
    expect(o.rule).toBe('所带新人中销售额不低于 10,000.00 者，按其销售额的 2% 计发（适用职级 销售经理 SM、资深销售经理 SSM）');
    expect(o.arithmetic).toBe('(12,000.00) × 2% = 240.00');
    expect(o.inputs).toEqual([{ name: '王芳', value: '12,000.00' }]);
    expect(explain(milestone as never, 'Morning star', 'api').rule).toBe("Bonus when sales by the 15th reach the rank's threshold (SR/SE/SSE: 15000 → 1500)");
  });

  it('names the built-in calendar 中国', () => {
    const month = { name: 'CN', weekdays: 20, holidays: ['2026-02-16'], makeupDays: ['2026-02-14'], count: 20 };
    expect(calendarText(month, 'zh-CN')).toMatch(/^中国日历：工作日 20 天/);
    expect(calendarText(month, 'en')).toMatch(/^calendar China: /);
    const line = { rule: { code: 'base', prorate: true, calendar: true }, inputs: {}, arithmetic: { code: 'baseFull', full: '5000.00', days: 20 }, calendar: month };
    const base = explain(line as never, '基本工资', 'zh-CN');
    expect(base.rule).toBe('月基本工资，按在岗工作日折算；工作日按中国日历');
    expect(explain(line as never, 'Base', 'en').rule).toBe('Monthly base, pro-rated by working days employed; working days per calendar China');
    expect(explain(line as never, 'Base', 'api').rule).toBe('Monthly base, pro-rated by working days employed; working days per calendar CN');
  });

  it('says a rank earns none of an override by the component’s own name (团队奖), not another item’s', () => {
    const line = { rule: { code: 'override', rate: '2', qualifying: '10000.00', ranks: ['SE', 'SSE'] }, inputs: {}, arithmetic: { code: 'overrideNotEligible', rank: 'SR' } };
    expect(explain(line as never, '团队奖', 'zh-CN').arithmetic).toBe('职级 业务代表 SR 不享受“团队奖”');
    expect(explain(line as never, 'Team bonus', 'en').arithmetic).toBe('rank SR earns no Team bonus');
  });
});
