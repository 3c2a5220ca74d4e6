/** The working-day calendar: public holidays and make-up working days (调休), read by everyone, edited by admins. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { CalendarDayKind } from '../../db/generated/sqlite/client/enums.ts';
import { dayToDate } from '../../../schema/dates.ts';
import { period } from '../../../schema/periods.ts';
import { CN_CALENDAR, countWorkingDays, workingCalendar } from '../../../schema/working-calendar.ts';
import { calendarText } from '../../../addin/src/i18n/explanations.ts';
import { calendarDays, calendarFingerprint, removeCalendarDay, replaceCalendarYear, setCalendarDay, type CalendarDayRow } from '../../payroll/working-calendar.ts';

const CalendarDayKindEnum = builder.enumType(CalendarDayKind, {
  name: 'CalendarDayKind',
  description: 'HOLIDAY: a public holiday, no work; WORKDAY: a make-up working day (调休) on a Saturday or Sunday.',
});

const WorkingCalendarDayRef = builder.objectRef<CalendarDayRow>('WorkingCalendarDay').implement({
  description: 'A day that differs from Monday to Friday: a public holiday, or a weekend day worked.',
  fields: (t) => ({
    date: t.field({ type: 'Date', resolve: (d) => dayToDate(d.date) }),
    kind: t.field({ type: CalendarDayKindEnum, resolve: (d) => d.kind }),
    name: t.exposeString('name'),
    source: t.exposeString('source', { description: 'Where the entry came from: the seed (chinese-days@version) or "admin".' }),
  }),
});

interface MonthCount {
  month: string;
  workingDays: number;
  explanation: string;
}
const WorkingMonthRef = builder.objectRef<MonthCount>('WorkingCalendarMonth').implement({
  fields: (t) => ({
    month: t.exposeString('month'),
    workingDays: t.exposeInt('workingDays'),
    explanation: t.exposeString('explanation', { description: 'How the count comes about, naming the calendar.' }),
  }),
});

const WorkingCalendarYearRef = builder.objectRef<{ year: number; days: CalendarDayRow[] }>('WorkingCalendarYear').implement({
  fields: (t) => ({
    calendar: t.string({ resolve: () => CN_CALENDAR }),
    year: t.exposeInt('year'),
    fingerprint: t.string({
      description: 'What the year holds now, in short: hand it back to replaceWorkingCalendarYear so that a year changed meanwhile is refused, not overwritten.',
      resolve: (y) => calendarFingerprint(y.days),
    }),
    days: t.field({ type: [WorkingCalendarDayRef], resolve: (y) => y.days }),
    months: t.field({
      type: [WorkingMonthRef],
      description: 'Working days per month under this calendar, as payroll counts them.',
      resolve: (y) => {
        const cal = workingCalendar(CN_CALENDAR, y.days);
        return Array.from({ length: 12 }, (_, i) => {
          const m = period(`${y.year}-${String(i + 1).padStart(2, '0')}`);
          const c = countWorkingDays(cal, m.start, m.end);
          return { month: m.key, workingDays: c.count, explanation: calendarText({ name: CN_CALENDAR, ...c }, 'api') };
        });
      },
    }),
  }),
});

builder.queryFields((t) => ({
  workingCalendar: t.field({
    type: WorkingCalendarYearRef,
    description: 'A year of the working-day calendar: its holidays and make-up working days, and the working days of each month.',
    authScopes: { signedIn: true },
    args: { year: t.arg.int({ validate: z.number().int().min(2000, 'A year from 2000 to 2100').max(2100, 'A year from 2000 to 2100') }) },
    resolve: async (_r, args, ctx) => ({ year: args.year, days: await calendarDays(ctx.prisma, `${args.year}-01-01`, `${args.year}-12-31`) }),
  }),
}));

const WorkingCalendarDayInput = builder.inputType('WorkingCalendarDayInput', {
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true }),
    kind: t.field({ type: CalendarDayKindEnum, required: true }),
    name: t.string({ required: true, validate: z.string().max(200) }),
  }),
});

builder.mutationFields((t) => ({
  replaceWorkingCalendarYear: t.field({
    type: WorkingCalendarYearRef,
    description:
      "Makes a year's calendar exactly these days (its holidays and make-up working days, e.g. the State Council's arrangement): all or nothing, refused with every problem by entry (extensions.problems), when the year changed since `fingerprint` was read, or when a changed day is in a locked month (admins; each change audited).",
    authScopes: { admin: true },
    args: {
      year: t.arg.int({ validate: z.number().int().min(2000, 'A year from 2000 to 2100').max(2100, 'A year from 2000 to 2100') }),
      fingerprint: t.arg.string({ validate: z.string().max(64) }),
      days: t.arg({ type: [WorkingCalendarDayInput], validate: z.array(z.any()).max(366) }),
    },
    resolve: (_r, args, ctx) => replaceCalendarYear(ctx, args),
  }),
  setWorkingCalendarDay: t.field({
    type: WorkingCalendarDayRef,
    description: 'Enters or changes one day: a public holiday, or a make-up working day on a weekend (admins; audited; refused in a locked month).',
    authScopes: { admin: true },
    args: { date: t.arg({ type: 'Date' }), kind: t.arg({ type: CalendarDayKindEnum }), name: t.arg.string({ validate: z.string().max(200) }) },
    resolve: (_r, args, ctx) => setCalendarDay(ctx, args),
  }),
  removeWorkingCalendarDay: t.boolean({
    description: "Removes a day's entry, making it an ordinary day again (admins; audited; refused in a locked month).",
    authScopes: { admin: true },
    args: { date: t.arg({ type: 'Date' }) },
    resolve: (_r, args, ctx) => removeCalendarDay(ctx, args.date),
  }),
}));
