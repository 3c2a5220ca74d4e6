/**
 * A target plan as a Targets sheet, and back. Pure: the adapter writes and
 * reads; this decides the layout and interprets what comes back, so that
 * inserted, deleted, renamed or reordered rows and columns are found and
 * named by cell before any rule runs.
 *
 * Layout: row 1 a banner (unit, metric, level, year, version, status and the
 * year's target, there as soon as the plan exists); row 2 the header (owner,
 * hidden owner id, total, one column per period key); row 3 the scope's own
 * targets; then one row per owner; then "sum of rows below" and "difference"
 * rows, all totals as Excel formulas. Names, totals, the header and the
 * scope's row stay in view while scrolling; a difference that is not nil
 * turns red as Excel recalculates.
 * A plan of several levels shows every level, coarsest first (quarters,
 * then months, then weeks): the finest level is typed, each level above is
 * a formula summing the periods within it, and the total sums the top level.
 */
import { versionText, type Words } from '../i18n.ts';
import type { CellInput } from '../excel/chunks.ts';
import { columnLetters, formula } from '../excel/chunks.ts';
import type { GridSheetSpec, SheetRead } from '../excel/workbook.ts';
import { METRICS, type Metric } from '../../../schema/metrics.ts';
import { fenToCellNumber, parseMoney } from '../../../schema/money.ts';
import { checkLines, type LineInput, type PlanGrid } from '../../../schema/target-plan-check.ts';
import { checkDraftLines } from '../../../schema/target-draft-check.ts';
import { readAmount } from '../../../schema/target-validation.ts';
import { groupDecimal } from '../i18n/format.ts';
import type { ValidationIssue } from '../../../schema/target-validation.ts';
import { columnsWithin, type PeriodLevel } from '../../../schema/periods.ts';

export interface PlanView {
  plan: { id: string; year: number; version: number; revision: number; status: string; metric: Metric; level: 'BASE' | 'STRETCH'; total: string; ownerKind: 'UNIT' | 'PERSON'; scopeUnitName: string; periodLevel: string };
  /** Coarse levels first; `parent` is the period of the level above (null at the top). */
  periods: { key: string; start: string; end: string; days: number; level?: string; parent?: string | null }[];
  rows: { ownerId: string; ownerName: string; isScope: boolean; hireDate: string | null; leaveDate: string | null }[];
  lines: { ownerId: string; periodKey: string; amount: string }[];
}

export const PLAN_FIELDS = `plan { id year version revision status metric level total ownerKind scopeUnitName periodLevel }
  periods { key start end days level parent } rows { ownerId ownerName isScope hireDate leaveDate } lines { ownerId periodKey amount }`;

export const TARGETS_KIND = 'targets';
const SUM_ID = '__sum';
const DIFF_ID = '__diff';
const TOTAL_COL = 2;
const FIRST_PERIOD_COL = 3;
/** Sheet rows (zero-based) of the header and of the scope's row, below the banner. */
const HEADER_ROW = 1;
const FIRST_ROW = HEADER_ROW + 1;

/** The banner above the header: what the plan is, where it stands, and its year target. */
export function targetBanner(w: Words, plan: PlanView['plan']): string {
  const t = w.targets;
  return [
    plan.scopeUnitName,
    t.metrics[plan.metric] ?? plan.metric,
    t.levels[plan.level] ?? plan.level,
    String(plan.year),
    versionText(w, plan.version),
    t.statuses[plan.status as keyof typeof t.statuses] ?? plan.status,
    `${t.totalTarget} ${groupDecimal(plan.total, METRICS[plan.metric].unit === 'money' ? 2 : null)}`,
  ].join(' · ');
}

const cellNumber = (metric: Metric, amount: string): number =>
  METRICS[metric].unit === 'money' ? fenToCellNumber(parseMoney(amount)) : Number(amount);

/** The periods the user types: the finest level (all of them in a plan of one level). */
const isLeaf = (view: PlanView) => {
  const within = columnsWithin(view.periods);
  return (p: PlanView['periods'][number]) => !within.has(view.periods.indexOf(p));
};

/** `keep`: cells ("owner|period") to write as the user typed them instead of the plan's figures. */
export function targetSheetSpec(w: Words, view: PlanView, sheetName = w.targets.title, keep?: Map<string, unknown>): GridSheetSpec {
  const { plan, periods, rows } = view;
  const unit = METRICS[plan.metric].unit;
  const fmt = unit === 'money' ? '#,##0.00' : '#,##0';
  const amount = new Map(view.lines.map((l) => [`${l.ownerId}|${l.periodKey}`, l.amount]));
  const col = (j: number) => columnLetters(FIRST_PERIOD_COL + j);
  const leaf = isLeaf(view);
  const firstLeaf = periods.findIndex(leaf);
  const top = periods.map((p, j) => (p.parent ? -1 : j)).filter((j) => j >= 0);
  const within = columnsWithin(periods);
  /** A period's cell on a sheet row: typed at the finest level, a sum of the level below above it. */
  const cell = (j: number, sheetRow: number, typed: CellInput): CellInput => {
    const kids = within.get(j);
    return kids ? formula(`=SUM(${col(kids[0]!)}${sheetRow}:${col(kids.at(-1)!)}${sheetRow})`) : typed;
  };
  const totalOf = (sheetRow: number) => formula(top.length === periods.length ? `=SUM(${col(0)}${sheetRow}:${col(periods.length - 1)}${sheetRow})` : `=${top.map((j) => `${col(j)}${sheetRow}`).join('+')}`);
  const scopeRow = FIRST_ROW + 1; // sheet rows (one-based) from here hold the scope and owners
  const firstOwnerRow = scopeRow + 1;
  const lastOwnerRow = scopeRow + rows.length - 1;
  const sumRow = lastOwnerRow + 1;
  const total = columnLetters(TOTAL_COL);
  const body: CellInput[][] = rows.map((r, i) => {
    const sheetRow = scopeRow + i;
    return [
      r.isScope ? `${r.ownerName} · ${w.targets.scopeRow}` : r.ownerName,
      r.ownerId,
      totalOf(sheetRow),
      ...periods.map((p, j) => {
        const k = `${r.ownerId}|${p.key}`;
        const a = amount.get(k);
        if (keep?.has(k)) return cell(j, sheetRow, keep.get(k) as CellInput);
        return cell(j, sheetRow, a === undefined ? '' : cellNumber(plan.metric, a));
      }),
    ];
  });
  const sum: CellInput[] = [w.targets.sumRow, SUM_ID, totalOf(sumRow), ...periods.map((_, j) => formula(`=SUM(${col(j)}${firstOwnerRow}:${col(j)}${lastOwnerRow})`))];
  const diff: CellInput[] = [w.targets.diffRow, DIFF_ID, formula(`=${total}${scopeRow}-${total}${sumRow}`), ...periods.map((_, j) => formula(`=${col(j)}${scopeRow}-${col(j)}${sumRow}`))];
  const diffIndex = FIRST_ROW + rows.length + 1;
  return {
    sheetName,
    kind: TARGETS_KIND,
    identity: { planId: plan.id },
    banner: targetBanner(w, plan),
    columns: [
      { header: w.targets.owner, numberFormat: '@', width: 150 },
      { header: 'ID', numberFormat: '@', width: 40 },
      { header: w.targets.total, numberFormat: fmt, width: 90 },
      ...periods.map((p) => ({ header: p.key, numberFormat: fmt, width: leaf(p) ? 76 : 84 })),
    ],
    rows: [...body, sum, diff],
    properties: { version: String(plan.version), revision: String(plan.revision), metric: plan.metric, level: plan.level, year: String(plan.year), status: plan.status },
    // The finest level is the last group of columns, so the typed cells are one block.
    input: { row: FIRST_ROW, column: FIRST_PERIOD_COL + firstLeaf, rows: rows.length, columns: periods.length - firstLeaf },
    inputRule: { kind: unit === 'money' ? 'decimal' : 'whole', message: unit === 'money' ? w.targets.inputMoney : w.targets.inputCount },
    hiddenColumns: [1],
    totalRows: [FIRST_ROW + rows.length, diffIndex],
    protect: true,
    // Names, the hidden ids and the totals on the left; the header and the scope's row on top.
    freeze: { rows: 1, columns: FIRST_PERIOD_COL },
    alertUnlessZero: [{ row: diffIndex, column: TOTAL_COL, rows: 1, columns: periods.length + 1 }],
  };
}

/**
 * The server's version of a plan beside the user's sheet, after a CONFLICT:
 * nothing to type in (all locked and grey), the cells that differ from what
 * the user's sheet holds highlighted.
 */
export function comparisonSheetSpec(w: Words, view: PlanView, sheetName: string, mine: ReadBack | null): GridSheetSpec {
  const spec = targetSheetSpec(w, view, sheetName);
  const unit = METRICS[view.plan.metric].unit;
  const server = new Map(view.lines.map((l) => [`${l.ownerId}|${l.periodKey}`, l.amount]));
  const rowOf = new Map(view.rows.map((r, i) => [r.ownerId, FIRST_ROW + i]));
  const columnOf = new Map(view.periods.map((p, j) => [p.key, FIRST_PERIOD_COL + j]));
  const highlight = (mine?.lines ?? [])
    .filter((l) => !sameAmount(unit, l.amount, server.get(`${l.ownerId}|${l.periodKey}`) ?? ''))
    .flatMap((l) => (rowOf.has(l.ownerId) && columnOf.has(l.periodKey) ? [{ row: rowOf.get(l.ownerId)!, column: columnOf.get(l.periodKey)! }] : []));
  return { ...spec, kind: 'targets-server', input: { ...spec.input, rows: 0, columns: 0 }, readOnly: true, highlight };
}

/** Whether two cell values are the same amount (blank is blank; text compares as typed). */
export function sameAmount(unit: 'money' | 'count', a: unknown, b: unknown): boolean {
  const ra = readAmount(a, unit);
  const rb = readAmount(b, unit);
  if ('value' in ra && 'value' in rb) return ra.value === rb.value;
  return text(a) === text(b);
}

export interface SheetProblem {
  cell: string;
  message: string;
}

export interface ReadBack {
  lines: LineInput[];
  problems: SheetProblem[];
  /** Where each owner's row and each period's column are now. */
  rowOf: Map<string, number>;
  columnOf: Map<string, number>;
  /** The Total column, where a problem with a row's year total is shown. */
  totalColumn: number | null;
  /** The difference row, where a column that does not add up is shown. */
  diffRow: number | null;
  /** The header's row (zero-based). */
  headerRow: number;
  revision: number | null;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** Interprets a Targets sheet as read back: structure first, then the cells as lines. */
export function readTargetSheet(w: Words, view: PlanView, read: SheetRead): ReadBack {
  const problems: SheetProblem[] = [];
  const s = read.sheetName;
  // The header is the row whose second cell says "ID" (below the banner).
  const h = Math.max(0, read.values.findIndex((row) => text(row[1]) === 'ID'));
  const header = read.values[h] ?? [];
  const periodKeys = new Set(view.periods.map((p) => p.key));
  const columnOf = new Map<string, number>();
  let totalColumn: number | null = null;
  let diffRow: number | null = null;
  const isTotal = (key: string) => key === w.targets.total || key === 'Total' || key === '合计';
  header.forEach((v, c) => {
    if (c < TOTAL_COL) return;
    const key = text(v);
    if (isTotal(key)) totalColumn = c;
    if (!key || isTotal(key)) return;
    if (!periodKeys.has(key)) problems.push({ cell: `${s}!${columnLetters(c)}${h + 1}`, message: format(w.targets.unknownColumn, { key }) });
    else if (columnOf.has(key)) problems.push({ cell: `${s}!${columnLetters(c)}${h + 1}`, message: format(w.targets.duplicateColumn, { key }) });
    else columnOf.set(key, c);
  });
  for (const p of view.periods) if (!columnOf.has(p.key)) problems.push({ cell: `${s}!A${h + 1}`, message: format(w.targets.missingColumn, { key: p.key }) });

  const owners = new Map(view.rows.map((r) => [r.ownerId, r]));
  // Levels above the finest are formulas: the shared rules derive them from the typed cells.
  const typed = new Set(view.periods.filter(isLeaf(view)).map((p) => p.key));
  const rowOf = new Map<string, number>();
  const lines: LineInput[] = [];
  read.values.slice(h + 1).forEach((row, i) => {
    const r = h + 1 + i;
    const id = text(row[1]);
    if (id === DIFF_ID) diffRow = r;
    if (id === SUM_ID || id === DIFF_ID) return;
    const content = row.some((v, c) => c !== 1 && text(v) !== '' && !(typeof v === 'string' && v.startsWith('=')));
    if (!id) {
      if (content) problems.push({ cell: `${s}!A${r + 1}`, message: w.targets.strayRow });
      return;
    }
    if (!owners.has(id)) {
      problems.push({ cell: `${s}!A${r + 1}`, message: format(w.targets.unknownRow, { name: text(row[0]) || id }) });
      return;
    }
    if (rowOf.has(id)) {
      problems.push({ cell: `${s}!A${r + 1}`, message: format(w.targets.duplicateRow, { name: owners.get(id)!.ownerName, first: rowOf.get(id)! + 1 }) });
      return;
    }
    rowOf.set(id, r);
    for (const [key, c] of columnOf) if (typed.has(key)) lines.push({ ownerId: id, periodKey: key, amount: row[c] ?? '' });
  });
  for (const r of view.rows) if (!rowOf.has(r.ownerId)) problems.push({ cell: `${s}!A:A`, message: format(w.targets.missingRow, { name: r.ownerName }) });
  const revision = read.properties.revision ? Number(read.properties.revision) : null;
  return { lines, problems, rowOf, columnOf, totalColumn, diffRow, headerRow: h, revision };
}

/** The plan's grid as the shared rules take it: its periods, its scope and the owners below it. */
function gridOf(view: PlanView): PlanGrid {
  const { plan } = view;
  const scope = view.rows.find((r) => r.isScope)!;
  return {
    periods: view.periods.map((p) => ({ ...p, level: (p.level ?? plan.periodLevel) as PeriodLevel, parent: p.parent ?? null })),
    scope: { id: scope.ownerId, name: scope.ownerName },
    owners: view.rows.filter((r) => !r.isScope).map((r) => (plan.ownerKind === 'PERSON' ? { key: r.ownerId, name: r.ownerName, hireDate: r.hireDate, leaveDate: r.leaveDate } : { key: r.ownerId, name: r.ownerName })),
  };
}

/** The shared rules on what the sheet holds (the same checks the server runs). */
export function checkSheet(view: PlanView, back: ReadBack): ValidationIssue[] {
  const { plan } = view;
  const unit = METRICS[plan.metric].unit;
  const total = unit === 'money' ? parseMoney(plan.total) : BigInt(plan.total);
  return checkLines({ metric: plan.metric, level: plan.level, ownerKind: plan.ownerKind, total }, gridOf(view), back.lines).issues;
}

/** The shared rules on a draft (each cell on its own, none of the sums: the same check the server's Save draft runs). */
export function checkDraftSheet(view: PlanView, back: ReadBack): ValidationIssue[] {
  return checkDraftLines(view.plan, gridOf(view), back.lines).issues;
}

/** The cell (or row, or column) an issue is about, as "Sheet!C5". */
export function issueCell(sheetName: string, back: ReadBack, issue: ValidationIssue): string | null {
  const r = issue.rowKey ? back.rowOf.get(issue.rowKey) : undefined;
  const c = issue.periodKey ? back.columnOf.get(issue.periodKey) : undefined;
  if (r !== undefined && c !== undefined) return `${sheetName}!${columnLetters(c)}${r + 1}`;
  // A row's year total against what is expected of it (the plan's or the parent's figure): its Total cell.
  if (r !== undefined && back.totalColumn !== null && (issue.rule === 'rowTotal' || issue.rule === 'parentTotal')) return `${sheetName}!${columnLetters(back.totalColumn)}${r + 1}`;
  if (r !== undefined) return `${sheetName}!A${r + 1}`;
  // A column that does not add up: its difference cell.
  if (c !== undefined && back.diffRow !== null && issue.rule === 'sum') return `${sheetName}!${columnLetters(c)}${back.diffRow + 1}`;
  if (c !== undefined) return `${sheetName}!${columnLetters(c)}${back.headerRow + 1}`;
  return null;
}

function format(template: string, values: Record<string, string | number>) {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** Lines as the API takes them: each cell's value as text (numbers to Excel's 15 digits). */
export function linesForServer(back: ReadBack): { ownerId: string; periodKey: string; amount: string }[] {
  return back.lines.map((l) => ({
    ownerId: l.ownerId,
    periodKey: l.periodKey,
    amount: typeof l.amount === 'number' ? String(Number(l.amount.toPrecision(15))) : l.amount === null || l.amount === undefined ? '' : String(l.amount),
  }));
}

export interface MyTargetRow {
  metric: Metric;
  level: string;
  periodKey: string;
  amount: string;
  version: number;
}

/** The rep's own targets as a table sheet. */
export function myTargetsSheet(w: Words, rows: MyTargetRow[], year: number) {
  return {
    sheetName: w.targets.myTargets,
    kind: 'my-targets',
    // One per workbook: found by its kind whatever language named it.
    identity: {},
    tableName: 'QuotabookMyTargets',
    columns: [
      { header: w.targets.metric, numberFormat: '@', width: 90 },
      { header: w.targets.level, numberFormat: '@', width: 60 },
      { header: w.targets.period, numberFormat: '@', width: 70 },
      // Money as #,##0.00 (never #,##0.##, which leaves "1,234." in Excel); a sheet of counts only as whole numbers.
      { header: w.targets.target, numberFormat: rows.every((r) => METRICS[r.metric].unit === 'count') && rows.length ? '#,##0' : '#,##0.00', width: 100 },
    ],
    rows: rows.map((r) => [w.targets.metrics[r.metric], w.targets.levels[r.level as 'BASE' | 'STRETCH'] ?? r.level, r.periodKey, cellNumber(r.metric, r.amount)] as CellInput[]),
    properties: { year: String(year) },
  };
}
