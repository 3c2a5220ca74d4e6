/**
 * The demo's scorecards and leave requests on first start
 * (server/seed/demo-scorecards.ts, demo-leave.ts): last month's scorecards
 * of the demo manager's people approved by the director or waiting for
 * them, this month's drafts, and leave requests waiting for the manager or
 * decided by them, all made through the services as the users whose step
 * it is, with grades where the rep and the promotion proposals read them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty, seedOrganisation } from './seed.ts';
import { generateDemoOrg } from './demo-org.ts';
import { seedDemoScorecards, WAITING_FOR_DIRECTOR, CURRENT_DRAFTS, LOW_SCORE_COMMENT } from './demo-scorecards.ts';
import { DEMO_LEAVE, seedDemoLeave } from './demo-leave.ts';
import { demoCalendar } from './demo-field-work.ts';
import { contextFor, viewerOf } from './demo-payroll.ts';
import { loadConfig, type Config } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { fixedClock } from '../clock.ts';
import { listScorecards, myScorecards } from '../kpi/scorecards.ts';
import { promotionProposals } from '../payroll/promotions.ts';
import { readableLeaveRequests } from '../payroll/leave.ts';
import { dateToDay } from '../../schema/dates.ts';
import { isWorkingDay } from '../../schema/working-calendar.ts';
import { tempDatabase, testProviders, type TempDatabase } from '../../test/support/databases.ts';
import type { Provider } from '../db/providers.ts';

const opened: { db: Database; temp: TempDatabase }[] = [];
afterAll(async () => {
  for (const { db, temp } of opened) {
    await db.close();
    await temp.drop();
  }
});

async function database(provider: Provider) {
  const temp = await tempDatabase(provider);
  await migrate(temp.url);
  const db = await openDatabase(temp.url);
  opened.push({ db, temp });
  return { prisma: db.prisma, config: loadConfig({ DATABASE_URL: temp.url }) };
}

const as = async (prisma: Database['prisma'], config: Config, username: string, today: string) => contextFor(prisma, config, (await viewerOf(prisma, username))!, fixedClock(`${today}T12:00:00+08:00`));

describe.each(testProviders)('the demo scorecards and leave on %s', (provider) => {
  it('has last month’s scorecards approved or waiting for the director, this month’s drafts, and leave to decide', async () => {
    const { prisma, config } = await database(provider);
    const today = '2026-06-15';
    const seeded = await seedDemoIfEmpty(prisma, { today, config });
    expect(seeded!.scorecards).toEqual({ month: '2026-05', approved: 10, submitted: WAITING_FOR_DIRECTOR, drafts: CURRENT_DRAFTS });
    expect(seeded!.leave).toEqual({ requested: 3, approved: 1, rejected: 1 });

    const users = new Map((await prisma.user.findMany()).map((u) => [u.username, u]));
    const manager = users.get('manager')!;
    const area = await prisma.orgUnit.findFirstOrThrow({ where: { managerId: manager.personId } });
    const cards = await prisma.scorecard.findMany({ include: { unit: true, person: true, events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } }, orderBy: { person: { employeeNo: 'asc' } } });
    const byStatus = (period: string) => Object.fromEntries(['APPROVED', 'SUBMITTED', 'DRAFT'].map((s) => [s, cards.filter((c) => c.periodKey === period && c.status === s).length]));
    expect(byStatus('2026-05')).toEqual({ APPROVED: 10, SUBMITTED: 3, DRAFT: 0 });
    expect(byStatus('2026-06')).toEqual({ APPROVED: 0, SUBMITTED: 0, DRAFT: 2 });
    // All of the demo manager's people (reps and team leads), never the manager themself.
    for (const c of cards) {
      expect(c.unit.path.startsWith(area.path) && c.unit.id !== area.id).toBe(true);
      expect(c.personId).not.toBe(manager.personId);
    }
    expect(new Set(cards.filter((c) => c.periodKey === '2026-05').map((c) => c.person.position))).toEqual(new Set(['SALES_REP', 'ACCOUNT_MANAGER']));
    // Each step by the demo user whose step it is: the manager scores and submits, the director approves.
    for (const c of cards.filter((c) => c.periodKey === '2026-05')) {
      const steps = c.events.map((e) => [e.action, e.actor, e.toStatus]);
      expect(steps.slice(0, 3)).toEqual([
        ['open', 'manager', 'DRAFT'],
        ['score', 'manager', 'DRAFT'],
        ['submit', 'manager', 'SUBMITTED'],
      ]);
      expect(steps.slice(3)).toEqual(c.status === 'APPROVED' ? [['approve', 'director', 'APPROVED']] : []);
      expect(c.submittedById).toBe(manager.id);
      expect(c.approvedById).toBe(c.status === 'APPROVED' ? users.get('director')!.id : null);
      // A complete scorecard: its total and grade.
      expect(c.total).not.toBeNull();
      expect(c.grade).not.toBeNull();
      expect(await prisma.auditEvent.count({ where: { entityType: 'Scorecard', entityId: c.id } })).toBe(c.status === 'APPROVED' ? 4 : 3);
    }
    // Not all alike: more than one grade, and a low score carries its comment.
    expect(new Set(cards.filter((c) => c.grade).map((c) => c.grade)).size).toBeGreaterThan(1);
    expect(await prisma.scorecardLine.count({ where: { comment: LOW_SCORE_COMMENT } })).toBe(1);
    expect(cards.filter((c) => c.periodKey === '2026-06').map((c) => c.events.map((e) => [e.action, e.actor]))).toEqual([
      [['open', 'manager'], ['score', 'manager']],
      [['open', 'manager']],
    ]);

    // The director finds last month's three waiting; the manager's own list shows them submitted, theirs to decide none.
    const waiting = (await listScorecards(await as(prisma, config, 'director', today), '2026-05')).filter((c) => c.status === 'SUBMITTED' && c.canApprove);
    expect(waiting.length).toBe(WAITING_FOR_DIRECTOR);
    expect(waiting.every((c) => c.grade !== null && c.total !== null)).toBe(true);

    // The demo rep's own view (My payslip) has last month's grade.
    const mine = await myScorecards(await as(prisma, config, 'rep', today));
    expect(mine.map((c) => c.periodKey)).toEqual(['2026-05']);
    expect(mine[0]!.grade).not.toBeNull();
    // Every promotion proposal the manager sees for last month shows its person's grade.
    const proposals = await promotionProposals(await as(prisma, config, 'manager', today), '2026-05');
    expect(proposals.length).toBeGreaterThan(0);
    expect(proposals.map((p) => [p.employeeNo, p.latestGradePeriod, p.latestGrade !== null])).toEqual(proposals.map((p) => [p.employeeNo, '2026-05', true]));

    // Leave: asked for by the reps themselves before it is taken, on working days; the manager decides.
    const leave = await prisma.leaveRequest.findMany({ include: { person: true }, orderBy: { fromDate: 'asc' } });
    expect(leave.map((l) => l.status).sort()).toEqual(['APPROVED', 'REJECTED', 'REQUESTED', 'REQUESTED', 'REQUESTED']);
    const calendar = demoCalendar(today);
    for (const l of leave) {
      expect(dateToDay(l.fromDate) > today).toBe(true);
      expect(isWorkingDay(calendar, dateToDay(l.fromDate)) && isWorkingDay(calendar, dateToDay(l.toDate))).toBe(true);
      const requested = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'LeaveRequest', entityId: l.id, action: 'request' } });
      expect(requested.actorName).toBe(l.personId === users.get('rep')!.personId ? 'rep' : l.person.employeeNo);
      expect(l.decidedById).toBe(l.status === 'REQUESTED' ? null : manager.id);
      expect(l.comment === null).toBe(l.status === 'REQUESTED');
    }
    expect(leave.filter((l) => l.personId === users.get('rep')!.personId).map((l) => l.status)).toEqual(['REQUESTED', 'REJECTED']);
    // The approved leave runs over several days.
    const long = leave.find((l) => l.status === 'APPROVED')!;
    expect(long.toDate > long.fromDate).toBe(true);
    // All of them on the manager's Leave screen, three with decisions to take.
    const theirs = await readableLeaveRequests(await as(prisma, config, 'manager', today), {});
    expect(theirs.length).toBe(DEMO_LEAVE.length);
    expect(theirs.filter((l) => l.status === 'REQUESTED').length).toBe(3);
  }, 120_000);

  it('seeds across a year end on a public holiday, leaving a locked month alone', async () => {
    const { prisma, config } = await database(provider);
    const today = '2027-01-01';
    await seedOrganisation(prisma, generateDemoOrg({ people: 30 }), { results: { today } });
    await prisma.periodLock.create({ data: { periodKey: '2026-12', reason: 'closed', lockedAt: new Date() } });
    expect(await seedDemoScorecards(prisma, config, today)).toEqual({ month: '2026-12', approved: 0, submitted: 0, drafts: CURRENT_DRAFTS });
    expect((await prisma.scorecard.findMany()).map((c) => [c.periodKey, c.status])).toEqual([
      ['2027-01', 'DRAFT'],
      ['2027-01', 'DRAFT'],
    ]);
    // Leave from the first working days of the new year (1 January is a holiday, then a weekend).
    expect(await seedDemoLeave(prisma, config, today)).toEqual({ requested: 3, approved: 1, rejected: 1 });
    const calendar = demoCalendar(today);
    for (const l of await prisma.leaveRequest.findMany()) {
      expect(dateToDay(l.fromDate) >= '2027-01-04').toBe(true);
      expect(isWorkingDay(calendar, dateToDay(l.fromDate))).toBe(true);
    }
    // A lock reaching the coming days leaves those requests out, not the seed.
    await prisma.leaveRequest.deleteMany();
    await prisma.periodLock.create({ data: { periodKey: '2027-01', reason: 'closed', lockedAt: new Date() } });
    expect(await seedDemoLeave(prisma, config, today)).toEqual({ requested: 0, approved: 0, rejected: 0 });
  }, 120_000);
});
