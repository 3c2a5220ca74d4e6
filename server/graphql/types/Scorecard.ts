/** KPI scorecards (issue 10 §4): a person's month or quarter, computed indicators from data, manager scores, submit → approve/return, exact total and grade. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { ScorecardStatus } from '../../db/generated/sqlite/client/enums.ts';
import { KpiComputationEnum, KpiGradeBandRef, KpiGradeEnum, KpiGroupEnum, KpiRoleEnum } from './KpiIndicatorSet.ts';
import {
  approveScorecard,
  getScorecard,
  listScorecards,
  myScorecards,
  openScorecard,
  returnScorecard,
  saveScores,
  submitScorecard,
  type ScorecardLineView,
  type ScorecardView,
} from '../../kpi/scorecards.ts';

const id = z.string().min(1).max(64);
const periodKey = z.string().min(4).max(16);
const scorers = { manager: true, director: true } as const;

export const ScorecardStatusEnum = builder.enumType(ScorecardStatus, { name: 'ScorecardStatus', description: 'DRAFT → SUBMITTED (by a manager over the person) → APPROVED (by a manager above); a return goes back to DRAFT with a comment.' });

const ScorecardLineRef = builder.objectRef<ScorecardLineView>('ScorecardLine').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    group: t.field({ type: KpiGroupEnum, resolve: (l) => l.group }),
    weight: t.exposeString('weight', { description: 'A percentage.' }),
    computed: t.boolean({ resolve: (l) => l.computation !== null }),
    computation: t.field({ type: KpiComputationEnum, nullable: true, resolve: (l) => l.computation }),
    fullMarksAt: t.exposeString('fullMarksAt', { nullable: true }),
    maxScore: t.exposeInt('maxScore', { nullable: true }),
    actual: t.exposeString('actual', { nullable: true, description: 'Computed: the measured figure (yuan for money, a count).' }),
    basis: t.exposeString('basis', { nullable: true, description: 'Computed rates: what it is measured against (the base target, or sales), in yuan.' }),
    value: t.exposeString('value', { nullable: true, description: 'Computed: a percentage with two decimals (rates) or the count.' }),
    score: t.exposeInt('score', { nullable: true }),
    comment: t.exposeString('comment', { nullable: true }),
    points: t.exposeString('points', { nullable: true, description: 'What the line adds to the total (weight × its fraction), two decimals.' }),
  }),
});

const ScorecardEventRef = builder.objectRef<ScorecardView['events'][number]>('ScorecardEvent').implement({
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.exposeString('actor'),
    action: t.exposeString('action'),
    fromStatus: t.field({ type: ScorecardStatusEnum, nullable: true, resolve: (e) => e.fromStatus }),
    toStatus: t.field({ type: ScorecardStatusEnum, resolve: (e) => e.toStatus }),
    comment: t.exposeString('comment', { nullable: true }),
  }),
});

const ScorecardRef = builder.objectRef<ScorecardView>('Scorecard').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    personId: t.exposeID('personId'),
    personName: t.exposeString('personName'),
    employeeNo: t.exposeString('employeeNo'),
    periodKey: t.exposeString('periodKey'),
    unitId: t.exposeID('unitId'),
    unitName: t.exposeString('unitName'),
    role: t.field({ type: KpiRoleEnum, resolve: (s) => s.role }),
    setName: t.exposeString('setName'),
    status: t.field({ type: ScorecardStatusEnum, resolve: (s) => s.status }),
    revision: t.exposeInt('revision'),
    commentBelowPercent: t.exposeInt('commentBelowPercent'),
    gradeBands: t.field({ type: [KpiGradeBandRef], resolve: (s) => s.gradeBands }),
    total: t.exposeString('total', { nullable: true, description: 'The weighted total, 0-100, rounded half-up to two decimals for display; null until every line has a score or value.' }),
    totalExact: t.exposeString('totalExact', { nullable: true, description: 'The exact total as a fraction "n/d"; the grade is decided on it.' }),
    grade: t.field({ type: KpiGradeEnum, nullable: true, resolve: (s) => s.grade }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    approvedAt: t.expose('approvedAt', { type: 'DateTime', nullable: true }),
    lines: t.field({ type: [ScorecardLineRef], resolve: (s) => s.lines }),
    events: t.field({ type: [ScorecardEventRef], resolve: (s) => s.events }),
    canScore: t.exposeBoolean('canScore', { description: 'The viewer may enter scores and submit (a draft of someone they manage).' }),
    canApprove: t.exposeBoolean('canApprove', { description: 'The viewer may approve or return it (submitted, and they are above the submitter).' }),
  }),
});

const ScoreInput = builder.inputType('ScoreInput', {
  fields: (t) => ({
    code: t.string({ validate: z.string().min(1).max(32) }),
    score: t.string({ required: false, description: 'Whole points from 0 to the indicator’s max, as text (a form field or a cell); blank clears it.', validate: z.string().max(32).optional().nullable() }),
    comment: t.string({ required: false, description: 'Required when the score is below the set’s threshold.', validate: z.string().max(500).optional().nullable() }),
  }),
});

builder.queryFields((t) => ({
  scorecards: t.field({
    type: [ScorecardRef],
    description: 'The scorecards of a month or quarter the viewer may read (a manager: their subtree; directors and admins: all), optionally under one unit.',
    authScopes: { manager: true, director: true, generalManager: true, admin: true },
    args: { periodKey: t.arg.string({ validate: periodKey }), unitId: t.arg.id({ required: false }) },
    resolve: (_r, args, ctx) => listScorecards(ctx, args.periodKey, args.unitId ? String(args.unitId) : null),
  }),
  scorecard: t.field({
    type: ScorecardRef,
    authScopes: { manager: true, director: true, generalManager: true, admin: true },
    args: { id: t.arg.id({ validate: id }) },
    resolve: (_r, args, ctx) => getScorecard(ctx, String(args.id)),
  }),
  myScorecards: t.field({
    type: [ScorecardRef],
    description: 'The viewer’s own approved scorecards with their grades, newest period first.',
    authScopes: { signedIn: true },
    resolve: (_r, _a, ctx) => myScorecards(ctx),
  }),
}));

builder.mutationFields((t) => ({
  openScorecard: t.field({
    type: ScorecardRef,
    description: 'Opens a person’s scorecard for a month (2026-03) or quarter (2026-Q1), or returns the one already open; computed indicators are filled in from data. Audited.',
    authScopes: scorers,
    args: { personId: t.arg.id({ validate: id }), periodKey: t.arg.string({ validate: periodKey }) },
    resolve: (_r, args, ctx) => openScorecard(ctx, String(args.personId), args.periodKey),
  }),
  saveScorecardScores: t.field({
    type: ScorecardRef,
    description: 'Saves manager scores on a draft: whole points 0..max, a comment below the threshold; refused whole, naming the indicator, when any is wrong. Audited.',
    authScopes: scorers,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), scores: t.arg({ type: [ScoreInput], validate: z.array(z.any()).max(100) }) },
    resolve: (_r, args, ctx) => saveScores(ctx, String(args.id), args.revision, args.scores.map((s) => ({ code: s.code, score: s.score ?? null, comment: s.comment ?? null }))),
  }),
  submitScorecard: t.field({
    type: ScorecardRef,
    description: 'Submits a complete draft for approval by a manager above. Audited.',
    authScopes: scorers,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int() },
    resolve: (_r, args, ctx) => submitScorecard(ctx, String(args.id), args.revision),
  }),
  approveScorecard: t.field({
    type: ScorecardRef,
    description: 'Approves a submitted scorecard (a manager above the submitter, or the sales director; never one’s own). Audited.',
    authScopes: scorers,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ required: false, validate: z.string().max(500).optional().nullable() }) },
    resolve: (_r, args, ctx) => approveScorecard(ctx, String(args.id), args.revision, args.comment),
  }),
  returnScorecard: t.field({
    type: ScorecardRef,
    description: 'Returns a submitted scorecard to draft with a comment saying why. Audited.',
    authScopes: scorers,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ validate: z.string().max(500) }) },
    resolve: (_r, args, ctx) => returnScorecard(ctx, String(args.id), args.revision, args.comment),
  }),
}));
