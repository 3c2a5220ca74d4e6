/** The plan checks on plans of several period levels, stretch across levels, and the parent's figure. */
import { describe, expect, it } from 'vitest';
import { checkLines, parentTotalIssue, type PlanFacts } from './target-plan-check.ts';
import { planPeriods } from './periods.ts';
import { rollUpAmounts } from './target-rollup.ts';

const periods = planPeriods('2026', ['quarter', 'month']);
const months = periods.filter((p) => p.level === 'month');
const shape = { periods, scope: { id: 'team', name: 'Team' }, owners: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }] };
const facts: PlanFacts = { metric: 'UNITS', level: 'BASE', ownerKind: 'UNIT', total: 240n };
/** Monthly lines: the team 20 a month, A 12 and B 8. */
const monthly = (over: Record<string, string> = {}) =>
  (['team', 'a', 'b'] as const).flatMap((o) => months.map((m) => ({ ownerId: o, periodKey: m.key, amount: over[`${o}|${m.key}`] ?? { team: '20', a: '12', b: '8' }[o] })));

describe('plans of several levels', () => {
  it('derive the levels above from the finest lines and store every level', () => {
    const r = checkLines(facts, shape, monthly());
    expect(r.issues).toEqual([]);
    expect(r.lines).toHaveLength(3 * 16);
    expect(r.lines.find((l) => l.ownerId === 'a' && l.periodKey === '2026-Q2')!.amount).toBe(36n);
  });

  it('a given level above must equal the sum below it (levelSum), named by row and period', () => {
    const lines = [...monthly(), { ownerId: 'a', periodKey: '2026-Q3', amount: '35' }];
    const r = checkLines(facts, shape, lines);
    expect(r.issues.find((i) => i.rule === 'levelSum')).toMatchObject({ row: 1, rowKey: 'a', periodKey: '2026-Q3', expected: '36', found: '35' });
    // The quarter's column no longer adds up either.
    expect(r.issues.map((i) => i.rule).sort()).toEqual(['levelSum', 'sum']);
  });

  it('the year total counts the top level only', () => {
    expect(checkLines({ ...facts, total: 241n }, shape, monthly()).issues.map((i) => i.rule)).toEqual(['rowTotal']);
  });

  it('a stretch plan made by quarters meets base months rolled up to quarters', () => {
    const base = new Map([['a', rollUpAmounts(new Map(months.map((m) => [m.key, 12n])), 2026, { firstMonth: 1 })]]);
    const quarterShape = { ...shape, periods: planPeriods('2026', ['quarter']) };
    const stretch = (a: string) => ['team', 'a', 'b'].flatMap((o) => quarterShape.periods.map((p) => ({ ownerId: o, periodKey: p.key, amount: o === 'team' ? '60' : o === 'a' ? a : String(60 - Number(a)) })));
    const r = checkLines({ ...facts, level: 'STRETCH' }, quarterShape, stretch('35'), base);
    expect(r.issues).toHaveLength(4);
    expect(r.issues[0]).toMatchObject({ rule: 'stretchBelowBase', rowKey: 'a', periodKey: '2026-Q1', expected: '≥ 36', found: '35' });
    expect(checkLines({ ...facts, level: 'STRETCH' }, quarterShape, stretch('36'), base).issues).toEqual([]);
  });

  it('a stretch plan made by months meets base quarters with its months summed (when the calendar is known)', () => {
    const base = new Map([['a', new Map([['2026-Q1', 40n]])]]);
    const monthShape = { ...shape, periods: planPeriods('2026', ['month']) };
    const lines = monthly().filter((l) => months.some((m) => m.key === l.periodKey));
    expect(checkLines({ ...facts, level: 'STRETCH' }, monthShape, lines, base).issues).toEqual([]);
    const issues = checkLines({ ...facts, level: 'STRETCH', year: 2026, calendar: { firstMonth: 1 } }, monthShape, lines, base).issues;
    expect(issues).toEqual([expect.objectContaining({ rule: 'stretchBelowBase', row: 1, column: null, rowKey: 'a', periodKey: '2026-Q1', expected: '≥ 40', found: '36' })]);
  });
});

describe('rolling figures up', () => {
  it('weeks and ten-day blocks to months, months to quarters, quarters to the year; figures given stay', () => {
    const r = rollUpAmounts(
      new Map([
        ['2026-01-W1', 1n],
        ['2026-01-W2', 2n],
        ['2026-02-D1', 5n],
        ['2026-03', 7n],
      ]),
      2026,
      { firstMonth: 1 },
    );
    expect(r.get('2026-01')).toBe(3n);
    expect(r.get('2026-02')).toBe(5n);
    expect(r.get('2026-Q1')).toBe(15n);
    expect(r.has('2026-Q2')).toBe(false);
    expect(r.has('2026')).toBe(false);
    const april = rollUpAmounts(new Map(planPeriods('2026', ['month'], { firstMonth: 4 }).map((m) => [m.key, 1n])), 2026, { firstMonth: 4 });
    expect(april.get('2026-Q1')).toBe(3n);
    expect(april.get('2026-Q4')).toBe(3n);
    expect(april.get('2026')).toBe(12n);
  });
});

describe("the parent's figure", () => {
  it('is an issue on the scope row only when it differs', () => {
    expect(parentTotalIssue(facts, { id: 'team', name: 'Team' }, { total: 240n, planLabel: 'x' })).toBeNull();
    expect(parentTotalIssue(facts, { id: 'team', name: 'Team' }, null)).toBeNull();
    expect(parentTotalIssue(facts, { id: 'team', name: 'Team' }, { total: 250n, planLabel: 'x' })).toMatchObject({ rule: 'parentTotal', row: 0, column: null, rowKey: 'team', expected: '250', found: '240' });
  });

  it('a plan by ISO weeks still has a year and months (straddling weeks shared by days): a stretch below the base is caught', () => {
    const weeks = planPeriods('2026', ['week']);
    const base = new Map([['a', rollUpAmounts(new Map(weeks.map((w) => [w.key, 10n])), 2026, { firstMonth: 1 }, weeks.map((w) => w.key))]]);
    expect(base.get('a')!.get('2026')).toBe(530n);
    // W01 cut to 1–4 January, W02–W04, and 6/7 of W05 (8.57… → 9).
    expect(base.get('a')!.get('2026-01')).toBe(49n);
    const monthShape = { ...shape, periods: planPeriods('2026', ['month']) };
    const lines = ['team', 'a', 'b'].flatMap((o) => monthShape.periods.map((p) => ({ ownerId: o, periodKey: p.key, amount: o === 'b' ? '0' : '20' })));
    const issues = checkLines({ ...facts, level: 'STRETCH', year: 2026, calendar: { firstMonth: 1 } }, monthShape, lines, base).issues;
    expect(issues).toContainEqual(expect.objectContaining({ rule: 'stretchBelowBase', rowKey: 'a', periodKey: '2026', expected: '≥ 530', found: '240' }));
    expect(issues).toContainEqual(expect.objectContaining({ rule: 'stretchBelowBase', rowKey: 'a', periodKey: '2026-01', expected: '≥ 49', found: '20' }));
    expect(issues.every((i) => i.rowKey === 'a')).toBe(true);
  });
});
