/**
 * Stretch ≥ base whichever plan is approved first (brief §3 validation): a
 * base plan is held below the approved stretch plan as a stretch plan is
 * held above the approved base one. Refused by cell, and nothing saved.
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
});
