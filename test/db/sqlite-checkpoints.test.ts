/**
 * When SQLite copies its write-ahead log back into the database file
 * (server/db/native-sqlite.ts): by default the commit that takes the log
 * past 1,000 pages does it; a connection opened with checkpoints
 * 'when-asked' (the job thread's) leaves it to checkpoint(), which copies it
 * back and is skipped inside a transaction. What another connection reads
 * is the same either way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, sqliteFile } from '../../server/db/client.ts';
import { checkpoint, sqliteConnection } from '../../server/db/native-sqlite.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quotabook-checkpoint-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** About 8 MB in one transaction: 2,000 pages of the log, twice SQLite's threshold. */
const FILL = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO "blob" ("x") SELECT randomblob(4000) FROM n`;
const size = (file: string) => fs.statSync(file).size;

async function filled(name: string, checkpoints?: 'on-commit' | 'when-asked') {
  const url = `file:${path.join(dir, name)}`;
  const db = await openDatabase(url, checkpoints ? { checkpoints } : {});
  await db.prisma.$executeRawUnsafe('CREATE TABLE "blob" ("x" BLOB)');
  const before = size(sqliteFile(url));
  await db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(FILL);
  });
  return { db, file: sqliteFile(url), before };
}

describe('SQLite checkpoints', () => {
  it('by default, the large commit itself copies the log into the file', async () => {
    const { db, file, before } = await filled('on-commit.db');
    try {
      expect(size(file) - before).toBeGreaterThan(7_000_000);
    } finally {
      await db.close();
    }
  });

  it("'when-asked': the commit leaves the file as it was, checkpoint() copies the log in, and readers see the rows throughout", async () => {
    const { db, file, before } = await filled('when-asked.db', 'when-asked');
    try {
      expect(size(file) - before).toBeLessThan(100_000);
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(7_000_000);
      const other = await openDatabase(`file:${file}`);
      try {
        expect(await other.prisma.$queryRawUnsafe('SELECT count(*) AS "n" FROM "blob"')).toEqual([{ n: 2000n }]);
        // Not inside a transaction of the connection (SQLite refuses it there).
        await db.prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe('INSERT INTO "blob" ("x") VALUES (x\'00\')');
          expect(sqliteConnection(db.prisma)!.inTransaction).toBe(true);
          expect(checkpoint(db.prisma)).toBeNull();
        });
        expect(size(file) - before).toBeLessThan(100_000);
        const done = checkpoint(db.prisma)!;
        expect(done.log).toBeGreaterThan(2000);
        expect(done.checkpointed).toBe(done.log);
        expect(size(file) - before).toBeGreaterThan(7_000_000);
        expect(await other.prisma.$queryRawUnsafe('SELECT count(*) AS "n" FROM "blob"')).toEqual([{ n: 2001n }]);
      } finally {
        await other.close();
      }
    } finally {
      await db.close();
    }
  });

  it('does nothing for a client without a SQLite connection', () => {
    expect(checkpoint({})).toBeNull();
  });
});
