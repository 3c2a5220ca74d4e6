/**
 * Sales actuals from an uploaded file: an .xlsx workbook (first sheet, or a
 * sheet named Sales/销售) read with exceljs, or a CSV read with csv-parse.
 * The first row names the columns, in English or Chinese; every problem
 * names the sheet, the cell and the reason, and the import is refused whole.
 */
import { dateToDay, isIsoDay, dayToDate } from '../../schema/dates.ts';
import { parseMoney } from '../../schema/money.ts';
import { clientError } from '../errors.ts';
import type { ImportProblem, SaleInput } from './sales-import.ts';
import { importRejected } from './sales-import.ts';
import { columnLetter, mapColumns, readGrid } from '../imports/tabular-file.ts';

export { MAX_FILE_BYTES } from '../imports/tabular-file.ts';

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

export async function readSalesFile(name: string, bytes: Uint8Array): Promise<{ sheet: string; records: SaleInput[] }> {
  const grid = await readGrid(name, bytes, /^(sales|销售)/i);
  const at = mapColumns(grid, COLUMNS, REQUIRED);

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
    const units =
      unitsText === '' ? null
      : !/^\d+$/.test(unitsText) ? (bad('units', `“${unitsText}” is not a whole number`), null)
      : Number(unitsText) > 2_147_483_647 ? (bad('units', `${unitsText} is beyond the supported range (at most 2147483647)`), null)
      : Number(unitsText);
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
  if (!records.length) throw clientError('BAD_USER_INPUT', `${grid.sheet} has no sales rows below its header`, { field: 'file', reason: 'NO_ROWS', params: { sheet: grid.sheet } });
  return { sheet: grid.sheet, records };
}
