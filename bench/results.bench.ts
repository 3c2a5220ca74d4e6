/**
 * npm run bench (results part): a year of actuals for a 10,000-person
 * organisation (about 1.2 million sales) by person × month, on SQLite and
 * on PostgreSQL: the service alone and the whole GraphQL request in-process
 * (yoga + Pothos + database), median of 5 after a warm-up; and the same
 * read straight from the sales (no monthly sums) for comparison.
 *
 *   node --import tsx bench/results.bench.ts [--sqlite URL] [--pg URL] [--people N]
 *
 * Without URLs it builds each organisation into a temporary database with
 * the demo generator (this year's sales to 31 December; minutes); with them
 * it reads a database `npm run demo:large -- --today YYYY-12-31` made.
 */
import { parseArgs } from 'node:util';
import { migrate } from '../server/db/migrate.ts';
import { openDatabase, type Database } from '../server/db/client.ts';
import { generateDemoOrg } from '../server/seed/demo-org.ts';
import { seedOrganisation } from '../server/seed/seed.ts';
import { rebuildSalesMonths } from '../server/results/rollup.ts';
import { tempDatabase, postgresAvailable, type TempDatabase } from '../test/support/databases.ts';
import { readActuals } from '../server/results/actuals.ts';
import { createApp, CSRF_HEADER } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import type { Context } from '../server/graphql/context.ts';
import { createThrottle } from '../server/auth/throttle.ts';
import { DEMO_PASSWORD } from '../server/seed/seed.ts';
import { rank } from '../schema/ranking.ts';
import type { Provider } from '../server/db/providers.ts';

const { values: args } = parseArgs({ options: { sqlite: { type: 'string' }, pg: { type: 'string' }, people: { type: 'string', default: '10000' }, year: { type: 'string', default: '2026' } } });
const PEOPLE = Number(args.people);
const YEAR = args.year!;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(run: () => Promise<unknown>, times = 5): Promise<number> {
  await run();
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run();
    out.push(performance.now() - t0);
  }
  return median(out);
}

const rows: string[][] = [];
for (const provider of ['sqlite', 'postgresql'] as Provider[]) {
  if (provider === 'postgresql' && !args.pg && !postgresAvailable) continue;
  let temp: TempDatabase | null = null;
  let url = provider === 'sqlite' ? args.sqlite : args.pg;
  let seedMs = 0;
  if (!url) {
    temp = await tempDatabase(provider);
    url = temp.url;
  }
  await migrate(url);
  const db: Database = await openDatabase(url);
  try {
    if ((await db.prisma.orgUnit.count()) === 0) {
      const t0 = performance.now();
      await seedOrganisation(db.prisma, generateDemoOrg({ people: PEOPLE, seed: 42 }), { results: { today: `${YEAR}-12-31`, fromYear: Number(YEAR), seed: 42 } });
      seedMs = performance.now() - t0;
    }
    const sales = await db.prisma.salesRecord.count({ where: { date: { gte: new Date(`${YEAR}-01-01`), lt: new Date(`${Number(YEAR) + 1}-01-01`) } } });
    let rollupMs = 0;
    if ((await db.prisma.salesMonth.count()) === 0) {
      const t0 = performance.now();
      await db.prisma.$transaction((tx) => rebuildSalesMonths(tx), { timeout: 30 * 60_000 });
      rollupMs = performance.now() - t0;
    }
    const monthRows = await db.prisma.salesMonth.count();
    const root = await db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: null } });
    const config = { ...loadConfig({ PORT: '3000' }), databaseUrl: url };
    const ctx = (): Context => ({
      prisma: db.prisma,
      config,
      viewer: { userId: 'bench', username: 'bench', sessionId: 's', roles: ['ADMIN'], personId: null, personName: null },
      sessionProblem: null,
      loginThrottle: createThrottle(),
      memo: new Map(),
    });
    const q = { periodKey: YEAR, grain: 'MONTH' as const, metric: 'SALES_AMOUNT' as const, unitId: root.id, by: 'PERSON' as const };
    const result = await readActuals(ctx(), q);
    const people = result.owners.length;
    const serviceMs = await timed(() => readActuals(ctx(), q));

    // The whole GraphQL request, in-process, as an admin.
    const app = createApp(db, config);
    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const res = await app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.text();
    };
    const token = JSON.parse(await post('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'admin', p: DEMO_PASSWORD })).data.login.token as string;
    let bytes = 0;
    const request = async () => {
      const text = await post('query($u: ID!, $p: String!) { actuals(unitId: $u, period: $p, grain: MONTH, metric: SALES_AMOUNT) { periods { key } rows { ownerId values total } total } }', { u: root.id, p: YEAR }, token);
      bytes = text.length;
      if (!text.startsWith('{"data"')) throw new Error(text.slice(0, 500));
    };
    const requestMs = await timed(request);
    await app.yoga.dispose();

    // For comparison: the same sums straight from the sales, one GROUP BY.
    const rawMs = await timed(
      () => db.prisma.$queryRaw`SELECT s."personId", substr(CAST(s."date" AS TEXT), 1, 7) AS "m", CAST(SUM(s."amountFen") AS TEXT) AS "v" FROM "SalesRecord" s
        WHERE s."date" >= ${new Date(`${YEAR}-01-01`)} AND s."date" < ${new Date(`${Number(YEAR) + 1}-01-01`)} GROUP BY s."personId", substr(CAST(s."date" AS TEXT), 1, 7)`,
      3,
    );
    const tenDaysMs = await timed(() => readActuals(ctx(), { ...q, grain: 'TEN_DAYS' }), 3);
    // Ranking everyone for each of the year's 36 ten-day blocks: one read by ten-day block, then the rules.
    let rankings = 0;
    const rankMs = await timed(async () => {
      const a = await readActuals(ctx(), { ...q, grain: 'TEN_DAYS' });
      rankings = 0;
      for (const p of a.periods) {
        rank(a.owners.map((o) => ({ key: o.id, tiebreak: o.code, score: { kind: 'amount' as const, value: a.values.get(o.id)?.get(p.key) ?? 0n } })));
        rankings++;
      }
    }, 3);
    const ytdMs = await timed(() => readActuals(ctx(), { ...q, grain: 'YEAR_TO_DATE', asOf: `${YEAR}-11-17` }), 3);

    const n = (x: number) => x.toLocaleString('en-US');
    if (seedMs) rows.push([provider, 'seed organisation and sales (demo generator)', `${n(PEOPLE)} people, ${n(sales)} sales`, `${(seedMs / 1000).toFixed(0)} s`, '']);
    if (rollupMs) rows.push([provider, 'rebuild monthly sums from the sales', `${n(monthRows)} rows`, `${(rollupMs / 1000).toFixed(1)} s`, '']);
    rows.push([provider, 'actuals person × month, service', `${n(people)} people × 12, ${n(sales)} sales`, `${serviceMs.toFixed(0)} ms`, `${n(monthRows)} monthly rows read`]);
    rows.push([provider, 'actuals person × month, GraphQL request', `${n(people)} rows × 12 values`, `${requestMs.toFixed(0)} ms`, `${(bytes / 2 ** 20).toFixed(2)} MB`]);
    rows.push([provider, 'actuals person × ten-day block, service', `${n(people)} people × 36`, `${tenDaysMs.toFixed(0)} ms`, '']);
    rows.push([provider, 'rank everyone in every ten-day block (read + rules)', `${n(people)} people × ${rankings} blocks`, `${rankMs.toFixed(0)} ms`, 'by amount, competition ranking']);
    rows.push([provider, 'actuals person, year to date (17 Nov), service', `${n(people)} people × 1`, `${ytdMs.toFixed(0)} ms`, 'monthly sums + 14 days of sales']);
    rows.push([provider, 'same sums straight from the sales (one GROUP BY)', `${n(sales)} sales`, `${rawMs.toFixed(0)} ms`, 'for comparison']);
  } finally {
    await db.close();
    await temp?.drop();
  }
}

const header = ['database', 'what', 'size', 'time (median)', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));

