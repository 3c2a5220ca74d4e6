/**
 * The chain of linked target plans below a unit as a Rollup sheet: the unit,
 * each child unit's own plan against what it was given, down to people,
 * with whether each level matches. Pure: the adapter writes what this returns.
 */
import { versionText, type Words } from '../i18n.ts';
import type { CellInput } from '../excel/chunks.ts';
import type { SheetTableSpec } from '../excel/workbook.ts';
import { fenToCellNumber, parseMoney } from '../../../schema/money.ts';
import { METRICS, type Metric } from '../../../schema/metrics.ts';

export interface RollupRow {
  depth: number;
  ownerKind: 'UNIT' | 'PERSON';
  ownerId: string;
  ownerName: string;
  planVersion: number | null;
  planStatus: string | null;
  total: string | null;
  assigned: string | null;
  childrenTotal: string | null;
  matches: boolean;
}

export const ROLLUP_FIELDS = 'depth ownerKind ownerId ownerName planVersion planStatus total assigned childrenTotal matches';

export function rollupSheet(w: Words, rows: RollupRow[], key: { unitId: string; year: number; metric: Metric; level: 'BASE' | 'STRETCH' }): SheetTableSpec {
  const t = w.targets;
  const money = METRICS[key.metric].unit === 'money';
  const num = (v: string | null): CellInput => (v === null ? '' : money ? fenToCellNumber(parseMoney(v)) : Number(v));
  const fmt = money ? '#,##0.00' : '#,##0';
  return {
    sheetName: t.rollupSheet,
    kind: 'target-rollup',
    identity: { unit: key.unitId, year: String(key.year), metric: key.metric, level: key.level },
    tableName: `QuotabookRollup${key.year}${key.metric}${key.level}${key.unitId.replace(/\W/g, '')}`.slice(0, 250),
    columns: [
      { header: t.owner, numberFormat: '@', width: 180 },
      { header: t.planColumn, numberFormat: '@', width: 90 },
      { header: t.total, numberFormat: fmt, width: 90 },
      { header: t.assigned, numberFormat: fmt, width: 90 },
      { header: t.childrenTotal, numberFormat: fmt, width: 90 },
      { header: t.matches, numberFormat: '@', width: 60 },
    ],
    rows: rows.map((r) => [
      `${'\u3000'.repeat(r.depth)}${r.ownerName}`,
      r.ownerKind === 'PERSON' ? '' : r.planVersion === null ? t.noPlan : `${versionText(w, r.planVersion)} ${t.statuses[r.planStatus as keyof typeof t.statuses] ?? r.planStatus}`,
      num(r.total),
      num(r.assigned),
      num(r.childrenTotal),
      r.matches ? t.yes : t.no,
    ]),
    properties: { metricName: t.metrics[key.metric], levelName: t.levels[key.level] },
  };
}
