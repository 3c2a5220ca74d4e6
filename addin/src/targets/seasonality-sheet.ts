/**
 * The seasonality profiles (淡旺季) as a sheet, and back. Pure: the adapter
 * writes and reads; this decides the layout, reads what an admin typed and
 * names every problem by its cell, with the shared rules (schema/seasonality.ts).
 *
 * Layout: row 1 a banner; row 2 the header (code, name, January … December,
 * and their total as a formula);
 * then one row per profile, with blank rows below to add profiles. Code,
 * name and the months are typed in; the rest is protected.
 */
import type { Words } from '../i18n.ts';
import { columnLetters, formula, type CellInput } from '../excel/chunks.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { checkProfiles, type SeasonalityProfile } from '../../../schema/seasonality.ts';
import { cellIssue, cellText, type Issue } from '../excel/cells.ts';
import { describeReason } from '../api/describe-error.ts';

export const SEASONALITY_KIND = 'seasonalityProfiles';
export const PROFILES = '{ seasonalityProfiles { code name monthPercents } }';
export const SAVE_PROFILES = `mutation SaveSeasonalityProfiles($profiles: [SeasonalityProfileInput!]!) { saveSeasonalityProfiles(profiles: $profiles) { code name monthPercents } }`;

const FIRST_ROW = 2;
const MONTH_COL = 2;
const TOTAL_COL = MONTH_COL + 12;
export const BLANK_PROFILE_ROWS = 5;

export function seasonalitySheetSpec(w: Words, profiles: readonly SeasonalityProfile[]): GridSheetSpec {
  const k = w.targetFlow.seasonality;
  const count = profiles.length + BLANK_PROFILE_ROWS;
  const rows: CellInput[][] = Array.from({ length: count }, (_, i) => {
    const p = profiles[i];
    const r = FIRST_ROW + i + 1;
    const months = Array.from({ length: 12 }, (_, m) => (p ? Number(p.monthPercents[m]) : ''));
    const total = formula(`SUM(${columnLetters(MONTH_COL)}${r}:${columnLetters(TOTAL_COL - 1)}${r})`);
    return [p?.code ?? '', p?.name ?? '', ...months, total];
  });
  return {
    sheetName: k.sheet,
    kind: SEASONALITY_KIND,
    banner: k.banner,
    columns: [
      { header: k.code, numberFormat: '@', width: 90 },
      { header: k.name, numberFormat: '@', width: 110 },
      ...k.months.map((m) => ({ header: m, numberFormat: 'General', width: 44 })),
      { header: k.total, numberFormat: 'General', width: 60 },
    ],
    rows,
    properties: {},
    input: { row: FIRST_ROW, column: MONTH_COL, rows: count, columns: 12 },
    inputRule: { kind: 'decimal', message: k.monthRule },
    extraInputs: [{ block: { row: FIRST_ROW, column: 0, rows: count, columns: 2 }, rule: null }],
    hiddenColumns: [],
    totalRows: [],
    protect: true,
    freeze: { rows: 0, columns: 2 },
  };
}

export interface SeasonalityReadBack {
  profiles: SeasonalityProfile[];
  rows: number[];
  issues: Issue[];
}


/** Names a problem's cell: the code, the name, a month (by its key "01"…"12"), or the total for the sum. */
function cellOf(problem: { field: 'code' | 'name' | 'monthPercents'; params: Record<string, string | number> }): number {
  if (problem.field === 'code') return 0;
  if (problem.field === 'name') return 1;
  const month = Number(problem.params.key);
  return Number.isInteger(month) && month >= 1 && month <= 12 ? MONTH_COL + month - 1 : TOTAL_COL;
}

/** The profiles the sheet holds (blank rows skipped), and every problem named by its cell. */
export function readSeasonalitySheet(w: Words, read: SheetRead): SeasonalityReadBack {
  const profiles: SeasonalityProfile[] = [];
  const rows: number[] = [];
  read.values.forEach((row, r) => {
    if (r < FIRST_ROW) return;
    const cells = row.slice(0, TOTAL_COL).map(cellText);
    if (cells.every((c) => !c)) return;
    profiles.push({ code: cells[0]!, name: cells[1]!, monthPercents: cells.slice(MONTH_COL, TOTAL_COL).map((c) => c || '0') });
    rows.push(r);
  });
  const issues = checkProfiles(profiles).map((p) => cellIssue(read.sheetName, rows[p.index]!, cellOf(p), describeReason(w, p.reason, p.params)));
  return { profiles, rows, issues };
}
