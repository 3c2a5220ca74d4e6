/**
 * Stretch ≥ base whichever plan is approved first (brief §3 validation): a
 * base plan is held below the approved stretch plan as a stretch plan is
 * held above the approved base one. Refused by cell, and nothing saved;
 * checked again when a plan is approved and published, since the other may
 * have been approved after this one was submitted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { targetPlans } from '../support/target-plans.ts';

describe.each(testProviders)('a base plan after its stretch plan on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'manager' | 'director', string>;
  let team: string;
  let plans: ReturnType<typeof targetPlans>;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['manager', 'director'] as const) t[u] = await s.login(u);
    plans = targetPlans(s, t);
    const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    team = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } })).unitId;
  });
  afterAll(() => s.close());

  it('a base plan above the published stretch plan is refused by cell and nothing is saved; at it, saved', async () => {
    const rep = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } })).personId!;
    // Stretch, published first: 5 units a person-month.
    const five = (_o: string, _p: unknown, employed: boolean) => (employed ? 5 : 0);
    const stretch = await plans.draft(team, 'STRETCH', 'UNITS', five, 'count');
    expect((await plans.publish(stretch.view.plan.id, stretch.view.plan.revision)).plan.status).toBe('PUBLISHED');
    // Base with the same total, but the rep's January above the stretch (6 > 5; February 4 to make up).
    const high = await plans.grid(team, 'BASE', 'UNITS', (o, p, employed) => (o === rep && p.key === '2026-01' ? 6 : o === rep && p.key === '2026-02' ? 4 : five(o, p, employed)), 'count');
    const created = await plans.create(team, 'BASE', 'UNITS', high.total);
    const refused = await s.refused(plans.SAVE, { id: created.plan.id, revision: created.plan.revision, lines: high.lines }, t.manager);
    const issues = (refused.errors![0]!.extensions as unknown as { issues: unknown }).issues as { rule: string; rowKey: string; periodKey: string; expected: string; found: string }[];
    expect(issues.map((i) => [i.rule, i.rowKey, i.periodKey]).sort()).toEqual([
      ['baseAboveStretch', rep, '2026-01'],
      ['baseAboveStretch', team, '2026-01'],
    ].sort());
    expect(issues.find((i) => i.rowKey === rep)).toMatchObject({ expected: '≤ 5', found: '6' });
    // Equal to the stretch: saved.
    const equal = await plans.grid(team, 'BASE', 'UNITS', five, 'count');
    expect(equal.total).toBe(high.total);
    const saved = await s.gql(plans.SAVE, { id: created.plan.id, revision: created.plan.revision, lines: equal.lines }, t.manager);
    expect(saved.errors).toBeUndefined();
  });

  it('both submitted while neither was approved: approving the second is refused by cell, and it stays as it was', async () => {
    const rep = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } })).personId!;
    const step = async (name: string, id: string, revision: number, token: string) => plans.gqlOk(`mutation($id: ID!, $r: Int!) { ${name}(id: $id, revision: $r) { plan { id revision status } } }`, { id, r: revision }, token);
    // Base 5 a person-month, stretch 4: each submitted while the other waits, so neither submission had a level to meet.
    const base = await plans.draft(team, 'BASE', 'NEW_CUSTOMERS', (_o, _p, employed) => (employed ? 5 : 0), 'count');
    const stretch = await plans.draft(team, 'STRETCH', 'NEW_CUSTOMERS', (_o, _p, employed) => (employed ? 4 : 0), 'count');
    const b = (await step('submitTargetPlan', base.view.plan.id, base.view.plan.revision, t.manager)).submitTargetPlan.plan;
    const st = (await step('submitTargetPlan', stretch.view.plan.id, stretch.view.plan.revision, t.manager)).submitTargetPlan.plan;
    expect((await step('approveTargetPlan', b.id, b.revision, t.director)).approveTargetPlan.plan.status).toBe('APPROVED');
    // The base is approved now: the stretch below it is refused at approval, by cell, and stays submitted with its lines.
    const refused = await s.refused(`mutation($id: ID!, $r: Int!) { approveTargetPlan(id: $id, revision: $r) { plan { id } } }`, { id: st.id, r: st.revision }, t.director);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PLAN_LINES_INVALID' });
    const issues = (refused.errors![0]!.extensions as unknown as { issues: { rule: string; rowKey: string; periodKey: string; expected: string; found: string }[] }).issues;
    expect(new Set(issues.map((i) => i.rule))).toEqual(new Set(['stretchBelowBase']));
    expect(issues.find((i) => i.rowKey === rep && i.periodKey === '2026-01')).toMatchObject({ expected: '≥ 5', found: '4' });
    const after = await s.db.prisma.targetPlan.findUniqueOrThrow({ where: { id: st.id }, include: { lines: true } });
    expect(after).toMatchObject({ status: 'SUBMITTED', revision: st.revision });
    expect(after.lines.map((l) => [l.ownerId, l.periodKey, String(l.amount)]).sort()).toEqual(stretch.lines.map((l) => [l.ownerId, l.periodKey, l.amount]).sort());
    // The base plan goes ahead; the stretch waits to be returned and raised.
    const published = (await step('publishTargetPlan', b.id, b.revision + 1, t.director)).publishTargetPlan.plan;
    expect(published.status).toBe('PUBLISHED');
    // Approved all the same (two approvals at one moment, or before this check): publishing it is refused too, by cell.
    await s.db.prisma.targetPlan.update({ where: { id: st.id }, data: { status: 'APPROVED' } });
    const publish = await s.refused(`mutation($id: ID!, $r: Int!) { publishTargetPlan(id: $id, revision: $r) { plan { id } } }`, { id: st.id, r: st.revision }, t.director);
    expect(publish.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PLAN_LINES_INVALID' });
    expect(new Set((publish.errors![0]!.extensions as unknown as { issues: { rule: string }[] }).issues.map((i) => i.rule))).toEqual(new Set(['stretchBelowBase']));
    expect(await s.db.prisma.targetPlan.findUniqueOrThrow({ where: { id: st.id } })).toMatchObject({ status: 'APPROVED', revision: st.revision });
  });
});
