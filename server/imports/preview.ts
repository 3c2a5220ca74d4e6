/**
 * Previewing and importing sales or attendance from a file or a sheet of the
 * open workbook. A preview runs every rule the import runs (reading each
 * cell, then the people, employment, locked periods and duplicates) and
 * writes nothing; it says how many rows would be new, changed or unchanged
 * and lists every problem with its sheet and cell.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { checkSales, importRejected, importSales, previewSales, type ImportCounts, type ImportProblem, type ImportResult, type Locate } from '../targets/sales-import.ts';
import { requireSales, salesFromGrid } from '../targets/sales-file.ts';
import { checkAttendance, importAttendance, previewAttendance } from '../payroll/attendance.ts';
import { attendanceFromGrid, requireAttendance } from '../payroll/attendance-file.ts';
import { gridOf, type ImportSource } from './sources.ts';

export interface ImportPreview extends ImportCounts {
  sheet: string;
  /** Data rows read (blank rows skipped). */
  rows: number;
  /** Every problem, by row; the import would be refused while there is any. */
  problems: ImportProblem[];
}

/** Runs last inside the import's transaction (an import job records its success with it). */
type Finish = (tx: Prisma.TransactionClient, result: ImportResult) => Promise<void>;

const SALES_SHEET = /^(sales|销售)/i;
const ATTENDANCE_SHEET = /^(attendance|考勤)/i;
const NONE: ImportCounts = { valid: 0, created: 0, updated: 0, unchanged: 0 };

const byRow = (a: ImportProblem, b: ImportProblem) => a.row - b.row || (a.cell ?? '').localeCompare(b.cell ?? '');

/**
 * The problems of reading a grid's cells, then those of the import's checks
 * on cells reading did not already name: a blank cell is said to be empty
 * once, not empty and then again (or empty and then an unknown number).
 */
function merged(read: ImportProblem[], checked: ImportProblem[]): ImportProblem[] {
  const cellOf = (p: ImportProblem) => `${p.row}|${p.field}`;
  const named = new Set(read.map(cellOf));
  return [...read, ...checked.filter((p) => !named.has(cellOf(p)))].sort(byRow);
}

/** Every problem of a grid's rows: those of reading its cells, then the import's checks on the records that were read. */
async function allProblems<R>(parsed: { records: R[]; problems: ImportProblem[]; locate: Locate }, check: (records: R[]) => Promise<{ problems: ImportProblem[] }>) {
  const checked = parsed.records.length ? await check(parsed.records) : { problems: [] };
  return merged(parsed.problems, checked.problems.map(parsed.locate));
}

export async function previewSalesImport(ctx: Context, source: ImportSource): Promise<ImportPreview> {
  const parsed = salesFromGrid((await gridOf(source, SALES_SHEET)).grid);
  const checked = parsed.records.length ? await previewSales(ctx, parsed.records, parsed.locate, parsed.problems) : { counts: NONE, problems: [] };
  return { sheet: parsed.sheet, rows: parsed.rows, ...checked.counts, problems: merged(parsed.problems, checked.problems) };
}

/** Imports a grid's sales; refused whole with every problem, those of reading cells and those of the checks together, as the preview lists them. */
export async function importSalesFrom(ctx: Context, source: ImportSource, finish?: Finish): Promise<ImportResult> {
  const { grid, name } = await gridOf(source, SALES_SHEET);
  const parsed = salesFromGrid(grid);
  if (parsed.problems.length) importRejected(await allProblems(parsed, (r) => checkSales(ctx, r)), name);
  const { records, locate } = requireSales(parsed, name);
  return importSales(ctx, records, name, locate, finish);
}

export async function previewAttendanceImport(ctx: Context, source: ImportSource): Promise<ImportPreview> {
  const parsed = attendanceFromGrid((await gridOf(source, ATTENDANCE_SHEET)).grid);
  const checked = parsed.records.length ? await previewAttendance(ctx, parsed.records, parsed.locate, parsed.problems) : { counts: NONE, problems: [] };
  return { sheet: parsed.sheet, rows: parsed.rows, ...checked.counts, problems: merged(parsed.problems, checked.problems) };
}

export async function importAttendanceFrom(ctx: Context, source: ImportSource, finish?: Finish): Promise<ImportResult> {
  const { grid, name } = await gridOf(source, ATTENDANCE_SHEET);
  const parsed = attendanceFromGrid(grid);
  if (parsed.problems.length) importRejected(await allProblems(parsed, (r) => checkAttendance(ctx, r)), name);
  const { records, locate } = requireAttendance(parsed, name);
  return importAttendance(ctx, records, name, locate, finish);
}
