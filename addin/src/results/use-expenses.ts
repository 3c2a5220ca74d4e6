/**
 * The Expenses section's state and calls (finance): the month chosen; pulling
 * it to its sheet (asking first when the sheet holds figures not saved);
 * saving the sheet back: read, every cell that is not money named by its
 * cell, then the month handed in whole and the sheet written again as saved.
 */
import { useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { run } from '../api/client.ts';
import { format, type Words, phrase } from '../i18n.ts';
import { treeOrder, type OrgUnitOption } from '../api/operations.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun, type SheetHandle } from '../excel/workbook.ts';
import { useSheetActions } from '../taskpane/components/useSheetActions.ts';
import { LOCKED_PERIODS, type PeriodLock } from '../chores/operations.ts';
import { FISCAL_YEAR_START, fiscalCalendarOf } from './operations.ts';
import { period } from '../../../schema/periods.ts';
import { isMonth, lastMonth } from '../chores/months.ts';
import { EXPENSE_UNITS, EXPENSES_KIND, expensesSheetSpec, type ExpensesReadBack, readExpensesSheet, SAVE_UNIT_EXPENSES, UNIT_EXPENSES, type UnitExpense } from './expenses-sheet.ts';

/** The non-zero figures by unit and category. */
const figuresOf = (xs: UnitExpense[]) => new Map(xs.filter((x) => x.amount !== '0.00').map((x) => [`${x.unitId}|${x.category}`, x.amount]));
/** How many figures differ between two sets. */
const differing = (a: UnitExpense[], b: UnitExpense[]) => {
  const [x, y] = [figuresOf(a), figuresOf(b)];
  return [...new Set([...x.keys(), ...y.keys()])].filter((k) => x.get(k) !== y.get(k)).length;
};

/** Whether a sheet holds figures typed since it was pulled (one that keeps no pulled figures: any that differ from the server's). */
const typedSincePull = (back: ExpensesReadBack, now: UnitExpense[]) => (back.keepsPulled ? back.lines.some((l) => l.amount !== l.was) : differing(back.lines, now) > 0);

export function useExpenses({ w, client, excel, onSessionEnded }: { w: Words; client: Client; excel: () => ExcelRun; onSessionEnded: () => void }) {
  const e = w.ratios.expenses;
  const actions = useSheetActions(w, onSessionEnded);
  const { step, setStatus, setIssues } = actions;
  const [month, setMonth] = useState(lastMonth());
  /** The sheet holds figures not saved: pulling again waits for the user to say so. */
  const [unsaved, setUnsaved] = useState<string | null>(null);
  useEffect(() => setUnsaved(null), [month]);

  /** A lock that reaches into the month, if any (its quarter, its year, or a week or day of it): the server refuses a save of the month for any. */
  const lockOf = async (m: string) => {
    const [locks, fiscal] = await Promise.all([run<{ lockedPeriods: PeriodLock[] }>(client, LOCKED_PERIODS), run<{ fiscalYearStartMonth: number }>(client, FISCAL_YEAR_START, {})]);
    const calendar = fiscalCalendarOf(fiscal);
    const inMonth = period(m, calendar);
    return (
      locks.lockedPeriods.find((l) => {
        try {
          const p = period(l.periodKey, calendar);
          return p.start <= inMonth.end && inMonth.start <= p.end;
        } catch {
          return false;
        }
      }) ?? null
    );
  };
  const units = async () => treeOrder((await run<{ expenseUnits: OrgUnitOption[] }>(client, EXPENSE_UNITS)).expenseUnits);
  const expenses = async () => (await run<{ unitExpenses: UnitExpense[] }>(client, UNIT_EXPENSES, { month })).unitExpenses;
  const write = async (figures: UnitExpense[], sheet?: SheetHandle) => (await writeGridSheet(excel(), expensesSheetSpec(w, month, await units(), figures), { sheet })).sheetName;

  const pull = (replace = false) =>
    step(async () => {
      if (!isMonth(month)) return setStatus({ intent: 'error', message: e.badMonth });
      const figures = await expenses();
      const read = await readTaggedSheet(excel(), EXPENSES_KIND, { month });
      const back = read && readExpensesSheet(w, read);
      // Figures typed since the sheet was pulled (not those someone else saved since: pulling again shows theirs).
      if (read && !replace && (back!.issues.length > 0 || typedSincePull(back!, figures))) {
        setUnsaved(read.sheetName);
        return;
      }
      setUnsaved(null);
      const [sheet, lock] = await Promise.all([write(figures, read?.sheet), lockOf(month)]);
      const pulled = format(e.pulled, { month, sheet });
      // A locked month is read, not kept: said now, not only when a save is refused.
      if (lock) return setStatus({ intent: 'info', message: `${pulled} ${phrase(w.locale, e.lockedMonth, { month, period: lock.periodKey, reason: lock.reason })}` });
      return pulled;
    });

  const save = () =>
    step(async () => {
      if (!isMonth(month)) return setStatus({ intent: 'error', message: e.badMonth });
      const read = await readTaggedSheet(excel(), EXPENSES_KIND, { month });
      if (!read) return setStatus({ intent: 'error', message: e.notPulled });
      const back = readExpensesSheet(w, read);
      if (back.issues.length) return setIssues(back.issues);
      const before = await expenses();
      // Only what was typed since the pull, each with the figure it replaces: a figure someone else saved meanwhile is
      // neither overwritten nor removed by a cell left as pulled (the server refuses a changed one by name).
      // A sheet pulled by an earlier pane keeps no figures as pulled: every figure on it is sent, as that pane did.
      const had = figuresOf(before);
      const lines = back.keepsPulled ? back.lines.filter((l) => l.amount !== l.was) : back.lines.filter((l) => l.amount !== '0.00' || had.has(`${l.unitId}|${l.category}`));
      const saved = (await run<{ saveUnitExpenses: UnitExpense[] }>(client, SAVE_UNIT_EXPENSES, { month, lines }, true)).saveUnitExpenses;
      const changed = differing(before, saved);
      setUnsaved(null);
      await write(saved, read.sheet);
      return format(e.saved, { month, n: changed });
    });

  return { ...actions, month, setMonth, unsaved, pull: () => pull(false), replace: () => pull(true), save };
}
