import { describe, expect, it } from 'vitest';
import { planningYear } from './planning-year.ts';

describe('the year the Targets pane opens on', () => {
  it('is next year from the fourth quarter, this year before it', () => {
    expect(planningYear(new Date(2026, 0, 1))).toBe(2026);
    expect(planningYear(new Date(2026, 8, 30))).toBe(2026);
    expect(planningYear(new Date(2026, 9, 1))).toBe(2027);
    expect(planningYear(new Date(2026, 11, 31))).toBe(2027);
  });
});
