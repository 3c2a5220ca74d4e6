/**
 * Reads sent to the driver adapter itself (server/db/direct-read.ts): the
 * same rows and value types as Prisma's raw query, on both databases, without
 * calling Prisma (on SQLite without its driver adapter either, except for a
 * column only the adapter converts, a write or a failing statement); on
 * SQLite, a read made while another request's transaction
 * holds the connection neither sees that transaction's rows nor waits for
 * it; before the client's first connection (PostgreSQL connects lazily) and
 * after it disconnects, it goes through Prisma.
 */
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { Prisma } from '../../server/db/client.ts';
import { readRows, transactionReads } from '../../server/db/direct-read.ts';
import { testProviders } from '../support/databases.ts';
import { migratedDatabases } from '../support/migrated-database.ts';

const database = migratedDatabases();

/** A spy on every SQLite driver adapter's queries (the method its connections share). */
async function sqliteAdapterQueries() {
  const adapter = await new PrismaBetterSQLite3({ url: ':memory:' }).connect();
  let owner: object | null = adapter;
  while (owner && !Object.hasOwn(owner, 'queryRaw')) owner = Object.getPrototypeOf(owner);
  await adapter.dispose();
  return vi.spyOn(owner as { queryRaw: (...args: unknown[]) => unknown }, 'queryRaw');
}

describe.each(testProviders)('direct reads on %s', (provider) => {
  it('give the rows and value types Prisma gives, without Prisma once connected', async () => {
    const { prisma } = await database(provider);
    const unit = await prisma.orgUnit.create({ data: { code: 'C', name: '公司', kind: 'COMPANY', path: '/c/', depth: 2 } });
    for (const [employeeNo, fen] of [['E1', 300000n], ['E2', 9007199254740993n], ['E3', 0n]] as const) {
      await prisma.person.create({ data: { employeeNo, name: `名${employeeNo}`, position: 'SALES_REP', hireDate: new Date('2025-01-01'), status: 'ACTIVE', baseSalaryFen: fen, assignments: { create: { unitId: unit.id, position: 'SALES_REP', validFrom: new Date('2025-01-01') } } } });
    }
    await prisma.user.create({ data: { username: 'u1', passwordHash: 'x', disabled: true } });
    // Text, an enum, an Int, a BigInt beyond 2^53, a Boolean; a parameter of each kind.
    const query = (from: string) => Prisma.sql`
      SELECT p."employeeNo", p."name", p."position", u."depth", p."baseSalaryFen", (SELECT x."disabled" FROM "User" x WHERE x."username" = ${'u1'}) AS "disabled"
      FROM "Person" p JOIN "Assignment" a ON a."personId" = p."id" JOIN "OrgUnit" u ON u."id" = a."unitId"
      WHERE p."employeeNo" >= ${from} AND u."depth" = ${2} ORDER BY p."employeeNo"`;
    const viaPrisma = await prisma.$queryRaw<Record<string, unknown>[]>(query('E2'));
    const raw = vi.spyOn(prisma, '$queryRaw');
    const adapterQueries = provider === 'sqlite' ? await sqliteAdapterQueries() : null;
    const direct = await readRows(prisma, query('E2'));
    expect(raw).not.toHaveBeenCalled();
    // On SQLite not even the driver adapter: the statement ran on the reader connection itself.
    expect(adapterQueries?.mock.calls.length ?? 0).toBe(0);
    adapterQueries?.mockRestore();
    raw.mockRestore();
    expect(direct).toEqual(viaPrisma);
    expect(direct).toEqual([
      { employeeNo: 'E2', name: '名E2', position: 'SALES_REP', depth: 2, baseSalaryFen: 9007199254740993n, disabled: true },
      { employeeNo: 'E3', name: '名E3', position: 'SALES_REP', depth: 2, baseSalaryFen: 0n, disabled: true },
    ]);
    // Columns of tables and expressions (on SQLite, as above, read straight from the reader connection).
    const columns = Prisma.sql`
      SELECT p."employeeNo", p."position", u."depth", p."baseSalaryFen", x."disabled", x."personId",
        (SELECT count(*) FROM "Person") AS "people", (SELECT string_agg(q."employeeNo", ',') FROM "Person" q WHERE q."employeeNo" < ${'E3'}) AS "numbers"
      FROM "Person" p JOIN "Assignment" a ON a."personId" = p."id" JOIN "OrgUnit" u ON u."id" = a."unitId" CROSS JOIN "User" x
      WHERE x."username" = ${'u1'} AND x."disabled" = ${true} ORDER BY p."employeeNo"`;
    expect(await readRows(prisma, columns)).toEqual(await prisma.$queryRaw(columns));
    expect((await readRows(prisma, columns)).map((r) => [r.employeeNo, r.baseSalaryFen, r.depth, r.disabled, r.personId, r.people, (r.numbers as string).split(',').sort().join()])).toEqual([
      ['E1', 300000n, 2, true, null, 3n, 'E1,E2'],
      ['E2', 9007199254740993n, 2, true, null, 3n, 'E1,E2'],
      ['E3', 0n, 2, true, null, 3n, 'E1,E2'],
    ]);
    if (provider === 'sqlite') {
      // A column only the adapter converts (a date), a statement that writes, and one that fails: each left to the adapter.
      const adapterQueries = await sqliteAdapterQueries();
      const hired = await readRows<{ employeeNo: string; hireDate: unknown }>(prisma, Prisma.sql`SELECT "employeeNo", "hireDate" FROM "Person" WHERE "employeeNo" = ${'E1'}`);
      expect(hired).toEqual([{ employeeNo: 'E1', hireDate: expect.stringMatching(/^2025-01-01T00:00:00/) }]);
      expect(adapterQueries).toHaveBeenCalledTimes(1);
      const renamed = await readRows<{ name: string }>(prisma, Prisma.sql`UPDATE "Person" SET "name" = ${'新名'} WHERE "employeeNo" = ${'E3'} RETURNING "name"`);
      expect(renamed).toEqual([{ name: '新名' }]);
      expect((await prisma.person.findUniqueOrThrow({ where: { employeeNo: 'E3' } })).name).toBe('新名');
      await expect(readRows(prisma, Prisma.sql`SELECT "nothing" FROM "Person"`)).rejects.toThrow(/nothing/);
      expect(adapterQueries).toHaveBeenCalledTimes(3);
      adapterQueries.mockRestore();
    }
    await expect(readRows(prisma, Prisma.sql`SELECT ${{ not: 'a value' }} AS "x"`)).rejects.toThrow(/readRows takes strings/);
    if (provider === 'sqlite') {
      // After Prisma lets its connection go, a direct read goes through Prisma, which connects again.
      await prisma.$disconnect();
      expect((await readRows<{ employeeNo: string }>(prisma, query('E3'))).map((r) => r.employeeNo)).toEqual(['E3']);
    }
  });

  it.runIf(provider === 'postgresql')('go through Prisma before the client has connected', async () => {
    const { prisma } = await database(provider);
    const raw = vi.spyOn(prisma, '$queryRaw');
    expect(await readRows(prisma, Prisma.sql`SELECT "key" FROM "Setting" WHERE "key" = ${'none'}`)).toEqual([]);
    expect(raw).toHaveBeenCalledTimes(1);
  });

  it.runIf(provider === 'sqlite')('see only committed rows while a transaction works, without waiting for it', async () => {
    const { prisma } = await database(provider);
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
  });

  it('inside a transaction see its own rows, as Prisma gives them (on SQLite on its own connection, without Prisma), and leave a declined query to Prisma', async () => {
    const { prisma } = await database(provider);
    await prisma.setting.create({ data: { key: 'before', value: '1' } });
    const query = Prisma.sql`SELECT "key", "value" FROM "Setting" WHERE "key" >= ${'a'} ORDER BY "key"`;
    const withDate = Prisma.sql`SELECT "key", "updatedAt" FROM "Setting" ORDER BY "key"`;
    const seen = await prisma.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: 'uncommitted', value: '2' } });
      const read = transactionReads(prisma, tx);
      const viaPrisma = await tx.$queryRaw<Record<string, unknown>[]>(query);
      const raw = vi.spyOn(tx, '$queryRaw');
      const rows = await read(query);
      const direct = raw.mock.calls.length;
      const dated = await read<{ key: string; updatedAt: unknown }>(withDate);
      const declined = raw.mock.calls.length - direct;
      raw.mockRestore();
      return { rows, viaPrisma, direct, dated, declined };
    });
    expect(seen.rows).toEqual(seen.viaPrisma);
    expect(seen.rows).toEqual([
      { key: 'before', value: '1' },
      { key: 'uncommitted', value: '2' },
    ]);
    // SQLite reads on the transaction's connection; PostgreSQL through the transaction.
    expect(seen.direct).toBe(provider === 'sqlite' ? 0 : 1);
    expect(seen.dated.map((r) => r.key)).toEqual(['before', 'uncommitted']);
    expect(seen.dated[0]!.updatedAt).toBeInstanceOf(Date);
    expect(seen.declined).toBe(1);
  });

  it('refuse to read on SQLite outside a transaction, or once it has ended', async () => {
    const { prisma } = await database(provider);
    if (provider === 'sqlite') expect(() => transactionReads(prisma, prisma)).toThrow(/only inside a transaction/);
    else expect(await transactionReads(prisma, prisma)(Prisma.sql`SELECT 1 AS "one"`)).toEqual([{ one: 1 }]);
    let late!: Promise<unknown>;
    const timedOut = prisma.$transaction(
      async (tx) => {
        const read = transactionReads(prisma, tx);
        await new Promise((resolve) => setTimeout(resolve, 400));
        late = read(Prisma.sql`SELECT 1 AS "one"`).catch((e: unknown) => e);
      },
      { timeout: 150 },
    );
    await expect(timedOut).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    // SQLite: refused before it reads; PostgreSQL: Prisma refuses the closed transaction itself.
    expect(await late).toBeInstanceOf(Error);
    if (provider === 'sqlite') expect(String(await late)).toMatch(/transaction has ended/);
  });
});
