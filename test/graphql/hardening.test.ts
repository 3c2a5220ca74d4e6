/** The HTTP edge: error masking, limits, CSRF, CORS, caching, health. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits } from 'graphql-http';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { CSRF_HEADER } from '../../server/app.ts';

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer('sqlite');
  token = await s.login('admin');
});
afterAll(() => s.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  s.app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });

describe('the HTTP edge', () => {
  it('passes the GraphQL-over-HTTP audit suite in its production configuration', async () => {
    const audits = serverAudits({
      url: 'http://localhost/graphql',
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set(CSRF_HEADER, '1');
        // Some audits introspect (`__type`), which needs a signed-in user.
        headers.set('authorization', `Bearer ${token}`);
        return s.app.yoga.fetch(input as string, { ...init, headers });
      },
    });
    const failures: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status === 'error') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
    expect(audits.length).toBeGreaterThan(50);
  });

  it('masks unexpected errors', async () => {
    const original = s.db.prisma.orgUnit.findMany;
    (s.db.prisma.orgUnit as any).findMany = () => Promise.reject(new Error('secret connection string postgres://u:p@h'));
    try {
      const r = await (await post({ query: '{ orgTree { id } }' })).json();
      expect(r.errors[0].message).toBe('Unexpected error.');
      expect(JSON.stringify(r)).not.toContain('secret');
    } finally {
      (s.db.prisma.orgUnit as any).findMany = original;
    }
  });

  it('refuses requests without the CSRF header', async () => {
    const res = await s.app.yoga.fetch('http://localhost/graphql?query=%7Bviewer%7Busername%7D%7D', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
  });

  it('limits depth, aliases and tokens', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: viewer { username }`).join(' ');
    const r = await (await post({ query: `{ ${aliases} }` })).json();
    expect(r.errors[0].message).toMatch(/aliases/i);
    const deep = await (await post({ query: '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }' })).json();
    expect(deep.errors[0].message).toMatch(/depth/i);
    const many = await (await post({ query: `{ ${'viewer { username } '.repeat(600)} }` })).json();
    expect(many.errors[0].message).toMatch(/token/i);
  });

  it('does not suggest field names to strangers', async () => {
    const r = await (await post({ query: '{ rostr { edges { node { id } } } }' })).json();
    expect(r.errors[0].message).not.toMatch(/Did you mean/);
  });

  it('answers CORS only for the add-in origin', async () => {
    const preflight = (origin: string) =>
      s.app.yoga.fetch('http://localhost/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const ok = await preflight('https://localhost:3000');
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });

  it('tells browsers and proxies never to store answers', async () => {
    const res = await post({ query: '{ roster(first: 1) { edges { node { id } } } }' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('reports health and readiness', async () => {
    expect((await s.app.yoga.fetch('http://localhost/health')).status).toBe(200);
    const ready = await s.app.yoga.fetch('http://localhost/ready');
    expect(ready.status).toBe(200);
  });

  it('answers an unknown field with a clear validation error', async () => {
    const r = await (await post({ query: '{ viewer { salary } }' })).json();
    expect(r.errors[0].message).toMatch(/Cannot query field "salary"/);
    expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
