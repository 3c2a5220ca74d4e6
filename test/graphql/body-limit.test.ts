/** Issue 12 §5: the request body limit, checked from the Content-Length where there is one, counted where there is none. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot, startTestServer, type TestServer } from '../support/harness.ts';
import { CSRF_HEADER } from '../../server/app.ts';
import { MAX_REQUEST_BODY, useRequestBodyLimit } from '../../server/graphql/body-limit.ts';

type Answer = { status: number; body: { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] } };

describe('the request body limit', () => {
  let s: TestServer;
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    s = await startTestServer('sqlite');
    server = http.createServer(s.app.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await s.close();
  });

  /** A POST over a real socket: the body in `chunks`, chunked unless `length` is given. */
  const post = (chunks: Iterable<string>, length?: number, token?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': 'application/json', [CSRF_HEADER]: '1' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (length !== undefined) headers['content-length'] = length;
      const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          // A refused body is not read to its end: the connection is not used again.
          req.destroy();
          try {
            resolve({ status: res.statusCode!, body: JSON.parse(text) as Answer['body'] });
          } catch (e) {
            reject(e as Error);
          }
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
      (async () => {
        for (const chunk of chunks) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        req.end();
      })().catch(() => undefined);
    });

  const query = JSON.stringify({ query: '{ __typename }' });
  /** A JSON body of `bytes` bytes or more, in 1 MB chunks. */
  function* padded(bytes: number, query = '{ __typename }') {
    const head = `{"query": ${JSON.stringify(query)}, "extensions": {"pad": "`;
    yield head;
    const mb = 'x'.repeat(2 ** 20);
    for (let sent = head.length; sent < bytes; sent += mb.length) yield mb;
    yield '"}}';
  }

  it('answers a body within it, with or without a Content-Length', async () => {
    expect(await post([query], Buffer.byteLength(query))).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    expect(await post([query.slice(0, 10), query.slice(10)])).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('refuses a Content-Length over it from the header alone, coded', async () => {
    const r = await post(['{'], MAX_REQUEST_BODY + 1);
    expect(r.status).toBe(413);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'REQUEST_ENTITY_TOO_LARGE', reason: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a chunked body once it passes the limit, coded, and runs nothing of it', async () => {
    const token = await s.login('admin');
    const before = await databaseSnapshot(s.db);
    // A change an admin may make (a holiday entered in the calendar), padded past the limit.
    const change = 'mutation { setWorkingCalendarDay(date: "2027-01-01", kind: HOLIDAY, name: "元旦") { date } }';
    const r = await post(padded(MAX_REQUEST_BODY + 1, change), undefined, token);
    expect(await databaseSnapshot(s.db)).toBe(before);
    expect(r.status).toBe(413);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'REQUEST_ENTITY_TOO_LARGE', reason: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a Content-Length that is not one number', async () => {
    const res = await s.app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', 'content-length': '12, 12' }, body: query });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Answer['body']).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('leaves a body with a Content-Length as it is: no stream to count it through', () => {
    let wrapped = false;
    const body = { pipeThrough: () => { throw new Error('counted'); } };
    const request = { headers: new Headers({ 'content-length': '20' }), body } as unknown as Request;
    useRequestBodyLimit(100).onRequestParse!({ request, requestParser: async () => ({}), setRequestParser: () => (wrapped = true), fetchAPI: globalThis } as never);
    expect(wrapped).toBe(false);
    const chunked = { headers: new Headers(), body } as unknown as Request;
    useRequestBodyLimit(100).onRequestParse!({ request: chunked, requestParser: async () => ({}), setRequestParser: () => (wrapped = true), fetchAPI: globalThis } as never);
    expect(wrapped).toBe(true);
  });
});
