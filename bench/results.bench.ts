/**
 * npm run bench (results part), three parts (--parts, all by default):
 * - sheets: the Performance and Ranking sheets for 10,000 rows written into
 *   the Excel stand-in by the add-in's code (the pane's writeSheetTable, with
 *   the conditional formats): time, syncs, data syncs, largest request;
 * - reads: a year of actuals for a 10,000-person organisation (about 1.2
 *   million sales) by person × month, on SQLite and on PostgreSQL: the
 *   service alone and the whole GraphQL request in-process (yoga + Pothos +
 *   database), median of 5 after a warm-up; and the same read straight from
 *   the sales (no monthly sums) for comparison;
 * - download: GET /results.xlsx for the whole organisation by person × month
 *   (10,000 × 12 rows) over HTTP: time, bytes, the process's peak RSS.
 *
 *   node --import tsx bench/results.bench.ts [--parts sheets,reads,download] [--databases sqlite,postgresql] [--sqlite URL] [--pg URL] [--people N]
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
import type { Context } from '../server/context.ts';
import { systemClock } from '../server/clock.ts';
import { createThrottle } from '../server/auth/throttle.ts';
import { DEMO_PASSWORD } from '../server/seed/seed.ts';
import { rank } from '../schema/ranking.ts';
import type { Provider } from '../server/db/providers.ts';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { createStandInExcel } from '../test/support/excel-standin.ts';
import { writeSheetTable, type ExcelRun, type SheetTableSpec } from '../addin/src/excel/workbook.ts';
import { words } from '../addin/src/i18n.ts';
import { performanceSheet, rankingSheet, type AchievementData, type LeagueData } from '../addin/src/results/results-sheets.ts';
import { formatMoney } from '../schema/money.ts';
import { report } from './summary.ts';

const { values: args } = parseArgs({
  options: { parts: { type: 'string', default: 'sheets,reads,download' }, databases: { type: 'string', default: 'sqlite,postgresql' }, sqlite: { type: 'string' }, pg: { type: 'string' }, people: { type: 'string', default: '10000' }, year: { type: 'string', default: '2026' } },
});
const PEOPLE = Number(args.people);
const YEAR = args.year!;
const PARTS = new Set(args.parts!.split(','));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The fastest and the median of `times` runs after a warm-up (the machine may be shared: both tell more than one). */
async function timed(run: () => Promise<unknown>, times = 5): Promise<{ min: number; median: number; runs: number[] }> {
  await run();
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run();
    out.push(performance.now() - t0);
  }
  return { min: Math.min(...out), median: median(out), runs: out };
}
const msOf = (t: { min: number; median: number }) => `${t.min.toFixed(0)} / ${t.median.toFixed(0)} ms`;

const rows: string[][] = [];
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;

if (PARTS.has('sheets')) {
  // A 10,000-row Performance view as the API sends it (one period, by person), and its league table.
  const classes = ['MET_STRETCH', 'MET_BASE', 'ABOUT_90', 'BELOW_90', 'BELOW_80', null];
  const percent = (a: bigint, b: bigint) => {
    const t = (a * 10_000n) / b;
    return `${t / 100n}.${String(t % 100n).padStart(2, '0')}`;
  };
  const period = { key: `${YEAR}-12`, start: `${YEAR}-12-01`, end: `${YEAR}-12-31` };
  const view: AchievementData = {
    metric: 'SALES_AMOUNT',
    periods: [period],
    range: period,
    rows: Array.from({ length: PEOPLE }, (_, i) => {
      const base = 1_600_000n + BigInt(i % 7) * 400_000n;
      const stretch = (base * 5n) / 4n;
      const actual = BigInt((i * 7919) % 5_000_000) + BigInt(i % 100);
      const row = { ownerId: `p${i}`, ownerKind: 'PERSON' as const, code: `E${String(i).padStart(5, '0')}`, name: `销售代表${i}` };
      return { ...row, cells: [{ periodKey: period.key, actual: formatMoney(actual), base: formatMoney(base), stretch: formatMoney(stretch), baseAchievement: percent(actual, base), stretchAchievement: percent(actual, stretch), baseGap: formatMoney(base - actual), stretchGap: formatMoney(stretch - actual), class: classes[i % 6]! }] };
    }),
  };
  const league: LeagueData = {
    periodKey: period.key,
    previousPeriodKey: `${YEAR}-11`,
    rows: view.rows.map((r, i) => ({ ownerId: r.ownerId, code: r.code, name: r.name, rank: i + 1, moved: (i % 11) - 5, actual: r.cells[0]!.actual, base: r.cells[0]!.base, achievement: r.cells[0]!.baseAchievement, class: r.cells[0]!.class, top: i < 3, bottom: i >= PEOPLE - 3 })),
  };
  const ctx = { unitId: 'u1', unitName: '全公司', periodLabel: period.key, periodKey: period.key, by: 'PERSON' as const, asOf: `${YEAR}-12-02`, pulledAt: `${YEAR}-12-02T08:00:00Z` };
  const sheets: [string, () => SheetTableSpec][] = [
    ['write Performance sheet (stand-in, zh-CN)', () => performanceSheet(words['zh-CN'], view, ctx)],
    ['write Ranking sheet (stand-in, zh-CN)', () => rankingSheet(words['zh-CN'], 'SALES_AMOUNT', league, ctx)],
  ];
  for (const [what, make] of sheets) {
    const times: number[] = [];
    let note = '';
    let size = '';
    // A fresh workbook each time (a new sheet; a refresh adds one sync to look at the old block), median of 5 after a warm-up.
    for (let i = 0; i < 6; i++) {
      const { workbook } = createStandInExcel();
      const t0 = performance.now();
      const spec = make();
      const report = await writeSheetTable(workbook.run as unknown as ExcelRun, spec);
      if (i > 0) times.push(performance.now() - t0);
      size = `${spec.rows.length.toLocaleString('en-US')} rows × ${spec.columns.length} cols`;
      note = `${workbook.stats.syncs} syncs (${report.blocks} data), largest request ${mb(workbook.stats.largestRequestBytes)}, ${workbook.conditionalFormats.length} conditional formats`;
    }
    rows.push(['stand-in', what, size, msOf({ min: Math.min(...times), median: median(times) }), note]);
  }
}

/**
 * GET /results.xlsx for the whole organisation by person × month over HTTP
 * (the server's own handler on a local port): time to the last byte, bytes,
 * and the process's resident memory at its highest while the download ran
 * (sampled every 5 ms, server and client in this one process), median of 3
 * after a warm-up.
 */
async function download(provider: Provider, handle: http.RequestListener, unitId: string, token: string): Promise<string[][]> {
  const server = http.createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/results.xlsx?period=${YEAR}&grain=MONTH&metric=SALES_AMOUNT&unitId=${unitId}&by=PERSON&lang=zh-CN`;
  const runs: { ms: number; bytes: number; peak: number; before: number }[] = [];
  try {
    for (let i = 0; i < 4; i++) {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const t0 = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`results.xlsx: ${res.status} ${await res.text()}`);
      let bytes = 0;
      const reader = res.body!.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
      const ms = performance.now() - t0;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (i > 0) runs.push({ ms, bytes, peak, before });
    }
  } finally {
    await new Promise((r) => server.close(r));
  }
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  const m = sorted[1]!;
  const highest = runs.reduce((a, r) => (r.peak > a.peak ? r : a));
  return [[provider, 'GET /results.xlsx, organisation by person × month (HTTP)', `${PEOPLE.toLocaleString('en-US')} × 12 rows`, `${(sorted[0]! / 1000).toFixed(2)} / ${(m / 1000).toFixed(2)} s`, `${mb(runs[0]!.bytes)}; process RSS peak ${(highest.peak / 2 ** 20).toFixed(0)} MB (+${((highest.peak - highest.before) / 2 ** 20).toFixed(0)} MB)`]];
}

for (const provider of ['sqlite', 'postgresql'] as Provider[]) {
  if (!PARTS.has('reads') && !PARTS.has('download')) break;
  if (!args.databases!.split(',').includes(provider)) continue;
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
      clock: systemClock,
      loginThrottle: createThrottle(),
      memo: new Map(),
    });
    const n = (x: number) => x.toLocaleString('en-US');
    const q = { periodKey: YEAR, grain: 'MONTH' as const, metric: 'SALES_AMOUNT' as const, unitId: root.id, by: 'PERSON' as const };
    if (seedMs) rows.push([provider, 'seed organisation and sales (demo generator)', `${n(PEOPLE)} people, ${n(sales)} sales`, `${(seedMs / 1000).toFixed(0)} s`, '']);
    if (rollupMs) rows.push([provider, 'rebuild monthly sums from the sales', `${n(monthRows)} rows`, `${(rollupMs / 1000).toFixed(1)} s`, '']);
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
    if (PARTS.has('reads')) {
      const result = await readActuals(ctx(), q);
      const people = result.owners.length;
      const serviceMs = await timed(() => readActuals(ctx(), q));

      let bytes = 0;
      const request = async () => {
        const text = await post('query($u: ID!, $p: String!) { actuals(unitId: $u, period: $p, grain: MONTH, metric: SALES_AMOUNT) { periods { key } rows { ownerId values total } total } }', { u: root.id, p: YEAR }, token);
        bytes = text.length;
        if (!text.startsWith('{"data"')) throw new Error(text.slice(0, 500));
      };
      const requestMs = await timed(request);

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

      rows.push([provider, 'actuals person × month, service', `${n(people)} people × 12, ${n(sales)} sales`, msOf(serviceMs), `${n(monthRows)} monthly rows read`]);
      report({ measure: `actuals person × month, ${n(people)} people, GraphQL request in-process, ${provider}`, target: '≤ 300 ms', targetValue: 300, unit: 'ms', values: requestMs.runs });
      rows.push([provider, 'actuals person × month, GraphQL request', `${n(people)} rows × 12 values`, msOf(requestMs), `${(bytes / 2 ** 20).toFixed(2)} MB`]);
      rows.push([provider, 'actuals person × ten-day block, service', `${n(people)} people × 36`, msOf(tenDaysMs), '']);
      rows.push([provider, 'rank everyone in every ten-day block (read + rules)', `${n(people)} people × ${rankings} blocks`, msOf(rankMs), 'by amount, competition ranking']);
      rows.push([provider, 'actuals person, year to date (17 Nov), service', `${n(people)} people × 1`, msOf(ytdMs), 'monthly sums + 14 days of sales']);
      rows.push([provider, 'same sums straight from the sales (one GROUP BY)', `${n(sales)} sales`, msOf(rawMs), 'for comparison']);
    }
    if (PARTS.has('download')) rows.push(...(await download(provider, app.handle, root.id, token)));
    await app.yoga.dispose();
  } finally {
    await db.close();
    await temp?.drop();
  }
}

const header = ['database', 'what', 'size', 'time (min / median)', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} at the end (${os.cpus().length} cores)`);
console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));

