/**
 * How long `npm start` takes to answer /ready on an existing database
 * (issue 12 §6: within 3 s): the server bundle `npm start` runs
 * (dist/server/main.mjs, scripts/build-server.ts) against the same server
 * run from TypeScript through the tsx loader (how it ran before). Each is
 * started `--runs` times (default 5) on one SQLite demo database made by a
 * first start; the clock runs from spawning the process to the first 200
 * from /ready. A calibration figure (a fixed loop) says how busy the machine was.
 *
 *   node --import tsx bench/start.bench.ts [--runs 5]
 */
import { spawn } from 'node:child_process';
import { calibration, median, report } from './summary.ts';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { buildServer } from '../scripts/build-server.ts';
import { root } from '../server/db/providers.ts';
import { freePort } from '../test/e2e/browser.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const TARGET_MS = 3000;

const ready = (url: string) =>
  new Promise<boolean>((resolve) => {
    const req = https.get(url, { rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
  });

/** Milliseconds from spawn to the first 200 from /ready. */
async function startOnce(args: string[], databaseUrl: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, SEED_DEMO_RESULTS: '1', OFFICE_JS_URL: 'local' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (await ready(`https://127.0.0.1:${port}/ready`)) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error('not ready in 120 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-start-bench-'));
  const databaseUrl = `file:${path.join(dir, 'quotabook.db')}`;
  const { file } = await buildServer();
  const bundle = ['--enable-source-maps', file];
  const tsx = ['--import', 'tsx', path.join(root, 'server', 'main.ts')];
  const first = await startOnce(bundle, databaseUrl); // migrates and seeds the demo: the database now exists
  const rows: [string, number[]][] = [];
  const load = os.loadavg()[0]!.toFixed(2);
  const cal = [calibration(), calibration(), calibration()];
  for (const [name, args] of [
    ['npm start (bundle)', bundle],
    ['tsx loader (before)', tsx],
  ] as const) {
    await startOnce(args, databaseUrl); // warm file caches (and tsx's transform cache)
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await startOnce(args, databaseUrl));
    rows.push([name, times]);
  }
  console.log(`\n/ready on an existing SQLite demo database (${runs} runs each; first start, with migrations and the demo seed: ${(first / 1000).toFixed(2)} s)`);
  console.log(`machine: ${os.cpus().length} cores, load average ${load} at the start; calibration loop ${median(cal).toFixed(0)} ms (median of 3)\n`);
  console.log('| measure | target | min | median | median / target |');
  console.log('|---|---|---|---|---|');
  for (const [name, times] of rows) {
    console.log(`| ${name} | ≤ ${(TARGET_MS / 1000).toFixed(1)} s | ${(Math.min(...times) / 1000).toFixed(2)} s | ${(median(times) / 1000).toFixed(2)} s | ${(median(times) / TARGET_MS).toFixed(2)} |`);
  }
  report({ measure: '/ready on an existing database (npm start)', target: '≤ 3 s', targetValue: TARGET_MS, unit: 'ms', values: rows[0]![1] });
  fs.rmSync(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
