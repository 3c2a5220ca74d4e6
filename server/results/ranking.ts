/**
 * League tables (issue 10 §3): a unit's people, or its child units, ranked
 * for a ten-day block, half month, month, quarter or year by achievement
 * against base or by amount (schema/ranking.ts), with each row's movement
 * since the period before; and published rankings, frozen snapshots that
 * late sales do not change, a new version on each publication showing what
 * moved. Read with the scope of actuals (a unit outside it is not found);
 * nothing is published for a locked period.
 */
import type { Metric } from '../db/generated/sqlite/client/enums.ts';
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { readAchievement } from './achievement.ts';
import { recordAudit } from '../audit.ts';
import { badInput, notFound } from '../errors.ts';
import { mayChangeUnit, maySeeUnit, viewerScope } from '../access.ts';
import { fiscalCalendar, requireUnlocked } from '../targets/calendar.ts';
import { addDays } from '../../schema/dates.ts';
import { period, PeriodKeyError, type Period } from '../../schema/periods.ts';
import { bucketKey, type Grain } from '../../schema/results.ts';
import { achievement, percentText } from '../../schema/achievement.ts';
import { movement, rank, type Entry } from '../../schema/ranking.ts';
import { METRICS } from '../../schema/metrics.ts';
import { formatAmount } from '../../schema/target-validation.ts';
import { proposeFromRanking } from './ranking-rewards.ts';

export type RankingBasis = 'ACHIEVEMENT' | 'AMOUNT';

export interface RankingQuery {
  unitId: string;
  periodKey: string;
  by: 'PERSON' | 'CHILD_UNIT';
  basis: RankingBasis;
  metric: Metric;
  top: number;
}

export interface LeagueRow {
  ownerKind: 'PERSON' | 'UNIT';
  ownerId: string;
  name: string;
  code: string;
  rank: number | null;
  top: boolean;
  bottom: boolean;
  /** Places moved since the period before (or the version before, for a published one); positive is up. */
  moved: number | null;
  actual: string;
  base: string | null;
  /** Actual ÷ base, rounded half-up to 0.01 %. */
  achievement: string | null;
  class: string | null;
}

export interface LeagueTable {
  unitId: string;
  periodKey: string;
  previousPeriodKey: string;
  basis: RankingBasis;
  metric: Metric;
  top: number;
  rows: LeagueRow[];
}

const GRAIN: Partial<Record<Period['level'], Grain>> = { tenday: 'TEN_DAYS', halfmonth: 'HALF_MONTH', month: 'MONTH', quarter: 'QUARTER', year: 'YEAR' };

async function rankingPeriod(ctx: Context, key: string): Promise<{ p: Period; grain: Grain; previous: string }> {
  const calendar = await fiscalCalendar(ctx);
  let p: Period;
  try {
    p = period(key, calendar);
  } catch (e) {
    if (e instanceof PeriodKeyError) throw badInput(['period'], `"${key}" is not a period (2026, 2026-Q1, 2026-03, 2026-03-H1, 2026-03-D2 or 2026-03-12)`, 'NOT_A_PERIOD', { value: key });
    throw e;
  }
  const grain = GRAIN[p.level];
  if (!grain) throw badInput(['period'], `Rankings are by ten-day block, half month, month, quarter or year, not ${p.key}`, 'RANKING_PERIOD', { value: p.key });
  return { p, grain, previous: bucketKey(addDays(p.start, -1), grain, calendar) };
}

async function ranked(ctx: Context, q: RankingQuery, key: string, grain: Grain) {
  const a = await readAchievement(ctx, { periodKey: key, grain, metric: q.metric, unitId: q.unitId, by: q.by });
  const unit = METRICS[q.metric].unit;
  const rows = a.rows.map((r) => ({ r, cell: r.cells[0]! }));
  const entries: Entry[] = rows.map(({ r, cell }) => {
    const ratio = achievement(cell.actual, cell.base);
    return { key: r.id, tiebreak: r.code, score: q.basis === 'AMOUNT' ? { kind: 'amount', value: cell.actual } : ratio ? { kind: 'ratio', value: ratio } : null };
  });
  const byId = new Map(rows.map((x) => [x.r.id, x]));
  return rank(entries, q.top).map((e) => {
    const { r, cell } = byId.get(e.key)!;
    const ratio = achievement(cell.actual, cell.base);
    return {
      ownerKind: r.kind,
      ownerId: r.id,
      name: r.name,
      code: r.code,
      rank: e.rank,
      top: e.top,
      bottom: e.bottom,
      moved: null as number | null,
      actual: formatAmount(unit, cell.actual),
      base: cell.base === null ? null : formatAmount(unit, cell.base),
      achievement: ratio ? percentText(ratio) : null,
      class: cell.class,
    };
  });
}

/** The live league table, with movement since the period before. */
export async function leagueTable(ctx: Context, q: RankingQuery): Promise<LeagueTable> {
  const { p, grain, previous } = await rankingPeriod(ctx, q.periodKey);
  const rows = await ranked(ctx, q, p.key, grain);
  const before = new Map((await ranked(ctx, q, previous, grain)).map((r) => [r.ownerId, r.rank]));
  for (const r of rows) r.moved = movement(r.rank, before.get(r.ownerId));
  return { unitId: q.unitId, periodKey: p.key, previousPeriodKey: previous, basis: q.basis, metric: q.metric, top: q.top, rows };
}

export interface PublishedRanking extends LeagueTable {
  id: string;
  version: number;
  publishedAt: Date;
}

const ownerKind = (by: RankingQuery['by']) => (by === 'PERSON' ? 'PERSON' : 'UNIT') as 'PERSON' | 'UNIT';

/** The ranking's period, once the viewer is known to be one who may publish for the unit (NOT_FOUND otherwise) and the period is valid. */
export async function requirePublishable(ctx: Context, q: RankingQuery) {
  const period = await rankingPeriod(ctx, q.periodKey);
  const scope = await viewerScope(ctx);
  const unit = await ctx.prisma.orgUnit.findUnique({ where: { id: q.unitId }, select: { path: true } });
  if (!unit || !mayChangeUnit(scope, unit.path)) throw notFound('OrgUnit', q.unitId);
  return period;
}

/** Freezes the league table as the next version; its movement is against the version before. */
export async function publishRanking(
  ctx: Context,
  q: RankingQuery,
  /** Runs last inside the publication's transaction (a job records its success with it). */
  finish?: (tx: Prisma.TransactionClient, published: PublishedRanking) => Promise<void>,
): Promise<PublishedRanking> {
  const { p, grain } = await requirePublishable(ctx, q);
  const calendar = await fiscalCalendar(ctx);
  // What is frozen (and paid from) is read from the primary, never a lagging replica.
  const rows = await ranked({ ...ctx, replica: undefined }, q, p.key, grain);
  return ctx.prisma.$transaction(async (tx) => {
    // Checked with the write: a period locked meanwhile is not published.
    await requireUnlocked(tx, [p], calendar, 'Publishing a ranking');
    const where = { unitId: q.unitId, periodKey: p.key, ownerKind: ownerKind(q.by), basis: q.basis, metric: q.metric };
    const last = await tx.rankingSnapshot.findFirst({ where, orderBy: { version: 'desc' } });
    const before = new Map(last ? (JSON.parse(last.entries) as LeagueRow[]).map((r) => [r.ownerId, r.rank]) : []);
    for (const r of rows) r.moved = last ? movement(r.rank, before.get(r.ownerId)) : null;
    const snapshot = await tx.rankingSnapshot.create({
      data: { ...where, version: (last?.version ?? 0) + 1, topN: q.top, entries: JSON.stringify(rows), publishedById: ctx.viewer?.userId ?? null, publishedAt: ctx.clock.now() },
    });
    await recordAudit(tx, ctx.viewer, { entityType: 'RankingSnapshot', entityId: snapshot.id, action: 'publish', after: { ...where, version: snapshot.version, topN: q.top, rows: rows.length } });
    // A ranking of people earns rewards and penalties under the rules, proposed for the payroll month its period ends in.
    await proposeFromRanking(ctx, tx, snapshot, rows, p.end.slice(0, 7));
    const published = toPublished(snapshot);
    await finish?.(tx, published);
    return published;
  });
}

function toPublished(s: { id: string; unitId: string; periodKey: string; basis: string; metric: Metric; version: number; topN: number; entries: string; publishedAt: Date }): PublishedRanking {
  return {
    id: s.id,
    unitId: s.unitId,
    periodKey: s.periodKey,
    previousPeriodKey: '',
    basis: s.basis as RankingBasis,
    metric: s.metric,
    top: s.topN,
    version: s.version,
    publishedAt: s.publishedAt,
    rows: JSON.parse(s.entries) as LeagueRow[],
  };
}

/** Every published version of a ranking, newest first. */
export async function publishedRankings(ctx: Context, q: Omit<RankingQuery, 'top'>): Promise<PublishedRanking[]> {
  const scope = await viewerScope(ctx);
  const unit = await ctx.prisma.orgUnit.findUnique({ where: { id: q.unitId }, select: { path: true } });
  if (!unit || !maySeeUnit(scope, unit.path)) throw notFound('OrgUnit', q.unitId);
  const { p } = await rankingPeriod(ctx, q.periodKey);
  const snapshots = await ctx.prisma.rankingSnapshot.findMany({
    where: { unitId: q.unitId, periodKey: p.key, ownerKind: ownerKind(q.by), basis: q.basis, metric: q.metric },
    orderBy: { version: 'desc' },
  });
  return snapshots.map(toPublished);
}

/** The viewer's own place in a published ranking: their row only, never anyone else's figures. */
export interface MyRanking {
  unitId: string;
  unitName: string;
  periodKey: string;
  basis: RankingBasis;
  metric: Metric;
  version: number;
  publishedAt: Date;
  /** How many were ranked (with a place). */
  of: number;
  row: LeagueRow;
}

/**
 * Where the viewer stands in the newest version of each published ranking of
 * people that has them (a rep's own rank, domain §5), newest period first;
 * optionally for one period. Only their own row leaves the server.
 */
export async function myRankings(ctx: Context, periodKey: string | null): Promise<MyRanking[]> {
  const personId = ctx.viewer?.personId;
  if (!personId) return [];
  const snapshots = await ctx.prisma.rankingSnapshot.findMany({
    // The entries are JSON; a snapshot that names the person holds their id (checked exactly below).
    where: { ownerKind: 'PERSON', entries: { contains: personId }, ...(periodKey ? { periodKey } : {}) },
    orderBy: [{ periodKey: 'desc' }, { version: 'desc' }],
    take: 200,
  });
  const newest = new Map<string, (typeof snapshots)[number]>();
  for (const s of snapshots) {
    const k = `${s.unitId} ${s.periodKey} ${s.basis} ${s.metric}`;
    if (!newest.has(k)) newest.set(k, s);
  }
  const units = new Map((await ctx.prisma.orgUnit.findMany({ where: { id: { in: [...new Set([...newest.values()].map((s) => s.unitId))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const out: MyRanking[] = [];
  for (const s of newest.values()) {
    const rows = JSON.parse(s.entries) as LeagueRow[];
    const row = rows.find((r) => r.ownerId === personId);
    if (!row) continue;
    out.push({ unitId: s.unitId, unitName: units.get(s.unitId) ?? '', periodKey: s.periodKey, basis: s.basis as RankingBasis, metric: s.metric, version: s.version, publishedAt: s.publishedAt, of: rows.filter((r) => r.rank !== null).length, row });
  }
  return out.slice(0, 24);
}
