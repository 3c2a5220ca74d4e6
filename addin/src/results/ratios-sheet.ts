/**
 * The Ratios sheet (brief §5): for a unit and a period of whole months, each
 * child unit's sales, expenses and pay with the expense ratio (开支比) and
 * payroll ratio (工资比), then the unit as a whole. Pure: money parsed
 * exactly from the API's decimal strings; ratios arrive as percentages
 * rounded to 0.01 % and are written as fractions by moving the point.
 */
import { format, type Words } from '../i18n.ts';
import { formatPeriod, sheetPeriod } from '../i18n/format.ts';
import type { SheetTableSpec } from '../excel/workbook.ts';
import { amountCell, ratioCell, sheetName, tag } from './results-sheets.ts';

export const RATIOS_KIND = 'ratios';

const ROW_FIELDS = 'unitId code name sales expenses pay expenseRatio payrollRatio paidSales';
export const UNIT_RATIOS = `query UnitRatios($unitId: ID!, $period: String!, $grain: PeriodGrain!, $asOf: Date) {
  unitRatios(unitId: $unitId, period: $period, grain: $grain, asOf: $asOf) { months paidMonths total { ${ROW_FIELDS} } rows { ${ROW_FIELDS} } }
}`;

export interface RatioRow {
  unitId: string;
  code: string;
  name: string;
  sales: string;
  expenses: string;
  pay: string;
  expenseRatio: string | null;
  payrollRatio: string | null;
  /** Sales of the months with pay counted in the row: what the payroll ratio divides by. */
  paidSales: string;
}

export interface RatiosData {
  months: string[];
  /** Of the months, those with pay counted (a calculated payroll run); pay of the others is missing, not nil. */
  paidMonths: string[];
  total: RatioRow;
  rows: RatioRow[];
}

export interface RatiosContext {
  unitId: string;
  /** The period's key ("2026-Q1", "2026-YTD"): the sheet's name and banner say it as the reader does. */
  periodKey: string;
  asOf: string;
  pulledAt: string;
}

const MONEY = '#,##0.00';
const PERCENT = '0.00%';

export function ratiosSheet(w: Words, data: RatiosData, ctx: RatiosContext): SheetTableSpec {
  const r = w.ratios;
  const c = r.columns;
  const unpaid = data.months.filter((m) => !data.paidMonths.includes(m));
  // No month of the period has its payroll calculated: pay is missing, and a 0 would contradict the banner that says so.
  const noPay = data.paidMonths.length === 0;
  const line = (row: RatioRow, name: string) => [
    row.code,
    name,
    amountCell(row.sales),
    amountCell(row.expenses),
    ratioCell(row.expenseRatio),
    noPay ? '' : amountCell(row.pay),
    noPay ? '' : ratioCell(row.payrollRatio),
    // Pay ÷ this is the payroll ratio: equal to the sales when every month read is paid.
    noPay ? '' : amountCell(row.paidSales),
  ];
  // A unit without child units is its own whole: one row.
  const alone = data.rows.every((row) => row.unitId === data.total.unitId);
  const rows = [
    // The unit itself among its children holds what is booked to it directly.
    ...(alone ? [] : data.rows.map((row) => line(row, row.unitId === data.total.unitId ? format(r.direct, { unit: row.name }) : row.name))),
    line(data.total, format(r.whole, { unit: data.total.name })),
  ];
  return {
    sheetName: sheetName(format(r.sheet, { period: sheetPeriod(ctx.periodKey, w.locale) })),
    kind: RATIOS_KIND,
    identity: { unit: ctx.unitId, period: ctx.periodKey },
    tableName: `QuotabookRatios_${tag([ctx.unitId, ctx.periodKey])}`,
    columns: [
      { header: c.code, numberFormat: '@', width: 64 },
      { header: c.unit, numberFormat: '@', width: 110 },
      { header: c.sales, numberFormat: MONEY, width: 90 },
      { header: c.expenses, numberFormat: MONEY, width: 84 },
      { header: c.expenseRatio, numberFormat: PERCENT, width: 64 },
      { header: c.pay, numberFormat: MONEY, width: 84 },
      { header: c.payrollRatio, numberFormat: PERCENT, width: 64 },
      { header: c.paidSales, numberFormat: MONEY, width: 90 },
    ],
    rows,
    properties: { months: data.months.join(','), asOf: ctx.asOf, pulledAt: ctx.pulledAt },
    banner: [format(r.banner, { unit: data.total.name, period: formatPeriod(ctx.periodKey, w.locale) }), r.note, ...(unpaid.length ? [format(r.unpaid, { months: unpaid.map((m) => formatPeriod(m, w.locale)).join(r.monthJoin) })] : [])].join(' · '),
    freeze: { rows: 0, columns: 2 },
    wrapHeader: true,
  };
}
