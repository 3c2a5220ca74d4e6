/**
 * Reading target plans, filtered by the viewer's scope in the query itself:
 * managers see plans of their subtree; directors, finance and admins all;
 * reps only their own published targets (myTargets).
 */
import type { Context } from '../context.ts';
import { Prisma } from '../db/client.ts';
import type { Metric, PlanStatus, TargetLevel } from '../db/generated/sqlite/client/enums.ts';
import type { Scope } from '../access.ts';
import { notFound } from '../errors.ts';
import { METRICS } from '../../schema/metrics.ts';
import { formatAmount } from '../../schema/target-validation.ts';
import { fiscalCalendar } from './calendar.ts';
import { planShape, type PlanShape } from './plan-shape.ts';
import { parentFigure, parentFigures, type ParentFigure } from './parent-figure.ts';
import { decisionsFor, draftReach, planScope, type Decisions, type Submission } from './decisions.ts';

type PlanWithUnit = Prisma.TargetPlanGetPayload<{ include: { scopeUnit: { select: { name: true; code: true; parentId: true; path: true; managerId: true } } } }>;
const UNIT_FIELDS = { name: true, code: true, parentId: true, path: true, managerId: true } as const;
/**
 * A plan as listed: with the figure its parent's published plan gives it (if
 * any), its latest submission, and what the viewer may decide on it.
 */
export type PlanSummary = PlanWithUnit & {
  parent: ParentFigure | null;
  submission: Submission | null;
  /** The return that sent this version back to draft, while it has not been submitted again. */
  returned: Submission | null;
  decisions: Decisions;
};

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

/** The org units the viewer may start a target plan for (decisions.ts draftReach), as a query's WHERE. */
export async function draftableUnits(ctx: Context): Promise<Prisma.OrgUnitWhereInput> {
  const reach = draftReach(await planScope(ctx), ctx.viewer?.roles ?? []);
  if (reach === 'all') return {};
  return reach.length ? { OR: reach.map((p) => ({ path: { startsWith: p } })) } : { id: { in: [] } };
}

export async function planView(ctx: Context, id: string): Promise<PlanView> {
  const scope = await planScope(ctx);
  const found = await ctx.prisma.targetPlan.findFirst({ where: { AND: [{ id }, plansVisible(scope)] }, include: { scopeUnit: { select: UNIT_FIELDS } } });
  if (!found) throw notFound('TargetPlan', id);
  const calendar = await fiscalCalendar(ctx);
  const { submission, returned } = (await submissions(ctx, [id])).get(id) ?? NONE;
  const plan: PlanSummary = { ...found, parent: await parentFigure(ctx.prisma, found, found.scopeUnitId, calendar), submission, returned, decisions: decisionsFor(ctx.viewer, scope, found, submission) };
  const [shape, lines, events] = await Promise.all([
    planShape(ctx.prisma, plan, calendar),
    ctx.prisma.targetLine.findMany({ where: { planId: id } }),
    ctx.prisma.planEvent.findMany({ where: { planId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
  ]);
  const unit = METRICS[plan.metric].unit;
  return { plan, shape, lines: lines.map((l) => ({ ownerId: l.ownerId, periodKey: l.periodKey, amount: formatAmount(unit, l.amount) })), events };
}

export async function listPlans(ctx: Context, filter: { year?: number | null; status?: PlanStatus | null; metric?: Metric | null; level?: TargetLevel | null }) {
  const scope = await planScope(ctx);
  const plans = await ctx.prisma.targetPlan.findMany({
    where: { AND: [plansVisible(scope), { year: filter.year ?? undefined, status: filter.status ?? undefined, metric: filter.metric ?? undefined, level: filter.level ?? undefined }] },
    include: { scopeUnit: { select: UNIT_FIELDS } },
    orderBy: [{ year: 'desc' }, { scopeUnitId: 'asc' }, { metric: 'asc' }, { level: 'asc' }, { version: 'desc' }],
    take: 500,
  });
  const parents = await parentFigures(ctx.prisma, plans.map((p) => ({ ...p, parentUnitId: p.scopeUnit.parentId })), await fiscalCalendar(ctx));
  const submitted = await submissions(ctx, plans.map((p) => p.id));
  return plans.map((p): PlanSummary => {
    const { submission, returned } = submitted.get(p.id) ?? NONE;
    return { ...p, parent: parents.get(p.id) ?? null, submission, returned, decisions: decisionsFor(ctx.viewer, scope, p, submission) };
  });
}

const NONE = { submission: null, returned: null } as const;

/**
 * The latest submission of each plan (who, when, their comment), and its
 * latest return when nothing was submitted after it, in one query.
 */
async function submissions(ctx: Context, planIds: string[]): Promise<Map<string, { submission: Submission | null; returned: Submission | null }>> {
  const out = new Map<string, { submission: Submission | null; returned: Submission | null }>();
  if (!planIds.length) return out;
  const events = await ctx.prisma.planEvent.findMany({
    where: { planId: { in: planIds }, action: { in: ['submit', 'return'] } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: { planId: true, action: true, actorId: true, actor: true, at: true, comment: true },
  });
  for (const { planId, action, ...e } of events) {
    const seen = out.get(planId);
    if (!seen) out.set(planId, action === 'return' ? { submission: null, returned: e } : { submission: e, returned: null });
    else if (!seen.submission && action === 'submit') seen.submission = e;
  }
  return out;
}
