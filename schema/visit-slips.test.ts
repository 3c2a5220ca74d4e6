import { describe, expect, it } from 'vitest';
import { approvedAfterDeparture, checkVisitSlip, coveredDays, mayCheck, unslippedDays, VISIT_SLIP_LIMITS } from './visit-slips.ts';

const at = (s: string) => new Date(s);
const ok = { destination: '苏州工业园区', contactPerson: '王经理', purpose: '回访', plannedOut: at('2026-03-10T01:00:00Z'), plannedBack: at('2026-03-11T10:00:00Z') };

describe('visit slip input', () => {
  it('accepts a good slip', () => expect(checkVisitSlip(ok)).toEqual([]));
  it('requires destination, contact and purpose', () => {
    expect(checkVisitSlip({ ...ok, destination: ' ', contactPerson: '', purpose: '  ' }).map((p) => [p.code, p.field])).toEqual([
      ['VISIT_SLIP_REQUIRED', 'destination'],
      ['VISIT_SLIP_REQUIRED', 'contactPerson'],
      ['VISIT_SLIP_REQUIRED', 'purpose'],
    ]);
  });
  it('limits lengths', () => {
    expect(checkVisitSlip({ ...ok, purpose: 'x'.repeat(VISIT_SLIP_LIMITS.purposeMax + 1) })).toEqual([{ code: 'VISIT_SLIP_TOO_LONG', field: 'purpose', params: { max: VISIT_SLIP_LIMITS.purposeMax } }]);
    expect(checkVisitSlip({ ...ok, purpose: 'x'.repeat(VISIT_SLIP_LIMITS.purposeMax) })).toEqual([]);
  });
  it('refuses a return before (or at) the departure', () => {
    expect(checkVisitSlip({ ...ok, plannedBack: at('2026-03-09T10:00:00Z') })).toEqual([{ code: 'VISIT_SLIP_BACK_BEFORE_OUT', field: 'plannedBack', params: { from: '2026-03-10', to: '2026-03-09', fromTime: '09:00', toTime: '18:00' } }]);
    expect(checkVisitSlip({ ...ok, plannedBack: ok.plannedOut })[0]?.code).toBe('VISIT_SLIP_BACK_BEFORE_OUT');
  });
  it('names the times of a return before the departure on the same day, so the two do not read as equal', () => {
    // 14:00 and 09:30 China time on 10 March.
    expect(checkVisitSlip({ ...ok, plannedOut: at('2026-03-10T06:00:00Z'), plannedBack: at('2026-03-10T01:30:00Z') })[0]?.params).toEqual({ from: '2026-03-10', to: '2026-03-10', fromTime: '14:00', toTime: '09:30' });
  });
  it('refuses more than 14 days', () => {
    expect(checkVisitSlip({ ...ok, plannedBack: at('2026-03-23T10:00:00Z') })).toEqual([]);
    expect(checkVisitSlip({ ...ok, plannedBack: at('2026-03-24T10:00:00Z') })).toEqual([{ code: 'VISIT_SLIP_TOO_MANY_DAYS', field: 'plannedBack', params: { days: 15, max: 14 } }]);
  });
  it('refuses dates that are not dates', () => {
    expect(checkVisitSlip({ ...ok, plannedOut: new Date('x') })[0]).toMatchObject({ code: 'VISIT_SLIP_REQUIRED', field: 'plannedOut' });
  });
});

describe('days a slip covers', () => {
  it('runs from the departure day to the return day, China time', () => {
    expect(coveredDays(ok.plannedOut, ok.plannedBack)).toEqual(['2026-03-10', '2026-03-11']);
    // 17:00 UTC is 01:00 the next day in China.
    expect(coveredDays(at('2026-03-09T17:00:00Z'), at('2026-03-10T03:00:00Z'))).toEqual(['2026-03-10']);
  });
  it('marks an approval given after the planned departure', () => {
    expect(approvedAfterDeparture(null, ok.plannedOut)).toBe(false);
    expect(approvedAfterDeparture(at('2026-03-10T01:00:00Z'), ok.plannedOut)).toBe(false);
    expect(approvedAfterDeparture(at('2026-03-10T01:00:01Z'), ok.plannedOut)).toBe(true);
  });
  it('is checked only after the planned return', () => {
    expect(mayCheck(ok.plannedBack, at('2026-03-11T09:59:59Z'))).toBe(false);
    expect(mayCheck(ok.plannedBack, at('2026-03-11T10:00:00Z'))).toBe(true);
  });
  it('finds field-visit days no approved slip covers', () => {
    const visits = [
      { personId: 'b', day: '2026-03-10' },
      { personId: 'a', day: '2026-03-12' },
      { personId: 'a', day: '2026-03-10' },
      { personId: 'a', day: '2026-03-11' },
    ];
    const slips = [
      { personId: 'a', status: 'APPROVED', plannedOut: ok.plannedOut, plannedBack: ok.plannedBack },
      { personId: 'b', status: 'REQUESTED', plannedOut: ok.plannedOut, plannedBack: ok.plannedBack },
      { personId: 'a', status: 'REJECTED', plannedOut: at('2026-03-12T01:00:00Z'), plannedBack: at('2026-03-12T09:00:00Z') },
    ];
    expect(unslippedDays(visits, slips)).toEqual([{ personId: 'a', day: '2026-03-12' }, { personId: 'b', day: '2026-03-10' }]);
    expect(unslippedDays(visits, [...slips, { personId: 'a', status: 'CHECKED', plannedOut: at('2026-03-12T01:00:00Z'), plannedBack: at('2026-03-12T09:00:00Z') }])).toEqual([{ personId: 'b', day: '2026-03-10' }]);
  });
});
