/**
 * Slows password guessing without letting anyone lock a real user out
 * (rate-limiter-flexible). Wrong passwords are counted per username and
 * client address, per username, and per address; past each threshold the
 * next attempt on that key must wait a delay that doubles with every further
 * failure, up to a cap — a delay, never a lockout. A storm of wrong
 * passwords from one address therefore delays that address (for that user,
 * then for everyone it tries), while the user signs in from elsewhere; the
 * per-username delay starts later and is capped at a minute. An overall
 * limit bounds sign-in attempts (and so Argon2 work) for the whole server.
 *
 * Counters live in the database (the RateLimit table, through Prisma) so that
 * every server process on it shares them; keys are hashed. `createThrottle()`
 * without a database keeps them in memory (unit tests, scripts).
 */
import crypto from 'node:crypto';
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract, type IRateLimiterStoreOptions } from 'rate-limiter-flexible';
import type { Db } from '../db/client.ts';

export interface ThrottleDecision {
  /** Milliseconds to wait before this attempt may be made, or 0. */
  waitMs: number;
  reason?: 'SIGN_IN_DELAYED' | 'SIGN_IN_RATE_LIMITED';
}

export interface Throttle {
  /** Call before checking a password; counts the attempt against the overall limit. */
  check(username: string, address: string): Promise<ThrottleDecision>;
  failed(username: string, address: string): Promise<void>;
  succeeded(username: string, address: string): Promise<void>;
  /** The attempt `check` let through ended with neither outcome (an error): it no longer counts as in flight. */
  abandoned(username: string, address: string): Promise<void>;
}

interface Dimension {
  name: string;
  /** Failures within `windowSeconds` before delays start. */
  free: number;
  windowSeconds: number;
  /** The longest delay, in seconds. */
  capSeconds: number;
  key(username: string, address: string): string;
}

export interface ThrottleLimits {
  byUserAndAddress: Omit<Dimension, 'name' | 'key'>;
  byUser: Omit<Dimension, 'name' | 'key'>;
  byAddress: Omit<Dimension, 'name' | 'key'>;
  /** Sign-in attempts (right or wrong) per `overallWindowSeconds` for the whole server. */
  overall: number;
  overallWindowSeconds: number;
}

/** How long a successful sign-in keeps its address familiar for the user: 30 days. */
const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600;

export const DEFAULT_LIMITS: ThrottleLimits = {
  byUserAndAddress: { free: 5, windowSeconds: 3600, capSeconds: 15 * 60 },
  byUser: { free: 20, windowSeconds: 3600, capSeconds: 60 },
  byAddress: { free: 50, windowSeconds: 24 * 3600, capSeconds: 60 * 60 },
  overall: 600,
  overallWindowSeconds: 60,
};

const hash = (text: string) => crypto.createHash('sha256').update(text).digest('base64url').slice(0, 32);

/** The delay after `failures` failures with `free` allowed: 1 s at the threshold, doubling, capped. */
export const delaySeconds = (failures: number, free: number, cap: number) => (failures < free ? 0 : Math.min(cap, 2 ** Math.min(failures - free, 30)));

export function createThrottle(prisma?: Db, limits: ThrottleLimits = DEFAULT_LIMITS): Throttle {
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const opts: IRateLimiterStoreOptions = { keyPrefix, points, duration, storeClient: prisma, tableName: 'rateLimit', clearExpiredByTimeout: false } as IRateLimiterStoreOptions;
    return prisma ? new RateLimiterPrisma(opts) : new RateLimiterMemory({ keyPrefix, points, duration });
  };
  const dims: Dimension[] = [
    { name: 'ua', ...limits.byUserAndAddress, key: (u, a) => hash(`${u}\u0000${a}`) },
    { name: 'u', ...limits.byUser, key: (u) => hash(u) },
    { name: 'a', ...limits.byAddress, key: (_u, a) => hash(a) },
  ];
  const counters = dims.map((d) => ({ d, fails: make(`fail_${d.name}`, d.free, d.windowSeconds), wait: make(`wait_${d.name}`, 1, d.capSeconds) }));
  const overall = make('signin_all', limits.overall, limits.overallWindowSeconds);

  if (prisma) {
    // Expired counters are dead weight: drop them now and then (errors are not worth a log line).
    const timer = setInterval(() => void prisma.rateLimit.deleteMany({ where: { expire: { lt: new Date() } } }).catch(() => undefined), 10 * 60_000);
    timer.unref();
  }

  const [byUserAndAddress, ...others] = counters;
  const ua = byUserAndAddress!;
  const uaAttempts = make('try_ua', ua.d.free, ua.d.windowSeconds);
  // Addresses a user signed in from lately: failures spread over many other addresses
  // (the per-user delay) do not slow the user down there.
  const known = make('known_ua', 1, KNOWN_ADDRESS_SECONDS);
  return {
    async check(username, address) {
      let waitMs = 0;
      const familiar = (await known.get(ua.d.key(username, address))) !== null;
      for (const { d, wait } of counters) {
        if (familiar && d.name === 'u') continue;
        const res = await wait.get(d.key(username, address));
        if (res && res.consumedPoints > 1) waitMs = Math.max(waitMs, res.msBeforeNext);
      }
      if (waitMs > 0) return { waitMs, reason: 'SIGN_IN_DELAYED' };
      try {
        await overall.consume('all');
      } catch (e) {
        if (e instanceof RateLimiterRes) return { waitMs: Math.max(e.msBeforeNext, 1), reason: 'SIGN_IN_RATE_LIMITED' };
        throw e;
      }
      // Attempts are counted atomically before the password is checked: past the free ones,
      // only one attempt per user and address may be in flight, so a burst of parallel
      // guesses gets no more password checks (and no more failures) than sequential ones.
      const key = ua.d.key(username, address);
      const attempts = await uaAttempts.penalty(key);
      if (attempts.consumedPoints > ua.d.free) {
        const settled = (await ua.fails.get(key))?.consumedPoints ?? 0;
        if (attempts.consumedPoints - settled > 1) {
          await uaAttempts.reward(key);
          return { waitMs: 1000, reason: 'SIGN_IN_DELAYED' };
        }
      }
      return { waitMs: 0 };
    },
    async failed(username, address) {
      const key = ua.d.key(username, address);
      const counted = await ua.fails.penalty(key);
      const first = delaySeconds(counted.consumedPoints, ua.d.free, ua.d.capSeconds);
      if (first > 0) await ua.wait.block(key, first);
      for (const { d, fails, wait } of others) {
        const k = d.key(username, address);
        const r = await fails.penalty(k);
        const seconds = delaySeconds(r.consumedPoints, d.free, d.capSeconds);
        if (seconds > 0) await wait.block(k, seconds);
      }
    },
    async abandoned(username, address) {
      const key = ua.d.key(username, address);
      const attempts = (await uaAttempts.get(key))?.consumedPoints ?? 0;
      const settled = (await ua.fails.get(key))?.consumedPoints ?? 0;
      if (attempts > settled) await uaAttempts.reward(key);
    },
    async succeeded(username, address) {
      const key = ua.d.key(username, address);
      await Promise.all([ua.fails.delete(key), ua.wait.delete(key), uaAttempts.delete(key), known.set(key, 1, KNOWN_ADDRESS_SECONDS)]);
    },
  };
}
