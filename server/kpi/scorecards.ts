/**
 * Monthly and quarterly KPI scorecards (issue 10 §4; domain §5).
 *
 * A manager opens a person's scorecard for a month or quarter: the role's
 * indicator set is copied onto it and the computed indicators are filled in
 * from data (computed.ts). The manager enters scores (schema/kpi.ts checks
 * them), then submits; a manager above approves it or returns it with a
 * comment. The total is exact (a rational kept as "n/d"), rounded only for
 * display; the grade follows the set's bands.
 *
 * Who may do what:
 *   read: a rep their own approved scorecards (myScorecards); a manager the
 *     scorecards of their subtree; directors and admins all;
 *   open, score, submit: the person's unit manager or a manager above in
 *     their subtree, or a director; never on their own scorecard;
 *   approve, return: a manager of a unit strictly above the highest unit
 *     the submitter manages over the person, or a director; never on their
 *     own scorecard, never on one they submitted.
 * Every change is audited (server/audit.ts) and recorded as a scorecard event.
 */
import type { Context } from '../context.ts';
import { memo } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { KpiGrade, ScorecardStatus } from '../db/generated/sqlite/client/enums.ts';
import { viewerScope } from '../access.ts';
import { auditJson, recordAudit } from '../audit.ts';
import { badInput, clientError, conflict, forbidden, notFound } from '../errors.ts';
import { fiscalCalendar, lockedAmong, requireUnlocked } from '../targets/calendar.ts';
import { childPeriods, period as periodOf, type FiscalCalendar, type Period } from '../../schema/periods.ts';
import { dayToDate, type IsoDay } from '../../schema/dates.ts';
import { formatMoney } from '../../schema/money.ts';
import { rational, type Rational } from '../../schema/formula.ts';
import {
  checkScores,
  completenessIssues,
  computedFraction,
  computedValue,
  COMPUTATION_UNIT,
  COMPUTATION_FIGURES,
  formatScaled,
  gradeFor,
  KPI_ROLE_OF_POSITION,
  roundHalfUp,
  scoreFraction,
  WEIGHT_PLACES,
  weightedPoints,
  weightedTotal,
  type GradeBand,
  type KpiIssue,
  type ScoreEntry,
} from '../../schema/kpi.ts';
import { measure, type KpiPeriod } from './computed.ts';
import { parseBands, refuseIssues } from './sets.ts';
import { returnSinceSubmit } from '../../schema/workflow.ts';

type Tx = Prisma.TransactionClient;

// ── periods ─────────────────────────────────────────────────────────────

/** A month "2026-03" or a fiscal quarter "2026-Q1"; anything else is refused. */
export function scoringPeriod(key: string, calendar: FiscalCalendar): KpiPeriod {
  let p: Period | null = null;
  try {
    p = periodOf(key, calendar);
  } catch {
    p = null;
  }
  if (!p || (p.level !== 'month' && p.level !== 'quarter')) {
    throw badInput(['periodKey'], `"${key}" is not a month (2026-03) or a quarter (2026-Q1)`, 'KPI_NOT_A_SCORING_PERIOD', { value: key });
  }
  return { key: p.key, start: p.start, end: p.end, months: p.level === 'month' ? [p.key] : childPeriods(p.key, 'month', calendar).map((m) => m.key) };
}

const storedPeriod = (card: { periodKey: string }, calendar: FiscalCalendar): KpiPeriod => scoringPeriod(card.periodKey, calendar);

// ── records ─────────────────────────────────────────────────────────────

const cardInclude = {
  person: { select: { id: true, name: true, employeeNo: true } },
  unit: { select: { id: true, name: true, path: true } },
  lines: { orderBy: { position: 'asc' } },
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
} as const satisfies Prisma.ScorecardInclude;
type CardRecord = Prisma.ScorecardGetPayload<{ include: typeof cardInclude }>;
type LineRecord = CardRecord['lines'][number];

const monthsOf = (periodKey: string) => (periodKey.includes('-Q') ? 3 : 1);

/** The fraction of its weight a line earns; null while it has no score or value. */
function lineFraction(line: Pick<LineRecord, 'computation' | 'actual' | 'basis' | 'fullMarksAt' | 'score' | 'maxScore'>, months: number): Rational | null {
  if (line.computation) return line.actual === null ? null : computedFraction(line.computation, { actual: line.actual, basis: line.basis }, line.fullMarksAt!, months);
  return line.score === null ? null : scoreFraction(line.score, line.maxScore!);
}

function totalOf(lines: readonly LineRecord[], periodKey: string, bands: GradeBand[]): { total: Rational | null; grade: KpiGrade | null } {
  const months = monthsOf(periodKey);
  const total = weightedTotal(lines.map((l) => ({ weight: BigInt(l.weightBp), fraction: lineFraction(l, months) })));
  return { total, grade: total ? gradeFor(total, bands) : null };
}

const storeTotal = (t: Rational | null) => (t ? `${t.n}/${t.d}` : null);
const readTotal = (s: string | null): Rational | null => {
  if (!s) return null;
  const [n, d] = s.split('/');
  return rational(BigInt(n!), BigInt(d!));
};
/** The total as the API shows it (two decimals, half up), also what the audit records: the stored exact "n/d" reads as no score. */
const shownTotal = (s: string | null): string | null => {
  const total = readTotal(s);
  return total ? roundHalfUp(total, 2) : null;
};

/** Fills the computed lines in from data again (while the scorecard is a draft). */
async function refreshComputed(tx: Tx, card: CardRecord, calendar: FiscalCalendar, today: IsoDay): Promise<void> {
  const p = storedPeriod(card, calendar);
  for (const line of card.lines) {
    if (!line.computation) continue;
    const m = await measure(tx, line.computation, card.personId, p, calendar, today);
    if (m.actual !== line.actual || m.basis !== line.basis) await tx.scorecardLine.update({ where: { id: line.id }, data: { actual: m.actual, basis: m.basis } });
    line.actual = m.actual;
    line.basis = m.basis;
  }
}

// ── who may do what ─────────────────────────────────────────────────────

const rolesOf = (ctx: Context) => ctx.viewer?.roles ?? [];
const isDirector = (ctx: Context) => rolesOf(ctx).includes('DIRECTOR');

/** Paths of the units the viewer manages (as a manager). */
function myManagedPaths(ctx: Context): Promise<string[]> {
  return memo(ctx, 'kpi.managedPaths', async () => {
    if (!rolesOf(ctx).includes('MANAGER') || !ctx.viewer?.personId) return [];
    return (await ctx.prisma.orgUnit.findMany({ where: { managerId: ctx.viewer.personId }, select: { path: true } })).map((u) => u.path);
  });
}

interface CardFacts {
  personId: string;
  personName: string;
  unitPath: string;
  status: ScorecardStatus;
  submittedById: string | null;
  /** The highest unit over the person that the submitter manages (its path); null when they manage none (a director). */
  submitterTop: string | null;
}

const within = (paths: readonly string[], unitPath: string) => paths.some((p) => unitPath.startsWith(p));

/** Why the viewer may not open, score or submit this person's scorecard; null when they may. */
function scoreRefusal(ctx: Context, myPaths: readonly string[], card: Pick<CardFacts, 'personId' | 'unitPath'>) {
  if (ctx.viewer?.personId && ctx.viewer.personId === card.personId) return forbidden('KPI_OWN_SCORECARD', 'Nobody scores their own scorecard; a manager above you does');
  if (!isDirector(ctx) && !within(myPaths, card.unitPath)) return forbidden('OUTSIDE_YOUR_UNITS', 'That person is outside the part of the organisation you manage');
  return null;
}

/**
 * Who returned the card, when a return is its latest decision (it has not
 * been submitted since): it goes back to the manager who scores it. The one
 * who returned it decides on it next, so they do not score or submit it
 * themselves: their own submission nobody above could decide (a director's),
 * and the manager would never see it back.
 */
export function returnedBy(events: readonly { action: string; actorId: string | null }[]): string | null {
  return returnSinceSubmit(events)?.actorId ?? null;
}

/** Why the viewer may not score or submit a card they returned; null otherwise. */
function returnedRefusal(ctx: Context, card: { personName: string; events: readonly { action: string; actorId: string | null }[] }) {
  const by = returnedBy(card.events);
  if (!by || by !== ctx.viewer?.userId) return null;
  return forbidden('KPI_RETURNED_BY_YOU', `You returned ${card.personName}'s scorecard: the manager who scores it submits it again, and you decide on it then`, { name: card.personName });
}

/** Why the viewer may not approve or return this scorecard; null when they may. */
function decideRefusal(ctx: Context, myPaths: readonly string[], card: CardFacts) {
  if (ctx.viewer?.personId && ctx.viewer.personId === card.personId) return forbidden('KPI_OWN_SCORECARD', 'Nobody decides on their own scorecard');
  if (card.submittedById && card.submittedById === ctx.viewer?.userId) return forbidden('KPI_OWN_SUBMISSION', 'You submitted this scorecard; a manager above you approves it');
  if (isDirector(ctx)) return null;
  if (!within(myPaths, card.unitPath)) return forbidden('OUTSIDE_YOUR_UNITS', 'That person is outside the part of the organisation you manage');
  const top = card.submitterTop;
  if (top !== null && myPaths.some((p) => top.startsWith(p) && p !== top)) return null;
  return forbidden('KPI_NOT_APPROVER', `Only a manager above the one who submitted ${card.personName}'s scorecard, or the sales director, decides on it`, { name: card.personName });
}

/** For each submitter (a user id): the paths of the units they manage. */
async function submitterPaths(db: Context['prisma'] | Tx, userIds: string[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, personId: true } });
  const personIds = users.flatMap((u) => (u.personId ? [u.personId] : []));
  const units = personIds.length ? await db.orgUnit.findMany({ where: { managerId: { in: personIds } }, select: { managerId: true, path: true } }) : [];
  return new Map(users.map((u) => [u.id, units.filter((x) => x.managerId === u.personId).map((x) => x.path)]));
}

const topOver = (paths: readonly string[] | undefined, unitPath: string) =>
  (paths ?? []).filter((p) => unitPath.startsWith(p)).sort((a, b) => a.length - b.length)[0] ?? null;

function factsOf(card: CardRecord, submitters: Map<string, string[]>): CardFacts {
  return {
    personId: card.personId,
    personName: card.person.name,
    unitPath: card.unit.path,
    status: card.status,
    submittedById: card.submittedById,
    submitterTop: card.submittedById ? topOver(submitters.get(card.submittedById), card.unit.path) : null,
  };
}

// ── views ───────────────────────────────────────────────────────────────

export interface ScorecardLineView {
  code: string;
  name: string;
  group: LineRecord['group'];
  weight: string;
  computation: LineRecord['computation'];
  fullMarksAt: string | null;
  maxScore: number | null;
  /** Computed: the measured figure and its basis, yuan for money, a count for counts. */
  actual: string | null;
  basis: string | null;
  /** Computed: a percentage (rates, two decimals) or the count. */
  value: string | null;
  score: number | null;
  comment: string | null;
  /** The points the line adds to the total (weight × fraction), two decimals; null while it has none. */
  points: string | null;
}

export interface ScorecardView {
  id: string;
  personId: string;
  personName: string;
  employeeNo: string;
  periodKey: string;
  unitId: string;
  unitName: string;
  role: CardRecord['role'];
  setName: string;
  status: ScorecardStatus;
  revision: number;
  commentBelowPercent: number;
  gradeBands: GradeBand[];
  total: string | null;
  totalExact: string | null;
  grade: KpiGrade | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  lines: ScorecardLineView[];
  events: { at: Date; actor: string; action: string; fromStatus: ScorecardStatus | null; toStatus: ScorecardStatus; comment: string | null }[];
  canScore: boolean;
  canApprove: boolean;
}

const figure = (line: LineRecord, v: bigint | null) => (v === null ? null : COMPUTATION_FIGURES[line.computation!] === 'count' ? v.toString() : formatMoney(v));

function lineView(line: LineRecord, months: number): ScorecardLineView {
  const fraction = lineFraction(line, months);
  const value = line.computation && line.actual !== null ? computedValue(line.computation, { actual: line.actual, basis: line.basis }) : null;
  return {
    code: line.code,
    name: line.name,
    group: line.group,
    weight: formatScaled(BigInt(line.weightBp), WEIGHT_PLACES),
    computation: line.computation,
    fullMarksAt: line.fullMarksAt,
    maxScore: line.maxScore,
    actual: line.computation ? figure(line, line.actual) : null,
    basis: line.computation ? figure(line, line.basis) : null,
    value: value === null ? null : COMPUTATION_UNIT[line.computation!] === 'count' ? formatScaled(value.n, 0) : roundHalfUp(value, 2),
    score: line.score,
    comment: line.comment,
    points: fraction === null ? null : roundHalfUp(weightedPoints(BigInt(line.weightBp), fraction), 2),
  };
}

async function views(ctx: Context, cards: CardRecord[], decisions: boolean): Promise<ScorecardView[]> {
  const myPaths = decisions ? await myManagedPaths(ctx) : [];
  const submitters = decisions ? await submitterPaths(ctx.prisma, cards.flatMap((c) => (c.submittedById ? [c.submittedById] : []))) : new Map<string, string[]>();
  return cards.map((card) => {
    const facts = factsOf(card, submitters);
    return {
      id: card.id,
      personId: card.personId,
      personName: card.person.name,
      employeeNo: card.person.employeeNo,
      periodKey: card.periodKey,
      unitId: card.unit.id,
      unitName: card.unit.name,
      role: card.role,
      setName: card.setName,
      status: card.status,
      revision: card.revision,
      commentBelowPercent: card.commentBelowPercent,
      gradeBands: parseBands(card.gradeBands),
      total: shownTotal(card.total),
      totalExact: card.total,
      grade: card.grade,
      submittedAt: card.submittedAt,
      approvedAt: card.approvedAt,
      lines: card.lines.map((l) => lineView(l, monthsOf(card.periodKey))),
      events: card.events.map((e) => ({ at: e.at, actor: e.actor, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, comment: e.comment })),
      canScore: decisions && card.status === 'DRAFT' && !scoreRefusal(ctx, myPaths, facts) && !returnedRefusal(ctx, { personName: card.person.name, events: card.events }),
      canApprove: decisions && card.status === 'SUBMITTED' && !decideRefusal(ctx, myPaths, facts),
    };
  });
}

/** The scorecards a viewer may read: all (directors, admins), their subtrees' (managers); never other people's otherwise. */
async function readableWhere(ctx: Context): Promise<Prisma.ScorecardWhereInput> {
  const scope = await viewerScope(ctx);
  if (scope.everything || isDirector(ctx)) return {};
  const or: Prisma.ScorecardWhereInput[] = (await myManagedPaths(ctx)).map((path) => ({ unit: { path: { startsWith: path } } }));
  return or.length ? { OR: or } : { id: { in: [] } };
}

export async function listScorecards(ctx: Context, periodKey: string, unitId?: string | null): Promise<ScorecardView[]> {
  const calendar = await fiscalCalendar(ctx);
  const p = scoringPeriod(periodKey, calendar);
  const where: Prisma.ScorecardWhereInput = { AND: [await readableWhere(ctx), { periodKey: p.key }] };
  if (unitId) {
    const unit = await ctx.prisma.orgUnit.findUnique({ where: { id: unitId }, select: { path: true } });
    if (!unit) throw notFound('OrgUnit', unitId);
    (where.AND as Prisma.ScorecardWhereInput[]).push({ unit: { path: { startsWith: unit.path } } });
  }
  const cards = await ctx.prisma.scorecard.findMany({ where, include: cardInclude, orderBy: [{ person: { employeeNo: 'asc' } }] });
  return views(ctx, cards, true);
}

export async function getScorecard(ctx: Context, id: string): Promise<ScorecardView> {
  const card = await ctx.prisma.scorecard.findFirst({ where: { AND: [{ id }, await readableWhere(ctx)] }, include: cardInclude });
  if (!card) throw notFound('Scorecard', id);
  return (await views(ctx, [card], true))[0]!;
}

/** The viewer's own approved scorecards, newest period first (a rep's view of their grade). */
export async function myScorecards(ctx: Context): Promise<ScorecardView[]> {
  const personId = ctx.viewer?.personId;
  if (!personId) return [];
  const cards = await ctx.prisma.scorecard.findMany({ where: { personId, status: 'APPROVED' }, include: cardInclude, orderBy: [{ periodEnd: 'desc' }, { periodStart: 'asc' }] });
  return views(ctx, cards, false);
}

/** The latest approved grade of each person (by period end), for promotion proposals. */
export async function latestGrades(db: Context['prisma'], personIds: string[], before: Date): Promise<Map<string, { grade: KpiGrade; periodKey: string }>> {
  const out = new Map<string, { grade: KpiGrade; periodKey: string }>();
  if (!personIds.length) return out;
  const cards = await db.scorecard.findMany({
    where: { personId: { in: personIds }, status: 'APPROVED', grade: { not: null }, periodStart: { lt: before } },
    orderBy: [{ periodEnd: 'desc' }, { approvedAt: 'desc' }],
    select: { personId: true, grade: true, periodKey: true },
  });
  for (const c of cards) if (!out.has(c.personId)) out.set(c.personId, { grade: c.grade!, periodKey: c.periodKey });
  return out;
}

// ── changes ─────────────────────────────────────────────────────────────

async function event(tx: Tx, ctx: Context, scorecardId: string, action: string, from: ScorecardStatus | null, to: ScorecardStatus, comment?: string | null) {
  await tx.scorecardEvent.create({ data: { scorecardId, actorId: ctx.viewer?.userId ?? null, actor: ctx.viewer?.username ?? 'system', action, fromStatus: from, toStatus: to, comment: comment ?? null } });
}

const snapshot = (card: { status: ScorecardStatus; total: string | null; grade: KpiGrade | null; lines: readonly LineRecord[] }) => ({
  status: card.status,
  total: shownTotal(card.total),
  grade: card.grade,
  lines: card.lines.map((l) => ({ code: l.code, actual: l.actual, basis: l.basis, score: l.score, comment: l.comment })),
});

async function loadCard(tx: Tx, id: string): Promise<CardRecord> {
  const card = await tx.scorecard.findUnique({ where: { id }, include: cardInclude });
  if (!card) throw notFound('Scorecard', id);
  return card;
}

function requireStatus(card: { status: ScorecardStatus }, allowed: ScorecardStatus[], doing: string) {
  if (!allowed.includes(card.status)) {
    throw clientError('BAD_USER_INPUT', `Cannot ${doing} a scorecard that is ${card.status.toLowerCase()}`, { field: 'status', reason: 'SCORECARD_STATUS', params: { scorecardStatus: card.status } });
  }
}

/** Locked periods: nothing dated in them changes until an admin reopens them. */
async function requirePeriodOpen(tx: Tx, card: { periodKey: string }, calendar: FiscalCalendar) {
  await requireUnlocked(tx, [periodOf(card.periodKey, calendar)], calendar, 'The scorecard');
}

/** Moves the scorecard on only if the caller saw its current revision. */
async function bump(tx: Tx, card: CardRecord, revision: number, data: Prisma.ScorecardUncheckedUpdateManyInput) {
  const { count } = await tx.scorecard.updateMany({ where: { id: card.id, revision }, data: { ...data, revision: { increment: 1 } } });
  if (count === 0) throw conflict('Scorecard', card.id, revision);
}

/**
 * Opens a person's scorecard for a period (or returns the one already open):
 * the role's current indicator set is copied onto it and the computed
 * indicators are filled in.
 */
export async function openScorecard(ctx: Context, personId: string, periodKey: string): Promise<ScorecardView> {
  const calendar = await fiscalCalendar(ctx);
  const p = scoringPeriod(periodKey, calendar);
  const myPaths = await myManagedPaths(ctx);
  const id = await ctx.prisma.$transaction(
    async (tx) => {
      const person = await tx.person.findUnique({ where: { id: personId }, select: { id: true, name: true } });
      if (!person) throw notFound('Person', personId);
      const start = dayToDate(p.start);
      const end = dayToDate(p.end);
      const assignment = await tx.assignment.findFirst({
        where: { personId, validFrom: { lte: end }, OR: [{ validTo: null }, { validTo: { gt: start } }] },
        orderBy: { validFrom: 'desc' },
        include: { unit: { select: { id: true, path: true } } },
      });
      // Whether the viewer may score the person is judged on the unit they were in during the period (else their latest), before saying whether they were employed.
      const placed = assignment ?? (await tx.assignment.findFirst({ where: { personId }, orderBy: { validFrom: 'desc' }, include: { unit: { select: { id: true, path: true } } } }));
      const refusal = placed && scoreRefusal(ctx, myPaths, { personId, unitPath: placed.unit.path });
      if (refusal) throw refusal;
      if (!assignment) throw badInput(['personId'], `${person.name} was not on the roster during ${p.key}`, 'KPI_NOT_EMPLOYED', { name: person.name, period: p.key });
      const existing = await tx.scorecard.findUnique({ where: { personId_periodKey: { personId, periodKey: p.key } }, select: { id: true, status: true } });
      if (existing) {
        if (existing.status === 'DRAFT') await refreshDraft(tx, ctx, existing.id, calendar);
        return existing.id;
      }
      const role = KPI_ROLE_OF_POSITION[assignment.position] ?? null;
      const set = role ? await tx.kpiIndicatorSet.findUnique({ where: { role }, include: { indicators: { orderBy: { position: 'asc' } } } }) : null;
      if (!set) throw badInput(['personId'], `There is no KPI indicator set for the position ${assignment.position}`, 'KPI_NO_SET', { position: assignment.position });
      await requireUnlocked(tx, [periodOf(p.key, calendar)], calendar, 'The scorecard');
      const card = await tx.scorecard.create({
        data: {
          personId,
          periodKey: p.key,
          periodStart: start,
          periodEnd: end,
          unitId: assignment.unit.id,
          role: set.role,
          setName: set.name,
          gradeBands: set.gradeBands,
          commentBelowPercent: set.commentBelowPercent,
          lines: {
            create: set.indicators.map((i) => ({ position: i.position, code: i.code, name: i.name, group: i.group, weightBp: i.weightBp, computation: i.computation, fullMarksAt: i.fullMarksAt, maxScore: i.maxScore })),
          },
        },
        include: cardInclude,
      });
      await refreshComputed(tx, card, calendar, ctx.clock.today());
      const { total, grade } = totalOf(card.lines, card.periodKey, parseBands(card.gradeBands));
      await tx.scorecard.update({ where: { id: card.id }, data: { total: storeTotal(total), grade } });
      await event(tx, ctx, card.id, 'open', null, 'DRAFT');
      await recordAudit(tx, ctx.viewer, {
        entityType: 'Scorecard',
        entityId: card.id,
        action: 'open',
        after: { personId, periodKey: p.key, set: set.name, ...snapshot({ ...card, total: storeTotal(total), grade }) },
      });
      return card.id;
    },
    { timeout: 60_000 },
  );
  return getScorecard(ctx, id);
}

/**
 * A draft opened again shows the figures as they are now: sales imported or
 * corrected since it was opened fill its computed indicators in again (as a
 * save would), with the total and grade, audited when anything moved. Not in
 * a locked period, whose figures stay as they were closed.
 */
async function refreshDraft(tx: Tx, ctx: Context, id: string, calendar: FiscalCalendar): Promise<void> {
  const card = await loadCard(tx, id);
  if ((await lockedAmong(tx, [periodOf(card.periodKey, calendar)], calendar)).length) return;
  const before = snapshot(card);
  await refreshComputed(tx, card, calendar, ctx.clock.today());
  const { total, grade } = totalOf(card.lines, card.periodKey, parseBands(card.gradeBands));
  const after = snapshot({ ...card, total: storeTotal(total), grade });
  if (auditJson(after) === auditJson(before)) return;
  await tx.scorecard.update({ where: { id }, data: { total: storeTotal(total), grade } });
  await recordAudit(tx, ctx.viewer, { entityType: 'Scorecard', entityId: id, action: 'refresh', before, after });
}

const scoreField = (issue: KpiIssue) => (issue.index === null ? 'scores' : `scores.${issue.index}.${issue.reason === 'KPI_COMMENT_REQUIRED' ? 'comment' : issue.reason === 'KPI_UNKNOWN_INDICATOR' || issue.reason === 'KPI_COMPUTED_INDICATOR' || issue.reason === 'KPI_INDICATOR_DUPLICATE' ? 'code' : 'score'}`);

/** Saves a manager's scores (a draft only); the computed indicators are filled in again from data. */
export async function saveScores(ctx: Context, id: string, revision: number, entries: ScoreEntry[]): Promise<ScorecardView> {
  const calendar = await fiscalCalendar(ctx);
  const myPaths = await myManagedPaths(ctx);
  await ctx.prisma.$transaction(
    async (tx) => {
      const card = await loadCard(tx, id);
      const refusal = scoreRefusal(ctx, myPaths, { personId: card.personId, unitPath: card.unit.path }) ?? returnedRefusal(ctx, { personName: card.person.name, events: card.events });
      if (refusal) throw refusal;
      requireStatus(card, ['DRAFT'], 'score');
      if (card.revision !== revision) throw conflict('Scorecard', id, revision);
      const { issues, scores } = checkScores(card.lines, entries, card.commentBelowPercent);
      if (issues.length) throw refuseIssues(issues, scoreField, 'The scores cannot be saved');
      await requirePeriodOpen(tx, card, calendar);
      const before = snapshot(card);
      await refreshComputed(tx, card, calendar, ctx.clock.today());
      for (const entry of entries) {
        const line = card.lines.find((l) => l.code === entry.code)!;
        line.score = scores.get(entry.code) ?? null;
        line.comment = entry.comment?.trim() || null;
        await tx.scorecardLine.update({ where: { id: line.id }, data: { score: line.score, comment: line.comment } });
      }
      const { total, grade } = totalOf(card.lines, card.periodKey, parseBands(card.gradeBands));
      await bump(tx, card, revision, { total: storeTotal(total), grade });
      await event(tx, ctx, id, 'score', 'DRAFT', 'DRAFT');
      await recordAudit(tx, ctx.viewer, { entityType: 'Scorecard', entityId: id, action: 'score', before, after: snapshot({ ...card, total: storeTotal(total), grade }) });
    },
    { timeout: 60_000 },
  );
  return getScorecard(ctx, id);
}

/** Submits a complete draft for approval: every manager-scored indicator scored, every computed one with a value. */
export async function submitScorecard(ctx: Context, id: string, revision: number): Promise<ScorecardView> {
  const calendar = await fiscalCalendar(ctx);
  const myPaths = await myManagedPaths(ctx);
  await ctx.prisma.$transaction(
    async (tx) => {
      const card = await loadCard(tx, id);
      const refusal = scoreRefusal(ctx, myPaths, { personId: card.personId, unitPath: card.unit.path }) ?? returnedRefusal(ctx, { personName: card.person.name, events: card.events });
      if (refusal) throw refusal;
      requireStatus(card, ['DRAFT'], 'submit');
      if (card.revision !== revision) throw conflict('Scorecard', id, revision);
      await requirePeriodOpen(tx, card, calendar);
      const before = snapshot(card);
      await refreshComputed(tx, card, calendar, ctx.clock.today());
      const months = monthsOf(card.periodKey);
      const missing = completenessIssues(card.lines.map((l) => ({ name: l.name, computation: l.computation, score: l.score, fraction: lineFraction(l, months) })));
      if (missing.length) throw refuseIssues(missing, (i) => `lines.${i.index}`, 'The scorecard is not complete');
      const { total, grade } = totalOf(card.lines, card.periodKey, parseBands(card.gradeBands));
      await bump(tx, card, revision, { status: 'SUBMITTED', total: storeTotal(total), grade, submittedById: ctx.viewer?.userId ?? null, submittedAt: ctx.clock.now() });
      await event(tx, ctx, id, 'submit', 'DRAFT', 'SUBMITTED');
      await recordAudit(tx, ctx.viewer, { entityType: 'Scorecard', entityId: id, action: 'submit', before, after: snapshot({ ...card, status: 'SUBMITTED', total: storeTotal(total), grade }) });
    },
    { timeout: 60_000 },
  );
  return getScorecard(ctx, id);
}

async function decide(ctx: Context, id: string, revision: number, approve: boolean, comment: string | null): Promise<ScorecardView> {
  const calendar = await fiscalCalendar(ctx);
  const myPaths = await myManagedPaths(ctx);
  await ctx.prisma.$transaction(
    async (tx) => {
      const card = await loadCard(tx, id);
      const submitters = await submitterPaths(tx, card.submittedById ? [card.submittedById] : []);
      const refusal = decideRefusal(ctx, myPaths, factsOf(card, submitters));
      if (refusal) throw refusal;
      requireStatus(card, ['SUBMITTED'], approve ? 'approve' : 'return');
      if (card.revision !== revision) throw conflict('Scorecard', id, revision);
      await requirePeriodOpen(tx, card, calendar);
      const to: ScorecardStatus = approve ? 'APPROVED' : 'DRAFT';
      await bump(tx, card, revision, approve ? { status: to, approvedById: ctx.viewer?.userId ?? null, approvedAt: ctx.clock.now() } : { status: to, submittedById: null, submittedAt: null });
      await event(tx, ctx, id, approve ? 'approve' : 'return', 'SUBMITTED', to, comment);
      await recordAudit(tx, ctx.viewer, {
        entityType: 'Scorecard',
        entityId: id,
        action: approve ? 'approve' : 'return',
        before: { status: card.status, submittedById: card.submittedById },
        after: { status: to, total: shownTotal(card.total), grade: card.grade, comment },
      });
    },
    { timeout: 60_000 },
  );
  return getScorecard(ctx, id);
}

export const approveScorecard = (ctx: Context, id: string, revision: number, comment?: string | null) => decide(ctx, id, revision, true, comment?.trim() || null);

export async function returnScorecard(ctx: Context, id: string, revision: number, comment: string): Promise<ScorecardView> {
  if (!comment.trim()) throw badInput(['comment'], 'Say why the scorecard goes back', 'COMMENT_REQUIRED');
  return decide(ctx, id, revision, false, comment.trim());
}
