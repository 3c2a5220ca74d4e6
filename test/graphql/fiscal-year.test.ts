/** The fiscal year's first month: plans follow it; it cannot move under existing plans. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, databaseSnapshot, startTestServer, type TestServer } from '../support/harness.ts';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer('sqlite');
  admin = await s.login('admin');
});
afterAll(() => s.close());

describe('fiscal year', () => {
  it('starts in April when set so, and the plan’s quarters follow', async () => {
    expect((await s.gql('{ fiscalYearStartMonth }', {}, admin)).data.fiscalYearStartMonth).toBe(1);
    expect((await s.gql('mutation { setFiscalYearStartMonth(month: 4) }', {}, admin)).data.setFiscalYearStartMonth).toBe(4);
    const unit = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'AREA' } });
    const r = await s.gql(
      'mutation($u: ID!) { createTargetPlan(input: { year: 2026, metric: UNITS, level: BASE, scopeUnitId: $u, total: "400", periodLevel: "quarter" }) { periods { key start end } } }',
      { u: unit.id },
      admin,
    );
    expect(r.data.createTargetPlan.periods[0]).toEqual({ key: '2026-Q1', start: '2026-04-01', end: '2026-06-30' });
    expect(r.data.createTargetPlan.periods[3]).toEqual({ key: '2026-Q4', start: '2027-01-01', end: '2027-03-31' });
  });

  it('refuses to move once plans exist, and refuses months that do not exist', async () => {
    const before = await databaseSnapshot(s.db);
    const r = await s.gql('mutation { setFiscalYearStartMonth(month: 1) }', {}, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toMatch(/1 target plan\(s\) already use/);
    expect(codeOf(await s.gql('mutation { setFiscalYearStartMonth(month: 13) }', {}, admin))).toBe('BAD_USER_INPUT');
    expect(await databaseSnapshot(s.db)).toBe(before);
  });
});
