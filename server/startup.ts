/**
 * What a server does to its database before it serves: applies pending
 * migrations, seeds the demo organisation into an empty database (unless
 * SEED_DEMO=0), and adds the built-in compensation plans, working calendar
 * and scorecard indicator sets where there are none.
 *
 * On PostgreSQL several instances may start at once against one database
 * (several machines; issue 12 §5). Each step checks and then writes, so two
 * at once would both find the database empty and both seed it, or refuse to
 * start on a duplicate key. They prepare one at a time: under an advisory
 * lock per schema, held on a connection of its own for the whole preparation;
 * the second finds the work done.
 */
import { databaseOptions, type Config } from './config.ts';
import { openDatabase, splitPgSchema, type Database } from './db/client.ts';
import { migrate, type MigrateResult } from './db/migrate.ts';
import { providerOf } from './db/providers.ts';
import { seedDemoIfEmpty, type SeedResult } from './seed/seed.ts';
import { ensureBuiltInPlans } from './payroll/plans.ts';
import { ensureWorkingCalendar } from './payroll/working-calendar.ts';
import { ensureKpiSets } from './seed/kpi-sets.ts';

export interface Prepared {
  db: Database;
  migrated: MigrateResult;
  /** What was seeded, or null when the database had an organisation already (or SEED_DEMO=0). */
  seeded: SeedResult | null;
}

export async function prepareDatabase(config: Config): Promise<Prepared> {
  return oneAtATime(config.databaseUrl, async () => {
    const migrated = await migrate(config.databaseUrl);
    // Migrating and seeding write through db.prisma, the primary; only served reads use the replica.
    const db = await openDatabase(config.databaseUrl, databaseOptions(config));
    try {
      const seeded = config.seedDemo ? await seedDemoIfEmpty(db.prisma, { results: config.seedDemoResults, config }) : null;
      await ensureBuiltInPlans(db.prisma);
      await ensureWorkingCalendar(db.prisma);
      await ensureKpiSets(db.prisma);
      return { db, migrated, seeded };
    } catch (error) {
      await db.close();
      throw error;
    }
  });
}

/** Runs `work` in one process at a time for this database (its schema, on PostgreSQL). SQLite: one server a file, so at once. */
async function oneAtATime<T>(url: string, work: () => Promise<T>): Promise<T> {
  if (providerOf(url) !== 'postgresql') return work();
  const { connectionString, schema } = splitPgSchema(url);
  const { default: pg } = await import('pg');
  const key = `quotabook:start:${schema ?? 'public'}`;
  const client = new pg.Client({ connectionString, application_name: 'quotabook-start' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    await client.end();
  }
}
