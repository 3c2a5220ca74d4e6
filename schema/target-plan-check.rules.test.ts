/** checkLines, the checks on a whole target plan (issue 7 §9; see schema/MUTATION.md). */
import { describe, expect, it } from 'vitest';
import { checkLines, type LineInput, type PlanFacts, type PlanGrid } from './target-plan-check.ts';
import { childPeriods } from './periods.ts';

const periods = childPeriods('2026-Q1', 'month'); // 2026-01, 2026-02, 2026-03
const facts: PlanFacts = { metric: 'UNITS', level: 'BASE', ownerKind: 'PERSON', total: 60n };
const shape: PlanGrid = {
  periods,
  scope: { id: 'u1', name: 'East' },
  owners: [
    { key: 'p1', name: 'Ann' },
    { key: 'p2', name: 'Bo' },
  ],
};
const row = (ownerId: string, amounts: unknown[]): LineInput[] => amounts.map((amount, i) => ({ ownerId, periodKey: periods[i]!.key, amount }));
const good = () => [...row('u1', [10, 20, 30]), ...row('p2', [4, 5, 6]), ...row('p1', [6, 15, 24])];

describe('checkLines', () => {
  it('returns the scope row then the owners in the order given, each period in order', () => {
    const r = checkLines(facts, shape, good());
    expect(r.issues).toEqual([]);
    expect(r.lines).toEqual([
      { ownerId: 'u1', ownerKind: 'UNIT', periodKey: '2026-01', amount: 10n },
      { ownerId: 'u1', ownerKind: 'UNIT', periodKey: '2026-02', amount: 20n },
      { ownerId: 'u1', ownerKind: 'UNIT', periodKey: '2026-03', amount: 30n },
      { ownerId: 'p2', ownerKind: 'PERSON', periodKey: '2026-01', amount: 4n },
      { ownerId: 'p2', ownerKind: 'PERSON', periodKey: '2026-02', amount: 5n },
      { ownerId: 'p2', ownerKind: 'PERSON', periodKey: '2026-03', amount: 6n },
      { ownerId: 'p1', ownerKind: 'PERSON', periodKey: '2026-01', amount: 6n },
      { ownerId: 'p1', ownerKind: 'PERSON', periodKey: '2026-02', amount: 15n },
      { ownerId: 'p1', ownerKind: 'PERSON', periodKey: '2026-03', amount: 24n },
    ]);
  });

  it('units below the scope are stored as units', () => {
    const r = checkLines({ ...facts, ownerKind: 'UNIT' }, shape, good());
    expect(new Set(r.lines.map((l) => l.ownerKind))).toEqual(new Set(['UNIT']));
  });

  it('a period that is not a column, and a cell given twice', () => {
    const r = checkLines(facts, shape, [...good(), { ownerId: 'p1', periodKey: '2026-04', amount: 1 }, { ownerId: 'p1', periodKey: '2026-02', amount: 15 }]);
    expect(r.lines).toEqual([]);
    expect(r.issues).toEqual([
      { rule: 'unknownPeriod', row: null, column: null, rowKey: 'p1', periodKey: '2026-04', expected: 'one of 2026-01 … 2026-03', found: '2026-04', params: { period: '2026-04', first: '2026-01', last: '2026-03' } },
      { rule: 'duplicateCell', row: null, column: 1, rowKey: 'p1', periodKey: '2026-02', expected: null, found: null, params: { owner: 'Ann', period: '2026-02' } },
    ]);
  });

  it('the scope row must add up to the year’s target; its issues are on row 0', () => {
    const r = checkLines({ ...facts, total: 61n }, shape, good());
    expect(r.issues.map((i) => [i.rule, i.row, i.rowKey, i.expected, i.found])).toEqual([['rowTotal', 0, 'u1', '61', '60']]);
    expect(r.lines).toEqual([]);
  });

  it('a missing scope row counts as blanks', () => {
    const r = checkLines(facts, shape, [...row('p2', [4, 5, 6]), ...row('p1', [6, 15, 24])]);
    expect(r.issues.map((i) => [i.rule, i.row, i.rowKey])).toEqual([
      ['rowTotal', 0, 'u1'],
      ['sum', null, null],
      ['sum', null, null],
      ['sum', null, null],
    ]);
    const zero = checkLines({ ...facts, total: 0n }, shape, row('p1', [0, 0, 0]).concat(row('p2', [0, 0, 0])));
    expect(zero.issues).toEqual([]);
    expect(zero.lines.slice(0, 3).map((l) => [l.ownerId, l.amount])).toEqual([
      ['u1', 0n],
      ['u1', 0n],
      ['u1', 0n],
    ]);
  });

  it('each period’s owners must add up to the scope row’s period', () => {
    const lines = good();
    lines[3] = { ...lines[3]!, amount: 5 }; // p2, 2026-01
    const r = checkLines(facts, shape, lines);
    expect(r.issues.map((i) => [i.rule, i.column, i.periodKey, i.expected, i.found])).toEqual([['sum', 0, '2026-01', '10', '11']]);
  });

  it('no period sums while the scope row itself has a bad cell', () => {
    const lines = good();
    lines[0] = { ...lines[0]!, amount: 'ten' };
    const r = checkLines({ ...facts, total: 50n }, shape, lines);
    expect(r.issues.map((i) => [i.rule, i.row, i.column])).toEqual([['notANumber', 0, 0]]);
  });

  it('owners’ issues are on their rows below the scope row; missing and unexpected owners by key', () => {
    const lines = [...row('u1', [10, 20, 30]), ...row('p1', [10, 20, 'x']), ...row('p9', [0, 0, 0])];
    const r = checkLines(facts, shape, lines);
    expect(r.issues.map((i) => [i.rule, i.row, i.column, i.rowKey])).toEqual([
      ['unexpectedOwner', 2, null, 'p9'],
      ['missingOwner', null, null, 'p2'],
      ['notANumber', 1, 2, 'p1'],
    ]);
    expect(r.issues[0]!.params).toEqual({ owner: 'p9' });
  });

  it('owners keep their joining dates, and a period left out of a row is blank', () => {
    const joiner: PlanGrid = { ...shape, owners: [{ key: 'p1', name: 'Ann' }, { key: 'p2', name: 'Bo', hireDate: '2026-02-15', leaveDate: null }] };
    const r = checkLines(facts, joiner, good());
    expect(r.issues.map((i) => [i.rule, i.rowKey, i.periodKey])).toEqual([['beforeJoining', 'p2', '2026-01']]);
    expect(r.issues[0]!.params).toEqual({ owner: 'Bo', period: '2026-01', hireDate: '2026-02-15' });
    const partial = [...row('u1', [10, 20, 30]), ...row('p2', [4, 5, 6]), ...row('p1', [6, 15, 24]).slice(1)];
    expect(checkLines(facts, shape, partial).issues.map((i) => [i.rule, i.periodKey, i.found])).toEqual([['sum', '2026-01', '4']]);
  });

  it('a stretch plan is checked against its base', () => {
    const base = new Map([['p1', new Map([['2026-01', 7n]])]]);
    const r = checkLines({ ...facts, level: 'STRETCH' }, shape, good(), base);
    expect(r.issues.map((i) => [i.rule, i.row, i.column, i.rowKey])).toEqual([['stretchBelowBase', 2, 0, 'p1']]);
  });
});
