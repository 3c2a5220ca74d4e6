/**
 * Issue 12 §5: who a token belongs to is cached briefly (server/auth/session-cache.ts),
 * and yet a logout, a disabled user, a reset password, a role change, an expiry
 * or a leave date passing is seen at once in the process that made it, and
 * within SESSION_CACHE_CHECK_MS by another server process on the same database.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { testProviders } from '../support/databases.ts';
import { sessionCacheOf } from '../../server/auth/session-cache.ts';
import { today } from '../../schema/dates.ts';

const VIEWER = '{ viewer { username roles } }';
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }';
const DISABLE = 'mutation($id: ID!) { disableUser(userId: $id) { id } }';
const RESET = 'mutation($id: ID!, $p: String!) { resetPassword(userId: $id, password: $p) { id } }';
const ASSIGN = 'mutation($id: ID!, $role: Role!) { assignRole(userId: $id, role: $role) { id } }';
const REMOVE = 'mutation($id: ID!, $role: Role!) { removeRole(userId: $id, role: $role) { id } }';
const DEACTIVATE = 'mutation($id: ID!, $version: Int!, $leaveDate: Date!) { deactivatePerson(id: $id, version: $version, leaveDate: $leaveDate) { id } }';
const PASSWORD = 'correct-horse-battery';

const refusal = (r: GqlResult) => (codeOf(r) === 'UNAUTHENTICATED' ? r.errors![0]!.message : null);

describe.each(testProviders)('session cache on %s', (provider) => {
  let s: TestServer;
  let admin: string;
  let n = 0;
  beforeAll(async () => {
    s = await startTestServer(provider);
    admin = await s.login('admin');
  });
  afterAll(() => s.close());
  afterEach(() => vi.useRealTimers());

  /** A new REP user of its own (tests here disable and re-role users), signed in. */
  async function newUser(personId?: string) {
    const username = `cache-${provider}-${++n}`;
    const r = await s.gql(CREATE_USER, { input: { username, password: PASSWORD, roles: ['REP'], personId } }, admin);
    expect(r.errors).toBeUndefined();
    return { id: r.data.createUser.id as string, username, token: await s.login(username, PASSWORD) };
  }

  it('is on in the app, and answers a token it has seen without reading the session again', async () => {
    expect(sessionCacheOf(s.db.prisma)?.settings).toMatchObject({ ttlMs: 5000, checkMs: 1000 });
    const u = await newUser();
    expect((await s.gql(VIEWER, {}, u.token)).data.viewer.username).toBe(u.username);
    // A write straight to the database, past the server: not seen while the entry is fresh.
    await s.db.prisma.session.updateMany({ where: { user: { username: u.username } }, data: { revokedAt: new Date() } });
    expect((await s.gql(VIEWER, {}, u.token)).data?.viewer.username).toBe(u.username);
  });

  it('refuses a cached token at once after logout, and only that token', async () => {
    const u = await newUser();
    const other = await s.login(u.username, PASSWORD);
    for (const t of [u.token, other]) expect((await s.gql(VIEWER, {}, t)).errors).toBeUndefined();
    expect((await s.gql('mutation { logout }', {}, u.token)).data.logout).toBe(true);
    expect(refusal(await s.gql(VIEWER, {}, u.token))).toMatch(/signed out/);
    expect((await s.gql(VIEWER, {}, other)).data.viewer.username).toBe(u.username);
  });

  it('refuses a disabled user’s cached token at once, and one whose password was reset', async () => {
    const u = await newUser();
    const v = await newUser();
    for (const t of [u.token, v.token]) expect((await s.gql(VIEWER, {}, t)).errors).toBeUndefined();
    expect((await s.gql(DISABLE, { id: u.id }, admin)).errors).toBeUndefined();
    expect(refusal(await s.gql(VIEWER, {}, u.token))).toBeTruthy();
    expect((await s.gql(RESET, { id: v.id, p: 'another-long-password' }, admin)).errors).toBeUndefined();
    expect(refusal(await s.gql(VIEWER, {}, v.token))).toBeTruthy();
  });

  it('sees a role given or taken at once', async () => {
    const u = await newUser();
    expect((await s.gql(VIEWER, {}, u.token)).data.viewer.roles).toEqual(['REP']);
    expect((await s.gql(ASSIGN, { id: u.id, role: 'MANAGER' }, admin)).errors).toBeUndefined();
    expect((await s.gql(VIEWER, {}, u.token)).data.viewer.roles).toEqual(['MANAGER', 'REP']);
    expect((await s.gql(REMOVE, { id: u.id, role: 'REP' }, admin)).errors).toBeUndefined();
    expect((await s.gql(VIEWER, {}, u.token)).data.viewer.roles).toEqual(['MANAGER']);
  });

  it('refuses a cached session once it expires', async () => {
    const u = await newUser();
    expect((await s.gql(VIEWER, {}, u.token)).errors).toBeUndefined();
    const { expiresAt } = await s.db.prisma.session.findFirstOrThrow({ where: { user: { username: u.username } } });
    // Only the wall clock moves: the entry's age runs on performance.now(), so it is still served from the cache.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(expiresAt.getTime() + 1000);
    expect(refusal(await s.gql(VIEWER, {}, u.token))).toMatch(/expired/);
  });

  it('refuses a cached session from the day after the leave date', async () => {
    const person = await s.db.prisma.person.findFirstOrThrow({ where: { position: 'SALES_REP', leaveDate: null, user: null, hireDate: { lt: new Date('2026-01-01') } } });
    const u = await newUser(person.id);
    // Leaving today: today still works.
    const left = await s.gql(DEACTIVATE, { id: person.id, version: person.version, leaveDate: today('Asia/Shanghai') }, admin);
    expect(left.errors).toBeUndefined();
    expect((await s.gql(VIEWER, {}, u.token)).errors).toBeUndefined();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 24 * 3600_000);
    expect(refusal(await s.gql(VIEWER, {}, u.token))).toBe('Your access ended with your leave date');
  });

  describe('with a second server process on the same database', () => {
    // Long enough for a revision read on a loaded machine: a read that takes longer than the interval leaves
    // the cache unused for that request (it cannot vouch for the entry), which the first test here would take for a refusal.
    const CHECK_MS = 1000;
    let other: ServerProcess;
    beforeAll(async () => {
      // Entries live ten minutes there: only the revision check can explain a refusal within CHECK_MS.
      other = await startServerProcess(s.temp.url, { SESSION_CACHE_TTL_MS: '600000', SESSION_CACHE_CHECK_MS: String(CHECK_MS) });
    });
    afterAll(() => other?.stop());

    /** Milliseconds until the other server's answer passes `ok`, asking every 25 ms for at most 5 s. */
    async function untilOther(token: string, ok: (r: GqlResult) => boolean): Promise<number> {
      const started = performance.now();
      for (;;) {
        if (ok(await other.gql(VIEWER, {}, token))) return performance.now() - started;
        if (performance.now() - started > 5000) return Infinity;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    // The bound is CHECK_MS from the commit; the slack covers requests in flight on a loaded 2-core machine (entries there live 10 minutes).
    const WITHIN = CHECK_MS + 1500;

    it('keeps a token there: a write past both servers is not seen', async () => {
      const u = await newUser();
      expect((await other.gql(VIEWER, {}, u.token)).data.viewer.username).toBe(u.username);
      await s.db.prisma.session.updateMany({ where: { user: { username: u.username } }, data: { revokedAt: new Date() } });
      await new Promise((r) => setTimeout(r, CHECK_MS * 2));
      expect((await other.gql(VIEWER, {}, u.token)).data?.viewer.username).toBe(u.username);
    });

    it('refuses there a token logged out here, within the check interval', async () => {
      const u = await newUser();
      expect((await other.gql(VIEWER, {}, u.token)).errors).toBeUndefined();
      expect((await s.gql('mutation { logout }', {}, u.token)).data.logout).toBe(true);
      expect(await untilOther(u.token, (r) => /signed out/.test(refusal(r) ?? ''))).toBeLessThan(WITHIN);
    });

    it('refuses there a user disabled here, and sees a role change, within the check interval', async () => {
      const u = await newUser();
      const v = await newUser();
      for (const t of [u.token, v.token]) expect((await other.gql(VIEWER, {}, t)).errors).toBeUndefined();
      expect((await s.gql(DISABLE, { id: u.id }, admin)).errors).toBeUndefined();
      expect(await untilOther(u.token, (r) => refusal(r) !== null)).toBeLessThan(WITHIN);
      expect((await s.gql(ASSIGN, { id: v.id, role: 'MANAGER' }, admin)).errors).toBeUndefined();
      expect(await untilOther(v.token, (r) => r.data?.viewer.roles.includes('MANAGER'))).toBeLessThan(WITHIN);
    });

    it('and a logout there is refused here within this server’s own check interval (1 s by default)', async () => {
      const u = await newUser();
      expect((await s.gql(VIEWER, {}, u.token)).errors).toBeUndefined();
      expect((await other.gql('mutation { logout }', {}, u.token)).data.logout).toBe(true);
      // This server may have read the revision just before the logout: it reads it again 1 s (its default) later.
      await new Promise((r) => setTimeout(r, 1000));
      expect(refusal(await s.gql(VIEWER, {}, u.token))).toMatch(/signed out/);
    });
  });
});
