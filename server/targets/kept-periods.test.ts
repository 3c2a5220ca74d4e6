/**
 * computeBreakdown keeping locked periods (a re-plan after months were
 * closed): the kept cells stay, the rest of the year is spread over the open
 * periods exactly, and locked figures above the year are refused by reason.
 */
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { computeBreakdown, type KeptPeriods } from './plans.ts';
import { planPeriods } from '../../schema/periods.ts';
import type { PlanRecord, PlanShape } from './plan-shape.ts';

const plan = (total: bigint): PlanRecord => ({ id: 'p', year: 2026, metric: 'UNITS', level: 'BASE', scopeUnitId: 'area', periodLevel: 'month', ownerKind: 'UNIT', total });
const shape: PlanShape = {
  periods: planPeriods('2026', ['month']),
  scope: { id: 'area', name: '华东片区', path: '/c/area/', code: 'AREA' },
  owners: [
    { key: 'a', name: '一组' },
    { key: 'b', name: '二组' },
  ],
  yearStart: '2026-01-01',
  yearEnd: '2026-12-31',
};
const figures = { historyByPeriod: new Map(), historyByOwner: new Map(), headcount: new Map([['a', 1], ['b', 1]]), ownerDays: new Map(), profile: undefined };
const january = (scope: bigint, a: bigint, b: bigint): KeptPeriods => ({ leaves: new Set(['2026-01']), cells: new Map([['area', new Map([['2026-01', scope]])], ['a', new Map([['2026-01', a]])], ['b', new Map([['2026-01', b]])]]) });
const EQUAL = { kind: 'EQUAL' as const };
const reason = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as GraphQLError).extensions;
  }
  return null;
};

describe('a breakdown keeping January', () => {
  it('keeps January’s cells and spreads the rest of the year over February–December, each unit its share less January', () => {
    const { lines } = computeBreakdown(plan(1200n), shape, EQUAL, EQUAL, figures, january(300n, 200n, 100n));
    const cell = (o: string, k: string) => lines.find((l) => l.ownerId === o && l.periodKey === k)!.amount;
    expect([cell('area', '2026-01'), cell('a', '2026-01'), cell('b', '2026-01')]).toEqual(['300', '200', '100']);
    const rest = (o: string) => lines.filter((l) => l.ownerId === o && l.periodKey !== '2026-01').reduce((n, l) => n + Number(l.amount), 0);
    // 900 over eleven months; each unit's year is 600 (equal shares), so a gets 400 more and b 500.
    expect([rest('area'), rest('a'), rest('b')]).toEqual([900, 400, 500]);
  });

  it('refuses locked figures above the year (LOCKED_ABOVE_TOTAL) or above a unit’s share (LOCKED_ABOVE_SHARE)', () => {
    expect(reason(() => computeBreakdown(plan(200n), shape, EQUAL, EQUAL, figures, january(300n, 200n, 100n)))).toMatchObject({ reason: 'LOCKED_ABOVE_TOTAL', params: { locked: '300', total: '200' } });
    expect(reason(() => computeBreakdown(plan(600n), shape, EQUAL, EQUAL, figures, january(400n, 350n, 50n)))).toMatchObject({ reason: 'LOCKED_ABOVE_SHARE', params: { owner: '一组', locked: '350', share: '300' } });
  });
});
