/**
 * Sheets Quotabook keeps one of per workbook (roster, customers,
 * cross-territory sales, my targets, my performance) are found by their kind, whatever
 * language named them: pulled in Chinese, then again after the pane was
 * switched to English, the second pull refreshes the first sheet. Before,
 * it looked for a sheet of the English name, found the table name taken on
 * the Chinese one and refused the pull.
 */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { writeSheetTable, type ExcelRun, type SheetTableSpec } from './workbook.ts';
import { words, type Words } from '../i18n.ts';
import { rosterSheet } from '../roster/roster-sheet.ts';
import { customersSheet, crossTerritorySheet } from '../customers/customer-sheets.ts';
import { myTargetsSheet } from '../targets/target-sheet.ts';
import { myPerformanceSheet, type AchievementData } from '../results/results-sheets.ts';

const none = (key: string, start: string, end: string): AchievementData => ({ metric: 'SALES_AMOUNT', periods: [], range: { key, start, end }, rows: [] });
const tags = { unitId: 'all', unitName: '全部', asOf: '2026-11-01', pulledAt: '2026-12-04T08:00:00Z' };
const specs: [string, (w: Words) => SheetTableSpec][] = [
  ['roster', (w) => rosterSheet(w, [], tags)],
  ['customers', (w) => customersSheet(w, [], tags)],
  ['cross-territory sales', (w) => crossTerritorySheet(w, [], tags)],
  ['my targets', (w) => myTargetsSheet(w, [], 2026) as SheetTableSpec],
  ['my performance', (w) => myPerformanceSheet(w, none('2026-12', '2026-12-01', '2026-12-31'), none('2026', '2026-01-01', '2026-12-31'), tags).sheet],
];

describe('a sheet kept once per workbook, pulled again in the other language', () => {
  it.each(specs)('%s: refreshes the sheet the first language named, and adds no second one', async (_name, make) => {
    const s = createStandInExcel();
    const run = s.workbook.run as unknown as ExcelRun;
    const zh = make(words['zh-CN']);
    const en = make(words.en);
    expect(zh.sheetName).not.toBe(en.sheetName);
    await writeSheetTable(run, zh);
    const report = await writeSheetTable(run, en);
    expect(report.sheetName).toBe(zh.sheetName);
    expect(s.workbook.sheet(en.sheetName)).toBeUndefined();
    expect(s.workbook.tables.filter((t: { name: string }) => t.name === zh.tableName)).toHaveLength(1);
    // The headers are the new language's.
    expect(s.workbook.read(zh.sheetName, 'A1:A3').map((r: unknown[]) => r[0])).toContain(en.columns[0]!.header);
  });

  it('a copy of the sheet (its tags copied with it) placed before it does not stand in for it: the sheet holding the table is refreshed', async () => {
    const s = createStandInExcel();
    const run = s.workbook.run as unknown as ExcelRun;
    const zh = rosterSheet(words['zh-CN'], [], tags);
    await writeSheetTable(run, zh);
    const copy = s.workbook.addSheet('花名册备注');
    for (const [k, v] of s.workbook.sheet(zh.sheetName)!.customProperties) copy.customProperties.set(k, v);
    s.workbook.sheets.splice(s.workbook.sheets.indexOf(copy), 1);
    s.workbook.sheets.unshift(copy);
    const report = await writeSheetTable(run, rosterSheet(words.en, [], tags));
    expect(report.sheetName).toBe(zh.sheetName);
    expect(s.workbook.read('花名册备注', 'A1:A1')[0]![0] ?? '').toBe('');
  });
});
