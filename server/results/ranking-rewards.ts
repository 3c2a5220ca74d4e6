/**
 * Rewards and penalties from published rankings (issue 10 §3; domain §5
 * 前三名奖励, 后三名处罚; §7 奖惩): the rules document kept as data (one
 * Setting, "results.rankingRewards"; schema/ranking-rewards.ts), the
 * proposals a published ranking of people earns under it (made in the
 * publishing transaction), and a manager's decision on each: approved into
 * the month's pay adjustments (the payslip explains it with the ranking), or
 * dismissed with a comment. Nothing reaches payroll unapproved.
 *
 * Republishing: the older version's open proposals become SUPERSEDED, and
 * whoever was already approved from an earlier version of the same ranking
 * for the same kind is not proposed again.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { memo } from '../context.ts';
import { recordAudit } from '../audit.ts';
import { badInput, dynamicClientError, forbidden, notFound } from '../errors.ts';
import { mayChangeUnit, viewerScope } from '../access.ts';
import { isSelf, ownPay } from '../roster/people-access.ts';
import { requireAdjustable } from '../payroll/adjustments.ts';
import { fiscalCalendar, requireUnlocked } from '../targets/calendar.ts';
import { month as monthOf } from '../payroll/month.ts';
import { checkRankingRewardRules, DEFAULT_RANKING_REWARD_RULES, normaliseRankingRewardRules, rankingProposals, type RankedPerson, type RankingRewardRules } from '../../schema/ranking-rewards.ts';
import { formatMoney } from '../../schema/money.ts';

export const RANKING_REWARD_RULES = 'results.rankingRewards';

type Db = Context['prisma'] | Prisma.TransactionClient;
type Tx = Prisma.TransactionClient;

async function readRules(db: Db): Promise<RankingRewardRules> {
  const s = await db.setting.findUnique({ where: { key: RANKING_REWARD_RULES } });
  return s ? (JSON.parse(s.value) as RankingRewardRules) : DEFAULT_RANKING_REWARD_RULES;
}

export function rankingRewardRules(ctx: Context): Promise<RankingRewardRules> {
  return memo(ctx, 'rankingRewardRules', () => readRules(ctx.prisma));
}

/** Replaces the rules (admins): checked whole, refused with the first problem's reason (all of them in extensions.problems), audited. */
export async function setRankingRewardRules(ctx: Context, rules: RankingRewardRules): Promise<RankingRewardRules> {
  const problems = checkRankingRewardRules(rules);
  if (problems.length) {
    const first = problems[0]!;
    throw dynamicClientError('BAD_USER_INPUT', `The ranking reward rules were not saved: ${problems.length} problem(s), first ${first.code} (${Object.values(first.params).join(', ')})`, {
      field: 'rules',
      reason: first.code,
      params: first.params,
      problems,
    });
  }
  const normal = normaliseRankingRewardRules(rules);
  const value = JSON.stringify(normal);
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: RANKING_REWARD_RULES } });
    await tx.setting.upsert({ where: { key: RANKING_REWARD_RULES }, create: { key: RANKING_REWARD_RULES, value }, update: { value } });
    await recordAudit(tx, ctx.viewer, { entityType: 'Setting', entityId: RANKING_REWARD_RULES, action: 'update', before: before ? JSON.parse(before.value) : DEFAULT_RANKING_REWARD_RULES, after: normal });
  });
  ctx.memo.delete('rankingRewardRules');
  return normal;
}

export interface PublishedSnapshot {
  id: string;
  unitId: string;
  periodKey: string;
  ownerKind: 'PERSON' | 'UNIT';
  basis: string;
  metric: string;
  version: number;
}

/**
 * In the publishing transaction: the proposals a new version of a ranking of
 * people earns, for the payroll month its period ends in. Supersedes the
 * older versions' open proposals; skips whoever was already approved from an
 * earlier version (for either kind). Audited.
 */
export async function proposeFromRanking(ctx: Context, tx: Tx, snapshot: PublishedSnapshot, rows: readonly RankedPerson[], month: string): Promise<number> {
  if (snapshot.ownerKind !== 'PERSON') return 0;
  const sameRanking = { unitId: snapshot.unitId, periodKey: snapshot.periodKey, ownerKind: snapshot.ownerKind, basis: snapshot.basis, metric: snapshot.metric as never, version: { lt: snapshot.version } };
  const open = await tx.rankingAdjustmentProposal.findMany({ where: { status: 'PROPOSED', snapshot: sameRanking }, select: { id: true } });
  if (open.length) {
    await tx.rankingAdjustmentProposal.updateMany({ where: { id: { in: open.map((o) => o.id) } }, data: { status: 'SUPERSEDED' } });
    await recordAudit(tx, ctx.viewer, { entityType: 'RankingSnapshot', entityId: snapshot.id, action: 'supersedeProposals', after: { version: snapshot.version, superseded: open.map((o) => o.id) } });
  }
  // Whoever was paid from an earlier version of this ranking is not proposed again, whatever their new place:
  // a reward already approved is never followed by a penalty (or a second reward) for the same period.
  const approved = new Set((await tx.rankingAdjustmentProposal.findMany({ where: { status: 'APPROVED', snapshot: sameRanking }, select: { personId: true } })).map((p) => p.personId));
  const proposals = rankingProposals(snapshot.ownerKind, rows, await readRules(tx)).filter((p) => !approved.has(p.personId));
  for (const p of proposals) {
    const created = await tx.rankingAdjustmentProposal.create({
      data: { snapshotId: snapshot.id, personId: p.personId, month, place: p.place, ranked: p.ranked, kind: p.kind, amountFen: p.amountFen },
    });
    await recordAudit(tx, ctx.viewer, {
      entityType: 'RankingAdjustmentProposal',
      entityId: created.id,
      action: 'propose',
      after: { snapshotId: snapshot.id, version: snapshot.version, personId: p.personId, month, place: p.place, ranked: p.ranked, kind: p.kind, amount: formatMoney(p.amountFen) },
    });
  }
  return proposals.length;
}

const include = {
  snapshot: { select: { id: true, unitId: true, periodKey: true, basis: true, metric: true, version: true, publishedAt: true } },
  person: { select: { name: true, employeeNo: true } },
  payAdjustment: { select: { id: true } },
} satisfies Prisma.RankingAdjustmentProposalInclude;
type Row = Prisma.RankingAdjustmentProposalGetPayload<{ include: typeof include }>;

export interface ProposalView {
  id: string;
  snapshotId: string;
  unitId: string;
  unitName: string;
  periodKey: string;
  basis: string;
  metric: string;
  version: number;
  personId: string;
  personName: string;
  employeeNo: string;
  month: string;
  place: number;
  ranked: number;
  kind: 'REWARD' | 'PENALTY';
  amountFen: bigint;
  status: 'PROPOSED' | 'APPROVED' | 'DISMISSED' | 'SUPERSEDED';
  decidedAt: Date | null;
  comment: string | null;
  payAdjustmentId: string | null;
}

async function unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  return new Map((await db.orgUnit.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
}

function view(r: Row, names: Map<string, string>): ProposalView {
  return {
    id: r.id,
    snapshotId: r.snapshotId,
    unitId: r.snapshot.unitId,
    unitName: names.get(r.snapshot.unitId) ?? '',
    periodKey: r.snapshot.periodKey,
    basis: r.snapshot.basis,
    metric: r.snapshot.metric,
    version: r.snapshot.version,
    personId: r.personId,
    personName: r.person.name,
    employeeNo: r.person.employeeNo,
    month: r.month,
    place: r.place,
    ranked: r.ranked,
    kind: r.kind,
    amountFen: r.amountFen,
    status: r.status,
    decidedAt: r.decidedAt,
    comment: r.comment,
    payAdjustmentId: r.payAdjustment?.id ?? null,
  };
}

/**
 * The proposals the viewer may see, filtered in the query: admins, finance
 * and directors all; a manager those of rankings of units in their subtrees,
 * and their own; anyone else their own only.
 */
async function visible(ctx: Context): Promise<Prisma.RankingAdjustmentProposalWhereInput> {
  const scope = await viewerScope(ctx);
  if (scope.everything) return {};
  const or: Prisma.RankingAdjustmentProposalWhereInput[] = scope.personIds.map((personId) => ({ personId }));
  if (scope.unitPaths.length) {
    const units = await ctx.prisma.orgUnit.findMany({ where: { OR: scope.unitPaths.map((p) => ({ path: { startsWith: p } })) }, select: { id: true } });
    or.push({ snapshot: { unitId: { in: units.map((u) => u.id) } } });
  }
  return or.length ? { OR: or } : { id: { in: [] } };
}

export async function listRankingProposals(ctx: Context, f: { unitId?: string | null; month?: string | null; status?: ProposalView['status'] | null }): Promise<ProposalView[]> {
  const where: Prisma.RankingAdjustmentProposalWhereInput = {
    AND: [await visible(ctx), f.unitId ? { snapshot: { unitId: f.unitId } } : {}, f.month ? { month: f.month } : {}, f.status ? { status: f.status } : {}],
  };
  const rows = await ctx.prisma.rankingAdjustmentProposal.findMany({ where, include, orderBy: [{ month: 'desc' }, { createdAt: 'desc' }, { kind: 'desc' }, { place: 'asc' }, { id: 'asc' }], take: 2000 });
  const names = await unitNames(ctx.prisma, rows.map((r) => r.snapshot.unitId));
  return rows.map((r) => view(r, names));
}

/**
 * Whether the viewer may approve or dismiss a proposal now: decideRankingProposal's
 * rule (a manager over the ranked unit, or an admin; never their own), so the
 * pane offers the buttons only to whom they work for. Directors and the
 * general manager read proposals; they do not decide them.
 */
export async function mayDecideProposal(ctx: Context, p: Pick<ProposalView, 'personId' | 'unitId' | 'status'>): Promise<boolean> {
  if (p.status !== 'PROPOSED' || !ctx.viewer?.roles.some((r) => r === 'MANAGER' || r === 'ADMIN') || isSelf(ctx, p.personId)) return false;
  const [scope, paths] = await Promise.all([
    viewerScope(ctx),
    memo(ctx, 'rankedUnitPaths', async () => new Map((await ctx.prisma.orgUnit.findMany({ select: { id: true, path: true } })).map((u) => [u.id, u.path]))),
  ]);
  const path = paths.get(p.unitId);
  return !!path && mayChangeUnit(scope, path);
}

/** The payslip's language-neutral summary of a ranking adjustment: "华东一区 2026-03-D2 1/12 v1". */
export const rankingReason = (p: { unitName: string; periodKey: string; place: number; ranked: number; version: number }) =>
  `${p.unitName} ${p.periodKey} ${p.place}/${p.ranked} v${p.version}`;

/** A manager of the ranking's unit (or an admin) approves a proposal into the month's pay adjustments, or dismisses it with a comment. */
/** A proposal is dated in its payroll month (what a lock on it holds still). */
export const proposalPeriod = (p: { month: string }) => monthOf(p.month);

export async function decideRankingProposal(ctx: Context, id: string, approve: boolean, comment: string | null): Promise<ProposalView> {
  const found = await ctx.prisma.rankingAdjustmentProposal.findUnique({ where: { id }, include });
  const scope = await viewerScope(ctx);
  const unit = found ? await ctx.prisma.orgUnit.findUnique({ where: { id: found.snapshot.unitId }, select: { path: true, name: true } }) : null;
  const mine = !!found && isSelf(ctx, found.personId);
  // One who could not see it is told it does not exist.
  if (!found || !unit || (!mayChangeUnit(scope, unit.path) && !mine)) throw notFound('RankingAdjustmentProposal', id);
  if (mine) throw ownPay(['id'], 'pay (a reward or penalty from a ranking)');
  if (!mayChangeUnit(scope, unit.path)) throw forbidden('OUTSIDE_YOUR_UNITS', 'That ranking is outside the part of the organisation you manage');
  const p = view(found, new Map([[found.snapshot.unitId, unit.name]]));
  const calendar = await fiscalCalendar(ctx);
  await ctx.prisma.$transaction(async (tx) => {
    // A proposal is dated in its payroll month: neither approved nor dismissed while that month is locked.
    await requireUnlocked(tx, [proposalPeriod(p)], calendar, approve ? 'Approving the ranking adjustment' : 'Dismissing the ranking adjustment');
    const decided = { status: approve ? ('APPROVED' as const) : ('DISMISSED' as const), decidedById: ctx.viewer?.userId ?? null, decidedAt: ctx.clock.now(), comment };
    // Only an open proposal is decided: the status is checked with the write.
    const { count } = await tx.rankingAdjustmentProposal.updateMany({ where: { id, status: 'PROPOSED' }, data: decided });
    if (count === 0) {
      const now = await tx.rankingAdjustmentProposal.findUniqueOrThrow({ where: { id }, select: { status: true } });
      throw badInput(['id'], `The proposal is already ${now.status.toLowerCase()}; it cannot be decided again`, 'RANKING_PROPOSAL_DECIDED', { proposalStatus: now.status });
    }
    await recordAudit(tx, ctx.viewer, { entityType: 'RankingAdjustmentProposal', entityId: id, action: approve ? 'approve' : 'dismiss', before: { status: 'PROPOSED' }, after: { status: decided.status, comment } });
    if (!approve) return;
    await requireAdjustable(tx, calendar, p.personId, p.month, 'Approving the ranking adjustment');
    const a = await tx.payAdjustment.create({
      data: { personId: p.personId, month: p.month, amountFen: p.amountFen, reason: rankingReason(p), approvedBy: ctx.viewer?.personName ?? ctx.viewer?.username ?? '', createdById: ctx.viewer?.userId ?? null, rankingProposalId: id },
    });
    await recordAudit(tx, ctx.viewer, { entityType: 'PayAdjustment', entityId: a.id, action: 'create', after: { ...a, amount: formatMoney(a.amountFen) } });
  });
  const after = await ctx.prisma.rankingAdjustmentProposal.findUniqueOrThrow({ where: { id }, include });
  return view(after, new Map([[found.snapshot.unitId, unit.name]]));
}
