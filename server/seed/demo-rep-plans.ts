/**
 * The demo's rep plans for the current month (issue 11 §2), so the manager's
 * Rep plans screen shows every state on first start: accepted on time,
 * submitted late, returned with a comment, a draft, and missing ones. The
 * demo rep user's own plan is left to make (their My plan screen starts
 * empty). Written after the published targets, which they are compared with.
 */
import type { Prisma } from '../db/client.ts';
import { addDays, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { CALENDAR_YEAR } from '../../schema/periods.ts';
import { dueDate, planWeeks } from '../../schema/rep-plan.ts';
import { targetsFor } from '../results/achievement.ts';

const STATES = ['ACCEPTED', 'SUBMITTED_LATE', 'RETURNED', 'DRAFT', 'NONE'] as const;
const RETURN_COMMENT = '第三周计划偏低，请补充重点客户拜访安排';

export async function seedDemoRepPlans(tx: Prisma.TransactionClient, today: IsoDay, skipPersonId: string | null): Promise<number> {
  const month = today.slice(0, 7);
  const weeks = planWeeks(month);
  const start = dayToDate(`${month}-01`);
  const reps = await tx.person.findMany({
    where: { position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: start }, id: skipPersonId ? { not: skipPersonId } : undefined, assignments: { some: { validTo: null } } },
    select: { id: true, assignments: { where: { validTo: null }, select: { unitId: true }, take: 1 }, customers: { select: { code: true }, take: 2, orderBy: { code: 'asc' } } },
    orderBy: { employeeNo: 'asc' },
    take: 25,
  });
  const targets = await targetsFor(tx, reps.map((r) => ({ kind: 'PERSON' as const, id: r.id })), 'SALES_AMOUNT', [Number(month.slice(0, 4))], CALENDAR_YEAR);
  const due = dueDate(month);
  let n = 0;
  for (const [i, rep] of reps.entries()) {
    const state = STATES[i % STATES.length]!;
    if (state === 'NONE') continue;
    const target = targets.get(rep.id)?.BASE.get(month) ?? null;
    // A plan at the target (a little under it for every third rep, with the reason); never an empty one (REP_PLAN_EMPTY), so 30,000.00 without a target.
    const planned = !target ? 3_000_000n : i % 3 === 0 ? (target * 9n) / 10n : target;
    const perWeek = planned / BigInt(weeks.length);
    const sales = weeks.map((_w, k) => (k === weeks.length - 1 ? planned - perWeek * BigInt(weeks.length - 1) : perWeek));
    const below = target !== null && planned < target;
    const submittedOn = state === 'SUBMITTED_LATE' ? (addDays(due, 3) < today ? addDays(due, 3) : today) : addDays(due, -2);
    const status = state === 'SUBMITTED_LATE' ? 'SUBMITTED' : state;
    await tx.repPlan.create({
      data: {
        personId: rep.id,
        month,
        version: 1,
        unitId: rep.assignments[0]!.unitId,
        status,
        dueOn: dayToDate(due),
        targetFen: target,
        plannedFen: planned,
        belowTargetReason: below ? '两家重点客户本月停产检修，下月补回' : null,
        submittedAt: status === 'DRAFT' ? null : dayToDate(submittedOn),
        decidedAt: status === 'ACCEPTED' || status === 'RETURNED' ? dayToDate(addDays(due, 1) < today ? addDays(due, 1) : today) : null,
        decisionComment: status === 'RETURNED' ? RETURN_COMMENT : null,
        lines: {
          create: [
            ...weeks.map((w, k) => ({ kind: 'WEEK', position: k, key: w.key, salesFen: sales[k]!, calls: 40 + (k % 3) * 5, visits: 2 + (k % 2), events: k === 1 ? 1 : 0 })),
            ...rep.customers.map((c, k) => ({ kind: 'CUSTOMER', position: k, key: c.code, salesFen: planned / 5n, calls: 0, visits: 2, events: 0 })),
          ],
        },
        events: {
          create: [
            { actor: 'system', action: 'create', toStatus: 'DRAFT' },
            ...(status === 'DRAFT' ? [] : [{ actor: 'system', action: 'submit', fromStatus: 'DRAFT' as const, toStatus: 'SUBMITTED' as const }]),
            ...(status === 'ACCEPTED' || status === 'RETURNED' ? [{ actor: 'system', action: status === 'ACCEPTED' ? 'accept' : 'return', fromStatus: 'SUBMITTED' as const, toStatus: status, comment: status === 'RETURNED' ? RETURN_COMMENT : null }] : []),
          ],
        },
      },
    });
    n++;
  }
  return n;
}
