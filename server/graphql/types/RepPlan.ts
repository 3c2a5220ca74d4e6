/** Reps' monthly plans (issue 11 §2): the rep's own plan (weeks, key customers, reason below target), draft → submitted → accepted or returned; who handed in what. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { RepPlanStatus } from '../../db/generated/sqlite/client/enums.ts';
import { decideRepPlan, getRepPlan, myRepPlan, ownCustomers, saveRepPlan, submitRepPlan, unitNameIn, type MyRepPlan, type RepPlanView } from '../../rep-plans/plans.ts';
import { repPlanRoster, type RepPlanRosterRow } from '../../rep-plans/roster.ts';
import { startPlanTemplatesZip } from '../../jobs/jobs.ts';
import { JobRef } from './Job.ts';
import { repPlanDueDay, setRepPlanDueDay } from '../../rep-plans/settings.ts';
import { IssueParamRef } from './TargetPlan.ts';
import { dayToDate } from '../../../schema/dates.ts';
import { formatMoney } from '../../../schema/money.ts';
import { MAX_PLAN_FEN } from '../../../schema/rep-plan.ts';

const id = z.string().min(1).max(64);
const month = z.string().min(6).max(10);
const comment = z.string().max(500);
const deciders = { manager: true, director: true } as const;
/** Sales people plan their own months. */
const planners = { rep: true, manager: true } as const;

export const RepPlanStatusEnum = builder.enumType(RepPlanStatus, {
  name: 'RepPlanStatus',
  description: 'DRAFT → SUBMITTED (by the rep) → ACCEPTED or RETURNED (by a manager over them, with a comment); editing a returned plan starts the next version.',
});
const TimelinessEnum = builder.enumType('RepPlanTimeliness', {
  values: ['ON_TIME', 'LATE', 'DUE', 'MISSING'] as const,
  description: 'Submitted on or before the due day, after it; not yet submitted with the day still to come, or after it has passed.',
});

const RepPlanWeekRef = builder.objectRef<RepPlanView['weeks'][number]>('RepPlanWeek').implement({
  fields: (t) => ({
    weekKey: t.exposeString('weekKey', { description: 'A week of the month, "2026-03-W2" (Monday to Sunday, cut at the month’s edges).' }),
    sales: t.exposeString('sales', { description: 'Planned sales, yuan.' }),
    calls: t.exposeInt('calls'),
    visits: t.exposeInt('visits'),
    events: t.exposeInt('events'),
  }),
});
const RepPlanCustomerRef = builder.objectRef<RepPlanView['customers'][number]>('RepPlanCustomer').implement({
  fields: (t) => ({ customer: t.exposeString('customer', { description: 'The customer’s code.' }), sales: t.exposeString('sales'), visits: t.exposeInt('visits') }),
});
const RepPlanIssueRef = builder.objectRef<RepPlanView['issues'][number]>('RepPlanIssue').implement({
  fields: (t) => ({
    reason: t.exposeString('reason'),
    params: t.field({ type: [IssueParamRef], resolve: (i) => Object.entries(i.params).map(([name, value]) => ({ name, value: String(value) })) }),
    field: t.exposeString('field', { description: '"weeks.2.calls", "customers.0.customer", "belowTargetReason" or "plan".' }),
    severity: t.exposeString('severity', { description: 'error or warning.' }),
  }),
});
const RepPlanEventRef = builder.objectRef<RepPlanView['events'][number]>('RepPlanEvent').implement({
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.exposeString('actor'),
    action: t.exposeString('action'),
    fromStatus: t.field({ type: RepPlanStatusEnum, nullable: true, resolve: (e) => e.fromStatus }),
    toStatus: t.field({ type: RepPlanStatusEnum, resolve: (e) => e.toStatus }),
    comment: t.exposeString('comment', { nullable: true }),
  }),
});

export const RepPlanRef = builder.objectRef<RepPlanView>('RepPlan').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    personId: t.exposeID('personId'),
    personName: t.exposeString('personName'),
    employeeNo: t.exposeString('employeeNo'),
    unitId: t.exposeID('unitId'),
    unitName: t.exposeString('unitName'),
    month: t.exposeString('month'),
    version: t.exposeInt('version'),
    status: t.field({ type: RepPlanStatusEnum, resolve: (p) => p.status }),
    revision: t.exposeInt('revision'),
    dueOn: t.field({ type: 'Date', resolve: (p) => dayToDate(p.dueOn) }),
    timeliness: t.field({ type: TimelinessEnum, resolve: (p) => p.timeliness }),
    target: t.exposeString('target', { nullable: true, description: 'The rep’s published base sales target for the month, yuan; null without one.' }),
    planned: t.exposeString('planned', { description: 'The sum of the weeks’ planned sales, yuan.' }),
    belowTargetReason: t.exposeString('belowTargetReason', { nullable: true }),
    weeks: t.field({ type: [RepPlanWeekRef], resolve: (p) => p.weeks }),
    customers: t.field({ type: [RepPlanCustomerRef], resolve: (p) => p.customers }),
    issues: t.field({ type: [RepPlanIssueRef], description: 'The shared checks as the plan stands (warnings too).', resolve: (p) => p.issues }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    decisionComment: t.exposeString('decisionComment', { nullable: true }),
    events: t.field({ type: [RepPlanEventRef], resolve: (p) => p.events }),
    canEdit: t.exposeBoolean('canEdit', { description: 'The viewer’s own plan, a draft or returned.' }),
    canDecide: t.exposeBoolean('canDecide', { description: 'Submitted, and the viewer is a manager over the rep (or the sales director).' }),
  }),
});

const PlanWeekRef = builder.objectRef<MyRepPlan['weeks'][number]>('RepPlanMonthWeek').implement({
  fields: (t) => ({ key: t.exposeString('key'), start: t.field({ type: 'Date', resolve: (w) => dayToDate(w.start) }), end: t.field({ type: 'Date', resolve: (w) => dayToDate(w.end) }) }),
});
const PlanPersonRef = builder.objectRef<NonNullable<MyRepPlan['person']>>('RepPlanPerson').implement({
  fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name'), employeeNo: t.exposeString('employeeNo') }),
});
const TemplateCustomerRef = builder.objectRef<{ code: string; name: string; tier: string }>('RepPlanTemplateCustomer').implement({
  description: 'A customer the rep owns, as a plan template’s cover lists it.',
  fields: (t) => ({ code: t.exposeString('code'), name: t.exposeString('name'), tier: t.exposeString('tier', { description: 'GENERAL, IMPORTANT or CORE.' }) }),
});
const MyRepPlanRef = builder.objectRef<MyRepPlan>('MyRepPlan').implement({
  fields: (t) => ({
    person: t.field({ type: PlanPersonRef, nullable: true, description: 'The viewer, whose plan it is; null for someone with no place in the organisation.', resolve: (m) => m.person }),
    month: t.exposeString('month'),
    weeks: t.field({ type: [PlanWeekRef], description: 'The weeks the plan has rows for.', resolve: (m) => m.weeks }),
    target: t.exposeString('target', { nullable: true }),
    stretchTarget: t.exposeString('stretchTarget', { nullable: true, description: 'The published stretch sales target for the month (奋斗指标), yuan; null without one.' }),
    dueOn: t.field({ type: 'Date', resolve: (p) => dayToDate(p.dueOn) }),
    plan: t.field({ type: RepPlanRef, nullable: true, description: 'The newest version; null before the first save.', resolve: (m) => m.plan }),
    earlier: t.field({ type: [RepPlanRef], description: 'Earlier versions, newest first.', resolve: (m) => m.earlier }),
    customerCodes: t.stringList({ description: 'The codes of the customers the rep may plan for (their own).', resolve: (m) => m.customerCodes }),
    unitName: t.string({ nullable: true, description: 'The unit the person was assigned to in the month, for a plan template’s cover.', resolve: (m, _, ctx) => (m.person ? unitNameIn(ctx, m.person.id, m.month) : null) }),
    customers: t.field({ type: [TemplateCustomerRef], description: 'The customers the person owns, by code, for a plan template’s cover.', resolve: (m, _, ctx) => (m.person ? ownCustomers(ctx, m.person.id) : []) }),
  }),
});

const RosterRowRef = builder.objectRef<RepPlanRosterRow>('RepPlanRosterRow').implement({
  fields: (t) => ({
    personId: t.exposeID('personId'),
    personName: t.exposeString('personName'),
    employeeNo: t.exposeString('employeeNo'),
    unitName: t.exposeString('unitName'),
    planId: t.exposeID('planId', { nullable: true }),
    status: t.field({ type: RepPlanStatusEnum, nullable: true, resolve: (r) => r.status }),
    version: t.exposeInt('version', { nullable: true }),
    revision: t.exposeInt('revision', { nullable: true }),
    dueOn: t.field({ type: 'Date', resolve: (p) => dayToDate(p.dueOn) }),
    timeliness: t.field({ type: TimelinessEnum, resolve: (r) => r.timeliness }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    target: t.exposeString('target', { nullable: true }),
    planned: t.exposeString('planned', { nullable: true }),
    decisionComment: t.exposeString('decisionComment', { nullable: true }),
    belowTargetReason: t.exposeString('belowTargetReason', { nullable: true, description: 'Why the newest version plans below the target, as the rep wrote it.' }),
    canDecide: t.exposeBoolean('canDecide', { description: 'The newest version is submitted and the viewer may accept or return it.' }),
  }),
});

/** What a planned amount may be (schema/rep-plan.ts MAX_PLAN_FEN). */
const PLANNED_SALES = `Planned sales, yuan: from 0 to ${formatMoney(MAX_PLAN_FEN)}; more is refused (REP_PLAN_OUT_OF_RANGE), as a negative amount is (REP_PLAN_NEGATIVE).`;

const WeekInput = builder.inputType('RepPlanWeekInput', {
  fields: (t) => ({
    weekKey: t.string({ validate: z.string().min(1).max(16) }),
    sales: t.field({ type: 'Money', description: PLANNED_SALES }),
    calls: t.int(),
    visits: t.int(),
    events: t.int(),
  }),
});
const CustomerInput = builder.inputType('RepPlanCustomerInput', {
  fields: (t) => ({ customer: t.string({ validate: z.string().trim().min(1).max(32) }), sales: t.field({ type: 'Money', description: PLANNED_SALES }), visits: t.int() }),
});
const RepPlanInput = builder.inputType('RepPlanInput', {
  fields: (t) => ({
    weeks: t.field({ type: [WeekInput], validate: z.array(z.any()).max(6) }),
    customers: t.field({ type: [CustomerInput], validate: z.array(z.any()).max(200) }),
    belowTargetReason: t.string({ required: false, validate: z.string().max(2000).optional().nullable() }),
  }),
});

builder.queryFields((t) => ({
  myRepPlan: t.field({
    type: MyRepPlanRef,
    description: 'The viewer’s own plan for a month: its weeks, the published target, the due day, and the versions so far.',
    authScopes: { signedIn: true },
    args: { month: t.arg.string({ validate: month }) },
    resolve: (_r, args, ctx) => myRepPlan(ctx, args.month),
  }),
  repPlan: t.field({
    type: RepPlanRef,
    description: 'One plan version the viewer may read (their own; a manager their subtree’s).',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ validate: id }) },
    resolve: (_r, args, ctx) => getRepPlan(ctx, String(args.id)),
  }),
  repPlanRoster: t.field({
    type: [RosterRowRef],
    description: 'Every sales rep whose unit for the month (the one in force on its last day they were assigned: after a transfer, the new one) lies in the viewer’s subtree (or under one unit), with their newest plan and whether it is on time, late, due or missing.',
    authScopes: { manager: true, director: true, generalManager: true, admin: true },
    args: { month: t.arg.string({ validate: month }), unitId: t.arg.id({ required: false }) },
    resolve: (_r, args, ctx) => repPlanRoster(ctx, args.month, args.unitId ? String(args.unitId) : null),
  }),
  repPlanDueDay: t.int({
    description: 'The day of the month before on which a month’s plan is due (28 by default).',
    authScopes: { signedIn: true },
    resolve: (_r, _a, ctx) => repPlanDueDay(ctx),
  }),
}));

const TemplateLanguageEnum = builder.enumType('TemplateLanguage', {
  description: 'The language a template’s cover, headers and notes are written in.',
  values: { ZH_CN: { value: 'zh-CN' }, EN: { value: 'en' } } as const,
});

builder.mutationFields((t) => ({
  startPlanTemplatesZip: t.field({
    type: JobRef,
    description:
      'Makes the plan template of every rep in the viewer’s units (or under one unit) for a month, one .xlsx each in a zip, as a job returned at once (as GET /plan-templates.zip does within the request). When it has succeeded, Job.file gives the link to download it, for a day. Refused at once for a role that does not hand out templates, a bad month, a unit not the viewer’s (NOT_FOUND), more than 2,000 reps, or none.',
    authScopes: { manager: true, director: true, admin: true },
    args: {
      month: t.arg.string({ validate: month }),
      unitId: t.arg.id({ required: false, validate: id.optional() }),
      language: t.arg({ type: TemplateLanguageEnum, required: false, description: 'Chinese unless EN.' }),
    },
    resolve: (_r, args, ctx) => startPlanTemplatesZip(ctx, args.month, args.unitId ? String(args.unitId) : null, args.language ?? 'zh-CN'),
  }),
  saveRepPlan: t.field({
    type: RepPlanRef,
    description: 'Saves the viewer’s own plan for a month as a draft (a returned plan: the next version). Refused whole, naming each problem’s place. Audited.',
    authScopes: planners,
    args: { month: t.arg.string({ validate: month }), revision: t.arg.int({ required: false, description: 'The draft’s revision as read; omit for a new plan.' }), input: t.arg({ type: RepPlanInput }) },
    resolve: (_r, args, ctx) =>
      saveRepPlan(
        ctx,
        args.month,
        {
          weeks: args.input.weeks.map((w) => ({ weekKey: w.weekKey, sales: w.sales, calls: w.calls, visits: w.visits, events: w.events })),
          customers: args.input.customers.map((c) => ({ customer: c.customer, sales: c.sales, visits: c.visits })),
          belowTargetReason: args.input.belowTargetReason ?? null,
        },
        args.revision ?? null,
      ),
  }),
  submitRepPlan: t.field({
    type: RepPlanRef,
    description: 'Submits the viewer’s own draft; every check must pass (below target needs a reason). Audited.',
    authScopes: planners,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int() },
    resolve: (_r, args, ctx) => submitRepPlan(ctx, String(args.id), args.revision),
  }),
  acceptRepPlan: t.field({
    type: RepPlanRef,
    description: 'Accepts a submitted plan (a manager over the rep, or the sales director; never one’s own). Audited.',
    authScopes: deciders,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ required: false, validate: comment.optional().nullable() }) },
    resolve: (_r, args, ctx) => decideRepPlan(ctx, String(args.id), args.revision, 'ACCEPTED', args.comment ?? null),
  }),
  returnRepPlan: t.field({
    type: RepPlanRef,
    description: 'Returns a submitted plan to the rep with a comment saying what to change. Audited.',
    authScopes: deciders,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ validate: comment }) },
    resolve: (_r, args, ctx) => decideRepPlan(ctx, String(args.id), args.revision, 'RETURNED', args.comment),
  }),
  setRepPlanDueDay: t.int({
    description: 'Sets the day of the month before on which plans are due (1-31; a shorter month: its last day). Applies to plans started afterwards. Audited.',
    authScopes: { admin: true },
    args: { day: t.arg.int() },
    resolve: (_r, args, ctx) => setRepPlanDueDay(ctx, args.day),
  }),
}));
