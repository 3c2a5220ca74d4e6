/**
 * npm run bench (ratios part): the expense and payroll ratios (brief §5) of
 * a 10,000-person organisation, as the Performance screen's Pull ratios
 * asks for them: the whole sales centre by region for March and for the first
 * quarter, with March's payroll calculated for everyone and expenses for
 * every team. Median of 5 after a warm-up, the service alone.
 *
 *   node --import tsx bench/ratios.bench.ts [people] [sqlite|postgresql]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/db/client.ts';
import { tempDatabase } from '../test/support/databases.ts';
import { calculateRun, createRun } from '../server/payroll/runs.ts';
import { readUnitRatios } from '../server/results/ratios.ts';
import { rebuildSalesMonths } from '../server/results/rollup.ts';
import { loadConfig } from '../server/config.ts';
import type { Context } from '../server/context.ts';
import { systemClock } from '../server/clock.ts';
import { createThrottle } from '../server/auth/throttle.ts';
import { median, report } from './summary.ts';
import { formatMoney } from '../schema/money.ts';
import { ofSales } from '../schema/ratios.ts';
import { percentText } from '../schema/achievement.ts';

const PEOPLE = Number(process.argv[2] ?? 10_000);
const PROVIDER = (process.argv[3] ?? 'sqlite') as 'sqlite' | 'postgresql';
const temp = await tempDatabase(PROVIDER);
execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./payroll-org.ts', import.meta.url)), temp.url, String(PEOPLE)], { stdio: 'inherit' });
const db = await openDatabase(temp.url);
// The seed writes sales rows only: the monthly sums actuals read are built as an import would.
await db.prisma.$transaction((tx) => rebuildSalesMonths(tx), { timeout: 600_000 });
const root = await db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'COMPANY' } });
const ctx: Context = { prisma: db.prisma, config: loadConfig({ DATABASE_URL: temp.url }), viewer: { userId: 'bench', username: 'bench', sessionId: 's', roles: ['FINANCE'], personId: null, personName: null }, sessionProblem: null, clock: systemClock, loginThrottle: createThrottle(), memo: new Map() };
const run = await createRun(ctx, '2026-03', root.id);
await calculateRun(ctx, run.id, run.revision, {});
const teams = await db.prisma.orgUnit.findMany({ where: { kind: 'TEAM' }, select: { id: true } });
await db.prisma.unitExpense.createMany({ data: teams.flatMap((t, i) => (['ADVERTISING', 'TRAVEL'] as const).map((category) => ({ unitId: t.id, month: '2026-03', category, amountFen: BigInt(100_000 + i * 137) }))) });

// The sales centre under the company, read by its regions.
const centre = (await db.prisma.orgUnit.findMany({ where: { parentId: root.id } })).length === 1 ? await db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: root.id } }) : root;
const rows: string[][] = [];
for (const [what, periodKey, grain] of [['March', '2026-03', 'MONTH'], ['Q1', '2026-Q1', 'QUARTER']] as const) {
  const times: number[] = [];
  let shown = '';
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    const r = await readUnitRatios({ ...ctx, memo: new Map() }, { unitId: centre.id, periodKey, grain });
    if (i > 0) times.push(performance.now() - t);
    const ratio = ofSales(r.total.payFen, r.total.salesFen);
    shown = `${r.rows.length} regions; pay ${formatMoney(r.total.payFen)} yuan; payroll ratio ${ratio ? percentText(ratio) : '—'} %`;
  }
  rows.push([`unit ratios, sales centre by region, ${what}`, PROVIDER, `${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)})`, shown]);
  report({ measure: `unit ratios, ${PEOPLE} people, sales centre by region, ${what}, ${PROVIDER}`, target: '≤ 300 ms', targetValue: 300, unit: 'ms', values: times });
}
console.table(rows.map(([what, database, time, notes]) => ({ what, database, time, notes })));
await db.close();
await temp.drop();
