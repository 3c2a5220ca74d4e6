/**
 * The working-day calendar as data: public holidays and make-up working days
 * (调休) in the database, seeded from the `chinese-days` package (pinned in
 * package.json; MIT; its data follows the State Council's annual notices),
 * edited by admins (audited, refused in locked periods), and read by payroll,
 * which freezes the month's days into each payslip's inputs.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { recordAudit } from '../audit.ts';
import { clientError, dynamicClientError, notFound } from '../errors.ts';
import { addDays, dateToDay, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { checkCalendarDay, checkCalendarYear, CN_CALENDAR, workingCalendar, type CalendarDay, type CalendarDayKind, type WorkingCalendar } from '../../schema/working-calendar.ts';
import { fiscalCalendar, requireUnlocked } from '../targets/calendar.ts';
import { month as monthOf } from './month.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

const require = createRequire(import.meta.url);
const chineseDays = require('chinese-days/dist/chinese-days.json') as Record<'holidays' | 'workdays', Record<string, string>>;
/** The source of the seeded days, with its exact version. */
export const SEED_SOURCE = `chinese-days@${(require('chinese-days/package.json') as { version: string }).version}`;
/** The years the seed covers; a year the source has not published yet stays empty until an admin enters it. */
export const SEED_YEARS = [2025, 2026, 2027];
const SEEDED = 'workingCalendar.seed';

/** chinese-days names a day "English name,中文名,days"; we keep "中文名 English name". */
function seedName(value: string): string {
  const [en, zh] = value.split(',');
  return [zh, en].filter(Boolean).join(' ') || value;
}

/** The days the seed installs: every holiday and make-up working day of SEED_YEARS that the source lists. */
export function seedDays(years = SEED_YEARS): CalendarDay[] {
  const inYears = (d: string) => years.includes(Number(d.slice(0, 4)));
  const days: CalendarDay[] = [
    ...Object.entries(chineseDays.holidays).filter(([d]) => inYears(d)).map(([date, v]) => ({ date, kind: 'HOLIDAY' as const, name: seedName(v) })),
    ...Object.entries(chineseDays.workdays).filter(([d]) => inYears(d)).map(([date, v]) => ({ date, kind: 'WORKDAY' as const, name: seedName(v) })),
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Installs the seed once (a setting records it): days already entered are kept. */
export async function ensureWorkingCalendar(db: Context['prisma']): Promise<boolean> {
  if (await db.setting.findUnique({ where: { key: SEEDED } })) return false;
  const days = seedDays();
  await db.$transaction(async (tx) => {
    const had = new Set((await tx.workingCalendarDay.findMany({ where: { calendar: CN_CALENDAR }, select: { date: true } })).map((d) => dateToDay(d.date)));
    const fresh = days.filter((d) => !had.has(d.date));
    await tx.workingCalendarDay.createMany({ data: fresh.map((d) => ({ calendar: CN_CALENDAR, date: dayToDate(d.date), kind: d.kind, name: d.name, source: SEED_SOURCE })) });
    await tx.setting.create({ data: { key: SEEDED, value: SEED_SOURCE } });
    const years = SEED_YEARS.map((y) => ({ year: y, days: fresh.filter((d) => d.date.startsWith(`${y}-`)).length }));
    await recordAudit(tx, null, { entityType: 'WorkingCalendar', entityId: CN_CALENDAR, action: 'seed', after: { source: SEED_SOURCE, years } });
  });
  return true;
}

const toDay = (d: { date: Date; kind: CalendarDayKind; name: string; source: string; updatedAt: Date }) => ({ date: dateToDay(d.date), kind: d.kind, name: d.name, source: d.source, updatedAt: d.updatedAt });
export type CalendarDayRow = ReturnType<typeof toDay>;

/** The calendar's entries from start to end (inclusive). */
export async function calendarDays(db: Db, start: IsoDay, end: IsoDay): Promise<CalendarDayRow[]> {
  const rows = await db.workingCalendarDay.findMany({ where: { calendar: CN_CALENDAR, date: { gte: dayToDate(start), lt: dayToDate(addDays(end, 1)) } }, orderBy: { date: 'asc' } });
  return rows.map(toDay);
}

/** Whether the calendar holds any public holiday in the month's year: without one, Monday to Friday alone would count the wrong days. */
async function yearKnown(db: Db, year: string): Promise<boolean> {
  const known = await db.workingCalendarDay.count({ where: { calendar: CN_CALENDAR, kind: 'HOLIDAY', date: { gte: dayToDate(`${year}-01-01`), lt: dayToDate(`${Number(year) + 1}-01-01`) } } });
  return known > 0;
}

/**
 * The calendar a month's payroll follows, or null when the calendar holds no
 * public holiday at all in the month's year (payroll refuses such a month:
 * see payrollCalendar).
 */
export async function monthCalendar(db: Db, monthKey: string): Promise<WorkingCalendar | null> {
  const m = monthOf(monthKey);
  if (!(await yearKnown(db, m.start.slice(0, 4)))) return null;
  return workingCalendar(CN_CALENDAR, await calendarDays(db, m.start, m.end));
}

/**
 * The calendar a month's payroll follows. Refused (BAD_USER_INPUT, reason
 * CALENDAR_YEAR_MISSING) when the calendar holds no public holiday at all in
 * the month's year: Monday to Friday alone would pay the wrong days.
 */
export async function payrollCalendar(db: Db, monthKey: string): Promise<WorkingCalendar> {
  const calendar = await monthCalendar(db, monthKey);
  if (calendar) return calendar;
  const year = monthKey.slice(0, 4);
  throw clientError('BAD_USER_INPUT', `The working-day calendar ${CN_CALENDAR} has no public holidays for ${year}: an admin must enter ${year}'s holidays and make-up working days before payroll for ${monthKey}`, {
    field: 'month',
    reason: 'CALENDAR_YEAR_MISSING',
    calendar: CN_CALENDAR,
    year: Number(year),
    params: { year: Number(year), month: monthKey },
  });
}

function refuseProblems(problems: ReturnType<typeof checkCalendarDay>) {
  if (!problems.length) return;
  const first = problems[0]!;
  throw dynamicClientError('BAD_USER_INPUT', problems.map((p) => p.message).join('; '), { field: first.field, reason: first.reason, params: {}, problems });
}

/** An admin enters or changes one day (a holiday, or a make-up working day on a weekend); audited with before and after. */
export async function setCalendarDay(ctx: Context, input: { date: Date; kind: CalendarDayKind; name: string }): Promise<CalendarDayRow> {
  const date = dateToDay(input.date);
  refuseProblems(checkCalendarDay({ date, kind: input.kind, name: input.name }));
  const fiscal = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    await requireUnlocked(tx, [monthOf(date.slice(0, 7))], fiscal, `Changing the working calendar on ${date}`);
    const before = await tx.workingCalendarDay.findUnique({ where: { calendar_date: { calendar: CN_CALENDAR, date: input.date } } });
    const data = { kind: input.kind, name: input.name.trim(), source: 'admin' };
    const after = before
      ? await tx.workingCalendarDay.update({ where: { id: before.id }, data })
      : await tx.workingCalendarDay.create({ data: { ...data, calendar: CN_CALENDAR, date: input.date } });
    await recordAudit(tx, ctx.viewer, {
      entityType: 'WorkingCalendarDay',
      entityId: `${CN_CALENDAR}:${date}`,
      action: before ? 'update' : 'create',
      before: before ? { kind: before.kind, name: before.name, source: before.source } : null,
      after: { kind: after.kind, name: after.name, source: after.source },
    });
    return toDay(after);
  });
}

/** An admin removes a day's entry (it becomes an ordinary day again); audited. */
export async function removeCalendarDay(ctx: Context, day: Date): Promise<boolean> {
  const date = dateToDay(day);
  const fiscal = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.workingCalendarDay.findUnique({ where: { calendar_date: { calendar: CN_CALENDAR, date: day } } });
    if (!before) throw notFound('WorkingCalendarDay', date);
    await requireUnlocked(tx, [monthOf(date.slice(0, 7))], fiscal, `Changing the working calendar on ${date}`);
    await tx.workingCalendarDay.delete({ where: { id: before.id } });
    await recordAudit(tx, ctx.viewer, { entityType: 'WorkingCalendarDay', entityId: `${CN_CALENDAR}:${date}`, action: 'delete', before: { kind: before.kind, name: before.name, source: before.source } });
    return true;
  });
}

/**
 * What a year's calendar holds, as a short fingerprint: the pane sends back
 * the one it pulled, so a year changed by someone else meanwhile is refused
 * rather than overwritten.
 */
export function calendarFingerprint(days: readonly Pick<CalendarDay, 'date' | 'kind' | 'name'>[]): string {
  const text = [...days]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((d) => `${d.date}|${d.kind}|${d.name}`)
    .join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const yearDays = (db: Db, year: number) => calendarDays(db, `${year}-01-01`, `${year}-12-31`);

/**
 * An admin hands in a whole year (the State Council's arrangement, typed or
 * pasted into the calendar sheet): the year becomes exactly these days. All
 * or nothing, in one transaction: refused with every problem by entry when an
 * entry is wrong, when the year was changed since it was pulled (the
 * fingerprint), or when a changed day falls in a locked month. Each day
 * added, changed or removed is audited with before and after; days handed in
 * unchanged keep their source (the seed's, or an earlier admin's).
 */
export async function replaceCalendarYear(
  ctx: Context,
  input: { year: number; fingerprint: string; days: { date: Date; kind: CalendarDayKind; name: string }[] },
): Promise<{ year: number; days: CalendarDayRow[] }> {
  const { year } = input;
  const days = input.days.map((d) => ({ date: dateToDay(d.date), kind: d.kind, name: d.name.trim() }));
  const problems = checkCalendarYear(year, days);
  if (problems.length) {
    const first = problems[0]!;
    const message = problems.map((p) => `entry ${p.index + 1} (${days[p.index]!.date}): ${p.reason}`).join('; ');
    throw dynamicClientError('BAD_USER_INPUT', `The ${year} calendar has ${problems.length} problem(s): ${message}`, {
      field: `days.${first.index}.${first.field}`,
      reason: first.reason,
      params: first.params,
      problems,
      issues: problems.map((p) => ({ reason: p.reason, params: p.params, field: `days.${p.index}.${p.field}` })),
    });
  }
  const fiscal = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await yearDays(tx, year);
    if (calendarFingerprint(before) !== input.fingerprint) {
      throw clientError('CONFLICT', `The ${year} calendar was changed after it was pulled; pull it again`, { reason: 'CALENDAR_CHANGED', params: { year } });
    }
    const had = new Map(before.map((d) => [d.date, d]));
    const handed = new Map(days.map((d) => [d.date, d]));
    const added = days.filter((d) => !had.has(d.date));
    const changed = days.filter((d) => had.has(d.date) && (had.get(d.date)!.kind !== d.kind || had.get(d.date)!.name !== d.name));
    const removed = before.filter((d) => !handed.has(d.date));
    const touched = [...added, ...changed, ...removed].map((d) => d.date).sort();
    if (!touched.length) return { year, days: before };
    const months = [...new Set(touched.map((d) => d.slice(0, 7)))].map((m) => monthOf(m));
    await requireUnlocked(tx, months, fiscal, `Changing the ${year} working calendar`);
    if (removed.length) await tx.workingCalendarDay.deleteMany({ where: { calendar: CN_CALENDAR, date: { in: removed.map((d) => dayToDate(d.date)) } } });
    for (const d of changed) {
      await tx.workingCalendarDay.update({ where: { calendar_date: { calendar: CN_CALENDAR, date: dayToDate(d.date) } }, data: { kind: d.kind, name: d.name, source: 'admin' } });
    }
    if (added.length) await tx.workingCalendarDay.createMany({ data: added.map((d) => ({ calendar: CN_CALENDAR, date: dayToDate(d.date), kind: d.kind, name: d.name, source: 'admin' })) });
    const audit = (date: string, action: 'create' | 'update' | 'delete', was: CalendarDayRow | undefined, now: { kind: string; name: string } | undefined) =>
      recordAudit(tx, ctx.viewer, {
        entityType: 'WorkingCalendarDay',
        entityId: `${CN_CALENDAR}:${date}`,
        action,
        before: was ? { kind: was.kind, name: was.name, source: was.source } : null,
        ...(now ? { after: { kind: now.kind, name: now.name, source: 'admin' } } : {}),
      });
    for (const d of added) await audit(d.date, 'create', undefined, d);
    for (const d of changed) await audit(d.date, 'update', had.get(d.date), d);
    for (const d of removed) await audit(d.date, 'delete', d, undefined);
    return { year, days: await yearDays(tx, year) };
  });
}
