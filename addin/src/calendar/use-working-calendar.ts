/**
 * The Working calendar section's state and calls: the year chosen, pulling
 * it to its sheet (asking first when the sheet holds changes not saved), and
 * for an admin saving the sheet back: read, checked with the shared rules
 * (every problem named by its cell), then handed in whole; the sheet is then
 * written again as the server saved it. One action at a time; a slow or
 * unreachable server leaves a Try again.
 */
import { useState } from 'react';
import type { Client } from '@urql/core';
import { ApiError, run } from '../api/client.ts';
import { format, type Words } from '../i18n.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun, type SheetHandle } from '../excel/workbook.ts';
import { useAction } from '../taskpane/components/chores/useAction.ts';
import { CALENDAR_KIND, calendarSheetSpec, columnOf, daysDigest, namesAsStored, readCalendarSheet, shownDays } from './calendar-sheet.ts';
import { cellIssue, type Issue } from '../excel/cells.ts';
import { REPLACE_WORKING_CALENDAR, WORKING_CALENDAR, type CalendarYearView } from './operations.ts';
import { chinaTimeOf } from '../../../schema/dates.ts';
import { describeReason } from '../api/describe-error.ts';

/** The year the section opens on: this one, or the next from November, when its holidays are announced and payroll for January nears. */
export function defaultCalendarYear(now = new Date()): number {
  return now.getFullYear() + (now.getMonth() >= 10 ? 1 : 0);
}

export const validYear = (text: string) => /^\d{4}$/.test(text.trim()) && Number(text) >= 2000 && Number(text) <= 2100;

const sameDays = (a: { date: string; kind: string; name: string }[], b: { date: string; kind: string; name: string }[]) => {
  const key = (xs: typeof a) => xs.map((d) => `${d.date}|${d.kind}|${d.name}`).sort().join('\n');
  return key(a) === key(b);
};

/** An instant in China time, as the company's days are counted (not the computer's zone): "2026-12-05 07:15". */
const localTime = (d: Date) => {
  const { day, time } = chinaTimeOf(d);
  return `${day} ${time}`;
};

export function useWorkingCalendar({ w, client, roles, excel, onSessionEnded }: { w: Words; client: Client; roles: string[]; excel: () => ExcelRun; onSessionEnded: () => void }) {
  const c = w.chores.calendar;
  const admin = roles.includes('ADMIN');
  const action = useAction(w, onSessionEnded);
  const { act, setStatus } = action;
  const [year, setYear] = useState(String(defaultCalendarYear()));
  const [issues, setIssues] = useState<Issue[]>([]);
  /** The sheet holds changes not saved: pulling again waits for the user to say so. */
  const [unsaved, setUnsaved] = useState<string | null>(null);

  const summary = (view: CalendarYearView) => ({
    year: view.year,
    holidays: view.days.filter((d) => d.kind === 'HOLIDAY').length,
    workdays: view.days.filter((d) => d.kind === 'WORKDAY').length,
    working: view.months.reduce((n, m) => n + m.workingDays, 0),
  });

  const write = async (view: CalendarYearView, sheet?: SheetHandle) =>
    (await writeGridSheet(excel(), calendarSheetSpec(w, view, admin, localTime(new Date())), { sheet })).sheetName;

  const start = (work: () => Promise<string | void>) => {
    setIssues([]);
    if (!validYear(year)) {
      setStatus({ intent: 'error', message: c.badYear });
      return Promise.resolve();
    }
    return act(work);
  };

  const pull = (replace = false) =>
    start(async () => {
      const y = Number(year);
      const view = (await run<{ workingCalendar: CalendarYearView }>(client, WORKING_CALENDAR, { year: y })).workingCalendar;
      const read = admin ? await readTaggedSheet(excel(), CALENDAR_KIND, { year: String(y) }, ['pulled']) : null;
      const back = read && readCalendarSheet(w, y, read);
      // Typed into since it was written (not merely older than the server's year, which another admin may have saved).
      const typed = !!back && (back.pulled === null || back.issues.length > 0 || daysDigest(back.days) !== back.pulled);
      if (read && !replace && typed && !sameDays(back!.days, shownDays(w, view.days))) {
        setUnsaved(read.sheetName);
        return;
      }
      setUnsaved(null);
      const sheet = await write(view, read?.sheet);
      return format(view.days.length ? c.pulled : admin ? c.pulledEmpty : c.pulledEmptyAsk, { ...summary(view), sheet });
    });

  const save = () =>
    start(async () => {
      const y = Number(year);
      const read = await readTaggedSheet(excel(), CALENDAR_KIND, { year: String(y) }, ['fingerprint']);
      if (!read) return setStatus({ intent: 'error', message: format(c.notPulled, { year: y }) });
      const back = readCalendarSheet(w, y, read);
      if (back.issues.length) return setIssues(back.issues);
      let saved: CalendarYearView;
      try {
        // Seeded names are shown in one language and kept in both (calendar-sheet.ts shownName).
        const stored = (await run<{ workingCalendar: CalendarYearView }>(client, WORKING_CALENDAR, { year: y })).workingCalendar.days;
        const vars = { year: y, fingerprint: back.fingerprint ?? '', days: namesAsStored(w, back.days, stored) };
        saved = (await run<{ replaceWorkingCalendarYear: CalendarYearView }>(client, REPLACE_WORKING_CALENDAR, vars, true)).replaceWorkingCalendarYear;
      } catch (err) {
        // The server's own check of the days, should it find what the pane did not: each problem at its cell.
        const named = err instanceof ApiError ? err.issues.flatMap((i) => {
          const m = /^days\.(\d+)\.(date|kind|name)$/.exec(i.field ?? '');
          const row = m ? back.rows[Number(m[1])] : undefined;
          return row === undefined ? [] : [cellIssue(read.sheetName, row, columnOf(m![2] as 'date'), describeReason(w, i.reason, i.params))];
        }) : [];
        if (named.length) return setIssues(named);
        throw err;
      }
      setUnsaved(null);
      const sheet = await write(saved, read.sheet);
      return format(saved.fingerprint === back.fingerprint ? c.unchanged : c.saved, { ...summary(saved), sheet });
    });

  return {
    ...action,
    admin,
    year,
    setYear: (text: string) => {
      setYear(text);
      setUnsaved(null);
      setIssues([]);
    },
    issues,
    unsaved,
    pull: () => pull(false),
    replace: () => pull(true),
    save,
  };
}
