/**
 * The SQLite driver adapter shares one connection; Quotabook serialises it so
 * that a request outside an interactive transaction never runs inside it,
 * and answers reads meanwhile from a second, query-only connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { tempDatabase, type TempDatabase } from '../support/databases.ts';

let temp: TempDatabase;
let db: Database;
beforeAll(async () => {
  temp = await tempDatabase('sqlite');
  await migrate(temp.url);
  db = await openDatabase(temp.url);
});
afterAll(async () => {
  await db.close();
  await temp.drop();
});

const unit = (code: string) => ({ id: code, code, name: code, kind: 'TEAM' as const, path: `/${code}/`, depth: 0 });

describe('SQLite transactions', () => {
  it("keep another request's acknowledged write when they roll back", async () => {
    let releaseTx!: () => void;
    const txHolds = new Promise<void>((r) => (releaseTx = r));
    let txStarted!: () => void;
    const started = new Promise<void>((r) => (txStarted = r));

    const rolledBack = db.prisma
      .$transaction(async (tx) => {
        await tx.orgUnit.create({ data: unit('IN-TX') });
        txStarted();
        await txHolds;
        throw new Error('roll back on purpose');
      })
      .catch((e: Error) => e.message);

    await started;
    // A second request writes while the transaction is open; its write must
    // wait for the transaction rather than run inside it.
    const other = db.prisma.orgUnit.create({ data: unit('OTHER') });
    // And it must not see the transaction's uncommitted row meanwhile.
    const peek = db.prisma.orgUnit.findUnique({ where: { id: 'IN-TX' } });
    setTimeout(releaseTx, 50);
    expect(await rolledBack).toBe('roll back on purpose');
    await other;
    expect(await peek).toBeNull();
    expect(await db.prisma.orgUnit.findUnique({ where: { id: 'OTHER' } })).not.toBeNull();
    expect(await db.prisma.orgUnit.findUnique({ where: { id: 'IN-TX' } })).toBeNull();
  });

  it('answer reads from a second connection while a transaction holds the first: the last commit, at once (issue 12 §2)', async () => {
    await db.prisma.orgUnit.create({ data: unit('RD-BASE') });
    let releaseTx!: () => void;
    const txHolds = new Promise<void>((r) => (releaseTx = r));
    let txStarted!: () => void;
    const started = new Promise<void>((r) => (txStarted = r));
    const long = db.prisma.$transaction(async (tx) => {
      await tx.orgUnit.update({ where: { id: 'RD-BASE' }, data: { name: 'changed in the transaction' } });
      await tx.orgUnit.create({ data: unit('RD-LONG') });
      txStarted();
      await txHolds;
    });
    await started;
    // Answered while the transaction is still open (it waits for releaseTx), with the committed state.
    const read = await db.prisma.orgUnit.findMany({ where: { id: { in: ['RD-BASE', 'RD-LONG'] } }, select: { id: true, name: true } });
    expect(read).toEqual([{ id: 'RD-BASE', name: 'RD-BASE' }]);
    // A write still waits for the transaction (it is not answered by the read-only connection).
    let wrote = false;
    const write = db.prisma.orgUnit.create({ data: unit('RD-AFTER') }).then(() => (wrote = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(wrote).toBe(false);
    releaseTx();
    await long;
    await write;
    expect((await db.prisma.orgUnit.findUniqueOrThrow({ where: { id: 'RD-BASE' } })).name).toBe('changed in the transaction');
    expect(await db.prisma.orgUnit.count({ where: { id: { in: ['RD-LONG', 'RD-AFTER'] } } })).toBe(2);
  });

  it('run concurrent transactions one after another, each whole', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.prisma.$transaction(async (tx) => {
          await tx.orgUnit.create({ data: unit(`C${i}`) });
          await new Promise((r) => setTimeout(r, 5));
          await tx.orgUnit.update({ where: { id: `C${i}` }, data: { name: `done ${i}` } });
        }),
      ),
    );
    const rows = await db.prisma.orgUnit.findMany({ where: { code: { startsWith: 'C' } } });
    expect(rows.map((r) => r.name).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `done ${i}`).sort());
  });
});
