/**
 * A role's KPI indicator set as a sheet, and back. Pure: the adapter writes
 * and reads; this decides the layout, reads what an admin typed and names
 * every problem by its cell, with the shared rules (schema/kpi.ts).
 *
 * Layout: row 1 a banner (role, set name, version); row 2 the header; then
 * one row per indicator (code, name, group, weight %, computed from, full
 * marks at, highest score), with blank rows below to add indicators (the
 * sheet is protected, so rows cannot be inserted). Beside them, the grade
 * bands' minimum totals (excellent, good, pass) and the percentage below
 * which a manager's score needs a comment. Group and computation are
 * drop-downs in the reader's language; a blank computation means the
 * manager scores the indicator.
 */
import { format, type Words } from '../i18n.ts';
import { keyOfLabel } from '../i18n/labels.ts';
import type { CellInput } from '../excel/chunks.ts';
import { cellIssue, cellText, type Issue } from '../excel/cells.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { BANDED_GRADES, checkIndicatorSet, KPI_COMPUTATIONS, KPI_GROUPS, type GradeBand, type IndicatorDraft, type KpiComputation, type KpiGroup, type KpiRole } from '../../../schema/kpi.ts';
import { describeReason } from '../api/describe-error.ts';

export const INDICATOR_SET_KIND = 'kpiIndicatorSet';

export interface IndicatorSetView {
  id: string;
  role: KpiRole;
  name: string;
  version: number;
  commentBelowPercent: number;
  gradeBands: GradeBand[];
  indicators: IndicatorDraft[];
}

export const INDICATOR_SET_FIELDS = 'id role name version commentBelowPercent gradeBands { grade min inclusive } indicators { code name group weight computation fullMarksAt maxScore }';
export const INDICATOR_SETS = `query IndicatorSets { kpiIndicatorSets { ${INDICATOR_SET_FIELDS} } }`;
export const SAVE_INDICATOR_SET = `mutation SaveIndicatorSet($role: KpiRole!, $version: Int!, $input: KpiIndicatorSetInput!) {
  saveKpiIndicatorSet(role: $role, version: $version, input: $input) { ${INDICATOR_SET_FIELDS} }
}`;

const HEADER_ROW = 1;
const FIRST_ROW = HEADER_ROW + 1;
const COL = { code: 0, name: 1, group: 2, weight: 3, computation: 4, fullMarksAt: 5, maxScore: 6, label: 8, value: 9 } as const;
const WIDTH = 10;
/** Rows below the header beside the indicators: the three bands, a gap, the comment threshold. */
const BAND_ROW = (i: number) => FIRST_ROW + i;
const COMMENT_ROW = FIRST_ROW + BANDED_GRADES.length + 1;
export const BLANK_INDICATOR_ROWS = 10;

export const indicatorSetSheetName = (w: Words, role: KpiRole) => format(w.scorecards.sets.sheet, { role: w.kpi.roles[role] }).slice(0, 31);

export function indicatorSetSheetSpec(w: Words, set: IndicatorSetView): GridSheetSpec {
  const k = w.scorecards.sets;
  const count = Math.max(set.indicators.length + BLANK_INDICATOR_ROWS, COMMENT_ROW - FIRST_ROW + 1);
  const rows: CellInput[][] = Array.from({ length: count }, (_, i) => {
    const ind = set.indicators[i];
    const row: CellInput[] = Array.from({ length: WIDTH }, () => '');
    if (ind) {
      row[COL.code] = ind.code;
      row[COL.name] = ind.name;
      row[COL.group] = w.kpi.groups[ind.group];
      row[COL.weight] = Number(ind.weight);
      row[COL.computation] = ind.computation ? w.kpi.computations[ind.computation] : '';
      row[COL.fullMarksAt] = ind.fullMarksAt === null ? '' : Number(ind.fullMarksAt);
      row[COL.maxScore] = ind.maxScore ?? '';
    }
    const r = FIRST_ROW + i;
    const band = set.gradeBands.findIndex((_, b) => BAND_ROW(b) === r);
    if (band >= 0) {
      row[COL.label] = format(k.bandMin, { grade: w.kpi.grades[set.gradeBands[band]!.grade] });
      row[COL.value] = Number(set.gradeBands[band]!.min);
    }
    if (r === COMMENT_ROW) {
      row[COL.label] = k.commentBelow;
      row[COL.value] = set.commentBelowPercent;
    }
    return row;
  });
  const column = (c: number) => ({ row: FIRST_ROW, column: c, rows: count, columns: 1 });
  return {
    sheetName: indicatorSetSheetName(w, set.role),
    kind: INDICATOR_SET_KIND,
    identity: { role: set.role },
    banner: format(k.banner, { role: w.kpi.roles[set.role], name: set.name, version: set.version }),
    columns: [
      { header: k.columns.code, numberFormat: '@', width: 70 },
      { header: k.columns.name, numberFormat: '@', width: 140 },
      { header: k.columns.group, numberFormat: '@', width: 100 },
      { header: k.columns.weight, numberFormat: '0.00', width: 55 },
      { header: k.columns.computation, numberFormat: '@', width: 130 },
      { header: k.columns.fullMarksAt, numberFormat: '0.00', width: 70 },
      { header: k.columns.maxScore, numberFormat: '0', width: 60 },
      { header: '', numberFormat: '@', width: 16 },
      { header: k.columns.setting, numberFormat: '@', width: 150 },
      { header: k.columns.value, numberFormat: 'General', width: 60 },
    ],
    rows,
    properties: { setId: set.id, version: String(set.version) },
    input: { row: FIRST_ROW, column: 0, rows: 0, columns: 0 },
    inputRule: { kind: 'whole', message: '' },
    extraInputs: [
      { block: { row: FIRST_ROW, column: COL.code, rows: count, columns: 2 }, rule: null },
      { block: column(COL.group), rule: { kind: 'list', values: KPI_GROUPS.map((g) => w.kpi.groups[g]), message: k.listRule } },
      { block: column(COL.weight), rule: null },
      { block: column(COL.computation), rule: { kind: 'list', values: KPI_COMPUTATIONS.map((c) => w.kpi.computations[c]), message: k.listRule } },
      { block: { row: FIRST_ROW, column: COL.fullMarksAt, rows: count, columns: 2 }, rule: null },
      { block: { row: BAND_ROW(0), column: COL.value, rows: BANDED_GRADES.length, columns: 1 }, rule: null },
      { block: { row: COMMENT_ROW, column: COL.value, rows: 1, columns: 1 }, rule: { kind: 'whole', min: 0, max: 100, message: k.commentRule } },
    ],
    hiddenColumns: [],
    totalRows: [],
    protect: true,
    freeze: { rows: 0, columns: 2 },
  };
}

export interface IndicatorSetReadBack {
  indicators: IndicatorDraft[];
  gradeBands: GradeBand[];
  commentBelowPercent: number;
  issues: Issue[];
  version: number | null;
}



/**
 * The set the sheet holds, and every problem named by its cell: a group or
 * computation that is not one of the list's, a highest score that is not a
 * whole number, then the shared rules (weights, full marks, scores, bands).
 */
export function readIndicatorSetSheet(w: Words, set: IndicatorSetView, read: SheetRead): IndicatorSetReadBack {
  const k = w.scorecards.sets;
  const sheet = read.sheetName;
  const issues: Issue[] = [];
  const at = (row: number, column: number, message: string) => issues.push(cellIssue(sheet, row, column, message));
  const indicators: IndicatorDraft[] = [];
  const rows: number[] = [];
  read.values.forEach((row, r) => {
    if (r < FIRST_ROW) return;
    const cells = [COL.code, COL.name, COL.group, COL.weight, COL.computation, COL.fullMarksAt, COL.maxScore].map((c) => cellText(row[c]));
    if (cells.every((c) => !c)) return;
    const [code, name, groupText, weight, computationText, fullMarksAt, maxScoreText] = cells as [string, string, string, string, string, string, string];
    if (!code) at(r, COL.code, k.codeRequired);
    if (!name) at(r, COL.name, k.nameRequired);
    const group = keyOfLabel<KpiGroup>(groupText, KPI_GROUPS, (x) => x.kpi.groups);
    if (!group) at(r, COL.group, format(k.badGroup, { value: groupText }));
    const computation = computationText ? keyOfLabel<KpiComputation>(computationText, KPI_COMPUTATIONS, (x) => x.kpi.computations) : null;
    if (computationText && !computation) at(r, COL.computation, format(k.badComputation, { value: computationText }));
    const maxScore = maxScoreText === '' ? null : /^\d+$/.test(maxScoreText) ? Number(maxScoreText) : Number.NaN;
    indicators.push({ code, name: name || code, group: group ?? 'SALES', weight, computation, fullMarksAt: computation ? fullMarksAt || null : null, maxScore: computation ? null : maxScore });
    rows.push(r);
  });
  const gradeBands: GradeBand[] = BANDED_GRADES.map((grade, i) => ({ grade, min: cellText(read.values[BAND_ROW(i)]?.[COL.value]), inclusive: set.gradeBands.find((b) => b.grade === grade)?.inclusive ?? true }));
  const commentText = cellText(read.values[COMMENT_ROW]?.[COL.value]);
  const commentBelowPercent = /^\d+$/.test(commentText) && Number(commentText) <= 100 ? Number(commentText) : Number.NaN;
  if (Number.isNaN(commentBelowPercent)) at(COMMENT_ROW, COL.value, k.commentRule);
  const column: Partial<Record<string, number>> = { KPI_INDICATOR_DUPLICATE: COL.code, KPI_WEIGHT_INVALID: COL.weight, KPI_FULL_MARKS_INVALID: COL.fullMarksAt, KPI_MAX_SCORE_INVALID: COL.maxScore };
  for (const i of checkIndicatorSet({ indicators, gradeBands })) {
    const message = describeReason(w, i.reason, i.reason === 'KPI_GRADE_MIN_INVALID' ? { ...i.params, grade: w.kpi.grades[i.params.grade as keyof Words['kpi']['grades']] ?? i.params.grade } : i.params);
    if (i.reason === 'KPI_GRADE_MIN_INVALID' && i.index !== null) at(BAND_ROW(i.index), COL.value, message);
    else if (i.index !== null && column[i.reason] !== undefined) at(rows[i.index]!, column[i.reason]!, message);
    else issues.push({ cell: null, message });
  }
  return { indicators, gradeBands, commentBelowPercent, issues, version: read.properties.version ? Number(read.properties.version) : null };
}
