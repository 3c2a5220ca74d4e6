/**
 * Several server processes start the PostgreSQL job queue at once (WORKERS,
 * or several machines against one database). pg-boss's create_queue in two
 * of them at once ended in "deadlock detected" in about one start in five,
 * and the process that lost kept the failed start: every job it was handed
 * failed until it restarted.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { loadConfig } from '../config.ts';
import { postgresAvailable, tempDatabase } from '../../test/support/databases.ts';
import pg from 'pg';
import { jobsSchemaFor, pgQueue } from './pg-queue.ts';

describe.skipIf(!postgresAvailable)('the job queue on PostgreSQL', () => {
  it('starts in two processes at once on a new database, every time', async () => {
    for (let round = 0; round < 25; round++) {
      const temp = await tempDatabase('postgresql');
      const config = loadConfig({ DATABASE_URL: temp.url });
      const dbs = await Promise.all([openDatabase(temp.url), openDatabase(temp.url)]);
      const queues = dbs.map((db) => pgQueue(db, config));
      try {
        const started = await Promise.allSettled(queues.map((q) => q.start()));
        expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started')), `round ${round}`).toEqual(['started', 'started']);
      } finally {
        await Promise.all(queues.map((q) => q.stop()));
        await Promise.all(dbs.map((db) => db.close()));
        await temp.drop();
      }
    }
  }, 120_000);

  it('tries again after a start that failed, instead of keeping the failure', async () => {
    const temp = await tempDatabase('postgresql');
    const db = await openDatabase(temp.url);
    const queue = pgQueue(db, loadConfig({ DATABASE_URL: temp.url }));
    const admin = new pg.Client({ connectionString: temp.url.replace(/[?&]schema=.*$/, '') });
    await admin.connect();
    const jobs = jobsSchemaFor(temp.url);
    try {
      // pg-boss's schema at a version it has no migration from: its start fails.
      await admin.query(`CREATE SCHEMA "${jobs}"; CREATE TABLE "${jobs}".version (version int, maintained_on timestamptz, cron_on timestamptz); INSERT INTO "${jobs}".version VALUES (1)`);
      await expect(queue.start()).rejects.toThrow();
      await admin.query(`DROP SCHEMA "${jobs}" CASCADE`);
      await expect(queue.start()).resolves.toBeUndefined();
    } finally {
      await admin.end();
      await queue.stop();
      await db.close();
      await temp.drop();
    }
  }, 60_000);
});
