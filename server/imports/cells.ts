/**
 * Reading one cell of an imported table, whichever office wrote it: a date
 * may be a real date, an ISO day, or the way Excel and WPS in zh-CN show one
 * (2026/3/2, 2026.3.2, 2026年3月2日, with or without a time after it).
 */
import { dateToDay, dayOfText, type IsoDay } from '../../schema/dates.ts';
import { columnLetter, type ColumnMap, type Grid } from './tabular-file.ts';
import type { ImportProblem } from '../targets/sales-import.ts';

/** A cell as text: trimmed, a date as its ISO day, nothing as "". */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return dateToDay(v);
  return String(v).trim();
}

/** The calendar day a cell names, or null when it names none. */
export function dayOfCell(v: unknown): IsoDay | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToDay(v);
  return dayOfText(cellText(v));
}

export const isBlankRow = (row: readonly unknown[]) => row.every((v) => cellText(v) === '');

/** The data rows of a grid below its header, each with its row number as the sheet shows it (1-based); blank rows skipped. */
export function dataRows(grid: Grid, header: number): { row: unknown[]; sheetRow: number }[] {
  return grid.rows.flatMap((row, i) => (i > header && !isBlankRow(row) ? [{ row, sheetRow: i + 1 }] : []));
}

/** Names a problem's cell (sheet and address) from the column of its field, and prefixes the message with it once. */
export function locator<C extends string>(grid: Grid, columns: ColumnMap<C>) {
  return (p: ImportProblem): ImportProblem => {
    const col = (columns.at as Record<string, number | undefined>)[p.field];
    if (p.cell || col === undefined) return { ...p, sheet: grid.sheet };
    const cell = `${columnLetter(col)}${p.row}`;
    return { ...p, sheet: grid.sheet, cell, message: `${grid.sheet}!${cell}: ${p.message}` };
  };
}
