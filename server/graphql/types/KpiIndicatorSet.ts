/** KPI indicator sets (考核指标, issue 10 §4): one per role, read by everyone signed in, edited by admins. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { KpiComputation, KpiGrade, KpiGroup, KpiRole } from '../../db/generated/sqlite/client/enums.ts';
import { listSets, parseBands, saveSet, type SetRecord } from '../../kpi/sets.ts';
import { formatScaled, WEIGHT_PLACES, type GradeBand } from '../../../schema/kpi.ts';

export const KpiRoleEnum = builder.enumType(KpiRole, { name: 'KpiRole', description: 'Whose set: REP (sales reps), MANAGER (account and regional managers, the sales director).' });
export const KpiGroupEnum = builder.enumType(KpiGroup, { name: 'KpiGroup', description: 'SALES 销量, PLANNING 计划能力, PROCESS 过程管理, ADMIN 内部行政, ATTITUDE 能力/态度.' });
export const KpiComputationEnum = builder.enumType(KpiComputation, {
  name: 'KpiComputation',
  description:
    'How a computed indicator is filled in: SALES_ACHIEVEMENT (own sales ÷ base sales target, %), TEAM_SALES_ACHIEVEMENT (sales of the units one manages ÷ their base target, %), COLLECTION_RATE (collections ÷ sales, %), NEW_CUSTOMERS (count), and the work habits from submitted work logs and reports: CALLS_PER_DAY (calls ÷ working days so far), VISITS_PER_WEEK (visits per 7 days so far; visit slips not added), REPORTS_ON_TIME (weekly and monthly reports handed in on time ÷ those due, %).',
});
export const KpiGradeEnum = builder.enumType(KpiGrade, { name: 'KpiGrade', description: 'EXCELLENT 优秀, GOOD 良好, PASS 合格, FAIL 不合格.' });

export const KpiGradeBandRef = builder.objectRef<GradeBand>('KpiGradeBand').implement({
  description: 'A grade’s minimum total (0-100); inclusive: a total equal to min is in the band.',
  fields: (t) => ({
    grade: t.field({ type: KpiGradeEnum, resolve: (b) => b.grade }),
    min: t.exposeString('min'),
    inclusive: t.exposeBoolean('inclusive'),
  }),
});

const KpiIndicatorRef = builder.objectRef<SetRecord['indicators'][number]>('KpiIndicator').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    group: t.field({ type: KpiGroupEnum, resolve: (i) => i.group }),
    weight: t.string({ description: 'A percentage, e.g. "45" or "12.5".', resolve: (i) => formatScaled(BigInt(i.weightBp), WEIGHT_PLACES) }),
    computed: t.boolean({ resolve: (i) => i.computation !== null }),
    computation: t.field({ type: KpiComputationEnum, nullable: true, resolve: (i) => i.computation }),
    fullMarksAt: t.exposeString('fullMarksAt', { nullable: true, description: 'Computed: the value earning full marks (a percentage for rates, a number a month for counts).' }),
    maxScore: t.exposeInt('maxScore', { nullable: true, description: 'Scored by the manager: the highest whole score.' }),
  }),
});

const KpiIndicatorSetRef = builder.objectRef<SetRecord>('KpiIndicatorSet').implement({
  description: 'A role’s KPI indicators: weights sum to exactly 100 %; grade bands and the comment threshold are data.',
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.field({ type: KpiRoleEnum, resolve: (s) => s.role }),
    name: t.exposeString('name'),
    version: t.exposeInt('version'),
    commentBelowPercent: t.exposeInt('commentBelowPercent', { description: 'A manager’s score below this percentage of an indicator’s max needs a comment.' }),
    gradeBands: t.field({ type: [KpiGradeBandRef], description: 'EXCELLENT, GOOD, PASS, best first; below them all is FAIL.', resolve: (s) => parseBands(s.gradeBands) }),
    indicators: t.field({ type: [KpiIndicatorRef], resolve: (s) => s.indicators }),
  }),
});

const KpiIndicatorInput = builder.inputType('KpiIndicatorInput', {
  fields: (t) => ({
    code: t.string({ validate: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,31}$/, 'a code such as salesAchievement') }),
    name: t.string({ validate: z.string().trim().min(1).max(64) }),
    group: t.field({ type: KpiGroupEnum }),
    weight: t.string({ description: 'A percentage above 0 with at most two decimals; the set’s weights sum to exactly 100.', validate: z.string().max(16) }),
    computation: t.field({ type: KpiComputationEnum, required: false, description: 'Set: computed from data; left out: scored by the manager.' }),
    fullMarksAt: t.string({ required: false, validate: z.string().max(16).optional().nullable() }),
    maxScore: t.int({ required: false }),
  }),
});

const KpiGradeBandInput = builder.inputType('KpiGradeBandInput', {
  fields: (t) => ({
    grade: t.field({ type: KpiGradeEnum }),
    min: t.string({ validate: z.string().max(16) }),
    inclusive: t.boolean(),
  }),
});

const KpiIndicatorSetInput = builder.inputType('KpiIndicatorSetInput', {
  fields: (t) => ({
    name: t.string({ validate: z.string().trim().min(1).max(64) }),
    commentBelowPercent: t.int({ validate: z.number().int().min(0).max(100) }),
    gradeBands: t.field({ type: [KpiGradeBandInput] }),
    indicators: t.field({ type: [KpiIndicatorInput], validate: z.array(z.any()).max(50) }),
  }),
});

builder.queryFields((t) => ({
  kpiIndicatorSets: t.field({
    type: [KpiIndicatorSetRef],
    description: 'The KPI indicator sets, one per role (how people are assessed is open to everyone signed in).',
    authScopes: { signedIn: true },
    resolve: (_r, _a, ctx) => listSets(ctx),
  }),
}));

builder.mutationFields((t) => ({
  saveKpiIndicatorSet: t.field({
    type: KpiIndicatorSetRef,
    description: 'Replaces a role’s indicator set (admins): refused whole, changing nothing, unless the weights sum to exactly 100 % and every indicator and band is valid; audited. Scorecards opened before keep the set they were opened with.',
    authScopes: { admin: true },
    args: {
      role: t.arg({ type: KpiRoleEnum }),
      version: t.arg.int({ description: 'The version edited (optimistic concurrency).' }),
      input: t.arg({ type: KpiIndicatorSetInput }),
    },
    resolve: (_r, args, ctx) =>
      saveSet(ctx, args.role, args.version, {
        name: args.input.name.trim(),
        commentBelowPercent: args.input.commentBelowPercent,
        gradeBands: args.input.gradeBands.map((b) => ({ grade: b.grade as GradeBand['grade'], min: b.min, inclusive: b.inclusive })),
        indicators: args.input.indicators.map((i) => ({
          code: i.code,
          name: i.name.trim(),
          group: i.group,
          weight: i.weight,
          computation: i.computation ?? null,
          fullMarksAt: i.fullMarksAt ?? null,
          maxScore: i.maxScore ?? null,
        })),
      }),
  }),
}));
