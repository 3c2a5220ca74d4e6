/**
 * Users and their access (issue 7 §6). Admins create users, assign and
 * remove roles, disable and enable users and reset passwords; each change is
 * audited in its own transaction, and no admin changes their own roles or
 * disables or resets their own user through these operations.
 *
 * Access ends with the job: a user whose person's leave date has passed
 * (the leave date is the last day worked; China Standard Time) cannot sign
 * in, and every token they hold is refused from the next day on
 * (sessions.ts checks the date on every request, so a leave date recorded in
 * advance takes effect on its own). When the leave date has already passed at
 * the time it is recorded, the user is disabled and their tokens revoked at
 * once, in the same transaction.
 */
import type { Prisma } from '../db/client.ts';
import type { Role } from '../db/generated/sqlite/client/enums.ts';
import type { Context } from '../context.ts';
import { accessEnded, type Viewer } from './sessions.ts';
import { accessChangedHere, recordAccessChange } from './session-cache.ts';
import { hashPassword } from './passwords.ts';
import { recordAudit } from '../audit.ts';
import { badInput, clientError, notFound } from '../errors.ts';
import { dateToDay } from '../../schema/dates.ts';
import type { Reason } from '../../schema/reasons.ts';

type Tx = Prisma.TransactionClient;

/** Refusal reasons (extensions.reason). */
export const OWN_ROLES = 'OWN_ROLES' satisfies Reason;
export const OWN_USER = 'OWN_USER' satisfies Reason;
export const PERSON_LEFT = 'PERSON_LEFT' satisfies Reason;


const userInclude = {
  roles: true,
  person: { select: { name: true, leaveDate: true } },
  servedUnits: { select: { unit: { select: { id: true, code: true, name: true } } }, orderBy: { unit: { code: 'asc' } } },
} as const;
export type UserRow = Prisma.UserGetPayload<{ include: typeof userInclude }>;

/** What the audit log keeps of a user: never the password hash. */
const auditable = (u: UserRow) => ({
  username: u.username,
  personId: u.personId,
  disabled: u.disabled,
  roles: u.roles.map((r) => r.role).sort(),
});
/** A user's record as a change to the units they serve is audited: with those units' codes. */
const auditableServing = (u: UserRow) => ({ ...auditable(u), servedUnits: u.servedUnits.map((s) => s.unit.code) });

async function revokeAllSessions(tx: Tx, userId: string) {
  await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/**
 * A change to who may do what: the transaction records it for the other
 * processes' session caches, and once it has committed this process's caches
 * are emptied (session-cache.ts), so the very next request sees it.
 */
async function changingAccess<T>(ctx: Context, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const result = await work(tx);
      await recordAccessChange(tx);
      return result;
    });
  } finally {
    accessChangedHere();
  }
}

/**
 * Called by deactivatePerson in its transaction: a leave date already past
 * ends the user's access now. The caller calls accessChangedHere() once its
 * transaction has committed (session-cache.ts).
 */
export async function endAccessOfLeaver(tx: Tx, actor: Viewer | null, personId: string, leaveDate: Date) {
  // Cached sessions hold the leave date: even one still ahead is news to them.
  await recordAccessChange(tx);
  if (!accessEnded(leaveDate)) return;
  const user = await tx.user.findUnique({ where: { personId }, include: userInclude });
  if (!user) return;
  await revokeAllSessions(tx, user.id);
  if (user.disabled) return;
  const after = await tx.user.update({ where: { id: user.id }, data: { disabled: true }, include: userInclude });
  await recordAudit(tx, actor, { entityType: 'User', entityId: user.id, action: 'disable', before: auditable(user), after: { ...auditable(after), reason: 'left' } });
}

function notOwn(ctx: Context, userId: string, reason: typeof OWN_ROLES | typeof OWN_USER, message: string) {
  if (ctx.viewer?.userId === userId) throw clientError('FORBIDDEN', message, { field: 'userId', reason });
}

async function loadUser(tx: Tx, userId: string): Promise<UserRow> {
  const user = await tx.user.findUnique({ where: { id: userId }, include: userInclude });
  if (!user) throw notFound('User', userId);
  return user;
}

export function listUsers(ctx: Context): Promise<UserRow[]> {
  return ctx.prisma.user.findMany({ include: userInclude, orderBy: { username: 'asc' } });
}

export async function createUser(ctx: Context, input: { username: string; password: string; roles: Role[]; personId?: string | null }): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  return ctx.prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: input.username } })) throw badInput(['input', 'username'], `The username ${input.username} is taken`, 'USERNAME_TAKEN', { username: input.username });
    if (input.personId) {
      const person = await tx.person.findUnique({ where: { id: input.personId }, include: { user: { select: { username: true } } } });
      if (!person) throw badInput(['input', 'personId'], `There is no person ${input.personId}`, 'NO_SUCH_PERSON', { id: input.personId });
      if (person.user) throw badInput(['input', 'personId'], `${person.name} already has the user ${person.user.username}`, 'PERSON_HAS_USER', { name: person.name, username: person.user.username });
      if (accessEnded(person.leaveDate)) {
        throw clientError('BAD_USER_INPUT', `${person.name} left on ${dateToDay(person.leaveDate!)}`, { field: 'input.personId', reason: PERSON_LEFT, params: { name: person.name, date: dateToDay(person.leaveDate!) } });
      }
    }
    const roles = [...new Set(input.roles)];
    const created = await tx.user.create({
      data: { username: input.username, passwordHash, personId: input.personId ?? null, roles: { create: roles.map((role) => ({ role })) } },
      include: userInclude,
    });
    await recordAudit(tx, ctx.viewer, { entityType: 'User', entityId: created.id, action: 'create', after: auditable(created) });
    return created;
  });
}

export function assignRole(ctx: Context, userId: string, role: Role): Promise<UserRow> {
  notOwn(ctx, userId, OWN_ROLES, 'You cannot change your own roles; ask another admin');
  return changingAccess(ctx, async (tx) => {
    const before = await loadUser(tx, userId);
    if (before.roles.some((r) => r.role === role)) throw badInput(['role'], `${before.username} already has the role ${role}`, 'ROLE_ALREADY_HELD', { username: before.username, role });
    await tx.userRole.create({ data: { userId, role } });
    const after = await loadUser(tx, userId);
    await recordAudit(tx, ctx.viewer, { entityType: 'User', entityId: userId, action: 'assignRole', before: auditable(before), after: auditable(after) });
    return after;
  });
}

export function removeRole(ctx: Context, userId: string, role: Role): Promise<UserRow> {
  notOwn(ctx, userId, OWN_ROLES, 'You cannot change your own roles; ask another admin');
  return changingAccess(ctx, async (tx) => {
    const before = await loadUser(tx, userId);
    if (!before.roles.some((r) => r.role === role)) throw badInput(['role'], `${before.username} does not have the role ${role}`, 'ROLE_NOT_HELD', { username: before.username, role });
    await tx.userRole.delete({ where: { userId_role: { userId, role } } });
    const after = await loadUser(tx, userId);
    await recordAudit(tx, ctx.viewer, { entityType: 'User', entityId: userId, action: 'removeRole', before: auditable(before), after: auditable(after) });
    return after;
  });
}

export function disableUser(ctx: Context, userId: string): Promise<UserRow> {
  notOwn(ctx, userId, OWN_USER, 'You cannot disable your own user; ask another admin');
  return changingAccess(ctx, async (tx) => {
    const before = await loadUser(tx, userId);
    if (before.disabled) throw badInput(['userId'], `${before.username} is already disabled`, 'USER_ALREADY_DISABLED', { username: before.username });
    const after = await tx.user.update({ where: { id: userId }, data: { disabled: true }, include: userInclude });
    await revokeAllSessions(tx, userId);
    await recordAudit(tx, ctx.viewer, { entityType: 'User', entityId: userId, action: 'disable', before: auditable(before), after: auditable(after) });
    return after;
  });
}

export function enableUser(ctx: Context, userId: string): Promise<UserRow> {
  notOwn(ctx, userId, OWN_USER, 'You cannot enable your own user');
  return changingAccess(ctx, async (tx) => {
    const before = await loadUser(tx, userId);
    if (!before.disabled) throw badInput(['userId'], `${before.username} is not disabled`, 'USER_NOT_DISABLED', { username: before.username });
    if (accessEnded(before.person?.leaveDate)) {
      throw clientError('BAD_USER_INPUT', `${before.person!.name} left on ${dateToDay(before.person!.leaveDate!)}; a leaver's user stays disabled`, {
        field: 'userId',
        reason: PERSON_LEFT,
        params: { name: before.person!.name, date: dateToDay(before.person!.leaveDate!) },
      });
    }
    const after = await tx.user.update({ where: { id: userId }, data: { disabled: false }, include: userInclude });
    await recordAudit(tx, ctx.viewer, { entityType: 'User', entityId: userId, action: 'enable', before: auditable(before), after: auditable(after) });
    return after;
  });
}

/** Sets a new password and revokes every token the user holds. */
export async function resetPassword(ctx: Context, userId: string, password: string): Promise<UserRow> {
  notOwn(ctx, userId, OWN_USER, 'You cannot reset your own password here; ask another admin');
  const passwordHash = await hashPassword(password);
  return changingAccess(ctx, async (tx) => {
    const before = await loadUser(tx, userId);
    const after = await tx.user.update({ where: { id: userId }, data: { passwordHash }, include: userInclude });
    await revokeAllSessions(tx, userId);
    await recordAudit(tx, ctx.viewer, { entityType: 'User', entityId: userId, action: 'resetPassword', before: auditable(before), after: { ...auditable(after), passwordChanged: true } });
    return after;
  });
}

/**
 * Names the units a finance user serves (brief §8), each with its subtree,
 * replacing those named before; none named: the user serves every unit (the
 * company's finance department). Takes effect on the user's next request.
 */
export function setServedUnits(ctx: Context, userId: string, unitIds: string[]): Promise<UserRow> {
  notOwn(ctx, userId, OWN_ROLES, 'You cannot change which units you serve; ask another admin');
  const wanted = [...new Set(unitIds)];
  return changingAccess(ctx, async (tx) => {
    const before = await loadUser(tx, userId);
    if (wanted.length && !before.roles.some((r) => r.role === 'FINANCE')) throw badInput(['userId'], `${before.username} does not have the finance role; only finance users serve units`, 'SERVES_ONLY_FINANCE', { username: before.username });
    const units = await tx.orgUnit.findMany({ where: { id: { in: wanted } }, select: { id: true } });
    const missing = wanted.find((id) => !units.some((u) => u.id === id));
    if (missing) throw badInput(['unitIds'], `There is no org unit ${missing}`, 'NO_SUCH_ORG_UNIT', { id: missing });
    await tx.servedUnit.deleteMany({ where: { userId, unitId: { notIn: wanted } } });
    const had = new Set(before.servedUnits.map((s) => s.unit.id));
    const added = wanted.filter((id) => !had.has(id));
    if (added.length) await tx.servedUnit.createMany({ data: added.map((unitId) => ({ userId, unitId })) });
    const after = await loadUser(tx, userId);
    await recordAudit(tx, ctx.viewer, { entityType: 'User', entityId: userId, action: 'setServedUnits', before: auditableServing(before), after: auditableServing(after) });
    return after;
  });
}
