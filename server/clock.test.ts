/**
 * Services act at their context's clock, never the machine's: "today" is the
 * company's calendar day (China Standard Time) at the clock's moment, and the
 * moments a service records are the clock's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/support/harness.ts';
import { companyDayOf, fixedClock, systemClock, type Clock } from './clock.ts';
import { createThrottle } from './auth/throttle.ts';
import type { Context } from './context.ts';
import type { Viewer } from './auth/sessions.ts';
import { decideLeave, requestLeave } from './payroll/leave.ts';
import { dayToDate } from '../schema/dates.ts';

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

describe('services at the context’s clock', () => {
  let s: TestServer;
  const viewerOf = async (username: string): Promise<Viewer> => {
    const u = await s.db.prisma.user.findUniqueOrThrow({ where: { username }, include: { roles: true, person: { select: { name: true } } } });
    return { userId: u.id, username, sessionId: `test:${username}`, roles: u.roles.map((r) => r.role), personId: u.personId, personName: u.person?.name ?? null };
  };
  const contextAt = async (username: string, clock: Clock): Promise<Context> => ({
    prisma: s.db.prisma,
    config: s.config,
    viewer: await viewerOf(username),
    sessionProblem: null,
    clock,
    loginThrottle: createThrottle(),
    memo: new Map(),
  });
  beforeAll(async () => {
    s = await startTestServer('sqlite');
  });
  afterAll(() => s.close());

  it('judges "already passed" by the clock’s day in China, and records the clock’s moment', async () => {
    // 00:30 on 2031-05-06 in China is still 2031-05-05 in UTC.
    const clock = fixedClock('2031-05-05T16:30:00Z');
    const rep = await contextAt('rep', clock);
    const yesterday = { kind: 'PERSONAL_LEAVE' as const, from: dayToDate('2031-05-05'), to: dayToDate('2031-05-05'), reason: 'family' };
    await expect(requestLeave(rep, yesterday)).rejects.toMatchObject({ extensions: { reason: 'LEAVE_IN_PAST', params: { date: '2031-05-05' } } });
    expect(await s.db.prisma.leaveRequest.count({ where: { fromDate: dayToDate('2031-05-05') } })).toBe(0);

    const asked = await requestLeave(rep, { ...yesterday, from: dayToDate('2031-05-06'), to: dayToDate('2031-05-06') });
    const decided = await decideLeave(await contextAt('admin', clock), asked.id, true, null);
    expect(decided.status).toBe('APPROVED');
    expect(decided.decidedAt?.toISOString()).toBe('2031-05-05T16:30:00.000Z');

    // The same request a day earlier on the clock is still in time.
    const earlier = await contextAt('rep', fixedClock('2031-05-04T16:30:00Z'));
    await expect(requestLeave(earlier, { ...yesterday, from: dayToDate('2031-05-08'), to: dayToDate('2031-05-08') })).resolves.toMatchObject({ status: 'REQUESTED' });
  });
});
