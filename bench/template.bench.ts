/**
 * npm run bench (plan templates, issue 11 §1), two parts:
 * - generate: the plan template workbook (server/rep-plans/template.ts, as
 *   GET /plan-template.xlsx makes it) for 1,000 reps of a demo organisation
 *   on SQLite, one after another: total time, per template, bytes each
 *   (min / median / max);
 * - read: a filled template opened in the Excel stand-in and taken by the
 *   pane's code path (the plan sheet read by name, its layout checked,
 *   adopted, read back as the pane's plan sheet and checked with the shared
 *   rules): time (median of 20 after a warm-up) and syncs.
 *
 *   node --import tsx bench/template.bench.ts [--reps 1000] [--month 2026-03]
 *
 * Builds the organisation (its targets published, January's sales) into a
 * temporary SQLite database with the demo generator.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { migrate } from '../server/db/migrate.ts';
import { openDatabase } from '../server/db/client.ts';
import { generateDemoOrg } from '../server/seed/demo-org.ts';
import { seedOrganisation } from '../server/seed/seed.ts';
import { tempDatabase } from '../test/support/databases.ts';
import { loadConfig } from '../server/config.ts';
import type { Context } from '../server/context.ts';
import { systemClock } from '../server/clock.ts';
import { createThrottle } from '../server/auth/throttle.ts';
import { planTemplate } from '../server/rep-plans/template.ts';
import { planFormFor } from '../server/rep-plans/plans.ts';
import { createStandInExcel } from '../test/support/excel-standin.ts';
import { workbookFileFromXlsx } from '../test/support/xlsx-standin.ts';
import { adoptSheet, readSheetByName, readTaggedSheet, type ExcelRun } from '../addin/src/excel/workbook.ts';
import { checkTemplateLayout, PLAN_KIND, readPlanSheet } from '../addin/src/rep-plans/plan-sheet.ts';
import { readTemplateMarker } from '../addin/src/rep-plans/plan-template.ts';
import { words } from '../addin/src/i18n.ts';
import { report } from './summary.ts';

const { values: args } = parseArgs({ options: { reps: { type: 'string', default: '1000' }, month: { type: 'string', default: '2026-03' } } });
const REPS = Number(args.reps);
const MONTH = args.month!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const n = (x: number) => x.toLocaleString('en-US');
const table: string[][] = [['what', 'size', 'time', 'note']];

const temp = await tempDatabase('sqlite');
await migrate(temp.url);
const db = await openDatabase(temp.url);
try {
  const t0 = performance.now();
  // About seven in ten of the demo's people are reps: enough of them for REPS templates.
  await seedOrganisation(db.prisma, generateDemoOrg({ people: Math.ceil(REPS * 1.6), seed: 42 }), { results: { today: `${MONTH.slice(0, 4)}-01-31`, fromYear: Number(MONTH.slice(0, 4)), seed: 42 } });
  const seedMs = performance.now() - t0;
  const reps = await db.prisma.person.findMany({ where: { position: 'SALES_REP', status: { not: 'LEFT' } }, select: { id: true }, orderBy: { employeeNo: 'asc' }, take: REPS });
  if (reps.length < REPS) throw new Error(`only ${reps.length} reps in the demo organisation`);
  const config = { ...loadConfig({ PORT: '3000' }), databaseUrl: temp.url };
  // A manager handing out templates sees everyone here: the admin's scope.
  const ctx = (): Context => ({
    prisma: db.prisma,
    config,
    viewer: { userId: 'bench', username: 'bench', sessionId: 's', roles: ['ADMIN'], personId: null, personName: null },
    sessionProblem: null,
    clock: systemClock,
    loginThrottle: createThrottle(),
    memo: new Map(),
  });
  table.push(['seed the demo organisation (targets, January sales)', `${n(await db.prisma.person.count())} people`, `${(seedMs / 1000).toFixed(1)} s`, '']);

  // Generate: one template per rep, one after another.
  await planTemplate(ctx(), reps[0]!.id, MONTH, 'zh-CN');
  const sizes: number[] = [];
  let first: Buffer | null = null;
  const g0 = performance.now();
  // Per template, each third of the reps apart: three figures for the summary table.
  const thirds: number[] = [];
  let t3 = g0;
  for (const [i, r] of reps.entries()) {
    const file = await planTemplate(ctx(), r.id, MONTH, 'zh-CN');
    first ??= file;
    sizes.push(file.length);
    if ((i + 1) % Math.ceil(reps.length / 3) === 0 || i === reps.length - 1) {
      const now = performance.now();
      thirds.push((now - t3) / ((i % Math.ceil(reps.length / 3)) + 1));
      t3 = now;
    }
  }
  const genMs = performance.now() - g0;
  report({ measure: 'plan template for one rep (server, one after another)', target: '—', unit: 'ms', values: thirds });
  sizes.sort((a, b) => a - b);
  table.push([`plan templates for ${n(REPS)} reps (${MONTH}), one after another`, `${n(REPS)} files`, `${(genMs / 1000).toFixed(1)} s`, `${(genMs / REPS).toFixed(1)} ms each; bytes min ${n(sizes[0]!)}, median ${n(median(sizes))}, max ${n(sizes.at(-1)!)}`]);

  // Read: the first rep's template, filled in below target with a reason, taken by the pane's path.
  const form = await planFormFor(ctx(), reps[0]!.id, MONTH);
  const w = words['zh-CN'];
  const c0 = performance.now();
  const file = await workbookFileFromXlsx(first!);
  const convertMs = performance.now() - c0;
  const times: number[] = [];
  let syncs = 0;
  let issues = -1;
  for (let i = 0; i < 21; i++) {
    const { workbook } = createStandInExcel([]);
    workbook.load(file);
    const run = workbook.run as unknown as ExcelRun;
    const marker = (await readTemplateMarker(run))!;
    form.weeks.forEach((_, k) => workbook.type(marker.sheet, `D${3 + k}`, 1000 + k));
    workbook.type(marker.sheet, `B${3 + form.weeks.length + 1 + 8}`, '本月两家重点客户停产检修');
    const before = workbook.stats.syncs;
    const s0 = performance.now();
    const read = (await readSheetByName(run, marker.sheet))!;
    const layout = checkTemplateLayout(w, read, form.weeks.map((x) => x.key));
    await adoptSheet(run, read.sheetName, { kind: PLAN_KIND, identity: { personId: form.person!.id, month: form.month }, properties: { personName: form.person!.name, planId: '', revision: '', status: '' }, block: layout.block!, header: layout.header });
    const tagged = (await readTaggedSheet(run, PLAN_KIND, { personId: form.person!.id, month: form.month }, ['revision', 'personName']))!;
    const back = readPlanSheet(w, form, tagged);
    const ms = performance.now() - s0;
    if (i > 0) times.push(ms);
    syncs = workbook.stats.syncs - before;
    issues = back.issues.length;
  }
  table.push(['a filled template taken by the pane: read by name, layout checked, adopted, read back, checked', `${form.weeks.length} weeks, 8 customer rows`, `${median(times).toFixed(1)} ms`, `${syncs} syncs (read marker excluded: 1 more); ${issues} errors; median of 20 after a warm-up`]);
  table.push(['(test side) the .xlsx read into the stand-in (exceljs + jszip)', `${n(first!.length)} bytes`, `${convertMs.toFixed(0)} ms`, 'not the pane: how the stand-in opens the file']);
} finally {
  await db.prisma.$disconnect();
  await temp.drop();
}

const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
for (const r of table) console.log(r.map((v, c) => v.padEnd(widths[c]!)).join(' | '));
console.log(`\n${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
