/**
 * npm run bench (pane): the task pane's first load in headless Chromium from
 * the real server: time until the sign-in form shows, and the bytes that
 * crossed the network (as sent: compressed where the server compresses),
 * ours and office.js apart; then a second load in the same browser profile
 * (hashed bundles from the cache). Prints a table; RESULTS.md records it.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, paneInExcel, standInScript, startServer } from '../test/e2e/browser.ts';
import { report } from './summary.ts';

const RUNS = 5;
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quotabook-bench-pane-'));
const server = await startServer({ DATABASE_URL: `file:${path.join(dir, 'bench.db')}` });
const script = await standInScript();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

interface Load {
  ms: number;
  ours: number;
  officeJs: number;
  requests: number;
}

async function measure(p: Awaited<ReturnType<typeof paneInExcel>>): Promise<Load> {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  const bytes = { ours: 0, officeJs: 0, requests: 0 };
  cdp.on('Network.requestWillBeSent', (e: any) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e: any) => {
    const url = urls.get(e.requestId) ?? '';
    bytes.requests += 1;
    if (url.includes('/office-js/')) bytes.officeJs += e.encodedDataLength;
    else bytes.ours += e.encodedDataLength;
  });
  const started = performance.now();
  await p.goto(`${server.url}/taskpane.html`);
  await p.getByTestId('sign-in').waitFor();
  const ms = performance.now() - started;
  await cdp.detach();
  return { ms, ...bytes };
}

const cold: Load[] = [];
const warm: Load[] = [];
try {
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    await context.addInitScript({ content: script });
    const page = await context.newPage();
    const first = await measure(page);
    const again = await measure(page);
    if (i > 0) {
      cold.push(first);
      warm.push(again);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const row = (what: string, loads: Load[]) => [what, `${median(loads.map((l) => l.ms)).toFixed(0)} ms (min ${Math.min(...loads.map((l) => l.ms)).toFixed(0)})`, kb(median(loads.map((l) => l.ours))), kb(median(loads.map((l) => l.officeJs))), String(median(loads.map((l) => l.requests)))];
report({ measure: 'task pane first load until sign-in shows (headless Chromium, empty cache)', target: '—', unit: 'ms', values: cold.map((l) => l.ms) });
const table = [['load', 'until sign-in shows', 'our bytes', 'office.js bytes (local copy)', 'requests'], row('first (empty cache)', cold), row('second (same profile)', warm)];
const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
for (const r of table) console.log(r.map((v, c) => v.padEnd(widths[c]!)).join(' | '));
console.log(`\n${RUNS} runs each after a warm-up; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}`);
