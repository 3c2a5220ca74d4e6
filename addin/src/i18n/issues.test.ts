/** Target issues in the reader's language, from rule and params only. */
import { describe, expect, it } from 'vitest';
import { validateTargetGrid, type Rule } from '../../../schema/target-validation.ts';
import { period } from '../../../schema/periods.ts';
import { describeIssue, issueWords } from './issues.ts';
import { formatPeriod, formatMoneyText, groupDecimal } from './format.ts';

const months = ['2026-01', '2026-02', '2026-03'].map((k) => period(k));
const grid = (cells: unknown[][]) =>
  validateTargetGrid({
    metric: 'SALES_AMOUNT',
    level: 'BASE',
    owners: [
      { key: 'p1', name: '王芳' },
      { key: 'p2', name: '李强' },
    ],
    periods: months,
    cells,
    periodTotals: new Map(months.map((p) => [p.key, 2000000n])),
  });

describe('target issues in either language', () => {
  it('a sum that is off says by how much, with money grouped and the period named', () => {
    const [issue] = grid([[10000, 10000, 10000.01], [10000, 10000, 10000]]).issues;
    expect(describeIssue(issue!, 'zh-CN', 'money')).toBe('2026年3月：各行合计 ¥20,000.01，但该期间目标为 ¥20,000.00（多出 ¥0.01）');
    expect(describeIssue(issue!, 'en', 'money')).toBe("Mar 2026: the rows add up to ¥20,000.01, but the period's target is ¥20,000.00 (over by ¥0.01)");
    // The API's English message keeps the figures as the API gives them.
    expect(describeIssue(issue!, 'en', 'money', true)).toBe("2026-03: the rows add up to 20000.01, but the period's target is 20000.00 (over by 0.01)");
  });

  it('a cell that is not a number says why, in the reader’s words only', () => {
    const [issue] = grid([[10000, 'ten', 10000], [10000, 10000, 10000]]).issues;
    expect(describeIssue(issue!, 'zh-CN', 'money')).toBe('王芳，2026年2月：“ten”是文本，不是数字');
    expect(describeIssue(issue!, 'en', 'money')).toBe('王芳, Feb 2026: “ten” is text, not a number');
  });

  it('every template names only params its rule gives', () => {
    // The params each rule emits (schema/target-validation.ts, target-plan-check.ts).
    const given: Record<Rule, string[]> = {
      notANumber: ['owner', 'period', 'found', 'detail'],
      negative: ['owner', 'period', 'found', 'detail'],
      fraction: ['owner', 'period', 'found', 'detail'],
      tooLarge: ['owner', 'period', 'found', 'detail'],
      sum: ['period', 'expected', 'found', 'direction', 'diff'],
      rowTotal: ['owner', 'expected', 'found'],
      levelSum: ['owner', 'period', 'expected', 'found'],
      parentTotal: ['owner', 'expected', 'found', 'parentPlan'],
      missingOwner: ['owner'],
      unexpectedOwner: ['owner'],
      duplicateOwner: ['owner', 'firstRow'],
      beforeJoining: ['owner', 'period', 'hireDate'],
      afterLeaving: ['owner', 'period', 'leaveDate'],
      stretchBelowBase: ['owner', 'period', 'found', 'base'],
      lockedPeriod: ['owner', 'period', 'locked', 'expected', 'found'],
      baseAboveStretch: ['owner', 'period', 'found', 'stretch'],
      unknownPeriod: ['period', 'first', 'last'],
      duplicateCell: ['owner', 'period'],
    };
    for (const words of Object.values(issueWords)) {
      for (const [rule, template] of Object.entries(words.rules)) {
        const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const n of names) expect(given[rule as Rule], `${rule} names {${n}}`).toContain(n);
      }
      expect(Object.keys(words.rules).sort()).toEqual(Object.keys(given).sort());
    }
  });
});

describe('formats', () => {
  it('money is grouped with two decimals, exactly, as text', () => {
    expect(groupDecimal('1234567.5')).toBe('1,234,567.50');
    expect(groupDecimal('90071992547409.91')).toBe('90,071,992,547,409.91');
    expect(formatMoneyText('-3.1')).toBe('-¥3.10');
    expect(formatMoneyText('0')).toBe('¥0.00');
  });
  it('periods are named the way people say them', () => {
    expect(['2026', '2026-Q2', '2026-03', '2026-03-W2', '2026-03-D3', '2026-W09'].map((k) => formatPeriod(k, 'zh-CN'))).toEqual(['2026年', '2026年第2季度', '2026年3月', '2026年3月第2周', '2026年3月下旬', '2026年第9周']);
    expect(['2026', '2026-Q2', '2026-03', '2026-03-W2'].map((k) => formatPeriod(k, 'en'))).toEqual(['2026', 'Q2 2026', 'Mar 2026', 'Mar 2026 week 2']);
  });
});
