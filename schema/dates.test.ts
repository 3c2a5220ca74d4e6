import { describe, expect, it } from 'vitest';
import { addDays, chinaTimeOf, dateToDay, dayOfText, dayToDate, instantOfChinaTime, isClockTime, isIsoDay, isIsoMonth, monthOfText, timeOfText, today } from './dates.ts';

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

describe('times of day and China wall-clock time', () => {
  it('takes HH:MM, 24-hour, and nothing else as a complete time', () => {
    expect(['00:00', '09:05', '23:59'].every(isClockTime)).toBe(true);
    expect(['9:05', '24:00', '12:60', '12:5', '', '12:00:00'].some(isClockTime)).toBe(false);
  });
  it('puts a time typed loosely in form, and names none for anything else', () => {
    expect(timeOfText('9:05')).toBe('09:05');
    expect(timeOfText(' 14：30 ')).toBe('14:30');
    expect(timeOfText('9点')).toBe('09:00');
    expect(timeOfText('9点30分')).toBe('09:30');
    expect(timeOfText('17')).toBe('17:00');
    expect(timeOfText('9点半')).toBe('09:30');
    expect(timeOfText('930')).toBe('09:30');
    expect(timeOfText('1730')).toBe('17:30');
    expect(timeOfText('下午3点')).toBe('15:00');
    expect(timeOfText('下午 3:30')).toBe('15:30');
    expect(timeOfText('晚上8点半')).toBe('20:30');
    expect(timeOfText('上午9点')).toBe('09:00');
    expect(timeOfText('中午12点')).toBe('12:00');
    expect(timeOfText('下午12点')).toBe('12:00');
    expect(timeOfText('下午15点')).toBeNull();
    expect(timeOfText('上午15点')).toBeNull();
    expect(timeOfText('9:5')).toBeNull();
    expect(timeOfText('2460')).toBeNull();
    expect(timeOfText('12345')).toBeNull();
    expect(timeOfText('25:00')).toBeNull();
    expect(timeOfText('noon')).toBeNull();
  });
  it('reads a China wall-clock time as the instant it names, whatever the machine’s zone, and back', () => {
    expect(instantOfChinaTime('2026-03-10T09:00')?.toISOString()).toBe('2026-03-10T01:00:00.000Z');
    expect(instantOfChinaTime('2026-03-10T07:30')?.toISOString()).toBe('2026-03-09T23:30:00.000Z');
    expect(instantOfChinaTime('2026-02-30T09:00')).toBeNull();
    expect(instantOfChinaTime('2026-03-10T9:00')).toBeNull();
    expect(instantOfChinaTime('2026-03-10')).toBeNull();
    expect(chinaTimeOf(new Date('2026-03-09T23:30:00Z'))).toEqual({ day: '2026-03-10', time: '07:30' });
  });
});
