/**
 * Growth broken down to people (brief §3: last year's actuals × (1 +
 * growth %)): each person's year is their own figure, pro-rated by the days
 * of the year they are employed; nobody's share goes to the others, and the
 * scope's row and the plan's total are the people's sums, to the fen.
 */
import { describe, expect, it } from 'vitest';
import { computeBreakdown } from './plans.ts';
import { planPeriods } from '../../schema/periods.ts';
import type { PlanRecord, PlanShape } from './plan-shape.ts';

const plan: PlanRecord = { id: 'p', year: 2027, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: 'team', periodLevel: 'month', ownerKind: 'PERSON', total: 0n };
const shape: PlanShape = {
  periods: planPeriods('2027', ['month']),
  scope: { id: 'team', name: '测试一组', path: '/c/team/', code: 'TX1' },
  owners: [
    { key: 'p1', name: '甲' },
    { key: 'p2', name: '乙' },
    { key: 'p3', name: '丙', hireDate: '2027-04-16' },
    { key: 'p4', name: '丁', leaveDate: '2027-08-20' },
  ],
  yearStart: '2027-01-01',
  yearEnd: '2027-12-31',
};
// Last year: 2,000.00, 2,345.67, nothing (joined this year), 999.99; days employed this year: 365, 365, 260 (from 16 April), 232 (to 20 August).
const figures = {
  historyByPeriod: new Map<string, bigint>(),
  historyByOwner: new Map([['p1', 200_000n], ['p2', 234_567n], ['p3', 0n], ['p4', 99_999n]]),
  headcount: new Map<string, number>(),
  ownerDays: new Map([['p1', 365], ['p2', 365], ['p3', 260], ['p4', 232]]),
  profile: undefined,
};

describe('growth to people', () => {
  it('gives each person last year × 1.2, a leaver pro-rated to their days, and the plan their sum', () => {
    const { total, lines } = computeBreakdown(plan, shape, { kind: 'EQUAL' }, { kind: 'GROWTH', growthPercent: '20' }, figures);
    const fen = (amount: unknown) => BigInt(String(amount).replace('.', ''));
    const year = (o: string) => {
      const f = lines.filter((l) => l.ownerId === o).reduce((n, l) => n + fen(l.amount), 0n);
      return `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
    };
    // 2,400.00 and 2,814.80 (2,814.804 half up); 999.99 × 1.2 = 1,199.99, × 232 / 365 = 762.73; the joiner had nothing last year.
    expect(['p1', 'p2', 'p3', 'p4'].map(year)).toEqual(['2400.00', '2814.80', '0.00', '762.73']);
    expect(total).toBe(597_753n);
    expect(year('team')).toBe('5977.53');
    const month = (o: string, k: string) => lines.find((l) => l.ownerId === o && l.periodKey === k)!.amount;
    // Equal months for the full-year people; nothing for the leaver after August; each month's scope figure is the people's sum.
    expect(month('p1', '2027-01')).toBe('200.00');
    expect(['2027-09', '2027-12'].map((k) => month('p4', k))).toEqual(['0.00', '0.00']);
    for (const k of planPeriods('2027', ['month']).map((p) => p.key)) {
      const people = ['p1', 'p2', 'p3', 'p4'].reduce((n, o) => n + fen(month(o, k)), 0n);
      expect(fen(month('team', k))).toBe(people);
    }
  });
  it('a leaver in months the time method weighs 0 %: their year goes by the share of those months they were employed, not refused', () => {
    const months = planPeriods('2027', ['month']);
    const percents = months.map((p, i) => ({ key: p.key, percent: i < 2 ? '0' : '10' }));
    const two: PlanShape = { ...shape, owners: [{ key: 'p1', name: '甲' }, { key: 'p4', name: '丁', leaveDate: '2027-02-20' }] };
    const few = { ...figures, historyByOwner: new Map([['p1', 200_000n], ['p4', 100_000n]]), ownerDays: new Map([['p1', 365], ['p4', 51]]) };
    const { lines } = computeBreakdown(plan, two, { kind: 'WEIGHTS', percents }, { kind: 'GROWTH', growthPercent: '20' }, few);
    const cell = (o: string, k: string) => lines.find((l) => l.ownerId === o && l.periodKey === k)!.amount;
    // 1,200.00 × 51 / 365 = 167.67, as equal months would give it: all of January, 20 of February's 28 days (1 : 20/28).
    expect([cell('p4', '2027-01'), cell('p4', '2027-02'), cell('p4', '2027-03')]).toEqual(['97.81', '69.86', '0.00']);
    expect(cell('p1', '2027-01')).toBe('0.00');
  });

  it('re-planned after a leaver’s months were locked, at another growth: their year is what the locked months hold', () => {
    const two: PlanShape = { ...shape, owners: [{ key: 'p1', name: '甲' }, { key: 'p4', name: '丁', leaveDate: '2027-02-20' }] };
    const few = { ...figures, historyByOwner: new Map([['p1', 200_000n], ['p4', 100_000n]]), ownerDays: new Map([['p1', 365], ['p4', 51]]) };
    const first = computeBreakdown(plan, two, { kind: 'EQUAL' }, { kind: 'GROWTH', growthPercent: '20' }, few);
    const keptLeaves = new Set(['2027-01', '2027-02', '2027-03']);
    const cells = new Map<string, Map<string, bigint>>();
    for (const l of first.lines) if (keptLeaves.has(l.periodKey)) cells.set(l.ownerId, (cells.get(l.ownerId) ?? new Map()).set(l.periodKey, BigInt(String(l.amount).replace('.', ''))));
    const again = computeBreakdown(plan, two, { kind: 'EQUAL' }, { kind: 'GROWTH', growthPercent: '25' }, few, { leaves: keptLeaves, cells });
    const sum = (o: string) => again.lines.filter((l) => l.ownerId === o).reduce((n, l) => n + BigInt(String(l.amount).replace('.', '')), 0n);
    expect(sum('p4')).toBe([...cells.get('p4')!.values()].reduce((a, b) => a + b, 0n));
    // p1 is 2,000.00 × 1.25 = 2,500.00 for the year, the locked months included.
    expect(sum('p1')).toBe(250_000n);
  });
});
