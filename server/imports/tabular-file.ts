/**
 * Reading an uploaded table: an .xlsx workbook (a sheet whose name matches,
 * else the first) with exceljs, or a CSV with csv-parse. The first row names
 * the columns (English or Chinese); problems name the sheet and the cell.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { clientError } from '../errors.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface Grid {
  sheet: string;
  /** Rows of raw cells; row 0 is the header. */
  rows: unknown[][];
}

export const columnLetter = (i: number) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

async function readXlsx(bytes: Uint8Array, preferSheet: RegExp): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw clientError('BAD_USER_INPUT', 'The file is not an Excel workbook (.xlsx) that can be read', { field: 'file' });
  }
  const ws = wb.worksheets.find((w) => preferSheet.test(w.name)) ?? wb.worksheets[0];
  if (!ws) throw clientError('BAD_USER_INPUT', 'The workbook has no sheets', { field: 'file' });
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1).map((v) => {
      if (v && typeof v === 'object' && 'result' in v) return (v as { result: unknown }).result; // a formula: its value
      if (v && typeof v === 'object' && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
      if (v && typeof v === 'object' && 'text' in v) return (v as { text: string }).text;
      return v;
    });
  });
  return { sheet: ws.name, rows: Array.from(rows, (r) => r ?? []) };
}

function readCsv(bytes: Uint8Array): Grid {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  try {
    return { sheet: 'CSV', rows: parseCsv(text, { relax_column_count: true, skip_empty_lines: false }) as string[][] };
  } catch (e) {
    throw clientError('BAD_USER_INPUT', `The CSV file cannot be read: ${(e as Error).message}`, { field: 'file' });
  }
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;

export async function readGrid(name: string, bytes: Uint8Array, preferSheet: RegExp): Promise<Grid> {
  if (bytes.length > MAX_FILE_BYTES) throw clientError('BAD_USER_INPUT', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, { field: 'file' });
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx') || isZip(bytes)) return readXlsx(bytes, preferSheet);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(bytes);
  throw clientError('BAD_USER_INPUT', `“${name}” is neither an .xlsx workbook nor a .csv file`, { field: 'file' });
}

/** Finds each column by any of its names in the header row; refuses when required ones are missing. */
export function mapColumns<C extends string>(grid: Grid, names: Record<C, readonly string[]>, required: NoInfer<C>[]): Record<C, number> {
  const header = (grid.rows[0] ?? []).map((h) => String(h ?? '').trim().toLowerCase());
  const at = {} as Record<C, number>;
  for (const [col, aliases] of Object.entries(names) as [C, readonly string[]][]) {
    const i = header.findIndex((h) => aliases.includes(h));
    if (i >= 0) at[col] = i;
  }
  const missing = required.filter((c) => at[c] === undefined);
  if (missing.length) {
    throw clientError(
      'BAD_USER_INPUT',
      `${grid.sheet}!1: the header row lacks the column(s) ${missing.map((m) => `${m} (${names[m][names[m].length - 1]})`).join(', ')}; found ${header.filter(Boolean).join(', ') || 'nothing'}`,
      { field: 'file', missingColumns: missing },
    );
  }
  return at;
}
