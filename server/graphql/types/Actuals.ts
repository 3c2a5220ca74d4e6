/** Actuals (issue 10 §1): a metric summed per owner and period, filtered by the viewer's scope. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { MetricEnum, OwnerKindEnum } from './enums.ts';
import { readActuals, type Actuals, type ActualsOwner, type ActualsQuery } from '../../results/actuals.ts';
import { GRAINS, type Grain } from '../../../schema/results.ts';
import { METRICS } from '../../../schema/metrics.ts';
import { formatAmount } from '../../../schema/target-validation.ts';
import { dateToDay } from '../../../schema/dates.ts';
import type { Bucket } from '../../../schema/results.ts';
import type { Metric } from '../../db/generated/sqlite/client/enums.ts';

export const GrainEnum = builder.enumType('PeriodGrain', {
  values: GRAINS,
  description:
    'What a range is summed by: DAY ("2026-03-12"), TEN_DAYS (旬, "2026-03-D2"), HALF_MONTH ("2026-03-H1"), MONTH ("2026-03"), QUARTER ("2026-Q1"), YEAR ("2026"), or YEAR_TO_DATE (one period, "2026-YTD", from the fiscal year’s first day to the end of the period asked for or asOf, whichever comes first).',
});

export const ActualsByEnum = builder.enumType('ActualsBy', {
  values: ['PERSON', 'CHILD_UNIT', 'UNIT'] as const,
  description: 'For a unit: one row per person who sold or was assigned in its subtree during the range, per child unit (with the unit itself when people assigned to it directly sold), or the unit as one row.',
});

export const ResultPeriodRef = builder.objectRef<Bucket>('ResultPeriod').implement({
  description: 'A period of a results read: its key and days (inclusive), cut to the range read.',
  fields: (t) => ({
    key: t.exposeString('key'),
    start: t.exposeString('start'),
    end: t.exposeString('end'),
  }),
});

type Row = ActualsOwner & { cells: string[]; total: string };

const ActualsRowRef = builder.objectRef<Row>('ActualsRow').implement({
  fields: (t) => ({
    ownerKind: t.field({ type: OwnerKindEnum, resolve: (r) => r.kind }),
    ownerId: t.exposeID('id'),
    name: t.exposeString('name'),
    code: t.exposeString('code', { description: 'Employee number, or the unit’s code.' }),
    values: t.exposeStringList('cells', { description: 'One per period, in the order of `periods`: yuan with two decimals for money, whole numbers for counts.' }),
    total: t.exposeString('total', { description: 'The row over the whole range.' }),
  }),
});

type View = Actuals & { rows: Row[]; totals: string[]; total: string };

const ActualsRef = builder.objectRef<View>('Actuals').implement({
  fields: (t) => ({
    metric: t.field({ type: MetricEnum, resolve: (a) => a.metric }),
    range: t.field({ type: ResultPeriodRef, resolve: (a) => a.range }),
    periods: t.field({ type: [ResultPeriodRef], resolve: (a) => a.periods }),
    rows: t.field({ type: [ActualsRowRef], resolve: (a) => a.rows }),
    totals: t.exposeStringList('totals', { description: 'Each period over all rows.' }),
    total: t.exposeString('total'),
  }),
});

/** Dense rows, formatted in the metric's unit. */
export function actualsView(a: Actuals): View {
  const unit = METRICS[a.metric as Metric].unit;
  const totals = a.periods.map(() => 0n);
  const rows = a.owners.map((o) => {
    const v = a.values.get(o.id);
    let total = 0n;
    const cells = a.periods.map((p, i) => {
      const x = v?.get(p.key) ?? 0n;
      total += x;
      totals[i]! += x;
      return formatAmount(unit, x);
    });
    return { ...o, cells, total: formatAmount(unit, total) };
  });
  return { ...a, rows, totals: totals.map((x) => formatAmount(unit, x)), total: formatAmount(unit, totals.reduce((n, x) => n + x, 0n)) };
}

/** What a results read takes (actuals, achievement): the period, grain, metric and whose. */
export const actualsArgs = (t: any) => ({
  period: t.arg.string({ validate: z.string().min(1).max(16) }),
  grain: t.arg({ type: GrainEnum }),
  metric: t.arg({ type: MetricEnum }),
  unitId: t.arg.id({ required: false, validate: z.string().min(1).max(64).optional().nullable() }),
  personId: t.arg.id({ required: false, validate: z.string().min(1).max(64).optional().nullable() }),
  by: t.arg({ type: ActualsByEnum, required: false }),
  asOf: t.arg({ type: 'Date', required: false, description: 'Where YEAR_TO_DATE ends; today (China Standard Time) by default.' }),
});

export type ActualsArgs = { period: string; grain: Grain; metric: Metric; unitId?: string | number | null; personId?: string | number | null; by?: ActualsQuery['by']; asOf?: Date | null };

/** The service's query from those arguments. */
export const actualsQuery = (args: ActualsArgs): ActualsQuery => ({
  periodKey: args.period,
  grain: args.grain,
  metric: args.metric,
  unitId: args.unitId ? String(args.unitId) : null,
  personId: args.personId ? String(args.personId) : null,
  by: args.by ?? null,
  asOf: args.asOf ? dateToDay(args.asOf) : null,
});

builder.queryFields((t) => ({
  actuals: t.field({
    type: ActualsRef,
    description:
      'A metric summed per owner and period over a period (a period key: "2026", "2026-Q1", "2026-03", "2026-03-D2", "2026-03-H1", "2026-03-12"). For a unit (its subtree as of each sale’s date), a person, or — with neither — the viewer’s own sales. A rep reads only their own; a manager units and people of their subtrees.',
    authScopes: { signedIn: true },
    args: actualsArgs(t),
    resolve: async (_r, args, ctx) => actualsView(await readActuals(ctx, actualsQuery(args as ActualsArgs))),
  }),
}));
