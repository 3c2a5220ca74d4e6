/**
 * Promotion proposals (职级晋升) from a month's sales: own sales and the
 * trained reps' sales and count, against the ladder in schema/promotion.ts.
 * Managers see and decide those in their subtree; directors and admins all.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { Rank } from '../db/generated/sqlite/client/enums.ts';
import { viewerScope, mayChangeUnit } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { badInput, conflict, forbidden, notFound } from '../errors.ts';
import { proposePromotion, type PromotionCheck } from '../../schema/promotion.ts';
import { month as monthOf } from './month.ts';
import { isSelf, ownPay } from '../roster/people-access.ts';
import { latestGrades } from '../kpi/scorecards.ts';
import type { KpiGrade } from '../db/generated/sqlite/client/enums.ts';
import { MENTOR_HISTORY, mentorOfOn, recordPayTermChange } from '../roster/pay-terms.ts';
import { fiscalCalendar, requireDayOpen } from '../targets/calendar.ts';
import { addDays } from '../../schema/dates.ts';
import { requirePayOpenFrom } from './signed-pay.ts';

export interface Proposal extends PromotionCheck {
  personId: string;
  name: string;
  employeeNo: string;
  version: number;
  /** The person's latest approved KPI grade (a scorecard whose period starts before the month ends), shown beside the proposal; the ladder does not use it. */
  latestGrade: KpiGrade | null;
  latestGradePeriod: string | null;
}

export async function promotionProposals(ctx: Context, month: string): Promise<Proposal[]> {
  const { startDate: start, endExclusive } = monthOf(month);
  const scope = await viewerScope(ctx);
  const everything = scope.everything || !!ctx.viewer?.roles.includes('DIRECTOR');
  const during = { validFrom: { lt: endExclusive }, OR: [{ validTo: null }, { validTo: { gt: start } }] };
  const where: Prisma.PersonWhereInput = {
    rank: { not: null },
    // Nobody leaving or gone: a leave date is recorded beside the status (roster-query.ts statusOn), older records stored LEFT.
    leaveDate: null,
    status: { not: 'LEFT' },
    ...(everything ? {} : { assignments: { some: { ...during, OR: scope.unitPaths.map((p) => ({ unit: { path: { startsWith: p } } })) } } }),
  };
  if (!everything && !scope.unitPaths.length) return [];
  const people = await ctx.prisma.person.findMany({ where, select: { id: true, name: true, employeeNo: true, rank: true, version: true } });
  const sales = await ctx.prisma.salesRecord.groupBy({ by: ['personId'], where: { date: { gte: start, lt: endExclusive } }, _sum: { amountFen: true } });
  const salesOf = new Map(sales.map((s) => [s.personId, s._sum.amountFen ?? 0n]));
  // Trainees as the roster stood in the month (brief §1): employed on some day of it (a leave date is the last day), whether they left since or not; not those hired after it;
  // each with the mentor they had on its last day (a change of mentor taking effect later is undone, roster/pay-terms.ts).
  const later = { term: 'MENTOR' as const, effectiveFrom: { gte: endExclusive } };
  const candidates = await ctx.prisma.person.findMany({
    where: { hireDate: { lt: endExclusive }, AND: [{ OR: [{ leaveDate: null }, { leaveDate: { gte: start } }] }, { OR: [{ mentorId: { not: null } }, { payTermChanges: { some: later } }] }] },
    select: { id: true, ...MENTOR_HISTORY },
  });
  const mentees = candidates.map((x) => ({ id: x.id, mentorId: mentorOfOn(x, monthOf(month).end) }));
  const decided = new Set((await ctx.prisma.promotionDecision.findMany({ where: { month } })).map((d) => `${d.personId}|${d.toRank}`));
  // The ladder goes one step on a month's figures, from the rank held in the month: someone whose rank has changed since
  // (a promotion earned by this month, in force from the next, or a later one) has nothing more to be proposed for it.
  // Read through the people's own condition, not a list of their ids (a whole company's ids exceed a statement's parameters).
  const movedOn = new Set(
    (await ctx.prisma.payTermChange.findMany({ where: { person: where, term: 'RANK', effectiveFrom: { gte: endExclusive } }, select: { personId: true }, distinct: ['personId'] })).map((c) => c.personId),
  );
  const out: Proposal[] = [];
  for (const p of people) {
    if (movedOn.has(p.id)) continue;
    const trainees = mentees.filter((x) => x.mentorId === p.id).map((x) => salesOf.get(x.id) ?? 0n);
    const check = proposePromotion(p.rank as Rank, salesOf.get(p.id) ?? 0n, trainees);
    if (check.eligible && check.to && !decided.has(`${p.id}|${check.to}`)) out.push({ ...check, personId: p.id, name: p.name, employeeNo: p.employeeNo, version: p.version, latestGrade: null, latestGradePeriod: null });
  }
  const grades = await latestGrades(ctx.prisma, out.map((x) => x.personId), endExclusive);
  for (const x of out) {
    const g = grades.get(x.personId);
    if (g) Object.assign(x, { latestGrade: g.grade, latestGradePeriod: g.periodKey });
  }
  return out.sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : 1));
}

export async function decidePromotion(ctx: Context, input: { personId: string; version: number; month: string; toRank: Rank; apply: boolean; reason?: string | null }) {
  if (isSelf(ctx, input.personId)) throw ownPay(['personId'], 'rank');
  const proposals = await promotionProposals(ctx, input.month);
  const proposal = proposals.find((p) => p.personId === input.personId);
  if (!proposal) {
    const person = await ctx.prisma.person.findUnique({ where: { id: input.personId } });
    if (!person) throw notFound('Person', input.personId);
    throw badInput(['personId'], `${person.name} has no open promotion proposal for ${input.month} (not eligible, not yours to decide, or already decided)`, 'NO_PROMOTION_PROPOSAL', {
      name: person.name,
      month: input.month,
    });
  }
  if (proposal.to !== input.toRank) throw badInput(['toRank'], `The proposal is ${proposal.from} → ${proposal.to}, not ${input.toRank}`, 'PROPOSAL_RANK_DIFFERS', {
      from: proposal.from ?? '',
      to: proposal.to ?? '',
      rank: input.toRank,
    });
  const scope = await viewerScope(ctx);
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    if (!scope.everything && !ctx.viewer?.roles.includes('DIRECTOR')) {
      const a = await tx.assignment.findFirst({ where: { personId: input.personId, validTo: null }, include: { unit: { select: { path: true } } } });
      if (!a || !mayChangeUnit(scope, a.unit.path)) throw forbidden('OUTSIDE_YOUR_UNITS', 'That person is outside the part of the organisation you manage');
    }
    // The new rank counts from the month after: not when that month is locked, nor when its pay (or a later month's) is signed.
    const from = addDays(monthOf(input.month).end, 1);
    if (input.apply) {
      await requireDayOpen(tx, calendar, from, 'month', 'Applying the promotion');
      await requirePayOpenFrom(tx, [input.personId], from, ctx.clock.today(), 'Applying the promotion');
    }
    await tx.promotionDecision.create({
      data: { personId: input.personId, month: input.month, fromRank: proposal.from, toRank: input.toRank, decision: input.apply ? 'APPLIED' : 'DISMISSED', reason: input.reason ?? null, decidedById: ctx.viewer?.userId ?? null, decidedAt: ctx.clock.now() },
    });
    if (input.apply) {
      const { count } = await tx.person.updateMany({ where: { id: input.personId, version: input.version }, data: { rank: input.toRank, version: { increment: 1 } } });
      if (count === 0) throw conflict('Person', input.personId, input.version);
      // Earned by the month's sales, the new rank takes effect from the month after: that month's pay is at the old one.
      await recordPayTermChange(tx, ctx, input.personId, 'RANK', proposal.from, input.toRank, from);
    }
    await recordAudit(tx, ctx.viewer, {
      entityType: 'Person',
      entityId: input.personId,
      action: input.apply ? 'promote' : 'dismissPromotion',
      before: { rank: proposal.from },
      after: { rank: input.apply ? input.toRank : proposal.from, proposed: input.toRank, month: input.month, reasons: proposal.reasons, reason: input.reason ?? null },
    });
    return true;
  });
}
