/**
 * A customer's last visit moves on when a visit is recorded (a work log
 * handed in that names them, a visit slip checked in order): each customer
 * whose last visit changes gets its own audit entry, before and after, as
 * every change does (brief §8).
 */
import type { Prisma } from '../db/client.ts';
import type { Viewer } from '../auth/sessions.ts';
import { recordAudit } from '../audit.ts';
import { dateToDay } from '../../schema/dates.ts';

/** Sets the last visit of the customers matched to `visited` where it is unknown or earlier, and audits each change, saying what recorded it. */
export async function recordLastVisit(tx: Prisma.TransactionClient, viewer: Viewer | null, where: Prisma.CustomerWhereInput, visited: Date, via: Record<string, string>): Promise<void> {
  const moving = await tx.customer.findMany({ where: { AND: [where, { OR: [{ lastVisitOn: null }, { lastVisitOn: { lt: visited } }] }] }, select: { id: true, code: true, lastVisitOn: true } });
  if (!moving.length) return;
  await tx.customer.updateMany({ where: { id: { in: moving.map((c) => c.id) } }, data: { lastVisitOn: visited } });
  for (const c of moving) {
    await recordAudit(tx, viewer, {
      entityType: 'Customer',
      entityId: c.id,
      action: 'visit',
      before: { code: c.code, lastVisitOn: c.lastVisitOn ? dateToDay(c.lastVisitOn) : null },
      after: { code: c.code, lastVisitOn: dateToDay(visited), ...via },
    });
  }
}
