/** Mutation-testing additions for the rules of plans of several levels (target-rollup.ts, target-plan-check.ts, target-validation.ts). */
import { describe, expect, it } from 'vitest';
import { rollUpAmounts } from './target-rollup.ts';
import { planPeriods } from './periods.ts';
import { validateTargetGrid } from './target-validation.ts';
import { checkLines, type PlanFacts } from './target-plan-check.ts';

const cal = { firstMonth: 1 };
const roll = (entries: [string, bigint][]) => rollUpAmounts(new Map(entries), 2026, cal);
const fullYear = (v: bigint) => Array.from({ length: 12 }, (_, i) => [`2026-${String(i + 1).padStart(2, '0')}`, v] as [string, bigint]);

describe('rollUpAmounts', () => {
  it('a month given keeps its figure over the sum of its weeks', () => {
    const r = roll([
      ['2026-01-W1', 1n],
      ['2026-01-W2', 2n],
      ['2026-01', 10n],
    ]);
    expect(r.get('2026-01')).toBe(10n);
  });

  it('a quarter given keeps its figure over the sum of its months, and the year counts it', () => {
    const r = roll([...fullYear(1n), ['2026-Q2', 9n]]);
    expect(r.get('2026-Q1')).toBe(3n);
    expect(r.get('2026-Q2')).toBe(9n);
    expect(r.get('2026')).toBe(3n + 9n + 3n + 3n);
  });

  it('a year given keeps its figure over the sum of its quarters', () => {
    const r = roll([...fullYear(1n), ['2026', 100n]]);
    expect(r.get('2026-Q4')).toBe(3n);
    expect(r.get('2026')).toBe(100n);
  });

  it('only keys that are a week or ten-day block of a month roll up to it', () => {
    const r = roll([
      ['x2026-01-W1', 1n],
      ['2026-01-W1x', 2n],
      ['2026-02-D3', 4n],
    ]);
    expect(r.has('2026-01')).toBe(false);
    expect(r.has('x2026-01')).toBe(false);
    expect(r.get('2026-02')).toBe(4n);
    expect([...r.keys()].sort()).toEqual(['2026-01-W1x', '2026-02', '2026-02-D3', 'x2026-01-W1']);
  });
});

describe('levelSum with cells that have issues of their own', () => {
  const periods = planPeriods('2026', ['quarter', 'month']).filter((p) => p.key === '2026-Q1' || p.parent === '2026-Q1');
  const grid = (cells: unknown[]) => ({ metric: 'UNITS' as const, level: 'BASE' as const, owners: [{ key: 'a', name: 'A' }], periods, cells: [cells] });

  it('a quarter that is not a number is reported as such, not also against its months', () => {
    const r = validateTargetGrid(grid(['x', 1, 2, 3]));
    expect(r.issues.map((i) => [i.rule, i.periodKey])).toEqual([['notANumber', '2026-Q1']]);
  });

  it('a month that is not a number leaves its quarter unchecked', () => {
    const r = validateTargetGrid(grid([7, 1, 'x', 3]));
    expect(r.issues.map((i) => [i.rule, i.periodKey])).toEqual([['notANumber', '2026-02']]);
  });

  it('a quarter that differs from its months is a levelSum issue', () => {
    const r = validateTargetGrid(grid([7, 1, 2, 3]));
    expect(r.issues).toEqual([expect.objectContaining({ rule: 'levelSum', row: 0, column: 0, rowKey: 'a', periodKey: '2026-Q1', expected: '6', found: '7' })]);
    expect(validateTargetGrid(grid([6, 1, 2, 3])).issues).toEqual([]);
  });
});

describe('checkLines on plans of several levels', () => {
  const periods = planPeriods('2026', ['quarter', 'month']);
  const months = periods.filter((p) => p.level === 'month');
  const shape = { periods, scope: { id: 'team', name: 'Team' }, owners: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }] };
  const facts: PlanFacts = { metric: 'UNITS', level: 'BASE', ownerKind: 'UNIT', total: 240n };
  const monthly = (over: Record<string, unknown> = {}) =>
    (['team', 'a', 'b'] as const).flatMap((o) => months.map((m) => ({ ownerId: o, periodKey: m.key, amount: over[`${o}|${m.key}`] ?? { team: '20', a: '12', b: '8' }[o] })));
  const rules = (r: { issues: { rule: string; rowKey: string | null; periodKey: string | null }[] }) => r.issues.map((i) => [i.rule, i.rowKey, i.periodKey]);

  it('a month that is not a number is the one issue: its quarter (derived or given) is not summed as if it were 0 (bug fix)', () => {
    expect(rules(checkLines(facts, shape, monthly({ 'a|2026-02': 'x' })))).toEqual([['notANumber', 'a', '2026-02']]);
    expect(rules(checkLines(facts, shape, [...monthly({ 'a|2026-02': 'x' }), { ownerId: 'a', periodKey: '2026-Q1', amount: '36' }]))).toEqual([['notANumber', 'a', '2026-02']]);
    // On the scope row, the year total is not reported either.
    expect(rules(checkLines(facts, shape, monthly({ 'team|2026-05': 'x' })))).toEqual([['notANumber', 'team', '2026-05']]);
  });

  it('quarter, month and week: quarters are derived from months derived from weeks (finest first)', () => {
    const three = planPeriods('2026', ['quarter', 'month', 'week']);
    const weeks = three.filter((p) => p.level === 'week');
    // Each owner 1 a week; the team the sum of its owners.
    const lines = (['team', 'a', 'b'] as const).flatMap((o) => weeks.map((w) => ({ ownerId: o, periodKey: w.key, amount: o === 'team' ? '2' : '1' })));
    const n = BigInt(weeks.length);
    const r = checkLines({ ...facts, total: 2n * n }, { ...shape, periods: three }, lines);
    expect(r.issues).toEqual([]);
    const q1Weeks = BigInt(weeks.filter((w) => w.start < '2026-04-01').length);
    expect(r.lines.find((l) => l.ownerId === 'a' && l.periodKey === '2026-Q1')!.amount).toBe(q1Weeks);
    expect(r.lines.find((l) => l.ownerId === 'team' && l.periodKey === '2026-Q1')!.amount).toBe(2n * q1Weeks);
    expect(r.lines.find((l) => l.ownerId === 'b' && l.periodKey === '2026-03')!.amount).toBe(6n); // March 2026 has six weeks
  });

  it('quarter, month and week: a week that is not a number is the one issue, up through its month and quarter', () => {
    const three = planPeriods('2026', ['quarter', 'month', 'week']);
    const weeks = three.filter((p) => p.level === 'week');
    const lines = (['team', 'a', 'b'] as const).flatMap((o) => weeks.map((w) => ({ ownerId: o, periodKey: w.key, amount: o === 'a' && w.key === '2026-02-W2' ? 'x' : o === 'team' ? '2' : '1' })));
    const r = checkLines({ ...facts, total: 2n * BigInt(weeks.length) }, { ...shape, periods: three }, lines);
    expect(rules(r)).toEqual([['notANumber', 'a', '2026-02-W2']]);
  });

  describe('a stretch plan by months against base quarters', () => {
    const monthShape = { ...shape, periods: planPeriods('2026', ['month']) };
    const lines = (over: Record<string, unknown> = {}) => monthly(over).filter((l) => months.some((m) => m.key === l.periodKey));
    const stretch: PlanFacts = { ...facts, level: 'STRETCH', year: 2026, calendar: { firstMonth: 1 } };

    it('a rolled-up quarter equal to the base passes; one below is reported once', () => {
      expect(checkLines(stretch, monthShape, lines(), new Map([['a', new Map([['2026-Q1', 36n]])]])).issues).toEqual([]);
      expect(rules(checkLines(stretch, monthShape, lines(), new Map([['a', new Map([['2026-Q1', 37n]])]])))).toEqual([['stretchBelowBase', 'a', '2026-Q1']]);
    });

    it('a base plan by months against an approved stretch plan’s quarters: a rolled-up quarter above it is reported', () => {
      const base: PlanFacts = { ...facts, level: 'BASE', year: 2026, calendar: { firstMonth: 1 } };
      expect(checkLines(base, monthShape, lines(), new Map([['a', new Map([['2026-Q1', 36n]])]])).issues).toEqual([]);
      expect(rules(checkLines(base, monthShape, lines(), new Map([['a', new Map([['2026-Q1', 35n]])]])))).toEqual([['baseAboveStretch', 'a', '2026-Q1']]);
    });

    it('its own months are checked once, by the grid, not again as a level it lacks', () => {
      const base = new Map([['a', new Map([['2026-01', 13n], ['2026-Q1', 30n]])]]);
      expect(rules(checkLines(stretch, monthShape, lines(), base))).toEqual([['stretchBelowBase', 'a', '2026-01']]);
    });

    it('a row with a cell that is not a number is not rolled up', () => {
      const base = new Map([['a', new Map([['2026-Q1', 40n]])]]);
      expect(rules(checkLines(stretch, monthShape, lines({ 'a|2026-02': 'x' }), base))).toEqual([['notANumber', 'a', '2026-02']]);
    });

    it('only a stretch plan with a base, the year and the calendar is held to other levels', () => {
      const base = new Map([['a', new Map([['2026-Q1', 40n]])]]);
      expect(checkLines({ ...stretch, level: 'BASE' }, monthShape, lines(), base).issues).toEqual([]);
      expect(checkLines(stretch, monthShape, lines()).issues).toEqual([]);
      expect(checkLines({ ...stretch, year: undefined }, monthShape, lines(), base).issues).toEqual([]);
      expect(checkLines({ ...stretch, calendar: undefined }, monthShape, lines(), base).issues).toEqual([]);
    });
  });
});
