/**
 * `npm start` runs the server as one bundle (scripts/build-server.ts, issue
 * 12 §6), rebuilt only when what it is built from changed. The bundle is
 * the server: on a new database it finds its migrations and seeds, serves
 * /ready, the manifest, sign-in, and a plan template (the manifest and the
 * lazily loaded exceljs and jszip) — every file a module finds beside itself
 * is still found from the bundle.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer, serverSourcesKey } from '../scripts/build-server.ts';
import { freePort } from './e2e/browser.ts';
import { root } from '../server/db/providers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-build-server-'));
const write = (f: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, 'src', f)), { recursive: true });
  fs.writeFileSync(path.join(dir, 'src', f), text);
};
let child: ChildProcess | null = null;
const cleanups: (() => void)[] = [];
afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const c of cleanups) c();
});

/** GET or POST over the server's self-signed HTTPS. */
function request(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Buffer; type: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: init.method ?? 'GET', headers: init.headers, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('the server bundle npm start runs', () => {
  it('is rebuilt only when the server, the shared rules, the pane modules it uses or the lockfile change; tests do not count', () => {
    write('server/main.ts', 'server');
    write('schema/money.ts', 'money');
    write('addin/src/i18n.ts', 'words');
    write('package-lock.json', '{}');
    const base = path.join(dir, 'src');
    let key = serverSourcesKey(base);
    write('server/main.test.ts', 'test');
    write('addin/vite.config.ts', 'pane build only');
    expect(serverSourcesKey(base)).toBe(key);
    for (const [f, text] of [
      ['server/main.ts', 'server changed'],
      ['schema/money.ts', 'money changed'],
      ['addin/src/i18n.ts', 'words changed'],
      ['package-lock.json', '{"v":2}'],
    ] as const) {
      write(f, text);
      const next = serverSourcesKey(base);
      expect(next, f).not.toBe(key);
      key = next;
    }
  });

  it('migrates and seeds a new database, then serves /ready, the manifest, sign-in and a plan template', async () => {
    // Beside the real one (dist/server), where node_modules is found; not over it.
    const outDir = path.join(root, 'dist', `server-test-${process.pid}`);
    cleanups.push(() => fs.rmSync(outDir, { recursive: true, force: true }));
    const { file, built } = await buildServer({ outDir, force: true });
    expect(built).toBe(true);
    expect((await buildServer({ outDir })).built).toBe(false);
    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, ['--enable-source-maps', file], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'quotabook.db')}`, SEED_DEMO_RESULTS: '0', OFFICE_JS_URL: 'local' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const base = `https://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ready = await request(`${base}/ready`).catch(() => null);
      if (ready?.status === 200) break;
      if (i > 600 || child.exitCode !== null) throw new Error(`not ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(output).toContain('applied');
    expect(output).toContain('seeded the demo organisation');
    const manifest = await request(`${base}/manifest.xml`);
    expect(manifest.status).toBe(200);
    expect(manifest.body.toString()).toContain('<OfficeApp');
    const login = await request(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "rep", password: "quotabook-demo") { token } }' }),
    });
    const token = JSON.parse(login.body.toString()).data.login.token as string;
    expect(token).toBeTruthy();
    const template = await request(`${base}/plan-template.xlsx?month=2026-12`, { headers: { authorization: `Bearer ${token}` } });
    expect(template.status, template.body.toString().slice(0, 300)).toBe(200);
    expect(template.body.subarray(0, 2).toString()).toBe('PK');
  }, 120_000);
});
