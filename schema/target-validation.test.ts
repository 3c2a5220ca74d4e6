import { describe, expect, it } from 'vitest';
import { childPeriods } from './periods.ts';
import { readAmount, validateTargetGrid, type TargetGrid } from './target-validation.ts';

const months = childPeriods('2026-Q1', 'month');
const owners = [
  { key: 'p1', name: '王芳', hireDate: '2020-01-01', leaveDate: null },
  { key: 'p2', name: '李强', hireDate: '2026-02-12', leaveDate: null },
  { key: 'p3', name: '张伟', hireDate: '2019-01-01', leaveDate: '2026-01-31' },
];
const grid = (cells: unknown[][], over: Partial<TargetGrid> = {}): TargetGrid => ({
  metric: 'SALES_AMOUNT',
  level: 'BASE',
  owners,
  periods: months,
  cells,
  periodTotals: new Map([
    ['2026-01', 3_000_000n],
    ['2026-02', 2_000_000n],
    ['2026-03', 2_000_000n],
  ]),
  expectedOwners: owners,
  ...over,
});
const good = [
  [10000, 10000, 10000],
  ['', 10000, 10000],
  [20000, 0, null],
];

describe('reading cells', () => {
  it('reads money exactly, blanks as zero, and flags the rest with why', () => {
    expect(readAmount(1234.56, 'money')).toEqual({ value: 123456n });
    expect(readAmount(0.1 + 0.2, 'money')).toEqual({ value: 30n });
    expect(readAmount('1,200.5', 'money')).toEqual({ value: 120050n });
    expect(readAmount('', 'money')).toEqual({ value: 0n });
    expect(readAmount('abc', 'money')).toMatchObject({ rule: 'notANumber' });
    expect(readAmount('#VALUE!', 'money')).toMatchObject({ rule: 'notANumber', detail: 'excelError' });
    expect(readAmount(1.005, 'money')).toMatchObject({ rule: 'fraction' });
    expect(readAmount(-1, 'money')).toMatchObject({ rule: 'negative' });
    expect(readAmount(true, 'count')).toMatchObject({ rule: 'notANumber' });
    expect(readAmount(2.5, 'count')).toMatchObject({ rule: 'fraction' });
    expect(readAmount(3, 'count')).toEqual({ value: 3n });
    expect(readAmount(1e20, 'money')).toMatchObject({ rule: 'tooLarge' });
    // Typed as text past the 64-bit range the database holds: named, not thrown.
    expect(readAmount('99999999999999999999', 'money')).toMatchObject({ rule: 'tooLarge', found: '99999999999999999999' });
    expect(readAmount('-99999999999999999999', 'money')).toMatchObject({ rule: 'negative' });
    // Commas only as thousands separators.
    expect(readAmount('1,2,3', 'money')).toMatchObject({ rule: 'notANumber', found: '1,2,3' });
    expect(readAmount('12,34', 'money')).toMatchObject({ rule: 'notANumber' });
    expect(readAmount('1,234,567', 'count')).toEqual({ value: 1234567n });
    expect(readAmount('99999999999999999999', 'count')).toMatchObject({ rule: 'tooLarge' });
  });
});

describe('validating a target grid', () => {
  it('accepts a grid that obeys every rule', () => {
    expect(validateTargetGrid(grid(good)).issues).toEqual([]);
  });

  it('points at the cell and says why for bad cells, all at once', () => {
    const r = validateTargetGrid(grid([[10000, 'ten', 10000], ['', -5, 10000], [20000, 0, 0.001]]));
    expect(r.issues.map((i) => [i.rule, i.row, i.column])).toEqual([
      ['notANumber', 0, 1],
      ['negative', 1, 1],
      ['fraction', 2, 2],
    ]);
    expect(r.issues[0]!.params).toEqual({ owner: '王芳', period: '2026-02', found: 'ten', detail: 'text' });
  });

  it('checks each period sums to its target, saying by how much it is off', () => {
    const r = validateTargetGrid(grid([[10000, 10000, 10000.01], ['', 10000, 10000], [20000, 0, null]]));
    expect(r.issues).toEqual([
      expect.objectContaining({ rule: 'sum', row: null, column: 2, periodKey: '2026-03', expected: '20000.00', found: '20000.01', params: { period: '2026-03', expected: '20000.00', found: '20000.01', direction: 'over', diff: '0.01' } }),
    ]);
  });

  it('checks row totals when an owner’s total is fixed', () => {
    const r = validateTargetGrid(grid(good, { ownerTotals: new Map([['p1', 3_000_001n]]) }));
    expect(r.issues).toMatchObject([{ rule: 'rowTotal', row: 0, expected: '30000.01', found: '30000.00' }]);
  });

  it('refuses targets before joining or after leaving', () => {
    const r = validateTargetGrid(grid([[10000, 10000, 10000], [1, 10000, 10000], [19999, 0, 1]], { periodTotals: undefined }));
    expect(r.issues.map((i) => [i.rule, i.rowKey, i.periodKey])).toEqual([
      ['beforeJoining', 'p2', '2026-01'],
      ['afterLeaving', 'p3', '2026-03'],
    ]);
  });

  it('requires every person in scope and nobody else, once each', () => {
    const outsider = { key: 'x', name: '外人', hireDate: '2020-01-01', leaveDate: null };
    const r = validateTargetGrid(
      grid(
        [
          [0, 0, 0],
          [0, 0, 0],
          [0, 0, 0],
        ],
        { owners: [owners[0]!, outsider, owners[0]!], periodTotals: undefined },
      ),
    );
    expect(r.issues.map((i) => [i.rule, i.rowKey, i.row])).toEqual([
      ['unexpectedOwner', 'x', 1],
      ['duplicateOwner', 'p1', 2],
      ['missingOwner', 'p2', null],
      ['missingOwner', 'p3', null],
    ]);
  });

  it('keeps stretch at or above base', () => {
    const base = new Map([['p1', new Map([['2026-01', 1_000_001n]])]]);
    const r = validateTargetGrid(grid(good, { level: 'STRETCH', base, periodTotals: undefined }));
    expect(r.issues).toMatchObject([{ rule: 'stretchBelowBase', rowKey: 'p1', periodKey: '2026-01', expected: '≥ 10000.01' }]);
  });

  it('counts in whole units for count metrics', () => {
    const r = validateTargetGrid(grid([[1, 2, 3.5], [0, 1, 1], [2, 0, 0]], { metric: 'NEW_CUSTOMERS', periodTotals: new Map([['2026-01', 3n]]) }));
    expect(r.issues.map((i) => i.rule)).toEqual(['fraction']);
  });
});
