import { describe, expect, it } from 'vitest';
import { addDays, dateToDay, dayOfText, dayToDate, isIsoDay, isIsoMonth, monthOfText, today } from './dates.ts';

describe('calendar days', () => {
  it('reads a day as Excel and WPS in zh-CN write one, and nothing else', () => {
    for (const text of ['2027-02-06', '2027/2/6', '2027.2.6', '2027年2月6日', ' 2027-2-6 ', '2027/2/6 0:00', '2027-02-06T08:30:00']) expect(dayOfText(text)).toBe('2027-02-06');
    for (const text of ['2027-02-30', '2027-2', '6/2/2027', 'Feb 6', '', '46059']) expect(dayOfText(text)).toBeNull();
  });

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

describe('months as text', () => {
  it('knows YYYY-MM, and reads a month written as Excel and WPS show one', () => {
    expect(['2026-03', '2026-12'].every(isIsoMonth)).toBe(true);
    expect(['2026-3', '2026-13', '2026-00', '2026-03-01', ''].some(isIsoMonth)).toBe(false);
    for (const text of ['2026-03', '2026-3', '2026/3', '2026.03', '2026年3月', ' 2026 年 3 月 ']) expect(monthOfText(text)).toBe('2026-03');
    for (const text of ['2026-13', '3/2026', 'March 2026', '2026', '']) expect(monthOfText(text)).toBeNull();
  });
});
