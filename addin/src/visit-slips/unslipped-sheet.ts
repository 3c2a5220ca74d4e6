/** The month's field-visit days without an approved visit slip (issue 11 §4), as a sheet: one row per person and day. Pure. */
import { format, type Words } from '../i18n.ts';
import type { SheetTableSpec } from '../excel/workbook.ts';
import type { UnslippedFieldVisit } from './operations.ts';

export const UNSLIPPED_KIND = 'unslipped-field-visits';

export function unslippedSheet(w: Words, month: string, rows: UnslippedFieldVisit[]): SheetTableSpec {
  const v = w.visitSlips;
  const sheet = `${v.unslippedSheet} ${month}`.slice(0, 31);
  return {
    sheetName: sheet,
    kind: UNSLIPPED_KIND,
    identity: { month },
    tableName: `QuotabookUnslipped_${month.replace('-', '_')}`,
    banner: format(v.unslippedBanner, { month, count: rows.length }),
    columns: [
      { header: v.columns.no, numberFormat: '@', width: 64 },
      { header: v.columns.name, numberFormat: '@', width: 64 },
      { header: v.columns.unit, numberFormat: '@', width: 90 },
      { header: v.columns.date, numberFormat: '@', width: 75 },
    ],
    rows: rows.map((x) => [x.employeeNo, x.personName, x.unitName, x.date]),
    properties: { month },
  };
}
