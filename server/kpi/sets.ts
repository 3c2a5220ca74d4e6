/**
 * KPI indicator sets (考核指标), one per role: read by every signed-in user
 * (how people are assessed is no secret), edited by admins only, checked by
 * schema/kpi.ts (weights sum to exactly 100 % …) and audited. Scorecards copy
 * a set when they are opened, so an edit applies to scorecards opened after it.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { KpiRole } from '../db/generated/sqlite/client/enums.ts';
import { checkIndicatorSet, formatScaled, KPI_ROLES, parseScaled, WEIGHT_PLACES, type GradeBand, type IndicatorDraft, type KpiIssue } from '../../schema/kpi.ts';
import { recordAudit } from '../audit.ts';
import { conflict, dynamicClientError } from '../errors.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

export interface SetInput {
  name: string;
  commentBelowPercent: number;
  gradeBands: GradeBand[];
  indicators: IndicatorDraft[];
}

const setInclude = { indicators: { orderBy: { position: 'asc' } } } as const satisfies Prisma.KpiIndicatorSetInclude;
export type SetRecord = Prisma.KpiIndicatorSetGetPayload<{ include: typeof setInclude }>;

/** The sets, reps' first (in KPI_ROLES order: the databases order enums differently). */
export async function listSets(ctx: Context): Promise<SetRecord[]> {
  const sets = await ctx.prisma.kpiIndicatorSet.findMany({ include: setInclude });
  return sets.sort((a, b) => KPI_ROLES.indexOf(a.role) - KPI_ROLES.indexOf(b.role));
}

export const parseBands = (json: string): GradeBand[] => JSON.parse(json) as GradeBand[];

/** A set as plain data (what the audit trail keeps before and after). */
export const setSnapshot = (s: { name: string; commentBelowPercent: number; gradeBands: string; indicators: SetRecord['indicators'] }) => ({
  name: s.name,
  commentBelowPercent: s.commentBelowPercent,
  gradeBands: parseBands(s.gradeBands),
  indicators: s.indicators.map((i) => ({
    code: i.code,
    name: i.name,
    group: i.group,
    weight: formatScaled(BigInt(i.weightBp), WEIGHT_PLACES),
    computation: i.computation,
    fullMarksAt: i.fullMarksAt,
    maxScore: i.maxScore,
  })),
});

/** The input path of the field an issue is about. */
function issueField(issue: KpiIssue): string {
  const at = (leaf: string) => (issue.index === null ? 'input.indicators' : `input.indicators.${issue.index}.${leaf}`);
  switch (issue.reason) {
    case 'KPI_WEIGHT_INVALID':
      return at('weight');
    case 'KPI_FULL_MARKS_INVALID':
      return at('fullMarksAt');
    case 'KPI_MAX_SCORE_INVALID':
      return at('maxScore');
    case 'KPI_INDICATOR_DUPLICATE':
      return at('code');
    case 'KPI_GRADE_MIN_INVALID':
      return `input.gradeBands.${issue.index}.min`;
    case 'KPI_GRADE_BANDS_ORDER':
      return 'input.gradeBands';
    default:
      return 'input.indicators';
  }
}

/** Refuses with the first issue as the reason and every issue under extensions.issues. */
export function refuseIssues(issues: KpiIssue[], field: (issue: KpiIssue) => string, what: string) {
  const all = issues.map((i) => ({ reason: i.reason, params: i.params, field: field(i) }));
  const first = all[0]!;
  return dynamicClientError('BAD_USER_INPUT', `${what}: ${all.map((i) => `${i.reason} ${JSON.stringify(i.params)}`).join('; ')}`, { ...first, issues: all });
}

/** Replaces a role's set (creating it when there is none); `version` is the version the admin edited. */
export async function saveSet(ctx: Context, role: KpiRole, version: number, input: SetInput): Promise<SetRecord> {
  const indicators = input.indicators.map((i) => ({ ...i, computation: i.computation ?? null, fullMarksAt: i.computation ? (i.fullMarksAt ?? null) : null, maxScore: i.computation ? null : (i.maxScore ?? null) }));
  const issues = checkIndicatorSet({ indicators, gradeBands: input.gradeBands });
  if (issues.length) throw refuseIssues(issues, issueField, 'The indicator set cannot be saved');
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.kpiIndicatorSet.findUnique({ where: { role }, include: setInclude });
    const data = { name: input.name, commentBelowPercent: input.commentBelowPercent, gradeBands: JSON.stringify(input.gradeBands.map((b) => ({ grade: b.grade, min: b.min.trim(), inclusive: b.inclusive }))) };
    let id: string;
    if (before) {
      const { count } = await tx.kpiIndicatorSet.updateMany({ where: { id: before.id, version }, data: { ...data, version: { increment: 1 } } });
      if (count === 0) throw conflict('KpiIndicatorSet', before.id, version);
      await tx.kpiIndicator.deleteMany({ where: { setId: before.id } });
      id = before.id;
    } else {
      id = (await tx.kpiIndicatorSet.create({ data: { ...data, role } })).id;
    }
    await tx.kpiIndicator.createMany({ data: indicatorRows(id, indicators) });
    const after = await tx.kpiIndicatorSet.findUniqueOrThrow({ where: { id }, include: setInclude });
    await recordAudit(tx, ctx.viewer, { entityType: 'KpiIndicatorSet', entityId: id, action: before ? 'update' : 'create', before: before && setSnapshot(before), after: setSnapshot(after) });
    return after;
  });
}

export function indicatorRows(setId: string, indicators: readonly IndicatorDraft[]): Prisma.KpiIndicatorCreateManyInput[] {
  return indicators.map((i, position) => ({
    setId,
    position,
    code: i.code,
    name: i.name.trim(),
    group: i.group,
    weightBp: Number(parseScaled(i.weight, WEIGHT_PLACES)),
    computation: i.computation,
    fullMarksAt: i.computation ? i.fullMarksAt!.trim() : null,
    maxScore: i.computation ? null : i.maxScore,
  }));
}

/** Creates the default sets for the roles that have none (fast: two sets, a few rows each). */
export async function ensureSets(db: Db, defaults: readonly ({ role: KpiRole } & SetInput)[]): Promise<number> {
  const have = new Set((await db.kpiIndicatorSet.findMany({ select: { role: true } })).map((s) => s.role));
  let made = 0;
  for (const d of defaults) {
    if (have.has(d.role)) continue;
    const issues = checkIndicatorSet(d);
    if (issues.length) throw new Error(`default KPI set ${d.role} is invalid: ${JSON.stringify(issues)}`);
    const set = await db.kpiIndicatorSet.create({ data: { role: d.role, name: d.name, commentBelowPercent: d.commentBelowPercent, gradeBands: JSON.stringify(d.gradeBands) } });
    await db.kpiIndicator.createMany({ data: indicatorRows(set.id, d.indicators) });
    made += 1;
  }
  return made;
}
