/** A plan document's problems as reasons with parameters (the pane renders them by cell in either language). */
import { describe, expect, it } from 'vitest';
import { DIRECT_SALES_LADDER, BASE_PLUS_COMMISSION, planProblems } from './compensation.ts';

const ladder = () => structuredClone(DIRECT_SALES_LADDER) as any;
const brief = (doc: unknown) => planProblems(doc).map((p) => [p.path, p.reason, p.params]);

describe('planProblems', () => {
  it('finds none in the built-in plans', () => {
    expect(planProblems(ladder())).toEqual([]);
    expect(planProblems(structuredClone(BASE_PLUS_COMMISSION))).toEqual([]);
  });

  it('names amounts, percentages, codes and formulas with the text given', () => {
    const bad = ladder();
    bad.components[1].tiers[0].from = '13,000';
    bad.components[1].tiers[1].rate = '15%';
    bad.components[1].base = 'sales * bonus';
    bad.components[2].code = 'Morning star';
    bad.components[2].table[0].bonus = '99999999999999999';
    bad.code = 'ladder';
    expect(brief(bad)).toEqual(
      expect.arrayContaining([
        ['code', 'PLAN_CODE_INVALID', { value: 'ladder' }],
        ['components.1.tiers.0.from', 'PLAN_AMOUNT_INVALID', { value: '13,000' }],
        ['components.1.tiers.1.rate', 'PLAN_PERCENT_INVALID', { value: '15%' }],
        ['components.1.base', 'PLAN_FORMULA_INVALID', { value: 'sales * bonus' }],
        ['components.2.code', 'PLAN_COMPONENT_CODE_INVALID', { value: 'Morning star' }],
        ['components.2.table.0.bonus', 'PLAN_AMOUNT_TOO_LARGE', { value: '99999999999999999' }],
      ]),
    );
    expect(planProblems(bad)).toHaveLength(6);
  });

  it('names tiers that do not rise, a rank in two rows and a code used twice', () => {
    const bad = ladder();
    bad.components[1].tiers[2].from = '15000';
    bad.components[2].table[1].ranks.push('SR');
    bad.components[3].code = 'morningStar';
    expect(brief(bad)).toEqual([
      ['components.1.tiers.2.from', 'PLAN_TIERS_NOT_RISING', { from: '15000', previous: '15000' }],
      ['components.2.table.1.ranks', 'PLAN_RANK_TWICE', { rank: 'SR' }],
      ['components.3.code', 'PLAN_CODE_TWICE', { code: 'morningStar' }],
    ]);
  });

  it('names a rank given twice in one row as such, not as in two rows', () => {
    const bad = ladder();
    bad.components[2].table[0].ranks = ['SR', 'SE', 'SR'];
    expect(brief(bad)).toEqual([['components.2.table.0.ranks', 'PLAN_RANK_REPEATED', { rank: 'SR' }]]);
  });

  it('names missing values, empty lists, choices, kinds and whole numbers', () => {
    const bad = ladder();
    bad.components[0].label = '';
    bad.components[1].tiers = [];
    bad.components[1].mode = 'stepped';
    bad.components[2].byDay = 40;
    bad.components[3].table[0].ranks = ['SR', 'XX'];
    bad.components.push({ kind: 'bonusPool', code: 'pool', label: 'Pool' });
    expect(brief(bad)).toEqual(
      expect.arrayContaining([
        ['components.0.label', 'PLAN_VALUE_MISSING', {}],
        ['components.1.tiers', 'PLAN_LIST_EMPTY', {}],
        ['components.1.mode', 'PLAN_CHOICE_INVALID', { value: 'stepped' }],
        ['components.2.byDay', 'PLAN_WHOLE_NUMBER_INVALID', { value: '40', min: 1, max: 31 }],
        ['components.3.table.0.ranks.1', 'PLAN_CHOICE_INVALID', { value: 'XX' }],
        [`components.${bad.components.length - 1}.kind`, 'PLAN_KIND_INVALID', { value: 'bonusPool' }],
      ]),
    );
  });
});
