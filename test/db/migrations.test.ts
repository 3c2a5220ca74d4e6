/**
 * The migrations folder and the model source agree: applying every migration
 * to an empty database gives the same structure as building the current
 * schema from nothing. And the runner is idempotent and all-or-nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../server/db/migrate.ts';
import { schemaSql } from '../../scripts/prisma.ts';
import { renderSchemas } from '../../scripts/prisma.ts';
import { testProviders, tempDatabase, type TempDatabase } from '../support/databases.ts';
import { catalog } from './catalog.ts';
import { openDatabase } from '../../server/db/client.ts';

const created: TempDatabase[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((d) => d.drop()));
});
const fresh = async (provider: (typeof testProviders)[number]) => {
  const d = await tempDatabase(provider);
  created.push(d);
  return d;
};

describe.each(testProviders)('migrations on %s', (provider) => {
  it('applied to an empty database equal the current schema', async () => {
    renderSchemas();
    const viaMigrations = await fresh(provider);
    await migrate(viaMigrations.url);
    const viaSchema = await fresh(provider);
    const sql = schemaSql(provider);
    await migrate(viaSchema.url, [{ name: 'current-schema', sql, checksum: 'x' }]);
    expect(await catalog(viaMigrations.url)).toEqual(await catalog(viaSchema.url));
  }, 120_000);

  it('run twice, apply nothing the second time', async () => {
    const d = await fresh(provider);
    const first = await migrate(d.url);
    expect(first.applied).toEqual(loadMigrations(provider).map((m) => m.name));
    const second = await migrate(d.url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
  });

  it('a failing migration leaves nothing of itself behind and is not recorded', async () => {
    const d = await fresh(provider);
    const good = loadMigrations(provider);
    const broken = { name: '99999999999999_broken', checksum: 'b', sql: 'CREATE TABLE "Half" (id TEXT PRIMARY KEY);\nTHIS IS NOT SQL;' };
    await expect(migrate(d.url, [...good, broken])).rejects.toThrow(/99999999999999_broken failed/);
    const db = await openDatabase(d.url);
    try {
      const tables = provider === 'sqlite'
        ? await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE name = 'Half'`)
        : await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_name = 'Half'`);
      expect(tables).toEqual([]);
      expect(await db.prisma.orgUnit.count()).toBe(0); // the good ones did apply
    } finally {
      await db.close();
    }
    const again = await migrate(d.url);
    expect(again.applied).toEqual([]);
  });

  it('refuses a migration edited after it was applied', async () => {
    const d = await fresh(provider);
    await migrate(d.url);
    const edited = loadMigrations(provider).map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(d.url, edited)).rejects.toThrow(/edited after it was applied/);
  });
});
