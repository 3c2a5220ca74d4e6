/**
 * Services act at their context's clock, never the machine's: "today" is the
 * company's calendar day (China Standard Time) at the clock's moment, and the
 * moments a service records are the clock's. Through the API, each request
 * takes its moment from the server's clock when it begins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/support/harness.ts';
import { companyDayOf, fixedClock, systemClock, type Clock } from './clock.ts';
import { approvedLeaveDays } from './payroll/leave.ts';

describe('the clock', () => {
  it('counts the company’s day in China Standard Time', () => {
    expect(companyDayOf(new Date('2026-03-09T15:59:59Z'))).toBe('2026-03-09');
    expect(companyDayOf(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
    const c = fixedClock('2026-12-31T16:30:00Z');
    expect(c.today()).toBe('2027-01-01');
    expect(c.now().toISOString()).toBe('2026-12-31T16:30:00.000Z');
    // A stopped clock hands out copies: a caller cannot move it.
    c.now().setUTCFullYear(2000);
    expect(c.now().toISOString()).toBe('2026-12-31T16:30:00.000Z');
    expect(() => fixedClock('not a moment')).toThrow(RangeError);
  });

  it('runs with the machine when nothing stops it', () => {
    const before = Date.now();
    const at = systemClock.now().getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(systemClock.today()).toBe(companyDayOf(new Date()));
  });
});

describe('services at the request’s clock', () => {
  let s: TestServer;
  /** A clock the test moves; each request takes its moment from it when it begins. */
  let at = new Date('2031-05-05T16:30:00Z');
  const clock: Clock = { now: () => new Date(at), today: () => companyDayOf(at) };
  const REQUEST = 'mutation($from: Date!, $to: Date!) { requestLeave(kind: PERSONAL_LEAVE, from: $from, to: $to, reason: "家事") { id status requestedAt } }';
  const DECIDE = 'mutation($id: ID!) { decideLeave(id: $id, approve: true) { status } }';
  let rep: string;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer('sqlite', { clock });
    rep = await s.login('rep');
    admin = await s.login('admin');
  });
  afterAll(() => s.close());

  it('judges "already passed" by the clock’s day in China, and records the clock’s moment', async () => {
    // 00:30 on 2031-05-06 in China is still 2031-05-05 in UTC: the 5th has passed.
    const refused = await s.refused(REQUEST, { from: '2031-05-05', to: '2031-05-05' }, rep);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'LEAVE_IN_PAST', params: { date: '2031-05-05' } });
    const asked = await s.gql(REQUEST, { from: '2031-05-06', to: '2031-05-06' }, rep);
    expect(asked.errors).toBeUndefined();
    expect(asked.data.requestLeave.requestedAt).toBe('2031-05-05T16:30:00.000Z');
    const decided = await s.gql(DECIDE, { id: asked.data.requestLeave.id }, admin);
    expect(decided.data.decideLeave.status).toBe('APPROVED');
    const row = await s.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: asked.data.requestLeave.id } });
    expect(row.decidedAt?.toISOString()).toBe('2031-05-05T16:30:00.000Z');
  });

  it('counts leave asked for in time as approved leave, however the machine’s clock differs', async () => {
    // A clock behind the machine's (a replay of March): the request was made before the leave, by the clock.
    at = new Date('2026-03-01T02:00:00Z');
    const asked = await s.gql(REQUEST, { from: '2026-03-02', to: '2026-03-03' }, rep);
    expect(asked.errors).toBeUndefined();
    expect((await s.gql(DECIDE, { id: asked.data.requestLeave.id }, admin)).errors).toBeUndefined();
    const personId = (await s.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: asked.data.requestLeave.id } })).personId;
    const days = await approvedLeaveDays(s.db.prisma, { personId }, '2026-03-01', '2026-03-31');
    expect([...days].sort()).toEqual([`${personId}|2026-03-02|PERSONAL_LEAVE`, `${personId}|2026-03-03|PERSONAL_LEAVE`]);
  });
});
