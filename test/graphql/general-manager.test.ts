/**
 * The general manager sees everything in the centre (brief §8: director /
 * general manager — everything in their centre): the reads a director has,
 * with the same rows, in the demo organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { repTeam } from '../support/target-plans.ts';

const READS: [string, string][] = [
  ['target plans', '{ targetPlans(year: 2026) { id status version } }'],
  ['scorecards', '{ scorecards(periodKey: "2026-10") { id } }'],
  ['promotion proposals', '{ promotionProposals(month: "2026-10") { personId to } }'],
  ['cross-territory sales', '{ crossTerritorySales(status: OPEN) { id } }'],
  ['reward rules', '{ rankingRewardRules { rewards penalties } }'],
  ['rep plan roster', '{ repPlanRoster(month: "2026-11") { personId } }'],
];

describe.each(testProviders)('the general manager on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'gm' | 'director' | 'manager', string>;
  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['gm', 'director', 'manager'] as const) t[u] = await s.login(u);
    // A team plan, submitted: something for both to read.
    const team = await repTeam(s);
    const created = await s.gql('mutation($u: ID!) { createTargetPlan(input: { year: 2026, metric: UNITS, level: BASE, scopeUnitId: $u, total: "1200" }) { plan { id revision } } }', { u: team }, t.manager);
    const plan = created.data.createTargetPlan.plan;
    const broken = await s.gql('mutation($id: ID!, $r: Int!) { breakDownTargetPlan(id: $id, revision: $r, time: { kind: EQUAL }, owners: { kind: EQUAL }) { plan { revision } } }', { id: plan.id, r: plan.revision }, t.manager);
    const submitted = await s.gql('mutation($id: ID!, $r: Int!) { submitTargetPlan(id: $id, revision: $r) { plan { status } } }', { id: plan.id, r: broken.data.breakDownTargetPlan.plan.revision }, t.manager);
    expect(submitted.data.submitTargetPlan.plan.status).toBe('SUBMITTED');
  });
  afterAll(() => s.close());

  it.each(READS)('reads the %s the director reads', async (_what, query) => {
    const gm = await s.gql(query, {}, t.gm);
    const director = await s.gql(query, {}, t.director);
    expect(gm.errors, JSON.stringify(gm.errors)).toBeUndefined();
    expect(gm.data).toEqual(director.data);
  });

  it('has the year’s plans to read (the comparison is not of two empty lists)', async () => {
    expect((await s.gql('{ targetPlans(year: 2026) { id } }', {}, t.gm)).data.targetPlans.length).toBeGreaterThan(0);
  });
});
