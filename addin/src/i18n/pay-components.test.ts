/** The built-in plans' component names and the product's own adjustment reasons, in the reader's language; anyone else's labels as written. */
import { describe, expect, it } from 'vitest';
import { BASE_PLUS_COMMISSION, DIRECT_SALES_LADDER } from '../../../schema/compensation.ts';
import { componentKey } from '../../../schema/payroll-report.ts';
import { TOP_THREE_REASON } from '../../../server/seed/demo-payroll.ts';
import { componentName, lineName, NAMED_COMPONENTS, reasonText } from './pay-components.ts';

const builtIn = [...DIRECT_SALES_LADDER.components, ...BASE_PLUS_COMMISSION.components];
const named = (locale: 'en' | 'zh-CN') => DIRECT_SALES_LADDER.components.map((c) => componentName(locale, { key: componentKey(c), label: c.label }));

describe('the built-in plans’ component names', () => {
  it('names every component of the built-in plans in English, and in zh-CN exactly as the plan stores it', () => {
    expect(named('en')).toEqual(['Base salary', 'Commission', 'Morning Star bonus', 'Open Star bonus', 'Team bonus', 'Attendance deductions', 'Rewards & penalties']);
    expect(named('zh-CN')).toEqual(['基本工资', '提成', '晨星奖', '开星奖', '团队奖', '考勤扣款', '奖惩']);
    // Every built-in component (both plans) has its name in the catalogue: none reaches an English reader in Chinese.
    for (const c of builtIn) {
      expect(NAMED_COMPONENTS).toContain(componentKey(c));
      expect(componentName('en', { key: componentKey(c), label: c.label })).toMatch(/^[A-Za-z &]+$/);
      expect(componentName('zh-CN', { key: componentKey(c), label: c.label })).toBe(c.label);
    }
  });

  it('keeps a label a plan’s author wrote, in either language; the API keeps every label as stored', () => {
    expect(componentName('en', { key: 'base', label: '底薪' })).toBe('底薪');
    expect(componentName('zh-CN', { key: 'base', label: 'Basic pay' })).toBe('Basic pay');
    expect(componentName('en', { key: 'quarterBonus', label: '季度奖' })).toBe('季度奖');
    // A built-in name under another code is that plan's own label.
    expect(componentName('en', { key: 'bonus', label: '晨星奖' })).toBe('晨星奖');
    expect(componentName('en', { key: 'constructor', label: '基本工资' })).toBe('基本工资');
    // The built-in name written in English reads in Chinese to a Chinese reader.
    expect(componentName('zh-CN', { key: 'base', label: 'Base salary' })).toBe('基本工资');
    expect(componentName('api', { key: 'base', label: '基本工资' })).toBe('基本工资');
  });

  it('names a payslip line: an adjustment by the component’s name and its reason, a reason the product wrote in the reader’s words', () => {
    const reward = { code: 'adjustment1', kind: 'adjustments', label: '奖惩: 月度销售前三名奖励（第2名）' };
    expect(lineName('en', reward)).toBe('Rewards & penalties: Monthly top-three sales reward (place 2)');
    expect(lineName('zh-CN', reward)).toBe('奖惩: 月度销售前三名奖励（第2名）');
    expect(lineName('api', reward)).toBe('奖惩: 月度销售前三名奖励（第2名）');
    // A reason someone typed is theirs; a customer's own adjustments label keeps the line as written.
    expect(lineName('en', { ...reward, label: '奖惩: 季度前三名奖励' })).toBe('Rewards & penalties: 季度前三名奖励');
    expect(lineName('en', { ...reward, label: '奖金: 月度销售前三名奖励（第2名）' })).toBe('奖金: 月度销售前三名奖励（第2名）');
    expect(lineName('en', { code: 'override', kind: 'override', label: '团队奖' })).toBe('Team bonus');
  });

  it('says the demo’s top-three rewards in English, and as written in zh-CN', () => {
    const reasons = [1, 2, 3].map((place) => `${TOP_THREE_REASON}（第${place}名）`);
    expect(reasons.map((r) => reasonText('en', r))).toEqual(['Monthly top-three sales reward (place 1)', 'Monthly top-three sales reward (place 2)', 'Monthly top-three sales reward (place 3)']);
    expect(reasons.map((r) => reasonText('zh-CN', r))).toEqual(reasons);
    expect(reasonText('en', '前三名奖励')).toBe('前三名奖励');
  });
});
