/**
 * A sheet read from the workbook, made into the grid the server's imports
 * read (SheetGridInput): cells from A1, a date cell as its ISO day (Excel
 * gives dates as serial numbers; only the number format says it is a date),
 * other numbers as they are, trailing empty rows and columns dropped. Pure:
 * no Excel here.
 */
export type SheetCell = string | number | boolean;

export interface SheetGrid {
  sheet: string;
  rows: SheetCell[][];
}

/** True for a number format that shows a date (yyyy/m/d, m/d/yyyy, yyyy"年"m"月"d"日", [$-804]…), not a time or a number. */
export function isDateFormat(format: string): boolean {
  const bare = format
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  if (/^general$/i.test(bare.trim()) || bare.trim() === '@') return false;
  return /[yd]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/** An Excel serial day (1900 date system) as an ISO day; the time of day, if any, is dropped. */
export function serialToDay(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** The serials Excel shows as dates: 1 (1900-01-01) to 2,958,465 (9999-12-31); beyond them it shows ####. */
const isDateSerial = (v: number) => Number.isFinite(v) && v >= 1 && v < 2_958_466;

const isEmpty = (v: unknown) => v === '' || v === null || v === undefined;

export function toSheetGrid(sheet: string, values: unknown[][], numberFormats: string[][]): SheetGrid {
  const rows: SheetCell[][] = values.map((row, r) =>
    row.map((v, c) => {
      // A number no date can be (a phone or order number pasted into a date column) stays a number, for the reader to refuse by its cell.
      if (typeof v === 'number') return isDateFormat(numberFormats[r]?.[c] ?? 'General') && isDateSerial(v) ? serialToDay(v) : v;
      if (typeof v === 'string' || typeof v === 'boolean') return v;
      return '';
    }),
  );
  let height = rows.length;
  while (height > 0 && rows[height - 1]!.every(isEmpty)) height--;
  const width = Math.max(0, ...rows.slice(0, height).map((row) => row.reduce<number>((w, v, c) => (isEmpty(v) ? w : c + 1), 0)));
  return { sheet, rows: rows.slice(0, height).map((row) => row.slice(0, width)) };
}

/** Data rows below the first row (the header), not counting blank ones: what an empty sheet lacks. */
export const dataRowCount = (grid: SheetGrid) => grid.rows.slice(1).filter((row) => row.some((v) => !isEmpty(v))).length;
