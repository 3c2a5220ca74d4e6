/**
 * PostgreSQL statements kept prepared (server/db/native-pg.ts): a statement
 * with parameters that the server sends again is parsed once per connection
 * and answers each use with its own arguments, one used once takes no name;
 * one whose table changed under it is parsed again on the same connection;
 * statements without parameters (which may hold several commands) and very
 * long IN lists go as before; the setting turns it off.
 */
import { describe, expect, it } from 'vitest';
import { Prisma, type Db } from '../../server/db/client.ts';
import { loadConfig } from '../../server/config.ts';
import { postgresAvailable } from '../support/databases.ts';
import { migratedDatabases } from '../support/migrated-database.ts';

const migrated = migratedDatabases();
// One connection, so that every query below meets the same server session.
const database = (preparedStatements?: boolean) => migrated('postgresql', { poolMax: 1, preparedStatements });

const prepared = async (prisma: Db) =>
  (await prisma.$queryRaw<{ statement: string }[]>`SELECT "statement" FROM pg_prepared_statements WHERE "statement" LIKE ${'%quotabook-probe%'} AND "statement" NOT LIKE ${'%pg_prepared_statements%'}`).map((r) => r.statement);

describe.runIf(postgresAvailable)('PostgreSQL statements kept prepared', () => {
  it('are parsed once per connection and answer each use with its own arguments', async () => {
    const { prisma } = await database();
    for (const key of ['k1', 'k2', 'k3']) await prisma.setting.create({ data: { key, value: `v-${key}` } });
    for (let round = 0; round < 3; round++) {
      for (const key of ['k1', 'k2', 'k3']) {
        const rows = await prisma.$queryRaw<{ value: string }[]>`SELECT "value" /* quotabook-probe */ FROM "Setting" WHERE "key" = ${key}`;
        expect(rows).toEqual([{ value: `v-${key}` }]);
      }
    }
    // Nine uses, one statement on the session.
    expect(await prepared(prisma)).toEqual(['SELECT "value" /* quotabook-probe */ FROM "Setting" WHERE "key" = $1']);
    // Model queries, in and out of a transaction, keep working with their statements prepared.
    await prisma.$transaction(async (tx) => {
      await tx.setting.update({ where: { key: 'k2' }, data: { value: 'changed' } });
      expect((await tx.setting.findUnique({ where: { key: 'k2' } }))?.value).toBe('changed');
    });
    expect((await prisma.setting.findMany({ orderBy: { key: 'asc' } })).map((s) => s.value)).toEqual(['v-k1', 'changed', 'v-k3']);
    // A statement used once takes no name.
    await prisma.$queryRaw`SELECT "key" /* quotabook-probe once */ FROM "Setting" WHERE "key" = ${'k1'}`;
    expect(await prepared(prisma)).toHaveLength(1);
  });

  it('are parsed again under a new name when the table changed under them, on the same connection', async () => {
    const { prisma } = await database();
    const pid = async () => Number((await prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS "pid"`)[0]!.pid);
    const before = await pid();
    await prisma.$executeRawUnsafe(`CREATE TABLE "Probe" ("k" text, "v" text); INSERT INTO "Probe" VALUES ('a', '1')`);
    const probe = (tx: Pick<typeof prisma, '$queryRaw'>) => tx.$queryRaw<Record<string, string | null>[]>`SELECT * /* quotabook-probe */ FROM "Probe" WHERE "k" = ${'a'}`;
    expect(await probe(prisma)).toEqual([{ k: 'a', v: '1' }]);
    expect(await probe(prisma)).toEqual([{ k: 'a', v: '1' }]);
    expect(await prepared(prisma)).toHaveLength(1);
    // Another instance migrates: the prepared plan's columns no longer fit (0A000) and the transaction's
    // statement fails once; after a savepoint, the same text on the same connection is parsed anew.
    await prisma.$executeRawUnsafe(`ALTER TABLE "Probe" ADD COLUMN "w" text`);
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SAVEPOINT probe');
      await expect(probe(tx)).rejects.toThrow(/cached plan must not change result type/);
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT probe');
      expect(await probe(tx)).toEqual([{ k: 'a', v: '1', w: null }]);
    });
    // The transaction gave the connection back: it is the same one, and the statement works there.
    expect(await probe(prisma)).toEqual([{ k: 'a', v: '1', w: null }]);
    expect(await pid()).toBe(before);
  });

  it('leave statements without parameters and long IN lists as they were', async () => {
    const { prisma } = await database();
    // Two commands in one text: only the simple protocol takes that, as before.
    await prisma.$executeRawUnsafe(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('a', '/* quotabook-probe */ 1', now()); INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('b', '2', now())`);
    const keys = Array.from({ length: 100 }, (_, i) => `key-${i}`);
    const rows = await prisma.$queryRaw<{ key: string }[]>`SELECT "key" /* quotabook-probe */ FROM "Setting" WHERE "key" IN (${Prisma.join(['a', 'b', ...keys])}) ORDER BY "key"`;
    expect(rows.map((r) => r.key)).toEqual(['a', 'b']);
    expect(await prepared(prisma)).toEqual([]);
  });

  it('are off with PG_PREPARED_STATEMENTS=off', async () => {
    expect(loadConfig({ PG_PREPARED_STATEMENTS: 'off' }).pgPreparedStatements).toBe(false);
    expect(loadConfig({}).pgPreparedStatements).toBe(true);
    expect(() => loadConfig({ PG_PREPARED_STATEMENTS: 'maybe' })).toThrow(/PG_PREPARED_STATEMENTS must be on or off/);
    const { prisma } = await database(false);
    for (let round = 0; round < 3; round++) await prisma.$queryRaw`SELECT ${round}::int AS n /* quotabook-probe */`;
    expect(await prepared(prisma)).toEqual([]);
  });
});
