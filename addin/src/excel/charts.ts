/**
 * Charts on a sheet Quotabook wrote (for the results sheets): added from a
 * block of the sheet, series by columns or rows as asked (never "Auto",
 * which Excel on the web and on the desktop read differently), replacing a
 * chart of the same name. The data table under a chart needs ExcelApi 1.14,
 * above the manifest's 1.12: it is shown only where the host supports it.
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

/** Adds (or replaces) a chart; two syncs: one to find a chart of the same name, one to write. */
export async function writeChart(run: ExcelRun, spec: ChartSpec, options: { requirements?: Requirements | null } = {}): Promise<ChartReport> {
  const dataTable = spec.dataTable === true && supportsExcelApi('1.14', options.requirements);
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(spec.sheetName);
    const old = sheet.charts.getItemOrNullObject(spec.name);
    old.load('isNullObject');
    await context.sync();
    const replaced = !old.isNullObject;
    if (replaced) old.delete();
    const { row, column, rows, columns } = spec.source;
    const chart = sheet.charts.add(spec.type as Excel.ChartType, sheet.getRangeByIndexes(row, column, rows, columns), spec.seriesBy as Excel.ChartSeriesBy);
    chart.name = spec.name;
    chart.title.text = spec.title;
    chart.setPosition(spec.at.from, spec.at.to);
    if (dataTable) chart.getDataTableOrNullObject().visible = true;
    await context.sync();
    return { replaced, dataTable };
  });
}
