/**
 * Published → locked with the period (brief §3): locking a (fiscal) year
 * locks its published plans, each with an event and an audit entry, and
 * reopening it publishes them again; a month's lock leaves plans as they
 * are. Locked plans still give their targets to results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { targetPlans } from '../support/target-plans.ts';

describe.each(testProviders)('a year locked with its plans on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'manager' | 'director' | 'admin', string>;
  let plans: ReturnType<typeof targetPlans>;
  let team: string;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['manager', 'director', 'admin'] as const) t[u] = await s.login(u);
    plans = targetPlans(s, t);
    const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    team = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } })).unitId;
  });
  afterAll(() => s.close());

  it('locks the year’s published plans with the year and publishes them again on reopening', async () => {
    const plan = await plans.draft(team, 'BASE', 'UNITS', (_o, _p, employed) => (employed ? 3 : 0), 'count');
    const published = (await plans.publish(plan.view.plan.id, plan.view.plan.revision)).plan;
    const view = async () => (await plans.gqlOk(`query($id: ID!) { targetPlan(id: $id) { plan { status } events { action toStatus } } }`, { id: published.id }, t.admin)).targetPlan;
    const units = async () => (await plans.gqlOk(`query($u: ID!) { achievement(period: "2026-03", grain: MONTH, metric: UNITS, unitId: $u) { rows { ownerId cells { base } } } }`, { u: team }, t.admin)).achievement.rows;
    const before = await units();

    await plans.gqlOk('mutation { lockPeriod(periodKey: "2026-03", reason: "月结") { periodKey } }', {}, t.admin);
    expect((await view()).plan.status).toBe('PUBLISHED');
    await plans.gqlOk('mutation { lockPeriod(periodKey: "2026", reason: "年结") { periodKey } }', {}, t.admin);
    const locked = await view();
    expect(locked.plan.status).toBe('LOCKED');
    expect(locked.events.at(-1)).toEqual({ action: 'lock', toStatus: 'LOCKED' });
    expect(await units()).toEqual(before);
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'TargetPlan', entityId: published.id, action: 'lock' } });
    expect(audit).toHaveLength(1);

    await plans.gqlOk('mutation { reopenPeriod(periodKey: "2026", reason: "更正") }', {}, t.admin);
    const reopened = await view();
    expect(reopened.plan.status).toBe('PUBLISHED');
    expect(reopened.events.at(-1)).toEqual({ action: 'reopen', toStatus: 'PUBLISHED' });
  });
});
