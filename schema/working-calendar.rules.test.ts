/** Mutation-testing additions for the working-day calendar rules (working-calendar.ts). */
import { describe, expect, it } from 'vitest';
import { checkCalendarDay, CN_CALENDAR, workingCalendar } from './working-calendar.ts';

describe('the working calendar', () => {
  it("Quotabook's calendar is stored under the name CN", () => {
    expect(CN_CALENDAR).toBe('CN');
  });

  it('keeps holidays and make-up days apart', () => {
    const cal = workingCalendar('x', [
      { date: '2026-02-16', kind: 'HOLIDAY', name: 'Spring Festival' },
      { date: '2026-02-14', kind: 'WORKDAY', name: 'Spring Festival' },
    ]);
    expect([...cal.holidays]).toEqual(['2026-02-16']);
    expect([...cal.workdays]).toEqual(['2026-02-14']);
    expect(cal.name).toBe('x');
  });
});

describe('checking a calendar day', () => {
  it('a name of 64 characters (after trimming) is accepted; 65 is refused on the name field', () => {
    expect(checkCalendarDay({ date: '2026-10-01', kind: 'HOLIDAY', name: ` ${'x'.repeat(64)} ` })).toEqual([]);
    expect(checkCalendarDay({ date: '2026-10-01', kind: 'HOLIDAY', name: 'x'.repeat(65) })).toEqual([expect.objectContaining({ field: 'name', reason: 'NAME_TOO_LONG' })]);
  });
});
