/**
 * Charts on a sheet Quotabook wrote (for the results sheets): added from a
 * block of the sheet, series by columns or rows as asked (never "Auto",
 * which Excel on the web and on the desktop read differently), replacing a
 * chart of the same name and deleting Quotabook's charts no longer asked
 * for. The data table under a chart needs ExcelApi 1.14, above the
 * manifest's 1.12: it is shown only where the host supports it.
 */
import type { Block } from './chunks.ts';
import type { ExcelRun } from './workbook.ts';
import { supportsExcelApi, type Requirements } from './requirements.ts';

export interface ChartSpec {
  sheetName: string;
  /** Unique on the sheet; a chart of this name is replaced. */
  name: string;
  type: 'ColumnClustered' | 'BarClustered' | 'Line' | 'LineMarkers' | 'Pie';
  /** The block holding the figures (zero-based), with the series' names in its first row or column. */
  source: Block;
  seriesBy: 'Columns' | 'Rows';
  title: string;
  /** Where the chart sits: top-left and bottom-right cells, e.g. "H2", "P20". */
  at: { from: string; to: string };
  /** A data table under the chart, where Excel supports it (ExcelApi 1.14). */
  dataTable?: boolean;
}

export interface ChartReport {
  replaced: boolean;
  /** Whether the data table was shown (false when asked for but not supported). */
  dataTable: boolean;
}

/** Charts Quotabook wrote carry names starting so; a sheet's other charts are the user's and stay. */
export const OWN_CHART_PREFIX = 'Quotabook';

export interface ChartsReport {
  /** One for each spec, in order. */
  charts: ChartReport[];
  /** Quotabook's charts on the sheet that were not asked for again, deleted (e.g. the by-unit chart once a unit has no child units). */
  removed: string[];
}

/**
 * Makes a sheet's Quotabook charts exactly these: each added (replacing one
 * of the same name), and any other chart Quotabook wrote there before
 * (named "Quotabook…") deleted, so none is left pointing at cleared cells
 * (unless `keepOthers`).
 * The user's own charts stay. One sync to list the sheet's charts, one to
 * write; a data table asked for (ExcelApi 1.14) takes one more, because
 * Chart.getDataTableOrNullObject is a null object for a chart type without
 * one and is used only once a sync has said it is not.
 */
export async function writeCharts(run: ExcelRun, sheetName: string, specs: ChartSpec[], options: { requirements?: Requirements | null; keepOthers?: boolean } = {}): Promise<ChartsReport> {
  const withTable = supportsExcelApi('1.14', options.requirements);
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const existing = sheet.charts;
    existing.load('items/name');
    await context.sync();
    const wanted = new Set(specs.map((s) => s.name));
    const had = new Set(existing.items.map((c) => c.name));
    const removed: string[] = [];
    for (const chart of existing.items) {
      if (!wanted.has(chart.name) && (options.keepOthers || !chart.name.startsWith(OWN_CHART_PREFIX))) continue;
      if (!wanted.has(chart.name)) removed.push(chart.name);
      chart.delete();
    }
    const tables = specs.map((spec) => {
      const { row, column, rows, columns } = spec.source;
      const chart = sheet.charts.add(spec.type as Excel.ChartType, sheet.getRangeByIndexes(row, column, rows, columns), spec.seriesBy as Excel.ChartSeriesBy);
      chart.name = spec.name;
      chart.title.text = spec.title;
      chart.setPosition(spec.at.from, spec.at.to);
      if (!(spec.dataTable && withTable)) return null;
      // A null object until a sync says otherwise: only loaded in this batch.
      const table = chart.getDataTableOrNullObject();
      table.load('isNullObject');
      return table;
    });
    await context.sync();
    const shown = tables.map((t) => !!t && !t.isNullObject);
    tables.forEach((t, i) => {
      if (shown[i]) t!.visible = true;
    });
    if (shown.some(Boolean)) await context.sync();
    return { charts: specs.map((spec, i) => ({ replaced: had.has(spec.name), dataTable: shown[i]! })), removed };
  });
}

/** Adds (or replaces) one chart, leaving the sheet's other charts alone (writeCharts, for a sheet's whole set, removes Quotabook's others). */
export async function writeChart(run: ExcelRun, spec: ChartSpec, options: { requirements?: Requirements | null } = {}): Promise<ChartReport> {
  return (await writeCharts(run, spec.sheetName, [spec], { ...options, keepOthers: true })).charts[0]!;
}
