/**
 * npm run bench (payroll sheet part, issue 12 §4): the pane writing a
 * 100,000-row Payroll sheet into the Excel stand-in, then refreshing it
 * after every amount changed (the previous sheet read back, every changed
 * cell highlighted), with the add-in's own code (payroll-sheet.ts,
 * workbook.ts). Prints syncs and bytes against the floor: the fewest
 * round trips Excel's 5 MB request and response limits allow for those
 * bytes (bytes ÷ 5 MB, rounded up, each way, plus one sync to find the
 * sheet). The run is made up here (no server), so only the sheet is measured.
 *
 *   node --import tsx bench/payroll-sheet.bench.ts [--people 100000]
 */
import { report as reportMeasure } from './summary.ts';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createStandInExcel, REQUEST_LIMIT_BYTES } from '../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../addin/src/excel/workbook.ts';
import { PAYROLL_KIND, payrollSheetSpec, previousValues, type RunView } from '../addin/src/payroll/payroll-sheet.ts';
import { words } from '../addin/src/i18n.ts';
import { formatMoney } from '../schema/money.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '100000' } } });
const PEOPLE = Number(values.people);

const COMPONENTS = [
  { code: 'BASE', label: '基本工资', kind: 'EARNING' },
  { code: 'COMMISSION', label: '提成', kind: 'EARNING' },
  { code: 'BONUS', label: '里程碑奖金', kind: 'EARNING' },
  { code: 'ABSENCE', label: '缺勤扣款', kind: 'DEDUCTION' },
];

/** A run of `people` payslips; `shift` fen added to every amount (a refresh where everything changed). */
function runView(shift: bigint): RunView {
  return {
    run: { id: 'run-1', month: '2026-03', version: 1, revision: 1, status: 'CALCULATED', scopeUnitName: '营销中心', scopeUnitId: 'u-root' },
    payslips: Array.from({ length: PEOPLE }, (_, i) => {
      const amounts = [500_000n + BigInt(i % 9_000) * 100n, BigInt((i * 7919) % 3_000_000), BigInt((i % 5) * 100_000), -BigInt((i % 7) * 5_000)].map((a) => a + shift);
      const gross = amounts[0]! + amounts[1]! + amounts[2]!;
      return {
        personId: `p${String(i).padStart(6, '0')}`,
        personName: `员工${i}`,
        employeeNo: `QB${String(i).padStart(6, '0')}`,
        planCode: 'REP',
        gross: formatMoney(gross),
        deductions: formatMoney(-amounts[3]!),
        net: formatMoney(gross + amounts[3]!),
        lines: COMPONENTS.map((c, k) => ({ ...c, amount: formatMoney(amounts[k]!), explanation: { data: '{}' } })),
      };
    }),
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mb = (n: number) => `${(n / 2 ** 20).toFixed(2)} MB`;
const floorOf = (req: number, res: number) => 1 + Math.ceil(req / REQUEST_LIMIT_BYTES) + Math.ceil(res / REQUEST_LIMIT_BYTES);

const excel = createStandInExcel();
const run = excel.workbook.run as unknown as ExcelRun;
const stats = excel.workbook.stats;
const rows: string[][] = [];
const w = words['zh-CN'];

let t = performance.now();
const first = payrollSheetSpec(w, runView(0n));
const report = await writeGridSheet(run, first);
const writeMs = performance.now() - t;
const req1 = sum(stats.requestBytes);
const res1 = sum(stats.responseBytes);
rows.push([
  'write the Payroll sheet',
  `${first.rows.length.toLocaleString('en-US')} rows × ${first.columns.length} cols`,
  `${(writeMs / 1000).toFixed(2)} s`,
  `${stats.syncs}`,
  `${floorOf(req1, res1)}`,
  `${mb(req1)} sent, ${mb(res1)} read; largest request ${mb(stats.largestRequestBytes)}; ${report.blocks} data blocks`,
]);

const before = { syncs: stats.syncs, req: stats.requestBytes.length, res: stats.responseBytes.length, largest: stats.largestRequestBytes };
stats.largestRequestBytes = 0;
t = performance.now();
const previous = await readTaggedSheet(run, PAYROLL_KIND, { month: '2026-03', scope: 'u-root' });
const second = payrollSheetSpec(w, runView(100n), previousValues(previous));
// As the pane does: the write takes the sheet the read found (usePayroll.ts).
await writeGridSheet(run, second, { sheet: previous?.sheet });
const refreshMs = performance.now() - t;
const req2 = sum(stats.requestBytes.slice(before.req));
const res2 = sum(stats.responseBytes.slice(before.res));
rows.push([
  'refresh it, every amount changed (read back, compare, highlight)',
  `${(second.highlight?.length ?? 0).toLocaleString('en-US')} cells changed`,
  `${(refreshMs / 1000).toFixed(2)} s`,
  `${stats.syncs - before.syncs}`,
  `${floorOf(req2, res2)}`,
  `${mb(req2)} sent, ${mb(res2)} read; largest request ${mb(stats.largestRequestBytes)}; ${stats.failedRequests} refused`,
]);

reportMeasure({ measure: `Payroll sheet refresh, ${PEOPLE.toLocaleString('en-US')} rows, every amount changed: syncs`, target: '≤ floor + 2', targetValue: floorOf(req2, res2) + 2, unit: 'syncs', values: [stats.syncs - before.syncs], floor: floorOf(req2, res2) });

const head = ['what', 'size', 'time', 'syncs', 'floor', 'bytes'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`Quotabook payroll sheet benchmark: ${PEOPLE.toLocaleString('en-US')} payslips into the Excel stand-in; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}`);
console.log([line(head), `|${widths.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
