/**
 * npm run bench (targets part): the shared target rules at the sizes a
 * manager works with — 1,000 people × 12 months and × 52 weeks — timed in
 * the code the add-in runs (schema/). Prints a table; figures go in
 * bench/RESULTS.md.
 */
import { allocate, allocateMatrix } from '../schema/allocation.ts';
import { childPeriods, period } from '../schema/periods.ts';
import { formatMoney } from '../schema/money.ts';
import { validateTargetGrid, type GridOwner } from '../schema/target-validation.ts';
import { createStandInExcel } from '../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../addin/src/excel/workbook.ts';
import { checkSheet, readTargetSheet, targetSheetSpec, TARGETS_KIND, type PlanView } from '../addin/src/targets/target-sheet.ts';
import { words } from '../addin/src/i18n.ts';

import { report as reportMeasure } from './summary.ts';

const PEOPLE = 1000;
const RUNS = 9;
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => void) => {
  f();
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  lastRuns = xs;
  return median(xs);
};
/** The runs behind the last time() (for the summary table). */
let lastRuns: number[] = [];

const owners: GridOwner[] = Array.from({ length: PEOPLE }, (_, i) => ({ key: `p${String(i).padStart(4, '0')}`, name: `p${i}`, hireDate: '2020-01-01', leaveDate: null }));
const yearTotal = 1_234_567_890_12n; // fen
const rows: string[][] = [];
const sheetRows: string[][] = [];

for (const [label, periods] of [
  ['months', childPeriods('2026', 'month')],
  ['ISO weeks', childPeriods('2026', 'week')],
] as const) {
  const history = owners.map((o, i) => ({ key: o.key, weight: BigInt(1000 + ((i * 7919) % 5000)) }));
  const personTotals = allocate(yearTotal, history);
  const periodTotals = allocate(yearTotal, periods.map((p) => ({ key: p.key, weight: BigInt(p.days) })));
  let matrix = new Map<string, Map<string, bigint>>();
  const breakdownMs = time(() => {
    matrix = allocateMatrix([...personTotals].map(([key, weight]) => ({ key, weight })), [...periodTotals].map(([key, weight]) => ({ key, weight })));
  });
  // Cells as the sheet gives them back: numbers of yuan.
  const cells = owners.map((o) => periods.map((p) => Number(matrix.get(o.key)!.get(p.key)!) / 100));
  let issues = -1;
  const validateMs = time(() => {
    issues = validateTargetGrid({ metric: 'SALES_AMOUNT', level: 'BASE', owners, periods: periods.map((p) => period(p.key)), cells, periodTotals, ownerTotals: personTotals, expectedOwners: owners }).issues.length;
  });
  reportMeasure({ measure: `validate a ${PEOPLE.toLocaleString('en-US')}-person × ${periods.length} ${label} target grid (shared rules)`, target: '—', unit: 'ms', values: lastRuns });
  // The add-in's path: write the Targets sheet into the stand-in, read it back, check it.
  const view: PlanView = {
    plan: { id: 'bench', year: 2026, version: 1, revision: 1, status: 'DRAFT', metric: 'SALES_AMOUNT', level: 'BASE', total: formatMoney(yearTotal), ownerKind: 'PERSON', scopeUnitName: 'Bench', periodLevel: label === 'months' ? 'month' : 'week' },
    periods: periods.map((p) => ({ key: p.key, start: p.start, end: p.end, days: p.days })),
    rows: [{ ownerId: 'scope', ownerName: 'Bench', isScope: true, hireDate: null, leaveDate: null }, ...owners.map((o) => ({ ownerId: o.key, ownerName: o.name, isScope: false, hireDate: o.hireDate ?? null, leaveDate: null }))],
    lines: [
      ...periods.map((p) => ({ ownerId: 'scope', periodKey: p.key, amount: formatMoney(periodTotals.get(p.key)!) })),
      ...owners.flatMap((o) => periods.map((p) => ({ ownerId: o.key, periodKey: p.key, amount: formatMoney(matrix.get(o.key)!.get(p.key)!) }))),
    ],
  };
  const { workbook } = createStandInExcel();
  const run = workbook.run as unknown as ExcelRun;
  let t0 = performance.now();
  const report = await writeGridSheet(run, targetSheetSpec(words.en, view));
  const writeMs = performance.now() - t0;
  const writeSyncs = workbook.stats.syncs;
  t0 = performance.now();
  const read = (await readTaggedSheet(run, TARGETS_KIND, { planId: 'bench' }, ['revision']))!;
  const back = readTargetSheet(words.en, view, read);
  const sheetIssues = back.problems.length + checkSheet(view, back).length;
  const readCheckMs = performance.now() - t0;
  sheetRows.push([
    `${PEOPLE} people × ${periods.length} ${label}`,
    `${writeMs.toFixed(0)} ms, ${writeSyncs} syncs (${report.blocks} data), largest ${(workbook.stats.largestRequestBytes / 1024 / 1024).toFixed(2)} MB`,
    `${readCheckMs.toFixed(0)} ms, ${workbook.stats.syncs - writeSyncs} syncs`,
    `${sheetIssues} issues`,
  ]);
  const n = PEOPLE * periods.length;
  rows.push([`${PEOPLE} people × ${periods.length} ${label}`, `${n} cells`, `${breakdownMs.toFixed(1)} ms`, `${validateMs.toFixed(1)} ms`, `${issues} issues`]);
}

function table(head: string[], body: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
console.log(`Quotabook target rules benchmark (median of ${RUNS})`);
console.log(table(['grid', 'size', 'break down (matrix)', 'validate', 'result'], rows));
console.log('\nTargets sheet in the stand-in (add-in code path, one run)');
console.log(table(['grid', 'write sheet', 'read back + check', 'result'], sheetRows));
