import { describe, expect, it } from 'vitest';
import { incompleteHistoryYear, planningYear } from './planning-year.ts';

describe('the year the Targets pane opens on', () => {
  it('is next year from the fourth quarter, this year before it', () => {
    expect(planningYear(new Date(2026, 0, 1))).toBe(2026);
    expect(planningYear(new Date(2026, 8, 30))).toBe(2026);
    expect(planningYear(new Date(2026, 9, 1))).toBe(2027);
    expect(planningYear(new Date(2026, 11, 31))).toBe(2027);
  });
});

describe('incompleteHistoryYear', () => {
  it('names last year when a breakdown by its actuals is made before it ends', () => {
    expect(incompleteHistoryYear(2027, 'HISTORY', '2026-12-04')).toBe(2026);
    expect(incompleteHistoryYear(2027, 'GROWTH', '2026-12-31')).toBe(2026);
    expect(incompleteHistoryYear(2027, 'HISTORY', '2027-01-01')).toBeNull();
    expect(incompleteHistoryYear(2026, 'HISTORY', '2026-12-04')).toBeNull();
    expect(incompleteHistoryYear(2027, 'EQUAL', '2026-12-04')).toBeNull();
  });
});
