/**
 * GraphQL answers are compressed when the client accepts it (issue 12 §3):
 * brotli before gzip, Vary: Accept-Encoding, the same JSON once decompressed,
 * small answers and clients that accept nothing sent as they are; never
 * cacheable (payroll and rosters are per user).
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { startTestServer, type TestServer } from '../support/harness.ts';

let s: TestServer;
let server: http.Server;
let base: string;
let token: string;
beforeAll(async () => {
  s = await startTestServer('sqlite');
  token = await s.login('director');
  const { handle } = createApp(s.db, s.config);
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await s.close();
});

/** A raw POST (fetch would decompress and hide Content-Encoding). */
function post(query: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

const ROSTER = '{ roster(first: 200) { edges { node { id employeeNo name unitName unitPath position hireDate } } } }';

describe('compressed GraphQL answers', () => {
  it('sends brotli or gzip as accepted, the same answer once decompressed, and plain JSON otherwise', async () => {
    const plain = await post(ROSTER);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const answer = JSON.parse(plain.body.toString('utf8'));
    expect(answer.errors).toBeUndefined();
    expect(answer.data.roster.edges.length).toBeGreaterThan(50);

    const br = await post(ROSTER, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString('utf8'))).toEqual(answer);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);

    const gz = await post(ROSTER, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.body).toString('utf8'))).toEqual(answer);

    for (const r of [br, gz]) {
      expect(r.headers.vary).toMatch(/Accept-Encoding/i);
      expect(r.headers['cache-control']).toBe('no-store');
    }
  });

  it('leaves a small answer as it is', async () => {
    const small = await post('{ __typename }', { 'accept-encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toEqual({ data: { __typename: 'Query' } });
  });
});
