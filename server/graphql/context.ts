import type { Db } from '../db/client.ts';
import type { SessionProblem, Viewer } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { Throttle } from '../auth/throttle.ts';

export interface Context {
  prisma: Db;
  config: Config;
  viewer: Viewer | null;
  /** Why there is no viewer, so the error can say so. */
  sessionProblem: SessionProblem | null;
  /** Sign-in throttling, shared through the database (see auth/throttle.ts). */
  loginThrottle: Throttle;
  /** The caller's network address (the socket's peer), for sign-in throttling. */
  clientAddress?: string;
  /** Per-request memo (never shared between requests or users). */
  memo: Map<string, unknown>;
}

export function memo<T>(ctx: Context, key: string, make: () => T): T {
  if (!ctx.memo.has(key)) ctx.memo.set(key, make());
  return ctx.memo.get(key) as T;
}
