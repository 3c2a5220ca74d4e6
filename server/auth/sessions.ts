/**
 * Bearer sessions. A token is 32 random bytes shown once to the client; the
 * database keeps only its SHA-256, an expiry and a revocation time, so logout
 * and expiry take effect at once and a stolen database holds no live token.
 * Who a token belongs to is cached briefly per process (session-cache.ts),
 * judged against the clock on every request all the same.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { Role } from '../db/generated/sqlite/client/enums.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { dateToDay } from '../../schema/dates.ts';
import { companyDayOf } from '../clock.ts';
import { accessChangedHere, recordAccessChange, sessionCacheOf, type SessionState } from './session-cache.ts';

/** Whether a person with this leave date has left by `now` (their last day is over, China Standard Time). */
export const accessEnded = (leaveDate: Date | null | undefined, now = new Date()) => !!leaveDate && dateToDay(leaveDate) < companyDayOf(now);

export interface Viewer {
  userId: string;
  username: string;
  sessionId: string;
  roles: Role[];
  personId: string | null;
  personName: string | null;
  /** For finance: the units they serve (brief §8); none named serves every unit. */
  servedUnitIds?: string[];
}

export type SessionProblem = 'missing' | 'invalid' | 'expired' | 'revoked' | 'left';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

// A hash to verify against when the user does not exist, so that timing does
// not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;

export async function signIn(
  prisma: Db,
  username: string,
  password: string,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date; userId: string } | null> {
  const user = await prisma.user.findUnique({ where: { username }, include: { person: { select: { leaveDate: true } } } });
  // A leaver cannot sign in from the day after their leave date, disabled or not yet.
  if (!user || user.disabled || accessEnded(user.person?.leaveDate)) {
    await verifyPassword(await (decoyHash ??= hashPassword('decoy-password')), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await prisma.session.create({ data: { tokenHash: sha256(token), userId: user.id, expiresAt } });
  return { token, expiresAt, userId: user.id };
}

export async function resolveSession(
  prisma: Db,
  authorization: string | null,
  now = new Date(),
): Promise<{ viewer: Viewer } | { problem: SessionProblem }> {
  const m = authorization ? /^Bearer\s+([A-Za-z0-9_-]{20,})\s*$/.exec(authorization) : null;
  if (!authorization) return { problem: 'missing' };
  if (!m) return { problem: 'invalid' };
  const tokenHash = sha256(m[1]!);
  const cache = sessionCacheOf(prisma);
  const state = cache ? await cache.resolve(tokenHash, () => loadSession(prisma, tokenHash)) : await loadSession(prisma, tokenHash);
  return judgeSession(state, now);
}

/** The token's session, user, roles and person, as they are in the database now. */
async function loadSession(prisma: Db, tokenHash: string): Promise<SessionState | null> {
  const session = await prisma.session.findUnique({
    where: { tokenHash },
    include: { user: { include: { roles: true, person: { select: { name: true, leaveDate: true } }, servedUnits: { select: { unitId: true } } } } },
  });
  if (!session) return null;
  return {
    sessionId: session.id,
    userId: session.userId,
    username: session.user.username,
    roles: session.user.roles.map((r) => r.role).sort(),
    personId: session.user.personId,
    personName: session.user.person?.name ?? null,
    servedUnitIds: session.user.servedUnits.map((s) => s.unitId).sort(),
    leaveDate: session.user.person?.leaveDate ?? null,
    disabled: session.user.disabled,
    expiresAt: session.expiresAt,
    revokedAt: session.revokedAt,
  };
}

/** Whether a session lets its bearer in at `now`: the same checks for a cached session as for one just read. */
export function judgeSession(state: SessionState | null, now: Date): { viewer: Viewer } | { problem: SessionProblem } {
  if (!state) return { problem: 'invalid' };
  // Access ends with the job: from the day after the leave date no token is accepted.
  if (accessEnded(state.leaveDate, now)) return { problem: 'left' };
  if (state.disabled) return { problem: 'invalid' };
  if (state.revokedAt) return { problem: 'revoked' };
  if (state.expiresAt <= now) return { problem: 'expired' };
  return {
    viewer: {
      userId: state.userId,
      username: state.username,
      sessionId: state.sessionId,
      roles: [...state.roles],
      personId: state.personId,
      personName: state.personName,
      servedUnitIds: [...state.servedUnitIds],
    },
  };
}

/** Logout: revokes one token, here at once and in other processes within their cache's check interval. */
export async function revokeSession(prisma: Db, sessionId: string): Promise<void> {
  try {
    await prisma.$transaction(async (tx) => {
      await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
      await recordAccessChange(tx);
    });
  } finally {
    accessChangedHere();
  }
}
