import { describe, expect, it } from 'vitest';
import { achievement, checkClasses, classify, DEFAULT_CLASSES, gap, percentText, type ResultClasses } from './achievement.ts';

/** An actual against a base of 10,000.00 (fen) that is exactly the given percentage. */
const at = (percent: string) => BigInt(Math.round(Number(percent) * 10_000));
const BASE = 1_000_000n;

describe('achievement', () => {
  it('is exact, rounded only to be shown', () => {
    expect(achievement(799_949n, BASE)).toEqual({ num: 799_949n, den: BASE });
    expect(percentText(achievement(799_949n, BASE)!)).toBe('79.99');
    expect(percentText(achievement(799_950n, BASE)!)).toBe('80.00');
    expect(percentText(achievement(1n, 3n)!)).toBe('33.33');
    expect(percentText(achievement(2n, 3n)!)).toBe('66.67');
    expect(percentText(achievement(0n, 7n)!)).toBe('0.00');
    expect(percentText(achievement(31n, 10n)!, 0)).toBe('310');
    expect(achievement(5n, 0n)).toBeNull();
    expect(achievement(5n, null)).toBeNull();
  });

  it('gives the gap to the target in the metric’s unit, negative when beaten', () => {
    expect(gap(800_000n, BASE)).toBe(200_000n);
    expect(gap(1_200_000n, BASE)).toBe(-200_000n);
    expect(gap(5n, null)).toBeNull();
  });
});

describe('classes and bands at their boundaries', () => {
  const person = (percent: string, stretch = BASE * 2n) => classify(DEFAULT_CLASSES.persons, at(percent), BASE, stretch);
  const unit = (percent: string) => classify(DEFAULT_CLASSES.units, at(percent), BASE, null);

  it('classes people: below 80 %, below 90 %, about 90 %, met base, met stretch', () => {
    expect(person('79.99')).toBe('BELOW_80');
    expect(person('80')).toBe('BELOW_90');
    expect(person('89.99')).toBe('BELOW_90');
    expect(person('90')).toBe('ABOUT_90');
    expect(person('99.99')).toBe('ABOUT_90');
    expect(person('100')).toBe('MET_BASE');
    expect(person('120', 1_200_000n)).toBe('MET_STRETCH');
    expect(person('119.99', 1_200_000n)).toBe('MET_BASE');
    // One fen short of 80 % is below it: no rounding decides a class.
    expect(classify(DEFAULT_CLASSES.persons, 799_999n, BASE, null)).toBe('BELOW_80');
    expect(classify(DEFAULT_CLASSES.persons, 5n, null, null)).toBeNull();
  });

  it('bands units A, B, C', () => {
    expect(unit('79.99')).toBe('C');
    expect(unit('80')).toBe('B');
    expect(unit('89.99')).toBe('B');
    expect(unit('90')).toBe('B');
    expect(unit('100')).toBe('A');
  });

  it('takes thresholds inclusive or exclusive as the data says', () => {
    const exclusive: ResultClasses = { ...DEFAULT_CLASSES, units: { rules: [{ code: 'A', against: 'BASE', percent: '100', inclusive: false }, { code: 'B', against: 'BASE', percent: '80', inclusive: false }], otherwise: 'C' } };
    const band = (p: string) => classify(exclusive.units, at(p), BASE, null);
    expect([band('79.99'), band('80'), band('80.01'), band('100'), band('100.01')]).toEqual(['C', 'C', 'B', 'B', 'A']);
  });
});

describe('class schemes as data', () => {
  it('accept the defaults', () => {
    expect(checkClasses(DEFAULT_CLASSES)).toEqual([]);
  });

  it('refuse bad codes, bad percentages and thresholds that do not fall, with codes', () => {
    const bad: ResultClasses = {
      persons: {
        rules: [
          { code: 'MET_BASE', against: 'BASE', percent: '90', inclusive: true },
          { code: 'ABOUT_90', against: 'BASE', percent: '95', inclusive: true },
          { code: 'met', against: 'BASE', percent: '80.123', inclusive: true },
          { code: 'MET_BASE', against: 'STRETCH', percent: '100', inclusive: true },
        ],
        otherwise: 'LOW',
      },
      units: { rules: [], otherwise: 'C' },
    };
    expect(checkClasses(bad)).toEqual(
      expect.arrayContaining([
        { code: 'THRESHOLDS_NOT_DESCENDING', params: { scheme: 'persons', value: '95' } },
        { code: 'CLASS_CODE_INVALID', params: { scheme: 'persons', value: 'met' } },
        { code: 'THRESHOLD_INVALID', params: { scheme: 'persons', value: '80.123' } },
        { code: 'CLASS_CODE_TWICE', params: { scheme: 'persons', value: 'MET_BASE' } },
        { code: 'NO_CLASS_RULES', params: { scheme: 'units' } },
      ]),
    );
    expect(checkClasses(bad)).toHaveLength(5);
    const same = (inclusive: boolean[]) =>
      checkClasses({ ...DEFAULT_CLASSES, units: { rules: inclusive.map((i, n) => ({ code: `B${n}`, against: 'BASE' as const, percent: '80', inclusive: i })), otherwise: 'C' } });
    expect(same([false, true])).toEqual([]);
    expect(same([true, false])).toEqual([{ code: 'THRESHOLDS_NOT_DESCENDING', params: { scheme: 'units', value: '80' } }]);
    expect(checkClasses({ ...DEFAULT_CLASSES, units: { rules: [{ code: 'A', against: 'BASE', percent: '1000.01', inclusive: true }], otherwise: 'C' } })).toEqual([
      { code: 'THRESHOLD_INVALID', params: { scheme: 'units', value: '1000.01' } },
    ]);
  });
});
