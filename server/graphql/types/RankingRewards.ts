/** Rewards and penalties from published rankings (issue 10 §3): the rules document, the proposals, a manager's decision. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { MetricEnum } from './enums.ts';
import { RankingBasisEnum } from './Ranking.ts';
import { decideRankingProposal, listRankingProposals, mayDecideProposal, proposalPeriod, rankingRewardRules, setRankingRewardRules, type ProposalView } from '../../results/ranking-rewards.ts';
import { inLockedPeriod, LOCKED_FLAG } from '../../targets/calendar.ts';
import type { RankingRewardRules } from '../../../schema/ranking-rewards.ts';
import { isIsoMonth } from '../../../schema/dates.ts';

const id = z.string().min(1).max(64);
const amounts = z.array(z.string().max(24)).max(100);

const RankingRewardRulesRef = builder.objectRef<RankingRewardRules>('RankingRewardRules').implement({
  description:
    'The rules document for rewards and penalties from published rankings of people (units are not paid): amounts per place from the top, and deducted per place from the bottom (the bottom places also get an improvement plan). Tied people each get their place’s amount; someone rewarded is never also penalised; unranked people (no target) get nothing.',
  fields: (t) => ({
    rewards: t.exposeStringList('rewards', { description: 'Yuan paid for place 1, 2, 3…' }),
    penalties: t.exposeStringList('penalties', { description: 'Yuan deducted for the last place, the second last, the third last…' }),
  }),
});

const RankingRewardRulesInput = builder.inputType('RankingRewardRulesInput', {
  fields: (t) => ({
    rewards: t.stringList({ validate: amounts }),
    penalties: t.stringList({ validate: amounts }),
  }),
});

const RankingAdjustmentKindEnum = builder.enumType('RankingAdjustmentKind', { values: ['REWARD', 'PENALTY'] as const });
const RankingProposalStatusEnum = builder.enumType('RankingProposalStatus', {
  values: ['PROPOSED', 'APPROVED', 'DISMISSED', 'SUPERSEDED'] as const,
  description: 'SUPERSEDED: a newer version of the ranking was published before anyone decided.',
});

const ProposalRef = builder.objectRef<ProposalView>('RankingAdjustmentProposal').implement({
  description: 'A reward or penalty a published ranking of people earns under the rules; it reaches payroll only when approved.',
  fields: (t) => ({
    id: t.exposeID('id'),
    snapshotId: t.exposeID('snapshotId', { description: 'The published ranking (version) it comes from.' }),
    unitId: t.exposeID('unitId'),
    unitName: t.exposeString('unitName'),
    periodKey: t.exposeString('periodKey'),
    basis: t.field({ type: RankingBasisEnum, resolve: (p) => p.basis as 'ACHIEVEMENT' | 'AMOUNT' }),
    metric: t.field({ type: MetricEnum, resolve: (p) => p.metric as never }),
    version: t.exposeInt('version'),
    personId: t.exposeID('personId'),
    personName: t.exposeString('personName'),
    employeeNo: t.exposeString('employeeNo'),
    month: t.exposeString('month', { description: 'The payroll month it goes into: the month the ranking’s period ends in.' }),
    place: t.exposeInt('place', { description: 'The competition place from the top.' }),
    ranked: t.exposeInt('ranked', { description: 'How many were ranked.' }),
    kind: t.field({ type: RankingAdjustmentKindEnum, resolve: (p) => p.kind }),
    amount: t.field({ type: 'Money', description: 'Positive for a reward, negative for a penalty.', resolve: (p) => p.amountFen }),
    status: t.field({ type: RankingProposalStatusEnum, resolve: (p) => p.status }),
    decidedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.decidedAt }),
    comment: t.exposeString('comment', { nullable: true }),
    payAdjustmentId: t.exposeID('payAdjustmentId', { nullable: true, description: 'The pay adjustment an approval created.' }),
    locked: t.boolean({ description: `${LOCKED_FLAG} (Its payroll month.)`, resolve: (p, _a, ctx) => inLockedPeriod(ctx, proposalPeriod(p)) }),
    canDecide: t.boolean({
      description: 'Whether the viewer may approve or dismiss it now: open, and they are a manager over the ranked unit or an admin, and it is not their own pay. Directors and the general manager read proposals without deciding them.',
      resolve: (p, _a, ctx) => mayDecideProposal(ctx, p),
    }),
  }),
});

const deciders = { manager: true, admin: true } as const;

builder.queryFields((t) => ({
  rankingRewardRules: t.field({
    type: RankingRewardRulesRef,
    description: 'The rules document for rewards and penalties from published rankings.',
    authScopes: { manager: true, director: true, generalManager: true, finance: true, admin: true },
    resolve: (_r, _a, ctx) => rankingRewardRules(ctx),
  }),
  rankingAdjustmentProposals: t.field({
    type: [ProposalRef],
    description: 'Reward and penalty proposals from published rankings: admins, finance and directors see all; a manager those of rankings in their subtrees and their own; anyone else their own.',
    authScopes: { signedIn: true },
    args: {
      unitId: t.arg.id({ required: false, validate: id.optional().nullable() }),
      month: t.arg.string({ required: false, validate: z.string().refine(isIsoMonth, 'a month such as 2026-03').optional().nullable() }),
      status: t.arg({ type: RankingProposalStatusEnum, required: false }),
    },
    resolve: (_r, a, ctx) => listRankingProposals(ctx, { unitId: a.unitId == null ? null : String(a.unitId), month: a.month ?? null, status: a.status ?? null }),
  }),
}));

builder.mutationFields((t) => ({
  setRankingRewardRules: t.field({
    type: RankingRewardRulesRef,
    description: 'Replaces the rules document (admins; audited). Refused whole when an amount is not yuan above 0.00, or a list has too many places. Applies to rankings published from now on.',
    authScopes: { admin: true },
    args: { rules: t.arg({ type: RankingRewardRulesInput }) },
    resolve: (_r, a, ctx) => setRankingRewardRules(ctx, a.rules as RankingRewardRules),
  }),
  approveRankingAdjustment: t.field({
    type: ProposalRef,
    description: 'Approves a proposal into the month’s pay adjustments (a manager of the ranked unit, or an admin; never one’s own). Refused when already decided, the month is locked, or the person’s payroll for the month is signed.',
    authScopes: deciders,
    args: { id: t.arg.id({ validate: id }) },
    resolve: (_r, a, ctx) => decideRankingProposal(ctx, String(a.id), true, null),
  }),
  dismissRankingAdjustment: t.field({
    type: ProposalRef,
    description: 'Dismisses a proposal, saying why (a manager of the ranked unit, or an admin; never one’s own). Nothing reaches payroll.',
    authScopes: deciders,
    args: { id: t.arg.id({ validate: id }), comment: t.arg.string({ validate: z.string().trim().min(1, 'Say why the proposal is dismissed').max(500) }) },
    resolve: (_r, a, ctx) => decideRankingProposal(ctx, String(a.id), false, a.comment),
  }),
}));
