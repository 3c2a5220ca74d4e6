/**
 * Two instances starting at once against one new PostgreSQL database (issue
 * 12 §5: several machines): both serve, and the database is prepared once.
 * Before, both found it empty and both seeded: one failed to start on a
 * duplicate key, leaving a second organisation half made.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { postgresAvailable, tempDatabase } from '../test/support/databases.ts';
import { prepareDatabase } from './startup.ts';

describe.skipIf(!postgresAvailable)('starting two instances at once on PostgreSQL', () => {
  it('migrates, seeds the demo organisation and adds the built-in data once', async () => {
    const temp = await tempDatabase('postgresql');
    const config = loadConfig({ DATABASE_URL: temp.url, SEED_DEMO_RESULTS: '0' });
    const started = await Promise.allSettled([prepareDatabase(config), prepareDatabase(config)]);
    try {
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started']);
      const [a, b] = started.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof prepareDatabase>>>).value);
      // One of them migrated and seeded; the other found it done.
      expect([a!.migrated.applied.length > 0, b!.migrated.applied.length > 0].sort()).toEqual([false, true]);
      expect([a!.seeded !== null, b!.seeded !== null].sort()).toEqual([false, true]);
      const db = a!.db.prisma;
      expect(await db.orgUnit.count({ where: { kind: 'COMPANY' } })).toBe(1);
      expect(await db.person.count()).toBe((a!.seeded ?? b!.seeded)!.people);
      expect(await db.user.count({ where: { username: 'admin' } })).toBe(1);
      expect(await db.compensationPlan.count()).toBe(2);
      expect(await db.kpiIndicatorSet.count()).toBeGreaterThan(0);
      expect(await db.workingCalendarDay.count()).toBeGreaterThan(0);
    } finally {
      for (const s of started) if (s.status === 'fulfilled') await s.value.db.close();
      await temp.drop();
    }
  }, 120_000);
});
