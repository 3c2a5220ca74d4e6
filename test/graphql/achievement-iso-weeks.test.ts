/**
 * A plan broken down by ISO weeks alone (Monday start, weeks straddling
 * months): results still have month, quarter, ten-day and year targets.
 * A straddling week gives each month its share by days, largest remainder
 * first, so the months add up to the year to the fen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { targetPlans, PLAN, repTeam } from '../support/target-plans.ts';

const ACH = `query($period: String!, $grain: PeriodGrain!, $unitId: ID, $by: ActualsBy) {
  achievement(period: $period, grain: $grain, metric: SALES_AMOUNT, unitId: $unitId, by: $by) {
    rows { ownerId cells { periodKey base } } } }`;

describe.each(testProviders)('a plan by ISO weeks in results on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'manager' | 'director', string>;
  let team: string;
  let gqlOk: ReturnType<typeof targetPlans>['gqlOk'];
  let publish: ReturnType<typeof targetPlans>['publish'];

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['manager', 'director'] as const) t[u] = await s.login(u);
    ({ gqlOk, publish } = targetPlans(s, t));
    team = await repTeam(s);
    // 2026 has 53 ISO weeks (W01 cut to 1–4 January, W53 to 28–31 December): 1,000.00 each.
    const created = (await gqlOk(`mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`, {
      input: { year: 2026, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: team, total: '53000.00', ownerKind: 'PERSON', periodLevel: 'week' },
    }, t.manager)).createTargetPlan.plan;
    const broken = (await gqlOk(`mutation($id: ID!, $r: Int!) { breakDownTargetPlan(id: $id, revision: $r, time: { kind: EQUAL }, owners: { kind: DAYS_EMPLOYED }) { ${PLAN} } }`, { id: created.id, r: created.revision }, t.manager)).breakDownTargetPlan;
    expect(broken.lines.filter((l: any) => l.ownerId === team && l.periodKey === '2026-W05')).toEqual([{ ownerId: team, periodKey: '2026-W05', amount: '1000.00' }]);
    await publish(broken.plan.id, broken.plan.revision);
  });
  afterAll(() => s.close());

  const teamBase = async (period: string, grain: string) => {
    const d = await gqlOk(ACH, { period, grain, unitId: team, by: 'UNIT' }, t.manager);
    return d.achievement.rows.find((r: any) => r.ownerId === team)?.cells[0]?.base;
  };

  it('months take the weeks inside them and a straddling week’s share by days', async () => {
    // January: W01–W04 and 6/7 of W05 (857.14); February: 1/7 of W05 (142.86), W06–W08 and 6/7 of W09 (857.14).
    expect(await teamBase('2026-01', 'MONTH')).toBe('4857.14');
    expect(await teamBase('2026-02', 'MONTH')).toBe('4000.00');
    // March: 1/7 of W09, W10–W13 and 2/7 of W14 (285.71; April has 714.29).
    expect(await teamBase('2026-03', 'MONTH')).toBe('4428.57');
  });

  it('quarters, ten-day blocks and the year follow from the months, to the fen', async () => {
    expect(await teamBase('2026-Q1', 'QUARTER')).toBe('13285.71');
    expect(await teamBase('2026', 'YEAR')).toBe('53000.00');
    // February's 4,000.00 over 10 + 10 + 8 days.
    expect(await teamBase('2026-02-D3', 'TEN_DAYS')).toBe('1142.86');
  });
});
