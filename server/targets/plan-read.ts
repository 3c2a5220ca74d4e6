/**
 * Reading target plans, filtered by the viewer's scope in the query itself:
 * managers see plans of their subtree; directors, finance and admins all;
 * reps only their own published targets (myTargets).
 */
import type { Context } from '../graphql/context.ts';
import { Prisma } from '../db/client.ts';
import { readRows } from '../db/direct-read.ts';
import type { Metric, PlanStatus, TargetLevel } from '../db/generated/sqlite/client/enums.ts';
import { viewerScope, type Scope } from '../access.ts';
import { notFound } from '../errors.ts';
import { METRICS } from '../../schema/metrics.ts';
import { formatAmount } from '../../schema/target-validation.ts';
import { fiscalCalendar } from './calendar.ts';
import { planShape, type PlanShape } from './plan-shape.ts';
import { parentFigure, parentFigures, type ParentFigure } from './parent-figure.ts';
import { decisionsFor, type Decisions, type Submission } from './decisions.ts';

type PlanWithUnit = Prisma.TargetPlanGetPayload<{ include: { scopeUnit: { select: { name: true; code: true; parentId: true; path: true; managerId: true } } } }>;
const UNIT_FIELDS = { name: true, code: true, parentId: true, path: true, managerId: true } as const;
/**
 * A plan as listed: with the figure its parent's published plan gives it (if
 * any), its latest submission, and what the viewer may decide on it.
 */
export type PlanSummary = PlanWithUnit & { parent: ParentFigure | null; submission: Submission | null; decisions: Decisions };

export interface PlanView {
  plan: PlanSummary;
  shape: PlanShape;
  lines: { ownerId: string; periodKey: string; amount: string }[];
  events: Prisma.PlanEventGetPayload<object>[];
}

export function plansVisible(scope: Scope): Prisma.TargetPlanWhereInput {
  if (scope.everything) return {};
  if (!scope.unitPaths.length) return { id: { in: [] } };
  return { OR: scope.unitPaths.map((p) => ({ scopeUnit: { path: { startsWith: p } } })) };
}

export async function planView(ctx: Context, id: string): Promise<PlanView> {
  const scope = await viewerScope(ctx);
  const found = await ctx.prisma.targetPlan.findFirst({ where: { AND: [{ id }, plansVisible(scope)] }, include: { scopeUnit: { select: UNIT_FIELDS } } });
  if (!found) throw notFound('TargetPlan', id);
  const calendar = await fiscalCalendar(ctx);
  const submission = (await submissions(ctx, [id])).get(id) ?? null;
  const plan: PlanSummary = { ...found, parent: await parentFigure(ctx.prisma, found, found.scopeUnitId, calendar), submission, decisions: decisionsFor(ctx.viewer, scope, found, submission) };
  const [shape, lines, events] = await Promise.all([
    planShape(ctx.prisma, plan, calendar),
    ctx.prisma.targetLine.findMany({ where: { planId: id } }),
    ctx.prisma.planEvent.findMany({ where: { planId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
  ]);
  const unit = METRICS[plan.metric].unit;
  return { plan, shape, lines: lines.map((l) => ({ ownerId: l.ownerId, periodKey: l.periodKey, amount: formatAmount(unit, l.amount) })), events };
}

export async function listPlans(ctx: Context, filter: { year?: number | null; status?: PlanStatus | null; metric?: Metric | null; level?: TargetLevel | null }) {
  const scope = await viewerScope(ctx);
  const plans = await ctx.prisma.targetPlan.findMany({
    where: { AND: [plansVisible(scope), { year: filter.year ?? undefined, status: filter.status ?? undefined, metric: filter.metric ?? undefined, level: filter.level ?? undefined }] },
    include: { scopeUnit: { select: UNIT_FIELDS } },
    orderBy: [{ year: 'desc' }, { scopeUnitId: 'asc' }, { metric: 'asc' }, { level: 'asc' }, { version: 'desc' }],
    take: 500,
  });
  const parents = await parentFigures(ctx.prisma, plans.map((p) => ({ ...p, parentUnitId: p.scopeUnit.parentId })), await fiscalCalendar(ctx));
  const submitted = await submissions(ctx, plans.map((p) => p.id));
  return plans.map((p): PlanSummary => {
    const submission = submitted.get(p.id) ?? null;
    return { ...p, parent: parents.get(p.id) ?? null, submission, decisions: decisionsFor(ctx.viewer, scope, p, submission) };
  });
}

/** The latest submission of each plan (who, when, their comment), in one query. */
async function submissions(ctx: Context, planIds: string[]): Promise<Map<string, Submission>> {
  const out = new Map<string, Submission>();
  if (!planIds.length) return out;
  const events = await ctx.prisma.planEvent.findMany({ where: { planId: { in: planIds }, action: 'submit' }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { planId: true, actorId: true, actor: true, at: true, comment: true } });
  for (const e of events) if (!out.has(e.planId)) out.set(e.planId, e);
  return out;
}

export interface MyTarget {
  metric: Metric;
  level: TargetLevel;
  periodKey: string;
  amount: string;
  planId: string;
  version: number;
}

/** The years for which the viewer has published targets, newest first (the pane opens on the first; a direct read, as myTargets). */
export async function myTargetYears(ctx: Context): Promise<number[]> {
  const personId = ctx.viewer?.personId;
  if (!personId) return [];
  const years = await readRows<{ year: number }>(ctx.prisma, Prisma.sql`
    SELECT DISTINCT p."year" AS "year" FROM "TargetPlan" p
    WHERE p."status" IN ('PUBLISHED', 'LOCKED') AND EXISTS (SELECT 1 FROM "TargetLine" l WHERE l."planId" = p."id" AND l."ownerKind" = 'PERSON' AND l."ownerId" = ${personId})
    ORDER BY p."year" DESC`);
  return years.map((y) => y.year);
}

/**
 * The viewer's own targets from the newest published version of each plan.
 * One SQL statement (the person's lines joined to their plans, a row per
 * plan with its lines as "periodKey amount" pairs; portable: quoted
 * identifiers, bound parameters, `string_agg` as PostgreSQL and SQLite 3.44+
 * both have it): it is what a rep's pane asks on opening, and Prisma's
 * relation filter plus include cost two statements and about 2.5 ms. A row
 * per plan rather than per line: each row handed to JavaScript costs more
 * than SQLite's work to find it (issue 12 §5).
 */
export async function myTargets(ctx: Context, year: number): Promise<MyTarget[]> {
  const personId = ctx.viewer?.personId;
  if (!personId) return [];
  const plans = await readRows<{ planId: string; metric: Metric; level: TargetLevel; scopeUnitId: string; version: number; lines: string }>(ctx.prisma, Prisma.sql`
    SELECT p."id" AS "planId", p."metric", p."level", p."scopeUnitId", p."version", string_agg(l."periodKey" || ' ' || CAST(l."amount" AS TEXT), ',') AS "lines"
    FROM "TargetLine" l
    JOIN "TargetPlan" p ON p."id" = l."planId"
    WHERE l."ownerId" = ${personId} AND l."ownerKind" = 'PERSON' AND p."year" = ${year} AND p."status" IN ('PUBLISHED', 'LOCKED')
    GROUP BY p."id"
    ORDER BY p."version" DESC, p."id"`);
  // The newest published version of each plan (metric, level, scope) only, its lines by period key.
  const lineages = new Set<string>();
  const out: MyTarget[] = [];
  for (const p of plans) {
    const lineage = `${p.metric}/${p.level}/${p.scopeUnitId}`;
    if (lineages.has(lineage)) continue;
    lineages.add(lineage);
    const unit = METRICS[p.metric].unit;
    const lines = p.lines.split(',').sort();
    for (const line of lines) {
      const space = line.indexOf(' ');
      out.push({ metric: p.metric, level: p.level, periodKey: line.slice(0, space), amount: formatAmount(unit, BigInt(line.slice(space + 1))), planId: p.planId, version: p.version });
    }
  }
  return out;
}
