/**
 * The results sheets (issue 10 §5) from what the API sends: Performance
 * (targets, actual, achievement, gaps, class and rank per person or child
 * unit), Ranking (a league table with movement), Dashboard (figures for two
 * charts) and My performance. Pure: the adapter writes what these return.
 *
 * Money arrives as decimal strings and is parsed exactly (fen) before it
 * becomes a cell number; achievement arrives as a percentage rounded to
 * 0.01 % ("79.99") and is written as the ratio with four decimals (0.7999),
 * shifted in the string, never divided as a float. Ranks are the shared
 * competition rules of schema/ranking.ts over the exact ratios.
 */
import type { Words } from '../i18n.ts';
import { format } from '../i18n.ts';
import { formatPeriod, sheetPeriod } from '../i18n/format.ts';
import type { CellInput } from '../excel/chunks.ts';
import type { ColumnFormat, SheetTableSpec, TableColumn } from '../excel/workbook.ts';
import type { ChartSpec } from '../excel/charts.ts';
import { sheetName } from '../excel/sheet-name.ts';
import { fenToCellNumber, parseMoney } from '../../../schema/money.ts';
import { METRICS, type Metric } from '../../../schema/metrics.ts';
import { rank } from '../../../schema/ranking.ts';

export interface AchievementCell {
  periodKey: string;
  actual: string;
  base: string | null;
  stretch: string | null;
  baseAchievement: string | null;
  stretchAchievement: string | null;
  baseGap: string | null;
  stretchGap: string | null;
  class: string | null;
}

export interface AchievementRow {
  ownerId: string;
  ownerKind: 'PERSON' | 'UNIT';
  code: string;
  name: string;
  cells: AchievementCell[];
}

export interface AchievementData {
  metric: Metric;
  periods: { key: string; start: string; end: string }[];
  range: { key: string; start: string; end: string };
  rows: AchievementRow[];
}

export interface LeagueRow {
  ownerId: string;
  code: string;
  name: string;
  rank: number | null;
  moved: number | null;
  actual: string;
  base: string | null;
  achievement: string | null;
  class: string | null;
  top: boolean;
  bottom: boolean;
}

export interface LeagueData {
  periodKey: string;
  previousPeriodKey: string;
  rows: LeagueRow[];
}

export const PERFORMANCE_KIND = 'performance';
export const RANKING_KIND = 'ranking';
export const DASHBOARD_KIND = 'dashboard';
export const MY_PERFORMANCE_KIND = 'my-performance';

const MONEY = '#,##0.00';
const COUNT = '#,##0';
const PERCENT = '0.00%';

/** A figure as a cell number: money exactly from its fen, counts as whole numbers. */
export function amountCell(text: string | null): CellInput {
  if (text === null || text === '') return '';
  return fenToCellNumber(parseMoney(text));
}

/** "79.99" (percent, two decimals) → 0.7999, by moving the decimal point in the string; '' for none. */
export function ratioCell(percent: string | null): CellInput {
  if (percent === null || percent === '') return '';
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(percent.trim());
  if (!m) return ''; // the API gives two decimals; anything else is shown as no figure rather than guessed
  const tenThousandths = BigInt(m[2]! + (m[3] ?? '').padEnd(2, '0'));
  return Number(`${m[1]}${tenThousandths}e-4`);
}

/** The catalogue's name of a class or band code (classes are data: an unknown code shows as itself). */
export const className = (w: Words, code: string | null) => (code === null ? '' : (w.results.classes[code] ?? code));

const figureFormat = (metric: Metric) => (METRICS[metric].unit === 'money' ? MONEY : COUNT);

/** A short, stable name part for an identity (Excel table names are unique in a workbook). */
export function tag(parts: string[]): string {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** A name Excel accepts (legal characters, at most 31, shortened in the middle). */
export { sheetName };

export interface PerformanceContext {
  unitId: string;
  unitName: string;
  /** The period read ("2026-12", "2026-12-D2", "2026-YTD"): named in the sheet's name and banner as the reader says it (2026年12月中旬). */
  periodKey: string;
  by: 'PERSON' | 'CHILD_UNIT';
  asOf: string;
  pulledAt: string;
}

export interface RankedRow {
  row: AchievementRow;
  cell: AchievementCell;
  rank: number | null;
  /** Among the top three by the ranking rules (ties at the edge included; never on a score of zero). */
  top: boolean;
  /** Among the bottom three by the ranking rules (ties at the edge included, never a top place). */
  bottom: boolean;
}

/** The one cell of each row (one period read), ranked by exact achievement against base; ranked first, then the rest by code. */
export function rankRows(data: AchievementData): RankedRow[] {
  const byId = new Map(data.rows.map((r) => [r.ownerId, r]));
  const entries = data.rows.map((r) => {
    const c = r.cells[0];
    const base = c?.base ? parseMoney(c.base) : null;
    return { key: r.ownerId, tiebreak: r.code, score: c && base !== null && base > 0n ? { kind: 'ratio' as const, value: { num: parseMoney(c.actual), den: base } } : null };
  });
  return rank(entries, 3).map((e) => {
    const row = byId.get(e.key)!;
    return { row, cell: row.cells[0] ?? emptyCell(data.range.key), rank: e.rank, top: e.top, bottom: e.bottom };
  });
}

const emptyCell = (periodKey: string): AchievementCell => ({ periodKey, actual: '0', base: null, stretch: null, baseAchievement: null, stretchAchievement: null, baseGap: null, stretchGap: null, class: null });

/** Fill colours by class: greens for met, amber about, reds below. */
const CLASS_FILLS: Record<string, string> = { MET_STRETCH: '#C6EFCE', MET_BASE: '#E2EFDA', ABOUT_90: '#FFEB9C', BELOW_90: '#FCE4D6', BELOW_80: '#FFC7CE', A: '#C6EFCE', B: '#FFEB9C', C: '#FFC7CE' };

/** The Performance sheet: one row per person or child unit for one period, ranked. */
export function performanceSheet(w: Words, data: AchievementData, ctx: PerformanceContext): SheetTableSpec {
  const r = w.results;
  const c = r.columns;
  const fig = figureFormat(data.metric);
  const columns: TableColumn[] = [
    { header: c.code, numberFormat: '@', width: 64 },
    { header: c.name, numberFormat: '@', width: 80 },
    { header: c.base, numberFormat: fig, width: 84 },
    { header: c.stretch, numberFormat: fig, width: 84 },
    { header: c.actual, numberFormat: fig, width: 84 },
    { header: c.baseAchievement, numberFormat: PERCENT, width: 64 },
    { header: c.stretchAchievement, numberFormat: PERCENT, width: 64 },
    { header: c.baseGap, numberFormat: fig, width: 84 },
    { header: c.stretchGap, numberFormat: fig, width: 84 },
    { header: c.class, numberFormat: '@', width: 72 },
    { header: c.rank, numberFormat: '0', width: 40 },
  ];
  const ranked = rankRows(data);
  const rows = ranked.map(({ row, cell, rank: place }) => [
    row.code,
    row.name,
    amountCell(cell.base),
    amountCell(cell.stretch),
    amountCell(cell.actual),
    ratioCell(cell.baseAchievement),
    ratioCell(cell.stretchAchievement),
    amountCell(cell.baseGap),
    amountCell(cell.stretchGap),
    className(w, cell.class),
    place ?? '',
  ]);
  // The top and bottom places exactly as the ranking flags them (a place held on nothing is not a top one, and is a bottom one
  // whatever its rank). The flagged places run from the first place down and from the last up, so one value rule over the
  // rank column paints each, and the colours stay with their places when the user sorts.
  const formats: ColumnFormat[] = [{ kind: 'dataBar', column: 5, color: '#5B9BD5' }];
  const lastPlace = (take: (x: RankedRow) => boolean) => ranked.reduce((m, x) => (x.rank !== null && take(x) ? Math.max(m, x.rank) : m), 0);
  if (ranked.some((x) => x.top)) formats.push({ kind: 'fill', column: 10, operator: 'LessThanOrEqual', value: lastPlace((x) => x.top), fill: '#C6EFCE', fontColor: '#006100' });
  if (ranked.some((x) => x.bottom)) formats.push({ kind: 'fill', column: 10, operator: 'GreaterThanOrEqual', value: 1 + lastPlace((x) => !x.bottom), fill: '#FFC7CE', fontColor: '#9C0006' });
  const present = new Set(ranked.map((x) => x.cell.class).filter((x): x is string => x !== null));
  for (const [code, fill] of Object.entries(CLASS_FILLS)) if (present.has(code)) formats.push({ kind: 'fill', column: 9, operator: 'EqualTo', value: className(w, code), fill });
  const metricName = w.targets.metrics[data.metric];
  return {
    sheetName: sheetName(`${r.sheets.performance} ${sheetPeriod(ctx.periodKey, w.locale)}`),
    kind: PERFORMANCE_KIND,
    identity: { unit: ctx.unitId, period: ctx.periodKey, metric: data.metric, by: ctx.by },
    tableName: `QuotabookPerformance_${tag([ctx.unitId, ctx.periodKey, data.metric, ctx.by])}`,
    columns,
    rows,
    properties: { unitName: ctx.unitName, asOf: ctx.asOf, pulledAt: ctx.pulledAt },
    banner: format(r.banner, { unit: ctx.unitName, metric: metricName, period: formatPeriod(ctx.periodKey, w.locale), asOf: ctx.asOf }),
    freeze: { rows: 0, columns: 2 },
    wrapHeader: true,
    conditionalFormats: formats,
  };
}

/** The Ranking sheet: rank, name, amount, achievement and places moved since the period before. */
export function rankingSheet(w: Words, metric: Metric, data: LeagueData, ctx: Omit<PerformanceContext, 'periodKey'>): SheetTableSpec {
  const r = w.results;
  const c = r.columns;
  const columns: TableColumn[] = [
    { header: c.rank, numberFormat: '0', width: 40 },
    { header: c.code, numberFormat: '@', width: 64 },
    { header: c.name, numberFormat: '@', width: 80 },
    { header: c.actual, numberFormat: figureFormat(metric), width: 84 },
    { header: c.achievement, numberFormat: PERCENT, width: 64 },
    { header: c.moved, numberFormat: '+0;-0;0', width: 56 },
    { header: c.followUp, numberFormat: '@', width: 72 },
  ];
  // What each flagged place leads to: the top places a reward, the bottom ones an improvement plan (brief §5).
  const followUp = (x: LeagueRow) => (x.top ? r.followUp.top : x.bottom ? r.followUp.bottom : '');
  const rows = data.rows.map((x) => [x.rank ?? '', x.code, x.name, amountCell(x.actual), ratioCell(x.achievement), x.moved ?? '', followUp(x)]);
  const formats: ColumnFormat[] = [
    { kind: 'dataBar', column: 4, color: '#5B9BD5' },
    { kind: 'fill', column: 5, operator: 'GreaterThan', value: 0, fill: '#C6EFCE', fontColor: '#006100' },
    { kind: 'fill', column: 5, operator: 'LessThan', value: 0, fill: '#FFC7CE', fontColor: '#9C0006' },
    { kind: 'fill', column: 6, operator: 'EqualTo', value: r.followUp.top, fill: '#C6EFCE', fontColor: '#006100' },
    { kind: 'fill', column: 6, operator: 'EqualTo', value: r.followUp.bottom, fill: '#FFC7CE', fontColor: '#9C0006' },
  ];
  return {
    sheetName: sheetName(`${r.sheets.ranking} ${sheetPeriod(data.periodKey, w.locale)}`),
    kind: RANKING_KIND,
    identity: { unit: ctx.unitId, period: data.periodKey, metric, by: ctx.by },
    tableName: `QuotabookRanking_${tag([ctx.unitId, data.periodKey, metric, ctx.by])}`,
    columns,
    rows,
    properties: { unitName: ctx.unitName, asOf: ctx.asOf, pulledAt: ctx.pulledAt, previousPeriod: data.previousPeriodKey },
    banner: format(r.banner, { unit: ctx.unitName, metric: w.targets.metrics[metric], period: formatPeriod(data.periodKey, w.locale), asOf: ctx.asOf }),
    freeze: { rows: 0, columns: 3 },
    wrapHeader: true,
    conditionalFormats: formats,
  };
}

export interface DashboardContext {
  unitId: string;
  unitName: string;
  year: string;
  asOf: string;
  pulledAt: string;
}

/**
 * The Dashboard sheet: month, base target and actual for the unit this year
 * (columns A-C), and each child unit's achievement to date (columns D-E), in
 * one table whose shorter half is left blank; and the two charts over them.
 */
export function dashboardSheet(w: Words, monthly: AchievementData, byUnit: AchievementData, ctx: DashboardContext): { sheet: SheetTableSpec; charts: ChartSpec[] } {
  const r = w.results;
  const c = r.columns;
  const fig = figureFormat(monthly.metric);
  const unitRow = monthly.rows[0];
  const months = monthly.periods.map((p, i) => {
    const cell = unitRow?.cells[i];
    return [p.key, amountCell(cell?.base ?? null), amountCell(cell?.actual ?? '0')];
  });
  const units = byUnit.rows.map((u) => [u.name, ratioCell(u.cells[0]?.baseAchievement ?? null)]);
  const height = Math.max(months.length, units.length);
  const rows: CellInput[][] = Array.from({ length: height }, (_, i) => [...(months[i] ?? ['', '', '']), ...(units[i] ?? ['', ''])]);
  const name = sheetName(`${r.sheets.dashboard} ${ctx.year}`);
  const sheet: SheetTableSpec = {
    sheetName: name,
    kind: DASHBOARD_KIND,
    identity: { unit: ctx.unitId, year: ctx.year, metric: monthly.metric },
    tableName: `QuotabookDashboard_${tag([ctx.unitId, ctx.year, monthly.metric])}`,
    columns: [
      { header: c.month, numberFormat: '@', width: 56 },
      { header: c.base, numberFormat: fig, width: 84 },
      { header: c.actual, numberFormat: fig, width: 84 },
      { header: c.unit, numberFormat: '@', width: 80 },
      { header: c.baseAchievement, numberFormat: PERCENT, width: 64 },
    ],
    rows,
    properties: { unitName: ctx.unitName, asOf: ctx.asOf, pulledAt: ctx.pulledAt },
    banner: format(r.banner, { unit: ctx.unitName, metric: w.targets.metrics[monthly.metric], period: ctx.year, asOf: ctx.asOf }),
    wrapHeader: true,
  };
  // The table's header is row 2 (index 1), under the banner.
  const charts: ChartSpec[] = [
    { sheetName: name, name: 'QuotabookMonthly', type: 'ColumnClustered', source: { row: 1, column: 0, rows: 1 + months.length, columns: 3 }, seriesBy: 'Columns', title: r.charts.monthly, at: { from: 'G2', to: 'O18' } },
  ];
  if (units.length) {
    charts.push({ sheetName: name, name: 'QuotabookByUnit', type: 'BarClustered', source: { row: 1, column: 3, rows: 1 + units.length, columns: 2 }, seriesBy: 'Columns', title: r.charts.byUnit, at: { from: 'G20', to: 'O36' } });
  }
  return { sheet, charts };
}

/** My performance: this month and year to date, one row each, and a chart of base target against actual. */
export function myPerformanceSheet(w: Words, month: AchievementData, ytd: AchievementData, ctx: { asOf: string; pulledAt: string; places?: Record<string, string> }): { sheet: SheetTableSpec; chart: ChartSpec } {
  const r = w.results;
  const c = r.columns;
  const fig = figureFormat(month.metric);
  // The place in the period's published ranking ("3/12"), for the month and for the year.
  const placeOf = (key: string) => ctx.places?.[key] ?? '';
  const line = (label: string, data: AchievementData, place: string): CellInput[] => {
    const cell = data.rows[0]?.cells[0] ?? emptyCell(data.range.key);
    return [
      label,
      amountCell(cell.base),
      amountCell(cell.actual),
      amountCell(cell.stretch),
      ratioCell(cell.baseAchievement),
      ratioCell(cell.stretchAchievement),
      amountCell(cell.baseGap),
      className(w, cell.class),
      place,
    ];
  };
  const name = sheetName(r.sheets.mine);
  const sheet: SheetTableSpec = {
    sheetName: name,
    kind: MY_PERFORMANCE_KIND,
    // One per workbook: found by its kind whatever language named it.
    identity: {},
    tableName: 'QuotabookMyPerformance',
    columns: [
      { header: c.period, numberFormat: '@', width: 88 },
      { header: c.base, numberFormat: fig, width: 84 },
      { header: c.actual, numberFormat: fig, width: 84 },
      { header: c.stretch, numberFormat: fig, width: 84 },
      { header: c.baseAchievement, numberFormat: PERCENT, width: 64 },
      { header: c.stretchAchievement, numberFormat: PERCENT, width: 64 },
      { header: c.baseGap, numberFormat: fig, width: 84 },
      { header: c.class, numberFormat: '@', width: 72 },
      { header: c.rank, numberFormat: '@', width: 48 },
    ],
    rows: [line(`${r.periods.month} ${formatPeriod(month.range.key, w.locale)}`, month, placeOf(month.range.key)), line(formatPeriod(ytd.range.key, w.locale), ytd, placeOf(ytd.range.key.replace(/-YTD$/, '')))],
    properties: { asOf: ctx.asOf, pulledAt: ctx.pulledAt },
    banner: format(r.banner, { unit: month.rows[0]?.name ?? '', metric: w.targets.metrics[month.metric], period: `${formatPeriod(month.range.key, w.locale)} / ${ytd.range.start} – ${ytd.range.end}`, asOf: ctx.asOf }),
    wrapHeader: true,
    conditionalFormats: [{ kind: 'dataBar', column: 4, color: '#5B9BD5' }],
  };
  const chart: ChartSpec = { sheetName: name, name: 'QuotabookMine', type: 'ColumnClustered', source: { row: 1, column: 0, rows: 3, columns: 3 }, seriesBy: 'Columns', title: r.charts.mine, at: { from: 'A6', to: 'H22' } };
  return { sheet, chart };
}
