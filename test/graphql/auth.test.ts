/** Signing in and out: tokens, expiry, revocation, and what bad credentials get. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, databaseSnapshot, startTestServer, type TestServer } from '../support/harness.ts';
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
    await s.db.prisma.session.updateMany({ where: { user: { username: 'rep' } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const r = await s.gql(viewer, {}, token);
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(r.errors![0]!.message).toMatch(/expired/);
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

  it('refuses a username for a while after ten wrong passwords, even with the right one', async () => {
    const LOGIN = 'mutation($p: String!) { login(username: "finance", password: $p) { token } }';
    for (let i = 0; i < 10; i++) expect((await s.gql(LOGIN, { p: `guess-${i}` })).errors![0]!.message).toBe('Wrong username or password');
    const blocked = await s.gql(LOGIN, { p: 'quotabook-demo' });
    expect(blocked.errors![0]!.message).toMatch(/Too many wrong passwords for this user; try again in 15 minute/);
    expect((blocked.errors![0]!.extensions as any).retryAfterSeconds).toBeGreaterThan(800);
    // Other users are not affected.
    expect((await s.gql('mutation { login(username: "director", password: "quotabook-demo") { token } }')).data.login.token).toBeTruthy();
  });
});
