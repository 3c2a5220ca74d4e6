/**
 * Sales actuals from an uploaded file: an .xlsx workbook (first sheet, or a
 * sheet named Sales/销售) read with exceljs, or a CSV read with csv-parse.
 * The header row (the first row, or below a few title lines) names the
 * columns, in English or Chinese; every problem names the sheet, the cell
 * and the reason, and the import is refused whole. The same reading serves
 * a sheet the pane sends (salesFromGrid), so its preview and import follow
 * the file's rules.
 */
import type { ImportProblemReason } from '../../schema/reasons.ts';
import { dayToDate } from '../../schema/dates.ts';
import { formatMoney, MoneyRangeError, parseMoney } from '../../schema/money.ts';
import { clientError } from '../errors.ts';
import type { ImportProblem, Locate, SaleInput } from './sales-import.ts';
import { importRejected, MAX_SALE_FEN } from './sales-import.ts';
import { mapColumns, readGrid, type Grid } from '../imports/tabular-file.ts';
import { cellText, dataRows, dayOfCell, locator } from '../imports/cells.ts';

const MAX_SALE_YUAN = Number(MAX_SALE_FEN / 100n);

export { MAX_FILE_BYTES } from '../imports/tabular-file.ts';

const COLUMNS = {
  externalId: ['externalid', 'external id', '单号', '订单号', '销售单号'],
  employeeNo: ['employeeno', 'employee no', 'employee no.', '工号'],
  date: ['date', '日期', '销售日期'],
  amount: ['amount', '金额', '销售额'],
  units: ['units', '数量', '销量'],
  customer: ['customer', '客户'],
  customerCode: ['customercode', 'customer code', '客户代码', '客户编码'],
  newCustomer: ['newcustomer', 'new customer', '新客户'],
  collected: ['collected', '回款'],
  margin: ['margin', '毛利'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['externalId', 'employeeNo', 'date', 'amount'];

/** Sales records read from a grid: those that parsed, the problems of those that did not (by cell), and how to name a later problem's cell. */
export interface GridSales {
  sheet: string;
  /** Data rows read (blank rows skipped), whether or not they parsed. */
  rows: number;
  records: SaleInput[];
  problems: ImportProblem[];
  locate: Locate;
}

export function salesFromGrid(grid: Grid): GridSales {
  const columns = mapColumns(grid, COLUMNS, REQUIRED);
  const { at } = columns;
  const locate = locator(grid, columns);
  const problems: ImportProblem[] = [];
  const records: SaleInput[] = [];
  const data = dataRows(grid, columns.header);
  for (const { row, sheetRow } of data) {
    const cell = (c: Column) => (at[c] === undefined ? undefined : row[at[c]]);
    const bad = (c: Column, message: string, reason: ImportProblemReason, params: Record<string, string> = {}) => problems.push(locate({ row: sheetRow, field: c, message, reason, params }));
    const text = (c: Column) => cellText(cell(c));
    const day = dayOfCell(cell('date'));
    if (!day) bad('date', `“${text('date')}” is not a date (YYYY-MM-DD)`, 'CELL_NOT_A_DATE', { value: text('date') });
    const money = (c: Column, required: boolean) => {
      const s = text(c);
      if (!s) {
        if (required) bad(c, 'is empty', 'CELL_EMPTY');
        return null;
      }
      const n = cell(c);
      // A number no sale can be is too large, whatever its digits (String() writes 1e21 and up with an exponent).
      const tooLarge = () => (bad(c, `is beyond ±${formatMoney(MAX_SALE_FEN)} a sale`, 'NUMBER_OUT_OF_RANGE', { value: s, max: formatMoney(MAX_SALE_FEN) }), null);
      if (typeof n === 'number' && Math.abs(n) > MAX_SALE_YUAN) return tooLarge();
      try {
        // As Excel's CSV shows a currency format: ¥1,234.56 (the full-width ￥ too).
        const fen = parseMoney(typeof n === 'number' ? String(Number(n.toPrecision(15))) : s.replace(/^[¥￥]\s*/, ''));
        return fen > MAX_SALE_FEN || fen < -MAX_SALE_FEN ? tooLarge() : fen;
      } catch (e) {
        if (e instanceof MoneyRangeError) return tooLarge();
        bad(c, (e as Error).message, 'NOT_AN_AMOUNT', { value: s });
        return null;
      }
    };
    const amount = money('amount', true);
    const collected = money('collected', false);
    const margin = money('margin', false);
    const unitsText = text('units');
    const units =
      unitsText === '' ? null
      : !/^\d+$/.test(unitsText) ? (bad('units', `“${unitsText}” is not a whole number`, 'NOT_A_WHOLE_NUMBER', { value: unitsText }), null)
      : Number(unitsText) > 2_147_483_647 ? (bad('units', `${unitsText} is beyond the supported range (at most 2147483647)`, 'NUMBER_OUT_OF_RANGE', { value: unitsText, max: '2147483647' }), null)
      : Number(unitsText);
    const yes = text('newCustomer').toLowerCase();
    if (!text('externalId')) bad('externalId', 'is empty', 'CELL_EMPTY');
    if (!text('employeeNo')) bad('employeeNo', 'is empty', 'CELL_EMPTY');
    if (day && amount !== null)
      records.push({
        sourceRow: sheetRow,
        externalId: text('externalId'),
        employeeNo: text('employeeNo'),
        date: dayToDate(day),
        amountFen: amount,
        units,
        customer: text('customer') || null,
        customerCode: text('customerCode') || null,
        newCustomer: ['1', 'true', 'yes', 'y', '是', 'x', '✓'].includes(yes),
        collectedFen: collected,
        marginFen: margin,
      });
  }
  return { sheet: grid.sheet, rows: data.length, records, problems, locate };
}

/** Refuses a grid's sales when any row failed to parse or none is there. */
export function requireSales(parsed: GridSales, source: string): GridSales {
  if (parsed.problems.length) importRejected(parsed.problems, source);
  if (!parsed.records.length) throw clientError('BAD_USER_INPUT', `${parsed.sheet} has no sales rows below its header`, { field: 'file', reason: 'NO_ROWS', params: { sheet: parsed.sheet } });
  return parsed;
}

export async function readSalesFile(name: string, bytes: Uint8Array): Promise<GridSales> {
  return salesFromGrid(await readGrid(name, bytes, /^(sales|销售)/i));
}
