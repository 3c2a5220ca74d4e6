/** A month's rewards and penalties as a sheet (one per month), money as exact numbers formatted #,##0.00. Pure. */
import type { Words } from '../i18n.ts';
import { format } from '../i18n.ts';
import { reasonText } from '../i18n/pay-components.ts';
import type { SheetTableSpec } from '../excel/workbook.ts';
import { fenToCellNumber, parseMoney } from '../../../schema/money.ts';
import type { PayAdjustment } from './operations.ts';

export const ADJUSTMENTS_KIND = 'adjustments';

export function adjustmentsSheet(w: Words, month: string, rows: PayAdjustment[]): SheetTableSpec {
  const c = w.chores.adjustments.columns;
  return {
    sheetName: format(w.chores.adjustments.sheet, { month }),
    kind: ADJUSTMENTS_KIND,
    identity: { month },
    tableName: `QuotabookAdjustments_${month.replace('-', '_')}`,
    columns: [
      { header: c.employeeNo, numberFormat: '@', width: 64 },
      { header: c.name, numberFormat: '@', width: 64 },
      { header: c.amount, numberFormat: '#,##0.00', width: 80 },
      { header: c.reason, numberFormat: '@', width: 200 },
      { header: c.approvedBy, numberFormat: '@', width: 80 },
    ],
    rows: rows.map((a) => [a.employeeNo, a.personName, fenToCellNumber(parseMoney(a.amount)), reasonText(w.locale, a.reason), a.approvedBy]),
    properties: { month },
  };
}
