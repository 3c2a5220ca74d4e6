/** The session cache on its own: a fake clock and a stand-in for the one setting row it reads. */
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { accessChangedHere, SessionCache, type SessionState } from './session-cache.ts';
import { judgeSession } from './sessions.ts';

const state = (over: Partial<SessionState> = {}): SessionState => ({
  sessionId: 's1',
  userId: 'u1',
  username: 'rep',
  roles: ['REP'],
  personId: 'p1',
  servedUnitIds: [],
  personName: '张三',
  leaveDate: null,
  disabled: false,
  expiresAt: new Date('2026-12-02T12:00:00Z'),
  revokedAt: null,
  ...over,
});

function setup(settings: { ttlMs?: number; checkMs?: number; maxEntries?: number; spread?: number; random?: () => number } = {}) {
  const clock = { now: 0 };
  const db = { revision: 'r1' as string | null, reads: 0, fail: false };
  const prisma = {
    setting: {
      findUnique: async () => {
        db.reads += 1;
        if (db.fail) throw new Error('database down');
        return db.revision === null ? null : { value: db.revision };
      },
    },
  } as unknown as Db;
  const cache = new SessionCache(prisma, { ttlMs: settings.ttlMs ?? 5000, checkMs: settings.checkMs ?? 1000, maxEntries: settings.maxEntries, clock: () => clock.now, spread: settings.spread ?? 0, random: settings.random });
  let loads = 0;
  const load = (s: SessionState | null = state()) => async () => {
    loads += 1;
    return s;
  };
  return { clock, db, cache, load, loads: () => loads };
}

/** A session read held until released (a read under way while something else happens), counting how often it ran. */
function heldRead(s: SessionState = state()) {
  let release!: () => void;
  const read = {
    reads: 0,
    load: async () => {
      read.reads += 1;
      await new Promise<void>((r) => (release = r));
      return s;
    },
    release: () => release(),
  };
  return read;
}
const nextTurn = () => new Promise((r) => setTimeout(r, 0));

/** A lookup of h1 whose read began before a logout that then commits in this process; the read is still held. */
async function readBeganBeforeChange(cache: SessionCache) {
  const read = heldRead(); // read before the logout committed
  const pending = cache.resolve('h1', read.load);
  await nextTurn();
  accessChangedHere(); // the logout commits
  return { read, pending };
}

describe('session cache', () => {
  it('reads a token once, then answers from memory until the entry is ttlMs old', async () => {
    const t = setup({ ttlMs: 5000, checkMs: 60_000 });
    await t.cache.resolve('h1', t.load());
    await t.cache.resolve('h1', t.load());
    expect(t.loads()).toBe(1);
    t.clock.now = 4999;
    await t.cache.resolve('h1', t.load());
    expect(t.loads()).toBe(1);
    t.clock.now = 5000;
    await t.cache.resolve('h1', t.load());
    expect(t.loads()).toBe(2);
  });

  it('keeps no unknown token: a miss is read again every time', async () => {
    const t = setup();
    expect(await t.cache.resolve('nope', t.load(null))).toBeNull();
    expect(await t.cache.resolve('nope', t.load(null))).toBeNull();
    expect(t.loads()).toBe(2);
    expect(t.cache.size).toBe(0);
  });

  it('empties itself when another process changed access: the revision is read at most once per checkMs', async () => {
    const t = setup({ ttlMs: 60_000, checkMs: 1000 });
    await t.cache.resolve('h1', t.load());
    expect(t.db.reads).toBe(1);
    t.clock.now = 999;
    await t.cache.resolve('h1', t.load());
    expect([t.db.reads, t.loads()]).toEqual([1, 1]);
    // Another process logs out: within checkMs of it this one reads the session again.
    t.db.revision = 'r2';
    t.clock.now = 1000;
    await t.cache.resolve('h1', t.load());
    expect([t.db.reads, t.loads()]).toEqual([2, 2]);
    // Same revision: the entry read just now stands.
    t.clock.now = 2500;
    await t.cache.resolve('h1', t.load());
    expect([t.db.reads, t.loads()]).toEqual([3, 2]);
  });

  it('shares one revision read among the requests waiting for it', async () => {
    const t = setup();
    await Promise.all([1, 2, 3, 4].map(() => t.cache.resolve('h1', t.load())));
    expect(t.db.reads).toBe(1);
  });

  it('a change in this process empties the cache at once', async () => {
    const t = setup({ ttlMs: 60_000, checkMs: 60_000 });
    await t.cache.resolve('h1', t.load());
    accessChangedHere();
    await t.cache.resolve('h1', t.load(state({ revokedAt: new Date() })));
    expect(t.loads()).toBe(2);
  });

  it('does not keep what a lookup read before a change it finished after', async () => {
    const t = setup({ ttlMs: 60_000, checkMs: 60_000 });
    const { read, pending: slow } = await readBeganBeforeChange(t.cache);
    read.release();
    await slow;
    const revoked = state({ revokedAt: new Date() });
    expect(await t.cache.resolve('h1', t.load(revoked))).toBe(revoked);
  });

  it('trusts nothing cached when the revision cannot be read', async () => {
    const t = setup({ ttlMs: 60_000, checkMs: 1000 });
    await t.cache.resolve('h1', t.load());
    t.db.fail = true;
    t.clock.now = 1000;
    await t.cache.resolve('h1', t.load());
    expect(t.loads()).toBe(2);
  });

  it('lets entries read together expire apart, each between (1 - spread) × ttlMs and ttlMs', async () => {
    const draws = [0, 0.5, 0.999];
    const t = setup({ ttlMs: 4000, checkMs: 60_000, spread: 0.5, random: () => draws.shift()! });
    for (const h of ['a', 'b', 'c']) await t.cache.resolve(h, t.load());
    expect(t.loads()).toBe(3);
    const again = async (h: string) => {
      const before = t.loads();
      await t.cache.resolve(h, t.load());
      return t.loads() > before;
    };
    // c lives 4000 × (1 - 0.5 × 0.999) = 2002 ms, b 3000 ms, a the whole 4000 ms.
    t.clock.now = 2001;
    expect([await again('a'), await again('b'), await again('c')]).toEqual([false, false, false]);
    draws.push(0, 0, 0);
    t.clock.now = 2002;
    expect([await again('a'), await again('b'), await again('c')]).toEqual([false, false, true]);
    t.clock.now = 3000;
    expect([await again('a'), await again('b')]).toEqual([false, true]);
    t.clock.now = 4000;
    expect(await again('a')).toBe(true);
  });

  it('shares one read among the requests that miss the same token at once', async () => {
    const t = setup({ checkMs: 60_000 });
    const read = heldRead();
    const waiting = Promise.all([1, 2, 3, 4].map(() => t.cache.resolve('h1', read.load)));
    await nextTurn();
    read.release();
    const states = await waiting;
    expect(read.reads).toBe(1);
    expect(new Set(states).size).toBe(1);
    expect(states[0]).toEqual(state());
  });

  it('does not hand a read begun before a change in this process to a request made after it', async () => {
    const t = setup({ ttlMs: 60_000, checkMs: 60_000 });
    const { read, pending: before } = await readBeganBeforeChange(t.cache);
    const revoked = state({ revokedAt: new Date() });
    const after = t.cache.resolve('h1', t.load(revoked));
    read.release();
    expect(await before).toEqual(state());
    expect(await after).toBe(revoked);
    expect(t.loads()).toBe(1);
  });

  it('holds at most maxEntries tokens, dropping the least recently used', async () => {
    const t = setup({ maxEntries: 2, checkMs: 60_000 });
    await t.cache.resolve('a', t.load());
    await t.cache.resolve('b', t.load());
    await t.cache.resolve('a', t.load());
    await t.cache.resolve('c', t.load());
    expect(t.cache.size).toBe(2);
    expect(t.loads()).toBe(3);
    await t.cache.resolve('a', t.load());
    expect(t.loads()).toBe(3);
    await t.cache.resolve('b', t.load());
    expect(t.loads()).toBe(4);
  });
});

describe('judging a session (cached or not) against the clock', () => {
  it('refuses an expired, revoked or disabled session, and a leaver from the day after the leave date', () => {
    const noon = new Date('2026-12-02T04:00:00Z');
    expect(judgeSession(state(), noon)).toMatchObject({ viewer: { username: 'rep', roles: ['REP'], personName: '张三' } });
    expect(judgeSession(state(), new Date('2026-12-02T12:00:00Z'))).toEqual({ problem: 'expired' });
    expect(judgeSession(state({ revokedAt: noon }), noon)).toEqual({ problem: 'revoked' });
    expect(judgeSession(state({ disabled: true }), noon)).toEqual({ problem: 'invalid' });
    expect(judgeSession(null, noon)).toEqual({ problem: 'invalid' });
    // Leave date 2026-12-01 (China Standard Time): refused from 2026-12-02 00:00 CST (2026-12-01T16:00Z).
    const leaver = state({ leaveDate: new Date('2026-12-01T00:00:00Z') });
    expect(judgeSession(leaver, new Date('2026-12-01T15:59:59Z'))).toHaveProperty('viewer');
    expect(judgeSession(leaver, new Date('2026-12-01T16:00:00Z'))).toEqual({ problem: 'left' });
  });

  it('hands each request its own roles list', () => {
    const s = state();
    const a = judgeSession(s, new Date('2026-12-02T04:00:00Z'));
    if (!('viewer' in a)) throw new Error('refused');
    a.viewer.roles.push('ADMIN');
    expect(s.roles).toEqual(['REP']);
  });
});
