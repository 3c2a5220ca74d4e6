/**
 * A short-lived, per-process cache of who a bearer token belongs to (issue 12
 * §5): without it every request pays for the session, the user, their roles
 * and their person (about 3 ms), which held a signed-in `{__typename}` to a
 * fifth of the anonymous one's throughput.
 *
 * It holds identity only — the session's expiry and revocation, the user's
 * disabled flag, roles, person link, name and leave date — keyed by the
 * token's SHA-256, never the token. sessions.ts judges a cached entry exactly
 * as a fresh one, against the clock of the request, so expiry and a leave
 * date passing take effect on a cached entry at once.
 *
 * How long a change may go unseen:
 *  - in the process that made it: not at all. Logout, disabling a user,
 *    resetting a password, role changes and a leaver's access ending call
 *    `accessChangedHere()` after their transaction commits, which empties
 *    every cache in the process; a lookup that read the database before that
 *    is neither stored nor handed to a request made after the change (the
 *    generation check below).
 *  - in other processes on the same database: at most `checkMs`
 *    (SESSION_CACHE_CHECK_MS, default 1 s). Each of those changes also writes
 *    a new random value to the setting `auth.revision` in its transaction;
 *    each process reads that one row at most once per `checkMs`, and empties
 *    its cache when it changed. A lookup served from the cache is never
 *    based on a revision read that started more than `checkMs` earlier.
 *  - anything else (a person's name, a leave date recorded for later, a write
 *    straight to the database): at most `ttlMs` (SESSION_CACHE_TTL_MS,
 *    default 5 s), after which an entry is read again.
 *
 * Many people at once: tokens first read together (a team opening their
 * panes at nine) would all expire together and be read again in one burst
 * every `ttlMs`, holding up every request behind them; so each entry lives
 * a random part of `ttlMs` between `1 - spread` and all of it. Requests
 * that miss the same token at the same moment share one read.
 */
import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Db, Prisma } from '../db/client.ts';
import type { Role } from '../db/generated/sqlite/client/enums.ts';

/** What a token resolves to, before it is judged against the clock. */
export interface SessionState {
  sessionId: string;
  userId: string;
  username: string;
  roles: Role[];
  personId: string | null;
  personName: string | null;
  servedUnitIds: string[];
  leaveDate: Date | null;
  disabled: boolean;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SessionCacheSettings {
  /** Longest an entry is used before it is read again; 0 turns the cache off. */
  ttlMs: number;
  /** Longest a change made by another process goes unseen. */
  checkMs: number;
  /** Most tokens held; the least recently used go first. */
  maxEntries?: number;
  /** The part of `ttlMs` by which an entry's life is shortened at random, so that entries read together expire apart (default 0.5). */
  spread?: number;
  /** Uniform in [0, 1) (tests pass their own). */
  random?: () => number;
  /** A monotonic clock in milliseconds (tests pass their own). */
  clock?: () => number;
}

/** The setting every access change rewrites, so that other processes see it. */
export const AUTH_REVISION = 'auth.revision';
export const DEFAULT_MAX_ENTRIES = 10_000;

/** Called inside the transaction of a change to who may do what: other processes empty their caches within their `checkMs`. */
export async function recordAccessChange(tx: Prisma.TransactionClient | Db): Promise<void> {
  const value = crypto.randomUUID();
  await tx.setting.upsert({ where: { key: AUTH_REVISION }, create: { key: AUTH_REVISION, value }, update: { value } });
}

/**
 * Bumped after a change to access commits in this process; every cache
 * compares it on each lookup. Process-wide on purpose: a change made
 * through one database handle must not leave another handle's cache stale.
 */
let localChanges = 0;

/** Empties every session cache in this process. Call after the change's transaction has committed. */
export function accessChangedHere(): void {
  localChanges += 1;
}

interface Entry {
  state: SessionState;
  /** Clock ms after which the entry is read again: at most ttlMs after its read started. */
  freshUntil: number;
}

/** A read of a token under way, which requests missing the same token in the same generation share. */
interface Loading {
  generation: number;
  state: Promise<SessionState | null>;
}

export class SessionCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly loading = new Map<string, Loading>();
  private readonly clock: () => number;
  private readonly random: () => number;
  /** Bumped whenever the cache is emptied: a lookup started under an older generation is not stored. */
  private generation = 0;
  private seenLocalChanges = localChanges;
  private revision: string | null | undefined;
  /** When the last revision read that completed had started (clock ms); -Infinity before the first. */
  private checkedAt = -Infinity;
  private checking: Promise<void> | null = null;

  private readonly prisma: Db;
  readonly settings: SessionCacheSettings;

  constructor(prisma: Db, settings: SessionCacheSettings) {
    this.prisma = prisma;
    this.settings = settings;
    this.entries = new LRUCache({ max: settings.maxEntries ?? DEFAULT_MAX_ENTRIES });
    this.clock = settings.clock ?? (() => performance.now());
    this.random = settings.random ?? Math.random;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The token's state: from the cache while it is fresh, else from `load`
   * (stored unless a change happened meanwhile), or from a `load` of the
   * same token already under way in the same generation. `load` returning
   * null (no such session) is not cached: unknown tokens must not push out
   * real ones.
   */
  async resolve(tokenHash: string, load: () => Promise<SessionState | null>): Promise<SessionState | null> {
    const usable = await this.upToDate();
    if (!usable) return load();
    const hit = this.entries.get(tokenHash);
    if (hit && this.clock() < hit.freshUntil) return hit.state;
    const generation = this.generation;
    const shared = this.loading.get(tokenHash);
    if (shared?.generation === generation) return shared.state;
    const loadedAt = this.clock();
    const state = load().then((state) => {
      if (state && this.generation === generation && this.seenLocalChanges === localChanges) {
        const spread = this.settings.spread ?? 0.5;
        this.entries.set(tokenHash, { state, freshUntil: loadedAt + this.settings.ttlMs * (1 - spread * this.random()) });
      }
      return state;
    });
    const loading = { generation, state };
    this.loading.set(tokenHash, loading);
    const done = () => {
      if (this.loading.get(tokenHash) === loading) this.loading.delete(tokenHash);
    };
    state.then(done, done);
    return state;
  }

  /** Empties the cache (and makes lookups already reading the database not store what they read). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.loading.clear();
  }

  /**
   * Whether cached entries may be used: this process changed nothing since,
   * and the revision was read no longer than `checkMs` ago (read it again
   * if not; one read at a time, shared by the requests waiting for it).
   */
  private async upToDate(): Promise<boolean> {
    if (this.seenLocalChanges !== localChanges) {
      this.seenLocalChanges = localChanges;
      this.clear();
    }
    if (this.clock() - this.checkedAt < this.settings.checkMs) return true;
    try {
      await (this.checking ??= this.checkRevision().finally(() => (this.checking = null)));
    } catch {
      // Without the revision nothing cached can be trusted; the caller reads the session itself.
      return false;
    }
    return this.clock() - this.checkedAt < this.settings.checkMs;
  }

  private async checkRevision(): Promise<void> {
    const started = this.clock();
    const row = await this.prisma.setting.findUnique({ where: { key: AUTH_REVISION }, select: { value: true } });
    const revision = row?.value ?? null;
    if (revision !== this.revision) {
      this.revision = revision;
      this.clear();
    }
    this.checkedAt = started;
  }
}

const caches = new WeakMap<Db, SessionCache>();

/** Turns the cache on for a database handle (the app does, from its config); a ttl of 0 turns it off. */
export function useSessionCache(prisma: Db, settings: SessionCacheSettings): SessionCache | null {
  if (settings.ttlMs <= 0) {
    caches.delete(prisma);
    return null;
  }
  const cache = new SessionCache(prisma, settings);
  caches.set(prisma, cache);
  return cache;
}

/** The handle's cache, if the app turned one on: other callers read every session from the database. */
export function sessionCacheOf(prisma: Db): SessionCache | undefined {
  return caches.get(prisma);
}
