/** Who handed in their plan for a month (issue 11 §2), as a sheet: one row per rep, late and missing ones marked, those not yet due said so. Pure. */
import { format, type Words } from '../i18n.ts';
import type { SheetTableSpec } from '../excel/workbook.ts';
import { fenToCellValue, parseMoney } from '../../../schema/money.ts';
import type { RosterRow } from './operations.ts';

export const PLAN_ROSTER_KIND = 'rep-plan-roster';

/** An amount as a cell number; one stored too large for a spreadsheet number (before plans had a most) as its exact text, rather than no sheet. */
const money = (v: string | null) => (v === null ? '' : fenToCellValue(parseMoney(v)));

export function planRosterSheet(w: Words, month: string, rows: RosterRow[]): SheetTableSpec {
  const r = w.repPlans;
  const c = r.rosterColumns;
  const counts = rosterCounts(rows);
  return {
    sheetName: `${r.rosterSheet} ${month}`.slice(0, 31),
    kind: PLAN_ROSTER_KIND,
    identity: { month },
    tableName: `QuotabookPlanRoster_${month.replace('-', '_')}`,
    banner: format(r.rosterBanner, { month, ...counts }),
    columns: [
      { header: c.no, numberFormat: '@', width: 64 },
      { header: c.name, numberFormat: '@', width: 64 },
      { header: c.unit, numberFormat: '@', width: 90 },
      { header: c.status, numberFormat: '@', width: 60 },
      { header: c.version, numberFormat: '0', width: 45 },
      { header: c.due, numberFormat: '@', width: 75 },
      { header: c.timeliness, numberFormat: '@', width: 60 },
      { header: c.target, numberFormat: '#,##0.00', width: 85 },
      { header: c.planned, numberFormat: '#,##0.00', width: 85 },
      { header: c.comment, numberFormat: '@', width: 200 },
    ],
    rows: rows.map((x) => [
      x.employeeNo,
      x.personName,
      x.unitName,
      x.status ? r.statuses[x.status]! : r.notStarted,
      x.version ?? '',
      x.dueOn,
      r.timeliness[x.timeliness]!,
      money(x.target),
      money(x.planned),
      x.decisionComment ?? '',
    ]),
    properties: { month },
    conditionalFormats: [
      { kind: 'fill', column: 6, operator: 'EqualTo', value: r.timeliness.LATE!, fill: '#FFEB9C' },
      { kind: 'fill', column: 6, operator: 'EqualTo', value: r.timeliness.MISSING!, fill: '#FFC7CE', fontColor: '#9C0006' },
    ],
  };
}

/**
 * The roster in figures, each rep counted once by when their plan came in:
 * submitted (on time or late; one returned and being redrafted still came
 * in), not yet due, or missing; so submitted + due + missing = total, and
 * late is the part of submitted that came in after the due day.
 */
export function rosterCounts(rows: RosterRow[]) {
  const count = (...t: RosterRow['timeliness'][]) => rows.filter((x) => t.includes(x.timeliness)).length;
  return { total: rows.length, submitted: count('ON_TIME', 'LATE'), late: count('LATE'), due: count('DUE'), missing: count('MISSING') };
}
