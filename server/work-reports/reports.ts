/**
 * Work logs and reports (issue 11 §3; domain §4): a rep's daily work log
 * (工作日志), weekly report (周报) and monthly report (月报). The rep saves
 * their own as a draft and hands it in (submit); a manager over them reads
 * and comments. The checks, due days and lateness are the shared ones of
 * schema/work-reports.ts.
 *
 * Who may do what:
 *   read: a rep their own; a manager their subtree's (by the unit the rep was
 *     in on the log's day, the report's Monday or month's first day) and
 *     their own; directors, the general manager and admins all; finance
 *     only their own (brief §8: finance see payroll, not field work);
 *   save, submit: only the person themself, for a day they are on the roster
 *     (a log never for a day after today); a submitted one no longer changes;
 *   comment: a manager over the unit, or a director; never on their own.
 * Every change is audited (server/audit.ts).
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { WorkReportStatus } from '../db/generated/sqlite/client/enums.ts';
import { salesLineScope, viewerScope } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { recordLastVisit } from '../customers/last-visit.ts';
import { badInput, clientError, dynamicClientError, forbidden, isUniqueViolation, type AnyDetails } from '../errors.ts';
import { addDays, dateToDay, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { companyDayOf } from '../clock.ts';
import { normaliseCustomerCode } from '../../schema/customers.ts';
import { formatMoney } from '../../schema/money.ts';
import { planWeeks } from '../../schema/rep-plan.ts';
import {
  checkMonthlyReport,
  checkWeeklyReport,
  checkWorkLog,
  commentProblem,
  lastDayOfMonth,
  logDayProblem,
  monthlyReportDue,
  monthlyReportDueOn,
  reportedWeek,
  reportMonthProblem,
  reportWeekProblem,
  timeliness,
  weeklyReportDue,
  workLogDue,
  type MonthlyReportFields,
  type Timeliness,
  type WeeklyReportFields,
  checkWorkMonth,
  monthMondays,
  type WorkItem,
  type WorkItemProblem,
  type WorkLogFields,
  type WorkMonthInput,
  type WorkReportProblem,
} from '../../schema/work-reports.ts';
import { GraphQLError } from 'graphql';
import { repPlanDueDay } from '../rep-plans/settings.ts';
import { fiscalCalendar, requireUnlocked } from '../targets/calendar.ts';
import { daySpan, period, type FiscalCalendar, type Period } from '../../schema/periods.ts';

type Tx = Prisma.TransactionClient;
type Db = Context['prisma'] | Tx;

export type WorkReportKind = 'LOG' | 'WEEKLY' | 'MONTHLY';

const who = { person: { select: { name: true, employeeNo: true } }, unit: { select: { id: true, name: true, path: true } } } as const;

/** What every log and report shows besides its own fields. */
export interface WorkReportCommon {
  id: string;
  personId: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  status: WorkReportStatus;
  revision: number;
  dueOn: IsoDay;
  timeliness: Timeliness;
  submittedAt: Date | null;
  comment: string | null;
  commentedBy: string | null;
  commentedAt: Date | null;
  /** The viewer's own, still a draft. */
  canEdit: boolean;
  /** Submitted, and the viewer is a manager over the rep (or a director), not the rep. */
  canComment: boolean;
}

export interface WorkLogView extends WorkReportCommon, WorkLogFields {
  day: IsoDay;
}

export interface WeekFigures {
  /** The reported week's planned sales (the rep's handed-in plans), yuan; null without a plan. */
  plannedSales: string | null;
  /** Sales booked to the rep in the reported week, yuan. */
  actualSales: string;
  plannedCalls: number | null;
  plannedVisits: number | null;
  /** From the rep's submitted logs of the reported week. */
  actualCalls: number;
  actualVisits: number;
  logsSubmitted: number;
}

export interface WeeklyReportView extends WorkReportCommon, WeeklyReportFields {
  /** The Monday of the week it plans. */
  week: IsoDay;
  reportedFrom: IsoDay;
  reportedTo: IsoDay;
  figures: WeekFigures;
}

export interface MonthlyReportView extends WorkReportCommon, MonthlyReportFields {
  month: string;
}

type Who = { id: string; personId: string; status: WorkReportStatus; revision: number; submittedAt: Date | null; comment: string | null; commentedBy: string | null; commentedAt: Date | null } & {
  person: { name: string; employeeNo: string };
  unit: { id: string; name: string; path: string };
};

// ── who may read and comment ────────────────────────────────────────────

const roles = (ctx: Context) => ctx.viewer?.roles ?? [];

/** The rows a viewer may read, as a query condition (the same shape for the three kinds). */
export async function readableWhere(ctx: Context): Promise<{ OR: ({ personId: string } | { unit: { path: { startsWith: string } } })[] } | { id: { in: string[] } } | Record<string, never>> {
  const scope = await salesLineScope(ctx);
  if (scope.everything) return {};
  const or = [...scope.personIds.map((personId) => ({ personId })), ...scope.unitPaths.map((path) => ({ unit: { path: { startsWith: path } } }))];
  return or.length ? { OR: or } : { id: { in: [] } };
}

export function commentRefusal(ctx: Context, managedPaths: readonly string[], row: Pick<Who, 'personId' | 'unit' | 'person'>) {
  if (ctx.viewer?.personId && row.personId === ctx.viewer.personId) return forbidden('WORK_REPORT_OWN_COMMENT', 'Nobody comments on their own work log or report');
  if (roles(ctx).includes('DIRECTOR')) return null;
  if (roles(ctx).includes('MANAGER') && managedPaths.some((p) => row.unit.path.startsWith(p))) return null;
  return forbidden('WORK_REPORT_NOT_THEIR_MANAGER', `Only a manager over ${row.person.name} comments on their work logs and reports`, { name: row.person.name });
}

const notFound = (id: string) => clientError('NOT_FOUND', `Work log or report ${id} was not found`, { reason: 'WORK_REPORT_NOT_FOUND', params: { id } });
const stale = (id: string, revision: number) =>
  clientError('CONFLICT', `${id} was changed meanwhile (your revision ${revision} is stale); reload and try again`, { reason: 'WORK_REPORT_CHANGED', params: { version: revision } });
const alreadySubmitted = () => dynamicClientError('BAD_USER_INPUT', 'It has been submitted already and can no longer be changed', { reason: 'WORK_REPORT_ALREADY_SUBMITTED', params: {}, field: 'id' });

function refuse(problems: WorkReportProblem[], what: string) {
  const all = problems.map((p) => ({ reason: p.code, params: p.params, field: p.field }));
  return dynamicClientError('BAD_USER_INPUT', `${what}: ${all.map((p) => `${p.reason} ${JSON.stringify(p.params)} at ${p.field}`).join('; ')}`, { ...all[0]!, issues: all });
}

// ── views ───────────────────────────────────────────────────────────────

const dayOf = (d: Date | null): IsoDay | null => (d ? companyDayOf(d) : null);

function common(ctx: Context, managedPaths: readonly string[], r: Who, due: IsoDay, now: IsoDay): WorkReportCommon {
  return {
    id: r.id,
    personId: r.personId,
    personName: r.person.name,
    employeeNo: r.person.employeeNo,
    unitName: r.unit.name,
    status: r.status,
    revision: r.revision,
    dueOn: due,
    timeliness: timeliness(due, dayOf(r.submittedAt), now),
    submittedAt: r.submittedAt,
    comment: r.comment,
    commentedBy: r.commentedBy,
    commentedAt: r.commentedAt,
    canEdit: r.personId === ctx.viewer?.personId && r.status === 'DRAFT',
    canComment: r.status === 'SUBMITTED' && !commentRefusal(ctx, managedPaths, r),
  };
}

type LogRecord = Prisma.WorkLogGetPayload<{ include: typeof who }>;
type WeeklyRecord = Prisma.WeeklyReportGetPayload<{ include: typeof who }>;
type MonthlyRecord = Prisma.MonthlyReportGetPayload<{ include: typeof who }>;

export async function logViews(ctx: Context, logs: LogRecord[]): Promise<WorkLogView[]> {
  const scope = await viewerScope(ctx);
  const now = ctx.clock.today();
  return logs.map((l) => {
    const day = dateToDay(l.day);
    return { ...common(ctx, scope.managedPaths, l, workLogDue(day), now), day, calls: l.calls, visits: l.visits, deals: l.deals, customersMet: l.customersMet, notes: l.notes };
  });
}

async function weeklyViews(ctx: Context, reports: WeeklyRecord[]): Promise<WeeklyReportView[]> {
  const scope = await viewerScope(ctx);
  const now = ctx.clock.today();
  // The figures of each reported week, for everyone reporting on it at once.
  const figures = new Map<string, Map<string, WeekFigures>>();
  for (const week of new Set(reports.map((r) => dateToDay(r.week)))) {
    const reported = reportedWeek(week);
    figures.set(week, await weekFiguresOf(ctx.prisma, [...new Set(reports.filter((r) => dateToDay(r.week) === week).map((r) => r.personId))], reported.start, reported.end));
  }
  return reports.map((r) => {
    const week = dateToDay(r.week);
    const reported = reportedWeek(week);
    return {
      ...common(ctx, scope.managedPaths, r, weeklyReportDue(week), now),
      week,
      reportedFrom: reported.start,
      reportedTo: reported.end,
      results: r.results,
      plan: r.plan,
      marketFeedback: r.marketFeedback,
      problems: r.problems,
      figures: figures.get(week)!.get(r.personId)!,
    };
  });
}

async function monthlyViews(ctx: Context, reports: MonthlyRecord[]): Promise<MonthlyReportView[]> {
  const scope = await viewerScope(ctx);
  const now = ctx.clock.today();
  const dueDay = await repPlanDueDay(ctx);
  return reports.map((r) => ({ ...common(ctx, scope.managedPaths, r, monthlyReportDueOn(r.month, r.dueOn ? dateToDay(r.dueOn) : null, dueDay), now), month: r.month, results: r.results, analysis: r.analysis, plan: r.plan }));
}

/**
 * A week's figures against the plan, computed on read, for some people at
 * once: planned sales, calls and visits from each one's newest handed-in
 * (submitted or accepted) plan of each month the week touches (a
 * Monday-to-Sunday week is one or two of the plans' month-cut weeks), actual
 * sales from the sales records, actual calls and visits from their
 * submitted logs. Four reads, whatever the number of people.
 */
export async function weekFiguresOf(db: Db, personIds: string[], start: IsoDay, end: IsoDay): Promise<Map<string, WeekFigures>> {
  const months = [...new Set([start.slice(0, 7), end.slice(0, 7)])];
  const keys = new Set(months.flatMap((m) => planWeeks(m).filter((w) => w.end >= start && w.start <= end).map((w) => w.key)));
  const range = { gte: dayToDate(start), lt: dayToDate(addDays(end, 1)) };
  const plans = await db.repPlan.findMany({
    where: { personId: { in: personIds }, month: { in: months }, status: { in: ['SUBMITTED', 'ACCEPTED'] } },
    orderBy: { version: 'desc' },
    select: { personId: true, month: true, lines: { where: { kind: 'WEEK', key: { in: [...keys] } }, select: { salesFen: true, calls: true, visits: true } } },
  });
  const sales = await db.salesRecord.groupBy({ by: ['personId'], where: { personId: { in: personIds }, date: range }, _sum: { amountFen: true } });
  const logs = await db.workLog.groupBy({ by: ['personId'], where: { personId: { in: personIds }, day: range, status: 'SUBMITTED' }, _sum: { calls: true, visits: true }, _count: { _all: true } });
  const out = new Map<string, WeekFigures>();
  for (const personId of personIds) {
    let plannedSales: bigint | null = null;
    let plannedCalls: number | null = null;
    let plannedVisits: number | null = null;
    for (const month of months) {
      const newest = plans.find((p) => p.personId === personId && p.month === month); // newest version first
      for (const l of newest?.lines ?? []) {
        plannedSales = (plannedSales ?? 0n) + l.salesFen;
        plannedCalls = (plannedCalls ?? 0) + l.calls;
        plannedVisits = (plannedVisits ?? 0) + l.visits;
      }
    }
    const sold = sales.find((x) => x.personId === personId);
    const logged = logs.find((x) => x.personId === personId);
    out.set(personId, {
      plannedSales: plannedSales === null ? null : formatMoney(plannedSales),
      actualSales: formatMoney(sold?._sum.amountFen ?? 0n),
      plannedCalls,
      plannedVisits,
      actualCalls: logged?._sum.calls ?? 0,
      actualVisits: logged?._sum.visits ?? 0,
      logsSubmitted: logged?._count._all ?? 0,
    });
  }
  return out;
}

// ── reads ───────────────────────────────────────────────────────────────

export interface MyWorkLog {
  day: IsoDay;
  dueOn: IsoDay;
  log: WorkLogView | null;
}
export interface MyWeeklyReport {
  week: IsoDay;
  reportedFrom: IsoDay;
  reportedTo: IsoDay;
  dueOn: IsoDay;
  report: WeeklyReportView | null;
  /** The figures of the reported week as they stand (also before the first save). */
  figures: WeekFigures | null;
}
export interface MyMonthlyReport {
  month: string;
  dueOn: IsoDay;
  report: MonthlyReportView | null;
}

function checked(problem: WorkReportProblem | null) {
  if (problem) throw refuse([problem], 'Refused');
}

/** The viewer's own log of a day (null before the first save). Any day may be read; only today and earlier are saved. */
export async function myWorkLog(ctx: Context, day: IsoDay): Promise<MyWorkLog> {
  const problem = logDayProblem(day, '2999-12-31');
  checked(problem);
  const personId = ctx.viewer?.personId;
  const row = personId ? await ctx.prisma.workLog.findUnique({ where: { personId_day: { personId, day: dayToDate(day) } }, include: who }) : null;
  return { day, dueOn: workLogDue(day), log: row ? (await logViews(ctx, [row]))[0]! : null };
}

export async function myWeeklyReport(ctx: Context, week: IsoDay): Promise<MyWeeklyReport> {
  checked(reportWeekProblem(week, '2999-12-31'));
  const personId = ctx.viewer?.personId ?? null;
  const row = personId ? await ctx.prisma.weeklyReport.findUnique({ where: { personId_week: { personId, week: dayToDate(week) } }, include: who }) : null;
  return weekOf(ctx, personId, week, row ? (await weeklyViews(ctx, [row]))[0]! : null);
}

/** A person's week as their report screen shows it: its dates and due day, the report (or null) and the reported week's figures as they stand. */
async function weekOf(ctx: Context, personId: string | null, week: IsoDay, report: WeeklyReportView | null): Promise<MyWeeklyReport> {
  const reported = reportedWeek(week);
  const figures = report?.figures ?? (personId ? (await weekFiguresOf(ctx.prisma, [personId], reported.start, reported.end)).get(personId)! : null);
  return { week, reportedFrom: reported.start, reportedTo: reported.end, dueOn: weeklyReportDue(week), report, figures };
}

export async function myMonthlyReport(ctx: Context, month: string): Promise<MyMonthlyReport> {
  checked(reportMonthProblem(month, '2999-12-31'));
  return monthOf(ctx, ctx.viewer?.personId ?? null, month);
}

/** A person's monthly report (null before the first save) with its due day. */
async function monthOf(ctx: Context, personId: string | null, month: string): Promise<MyMonthlyReport> {
  const row = personId ? await ctx.prisma.monthlyReport.findUnique({ where: { personId_month: { personId, month } }, include: who }) : null;
  return { month, dueOn: monthlyReportDueOn(month, row?.dueOn ? dateToDay(row.dueOn) : null, await repPlanDueDay(ctx)), report: row ? (await monthlyViews(ctx, [row]))[0]! : null };
}

/** The most days one read of work logs covers (two months). */
export const MAX_LOG_DAYS = 62;

/** The logs the viewer may read from one day to another (at most 62 days, both included), optionally of one person; by day, then employee number. */
export async function workLogs(ctx: Context, from: IsoDay, to: IsoDay, personId: string | null): Promise<WorkLogView[]> {
  checked(logDayProblem(from, '2999-12-31') ?? logDayProblem(to, '2999-12-31'));
  // Refused, not cut short: a longer range answered with its first 62 days read as "no logs" after them.
  if (to < from || to >= addDays(from, MAX_LOG_DAYS)) throw badInput(['to'], `Work logs are read from one day to a later one, at most ${MAX_LOG_DAYS} days apart`, 'WORK_LOG_RANGE', { from, to, max: MAX_LOG_DAYS });
  const where: Prisma.WorkLogWhereInput = { AND: [await readableWhere(ctx), { day: { gte: dayToDate(from), lte: dayToDate(to) } }, ...(personId ? [{ personId }] : [])] };
  const rows = await ctx.prisma.workLog.findMany({ where, include: who, orderBy: [{ day: 'asc' }, { person: { employeeNo: 'asc' } }] });
  return logViews(ctx, rows);
}

/** The weekly reports the viewer may read for a week (its Monday), by employee number. */
export async function weeklyReports(ctx: Context, week: IsoDay): Promise<WeeklyReportView[]> {
  checked(reportWeekProblem(week, '2999-12-31'));
  const rows = await ctx.prisma.weeklyReport.findMany({ where: { AND: [await readableWhere(ctx), { week: dayToDate(week) }] }, include: who, orderBy: { person: { employeeNo: 'asc' } } });
  return weeklyViews(ctx, rows);
}

/** The monthly reports the viewer may read for a month, by employee number. */
export async function monthlyReports(ctx: Context, month: string): Promise<MonthlyReportView[]> {
  checked(reportMonthProblem(month, '2999-12'));
  const rows = await ctx.prisma.monthlyReport.findMany({ where: { AND: [await readableWhere(ctx), { month }] }, include: who, orderBy: { person: { employeeNo: 'asc' } } });
  return monthlyViews(ctx, rows);
}

// ── changes ─────────────────────────────────────────────────────────────

/** The unit the person is in on a day (null when not on the roster then). */
async function unitOn(db: Db, personId: string, day: IsoDay): Promise<string | null> {
  const d = dayToDate(day);
  const a = await db.assignment.findFirst({ where: { personId, validFrom: { lte: d }, OR: [{ validTo: null }, { validTo: { gt: d } }] }, orderBy: { validFrom: 'desc' }, select: { unitId: true } });
  return a?.unitId ?? null;
}

function own(ctx: Context): string {
  const personId = ctx.viewer?.personId;
  if (!personId) throw forbidden('WORK_REPORT_ONLY_OWN', 'Only people on the roster keep work logs and reports');
  return personId;
}

const notEmployed = (day: IsoDay) => dynamicClientError('BAD_USER_INPUT', `You were not on the roster on ${day}`, { reason: 'WORK_REPORT_NOT_EMPLOYED', params: { date: day }, field: 'day' });

type Row = { id: string; status: WorkReportStatus; revision: number };
type State = { status: WorkReportStatus; submittedAt: Date | null };

/** How one of the viewer's own logs or reports is found, created and updated. */
interface Saver {
  entityType: 'WorkLog' | 'WeeklyReport' | 'MonthlyReport';
  /** The day whose roster unit the row is filed under. */
  unitDay: IsoDay;
  /** The period it is dated in (a log's day, a weekly report's two weeks, a monthly report's month): nothing changes there while it is locked. */
  dated: (calendar: FiscalCalendar) => Period;
  after: Record<string, unknown>;
  find: (tx: Tx) => Promise<Row | null>;
  create: (tx: Tx, unitId: string, state: State) => Promise<{ id: string }>;
  update: (tx: Tx, id: string, revision: number, state: State) => Promise<number>;
  /** What handing it in records elsewhere, in the same transaction (a log's visits: its customers' latest visit). */
  handedIn?: (tx: Tx, ctx: Context) => Promise<void>;
}

/**
 * Saves (and with `submit`, hands in) a row of the viewer's own, within the
 * caller's transaction: refused when it was handed in already, when the
 * revision read is stale (a new one: revision null), when the person was
 * not on the roster on its day, or when its day or month is locked.
 */
async function saveOwnIn(tx: Tx, ctx: Context, calendar: FiscalCalendar, what: Saver, revision: number | null, submit: boolean): Promise<string> {
  const personId = own(ctx);
  const unitId = await unitOn(tx, personId, what.unitDay);
  if (!unitId) throw notEmployed(what.unitDay);
  await requireUnlocked(tx, [what.dated(calendar)], calendar, `The ${WHAT[what.entityType]} was not saved`);
  const existing = await what.find(tx);
  const state: State = submit ? { status: 'SUBMITTED', submittedAt: ctx.clock.now() } : { status: 'DRAFT', submittedAt: null };
  const after = { ...what.after, status: state.status };
  if (existing) {
    if (existing.status !== 'DRAFT') throw alreadySubmitted();
    if (revision !== existing.revision) throw stale(existing.id, revision ?? 0);
    if ((await what.update(tx, existing.id, existing.revision, state)) === 0) throw stale(existing.id, revision);
    if (submit) await what.handedIn?.(tx, ctx);
    await recordAudit(tx, ctx.viewer, { entityType: what.entityType, entityId: existing.id, action: submit ? 'submit' : 'update', before: existing, after });
    return existing.id;
  }
  const created = await what.create(tx, unitId, state).catch((e: unknown) => {
    if (isUniqueViolation(e)) throw stale(what.unitDay, revision ?? 0);
    throw e;
  });
  if (submit) await what.handedIn?.(tx, ctx);
  await recordAudit(tx, ctx.viewer, { entityType: what.entityType, entityId: created.id, action: submit ? 'submit' : 'create', after });
  return created.id;
}

const logFields = (f: WorkLogFields): WorkLogFields => ({ calls: f.calls, visits: f.visits, deals: f.deals, customersMet: f.customersMet.trim(), notes: f.notes.trim() });
const weeklyFields = (f: WeeklyReportFields): WeeklyReportFields => ({ results: f.results.trim(), plan: f.plan.trim(), marketFeedback: f.marketFeedback.trim(), problems: f.problems.trim() });
const monthlyFields = (f: MonthlyReportFields): MonthlyReportFields => ({ results: f.results.trim(), analysis: f.analysis.trim(), plan: f.plan.trim() });

const WHAT = { WorkLog: 'work log', WeeklyReport: 'weekly report', MonthlyReport: 'monthly report' } as const;

/**
 * The day a weekly report (keyed by its Monday) is dated on: the Thursday of
 * the week whose results it reports, the day that places a week in its month
 * and year (ISO 8601). Nothing changes there while it is locked: the report
 * of 30 November reports 23–29 November, so a closed November (or ISO week)
 * holds it still; the one of 7 December reports 30 November – 6 December, a
 * week of December's, and is written after November is closed.
 */
const weeklyDays = (week: IsoDay): Period => daySpan(addDays(reportedWeek(week).start, 3));

/**
 * The period a stored log or report is dated in, as its save dates it (a
 * log's day, a weekly report's days, a monthly report's month): while it is
 * locked the row is neither saved nor commented on (brief §2).
 */
function datedIn(row: { day: Date } | { week: Date } | { month: string }, calendar: FiscalCalendar): Period {
  if ('day' in row) return daySpan(dateToDay(row.day));
  if ('week' in row) return weeklyDays(dateToDay(row.week));
  return period(row.month, calendar);
}

/**
 * A handed-in log with visits is its customers' latest visit (when later than
 * the one known): the customers of the person's own it names by code in
 * "customers met" (KH-701 星湖电子；王经理), as a visit slip checked in order is.
 */
async function recordCustomersMet(tx: Tx, ctx: Context, personId: string, day: IsoDay, fields: WorkLogFields) {
  if (fields.visits <= 0) return;
  const codes = [...new Set((fields.customersMet.match(/[A-Za-z0-9][A-Za-z0-9_-]{1,31}/g) ?? []).map(normaliseCustomerCode))];
  if (!codes.length) return;
  await recordLastVisit(tx, ctx.viewer, { code: { in: codes }, ownerId: personId }, dayToDate(day), { workLogDay: day });
}

function logSaver(personId: string, day: IsoDay, fields: WorkLogFields): Saver {
  const key = { personId_day: { personId, day: dayToDate(day) } };
  return {
    handedIn: (tx, ctx) => recordCustomersMet(tx, ctx, personId, day, fields),
    entityType: 'WorkLog',
    unitDay: day,
    dated: () => daySpan(day),
    after: { person: personId, day, ...fields },
    find: (tx) => tx.workLog.findUnique({ where: key }),
    create: (tx, unitId, state) => tx.workLog.create({ data: { personId, day: dayToDate(day), unitId, ...fields, ...state } }),
    update: async (tx, id, rev, state) => (await tx.workLog.updateMany({ where: { id, revision: rev }, data: { ...fields, ...state, revision: { increment: 1 } } })).count,
  };
}

function weeklySaver(personId: string, week: IsoDay, fields: WeeklyReportFields): Saver {
  const key = { personId_week: { personId, week: dayToDate(week) } };
  return {
    entityType: 'WeeklyReport',
    unitDay: week,
    dated: () => weeklyDays(week),
    after: { person: personId, week, ...fields },
    find: (tx) => tx.weeklyReport.findUnique({ where: key }),
    create: (tx, unitId, state) => tx.weeklyReport.create({ data: { personId, week: dayToDate(week), unitId, ...fields, ...state } }),
    update: async (tx, id, rev, state) => (await tx.weeklyReport.updateMany({ where: { id, revision: rev }, data: { ...fields, ...state, revision: { increment: 1 } } })).count,
  };
}

function monthlySaver(personId: string, month: string, fields: MonthlyReportFields, now: IsoDay, dueOn: IsoDay): Saver {
  // The unit on the month's last day (or today, when the month is still running).
  const unitDay = lastDayOfMonth(month) < now ? lastDayOfMonth(month) : now;
  const key = { personId_month: { personId, month } };
  return {
    entityType: 'MonthlyReport',
    unitDay,
    dated: (calendar) => period(month, calendar),
    after: { person: personId, month, ...fields },
    find: (tx) => tx.monthlyReport.findUnique({ where: key }),
    // Its due day is fixed now: a later change of the due day does not make it late, or on time, after the fact.
    create: (tx, unitId, state) => tx.monthlyReport.create({ data: { personId, month, unitId, dueOn: dayToDate(dueOn), ...fields, ...state } }),
    update: async (tx, id, rev, state) => (await tx.monthlyReport.updateMany({ where: { id, revision: rev }, data: { ...fields, ...state, revision: { increment: 1 } } })).count,
  };
}

/** The viewer saves (and with `submit`, hands in) their log of a day: never for a day after today. */
export async function saveWorkLog(ctx: Context, day: IsoDay, input: WorkLogFields, revision: number | null, submit: boolean): Promise<WorkLogView> {
  const personId = own(ctx);
  checked(logDayProblem(day, ctx.clock.today()));
  const fields = logFields(input);
  const problems = checkWorkLog(fields, submit);
  if (problems.length) throw refuse(problems, 'The work log was not saved');
  const calendar = await fiscalCalendar(ctx);
  const id = await ctx.prisma.$transaction((tx) => saveOwnIn(tx, ctx, calendar, logSaver(personId, day, fields), revision, submit));
  return (await logViews(ctx, [await ctx.prisma.workLog.findUniqueOrThrow({ where: { id }, include: who })]))[0]!;
}

/** The viewer saves (and with `submit`, hands in) their weekly report for a week (its Monday; at the latest next week's). */
export async function saveWeeklyReport(ctx: Context, week: IsoDay, input: WeeklyReportFields, revision: number | null, submit: boolean): Promise<WeeklyReportView> {
  const personId = own(ctx);
  checked(reportWeekProblem(week, ctx.clock.today()));
  const fields = weeklyFields(input);
  const problems = checkWeeklyReport(fields, submit);
  if (problems.length) throw refuse(problems, 'The weekly report was not saved');
  const calendar = await fiscalCalendar(ctx);
  const id = await ctx.prisma.$transaction((tx) => saveOwnIn(tx, ctx, calendar, weeklySaver(personId, week, fields), revision, submit));
  return (await weeklyViews(ctx, [await ctx.prisma.weeklyReport.findUniqueOrThrow({ where: { id }, include: who })]))[0]!;
}

/** The viewer saves (and with `submit`, hands in) their monthly report (this month or an earlier one). */
export async function saveMonthlyReport(ctx: Context, month: string, input: MonthlyReportFields, revision: number | null, submit: boolean): Promise<MonthlyReportView> {
  const personId = own(ctx);
  const now = ctx.clock.today();
  checked(reportMonthProblem(month, now));
  const fields = monthlyFields(input);
  const problems = checkMonthlyReport(fields, submit);
  if (problems.length) throw refuse(problems, 'The monthly report was not saved');
  const calendar = await fiscalCalendar(ctx);
  const dueOn = monthlyReportDue(month, await repPlanDueDay(ctx));
  const id = await ctx.prisma.$transaction((tx) => saveOwnIn(tx, ctx, calendar, monthlySaver(personId, month, fields, now, dueOn), revision, submit));
  return (await monthlyViews(ctx, [await ctx.prisma.monthlyReport.findUniqueOrThrow({ where: { id }, include: who })]))[0]!;
}

// ── a month at once (the sheet) ─────────────────────────────────────────

export interface MyWorkMonth {
  month: string;
  /** Whose (null for someone with no place in the organisation). */
  person: { id: string; name: string; employeeNo: string } | null;
  /** The month's logs saved so far, by day. */
  logs: WorkLogView[];
  /** One per Monday in the month, saved or not. */
  weeklyReports: MyWeeklyReport[];
  monthlyReport: MyMonthlyReport;
}

/** The viewer's own logs and reports of a month, as the month's sheet shows them: a handful of reads, whatever the month holds. */
export async function myWorkMonth(ctx: Context, month: string): Promise<MyWorkMonth> {
  return workMonthOf(ctx, ctx.viewer?.personId ?? null, month);
}

/**
 * A person's logs and reports of a month as the month's sheets show them
 * (the viewer's own, or a rep's for the plan template a manager hands out:
 * the caller has checked the viewer may have it).
 */
export async function workMonthOf(ctx: Context, personId: string | null, month: string): Promise<MyWorkMonth> {
  checked(reportMonthProblem(month, '2999-12'));
  const days = { gte: dayToDate(`${month}-01`), lte: dayToDate(lastDayOfMonth(month)) };
  const logs = personId ? await ctx.prisma.workLog.findMany({ where: { personId, day: days }, include: who, orderBy: { day: 'asc' } }) : [];
  const mondays = monthMondays(month);
  const weekRows = personId ? await ctx.prisma.weeklyReport.findMany({ where: { personId, week: { in: mondays.map(dayToDate) } }, include: who }) : [];
  const weekViews = await weeklyViews(ctx, weekRows);
  const weeklyReports = await Promise.all(mondays.map((week) => weekOf(ctx, personId, week, weekViews.find((r) => r.week === week) ?? null)));
  const person = personId ? await ctx.prisma.person.findUnique({ where: { id: personId }, select: { id: true, name: true, employeeNo: true } }) : null;
  return { month, person, logs: await logViews(ctx, logs), weeklyReports, monthlyReport: await monthOf(ctx, personId, month) };
}

/**
 * The viewer saves (and with `submit`, hands in) the logs and reports of a
 * month given at once (the rep's month sheet): all of them, or, when any
 * one is refused (a check, a day after today, one handed in already or
 * changed meanwhile), none, with every problem naming its item (the day,
 * the week's Monday or the month) and field. Each change is audited.
 */
export async function saveWorkMonth(ctx: Context, month: string, m: WorkMonthInput, submit: boolean): Promise<MyWorkMonth> {
  const personId = own(ctx);
  const now = ctx.clock.today();
  const input: WorkMonthInput = {
    logs: m.logs.map((l) => ({ ...l, day: l.day.trim(), input: logFields(l.input) })),
    weeklyReports: m.weeklyReports.map((r) => ({ ...r, week: r.week.trim(), input: weeklyFields(r.input) })),
    monthlyReport: m.monthlyReport ? { ...m.monthlyReport, input: monthlyFields(m.monthlyReport.input) } : null,
  };
  const problems = checkWorkMonth(month, input, now, submit);
  if (problems.length) throw refuseItems(problems, `The ${month} logs and reports were not saved`);
  if (!input.logs.length && !input.weeklyReports.length && !input.monthlyReport)
    throw dynamicClientError('BAD_USER_INPUT', `Nothing to save for ${month}`, { reason: 'WORK_REPORT_NOTHING_TO_SAVE', params: { month }, field: 'month' });
  const savers: { item: WorkItem; saver: Saver; revision: number | null }[] = [
    ...input.logs.map((l) => ({ item: { kind: 'LOG' as const, period: l.day }, saver: logSaver(personId, l.day, l.input), revision: l.revision })),
    ...input.weeklyReports.map((r) => ({ item: { kind: 'WEEKLY' as const, period: r.week }, saver: weeklySaver(personId, r.week, r.input), revision: r.revision })),
    ...(input.monthlyReport ? [{ item: { kind: 'MONTHLY' as const, period: month }, saver: monthlySaver(personId, month, input.monthlyReport.input, now, monthlyReportDue(month, await repPlanDueDay(ctx))), revision: input.monthlyReport.revision }] : []),
  ];
  const calendar = await fiscalCalendar(ctx);
  await ctx.prisma.$transaction(async (tx) => {
    for (const s of savers) {
      try {
        await saveOwnIn(tx, ctx, calendar, s.saver, s.revision, submit);
      } catch (e) {
        throw withItem(e, s.item);
      }
    }
  });
  return myWorkMonth(ctx, month);
}

/** A refusal of one item of a month's set, saying which (extensions.item); anything else as it was. */
function withItem(e: unknown, item: WorkItem): unknown {
  if (!(e instanceof GraphQLError) || typeof e.extensions.reason !== 'string') return e;
  const ext = e.extensions as { code: string; reason: AnyDetails['reason']; params?: AnyDetails['params']; field?: string };
  const issue = { reason: ext.reason, params: ext.params ?? {}, field: ext.field ?? 'id', item };
  return dynamicClientError(ext.code === 'CONFLICT' ? 'CONFLICT' : 'BAD_USER_INPUT', `${item.kind} ${item.period}: ${e.message}`, { ...issue, issues: [issue] });
}

function refuseItems(problems: WorkItemProblem[], what: string) {
  const all = problems.map((p) => ({ reason: p.code, params: p.params, field: p.field, item: p.item }));
  return dynamicClientError('BAD_USER_INPUT', `${what}: ${all.map((p) => `${p.item.kind} ${p.item.period} ${p.field}: ${p.reason} ${JSON.stringify(p.params)}`).join('; ')}`, { ...all[0]!, issues: all });
}

/**
 * A manager over the rep (or a director) comments on a submitted log or
 * report; a later comment replaces the earlier one (both are in the audit).
 * Not while the period it is dated in is locked (PERIOD_LOCKED).
 */
export async function commentWorkReport(ctx: Context, kind: WorkReportKind, id: string, revision: number, commentText: string): Promise<WorkLogView | WeeklyReportView | MonthlyReportView> {
  checked(commentProblem(commentText));
  const comment = commentText.trim();
  const scope = await viewerScope(ctx);
  const where = await readableWhere(ctx);
  const by = { comment, commentedById: ctx.viewer?.userId ?? null, commentedBy: ctx.viewer?.personName ?? ctx.viewer?.username ?? null, commentedAt: ctx.clock.now(), revision: { increment: 1 } };
  const entityType = kind === 'LOG' ? 'WorkLog' : kind === 'WEEKLY' ? 'WeeklyReport' : 'MonthlyReport';
  const calendar = await fiscalCalendar(ctx);
  await ctx.prisma.$transaction(async (tx) => {
    const q = { where: { AND: [{ id }, where] }, include: who };
    const row: LogRecord | WeeklyRecord | MonthlyRecord | null = kind === 'LOG' ? await tx.workLog.findFirst(q) : kind === 'WEEKLY' ? await tx.weeklyReport.findFirst(q) : await tx.monthlyReport.findFirst(q);
    if (!row) throw notFound(id);
    const refusal = commentRefusal(ctx, scope.managedPaths, row);
    if (refusal) throw refusal;
    if (row.revision !== revision) throw stale(id, revision);
    if (row.status !== 'SUBMITTED') throw dynamicClientError('BAD_USER_INPUT', 'Only a submitted log or report is commented on', { reason: 'WORK_REPORT_NOT_SUBMITTED', params: {}, field: 'id' });
    await requireUnlocked(tx, [datedIn(row, calendar)], calendar, `The comment on the ${WHAT[entityType]} was not saved`);
    const w = { where: { id, revision }, data: by };
    const { count } = kind === 'LOG' ? await tx.workLog.updateMany(w) : kind === 'WEEKLY' ? await tx.weeklyReport.updateMany(w) : await tx.monthlyReport.updateMany(w);
    if (count === 0) throw stale(id, revision);
    await recordAudit(tx, ctx.viewer, { entityType, entityId: id, action: 'comment', before: { comment: row.comment }, after: { comment } });
  });
  if (kind === 'LOG') return (await logViews(ctx, [await ctx.prisma.workLog.findUniqueOrThrow({ where: { id }, include: who })]))[0]!;
  if (kind === 'WEEKLY') return (await weeklyViews(ctx, [await ctx.prisma.weeklyReport.findUniqueOrThrow({ where: { id }, include: who })]))[0]!;
  return (await monthlyViews(ctx, [await ctx.prisma.monthlyReport.findUniqueOrThrow({ where: { id }, include: who })]))[0]!;
}

export { who as workReportInclude };
