/**
 * A period locked while a write that checked the locks is still under way,
 * on PostgreSQL (read committed): the lock waits for that write to commit,
 * and a write that checks after the lock sees it. Without the shared and
 * exclusive holds of calendar.ts, the lock committed in between and the
 * write landed in the locked month.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { postgresAvailable, tempDatabase, type TempDatabase } from '../../test/support/databases.ts';
import { lockPeriod, requireUnlocked } from './calendar.ts';
import { inLockedPeriods } from './sales-import.ts';
import { isDatabaseBusy } from '../errors.ts';
import { loadConfig } from '../config.ts';
import { systemClock } from '../clock.ts';
import { createThrottle } from '../auth/throttle.ts';
import type { Context } from '../context.ts';
import { CALENDAR_YEAR, period } from '../../schema/periods.ts';

const opened: { db: Database; temp: TempDatabase }[] = [];
afterAll(async () => {
  for (const o of opened) {
    await o.db.close();
    await o.temp.drop();
  }
});

/** A PostgreSQL database of its own, migrated, and an admin's request context on it. */
async function database() {
  const temp = await tempDatabase('postgresql');
  await migrate(temp.url);
  const db = await openDatabase(temp.url);
  opened.push({ db, temp });
  const ctx: Context = { prisma: db.prisma, config: loadConfig({ DATABASE_URL: temp.url }), viewer: { userId: 'admin', username: 'admin', sessionId: 's', roles: ['ADMIN'], personId: null, personName: null }, sessionProblem: null, clock: systemClock, loginThrottle: createThrottle(), memo: new Map() };
  return { db, ctx };
}

/** A write held open after its check: `checked` once it has checked, `held` until `release`. */
function gate() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let checked!: () => void;
  const hasChecked = new Promise<void>((resolve) => (checked = resolve));
  return { held, release, checked, hasChecked };
}

describe.skipIf(!postgresAvailable)('locking a period while a checked write is under way, on PostgreSQL', () => {
  it('waits for the write to commit; a write that checks afterwards is refused', async () => {
    const { db, ctx } = await database();
    const june = [period('2026-06')];
    const order: string[] = [];
    const { held, release, checked, hasChecked } = gate();
    const writer = db.prisma.$transaction(async (tx) => {
      await requireUnlocked(tx, june, CALENDAR_YEAR, 'Writing in June');
      checked();
      await held;
      await tx.setting.create({ data: { key: 'written-in-june', value: '1' } });
      order.push('write');
    }, { timeout: 20_000 });
    await hasChecked;
    const locking = lockPeriod(ctx, '2026-06', '月结').then(() => order.push('lock'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    // The lock waits while the write that checked is open.
    expect(order).toEqual([]);
    release();
    await writer;
    await locking;
    expect(order).toEqual(['write', 'lock']);
    await expect(db.prisma.$transaction((tx) => requireUnlocked(tx, june, CALENDAR_YEAR, 'Writing in June'))).rejects.toMatchObject({ extensions: { reason: 'PERIOD_LOCKED' } });
  });

  it('an import that checked the locks inside its write transaction: the lock waits for it too', async () => {
    const { db, ctx } = await database();
    const order: string[] = [];
    const { held, release, checked, hasChecked } = gate();
    // What importSales and importAttendance do first in their write transaction.
    const writer = db.prisma.$transaction(async (tx) => {
      expect(await inLockedPeriods(tx, CALENDAR_YEAR, () => [{ row: 2, day: '2026-07-10' }])).toEqual([]);
      checked();
      await held;
      await tx.setting.create({ data: { key: 'imported-in-july', value: '1' } });
      order.push('write');
    }, { timeout: 20_000 });
    await hasChecked;
    const locking = lockPeriod(ctx, '2026-07', '月结').then(() => order.push('lock'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(order).toEqual([]);
    release();
    await writer;
    await locking;
    expect(order).toEqual(['write', 'lock']);
    const again = await db.prisma.$transaction((tx) => inLockedPeriods(tx, CALENDAR_YEAR, () => [{ row: 2, day: '2026-07-10' }]));
    expect(again.map((p) => p.reason)).toEqual(['IN_LOCKED_PERIOD']);
  });

  it('a lock asked for while a long write (a payroll calculation) holds the check: refused as busy soon, and other writes are not held up behind it', async () => {
    const { db, ctx } = await database();
    const { held, release, checked, hasChecked } = gate();
    const long = db.prisma.$transaction(async (tx) => {
      await requireUnlocked(tx, [period('2026-06')], CALENDAR_YEAR, 'Calculating payroll');
      checked();
      await held;
    }, { timeout: 30_000 });
    await hasChecked;
    const t0 = Date.now();
    const locking = lockPeriod(ctx, '2026-05', '月结').then(() => 'locked', (e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A write of another month meanwhile checks the locks and commits at once.
    const other = Date.now();
    await db.prisma.$transaction((tx) => requireUnlocked(tx, [period('2026-08')], CALENDAR_YEAR, 'Writing in August'));
    expect(Date.now() - other).toBeLessThan(1000);
    const refused = await locking;
    expect(Date.now() - t0).toBeLessThan(4500);
    expect(isDatabaseBusy(refused) || (refused as { extensions?: { reason?: string } }).extensions?.reason === 'DATABASE_BUSY').toBe(true);
    release();
    await long;
    expect(await db.prisma.periodLock.count()).toBe(0);
    // Once the write has committed, the lock is taken.
    await lockPeriod(ctx, '2026-05', '月结');
    expect(await db.prisma.periodLock.count()).toBe(1);
  }, 20_000);
});
