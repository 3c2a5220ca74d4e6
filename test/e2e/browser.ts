/**
 * Real headless Chromium (Debian's, driven by playwright-core) and the real
 * server, for end-to-end tests. REQUIRE_BROWSER=1 turns a missing Chromium
 * into a failure instead of a skip.
 */
import { buildServer } from '../../scripts/build-server.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { root } from '../../server/db/providers.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but Chromium is not at ${CHROMIUM} (apt-get install chromium)`);
if (!hasChromium) console.warn(`Chromium not found at ${CHROMIUM}: browser tests skipped (set REQUIRE_BROWSER=1 to fail instead)`);

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

let bundle: Promise<string> | undefined;

/** Starts the server as `npm start` does (the bundle, built first when its sources changed), on a free port and its own database. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const main = await (bundle ??= buildServer().then((b) => b.file));
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: root,
    // The demo's sales and targets stay out unless a test asks for them: these tests import their own and check exact figures.
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', OFFICE_JS_URL: 'local', SEED_DEMO_RESULTS: '0', WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes('Quotabook is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `https://localhost:${port}`,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

let standIn: Promise<string> | undefined;

/**
 * The Excel stand-in as one browser script that installs `window.Excel`.
 * Bundled once per worker (files share a module graph, vitest.config.ts), not once per file.
 */
export function standInScript(): Promise<string> {
  standIn ??= bundleStandIn().catch((error) => {
    standIn = undefined;
    throw error;
  });
  return standIn;
}

async function bundleStandIn(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(root, 'test', 'support', 'excel-standin.ts'), formats: ['iife'], name: 'QuotabookExcelStandIn' },
    },
  });
  const output = (Array.isArray(result) ? result[0]! : result) as { output: { type: string; code?: string }[] };
  const code = output.output.find((o) => o.type === 'chunk')!.code!;
  return `${code}
;(function () {
  var s = QuotabookExcelStandIn.createStandInExcel(['Sheet1']);
  window.Excel = s.Excel;
  window.__standIn = s.workbook;
})();`;
}


/**
 * The browser asks for reduced motion, as some users' systems do: Fluent then
 * skips its menu and tab animations, and a click does not wait for them to
 * come to rest (opening a screen through the More menu took 0.6 s of
 * animation; the suite's widths check opens about 80 screens).
 */
const CONTEXT = { ignoreHTTPSErrors: true, reducedMotion: 'reduce' } as const;

/** A fresh page of the task pane, with the Excel stand-in installed before its scripts. */
export async function paneInExcel(browser: Browser, script: string, url: string, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ ...CONTEXT, locale });
  await context.addInitScript({ content: script });
  const page = await context.newPage();
  await page.goto(`${url}/taskpane.html`);
  return page;
}

/** A GraphQL call made from the page (same origin; the page trusts the certificate). */
export const api = (page: Page, token: string | null, query: string, variables: Record<string, unknown> = {}) =>
  page.evaluate(
    async ({ token, query, variables }) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-quotabook-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    { token, query, variables },
  );

export const tokenFor = async (page: Page, username: string) =>
  (await api(page, null, 'mutation($u: String!) { login(username: $u, password: "quotabook-demo") { token } }', { u: username })).data.login.token as string;

/** Signs in through the pane's form as a demo user. */
export async function signIn(page: Page, username: string) {
  await page.getByTestId('sign-in').locator('input[name="username"]').fill(username);
  await page.getByTestId('sign-in').locator('input[name="password"]').fill('quotabook-demo');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('roster-pane').waitFor();
}

/** Reads a block of the stand-in workbook as the user sees it. */
export const readSheet = (page: Page, sheet: string, address: string) =>
  page.evaluate(({ sheet, address }) => (window as any).__standIn.read(sheet, address), { sheet, address }) as Promise<unknown[][]>;

export interface E2e {
  server: RunningServer;
  browser: Browser;
  /** The stand-in script to install in pages. */
  script: string;
  /** A fresh pane page with the stand-in installed. */
  pane(locale?: string): Promise<Page>;
}

/**
 * Registers the setup every end-to-end suite needs: the real server on its own
 * SQLite file, the bundled stand-in, and Chromium; all torn down afterwards.
 */
export function useE2e(name: string, env: Record<string, string> = {}): E2e {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `quotabook-e2e-${name}-`));
  const e2e = {} as E2e;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    const file = path.join(dir, 'e2e.db');
    // The demo organisation as the server would seed it, copied from the run's template (global-setup.ts); the server
    // finds it there and adds what it adds to any database. A test that asks for the demo's results is seeded by its server.
    const template = inject('quotabookTemplates')?.sqlite;
    if (template && !('SEED_DEMO_RESULTS' in env) && !('SEED_DEMO' in env) && !('DATABASE_URL' in env)) fs.copyFileSync(template, file);
    [e2e.server, e2e.script] = await Promise.all([startServer({ DATABASE_URL: `file:${file}`, ...env }), standInScript()]);
    e2e.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    e2e.pane = (locale?: string) => paneInExcel(e2e.browser, e2e.script, e2e.server.url, locale);
  }, 120_000);
  // A failed step says what the pane showed then: each open page's visible text, so a timeout names what was on screen instead.
  beforeEach(({ onTestFailed }) => {
    const pages = () => e2e.browser?.contexts().flatMap((c) => c.pages()) ?? [];
    const before = new Set(pages());
    onTestFailed(async () => {
      for (const page of pages().filter((p) => !before.has(p))) {
        const text = await page.locator('body').innerText({ timeout: 2_000 }).catch((error: Error) => `(unreadable: ${error.message})`);
        console.error(`--- the pane at ${page.url()} when the test failed ---\n${text.slice(0, 4_000)}`);
      }
    });
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return e2e;
}

/** What the Office host would tell the pane: its theme and display language. */
export interface OfficeHost {
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor?: string; controlBackgroundColor?: string; controlForegroundColor?: string };
  displayLanguage?: string;
}

/**
 * An init script that gives `Office.context` the host's values once office.js
 * has loaded (outside Office, office.js leaves them undefined).
 */
export const officeHostScript = (host: OfficeHost) => `
(function () {
  var host = ${JSON.stringify(host)};
  var patch = function () {
    if (!window.Office || !window.Office.context) return;
    Object.keys(host).forEach(function (k) {
      Object.defineProperty(window.Office.context, k, { value: host[k], configurable: true });
    });
  };
  document.addEventListener('load', function (e) {
    var src = e.target && e.target.src;
    if (src && src.indexOf('office.js') >= 0) {
      patch();
      var onReady = window.Office.onReady;
      window.Office.onReady = function (cb) {
        return onReady.call(window.Office, function (info) { patch(); return cb && cb(info); });
      };
    }
  }, true);
})();`;

/** A fresh pane page as paneInExcel, in an Office host with this theme and display language. */
export async function paneInOffice(browser: Browser, script: string, url: string, host: OfficeHost, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ ...CONTEXT, locale });
  await context.addInitScript({ content: script });
  await context.addInitScript({ content: officeHostScript(host) });
  const page = await context.newPage();
  await page.goto(`${url}/taskpane.html`);
  return page;
}

/**
 * Opens a signed-in screen by its navigation id, from its tab or, when the
 * pane is too narrow for it, from the "More" menu.
 */
export async function openScreen(page: Page, id: string) {
  const tab = page.getByTestId(`tab-${id}`);
  if (await tab.isVisible()) return tab.click();
  await page.getByTestId('nav-more').click();
  await page.getByTestId(`nav-more-${id}`).click();
}

/** A file the server sends (e.g. GET /plan-template.xlsx), fetched by the pane's page with a token, as bytes. */
export async function downloadBytes(page: Page, url: string, token: string): Promise<Buffer> {
  const b64 = await page.evaluate(
    async ({ url, token }) => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    },
    { url, token },
  );
  return Buffer.from(b64, 'base64');
}

/** The demo's sign-in names (shown as who is signed in) and the language switch's own name: the only Latin words a zh-CN pane may show. */
const LATIN_ALLOWED = ['Quotabook', 'English', 'admin', 'finance', 'finmgr', 'director', 'manager', 'rep'];

/** Words of three or more Latin letters on the pane besides those: a zh-CN user must meet none. */
export async function englishOn(page: Page): Promise<string[]> {
  const words = (await page.getByTestId('pane').innerText()).match(/[A-Za-z]{3,}/g) ?? [];
  return words.filter((w) => !LATIN_ALLOWED.includes(w));
}
