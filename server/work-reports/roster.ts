/**
 * Who handed in what (issue 11 §3), per week or per month: every sales rep
 * of the viewer's subtree (or under one unit) during the period, with their
 * work logs (submitted of the working days, on time, late, missing) and the
 * reports of the period (a week: its weekly report, keyed by its Monday; a
 * month: the weekly reports of its Mondays and the monthly report), each on
 * time, late, still due or missing. Filtered by the viewer's scope in the
 * query: a manager sees their subtrees; directors, the general manager and
 * admins all (finance see payroll, not field work: brief §8).
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { maySeeUnit, salesLineScope } from '../access.ts';
import { dynamicClientError, notFound } from '../errors.ts';
import { addDays, dateToDay, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { companyDayOf } from '../clock.ts';
import { countWorkingDays, isWorkingDay, workingCalendar, CN_CALENDAR } from '../../schema/working-calendar.ts';
import { isMonday, isMonth, lastDayOfMonth, mondayOf, monthlyReportDueOn, owesReportDueOn, timeliness, weeklyReportDue, workLogDue, type Timeliness } from '../../schema/work-reports.ts';
import { calendarDays } from '../payroll/working-calendar.ts';
import { repPlanDueDay } from '../rep-plans/settings.ts';

export interface HandedInReport {
  kind: 'WEEKLY' | 'MONTHLY';
  /** The week's Monday or the month. */
  period: string;
  id: string | null;
  dueOn: IsoDay;
  /** NOT_EXPECTED: the person was not employed on its due day, and none was handed in. */
  timeliness: Timeliness | 'NOT_EXPECTED';
  submittedAt: Date | null;
  commented: boolean;
}

export interface HandedInRow {
  personId: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  /** Working days of the period the person was on the roster. */
  workingDays: number;
  logsSubmitted: number;
  logsOnTime: number;
  logsLate: number;
  /** Working days whose log is overdue (past the day after) and not submitted. */
  logsMissing: number;
  /** Working days whose log is not submitted and not due yet (today's, say). */
  logsNotYetDue: number;
  reports: HandedInReport[];
}

export interface HandedInSheet {
  /** "2026-03-02" (a week, by its Monday) or "2026-03". */
  period: string;
  start: IsoDay;
  end: IsoDay;
  /** The report columns, in order: each row's reports follow them. */
  columns: { kind: 'WEEKLY' | 'MONTHLY'; period: string }[];
  rows: HandedInRow[];
}

function periodOf(text: string): { period: string; start: IsoDay; end: IsoDay; columns: HandedInSheet['columns'] } {
  const t = text.trim();
  if (isMonday(t)) return { period: t, start: t, end: addDays(t, 6), columns: [{ kind: 'WEEKLY', period: t }] };
  if (isMonth(t)) {
    const start = `${t}-01`;
    const end = lastDayOfMonth(t);
    const mondays: string[] = [];
    for (let d = mondayOf(addDays(start, 6)); d <= end; d = addDays(d, 7)) mondays.push(d);
    return { period: t, start, end, columns: [...mondays.map((m) => ({ kind: 'WEEKLY' as const, period: m })), { kind: 'MONTHLY', period: t }] };
  }
  throw dynamicClientError('BAD_USER_INPUT', `"${text}" is neither a Monday (2026-03-02) nor a month (2026-03)`, { reason: 'WORK_REPORT_NOT_A_PERIOD', params: { value: text }, field: 'period' });
}

export async function handedInSheet(ctx: Context, periodText: string, unitId: string | null): Promise<HandedInSheet> {
  const { period, start, end, columns } = periodOf(periodText);
  const startDate = dayToDate(start);
  const endDate = dayToDate(end);
  const scope = await salesLineScope(ctx);
  const units: Prisma.OrgUnitWhereInput[] = [];
  if (unitId) {
    const unit = await ctx.prisma.orgUnit.findUnique({ where: { id: unitId }, select: { path: true } });
    if (!unit || !maySeeUnit(scope, unit.path)) throw notFound('OrgUnit', unitId);
    units.push({ path: { startsWith: unit.path } });
  } else if (!scope.everything) {
    if (!scope.unitPaths.length) return { period, start, end, columns, rows: [] };
    units.push({ OR: scope.unitPaths.map((p) => ({ path: { startsWith: p } })) });
  }
  const during = { validFrom: { lte: endDate }, OR: [{ validTo: null }, { validTo: { gt: startDate } }] };
  const weeks = columns.filter((c) => c.kind === 'WEEKLY').map((c) => dayToDate(c.period));
  const months = columns.filter((c) => c.kind === 'MONTHLY').map((c) => c.period);
  const people = await ctx.prisma.person.findMany({
    where: { position: 'SALES_REP', hireDate: { lte: endDate }, OR: [{ leaveDate: null }, { leaveDate: { gte: startDate } }], assignments: { some: { ...during, unit: { AND: units } } } },
    select: {
      id: true,
      name: true,
      employeeNo: true,
      hireDate: true,
      leaveDate: true,
      assignments: { where: during, orderBy: { validFrom: 'desc' }, take: 1, select: { unit: { select: { name: true } } } },
      workLogs: { where: { day: { gte: startDate, lte: endDate }, status: 'SUBMITTED' }, select: { day: true, submittedAt: true } },
      weeklyReports: { where: { week: { in: weeks } }, select: { id: true, week: true, submittedAt: true, comment: true } },
      monthlyReports: { where: { month: { in: months } }, select: { id: true, month: true, dueOn: true, submittedAt: true, comment: true } },
    },
    orderBy: { employeeNo: 'asc' },
  });
  const calendar = workingCalendar(CN_CALENDAR, await calendarDays(ctx.prisma, start, end));
  const dueDay = await repPlanDueDay(ctx);
  const now = ctx.clock.today();
  const dayOf = (d: Date | null) => (d ? companyDayOf(d) : null);
  const rows = people.map((p): HandedInRow => {
    const hired = dateToDay(p.hireDate);
    const left = p.leaveDate ? dateToDay(p.leaveDate) : null;
    const from = hired > start ? hired : start;
    const to = left && left < end ? left : end;
    const submitted = new Map(p.workLogs.map((l) => [dateToDay(l.day), l.submittedAt]));
    let onTime = 0;
    let late = 0;
    let missing = 0;
    let notYetDue = 0;
    for (const [day, at] of submitted) if (timeliness(workLogDue(day), dayOf(at), now) === 'ON_TIME') onTime++;
    else late++;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (!isWorkingDay(calendar, d) || submitted.has(d)) continue;
      const t = timeliness(workLogDue(d), null, now);
      if (t === 'MISSING') missing++;
      else if (t === 'DUE') notYetDue++;
    }
    const reports = columns.map((c): HandedInReport => {
      const r = c.kind === 'WEEKLY' ? p.weeklyReports.find((w) => dateToDay(w.week) === c.period) : p.monthlyReports.find((m) => m.month === c.period);
      const stored = c.kind === 'MONTHLY' ? p.monthlyReports.find((m) => m.month === c.period)?.dueOn : null;
      const due = c.kind === 'WEEKLY' ? weeklyReportDue(c.period) : monthlyReportDueOn(c.period, stored ? dateToDay(stored) : null, dueDay);
      // Owed by whoever is employed on its due day, as the reports-on-time KPI counts it.
      const owed = owesReportDueOn(due, hired, left);
      return { kind: c.kind, period: c.period, id: r?.id ?? null, dueOn: due, timeliness: !r && !owed ? 'NOT_EXPECTED' : timeliness(due, dayOf(r?.submittedAt ?? null), now), submittedAt: r?.submittedAt ?? null, commented: !!r?.comment };
    });
    return {
      personId: p.id,
      personName: p.name,
      employeeNo: p.employeeNo,
      unitName: p.assignments[0]?.unit.name ?? '',
      workingDays: from <= to ? countWorkingDays(calendar, from, to).count : 0,
      logsSubmitted: submitted.size,
      logsOnTime: onTime,
      logsLate: late,
      logsMissing: missing,
      logsNotYetDue: notYetDue,
      reports,
    };
  });
  return { period, start, end, columns, rows };
}
