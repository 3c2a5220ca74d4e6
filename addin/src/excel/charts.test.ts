/** Charts through the adapter, and the requirement-set guard: an API above the manifest's ExcelApi 1.12 only where the host has it. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { writeChart, writeCharts, type ChartSpec } from './charts.ts';
import { words } from '../i18n.ts';
import { dashboardSheet, type AchievementData } from '../results/results-sheets.ts';
import { supportsExcelApi } from './requirements.ts';
import { writeSheetTable, type ExcelRun } from './workbook.ts';

const chart: ChartSpec = {
  sheetName: 'Results',
  name: 'QuotabookAttainment',
  type: 'ColumnClustered',
  source: { row: 0, column: 0, rows: 3, columns: 3 },
  seriesBy: 'Columns',
  title: 'Attainment',
  at: { from: 'E2', to: 'L18' },
  dataTable: true,
};

async function setup(excelApi: string) {
  const s = createStandInExcel();
  s.workbook.excelApi = excelApi;
  const run = s.workbook.run as unknown as ExcelRun;
  await writeSheetTable(run, {
    sheetName: 'Results',
    kind: 'results',
    tableName: 'QuotabookResults',
    columns: [
      { header: 'Owner', numberFormat: '@', width: 80 },
      { header: 'Target', numberFormat: '#,##0.00', width: 80 },
      { header: 'Actual', numberFormat: '#,##0.00', width: 80 },
    ],
    rows: [
      ['王芳', 100, 90],
      ['李强', 80, 85],
    ],
    properties: {},
  });
  return { ...s, run };
}

describe('writeChart', () => {
  it('on an Excel with ExcelApi 1.12 only (the manifest’s minimum), adds the chart without the data table', async () => {
    const { workbook, run, Office } = await setup('1.12');
    const report = await writeChart(run, chart, { requirements: Office.context.requirements });
    expect(report).toEqual({ replaced: false, dataTable: false });
    expect(workbook.charts).toHaveLength(1);
    expect(workbook.charts[0]).toMatchObject({ name: 'QuotabookAttainment', type: 'ColumnClustered', seriesBy: 'Columns', title: 'Attainment', position: { start: 'E2', end: 'L18' }, dataTableVisible: false });
    expect(workbook.charts[0]!.series.map((s) => s.name)).toEqual(['Target', 'Actual']);
  });

  it('shows the data table where ExcelApi 1.14 is supported, and replaces a chart of the same name', async () => {
    const { workbook, run, Office } = await setup('1.14');
    await writeChart(run, chart, { requirements: Office.context.requirements });
    const report = await writeChart(run, chart, { requirements: Office.context.requirements });
    expect(report).toEqual({ replaced: true, dataTable: true });
    expect(workbook.charts).toHaveLength(1);
    expect(workbook.charts[0]!.dataTableVisible).toBe(true);
  });

  it('without the guard the 1.14 call fails on a 1.12 Excel (what the guard prevents); outside Office the guard says no', async () => {
    const { run } = await setup('1.12');
    await expect(writeChart(run, chart, { requirements: { isSetSupported: () => true } })).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(supportsExcelApi('1.1', null)).toBe(false);
    expect(supportsExcelApi('1.13')).toBe(false); // no Office here
  });
});

describe('writeCharts', () => {
  it('asked for a data table under a chart type without one (a pie), learns that in a sync and shows none, rather than failing the batch', async () => {
    const { workbook, run, Office } = await setup('1.14');
    const report = await writeCharts(run, 'Results', [{ ...chart, name: 'QuotabookShare', type: 'Pie' }, chart], { requirements: Office.context.requirements });
    expect(report.charts).toEqual([{ replaced: false, dataTable: false }, { replaced: false, dataTable: true }]);
    expect(workbook.charts.map((c) => [c.name, c.dataTableVisible])).toEqual([['QuotabookShare', false], ['QuotabookAttainment', true]]);
  });

  it('a Dashboard pulled with two child units, then with none, loses its by-unit chart; a chart of the user’s stays', async () => {
    const s = createStandInExcel();
    const run = s.workbook.run as unknown as ExcelRun;
    const cell = { periodKey: '2026-01', actual: '10.00', base: '20.00', stretch: null, baseAchievement: '50.00', stretchAchievement: null, baseGap: '10.00', stretchGap: null, class: null };
    const monthly: AchievementData = { metric: 'SALES_AMOUNT', periods: [{ key: '2026-01', start: '2026-01-01', end: '2026-01-31' }], range: { key: '2026', start: '2026-01-01', end: '2026-12-31' }, rows: [{ ownerId: 'u', ownerKind: 'UNIT', code: 'U', name: 'East', cells: [cell] }] } as AchievementData;
    const byUnit = (n: number): AchievementData => ({ ...monthly, rows: Array.from({ length: n }, (_, i) => ({ ...monthly.rows[0]!, ownerId: `c${i}`, name: `Child ${i}` })) });
    const pull = async (children: number) => {
      const { sheet, charts } = dashboardSheet(words.en, monthly, byUnit(children), { unitId: 'u', unitName: 'East', year: '2026', asOf: '2026-01-31', pulledAt: 'now' });
      const report = await writeSheetTable(run, sheet);
      return { sheetName: report.sheetName, charts: await writeCharts(run, report.sheetName, charts) };
    };
    const first = await pull(2);
    expect(s.workbook.charts.map((c) => c.name)).toEqual(['QuotabookMonthly', 'QuotabookByUnit']);
    await s.workbook.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(first.sheetName);
      sheet.charts.add('Line' as never, sheet.getRange('A2:B3') as never, 'Columns' as never).name = 'My own';
      await ctx.sync();
    });
    const second = await pull(0);
    expect(second.charts.removed).toEqual(['QuotabookByUnit']);
    expect(s.workbook.charts.map((c) => c.name).sort()).toEqual(['My own', 'QuotabookMonthly']);
    // One chart written alone (writeChart) leaves the sheet's others.
    await writeChart(run, { ...chart, sheetName: first.sheetName, name: 'QuotabookExtra', dataTable: false });
    expect(s.workbook.charts.map((c) => c.name).sort()).toEqual(['My own', 'QuotabookExtra', 'QuotabookMonthly']);
  });
});

describe('conditional formats on a table sheet', () => {
  it('cover the column’s rows, and a refresh replaces them rather than stacking them', async () => {
    const s = createStandInExcel();
    const run = s.workbook.run as unknown as ExcelRun;
    const spec = (rows: (string | number)[][]) => ({
      sheetName: 'Performance',
      kind: 'performance',
      tableName: 'QuotabookPerformance',
      columns: [
        { header: 'Name', numberFormat: '@', width: 80 },
        { header: 'Achievement', numberFormat: '0.0%', width: 80 },
        { header: 'Rank', numberFormat: '0', width: 40 },
      ],
      rows,
      properties: {},
      conditionalFormats: [
        { kind: 'dataBar' as const, column: 1, color: '#5B9BD5' },
        { kind: 'fill' as const, column: 2, operator: 'LessThanOrEqual' as const, value: 3, fill: '#C6EFCE' },
      ],
    });
    await writeSheetTable(run, spec([['王芳', 1.2, 1], ['李强', 0.8, 2], ['张伟', 0.5, 3]]));
    await writeSheetTable(run, spec([['王芳', 1.2, 1], ['李强', 0.8, 2]]));
    const formats = s.workbook.conditionalFormats.map((f) => ({ type: f.type, range: f.range }));
    expect(formats).toEqual([
      { type: 'DataBar', range: { row: 1, column: 1, rows: 2, columns: 1 } },
      { type: 'CellValue', range: { row: 1, column: 2, rows: 2, columns: 1 } },
    ]);
    expect(s.workbook.conditionalFormats[1]!.properties).toMatchObject({ rule: { formula1: '3', operator: 'LessThanOrEqual' }, 'format.fill.color': '#C6EFCE' });
  });
});
