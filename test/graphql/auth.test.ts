/** Signing in and out: tokens, expiry, revocation, and what bad credentials get. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codeOf, databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { CSRF_HEADER } from '../../server/app.ts';
import { testProviders } from '../support/databases.ts';

describe.each(testProviders)('auth on %s', (provider) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(provider);
  });
  afterAll(() => s.close());

  const viewer = '{ viewer { username roles person { name } } }';

  it('signs in with the demo password and says who the viewer is', async () => {
    const token = await s.login('manager');
    const r = await s.gql(viewer, {}, token);
    expect(r.errors).toBeUndefined();
    expect(r.data.viewer.username).toBe('manager');
    expect(r.data.viewer.roles).toEqual(['MANAGER']);
    expect(r.data.viewer.person.name).toMatch(/\p{Script=Han}/u);
  });

  it('rejects a wrong password with UNAUTHENTICATED and stores nothing', async () => {
    const before = await s.db.prisma.session.count();
    const r = await s.gql('mutation { login(username: "manager", password: "wrong") { token } }');
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(r.errors![0]!.message).toBe('Wrong username or password');
    const unknown = await s.gql('mutation { login(username: "nobody", password: "quotabook-demo") { token } }');
    expect(unknown.errors![0]!.message).toBe('Wrong username or password');
    expect(await s.db.prisma.session.count()).toBe(before);
  });

  it('rejects an empty username with BAD_USER_INPUT naming the field', async () => {
    const r = await s.gql('mutation { login(username: " ", password: "x") { token } }');
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.field).toBe('username');
  });

  it('asks to sign in when there is no token, and says so when it is malformed', async () => {
    const none = await s.gql(viewer);
    expect(codeOf(none)).toBe('UNAUTHENTICATED');
    expect(none.errors![0]!.message).toBe('Sign in first');
    const bad = await s.gql(viewer, {}, 'not a token');
    expect(codeOf(bad)).toBe('UNAUTHENTICATED');
    expect(bad.errors![0]!.message).toMatch(/not valid/);
  });

  it('expires tokens', async () => {
    const token = await s.login('rep');
    expect((await s.gql(viewer, {}, token)).errors).toBeUndefined();
    const { expiresAt } = await s.db.prisma.session.findFirstOrThrow({ where: { user: { username: 'rep' } }, orderBy: { createdAt: 'desc' } });
    // The clock reaches the expiry (a write to the database would not reach the server's session cache: session-cache.test.ts).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(expiresAt);
      const r = await s.gql(viewer, {}, token);
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
      expect(r.errors![0]!.message).toMatch(/expired/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('logout revokes the token at once, and only that token', async () => {
    const a = await s.login('director');
    const b = await s.login('director');
    const out = await s.gql('mutation { logout }', {}, a);
    expect(out.data.logout).toBe(true);
    const r = await s.gql(viewer, {}, a);
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(r.errors![0]!.message).toMatch(/signed out/);
    expect((await s.gql(viewer, {}, b)).data.viewer.username).toBe('director');
  });

  it('keeps no token in the database, only its hash', async () => {
    const token = await s.login('finance');
    const sessions = await s.db.prisma.session.findMany();
    expect(sessions.some((x) => x.tokenHash.includes(token))).toBe(false);
    expect(JSON.stringify(await databaseSnapshot(s.db))).not.toContain(token);
  });

  /** Signs in as if from a client address (yoga's node server context carries the socket). */
  const loginFrom = async (address: string, username: string, password: string) => {
    const res = await s.app.yoga.fetch(
      'http://localhost/graphql',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
        body: JSON.stringify({ query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', variables: { u: username, p: password } }),
      },
      { req: { socket: { remoteAddress: address } } },
    );
    return (await res.json()) as GqlResult<{ login: { token: string } }>;
  };

  it('delays a user at one address after five wrong passwords, even with the right one, with growing delays', async () => {
    for (let i = 0; i < 5; i++) expect((await loginFrom('192.0.2.10', 'finance', `guess-${i}`)).errors![0]!.message).toBe('Wrong username or password');
    const delayed = await loginFrom('192.0.2.10', 'finance', 'quotabook-demo');
    expect(delayed.errors![0]!.message).toMatch(/Too many wrong passwords; try again in 1 second/);
    expect(delayed.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_DELAYED', retryAfterSeconds: 1 });
    // The delay grows with each further failure once it has passed: 1 s, then 2 s.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await loginFrom('192.0.2.10', 'finance', 'guess-5')).errors![0]!.message).toBe('Wrong username or password');
    expect((await loginFrom('192.0.2.10', 'finance', 'quotabook-demo')).errors![0]!.extensions).toMatchObject({ reason: 'SIGN_IN_DELAYED', retryAfterSeconds: 2 });
    // Other users are not affected.
    expect((await loginFrom('192.0.2.10', 'director', 'quotabook-demo')).data!.login.token).toBeTruthy();
  });

  it('a wrong-password storm against a user from one address does not lock that user out from another', async () => {
    const storm = await Promise.all(Array.from({ length: 40 }, (_, i) => loginFrom('198.51.100.7', 'gm', `storm-${i}`)));
    expect(storm.every((r) => r.errors![0]!.extensions!.code === 'UNAUTHENTICATED')).toBe(true);
    expect((await loginFrom('198.51.100.7', 'gm', 'quotabook-demo')).errors![0]!.extensions).toMatchObject({ reason: 'SIGN_IN_DELAYED' });
    const elsewhere = await loginFrom('203.0.113.20', 'gm', 'quotabook-demo');
    expect(elsewhere.errors).toBeUndefined();
    expect(elsewhere.data!.login.token).toBeTruthy();
    // The counters are in the database (shared by every server process), under hashed keys.
    const rows = await s.db.prisma.rateLimit.findMany();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/gm|198\.51/);
  });

  it('a user tried from many addresses is not slowed at an address they signed in from (kept in the shared store)', async () => {
    expect((await loginFrom('192.0.2.50', 'finmgr', 'quotabook-demo')).errors).toBeUndefined();
    for (let i = 0; i < 21; i++) await loginFrom(`198.51.100.${100 + i}`, 'finmgr', `spray-${i}`);
    expect((await loginFrom('203.0.113.99', 'finmgr', 'quotabook-demo')).errors![0]!.extensions).toMatchObject({ reason: 'SIGN_IN_DELAYED' });
    expect((await loginFrom('192.0.2.50', 'finmgr', 'quotabook-demo')).errors).toBeUndefined();
  });
});
