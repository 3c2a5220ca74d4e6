import { describe, expect, it } from 'vitest';
import { addDays, dateToDay, dayToDate, isIsoDay, today } from './dates.ts';

describe('calendar days', () => {
  it('accepts real days only', () => {
    expect(isIsoDay('2026-02-28')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2026-13-01')).toBe(false);
    expect(isIsoDay('26-01-01')).toBe(false);
  });
  it('round-trips through UTC midnight and adds days across months', () => {
    expect(dateToDay(dayToDate('2026-03-12'))).toBe('2026-03-12');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
  it('knows today in China Standard Time', () => {
    expect(today('Asia/Shanghai', new Date('2026-03-11T17:00:00Z'))).toBe('2026-03-12');
  });
});
