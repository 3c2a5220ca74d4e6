/**
 * DATABASE_READ_URL (issue 12 §5): the sales sums behind results and rankings
 * are read from the replica, everything else (who may see what, every write,
 * what a published ranking freezes) from the primary. The "replica" here is
 * a second copy of the same database with one sale only it holds, so each
 * answer shows where it was read.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';

import { startTestServer, type TestServer } from '../support/harness.ts';
import { cloneDatabase, postgresAvailable, type TempDatabase } from '../support/databases.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { createApp, CSRF_HEADER } from '../../server/app.ts';
import { loadConfig, readReplicaUrl } from '../../server/config.ts';
import { rebuildSalesMonths } from '../../server/results/rollup.ts';
import { parseMoney } from '../../schema/money.ts';

const ACTUALS = 'query($p: ID!) { actuals(period: "2026-03", grain: MONTH, metric: SALES_AMOUNT, personId: $p) { total } }';
const DAYS = 'query($p: ID!) { actuals(period: "2026-03", grain: DAY, metric: SALES_AMOUNT, personId: $p) { total } }';

describe('DATABASE_READ_URL', () => {
  it('is a PostgreSQL replica of a PostgreSQL primary', () => {
    expect(readReplicaUrl(undefined, 'postgresql://h/db')).toBeNull();
    expect(readReplicaUrl('postgresql://replica/db', 'postgresql://h/db')).toBe('postgresql://replica/db');
    expect(() => readReplicaUrl('postgresql://replica/db', 'file:./data/q.db')).toThrow(/set DATABASE_URL to the primary/);
    expect(() => readReplicaUrl('file:./other.db', 'postgresql://h/db')).toThrow(/must be a postgresql:\/\/ URL/);
  });
});

describe.skipIf(!postgresAvailable)('reads that tolerate lag go to the replica', () => {
  let s: TestServer;
  let replica: TempDatabase;
  let wired: Database;
  let gql: (query: string, variables: Record<string, unknown>, token?: string) => Promise<{ data?: any; errors?: any[] }>;
  let finance: string;
  let person: { id: string; employeeNo: string; unitId: string };

  beforeAll(async () => {
    s = await startTestServer('postgresql');
    replica = (await cloneDatabase('postgresql', inject('quotabookTemplates')))!;
    // One sale only the replica holds (written there directly, as replication would have).
    const a = await s.db.prisma.assignment.findFirstOrThrow({ where: { validTo: null, person: { status: 'ACTIVE', position: 'SALES_REP' } }, include: { person: true } });
    person = { id: a.personId, employeeNo: a.person.employeeNo, unitId: a.unitId };
    const onReplica = await openDatabase(replica.url);
    await onReplica.prisma.salesRecord.create({ data: { externalId: 'ONLY-ON-REPLICA', personId: person.id, unitId: person.unitId, date: new Date('2026-03-09T00:00:00Z'), amountFen: 123_456n } });
    await rebuildSalesMonths(onReplica.prisma);
    await onReplica.close();
    wired = await openDatabase(s.temp.url, { readUrl: replica.url });
    const app = createApp(wired, { ...loadConfig({ PORT: '3000' }), databaseUrl: s.temp.url, databaseReadUrl: replica.url });
    gql = async (query, variables, token) =>
      (await app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      })).json();
    // Signing in writes a session: on the primary, so the replica-wired server's token is good on both.
    finance = (await gql('mutation { login(username: "finance", password: "quotabook-demo") { token } }', {})).data.login.token;
  }, 120_000);
  afterAll(async () => {
    await wired?.close();
    await s?.close();
    await replica?.drop();
  });

  it('answers the sales sums from the replica, by month and by day', async () => {
    const primary = (await s.gql<any>(ACTUALS, { p: person.id }, await s.login('finance'))).data.actuals.total as string;
    const viaReplica = (await gql(ACTUALS, { p: person.id }, finance)).data.actuals.total as string;
    expect(parseMoney(viaReplica) - parseMoney(primary)).toBe(123_456n);
    expect((await gql(DAYS, { p: person.id }, finance)).data.actuals.total).toBe(viaReplica);
  });

  it('writes to the primary only', async () => {
    const r = await gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: [{ externalId: 'WRITTEN-THROUGH-WIRED', employeeNo: person.employeeNo, date: '2026-03-10', amount: '10.00' }] }, finance);
    expect(r.errors).toBeUndefined();
    expect(await s.db.prisma.salesRecord.count({ where: { externalId: 'WRITTEN-THROUGH-WIRED' } })).toBe(1);
    const onReplica = await openDatabase(replica.url);
    expect(await onReplica.prisma.salesRecord.count({ where: { externalId: 'WRITTEN-THROUGH-WIRED' } })).toBe(0);
    await onReplica.close();
  });
});
