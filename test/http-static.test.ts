/**
 * What the server serves besides the API: the manifest for its public URL,
 * the help page the manifest's SupportUrl names, and the pane's files
 * precompressed and cached by whether their names are content-hashed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.ts';
import { checkPublicUrl, renderManifest } from '../server/http/manifest.ts';
import { loadConfig } from '../server/config.ts';
import { root } from '../server/db/providers.ts';
import { startTestServer, type TestServer } from './support/harness.ts';

const xsd = path.join(root, 'test', 'fixtures', 'office-manifest-xsd', 'OfficeAppManifestV1_1.xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0 && fs.existsSync(xsd);
const built = fs.existsSync(path.join(root, 'dist', 'addin', 'taskpane.html'));

let s: TestServer;
let server: http.Server;
let base: string;
beforeAll(async () => {
  s = await startTestServer('sqlite', { seed: false });
  const { handle } = createApp(s.db, { ...s.config, publicUrl: 'https://quotabook.example.com:8443/qb' });
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await s.close();
});

/** A raw GET (fetch would decompress bodies and hide Content-Encoding). */
function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${base}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the manifest', () => {
  it('is served for the public URL: every address, AppDomain by origin', async () => {
    const r = await get('/manifest.xml');
    expect(r.status).toBe(200);
    const xml = r.body.toString('utf8');
    expect(xml).not.toContain('localhost:3000');
    expect(xml).toContain('<SourceLocation DefaultValue="https://quotabook.example.com:8443/qb/taskpane.html"/>');
    expect(xml).toContain('<SupportUrl DefaultValue="https://quotabook.example.com:8443/qb/help.html"/>');
    expect(xml).toContain('<AppDomain>https://quotabook.example.com:8443</AppDomain>');
  });

  it.skipIf(!hasXmllint && process.env.CI !== 'true')('rendered for another host, stays valid against the Office schemas', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qb-manifest-')), 'manifest.xml');
    execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'manifest.ts'), '--url', 'https://sales.example.cn', '--out', file], { cwd: root, stdio: 'pipe' });
    expect(fs.readFileSync(file, 'utf8')).toContain('https://sales.example.cn/taskpane.html');
    expect(execFileSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
  });

  it('refuses a public URL Office cannot load, saying why', () => {
    expect(() => checkPublicUrl('http://quotabook.example.com')).toThrow(/https/);
    expect(() => checkPublicUrl('quotabook')).toThrow(/not a URL/);
    expect(() => renderManifest('https://x.example.com/?a=1')).toThrow(/query/);
    expect(() => loadConfig({ PUBLIC_URL: 'http://x' })).toThrow(/https/);
    expect(loadConfig({ PUBLIC_URL: 'https://x.example.com/' }).allowedOrigins).toEqual(['https://x.example.com']);
    expect(loadConfig({ PORT: '3443' }).publicUrl).toBe('https://localhost:3443');
  });
});

describe.skipIf(!built)('the pane’s files', () => {
  it('has a help page with the sideloading steps in both languages', async () => {
    const r = await get('/help.html');
    expect(r.status).toBe(200);
    const html = r.body.toString('utf8');
    expect(html).toContain('上传我的加载项');
    expect(html).toContain('Upload My Add-in');
    expect(html).toContain('href="/manifest.xml"');
  });

  it('sends the bundle precompressed, brotli first, and caches hashed names for good', async () => {
    const page = (await get('/taskpane.html')).body.toString('utf8');
    expect(page).toMatch(/<link rel="icon"[^>]+href="\/assets\/icon-32.png"/);
    const bundle = /src="(\/assets\/taskpane-[\w-]{8}\.js)"/.exec(page)![1]!;
    const plain = await get(bundle);
    const br = await get(bundle, { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get(bundle, { 'accept-encoding': 'gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    // Pages and unhashed files are revalidated, so a new build is picked up at once.
    expect((await get('/taskpane.html')).headers['cache-control']).toBe('no-cache');
    expect((await get('/assets/icon-32.png')).headers['cache-control']).toBe('no-cache');
    expect((await get('/favicon.ico')).headers.location).toBe('/assets/icon-32.png');
  });
});
