/** Achievement, gaps and classes (issue 10 §2): per owner and period, and the classes kept as data. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { MetricEnum, OwnerKindEnum } from './enums.ts';
import { actualsArgs, actualsQuery, ResultPeriodRef, type ActualsArgs } from './Actuals.ts';
import { readAchievement, type AchievementCell, type AchievementRow, type AchievementView } from '../../results/achievement.ts';
import { resultClasses, setResultClasses } from '../../results/classes.ts';
import { achievement, gap, percentText, type ClassRule, type ClassScheme, type ResultClasses } from '../../../schema/achievement.ts';
import { METRICS, type MetricUnit } from '../../../schema/metrics.ts';
import { formatAmount } from '../../../schema/target-validation.ts';

type Cell = AchievementCell & { unit: MetricUnit };
const amount = (c: Cell, v: bigint | null) => (v === null ? null : formatAmount(c.unit, v));
const percent = (actual: bigint, target: bigint | null) => {
  const r = achievement(actual, target);
  return r ? percentText(r) : null;
};

const AchievementCellRef = builder.objectRef<Cell>('AchievementCell').implement({
  description: 'One owner in one period. Achievement is actual ÷ target, exact (the amounts are here); the percentages are rounded half-up to 0.01 % for display.',
  fields: (t) => ({
    periodKey: t.exposeString('periodKey'),
    actual: t.string({ resolve: (c) => amount(c, c.actual)! }),
    base: t.string({ nullable: true, description: 'The base target (基础指标) of the newest published plans; null when there is none for the period.', resolve: (c) => amount(c, c.base) }),
    stretch: t.string({ nullable: true, description: 'The stretch target (奋斗指标).', resolve: (c) => amount(c, c.stretch) }),
    baseAchievement: t.string({ nullable: true, description: 'Actual ÷ base as a percentage, e.g. "79.99".', resolve: (c) => percent(c.actual, c.base) }),
    stretchAchievement: t.string({ nullable: true, resolve: (c) => percent(c.actual, c.stretch) }),
    baseGap: t.string({ nullable: true, description: 'Base − actual: what is still missing; negative when beaten.', resolve: (c) => amount(c, gap(c.actual, c.base)) }),
    stretchGap: t.string({ nullable: true, resolve: (c) => amount(c, gap(c.actual, c.stretch)) }),
    class: t.string({ nullable: true, description: 'The class (people) or band (units) by the classes kept as data (resultClasses); null without a base target.', resolve: (c) => c.class }),
  }),
});

type Row = AchievementRow & { unit: MetricUnit };
const AchievementRowRef = builder.objectRef<Row>('AchievementRow').implement({
  fields: (t) => ({
    ownerKind: t.field({ type: OwnerKindEnum, resolve: (r) => r.kind }),
    ownerId: t.exposeID('id'),
    name: t.exposeString('name'),
    code: t.exposeString('code'),
    cells: t.field({ type: [AchievementCellRef], resolve: (r) => r.cells.map((c) => ({ ...c, unit: r.unit })) }),
  }),
});

const AchievementRef = builder.objectRef<AchievementView>('Achievement').implement({
  fields: (t) => ({
    metric: t.field({ type: MetricEnum, resolve: (a) => a.metric }),
    range: t.field({ type: ResultPeriodRef, resolve: (a) => a.range }),
    periods: t.field({ type: [ResultPeriodRef], resolve: (a) => a.periods }),
    rows: t.field({ type: [AchievementRowRef], resolve: (a) => a.rows.map((r) => ({ ...r, unit: METRICS[a.metric].unit })) }),
  }),
});

const AgainstEnum = builder.enumType('AchievementAgainst', { values: ['BASE', 'STRETCH'] as const });

const ClassRuleRef = builder.objectRef<ClassRule>('ClassRule').implement({
  description: 'Achievement against base (or stretch) at least (inclusive) or above (exclusive) a percentage gives the class.',
  fields: (t) => ({
    code: t.exposeString('code'),
    against: t.field({ type: AgainstEnum, resolve: (r) => r.against }),
    percent: t.exposeString('percent'),
    inclusive: t.exposeBoolean('inclusive'),
  }),
});
const ClassSchemeRef = builder.objectRef<ClassScheme>('ClassScheme').implement({
  fields: (t) => ({
    rules: t.field({ type: [ClassRuleRef], description: 'Tried in order; the first that holds wins.', resolve: (s) => s.rules }),
    otherwise: t.exposeString('otherwise', { description: 'The class when no rule holds.' }),
  }),
});
const ResultClassesRef = builder.objectRef<ResultClasses>('ResultClasses').implement({
  fields: (t) => ({
    persons: t.field({ type: ClassSchemeRef, description: 'Classes for people (met stretch, met base, about 90 %, …).', resolve: (c) => c.persons }),
    units: t.field({ type: ClassSchemeRef, description: 'A/B/C bands for units.', resolve: (c) => c.units }),
  }),
});

const ClassRuleInput = builder.inputType('ClassRuleInput', {
  fields: (t) => ({
    code: t.string({ validate: z.string().max(24) }),
    against: t.field({ type: AgainstEnum }),
    percent: t.string({ validate: z.string().max(16) }),
    inclusive: t.boolean(),
  }),
});
const ClassSchemeInput = builder.inputType('ClassSchemeInput', {
  fields: (t) => ({
    rules: t.field({ type: [ClassRuleInput], validate: z.array(z.any()).max(20) }),
    otherwise: t.string({ validate: z.string().max(24) }),
  }),
});
const ResultClassesInput = builder.inputType('ResultClassesInput', {
  fields: (t) => ({
    persons: t.field({ type: ClassSchemeInput }),
    units: t.field({ type: ClassSchemeInput }),
  }),
});

builder.queryFields((t) => ({
  achievement: t.field({
    type: AchievementRef,
    description: 'Targets (base and stretch), actual, achievement, gap and class per owner and period; the same owners, periods and filtering as actuals.',
    authScopes: { signedIn: true },
    args: actualsArgs(t),
    resolve: (_r, args, ctx) => readAchievement(ctx, actualsQuery(args as ActualsArgs)),
  }),
  resultClasses: t.field({ type: ResultClassesRef, description: 'The classes and bands achievement puts people and units in.', authScopes: { signedIn: true }, resolve: (_r, _a, ctx) => resultClasses(ctx) }),
}));

builder.mutationFields((t) => ({
  setResultClasses: t.field({
    type: ResultClassesRef,
    description: 'Replaces the classes and bands (admins; audited). Refused whole when a code, a percentage or the order of thresholds is wrong.',
    authScopes: { admin: true },
    args: { classes: t.arg({ type: ResultClassesInput }) },
    resolve: (_r, args, ctx) => setResultClasses(ctx, args.classes as ResultClasses),
  }),
}));
