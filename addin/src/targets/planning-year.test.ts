import { describe, expect, it } from 'vitest';
import { incompleteHistoryYear, planningYear } from './planning-year.ts';

describe('the year the Targets pane opens on', () => {
  it('is next year from the fourth quarter, this year before it', () => {
    expect(planningYear(new Date(2026, 0, 1))).toBe(2026);
    expect(planningYear(new Date(2026, 8, 30))).toBe(2026);
    expect(planningYear(new Date(2026, 9, 1))).toBe(2027);
    expect(planningYear(new Date(2026, 11, 31))).toBe(2027);
  });

  it('counts fiscal quarters: with years starting in April, December 2026 plans 2026 (its third quarter), January 2027 plans 2027', () => {
    expect(planningYear(new Date(2026, 11, 5), 4)).toBe(2026);
    expect(planningYear(new Date(2027, 0, 1), 4)).toBe(2027);
    expect(planningYear(new Date(2027, 2, 31), 4)).toBe(2027);
    expect(planningYear(new Date(2027, 3, 1), 4)).toBe(2027);
    expect(planningYear(new Date(2026, 3, 1), 4)).toBe(2026);
    expect(planningYear(new Date(2026, 2, 31), 4)).toBe(2026);
  });
});

describe('incompleteHistoryYear', () => {
  it('names last year when a breakdown by its actuals is made before it ends', () => {
    expect(incompleteHistoryYear(2027, 'HISTORY', '2026-12-04')).toBe(2026);
    expect(incompleteHistoryYear(2027, 'GROWTH', '2026-12-31')).toBe(2026);
    expect(incompleteHistoryYear(2027, 'HISTORY', '2027-01-01')).toBeNull();
    expect(incompleteHistoryYear(2026, 'HISTORY', '2026-12-04')).toBeNull();
    expect(incompleteHistoryYear(2027, 'EQUAL', '2026-12-04')).toBeNull();
    // Fiscal 2026 (April 2026 to March 2027) is not over in January 2027.
    expect(incompleteHistoryYear(2027, 'HISTORY', '2027-01-15', 4)).toBe(2026);
    expect(incompleteHistoryYear(2027, 'HISTORY', '2027-04-01', 4)).toBeNull();
  });
});
