/** A target plan's history: each step (create, submit, approve, return, publish, lock, reopen…) with who took it. */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { PlanStatus } from '../db/generated/sqlite/client/enums.ts';

export async function event(tx: Prisma.TransactionClient, ctx: Context, planId: string, action: string, from: PlanStatus | null, to: PlanStatus, comment?: string | null) {
  await tx.planEvent.create({ data: { planId, actorId: ctx.viewer?.userId ?? null, actor: ctx.viewer?.username ?? 'system', action, fromStatus: from, toStatus: to, comment: comment ?? null } });
}
