/**
 * A database that does not answer in time: a PostgreSQL statement past
 * DB_STATEMENT_TIMEOUT_MS is cancelled by the database, a SQLite writer held
 * up by another past its wait gives up. Either way the request ends with
 * DATABASE_BUSY (the pane says the server is busy and offers Try again), not
 * an unexpected error, nothing is written, and the next request, once the
 * database is free, succeeds.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFile, splitPgSchema } from '../../server/db/client.ts';
import { databaseOptions, loadConfig } from '../../server/config.ts';
import { databaseSnapshot, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const RUNS = 'query($m: String) { payrollRuns(month: $m) { id month status } }';
const CREATE = 'mutation($u: ID!, $m: String!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id status } } }';

/** Holds the payroll runs' table from another connection until `release`. */
async function holdPayrollRuns(s: TestServer): Promise<() => Promise<void>> {
  if (s.db.provider === 'sqlite') {
    const other = new Database(sqliteFile(s.temp.url));
    other.exec('BEGIN IMMEDIATE');
    other.prepare(`UPDATE "PayrollRun" SET "status" = "status"`).run();
    return async () => {
      other.exec('ROLLBACK');
      other.close();
    };
  }
  const { connectionString, schema } = splitPgSchema(s.temp.url);
  const other = new pg.Client({ connectionString, ...(schema ? { options: `-c search_path="${schema}"` } : {}) });
  await other.connect();
  await other.query('BEGIN');
  await other.query('LOCK TABLE "PayrollRun" IN ACCESS EXCLUSIVE MODE');
  return async () => {
    await other.query('ROLLBACK');
    await other.end();
  };
}

describe.each(testProviders)('a database that does not answer in time on %s', (provider) => {
  let s: TestServer;
  let finance: string;
  let companyId: string;

  beforeAll(async () => {
    s = await startTestServer(provider, { statementTimeoutMs: 300 });
    finance = await s.login('finance');
    companyId = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: null } })).id;
  });
  afterAll(() => s.close());

  it('a change held up by another writer ends as DATABASE_BUSY and writes nothing', async () => {
    const before = await databaseSnapshot(s.db);
    const release = await holdPayrollRuns(s);
    let r;
    try {
      r = await s.gql(CREATE, { u: companyId, m: '2026-11' }, finance);
    } finally {
      await release();
    }
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_BUSY', params: {} });
    expect(await databaseSnapshot(s.db)).toBe(before);

    const again = await s.gql(CREATE, { u: companyId, m: '2026-11' }, finance);
    expect(again.errors).toBeUndefined();
    expect(again.data.createPayrollRun.run.status).toBe('DRAFT');
  }, 30_000);

  it.runIf(provider === 'postgresql')('a read past the statement timeout is cancelled by the database, then answers once the table is free', async () => {
    const free = await s.gql(RUNS, { m: '2026-11' }, finance);
    expect(free.errors).toBeUndefined();
    const release = await holdPayrollRuns(s);
    let r;
    const started = Date.now();
    try {
      r = await s.gql(RUNS, { m: '2026-11' }, finance);
    } finally {
      await release();
    }
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_BUSY', params: {} });
    // Cancelled near the 300 ms limit, not after the lock went (the test holds it for as long as the request takes).
    expect(Date.now() - started).toBeLessThan(10_000);

    const again = await s.gql(RUNS, { m: '2026-11' }, finance);
    expect(again).toEqual(free);
  }, 30_000);
});

describe('DB_STATEMENT_TIMEOUT_MS', () => {
  it('is a minute by default, 0 for no limit, and refused when it is not whole milliseconds', () => {
    expect(databaseOptions(loadConfig({})).statementTimeoutMs).toBe(60_000);
    expect(databaseOptions(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '0' })).statementTimeoutMs).toBe(0);
    expect(databaseOptions(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '1500' })).statementTimeoutMs).toBe(1500);
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '1.5s' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
  });
});
