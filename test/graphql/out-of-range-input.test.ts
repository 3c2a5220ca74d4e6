/**
 * Input a person can type but no calendar or ledger holds: a month of year
 * 0000 (a slip for 2026), an amount past what Quotabook keeps. Each is a
 * coded refusal naming what is wrong, never "Unexpected error", and nothing
 * is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

describe.each(testProviders)('input out of range on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager', string>;
  let personId: string;
  let unitId: string;
  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager'] as const) t[u] = await s.login(u);
    personId = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } })).personId!;
    const manager = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } })).personId!;
    unitId = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: manager } })).id;
  });
  afterAll(() => s.close());

  const refusedAs = async (who: keyof typeof t, query: string, variables: Record<string, unknown> = {}) => {
    const r = await s.refused(query, { ...variables }, t[who]);
    expect(r.errors?.[0]?.extensions?.code, `${query} as ${who}: ${JSON.stringify(r.errors)}`).toBe('BAD_USER_INPUT');
    return r.errors![0]!;
  };

  it('refuses a month or period of year 0000 with a code, reading or writing', async () => {
    for (const month of ['0000-01', '0099-12', '1899-12']) {
      await refusedAs('finance', 'mutation($p: ID!, $m: String!) { addPayAdjustment(personId: $p, month: $m, amount: "1.00", reason: "r", approvedBy: "x") }', { p: personId, m: month });
      await refusedAs('finance', 'mutation($u: ID!, $m: String!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id } } }', { u: unitId, m: month });
      await refusedAs('finance', 'mutation($u: ID!, $m: String!) { saveUnitExpenses(month: $m, lines: [{ unitId: $u, category: TRAVEL, amount: "1.00" }]) { amount } }', { u: unitId, m: month });
      await refusedAs('admin', 'mutation($m: String!) { lockPeriod(periodKey: $m, reason: "r") { periodKey } }', { m: month });
      await refusedAs('finance', 'query($m: String!) { unitExpenses(month: $m) { amount } }', { m: month });
      await refusedAs('finance', 'query($m: String!) { attendanceSummary(month: $m) { personId } }', { m: month });
      await refusedAs('manager', 'query($m: String!) { promotionProposals(month: $m) { personId } }', { m: month });
      await refusedAs('manager', 'query($m: String!, $u: ID!) { actuals(period: $m, grain: MONTH, metric: SALES_AMOUNT, unitId: $u) { __typename } }', { m: month, u: unitId });
      await refusedAs('manager', 'query($m: String!, $u: ID!) { achievement(period: $m, grain: MONTH, metric: SALES_AMOUNT, unitId: $u) { __typename } }', { m: month, u: unitId });
      await refusedAs('manager', 'query($m: String!, $u: ID!) { leagueTable(period: $m, unitId: $u) { __typename } }', { m: month, u: unitId });
      await refusedAs('manager', 'query($m: String!, $u: ID!) { publishedRankings(period: $m, unitId: $u) { __typename } }', { m: month, u: unitId });
      await refusedAs('manager', 'query($m: String!, $u: ID!) { unitRatios(period: $m, grain: MONTH, unitId: $u) { __typename } }', { m: month, u: unitId });
    }
    await refusedAs('admin', 'mutation { lockPeriod(periodKey: "0000", reason: "r") { periodKey } }');
    expect(await s.db.prisma.periodLock.count({ where: { periodKey: { startsWith: '0' } } })).toBe(0);
  });

  it('refuses money past what is kept, and commas out of place, naming the cell or row', async () => {
    for (const amount of ['99999999999999999999', '1,2,3']) {
      await refusedAs('finance', 'mutation($u: ID!, $a: String!) { saveUnitExpenses(month: "2026-11", lines: [{ unitId: $u, category: TRAVEL, amount: $a }]) { amount } }', { u: unitId, a: amount });
      await refusedAs('manager', 'mutation($u: ID!, $a: String!) { createTargetPlan(input: { scopeUnitId: $u, year: 2028, metric: SALES_AMOUNT, level: BASE, total: $a }) { plan { id } } }', { u: unitId, a: amount });
      await refusedAs('manager', 'mutation($u: ID!, $a: String!) { createTargetPlan(input: { scopeUnitId: $u, year: 2028, metric: UNITS, level: BASE, total: $a }) { plan { id } } }', { u: unitId, a: amount });
    }
    await refusedAs('finance', 'mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-11", amount: "1,2,3", reason: "r", approvedBy: "x") }', { p: personId });

    const employeeNo = (await s.db.prisma.person.findUniqueOrThrow({ where: { id: personId } })).employeeNo;
    const IMPORT = 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }';
    const sale = { externalId: 'OOR-1', employeeNo, date: '2026-11-10', amount: '100.00' };
    const top = await refusedAs('finance', IMPORT, { r: [{ ...sale, amount: '92233720368547758.07' }] });
    expect((top.extensions as { problems?: unknown }).problems).toEqual([expect.objectContaining({ row: 1, field: 'amount', reason: 'NUMBER_OUT_OF_RANGE', params: { value: '92233720368547758.07', max: '1000000000000.00' } })]);
    const negative = await refusedAs('finance', IMPORT, { r: [{ ...sale, collected: '-500.00', margin: '-99.00' }] });
    expect((negative.extensions as { problems?: unknown }).problems).toEqual([expect.objectContaining({ row: 1, field: 'collected', reason: 'NEGATIVE_AMOUNT' })]);
    expect(await s.db.prisma.salesRecord.count({ where: { externalId: 'OOR-1' } })).toBe(0);
    // A sale at a loss is a sale: its margin may be below zero.
    const loss = await s.gql(IMPORT, { r: [{ ...sale, margin: '-99.00' }] }, t.finance);
    expect(loss.errors).toBeUndefined();
    expect((await s.db.prisma.salesRecord.findUniqueOrThrow({ where: { externalId: 'OOR-1' } })).marginFen).toBe(-9900n);
  });

  it('refuses more minutes late than a day has, on the row, importing nothing', async () => {
    const employeeNo = (await s.db.prisma.person.findUniqueOrThrow({ where: { id: personId } })).employeeNo;
    const late = await refusedAs('finance', 'mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }', { r: [{ employeeNo, date: '2026-11-10', status: 'LATE', lateMinutes: 100000 }] });
    expect((late.extensions as { problems?: unknown }).problems).toEqual([expect.objectContaining({ row: 1, field: 'lateMinutes', reason: 'LATE_MINUTES_INVALID' })]);
  });
});
