/**
 * npm run bench: every benchmark in turn, each printing its own table, then
 * one table of the headline measures (bench/summary.ts): target, minimum
 * and median of the runs, the median against its target and against its
 * floor where there is one, and a calibration figure for how busy the
 * machine was (a fixed loop, before and after; bench/RESULTS.md records
 * what it takes on a quiet machine). PostgreSQL parts run when it is
 * reachable (TEST_DATABASE_URL or 127.0.0.1:5432). BENCH_ONLY=<text> runs
 * only the benchmarks whose command mentions it.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { calibration, median, type Measure } from './summary.ts';
import { postgresAvailable } from '../test/support/databases.ts';

/** The calibration loop on this project's machine when quiet (bench/RESULTS.md). */
const QUIET_CALIBRATION_MS = 137;

const node = (...args: string[]) => [process.execPath, ...args];
const benches: string[][] = [
  node('--import', 'tsx', 'bench/roster.bench.ts'),
  node('--import', 'tsx', 'bench/targets.bench.ts'),
  node('--expose-gc', '--import', 'tsx', 'bench/payroll.bench.ts', '10000', 'sqlite'),
  ...(postgresAvailable ? [node('--expose-gc', '--import', 'tsx', 'bench/payroll.bench.ts', '10000', 'postgresql')] : []),
  node('--import', 'tsx', 'bench/payroll-contention.bench.ts', '10000', 'sqlite'),
  ...(postgresAvailable ? [node('--import', 'tsx', 'bench/payroll-contention.bench.ts', '10000', 'postgresql')] : []),
  node('--max-old-space-size=6144', '--import', 'tsx', 'bench/payroll-sheet.bench.ts'),
  node('--import', 'tsx', 'bench/pane-load.bench.ts'),
  node('--import', 'tsx', 'bench/results.bench.ts'),
  node('--import', 'tsx', 'bench/ratios.bench.ts', '10000', 'sqlite'),
  ...(postgresAvailable ? [node('--import', 'tsx', 'bench/ratios.bench.ts', '10000', 'postgresql')] : []),
  node('--import', 'tsx', 'bench/template.bench.ts'),
  node('--import', 'tsx', 'bench/start.bench.ts'),
];

// BENCH_ONLY=payroll runs only the benchmarks whose command mentions that text.
const chosen = process.env.BENCH_ONLY ? benches.filter((b) => b.join(' ').includes(process.env.BENCH_ONLY!)) : benches;
const measures: Measure[] = [];
function run([command, ...args]: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command!, args, { env: { ...process.env, BENCH_SUMMARY: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('BENCH-RESULT ')) measures.push(JSON.parse(line.slice('BENCH-RESULT '.length)) as Measure);
        else console.log(line);
      }
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

const before = [calibration(), calibration(), calibration()];
for (const bench of chosen) {
  console.log(`\n$ ${bench.slice(1).join(' ')}`);
  await run(bench);
}
const after = [calibration(), calibration(), calibration()];

const show = (value: number, unit: Measure['unit']) => (unit === 'ms' ? (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`) : `${value}`);
const rows = measures.map((m) => {
  const med = median(m.values);
  return [
    m.measure,
    m.target,
    show(Math.min(...m.values), m.unit),
    show(med, m.unit),
    m.targetValue ? `${(med / m.targetValue).toFixed(2)}` : '—',
    m.floor ? `${(med / m.floor).toFixed(2)} (floor ${show(m.floor, m.unit)})` : '—',
    `${m.values.length}`,
  ];
});
const head = ['measure', 'target', 'min', 'median', 'median ÷ target', 'median ÷ floor', 'runs'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
const cal = median([...before, ...after]);
console.log(`\nQuotabook benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`);
console.log(`calibration loop ${median(before).toFixed(0)} ms before, ${median(after).toFixed(0)} ms after (quiet machine: ${QUIET_CALIBRATION_MS} ms; this run ${(cal / QUIET_CALIBRATION_MS).toFixed(2)}× as busy)\n`);
console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
