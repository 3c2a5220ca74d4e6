/** The period the Scorecards screen opens on: the last one ended, since a month is scored once it is over. */
import { describe, expect, it } from 'vitest';
import { lastEndedPeriod } from './use-scorecards.ts';

describe('lastEndedPeriod', () => {
  it('is last month, and the quarter before this one, across a year end', () => {
    expect(lastEndedPeriod('month', '2026-12-06')).toBe('2026-11');
    expect(lastEndedPeriod('month', '2027-01-01')).toBe('2026-12');
    expect(lastEndedPeriod('quarter', '2026-12-06')).toBe('2026-Q3');
    expect(lastEndedPeriod('quarter', '2027-02-10')).toBe('2026-Q4');
    expect(lastEndedPeriod('quarter', '2026-04-01')).toBe('2026-Q1');
  });
});
