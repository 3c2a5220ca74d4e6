/** TargetPlan: a versioned plan of targets for a scope unit, its lines and workflow. */
import { amountOrRefuse, issueMessage } from '../../targets/issue-text.ts';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { MetricEnum, OwnerKindEnum, PlanStatusEnum, TargetLevelEnum } from './enums.ts';
import { draftableUnits, listPlans, planView, type PlanSummary, type PlanView } from '../../targets/plan-read.ts';
import { myTargetYears, myTargets, type MyTarget } from '../../targets/my-targets.ts';
import type { ParentFigure } from '../../targets/parent-figure.ts';
import {
  approvePlan,
  breakDownPlan,
  createPlan,
  previewBreakdown,
  publishPlan,
  returnPlan,
  revisePlan,
  saveLines,
  setPlanTotal,
  submitPlan,
  validatePlanLines,
  type MethodInput,
} from '../../targets/plans.ts';
import { PERIOD_LEVELS } from '../../targets/plan-shape.ts';
import { saveDraft } from '../../targets/drafts.ts';
import { METRICS } from '../../../schema/metrics.ts';
import { formatAmount, type ValidationIssue } from '../../../schema/target-validation.ts';

import type { Context } from '../../context.ts';

const PlanPeriod = builder.objectRef<PlanView['shape']['periods'][number]>('PlanPeriod').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    start: t.exposeString('start'),
    end: t.exposeString('end'),
    days: t.exposeInt('days'),
    level: t.exposeString('level', { description: 'quarter, month, week, tenday or day.' }),
    parent: t.exposeString('parent', { nullable: true, description: 'In a plan of several levels: the period of the level above that this one sums into (null at the top level).' }),
  }),
});

export const ParentTargetRef = builder.objectRef<ParentFigure & { metric: PlanSummary['metric'] }>('ParentTarget').implement({
  description: "The figure a unit's parent gives it in the parent's newest published plan (same year, metric and level).",
  fields: (t) => ({
    planId: t.exposeID('planId'),
    version: t.exposeInt('version'),
    scopeUnitId: t.exposeID('scopeUnitId'),
    scopeUnitName: t.exposeString('scopeUnitName'),
    total: t.string({ resolve: (p) => formatAmount(METRICS[p.metric].unit, p.total) }),
  }),
});

interface PlanRow {
  ownerId: string;
  ownerName: string;
  isScope: boolean;
  hireDate: string | null;
  leaveDate: string | null;
}
const PlanRowRef = builder.objectRef<PlanRow>('PlanRow').implement({
  description: "A row of the plan: first the scope unit's own targets, then one per owner below it.",
  fields: (t) => ({
    ownerId: t.exposeID('ownerId'),
    ownerName: t.exposeString('ownerName'),
    isScope: t.exposeBoolean('isScope'),
    hireDate: t.exposeString('hireDate', { nullable: true, description: 'People: first day in the scope this year.' }),
    leaveDate: t.exposeString('leaveDate', { nullable: true, description: 'People: last day in the scope, if they leave it.' }),
  }),
});

const TargetLineRef = builder.objectRef<PlanView['lines'][number]>('TargetLine').implement({
  fields: (t) => ({
    ownerId: t.exposeID('ownerId'),
    periodKey: t.exposeString('periodKey'),
    amount: t.exposeString('amount', { description: 'Decimal string in the metric’s unit (yuan with two decimals, or whole units).' }),
  }),
});

const PlanEventRef = builder.objectRef<PlanView['events'][number]>('PlanEvent').implement({
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.exposeString('actor'),
    action: t.exposeString('action'),
    fromStatus: t.expose('fromStatus', { type: PlanStatusEnum, nullable: true }),
    toStatus: t.expose('toStatus', { type: PlanStatusEnum }),
    comment: t.exposeString('comment', { nullable: true }),
  }),
});

export const IssueParamRef = builder.objectRef<{ name: string; value: string }>('IssueParam').implement({
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
});

export const ValidationIssueRef = builder.objectRef<ValidationIssue>('ValidationIssue').implement({
  description: 'One broken rule, located by grid row (0 = the scope row) and column (period), with what was expected and found.',
  fields: (t) => ({
    rule: t.exposeString('rule'),
    row: t.exposeInt('row', { nullable: true }),
    column: t.exposeInt('column', { nullable: true }),
    rowKey: t.exposeString('rowKey', { nullable: true }),
    periodKey: t.exposeString('periodKey', { nullable: true }),
    expected: t.exposeString('expected', { nullable: true }),
    found: t.exposeString('found', { nullable: true }),
    message: t.string({ description: 'The issue in English, for API clients; the pane renders rule and params in the reader’s language.', resolve: (i) => issueMessage(i) }),
    params: t.field({ type: [IssueParamRef], description: 'What a message about the issue needs, by name (owner, period, amounts as decimal strings, dates, detail codes).', resolve: (i) => Object.entries(i.params).map(([name, value]) => ({ name, value })) }),
  }),
});

const TargetPlanSummary = builder.objectRef<PlanSummary>('TargetPlanSummary').implement({
  fields: (t) => ({
  id: t.exposeID('id'),
  year: t.exposeInt('year'),
  metric: t.expose('metric', { type: MetricEnum }),
  level: t.expose('level', { type: TargetLevelEnum }),
  scopeUnitId: t.exposeID('scopeUnitId'),
  scopeUnitName: t.string({ resolve: (p) => p.scopeUnit.name }),
  version: t.exposeInt('version'),
  revision: t.exposeInt('revision', { description: 'Send back with every change; a stale one gets CONFLICT.' }),
  status: t.expose('status', { type: PlanStatusEnum }),
  periodLevel: t.exposeString('periodLevel'),
  ownerKind: t.expose('ownerKind', { type: OwnerKindEnum }),
  total: t.string({ resolve: (p) => formatAmount(METRICS[p.metric].unit, p.total) }),
  parentTarget: t.field({ type: ParentTargetRef, nullable: true, resolve: (p) => p.parent && { ...p.parent, metric: p.metric } }),
  outOfDate: t.boolean({
    description: "True when the parent's published plan now gives this unit a different total (the parent was republished, or the total was changed): revise the plan to match before it can be submitted or published.",
    resolve: (p) => p.parent !== null && p.parent.total !== p.total,
  }),
  submittedBy: t.string({ nullable: true, description: 'Who submitted the plan last (null when it was never submitted).', resolve: (p) => p.submission?.actor ?? null }),
  submittedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.submission?.at ?? null }),
  submitComment: t.string({ nullable: true, description: 'What the submitter wrote with the submission.', resolve: (p) => p.submission?.comment ?? null }),
  returnedBy: t.string({ nullable: true, description: 'Who sent this version back to draft (returnTargetPlan), while it has not been submitted again; null otherwise.', resolve: (p) => p.returned?.actor ?? null }),
  returnedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.returned?.at ?? null }),
  returnComment: t.string({ nullable: true, description: 'Why it was sent back: the approver’s comment with the return.', resolve: (p) => p.returned?.comment ?? null }),
  canDraft: t.boolean({
    description: "Whether the viewer drafts this plan: the manager of its unit or of one above it (whatever their role), or an admin. They break it down, save its lines, change its year target and submit it while it is a draft, and revise it once approved.",
    resolve: (p) => p.decisions.canDraft,
  }),
  canApprove: t.boolean({ description: 'Whether approveTargetPlan would accept the viewer now (never on their own plan).', resolve: (p) => p.decisions.canApprove }),
  canPublish: t.boolean({ description: 'Whether publishTargetPlan would accept the viewer now (never on their own plan).', resolve: (p) => p.decisions.canPublish }),
  canReturn: t.boolean({ description: 'Whether returnTargetPlan would accept the viewer now (never on their own plan).', resolve: (p) => p.decisions.canReturn }),
  }),
});

const TargetPlanRef = builder.objectRef<PlanView>('TargetPlan').implement({
  description: 'A version of a target plan with its lines (a flat export: one line per owner and period).',
  fields: (t) => ({
    plan: t.field({ type: TargetPlanSummary, resolve: (v) => v.plan }),
    periods: t.field({ type: [PlanPeriod], resolve: (v) => v.shape.periods }),
    rows: t.field({
      type: [PlanRowRef],
      resolve: (v) => {
        const expected = new Set(v.shape.owners.map((o) => o.key));
        const extra = [...new Set(v.lines.map((l) => l.ownerId))].filter((id) => id !== v.shape.scope.id && !expected.has(id));
        return [
          { ownerId: v.shape.scope.id, ownerName: v.shape.scope.name, isScope: true, hireDate: null, leaveDate: null },
          ...v.shape.owners.map((o) => ({ ownerId: o.key, ownerName: o.name, isScope: false, hireDate: o.hireDate ?? null, leaveDate: o.leaveDate ?? null })),
          ...extra.map((id) => ({ ownerId: id, ownerName: id, isScope: false, hireDate: null, leaveDate: null })),
        ];
      },
    }),
    lines: t.field({ type: [TargetLineRef], resolve: (v) => v.lines }),
    events: t.field({ type: [PlanEventRef], resolve: (v) => v.events }),
  }),
});

const MyTargetRef = builder.objectRef<MyTarget>('MyTarget').implement({
  fields: (t) => ({
    metric: t.expose('metric', { type: MetricEnum }),
    level: t.expose('level', { type: TargetLevelEnum }),
    periodKey: t.exposeString('periodKey'),
    amount: t.exposeString('amount'),
    planId: t.exposeID('planId'),
    version: t.exposeInt('version'),
  }),
});

const readers = { manager: true, director: true, generalManager: true, finance: true, admin: true } as const;

const BreakdownPreview = builder.objectRef<{ total: string; lines: PlanView['lines'] }>('BreakdownPreview').implement({
  fields: (t) => ({
    total: t.exposeString('total'),
    lines: t.field({ type: [TargetLineRef], resolve: (p) => p.lines }),
  }),
});
/** The roles of people who manage units (a director heads the sales centre, the general manager the company) and admins; the plan's unit then decides (decisions.ts). */
const drafters = { manager: true, director: true, generalManager: true, admin: true } as const;
const approvers = drafters;
const id = z.string().min(1).max(64);
const comment = z.string().max(2000).optional().nullable();

builder.queryFields((t) => ({
  targetPlan: t.field({
    type: TargetPlanRef,
    authScopes: readers,
    args: { id: t.arg.id({ validate: id }) },
    resolve: (_r, args, ctx) => planView(ctx, String(args.id)),
  }),
  targetPlans: t.field({
    type: [TargetPlanSummary],
    description: 'Plans the viewer may see (newest first), e.g. the submitted plans of an approver’s subtree.',
    authScopes: readers,
    args: { year: t.arg.int({ required: false }), status: t.arg({ type: PlanStatusEnum, required: false }), metric: t.arg({ type: MetricEnum, required: false }), level: t.arg({ type: TargetLevelEnum, required: false }) },
    resolve: (_r, args, ctx) => listPlans(ctx, args),
  }),
  targetPlanUnits: t.prismaField({
    type: ['OrgUnit'],
    description: 'The units the viewer may start a target plan for (createTargetPlan): those they manage and the units below them, whatever their role; every unit for an admin. Parents before children.',
    authScopes: drafters,
    resolve: async (query, _r, _a, ctx) => ctx.prisma.orgUnit.findMany({ ...query, where: await draftableUnits(ctx), orderBy: [{ depth: 'asc' }, { code: 'asc' }] }),
  }),
  targetPlanBreakdownPreview: t.field({
    type: BreakdownPreview,
    description: 'The lines a breakdown would give, computed on the server and not stored.',
    authScopes: drafters,
    args: { id: t.arg.id({ validate: id }), time: t.arg({ type: BreakdownMethodInput }), owners: t.arg({ type: BreakdownMethodInput }), keepLocked: t.arg.boolean({ required: false, description: 'Keep the figures of periods in locked months and spread the rest of the year over the open ones (a re-plan after months were closed). Without it a breakdown touching a locked period is refused (PERIOD_LOCKED).' }) },
    resolve: (_r, args, ctx) => previewBreakdown(ctx, String(args.id), args.time as MethodInput, args.owners as MethodInput, args.keepLocked ?? false),
  }),
  myTargets: t.field({
    type: [MyTargetRef],
    description: "The viewer's own published targets for a year.",
    authScopes: { signedIn: true },
    args: { year: t.arg.int({ validate: z.number().int().min(2000).max(2100) }) },
    resolve: (_r, args, ctx) => myTargets(ctx, args.year),
  }),
  myTargetYears: t.field({
    type: ['Int'],
    description: 'The years for which the viewer has published targets, newest first.',
    authScopes: { signedIn: true },
    resolve: (_r, _a, ctx) => myTargetYears(ctx),
  }),
}));

const CreateTargetPlanInput = builder.inputType('CreateTargetPlanInput', {
  fields: (t) => ({
    year: t.int({ validate: z.number().int().min(2000).max(2100) }),
    metric: t.field({ type: MetricEnum }),
    level: t.field({ type: TargetLevelEnum }),
    scopeUnitId: t.id(),
    total: t.string({ required: false, description: 'The year’s target for the scope, in the metric’s unit. Left out: the figure the parent unit’s published plan gives the scope.' }),
    periodLevel: t.string({
      required: false,
      defaultValue: 'month',
      description: 'One level (quarter, month, week, tenday) or a chain broken down in one pass, each level summing to the one above: quarter,month · month,week · month,tenday · quarter,month,week · quarter,month,tenday.',
      validate: z.enum(PERIOD_LEVELS).optional().nullable(),
    }),
    ownerKind: t.field({ type: OwnerKindEnum, required: false }),
  }),
});

const BreakdownKind = builder.enumType('BreakdownKind', {
  values: ['EQUAL', 'WEIGHTS', 'HISTORY', 'GROWTH', 'HEADCOUNT', 'DAYS_EMPLOYED'] as const,
  description: 'EQUAL; WEIGHTS (percentages summing to 100, e.g. a seasonality profile); HISTORY (share of last year); GROWTH (last year × (1 + g %)); HEADCOUNT; DAYS_EMPLOYED (pro rata).',
});
const KeyPercentInput = builder.inputType('KeyPercentInput', {
  fields: (t) => ({ key: t.string(), percent: t.string({ validate: z.string().regex(/^\d+(\.\d{1,4})?$/, 'a percentage such as 8.3333') }) }),
});
const BreakdownMethodInput = builder.inputType('BreakdownMethodInput', {
  fields: (t) => ({
    kind: t.field({ type: BreakdownKind }),
    percents: t.field({ type: [KeyPercentInput], required: false }),
    profileCode: t.string({ required: false, description: 'WEIGHTS over periods: a seasonality profile (seasonalityProfiles) instead of percents.' }),
    growthPercent: t.string({ required: false, validate: z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'a percentage such as 20 or -5.5').optional().nullable() }),
  }),
});
const TargetLineInput = builder.inputType('TargetLineInput', {
  fields: (t) => ({
    ownerId: t.id(),
    periodKey: t.string({ validate: z.string().min(4).max(16) }),
    amount: t.string({ description: 'Decimal string in the metric’s unit; blank is zero.', validate: z.string().max(32) }),
  }),
});

const lineInputs = (lines: { ownerId: string | number; periodKey: string; amount: string }[]) => lines.map((l) => ({ ownerId: String(l.ownerId), periodKey: l.periodKey, amount: l.amount }));
const byId = (ctx: Context, planId: string) => planView(ctx, planId);

builder.mutationFields((t) => ({
  createTargetPlan: t.field({
    type: TargetPlanRef,
    description: 'Starts version 1 of a plan, as a draft, for a scope unit the viewer manages.',
    authScopes: drafters,
    args: { input: t.arg({ type: CreateTargetPlanInput }) },
    resolve: async (_r, { input }, ctx) => {
      let total: bigint | null = null;
      if (input.total !== null && input.total !== undefined && input.total.trim() !== '') {
        total = amountOrRefuse(input.total, METRICS[input.metric].unit, ['input', 'total'], 'The total');
      }
      const plan = await createPlan(ctx, { ...input, scopeUnitId: String(input.scopeUnitId), total, periodLevel: input.periodLevel ?? 'month' });
      return byId(ctx, plan.id);
    },
  }),
  breakDownTargetPlan: t.field({
    type: TargetPlanRef,
    description: 'Fills every line by a method per axis: time (the scope row) and owners (the rows below). Both totals hold exactly.',
    authScopes: drafters,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), time: t.arg({ type: BreakdownMethodInput }), owners: t.arg({ type: BreakdownMethodInput }), keepLocked: t.arg.boolean({ required: false, description: 'Keep the figures of periods in locked months and spread the rest of the year over the open ones (a re-plan after months were closed). Without it a breakdown touching a locked period is refused (PERIOD_LOCKED).' }) },
    resolve: async (_r, args, ctx) => {
      await breakDownPlan(ctx, String(args.id), args.revision, args.time as MethodInput, args.owners as MethodInput, args.keepLocked ?? false);
      return byId(ctx, String(args.id));
    },
  }),
  validateTargetLines: t.field({
    type: [ValidationIssueRef],
    description: 'Checks lines against every rule without saving them; an empty list means valid.',
    authScopes: drafters,
    args: { id: t.arg.id({ validate: id }), lines: t.arg({ type: [TargetLineInput] }) },
    resolve: (_r, args, ctx) => validatePlanLines(ctx, String(args.id), lineInputs(args.lines)),
  }),
  saveTargetLines: t.field({
    type: TargetPlanRef,
    description: "Replaces the draft's lines. Refused whole (BAD_USER_INPUT with extensions.issues) when any rule is broken.",
    authScopes: drafters,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), lines: t.arg({ type: [TargetLineInput] }) },
    resolve: async (_r, args, ctx) => {
      await saveLines(ctx, String(args.id), args.revision, lineInputs(args.lines));
      return byId(ctx, String(args.id));
    },
  }),
  saveTargetPlanDraft: t.field({
    type: TargetPlanRef,
    description: "Stores the draft's lines as they stand (blank cells left out), checking each cell but not the sums: a draft may be unfinished. The plan stays DRAFT; submit it separately. Refused whole (BAD_USER_INPUT with extensions.issues) when a cell cannot be stored.",
    authScopes: drafters,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), lines: t.arg({ type: [TargetLineInput] }) },
    resolve: async (_r, args, ctx) => {
      await saveDraft(ctx, String(args.id), args.revision, lineInputs(args.lines));
      return byId(ctx, String(args.id));
    },
  }),
  setTargetPlanTotal: t.field({
    type: TargetPlanRef,
    description: "Changes a draft's year target (a returned plan is a draft again), when no parent plan gives it one (refused with PLAN_TOTAL_FROM_PARENT otherwise). The lines are kept as they are: where they no longer add up to it, validation and submission say so.",
    authScopes: drafters,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), total: t.arg.string({ description: 'The year’s target in the metric’s unit (yuan with at most two decimals, or whole units).', validate: z.string().trim().min(1, 'Enter the year target').max(32) }) },
    resolve: async (_r, args, ctx) => {
      await setPlanTotal(ctx, String(args.id), args.revision, args.total);
      return byId(ctx, String(args.id));
    },
  }),
  submitTargetPlan: t.field({
    type: TargetPlanRef,
    authScopes: drafters,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ required: false, validate: comment }) },
    resolve: async (_r, args, ctx) => {
      await submitPlan(ctx, String(args.id), args.revision, args.comment);
      return byId(ctx, String(args.id));
    },
  }),
  approveTargetPlan: t.field({
    type: TargetPlanRef,
    description: 'By a manager above the scope unit, a director or an admin; never by the submitter.',
    authScopes: approvers,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ required: false, validate: comment }) },
    resolve: async (_r, args, ctx) => {
      await approvePlan(ctx, String(args.id), args.revision, args.comment);
      return byId(ctx, String(args.id));
    },
  }),
  returnTargetPlan: t.field({
    type: TargetPlanRef,
    description: 'Sends a submitted plan back to draft, saying why (an approved plan is changed by revising it as a new version).',
    authScopes: approvers,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ validate: z.string().trim().min(1, 'Say why the plan goes back').max(2000) }) },
    resolve: async (_r, args, ctx) => {
      await returnPlan(ctx, String(args.id), args.revision, args.comment);
      return byId(ctx, String(args.id));
    },
  }),
  publishTargetPlan: t.field({
    type: TargetPlanRef,
    description: 'Makes an approved plan visible to the people in it (myTargets).',
    authScopes: approvers,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int() },
    resolve: async (_r, args, ctx) => {
      await publishPlan(ctx, String(args.id), args.revision);
      return byId(ctx, String(args.id));
    },
  }),
  reviseTargetPlan: t.field({
    type: TargetPlanRef,
    description: 'Changing an approved or published plan: makes the next version as a draft; the old one is kept.',
    authScopes: drafters,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int() },
    resolve: async (_r, args, ctx) => byId(ctx, (await revisePlan(ctx, String(args.id), args.revision)).id),
  }),
}));
