/**
 * Reads sent to the driver adapter itself (server/db/direct-read.ts): the
 * same rows as Prisma's raw query, on both databases; on SQLite, a read made
 * while another request's transaction holds the connection neither sees
 * that transaction's rows nor waits for it; before the client's first
 * connection it goes through Prisma.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, Prisma } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { readRows } from '../../server/db/direct-read.ts';
import { tempDatabase, testProviders, type TempDatabase } from '../support/databases.ts';

const temps: TempDatabase[] = [];
afterAll(async () => {
  for (const t of temps) await t.drop();
});

describe.each(testProviders)('direct reads on %s', (provider) => {
  it('give the rows Prisma gives, before and after its first connection', async () => {
    const temp = await tempDatabase(provider);
    temps.push(temp);
    await migrate(temp.url);
    const { prisma, close } = await openDatabase(temp.url);
    try {
      const query = (key: string) => Prisma.sql`SELECT "key", "value", ${7} AS "seven" FROM "Setting" WHERE "key" >= ${key} ORDER BY "key"`;
      // Nothing connected yet: Prisma answers.
      expect(await readRows(prisma, query('a'))).toEqual([]);
      for (const key of ['k1', 'k2', 'k3']) await prisma.setting.create({ data: { key, value: `v-${key}` } });
      const direct = await readRows<{ key: string; value: string; seven: unknown }>(prisma, query('k2'));
      expect(direct.map((r) => ({ ...r, seven: Number(r.seven) }))).toEqual([
        { key: 'k2', value: 'v-k2', seven: 7 },
        { key: 'k3', value: 'v-k3', seven: 7 },
      ]);
      const viaPrisma = await prisma.$queryRaw<{ key: string; value: string }[]>(query('k2'));
      expect(direct.map((r) => [r.key, r.value])).toEqual(viaPrisma.map((r) => [r.key, r.value]));
      // 64-bit integers (fen, target amounts) come back exact, as a string or a bigint.
      const [big] = await readRows<{ big: unknown }>(prisma, Prisma.sql`SELECT CAST(${'9007199254740993'} AS BIGINT) AS "big"`);
      expect(BigInt(big!.big as string)).toBe(9007199254740993n);
      if (provider === 'sqlite') {
        // After Prisma lets its connection go, a direct read goes through Prisma, which connects again.
        await prisma.$disconnect();
        expect((await readRows<{ key: string }>(prisma, query('k3'))).map((r) => r.key)).toEqual(['k3']);
      }
    } finally {
      await close();
    }
  });

  it.runIf(provider === 'sqlite')('see only committed rows while a transaction works, without waiting for it', async () => {
    const temp = await tempDatabase(provider);
    temps.push(temp);
    await migrate(temp.url);
    const { prisma, close } = await openDatabase(temp.url);
    try {
      await prisma.setting.create({ data: { key: 'before', value: '1' } });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
      const transaction = prisma.$transaction(async (tx) => {
        await tx.setting.create({ data: { key: 'uncommitted', value: '2' } });
        inserted();
        await held;
        throw new Error('rolled back');
      });
      await insertedYet;
      const rows = await readRows<{ key: string }>(prisma, Prisma.sql`SELECT "key" FROM "Setting" ORDER BY "key"`);
      expect(rows.map((r) => r.key)).toEqual(['before']);
      release();
      await expect(transaction).rejects.toThrow('rolled back');
      expect((await readRows<{ key: string }>(prisma, Prisma.sql`SELECT "key" FROM "Setting" ORDER BY "key"`)).map((r) => r.key)).toEqual(['before']);
    } finally {
      await close();
    }
  });
});
