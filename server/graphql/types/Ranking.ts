/** League tables and published rankings (issue 10 §3). */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { MetricEnum, OwnerKindEnum } from './enums.ts';
import { startRankingPublication } from '../../jobs/jobs.ts';
import { JobRef } from './Job.ts';
import { leagueTable, myRankings, publishedRankings, publishRanking, type LeagueRow, type LeagueTable, type MyRanking, type PublishedRanking } from '../../results/ranking.ts';

const RankingByEnum = builder.enumType('RankingBy', { values: ['PERSON', 'CHILD_UNIT'] as const, description: 'The unit’s people (its subtree), or its child units.' });
export const RankingBasisEnum = builder.enumType('RankingBasis', { values: ['ACHIEVEMENT', 'AMOUNT'] as const, description: 'Achievement against base (those without a base target come last, unranked), or the amount.' });

const LeagueRowRef = builder.objectRef<LeagueRow>('LeagueRow').implement({
  fields: (t) => ({
    ownerKind: t.field({ type: OwnerKindEnum, resolve: (r) => r.ownerKind }),
    ownerId: t.exposeID('ownerId'),
    name: t.exposeString('name'),
    code: t.exposeString('code'),
    rank: t.exposeInt('rank', { nullable: true, description: 'Competition rank: 1, 2, 2, 4; in a tie, ordered by code.' }),
    top: t.exposeBoolean('top', { description: 'Among the top N (ties at the edge included).' }),
    bottom: t.exposeBoolean('bottom', { description: 'Among the bottom N (ties at the edge included).' }),
    moved: t.exposeInt('moved', { nullable: true, description: 'Places moved since the period before (published: since the version before); positive is up.' }),
    actual: t.exposeString('actual'),
    base: t.exposeString('base', { nullable: true }),
    achievement: t.exposeString('achievement', { nullable: true }),
    class: t.exposeString('class', { nullable: true }),
  }),
});

const LeagueTableRef = builder.objectRef<LeagueTable>('LeagueTable').implement({
  fields: (t) => ({
    unitId: t.exposeID('unitId'),
    periodKey: t.exposeString('periodKey'),
    previousPeriodKey: t.exposeString('previousPeriodKey'),
    basis: t.field({ type: RankingBasisEnum, resolve: (l) => l.basis }),
    metric: t.field({ type: MetricEnum, resolve: (l) => l.metric }),
    top: t.exposeInt('top'),
    rows: t.field({ type: [LeagueRowRef], resolve: (l) => l.rows }),
  }),
});

const PublishedRankingRef = builder.objectRef<PublishedRanking>('PublishedRanking').implement({
  description: 'A frozen league table: late sales do not change it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version'),
    publishedAt: t.field({ type: 'DateTime', resolve: (p) => p.publishedAt }),
    unitId: t.exposeID('unitId'),
    periodKey: t.exposeString('periodKey'),
    basis: t.field({ type: RankingBasisEnum, resolve: (l) => l.basis }),
    metric: t.field({ type: MetricEnum, resolve: (l) => l.metric }),
    top: t.exposeInt('top'),
    rows: t.field({ type: [LeagueRowRef], resolve: (l) => l.rows }),
  }),
});

const args = (t: any) => ({
  unitId: t.arg.id({ validate: z.string().min(1).max(64) }),
  period: t.arg.string({ description: 'A ten-day block, half month, month, quarter or year: "2026-03-D2", "2026-03-H1", "2026-03", "2026-Q1", "2026".', validate: z.string().min(1).max(16) }),
  by: t.arg({ type: RankingByEnum, required: false, defaultValue: 'PERSON' }),
  basis: t.arg({ type: RankingBasisEnum, required: false, defaultValue: 'ACHIEVEMENT' }),
  metric: t.arg({ type: MetricEnum, required: false, defaultValue: 'SALES_AMOUNT' }),
});
const top = (t: any) => t.arg.int({ required: false, defaultValue: 3, description: 'How many places to flag at the top and the bottom.', validate: z.number().int().min(0).max(100) });

type Args = { unitId: string | number; period: string; by?: 'PERSON' | 'CHILD_UNIT' | null; basis?: 'ACHIEVEMENT' | 'AMOUNT' | null; metric?: 'SALES_AMOUNT' | 'UNITS' | 'NEW_CUSTOMERS' | 'COLLECTIONS' | 'GROSS_MARGIN' | null; top?: number | null };
const query = (a: Args) => ({ unitId: String(a.unitId), periodKey: a.period, by: a.by ?? 'PERSON', basis: a.basis ?? 'ACHIEVEMENT', metric: a.metric ?? 'SALES_AMOUNT', top: a.top ?? 3 });

const MyRankingRef = builder.objectRef<MyRanking>('MyRanking').implement({
  description: 'The viewer’s own place in a published ranking (their row only).',
  fields: (t) => ({
    unitId: t.exposeID('unitId'),
    unitName: t.exposeString('unitName'),
    periodKey: t.exposeString('periodKey'),
    basis: t.field({ type: RankingBasisEnum, resolve: (m) => m.basis }),
    metric: t.field({ type: MetricEnum, resolve: (m) => m.metric }),
    version: t.exposeInt('version'),
    publishedAt: t.field({ type: 'DateTime', resolve: (m) => m.publishedAt }),
    of: t.exposeInt('of', { description: 'How many were ranked.' }),
    row: t.field({ type: LeagueRowRef, resolve: (m) => m.row }),
  }),
});

builder.queryFields((t) => ({
  myRankings: t.field({
    type: [MyRankingRef],
    description: 'Where the viewer stands in the newest version of each published ranking of people, newest period first (their own row only).',
    authScopes: { signedIn: true },
    args: { period: t.arg.string({ required: false, validate: z.string().min(1).max(16).optional().nullable() }) },
    resolve: (_r, a, ctx) => myRankings(ctx, a.period ?? null),
  }),
  leagueTable: t.field({
    type: LeagueTableRef,
    description: 'The live ranking of a unit’s people or child units for a period, with movement since the period before.',
    authScopes: { manager: true, director: true, generalManager: true, finance: true, admin: true },
    args: { ...args(t), top: top(t) },
    resolve: (_r, a, ctx) => leagueTable(ctx, query(a as Args)),
  }),
  publishedRankings: t.field({
    type: [PublishedRankingRef],
    description: 'Every published version of a ranking, newest first.',
    authScopes: { manager: true, director: true, generalManager: true, finance: true, admin: true },
    args: args(t),
    resolve: (_r, a, ctx) => publishedRankings(ctx, query(a as Args)),
  }),
}));

builder.mutationFields((t) => ({
  publishRanking: t.field({
    type: PublishedRankingRef,
    description: 'Freezes the league table as the next version (audited); refused for a locked period.',
    authScopes: { manager: true, director: true, admin: true },
    args: { ...args(t), top: top(t) },
    resolve: (_r, a, ctx) => publishRanking(ctx, query(a as Args)),
  }),
  startRankingPublication: t.field({
    type: JobRef,
    description: 'Publishes the ranking as publishRanking does, as a job returned at once; ask for the job until it has finished (its summary names the version).',
    authScopes: { manager: true, director: true, admin: true },
    args: { ...args(t), top: top(t) },
    resolve: (_r, a, ctx) => startRankingPublication(ctx, query(a as Args)),
  }),
}));
