/** Reading and checking target cells at their edges (issue 7 §9; see schema/MUTATION.md). */
import { describe, expect, it } from 'vitest';
import { childPeriods } from './periods.ts';
import { readAmount, validateTargetGrid, type TargetGrid } from './target-validation.ts';

describe('readAmount', () => {
  it('blanks are zero', () => {
    for (const blank of [null, undefined, '']) expect(readAmount(blank, 'money')).toEqual({ value: 0n });
  });
  it('names what it found when it is not a number', () => {
    expect(readAmount(true, 'money')).toEqual({ rule: 'notANumber', found: 'TRUE', detail: 'boolean' });
    expect(readAmount(false, 'count')).toEqual({ rule: 'notANumber', found: 'FALSE', detail: 'boolean' });
    expect(readAmount(Number.NaN, 'money')).toEqual({ rule: 'notANumber', found: 'NaN', detail: 'notFinite' });
    expect(readAmount(Number.POSITIVE_INFINITY, 'count')).toEqual({ rule: 'notANumber', found: 'Infinity', detail: 'notFinite' });
    expect(readAmount({}, 'money')).toEqual({ rule: 'notANumber', found: '[object Object]', detail: 'notANumber' });
    expect(readAmount('#N/A', 'money')).toEqual({ rule: 'notANumber', found: '#N/A', detail: 'excelError' });
  });
  it('text: trimmed, with separators, whole or with decimals, nothing around it', () => {
    expect(readAmount(' 12 ', 'money')).toEqual({ value: 1200n });
    expect(readAmount('1,234', 'count')).toEqual({ value: 1234n });
    expect(readAmount('1.25', 'money')).toEqual({ value: 125n });
    expect(readAmount('-0', 'money')).toEqual({ value: 0n });
    for (const bad of ['x12', '12x', '1.', '.5', '1.2.3']) expect(readAmount(bad, 'money'), bad).toMatchObject({ rule: 'notANumber', found: bad });
  });
  it('counts are whole and not negative', () => {
    expect(readAmount(-3, 'count')).toEqual({ rule: 'negative', found: '-3', detail: 'negative' });
    expect(readAmount('-3', 'count')).toEqual({ rule: 'negative', found: '-3', detail: 'negative' });
    expect(readAmount('3.0', 'count')).toMatchObject({ rule: 'fraction', found: '3.0' });
    expect(readAmount(0, 'count')).toEqual({ value: 0n });
  });
  it('money up to 2^53 fen', () => {
    expect(readAmount('90071992547409.91', 'money')).toEqual({ value: 9_007_199_254_740_991n });
    expect(readAmount('90071992547409.92', 'money')).toEqual({ rule: 'tooLarge', found: '90071992547409.92', detail: 'tooLarge' });
    expect(readAmount(Number.MAX_SAFE_INTEGER / 100, 'money')).toEqual({ value: 9_007_199_254_740_990n }); // 15 significant digits
    expect(readAmount(-2, 'money')).toEqual({ rule: 'negative', found: '-2', detail: 'negative' });
    expect(readAmount('1.234', 'money')).toEqual({ rule: 'fraction', found: '1.234', detail: 'fenFraction' });
  });
});

describe('validateTargetGrid at its edges', () => {
  const months = childPeriods('2026-Q1', 'month');
  const grid = (over: Partial<TargetGrid>): TargetGrid => ({ metric: 'UNITS', level: 'STRETCH', owners: [{ key: 'u', name: 'Unit' }], periods: months, cells: [[1, 2, 3]], ...over });
  it('a row the sheet does not have reads as blanks', () => {
    const r = validateTargetGrid(grid({ owners: [{ key: 'u', name: 'Unit' }, { key: 'v', name: 'Other' }], cells: [[1, 2, 3]] }));
    expect(r.issues).toEqual([]);
    expect(r.values).toEqual([
      [1n, 2n, 3n],
      [0n, 0n, 0n],
    ]);
  });
  it('stretch may equal its base; a base plan ignores base figures', () => {
    const base = new Map([['u', new Map([['2026-01', 1n], ['2026-02', 3n]])]]);
    expect(validateTargetGrid(grid({ base })).issues.map((i) => [i.rule, i.periodKey])).toEqual([['stretchBelowBase', '2026-02']]);
    expect(validateTargetGrid(grid({ base, level: 'BASE' })).issues).toEqual([]);
  });
  it('a base plan may not rise above an approved stretch plan (it may equal it); a stretch plan ignores stretch figures', () => {
    const stretch = new Map([['u', new Map([['2026-01', 1n], ['2026-02', 1n]])]]);
    expect(validateTargetGrid(grid({ stretch, level: 'BASE' })).issues.map((i) => [i.rule, i.periodKey, i.expected, i.found])).toEqual([['baseAboveStretch', '2026-02', '≤ 1', '2']]);
    expect(validateTargetGrid(grid({ stretch })).issues).toEqual([]);
  });
  it('a unit (no joining date) may have targets in any period', () => {
    expect(validateTargetGrid(grid({ periods: childPeriods('1999', 'quarter') })).issues).toEqual([]);
  });
  it('a person without a joining date but with a leaving date', () => {
    const r = validateTargetGrid(grid({ owners: [{ key: 'p', name: 'P', hireDate: null, leaveDate: '2026-01-31' }], level: 'BASE' }));
    expect(r.issues.map((i) => [i.rule, i.periodKey])).toEqual([
      ['afterLeaving', '2026-02'],
      ['afterLeaving', '2026-03'],
    ]);
  });
});
