/** How payroll reads a month of attendance, the rules payroll and the attendance summary share (schema/paid-attendance.ts). */
import { describe, expect, it } from 'vitest';
import { dayToDate } from './dates.ts';
import { countWorkingDays, workingCalendar } from './working-calendar.ts';
import { byWorkingDay, employedSpan, fieldVisitDays, paidAttendance, spansWithin } from './paid-attendance.ts';

// May 2026: Labour Day Friday 1 to Tuesday 5, made up on Saturday 9 — 19 working days.
const may = workingCalendar('CN', [
  ...['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'].map((date) => ({ date, kind: 'HOLIDAY' as const, name: '劳动节 Labour Day' })),
  { date: '2026-05-09', kind: 'WORKDAY' as const, name: '劳动节 Labour Day' },
]);
const rec = (personId: string, day: string, status: string) => ({ personId, date: dayToDate(day), status });
const slip = (personId: string, out: string, back: string, status = 'APPROVED') => ({ personId, status, plannedOut: new Date(out), plannedBack: new Date(back) });

describe('the month as payroll sees it', () => {
  it('employment: the days between hire and leave dates within the month, or none', () => {
    expect(employedSpan('2026-05-01', '2026-05-31', '2020-01-01', null)).toEqual({ from: '2026-05-01', to: '2026-05-31' });
    expect(employedSpan('2026-05-01', '2026-05-31', '2026-05-18', null)).toEqual({ from: '2026-05-18', to: '2026-05-31' });
    expect(employedSpan('2026-05-01', '2026-05-31', '2020-01-01', '2026-05-08')).toEqual({ from: '2026-05-01', to: '2026-05-08' });
    expect(employedSpan('2026-05-01', '2026-05-31', '2026-06-01', null)).toBeNull();
    expect(employedSpan('2026-05-01', '2026-05-31', '2020-01-01', '2026-04-30')).toBeNull();
  });

  it('a manager’s part: the stays in the subtree cut the employed days, adjacent stays merged', () => {
    const employed = { from: '2026-05-01', to: '2026-05-31' };
    const stay = (from: string, to: string | null) => ({ validFrom: dayToDate(from), validTo: to ? dayToDate(to) : null });
    // Moved out on the 18th: the 1st to the 17th.
    expect(spansWithin(employed, [stay('2025-01-01', '2026-05-18')])).toEqual([{ from: '2026-05-01', to: '2026-05-17' }]);
    // Moved in on the 18th.
    expect(spansWithin(employed, [stay('2026-05-18', null)])).toEqual([{ from: '2026-05-18', to: '2026-05-31' }]);
    // Two teams of the subtree in turn, then out, then back.
    expect(spansWithin(employed, [stay('2026-05-25', null), stay('2025-01-01', '2026-05-10'), stay('2026-05-10', '2026-05-12')])).toEqual([
      { from: '2026-05-01', to: '2026-05-11' },
      { from: '2026-05-25', to: '2026-05-31' },
    ]);
    expect(spansWithin({ from: '2026-05-18', to: '2026-05-31' }, [stay('2025-01-01', '2026-05-10')])).toEqual([]);
  });

  it('records on weekends and public holidays are rest-day records; a make-up Saturday is a working day', () => {
    const records = [rec('a', '2026-05-04', 'PRESENT'), rec('a', '2026-05-09', 'LATE'), rec('a', '2026-05-10', 'ABSENT'), rec('a', '2026-05-11', 'ABSENT')];
    const { working, restDay } = byWorkingDay(may, records);
    expect(working).toEqual([records[1], records[3]]);
    expect(restDay).toEqual([records[0], records[2]]);
  });

  it('field-visit days split by an approved or checked slip covering them (China time); a requested or rejected one covers nothing', () => {
    const working = [rec('b', '2026-05-13', 'FIELD_VISIT'), rec('a', '2026-05-13', 'FIELD_VISIT'), rec('a', '2026-05-12', 'FIELD_VISIT'), rec('a', '2026-05-14', 'ABSENT'), rec('a', '2026-05-15', 'FIELD_VISIT')];
    const slips = [
      // 00:30 on the 12th in China is still the 11th in UTC: the slip covers the 12th.
      slip('a', '2026-05-11T16:30:00Z', '2026-05-12T09:00:00Z'),
      slip('a', '2026-05-15T01:00:00Z', '2026-05-15T09:00:00Z', 'CHECKED'),
      slip('b', '2026-05-13T01:00:00Z', '2026-05-13T09:00:00Z', 'REQUESTED'),
      slip('a', '2026-05-13T01:00:00Z', '2026-05-13T09:00:00Z', 'REJECTED'),
    ];
    expect(fieldVisitDays(working, slips)).toEqual({
      slipped: [{ personId: 'a', day: '2026-05-12' }, { personId: 'a', day: '2026-05-15' }],
      unslipped: [{ personId: 'a', day: '2026-05-13' }, { personId: 'b', day: '2026-05-13' }],
    });
  });

  it('counts working days, those unrecorded, field visits without a slip and rest-day records, exactly', () => {
    const records = [
      rec('a', '2026-05-04', 'PRESENT'), // a public holiday
      rec('a', '2026-05-09', 'LATE'), // a make-up Saturday: a working day
      rec('a', '2026-05-10', 'ABSENT'), // a Sunday
      rec('a', '2026-05-12', 'FIELD_VISIT'), // slipped
      rec('a', '2026-05-13', 'FIELD_VISIT'), // no slip
      rec('a', '2026-05-16', 'FIELD_VISIT'), // a Saturday: ignored, slip or not
      rec('j', '2026-05-18', 'PRESENT'),
      rec('j', '2026-05-23', 'PRESENT'), // a Saturday
    ];
    const spans = new Map([
      ['a', [{ from: '2026-05-01', to: '2026-05-31' }]],
      // Joined on Monday 18 May.
      ['j', [{ from: '2026-05-18', to: '2026-05-31' }]],
      // Recorded nowhere, employed until the 8th: 3 working days (6, 7, 8), all unrecorded.
      ['l', [{ from: '2026-05-01', to: '2026-05-08' }]],
    ]);
    const out = paidAttendance(may, records, spans, [slip('a', '2026-05-12T01:00:00Z', '2026-05-12T09:00:00Z')]);
    expect(Object.fromEntries(out)).toEqual({
      a: { workingDays: 19, unrecordedWorkingDays: 16, fieldVisitWithoutSlip: 1, restDayRecords: 3 },
      j: { workingDays: 10, unrecordedWorkingDays: 9, fieldVisitWithoutSlip: 0, restDayRecords: 1 },
      l: { workingDays: 3, unrecordedWorkingDays: 3, fieldVisitWithoutSlip: 0, restDayRecords: 0 },
    });
    // The working days are payroll's count of the same days.
    expect(countWorkingDays(may, '2026-05-01', '2026-05-31').count).toBe(19);
    expect(countWorkingDays(may, '2026-05-18', '2026-05-31').count).toBe(10);
  });

  it('a record outside the days counted (another team’s part of the month) is not taken off them', () => {
    const out = paidAttendance(may, [rec('m', '2026-05-20', 'PRESENT')], new Map([['m', [{ from: '2026-05-01', to: '2026-05-17' }]]]), []);
    expect(out.get('m')).toEqual({ workingDays: 9, unrecordedWorkingDays: 9, fieldVisitWithoutSlip: 0, restDayRecords: 0 });
  });
});
