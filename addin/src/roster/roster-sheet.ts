/**
 * Roster rows (as the API sends them) to the Roster sheet's columns and
 * cells. Pure: the adapter writes what this returns.
 */
import { planText, rankText, type Words } from '../i18n.ts';
import type { CellInput } from '../excel/chunks.ts';
import type { SheetTableSpec, TableColumn } from '../excel/workbook.ts';
import { fenToCellNumber, parseMoney } from '../../../schema/money.ts';

export interface RosterPerson {
  id: string;
  employeeNo: string;
  name: string;
  /** The unit's own name: the useful end of the path. */
  unitName: string | null;
  unitPath: string;
  unitCode: string | null;
  position: string;
  rank: string | null;
  status: string;
  hireDate: string;
  leaveDate: string | null;
  employmentType: string;
  baseSalary: string | null;
  mentorName: string | null;
  phone: string | null;
  email: string | null;
  /** The plan in force on the day (absent from rows read before the roster named it). */
  compensationPlan?: { code: string; name: string; version: number } | null;
}

export const ROSTER_FIELDS = 'id employeeNo name unitName unitPath unitCode position rank status hireDate leaveDate employmentType baseSalary mentorName phone email compensationPlan { code name version }';

/** An ISO day as an Excel date serial (days since 1899-12-30), so it sorts and filters as a date. */
export function excelDate(day: string | null): number | string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

type Column = TableColumn & { cell: (p: RosterPerson) => CellInput };

export function rosterColumns(w: Words): Column[] {
  const c = w.columns;
  const text = (header: string, width: number, get: (p: RosterPerson) => string | null): Column => ({ header, numberFormat: '@', width, cell: (p) => get(p) ?? '' });
  const date = (header: string, get: (p: RosterPerson) => string | null): Column => ({ header, numberFormat: 'yyyy-mm-dd', width: 72, cell: (p) => excelDate(get(p)) });
  return [
    text(c.employeeNo, 64, (p) => p.employeeNo),
    text(c.name, 64, (p) => p.name),
    text(w.sheets.roster.unit, 88, (p) => p.unitName ?? p.unitPath.split(' / ').at(-1) ?? ''),
    text(c.unitCode, 56, (p) => p.unitCode),
    text(c.position, 80, (p) => w.positions[p.position as keyof Words['positions']] ?? p.position),
    text(c.rank, 96, (p) => rankText(w, p.rank)),
    text(c.status, 48, (p) => w.statuses[p.status as keyof Words['statuses']] ?? p.status),
    date(c.hireDate, (p) => p.hireDate),
    date(c.leaveDate, (p) => p.leaveDate),
    text(c.employmentType, 72, (p) => w.employment[p.employmentType as keyof Words['employment']] ?? p.employmentType),
    { header: c.baseSalary, numberFormat: '#,##0.00', width: 72, cell: (p) => (p.baseSalary === null ? '' : fenToCellNumber(parseMoney(p.baseSalary))) },
    text(c.mentorName, 64, (p) => p.mentorName),
    text(c.phone, 88, (p) => p.phone),
    text(c.email, 160, (p) => p.email),
    text(w.sheets.roster.unitPath, 220, (p) => p.unitPath),
    // After the path, so the columns before keep their places.
    text(c.compensationPlan, 160, (p) => (p.compensationPlan ? planText(w, p.compensationPlan) : null)),
  ];
}

/** Compares unit paths level by level ("A / B" before "A / B / C" before "A / C"), then employee numbers. */
export function rosterOrder(a: RosterPerson, b: RosterPerson): number {
  const pa = a.unitPath.split(' / ');
  const pb = b.unitPath.split(' / ');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0;
}

/** The Roster sheet: rows in unit path then employee-number order; the unit's own name up front, its full path after the contact columns, then the person's compensation plan. */
export function rosterSheet(w: Words, people: RosterPerson[], tags: { unitId: string; unitName: string; asOf: string; pulledAt: string }): SheetTableSpec {
  const columns = rosterColumns(w);
  return {
    sheetName: w.rosterTitle,
    kind: 'roster',
    // One per workbook: found by its kind whatever language named it.
    identity: {},
    tableName: 'QuotabookRoster',
    columns: columns.map(({ header, numberFormat, width }) => ({ header, numberFormat, width })),
    rows: [...people].sort(rosterOrder).map((p) => columns.map((col) => col.cell(p))),
    properties: { unit: tags.unitId, unitName: tags.unitName, asOf: tags.asOf, pulledAt: tags.pulledAt },
  };
}
