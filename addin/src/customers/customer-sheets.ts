/** The Customers sheet (客户档案) and the Cross-territory sheet (窜货): labelled in the pane's language, dates as serials, money exact. Pure. */
import type { Words } from '../i18n.ts';
import type { SheetTableSpec } from '../excel/workbook.ts';
import { excelDate } from '../roster/roster-sheet.ts';
import { fenToCellNumber, parseMoney } from '../../../schema/money.ts';
import type { CrossTerritorySale, Customer } from './operations.ts';

export const CUSTOMERS_KIND = 'customers';
export const CROSS_TERRITORY_KIND = 'cross-territory';

export function customersSheet(w: Words, rows: Customer[], tags: { pulledAt: string }): SheetTableSpec {
  const c = w.customers;
  const k = c.columns;
  const text = (header: string, width: number) => ({ header, numberFormat: '@', width });
  return {
    sheetName: c.sheet,
    kind: CUSTOMERS_KIND,
    // One per workbook: found by its kind whatever language named it.
    identity: {},
    tableName: 'QuotabookCustomers',
    columns: [
      text(k.code, 90),
      text(k.name, 160),
      text(k.type, 60),
      text(k.tier, 50),
      text(k.owner, 64),
      text(k.employeeNo, 64),
      text(k.unit, 90),
      text(k.ownership, 64),
      text(k.contact, 80),
      text(k.phone, 100),
      { header: k.lastVisit, numberFormat: 'yyyy-mm-dd', width: 72 },
      text(k.notes, 160),
    ],
    rows: rows.map((x) => {
      const primary = x.contacts.find((p) => p.primary) ?? x.contacts[0];
      return [
        x.code,
        x.name,
        c.types[x.type],
        c.tiers[x.tier],
        x.ownerName,
        x.ownerEmployeeNo,
        x.ownerUnitName,
        c.ownership[x.ownershipStatus],
        primary?.name ?? '',
        primary?.phone ?? '',
        excelDate(x.lastVisitOn),
        x.notes ?? '',
      ];
    }),
    properties: { pulledAt: tags.pulledAt },
    freeze: { rows: 0, columns: 2 },
  };
}

export function crossTerritorySheet(w: Words, rows: CrossTerritorySale[], tags: { pulledAt: string }): SheetTableSpec {
  const c = w.customers;
  const k = c.columns;
  const text = (header: string, width: number) => ({ header, numberFormat: '@', width });
  return {
    sheetName: c.crossSheet,
    kind: CROSS_TERRITORY_KIND,
    // One per workbook: found by its kind whatever language named it.
    identity: {},
    tableName: 'QuotabookCrossTerritory',
    columns: [
      text(k.externalId, 100),
      { header: k.date, numberFormat: 'yyyy-mm-dd', width: 72 },
      { header: k.amount, numberFormat: '#,##0.00', width: 80 },
      text(k.seller, 64),
      text(k.sellingUnit, 90),
      text(k.code, 90),
      text(k.name, 160),
      text(k.owningUnit, 90),
      text(k.customerOwner, 64),
      text(k.status, 70),
      text(k.decidedBy, 64),
      text(k.comment, 160),
      text(k.creditedTo, 64),
    ],
    rows: rows.map((f) => [
      f.externalId,
      excelDate(f.date),
      fenToCellNumber(parseMoney(f.amount)),
      // The seller as booked in the selling unit; where the credit sits now, last.
      f.bookedByName ?? f.sellerName,
      f.sellingUnitName,
      f.customerCode,
      f.customerName,
      f.owningUnitName,
      f.customerOwnerName,
      c.statuses[f.status],
      f.decidedBy ?? '',
      f.comment ?? '',
      f.sellerName,
    ]),
    properties: { pulledAt: tags.pulledAt },
    freeze: { rows: 0, columns: 1 },
  };
}
