/**
 * Target plans and locked periods (brief §2: nothing dated in a locked
 * period changes; §3: published → locked with the period). A month closed
 * in January does not stop the year's re-plan: a published plan is revised,
 * its later months changed, submitted, approved and published while January
 * is locked; changing January is still refused, by the save and by
 * publishing, until an admin reopens it. Locking a (fiscal) year locks its
 * published plans with it, each with an event and an audit entry, and
 * reopening it publishes them again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { PLAN, targetPlans, repTeam } from '../support/target-plans.ts';

describe.each(testProviders)('target plans and locked periods on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'manager' | 'director' | 'admin', string>;
  let plans: ReturnType<typeof targetPlans>;
  let team: string;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['manager', 'director', 'admin'] as const) t[u] = await s.login(u);
    plans = targetPlans(s, t);
    team = await repTeam(s);
  });
  afterAll(() => s.close());

  it('revises, changes later months, and publishes while January is locked; January itself stays as it was', async () => {
    const first = await plans.draft(team, 'BASE', 'UNITS', (_o, _p, employed) => (employed ? 4 : 0), 'count');
    const v1 = (await plans.publish(first.view.plan.id, first.view.plan.revision)).plan;
    await plans.gqlOk('mutation { lockPeriod(periodKey: "2026-01", reason: "一月已结账") { periodKey } }', {}, t.admin);

    const v2 = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!) { reviseTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`, { id: v1.id, revision: v1.revision }, t.manager)).reviseTargetPlan;
    expect(v2.plan.version).toBe(2);
    // Moving a unit from December to November (the total and January untouched): saved, then through to published.
    const rep = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } })).personId!;
    const moved = v2.lines.map((l: { ownerId: string; periodKey: string; amount: string }) => ({
      ...l,
      amount: (l.ownerId === rep || l.ownerId === team) && l.periodKey === '2026-11' ? String(Number(l.amount) + 1) : (l.ownerId === rep || l.ownerId === team) && l.periodKey === '2026-12' ? String(Number(l.amount) - 1) : l.amount,
    }));
    const saved = (await plans.gqlOk(plans.SAVE, { id: v2.plan.id, revision: v2.plan.revision, lines: moved }, t.manager)).saveTargetLines;
    const published = (await plans.publish(saved.plan.id, saved.plan.revision)).plan;
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 2 });

    // January is another matter: the save is refused, and nothing is saved.
    const v3 = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!) { reviseTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`, { id: published.id, revision: published.revision }, t.manager)).reviseTargetPlan;
    const january = v3.lines.map((l: { ownerId: string; periodKey: string; amount: string }) => ({
      ...l,
      amount: (l.ownerId === rep || l.ownerId === team) && l.periodKey === '2026-01' ? String(Number(l.amount) + 1) : (l.ownerId === rep || l.ownerId === team) && l.periodKey === '2026-02' ? String(Number(l.amount) - 1) : l.amount,
    }));
    const refused = await s.refused(plans.SAVE, { id: v3.plan.id, revision: v3.plan.revision, lines: january }, t.manager);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2026-01' } });
    await plans.gqlOk('mutation { reopenPeriod(periodKey: "2026-01", reason: "下一项检查") }', {}, t.admin);
  });

  it('refuses to publish a version that changes a month locked since it was saved, until the month is reopened', async () => {
    const rep = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } })).personId!;
    const first = await plans.draft(team, 'BASE', 'NEW_CUSTOMERS', (_o, _p, employed) => (employed ? 2 : 0), 'count');
    const v1 = (await plans.publish(first.view.plan.id, first.view.plan.revision)).plan;
    const v2 = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!) { reviseTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`, { id: v1.id, revision: v1.revision }, t.manager)).reviseTargetPlan;
    const march = v2.lines.map((l: { ownerId: string; periodKey: string; amount: string }) => ({
      ...l,
      amount: (l.ownerId === rep || l.ownerId === team) && l.periodKey === '2026-03' ? String(Number(l.amount) + 1) : (l.ownerId === rep || l.ownerId === team) && l.periodKey === '2026-04' ? String(Number(l.amount) - 1) : l.amount,
    }));
    let p = (await plans.gqlOk(plans.SAVE, { id: v2.plan.id, revision: v2.plan.revision, lines: march }, t.manager)).saveTargetLines.plan;
    p = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!) { submitTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`, { id: p.id, revision: p.revision }, t.manager)).submitTargetPlan.plan;
    p = (await plans.gqlOk(`mutation($id: ID!, $revision: Int!) { approveTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`, { id: p.id, revision: p.revision }, t.director)).approveTargetPlan.plan;
    await plans.gqlOk('mutation { lockPeriod(periodKey: "2026-03", reason: "三月已结账") { periodKey } }', {}, t.admin);
    const PUBLISH = `mutation($id: ID!, $revision: Int!) { publishTargetPlan(id: $id, revision: $revision) { ${PLAN} } }`;
    const refused = await s.refused(PUBLISH, { id: p.id, revision: p.revision }, t.director);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2026-03' } });
    await plans.gqlOk('mutation { reopenPeriod(periodKey: "2026-03", reason: "批准更正") }', {}, t.admin);
    expect((await plans.gqlOk(PUBLISH, { id: p.id, revision: p.revision }, t.director)).publishTargetPlan.plan.status).toBe('PUBLISHED');
  });

  it('refuses a new plan for a year locked whole', async () => {
    await plans.gqlOk('mutation { lockPeriod(periodKey: "2025", reason: "年结") { periodKey } }', {}, t.admin);
    const r = await s.refused(`mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`, { input: { year: 2025, metric: 'UNITS', level: 'BASE', scopeUnitId: team, total: '12', ownerKind: 'PERSON' } }, t.manager);
    expect(r.errors![0]!.extensions).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2025' } });
  });

  it('locks the year’s published plans with the year and publishes them again on reopening', async () => {
    const plan = await plans.draft(team, 'BASE', 'GROSS_MARGIN', (_o, _p, employed) => (employed ? 300 : 0));
    const published = (await plans.publish(plan.view.plan.id, plan.view.plan.revision)).plan;
    const view = async () => (await plans.gqlOk(`query($id: ID!) { targetPlan(id: $id) { plan { status } events { action toStatus } } }`, { id: published.id }, t.admin)).targetPlan;
    const units = async () => (await plans.gqlOk(`query($u: ID!) { achievement(period: "2026-03", grain: MONTH, metric: GROSS_MARGIN, unitId: $u) { rows { ownerId cells { base } } } }`, { u: team }, t.admin)).achievement.rows;
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
