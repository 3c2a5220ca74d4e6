/**
 * A real Quotabook server for black-box tests: its own database (SQLite
 * file or PostgreSQL schema), migrated and seeded with the demo organisation,
 * answered in-process through yoga's fetch.
 */
import { expect, inject } from 'vitest';
import type { Provider } from '../../server/db/providers.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seedOrganisation, DEMO_PASSWORD } from '../../server/seed/seed.ts';
import { generateDemoOrg } from '../../server/seed/demo-org.ts';
import { createApp, CSRF_HEADER } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { cloneDatabase, DEMO_TEMPLATE_PEOPLE, tempDatabase, type TempDatabase } from './databases.ts';
import type { ResultsOptions } from '../../server/seed/demo-results.ts';
import type { Clock } from '../../server/clock.ts';

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string } }[];
}

export interface TestServer {
  db: Database;
  temp: TempDatabase;
  config: Config;
  app: ReturnType<typeof createApp>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
  login(username: string, password?: string): Promise<string>;
  /** Sends a change that must be refused, and shows that nothing in the database moved. */
  refused(query: string, variables: Record<string, unknown>, token: string): Promise<GqlResult>;
  close(): Promise<void>;
}

/**
 * The demo organisation is seeded without its sales and targets unless a
 * test asks for them (`results`): most tests import their own and check
 * exact figures.
 */
export async function startTestServer(provider: Provider, options: { people?: number; seed?: boolean; results?: ResultsOptions; clock?: Clock; statementTimeoutMs?: number } = {}): Promise<TestServer> {
  const people = options.people ?? DEMO_TEMPLATE_PEOPLE;
  // The usual demo organisation comes copied from the run's template (test/support/global-setup.ts); anything else is migrated and seeded here.
  const fromTemplate = options.seed !== false && people === DEMO_TEMPLATE_PEOPLE && !options.results ? await cloneDatabase(provider, inject('quotabookTemplates') ?? { run: '' }) : undefined;
  const temp = fromTemplate ?? (await tempDatabase(provider));
  if (!fromTemplate) await migrate(temp.url);
  const db = await openDatabase(temp.url, { statementTimeoutMs: options.statementTimeoutMs });
  if (!fromTemplate && options.seed !== false) await seedOrganisation(db.prisma, generateDemoOrg({ people }), { results: options.results });
  const config = { ...loadConfig({ PORT: '3000' }), databaseUrl: temp.url };
  const app = createApp(db, config, { clock: options.clock });
  const gql = async <T,>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>> => {
    const res = await app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CSRF_HEADER]: '1',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  };
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const r = await gql<{ login: { token: string } }>(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: password },
    );
    if (!r.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
    return r.data.login.token;
  };
  const refused = async (query: string, variables: Record<string, unknown>, token: string): Promise<GqlResult> => {
    const before = await databaseSnapshot(db);
    const r = await gql(query, variables, token);
    expect(r.errors, JSON.stringify(r.data)).toBeDefined();
    expect(await databaseSnapshot(db)).toBe(before);
    return r;
  };
  return {
    db,
    temp,
    config,
    app,
    gql,
    login,
    refused,
    close: async () => {
      await app.jobs.stop();
      await app.yoga.dispose();
      await db.close();
      await temp.drop();
    },
  };
}

/**
 * Tables a rejected change may still touch: sign-in sessions and the sign-in
 * rate limiter (signing in is not the change under test), and the migration ledger.
 */
const UNSNAPSHOTTED = new Set(['Session', 'RateLimit', '_quotabook_migrations', '_prisma_migrations']);

/** One SQL statement that reads every snapshotted table, built once per database from its catalogue. */
const snapshotQueries = new WeakMap<object, Promise<string>>();

async function snapshotQuery(db: Database): Promise<string> {
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  if (db.provider === 'sqlite') {
    const cols = await db.prisma.$queryRawUnsafe<{ t: string; c: string; pk: number | bigint }[]>(
      `SELECT m.name AS t, p.name AS c, p.pk AS pk FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`,
    );
    const tables = new Map<string, { cols: string[]; pk: [number, string][] }>();
    for (const { t, c, pk } of cols) {
      if (UNSNAPSHOTTED.has(t)) continue;
      const e = tables.get(t) ?? { cols: [], pk: [] };
      e.cols.push(c);
      if (Number(pk) > 0) e.pk.push([Number(pk), c]);
      tables.set(t, e);
    }
    if (!tables.size) throw new Error('databaseSnapshot: no tables found');
    // Every column of every row as SQL literals (quote(): exact for reals, unlike JSON's 15 digits), one line per row in primary-key order.
    return `SELECT ${[...tables]
      .map(([t, { cols, pk }]) => {
        const order = pk.length ? pk.sort((a, b) => a[0] - b[0]).map(([, c]) => q(c)) : cols.map(q);
        return `(SELECT group_concat(${cols.map((c) => `quote(${q(c)})`).join(` || ',' || `)}, char(10) ORDER BY ${order.join(', ')}) FROM ${q(t)}) AS ${q(t)}`;
      })
      .join(', ')}`;
  }
  const rows = await db.prisma.$queryRawUnsafe<{ t: string; pk: string[] | null }[]>(
    `SELECT c.relname::text AS t, (SELECT array_agg(a.attname::text ORDER BY k.n) FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
       FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY c.relname`,
  );
  const tables = rows.filter((r) => !UNSNAPSHOTTED.has(r.t));
  if (!tables.length) throw new Error('databaseSnapshot: no tables found');
  // Every column of every row (the row's text form), one line per row in primary-key order.
  return `SELECT ${tables
    .map(({ t, pk }) => `(SELECT string_agg(r::text, E'\\n' ORDER BY ${pk?.length ? pk.map((c) => `r.${q(c)}`).join(', ') : 'r::text'}) FROM ${q(t)} r) AS ${q(t)}`)
    .join(', ')}`;
}

/**
 * Every row of every table but sessions (and the sign-in rate limiter), to show
 * that a rejected change changed nothing. All tables are read in one
 * statement, straight from the catalogue (a new table is covered without
 * being listed here): one round trip instead of one Prisma query per table.
 */
export async function databaseSnapshot(db: Database): Promise<string> {
  let query = snapshotQueries.get(db.prisma);
  if (!query) snapshotQueries.set(db.prisma, (query = snapshotQuery(db)));
  const [row] = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(await query);
  return JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

export function codeOf(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
