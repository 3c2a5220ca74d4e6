/**
 * Reads that PostgreSQL plans for their parameters (server/db/custom-plans.ts):
 * a prepared statement run again and again among them is planned for its
 * values each time, where PostgreSQL's default switches it to a generic plan
 * after five runs; once the reads are done, the rest of the transaction (a
 * COPY's foreign-key checks) is back to PostgreSQL's choice; through Prisma
 * it applies on the transaction's own connection; on SQLite the reads just run.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, splitPgSchema } from '../../server/db/client.ts';
import { pgTransaction } from '../../server/db/native-pg.ts';
import { plannedForParameters } from '../../server/db/custom-plans.ts';
import { postgresAvailable, tempDatabase, type TempDatabase } from '../support/databases.ts';

describe.skipIf(!postgresAvailable)('reads planned for their parameters on PostgreSQL', () => {
  let temp: TempDatabase;
  let client: pg.Client;
  const tx = { $executeRawUnsafe: async (q: string) => (await client.query(q)).rowCount ?? 0 };
  const mode = async () => (await client.query('SHOW plan_cache_mode')).rows[0].plan_cache_mode as string;
  beforeAll(async () => {
    temp = await tempDatabase('postgresql');
    client = new pg.Client({ connectionString: splitPgSchema(temp.url).connectionString });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await temp.drop();
  });

  /** One named statement run eight times in a transaction: how PostgreSQL planned its runs, and the setting after the reads. */
  async function eightRuns(planned: boolean) {
    const name = `qb_plans_${crypto.randomBytes(4).toString('hex')}`;
    const reads = async () => {
      for (let i = 0; i < 8; i++) await client.query({ name, text: 'SELECT $1::int + 1 AS n', values: [i] });
      const [row] = (await client.query({ text: 'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1', values: [name] })).rows;
      return { generic: Number(row.generic_plans), custom: Number(row.custom_plans), during: await mode() };
    };
    await client.query('BEGIN');
    try {
      const plans = planned ? await plannedForParameters(tx, 'postgresql', reads) : await reads();
      return { ...plans, after: await mode() };
    } finally {
      await client.query('COMMIT');
    }
  }

  it('by default PostgreSQL switches a prepared statement to a generic plan after five runs', async () => {
    const runs = await eightRuns(false);
    expect(runs.generic).toBeGreaterThan(0);
    expect(runs.generic + runs.custom).toBe(8);
  });

  it('planned for their parameters, every run is planned for its values, and the rest of the transaction is not', async () => {
    expect(await eightRuns(true)).toEqual({ generic: 0, custom: 8, during: 'force_custom_plan', after: 'auto' });
  });

  it('a failed read leaves nothing behind once its transaction rolls back', async () => {
    await client.query('BEGIN');
    await expect(plannedForParameters(tx, 'postgresql', () => client.query('SELECT 1/0'))).rejects.toThrow(/division by zero/);
    await client.query('ROLLBACK');
    expect(await mode()).toBe('auto');
  });

  it('through Prisma, applies on the transaction’s own connection', async () => {
    const db = await openDatabase(temp.url);
    try {
      const during = await db.prisma.$transaction((t) =>
        plannedForParameters(t, 'postgresql', async () => {
          const { client: own } = (await pgTransaction(db.prisma, t))!;
          return (await own.query('SHOW plan_cache_mode')).rows[0].plan_cache_mode as string;
        }),
      );
      expect(during).toBe('force_custom_plan');
    } finally {
      await db.close();
    }
  });
});

describe('reads planned for their parameters on SQLite', () => {
  it('just run: nothing is sent', async () => {
    const sent: string[] = [];
    expect(await plannedForParameters({ $executeRawUnsafe: async (q: string) => (sent.push(q), 0) }, 'sqlite', async () => 42)).toBe(42);
    expect(sent).toEqual([]);
  });
});
