/**
 * After seeding the demo organisation on PostgreSQL, the planner has
 * statistics for what was loaded (server/seed/seed.ts analyseAfterLoad):
 * without them it guesses a row or two per table until autovacuum comes by.
 */
import { describe, expect, it } from 'vitest';
import { seedOrganisation } from '../../server/seed/seed.ts';
import { generateDemoOrg } from '../../server/seed/demo-org.ts';
import { postgresAvailable } from '../support/databases.ts';
import { migratedDatabases } from '../support/migrated-database.ts';

const database = migratedDatabases();

describe.runIf(postgresAvailable)('the demo seed on postgresql', () => {
  it('leaves the planner statistics of the tables it loaded', async () => {
    const { prisma } = await database('postgresql');
    const seeded = await seedOrganisation(prisma, generateDemoOrg({ people: 30 }), { results: { today: '2026-06-15' } });
    // What ANALYZE records of each table: its row count (exact for tables this small) and its columns' statistics.
    const tuples = async (table: string) => (await prisma.$queryRaw<{ n: number }[]>`SELECT reltuples::int AS n FROM pg_class WHERE oid = ${`"${table}"`}::regclass`)[0]!.n;
    expect(await tuples('Person')).toBe(seeded.people);
    expect(await tuples('TargetLine')).toBe(await prisma.targetLine.count());
    expect(await tuples('TargetLine')).toBeGreaterThan(0);
    const columns = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'TargetLine'`;
    expect(columns[0]!.n).toBeGreaterThan(0);
  });
});
