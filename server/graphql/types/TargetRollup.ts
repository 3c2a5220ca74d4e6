/** TargetRollup: linked target plans from a unit down to people, each level's total and whether it matches. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { MetricEnum, OwnerKindEnum, TargetLevelEnum } from './enums.ts';
import { targetRollup, type RollupRow } from '../../targets/rollup.ts';
import { parentFigure } from '../../targets/parent-figure.ts';
import { ParentTargetRef } from './TargetPlan.ts';
import { fiscalCalendar } from '../../targets/calendar.ts';
import { viewerScope, maySeeUnit } from '../../access.ts';
import { notFound } from '../../errors.ts';
import { METRICS } from '../../../schema/metrics.ts';
import { formatAmount } from '../../../schema/target-validation.ts';
import type { Metric } from '../../db/generated/sqlite/client/enums.ts';

type Row = RollupRow & { metric: Metric };
const id = z.string().min(1).max(64);
const year = z.number().int().min(2000).max(2100);
const amount = (r: { metric: Metric }, v: bigint | null) => (v === null ? null : formatAmount(METRICS[r.metric].unit, v));

const TargetRollupRowRef = builder.objectRef<Row>('TargetRollupRow').implement({
  description: 'One level of the chain: a unit with its own plan, or a person in a team plan. Rows come parent first (depth 0 is the unit asked for).',
  fields: (t) => ({
    depth: t.exposeInt('depth'),
    ownerKind: t.expose('ownerKind', { type: OwnerKindEnum }),
    ownerId: t.exposeID('ownerId'),
    ownerName: t.exposeString('ownerName'),
    parentOwnerId: t.exposeID('parentOwnerId', { nullable: true }),
    planId: t.exposeID('planId', { nullable: true }),
    planVersion: t.exposeInt('planVersion', { nullable: true }),
    planStatus: t.exposeString('planStatus', { nullable: true }),
    total: t.string({ nullable: true, resolve: (r) => amount(r, r.total) }),
    assigned: t.string({ nullable: true, description: 'What the level above gives this row.', resolve: (r) => amount(r, r.assigned) }),
    childrenTotal: t.string({ nullable: true, description: 'What the rows below add up to in this row’s plan.', resolve: (r) => amount(r, r.childrenTotal) }),
    matches: t.exposeBoolean('matches', { description: 'The total equals what the level above gives it and what the rows below add up to.' }),
  }),
});

builder.queryFields((t) => ({
  targetRollup: t.field({
    type: [TargetRollupRowRef],
    description: 'For a unit and year: its plan, each child unit’s plan against the figure it was given, down to people, and whether each level matches.',
    authScopes: { manager: true, director: true, generalManager: true, finance: true, admin: true },
    args: {
      unitId: t.arg.id({ validate: id }),
      year: t.arg.int({ validate: year }),
      metric: t.arg({ type: MetricEnum }),
      level: t.arg({ type: TargetLevelEnum }),
    },
    resolve: async (_r, args, ctx) => (await targetRollup(ctx, String(args.unitId), args)).map((r) => ({ ...r, metric: args.metric })),
  }),
  parentTargetFigure: t.field({
    type: ParentTargetRef,
    nullable: true,
    description: 'The total a new plan for the unit starts with: what its parent’s published plan gives it (null when there is none).',
    authScopes: { manager: true, director: true, generalManager: true, admin: true },
    args: {
      unitId: t.arg.id({ validate: id }),
      year: t.arg.int({ validate: year }),
      metric: t.arg({ type: MetricEnum }),
      level: t.arg({ type: TargetLevelEnum }),
    },
    resolve: async (_r, args, ctx) => {
      const scope = await viewerScope(ctx);
      const unit = await ctx.prisma.orgUnit.findUnique({ where: { id: String(args.unitId) }, select: { path: true } });
      if (!unit || !maySeeUnit(scope, unit.path)) throw notFound('OrgUnit', String(args.unitId));
      const figure = await parentFigure(ctx.prisma, args, String(args.unitId), await fiscalCalendar(ctx));
      return figure && { ...figure, metric: args.metric };
    },
  }),
}));
