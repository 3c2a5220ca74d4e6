/**
 * npm run bench (targets part): the shared target rules at the sizes a
 * manager works with — 1,000 people × 12 months and × 52 weeks — timed in
 * the code the add-in runs (schema/). Prints a table; figures go in
 * bench/RESULTS.md.
 */
import { allocate, allocateMatrix } from '../schema/allocation.ts';
import { childPeriods, period } from '../schema/periods.ts';
import { validateTargetGrid, type GridOwner } from '../schema/target-validation.ts';

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
  return median(xs);
};

const owners: GridOwner[] = Array.from({ length: PEOPLE }, (_, i) => ({ key: `p${String(i).padStart(4, '0')}`, name: `p${i}`, hireDate: '2020-01-01', leaveDate: null }));
const yearTotal = 1_234_567_890_12n; // fen
const rows: string[][] = [];

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
  const n = PEOPLE * periods.length;
  rows.push([`${PEOPLE} people × ${periods.length} ${label}`, `${n} cells`, `${breakdownMs.toFixed(1)} ms`, `${validateMs.toFixed(1)} ms`, `${issues} issues`]);
}

const head = ['grid', 'size', 'break down (matrix)', 'validate', 'result'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`Quotabook target rules benchmark (median of ${RUNS})`);
console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
