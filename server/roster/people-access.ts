/**
 * Who may write which part of a person's record (issue 7 §5):
 *   - nobody changes what decides their own pay: their base salary, rank,
 *     position, leave date, compensation plan assignment, or who they mentor;
 *   - base salary is written by finance or an admin only (a manager cannot
 *     read it, so may not write it either); finance writes nothing else on
 *     the record;
 *   - a person named in a relation (a mentor) must be someone the editor may
 *     see, and a relation's name is only shown when the reader may see the
 *     person it names.
 * Refusals are FORBIDDEN with a stable `reason` and the offending `field`.
 */
import type { Prisma } from '../db/client.ts';
import type { Viewer } from '../auth/sessions.ts';
import type { Context } from '../context.ts';
import { activeOn, type Scope } from '../access.ts';
import { clientError } from '../errors.ts';
import type { Reason } from '../../schema/reasons.ts';

/** Refusal reasons (extensions.reason). */
export const OWN_PAY = 'OWN_PAY' satisfies Reason;
export const FIELD_NOT_WRITABLE = 'FIELD_NOT_WRITABLE' satisfies Reason;

export const writesBaseSalary = (viewer: Viewer | null) => !!viewer?.roles.some((r) => r === 'ADMIN' || r === 'FINANCE');
/** Finance without admin or manager: may write a person's base salary and nothing else. */
export const financeOnly = (viewer: Viewer | null) =>
  !!viewer && viewer.roles.includes('FINANCE') && !viewer.roles.some((r) => r === 'ADMIN' || r === 'MANAGER');

export const isSelf = (ctx: Context, personId: string | null | undefined) => !!personId && ctx.viewer?.personId === personId;

export function ownPay(field: string[], what: string) {
  return clientError('FORBIDDEN', `You cannot change your own ${what}; someone else must do it`, { field: field.join('.'), reason: OWN_PAY });
}

export function notWritable(field: string[], message: string) {
  return clientError('FORBIDDEN', message, { field: field.join('.'), reason: FIELD_NOT_WRITABLE, params: { field: field[field.length - 1] ?? '' } });
}

/** People the scope may see on a day (as the roster shows them): its own people, and those assigned inside its subtrees that day. */
export function peopleVisible(scope: Scope, day: Date): Prisma.PersonWhereInput {
  if (scope.everything) return {};
  const or: Prisma.PersonWhereInput[] = [];
  if (scope.personIds.length) or.push({ id: { in: scope.personIds } });
  for (const path of scope.unitPaths) or.push({ assignments: { some: { ...activeOn(day), unit: { path: { startsWith: path } } } } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/**
 * A compensation plan assignment may not reach the caller: not to their own
 * person, nor to the rank or position they hold.
 */
export async function requireNotOwnPlan(ctx: Context, target: { personId?: string | null; rank?: string | null; position?: string | null }) {
  if (isSelf(ctx, target.personId)) throw ownPay(['personId'], 'compensation plan');
  if (!ctx.viewer?.personId || (!target.rank && !target.position)) return;
  const me = await ctx.prisma.person.findUnique({ where: { id: ctx.viewer.personId }, select: { rank: true, position: true } });
  if (target.rank && me?.rank === target.rank) throw ownPay(['rank'], 'compensation plan (you hold that rank)');
  if (target.position && me?.position === target.position) throw ownPay(['position'], 'compensation plan (you hold that position)');
}
