import { describe, expect, it } from 'vitest';
import { createThrottle, delaySeconds, type ThrottleLimits } from './throttle.ts';

const limits: ThrottleLimits = {
  byUserAndAddress: { free: 3, windowSeconds: 3600, capSeconds: 900 },
  byUser: { free: 10, windowSeconds: 3600, capSeconds: 60 },
  byAddress: { free: 50, windowSeconds: 3600, capSeconds: 3600 },
  overall: 1000,
  overallWindowSeconds: 60,
};

/** One sign-in attempt as the login mutation makes it: check, then record the outcome. */
async function attempt(t: ReturnType<typeof createThrottle>, user: string, address: string, ok = false) {
  const d = await t.check(user, address);
  if (d.waitMs > 0) return d;
  await (ok ? t.succeeded(user, address) : t.failed(user, address));
  return d;
}

describe('login throttle (in memory)', () => {
  it('delays a user and address after the free failures, growing, and never beyond the cap', async () => {
    expect([2, 3, 4, 5, 6, 40].map((n) => delaySeconds(n, 3, 900))).toEqual([0, 1, 2, 4, 8, 900]);
    const t = createThrottle(undefined, limits);
    for (let i = 0; i < 2; i++) await attempt(t, 'a', '10.0.0.1');
    expect((await t.check('a', '10.0.0.1')).waitMs).toBe(0);
    await attempt(t, 'a', '10.0.0.1');
    const d = await t.check('a', '10.0.0.1');
    expect(d.reason).toBe('SIGN_IN_DELAYED');
    expect(d.waitMs).toBeGreaterThan(0);
    expect(d.waitMs).toBeLessThanOrEqual(1000);
    // Not a lockout of the user: another address and another user go straight through.
    expect((await t.check('a', '10.0.0.2')).waitMs).toBe(0);
    expect((await t.check('b', '10.0.0.1')).waitMs).toBe(0);
  });

  it('a success from an address clears that address’s count for the user', async () => {
    const t = createThrottle(undefined, limits);
    for (let i = 0; i < 3; i++) await attempt(t, 'a', '10.0.0.1');
    await t.succeeded('a', '10.0.0.1');
    expect((await t.check('a', '10.0.0.1')).waitMs).toBe(0);
  });

  it('delays a username tried from many addresses, capped at its (short) cap', async () => {
    const t = createThrottle(undefined, limits);
    for (let i = 0; i < 20; i++) await attempt(t, 'a', `10.0.1.${i}`);
    const d = await t.check('a', '10.0.9.9');
    expect(d.reason).toBe('SIGN_IN_DELAYED');
    expect(d.waitMs).toBeLessThanOrEqual(60_000);
  });

  it('bounds sign-in attempts for the whole server', async () => {
    const t = createThrottle(undefined, { ...limits, overall: 3 });
    for (let i = 0; i < 3; i++) expect((await t.check(`u${i}`, `10.0.2.${i}`)).waitMs).toBe(0);
    const d = await t.check('u9', '10.0.2.9');
    expect(d.reason).toBe('SIGN_IN_RATE_LIMITED');
    expect(d.waitMs).toBeGreaterThan(0);
  });

  it('an attempt that ended in an error does not hold the next ones back (no lockout by a transient failure)', async () => {
    const tight = { ...limits, byUserAndAddress: { free: 1, windowSeconds: 3600, capSeconds: 1 } };
    for (const release of [false, true]) {
      const t = createThrottle(undefined, tight);
      await attempt(t, 'a', '10.0.3.1'); // the free failure; then a 1 s delay
      await new Promise((r) => setTimeout(r, 1100));
      expect((await t.check('a', '10.0.3.1')).waitMs).toBe(0); // let through; then the sign-in throws
      if (release) await t.abandoned('a', '10.0.3.1');
      const next = await t.check('a', '10.0.3.1');
      // Without the release the lost attempt would count as in flight for the window's hour.
      expect(next.waitMs).toBe(release ? 0 : 1000);
    }
  });

  it('failures for a user from many addresses do not slow the user at an address they signed in from lately', async () => {
    const t = createThrottle(undefined, limits);
    expect((await attempt(t, 'a', '10.0.4.1', true)).waitMs).toBe(0); // the user's own office
    for (let i = 0; i < 20; i++) await attempt(t, 'a', `10.0.5.${i}`);
    expect((await t.check('a', '10.0.9.9')).reason).toBe('SIGN_IN_DELAYED'); // a new address waits
    expect((await t.check('a', '10.0.4.1')).waitMs).toBe(0); // the familiar one does not
  });
});
