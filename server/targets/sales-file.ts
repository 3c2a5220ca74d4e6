/**
 * Sales actuals from an uploaded file: an .xlsx workbook (first sheet, or a
 * sheet named Sales/销售) read with exceljs, or a CSV read with csv-parse.
 * The first row names the columns, in English or Chinese; every problem
 * names the sheet, the cell and the reason, and the import is refused whole.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { dateToDay, isIsoDay, dayToDate } from '../../schema/dates.ts';
import { parseMoney } from '../../schema/money.ts';
import { clientError } from '../errors.ts';
import type { ImportProblem, SaleInput } from './sales-import.ts';
import { importRejected } from './sales-import.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const COLUMNS = {
  externalId: ['externalid', 'external id', '单号', '订单号', '销售单号'],
  employeeNo: ['employeeno', 'employee no', 'employee no.', '工号'],
  date: ['date', '日期', '销售日期'],
  amount: ['amount', '金额', '销售额'],
  units: ['units', '数量', '销量'],
  customer: ['customer', '客户'],
  newCustomer: ['newcustomer', 'new customer', '新客户'],
  collected: ['collected', '回款'],
  margin: ['margin', '毛利'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['externalId', 'employeeNo', 'date', 'amount'];

interface Grid {
  sheet: string;
  /** Rows of raw cells; row 0 is the header. */
  rows: unknown[][];
}

const columnLetter = (i: number) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

async function readXlsx(bytes: Uint8Array): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw clientError('BAD_USER_INPUT', 'The file is not an Excel workbook (.xlsx) that can be read', { field: 'file' });
  }
  const ws = wb.worksheets.find((w) => /^(sales|销售)/i.test(w.name)) ?? wb.worksheets[0];
  if (!ws) throw clientError('BAD_USER_INPUT', 'The workbook has no sheets', { field: 'file' });
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1).map((v) => {
      if (v && typeof v === 'object' && 'result' in v) return (v as { result: unknown }).result; // formula: its value
      if (v && typeof v === 'object' && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
      if (v && typeof v === 'object' && 'text' in v) return (v as { text: string }).text;
      return v;
    });
    rows[n - 1] = values;
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

export async function readSalesFile(name: string, bytes: Uint8Array): Promise<{ sheet: string; records: SaleInput[] }> {
  if (bytes.length > MAX_FILE_BYTES) throw clientError('BAD_USER_INPUT', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, { field: 'file' });
  const lower = name.toLowerCase();
  let grid: Grid;
  if (lower.endsWith('.xlsx') || isZip(bytes)) grid = await readXlsx(bytes);
  else if (lower.endsWith('.csv') || lower.endsWith('.txt')) grid = readCsv(bytes);
  else throw clientError('BAD_USER_INPUT', `“${name}” is neither an .xlsx workbook nor a .csv file`, { field: 'file' });

  const header = (grid.rows[0] ?? []).map((h) => String(h ?? '').trim().toLowerCase());
  const at = {} as Record<Column, number>;
  for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const i = header.findIndex((h) => names.includes(h));
    if (i >= 0) at[col] = i;
  }
  const missing = REQUIRED.filter((c) => at[c] === undefined);
  if (missing.length) {
    throw clientError(
      'BAD_USER_INPUT',
      `${grid.sheet}!1: the header row lacks the column(s) ${missing.map((m) => `${m} (${COLUMNS[m][COLUMNS[m].length - 1]})`).join(', ')}; found ${header.filter(Boolean).join(', ') || 'nothing'}`,
      { field: 'file', missingColumns: missing },
    );
  }

  const problems: ImportProblem[] = [];
  const records: SaleInput[] = [];
  grid.rows.slice(1).forEach((row, i) => {
    const excelRow = i + 2;
    if (row.every((v) => v === null || v === undefined || String(v).trim() === '')) return;
    const cell = (c: Column) => (at[c] === undefined ? undefined : row[at[c]]);
    const where = (c: Column) => `${grid.sheet}!${columnLetter(at[c])}${excelRow}`;
    const bad = (c: Column, message: string) => problems.push({ row: excelRow, field: c, message: `${where(c)}: ${message}` });
    const text = (c: Column) => {
      const v = cell(c);
      return v === null || v === undefined ? '' : v instanceof Date ? dateToDay(v) : String(v).trim();
    };
    const date = (() => {
      const v = cell('date');
      if (v instanceof Date) return dayToDate(dateToDay(v));
      const s = text('date').replace(/\//g, '-');
      if (isIsoDay(s)) return dayToDate(s);
      bad('date', `“${text('date')}” is not a date (YYYY-MM-DD)`);
      return null;
    })();
    const money = (c: Column, required: boolean) => {
      const s = text(c);
      if (!s) {
        if (required) bad(c, 'is empty');
        return null;
      }
      try {
        const v = typeof cell(c) === 'number' ? String(Number((cell(c) as number).toPrecision(15))) : s;
        return parseMoney(v);
      } catch (e) {
        bad(c, (e as Error).message);
        return null;
      }
    };
    const amount = money('amount', true);
    const collected = money('collected', false);
    const margin = money('margin', false);
    const unitsText = text('units');
    const units = unitsText === '' ? null : /^\d+$/.test(unitsText) ? Number(unitsText) : (bad('units', `“${unitsText}” is not a whole number`), null);
    const yes = text('newCustomer').toLowerCase();
    if (!text('externalId')) bad('externalId', 'is empty');
    if (!text('employeeNo')) bad('employeeNo', 'is empty');
    if (date && amount !== null)
      records.push({
        sourceRow: excelRow,
        externalId: text('externalId'),
        employeeNo: text('employeeNo'),
        date,
        amountFen: amount,
        units,
        customer: text('customer') || null,
        newCustomer: ['1', 'true', 'yes', 'y', '是', 'x', '✓'].includes(yes),
        collectedFen: collected,
        marginFen: margin,
      });
  });
  if (problems.length) importRejected(problems, `${name}`);
  if (!records.length) throw clientError('BAD_USER_INPUT', `${grid.sheet} has no sales rows below its header`, { field: 'file' });
  return { sheet: grid.sheet, records };
}
