/** The results sheets written into the Excel stand-in and read back, with exact figures. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { writeChart } from '../excel/charts.ts';
import { words } from '../i18n.ts';
import { amountCell, dashboardSheet, myPerformanceSheet, performanceSheet, rankingSheet, ratioCell, type AchievementCell, type AchievementData } from './results-sheets.ts';
import { fiscalCalendarOf, periodFor } from './operations.ts';
import { CALENDAR_YEAR } from '../../../schema/periods.ts';
import { readRange } from '../../../schema/results.ts';
import { addDays } from '../../../schema/dates.ts';

const en = words.en;
const zh = words['zh-CN'];

const cell = (actual: string, base: string | null, stretch: string | null, baseAchievement: string | null, stretchAchievement: string | null, baseGap: string | null, stretchGap: string | null, cls: string | null, periodKey = '2026-12'): AchievementCell => ({
  periodKey,
  actual,
  base,
  stretch,
  baseAchievement,
  stretchAchievement,
  baseGap,
  stretchGap,
  class: cls,
});

const team: AchievementData = {
  metric: 'SALES_AMOUNT',
  periods: [{ key: '2026-12', start: '2026-12-01', end: '2026-12-31' }],
  range: { key: '2026-12', start: '2026-12-01', end: '2026-12-31' },
  rows: [
    { ownerId: 'p1', ownerKind: 'PERSON', code: 'E001', name: '王芳', cells: [cell('7999.00', '10000.00', '12500.00', '79.99', '63.99', '2001.00', '4501.00', 'BELOW_80')] },
    { ownerId: 'p2', ownerKind: 'PERSON', code: 'E002', name: '李强', cells: [cell('13000.10', '10000.00', '12500.00', '130.00', '104.00', '-3000.10', '-500.10', 'MET_STRETCH')] },
    { ownerId: 'p3', ownerKind: 'PERSON', code: 'E003', name: '张伟', cells: [cell('9000.00', '10000.00', '12500.00', '90.00', '72.00', '1000.00', '3500.00', 'ABOUT_90')] },
    { ownerId: 'p4', ownerKind: 'PERSON', code: 'E004', name: '刘洋', cells: [cell('9000.00', '10000.00', '12500.00', '90.00', '72.00', '1000.00', '3500.00', 'ABOUT_90')] },
    { ownerId: 'p5', ownerKind: 'PERSON', code: 'E005', name: '陈静', cells: [cell('10000.00', '10000.00', null, '100.00', null, '0.00', null, 'MET_BASE')] },
    { ownerId: 'p6', ownerKind: 'PERSON', code: 'E006', name: '新人', cells: [cell('120.00', null, null, null, null, null, null, null)] },
  ],
};

const ctx = { unitId: 'u1', unitName: '华东一组', periodKey: '2026-12', by: 'PERSON' as const, asOf: '2026-12-01', pulledAt: '2026-12-01T08:00:00Z' };

function standIn() {
  const s = createStandInExcel();
  return { ...s, run: s.workbook.run as unknown as ExcelRun };
}

describe('cells from decimal strings', () => {
  it('money exactly from fen; achievement as the four-decimal ratio shifted in the string', () => {
    expect(amountCell('13000.10')).toBe(13000.1);
    expect(amountCell('-3000.10')).toBe(-3000.1);
    expect(amountCell(null)).toBe('');
    expect(ratioCell('79.99')).toBe(0.7999);
    expect(ratioCell('130.00')).toBe(1.3);
    expect(ratioCell('0.07')).toBe(0.0007);
    expect(ratioCell('-5.5')).toBe(-0.055);
    expect(ratioCell(null)).toBe('');
    // 0.1 + 0.2 style float error never enters: the string is the value.
    expect(ratioCell('57.01')).toBe(Number('0.5701'));
  });

  it('chooses the period a day falls in at each grain', () => {
    expect(periodFor('2026-12-01', 'MONTH', CALENDAR_YEAR)).toEqual({ period: '2026-12', grain: 'MONTH', ranking: '2026-12' });
    expect(periodFor('2026-12-15', 'TEN_DAYS', CALENDAR_YEAR).period).toBe('2026-12-D2');
    expect(periodFor('2026-12-16', 'HALF_MONTH', CALENDAR_YEAR).period).toBe('2026-12-H2');
    expect(periodFor('2026-12-01', 'QUARTER', CALENDAR_YEAR).period).toBe('2026-Q4');
    expect(periodFor('2026-12-01', 'YEAR_TO_DATE', CALENDAR_YEAR)).toEqual({ period: '2026', grain: 'YEAR_TO_DATE', ranking: '2026' });
  });

  it('keys quarters and years by the organisation’s fiscal calendar, as the server reads them (years from April)', () => {
    const april = fiscalCalendarOf({ fiscalYearStartMonth: 4 });
    expect(april).toEqual({ firstMonth: 4 });
    // May is in the first fiscal quarter; the server's 2026-Q1 is April to June and holds the day.
    expect(periodFor('2026-05-10', 'QUARTER', april)).toEqual({ period: '2026-Q1', grain: 'QUARTER', ranking: '2026-Q1' });
    expect(readRange('2026-Q1', 'QUARTER', april, '2026-12-31').range).toMatchObject({ start: '2026-04-01', end: '2026-06-30' });
    expect(periodFor('2026-03-31', 'QUARTER', april).period).toBe('2025-Q4');
    expect(periodFor('2027-02-10', 'QUARTER', april).period).toBe('2026-Q4');
    // Year to date: the fiscal year the day is in, read up to the day; the server's range starts on 1 April.
    const ytd = periodFor('2027-02-10', 'YEAR_TO_DATE', april);
    expect(ytd).toEqual({ period: '2026', grain: 'YEAR_TO_DATE', ranking: '2026' });
    expect(readRange(ytd.period, 'YEAR_TO_DATE', april, '2027-02-10').range).toEqual({ key: '2026-YTD', start: '2026-04-01', end: '2027-02-10' });
    expect(periodFor('2026-05-10', 'YEAR_TO_DATE', april).period).toBe('2026');
    // Months, ten-day blocks and half months do not move with the fiscal year.
    expect(periodFor('2026-05-10', 'MONTH', april).period).toBe('2026-05');
    expect(periodFor('2026-05-10', 'TEN_DAYS', april).period).toBe('2026-05-D1');
    // For every day of a fiscal year, the key chosen is a period the server reads and the day is inside it.
    for (let d = '2026-04-01'; d <= '2027-03-31'; d = addDays(d, 1)) {
      for (const grain of ['QUARTER', 'MONTH', 'TEN_DAYS', 'HALF_MONTH'] as const) {
        const p = periodFor(d, grain, april);
        const { range } = readRange(p.period, grain, april, d);
        expect(range.start <= d && d <= range.end, `${d} ${grain} ${p.period}`).toBe(true);
      }
    }
  });
});

describe('the Performance sheet', () => {
  it('writes banner, header and ranked rows with exact figures, classes by name, frozen name columns and the conditional formats', async () => {
    const { workbook, run } = standIn();
    const report = await writeSheetTable(run, performanceSheet(zh, team, ctx));
    expect(report.sheetName).toBe('业绩 2026年12月');
    const values = workbook.read('业绩 2026年12月', 'A1:K8');
    expect(values[0]![0]).toBe('华东一组 · 销售额 · 2026年12月 · 截至 2026-12-01');
    expect(values[1]).toEqual(['编码', '名称', '基础指标', '奋斗指标', '实际', '基础达成率', '奋斗达成率', '距基础差额', '距奋斗差额', '分类', '排名']);
    expect(values.slice(2)).toEqual([
      ['E002', '李强', 10000, 12500, 13000.1, 1.3, 1.04, -3000.1, -500.1, '达成奋斗', 1],
      ['E005', '陈静', 10000, '', 10000, 1, '', 0, '', '达成基础', 2],
      ['E003', '张伟', 10000, 12500, 9000, 0.9, 0.72, 1000, 3500, '接近 90%', 3],
      ['E004', '刘洋', 10000, 12500, 9000, 0.9, 0.72, 1000, 3500, '接近 90%', 3],
      ['E001', '王芳', 10000, 12500, 7999, 0.7999, 0.6399, 2001, 4501, '低于 80%', 5],
      ['E006', '新人', '', '', 120, '', '', '', '', '', ''],
    ]);
    const sheet = workbook.sheet('业绩 2026年12月')!;
    expect(sheet.frozenColumns).toBe(2);
    expect(workbook.cell('业绩 2026年12月', 'E3')!.numberFormat).toBe('#,##0.00');
    expect(workbook.cell('业绩 2026年12月', 'F3')!.numberFormat).toBe('0.00%');
    const formats = workbook.conditionalFormats.map((f) => ({ type: f.type, range: f.range, rule: (f.properties as Record<string, unknown>).rule }));
    expect(formats[0]).toMatchObject({ type: 'DataBar', range: { row: 2, column: 5, rows: 6, columns: 1 } });
    expect(formats[1]).toMatchObject({ type: 'CellValue', range: { column: 10 }, rule: { formula1: '3', operator: 'LessThanOrEqual' } });
    // Five ranked: the bottom places are 4 and 5 (the top three are never painted as bottom ones).
    expect(formats[2]).toMatchObject({ range: { column: 10 }, rule: { formula1: '4', operator: 'GreaterThanOrEqual' } });
    expect(formats.slice(3).map((f) => (f.rule as { formula1: string }).formula1)).toEqual(['"达成奋斗"', '"达成基础"', '"接近 90%"', '"低于 80%"']);
  });

  it('paints green exactly the places the ranking flags top and red the ones it flags bottom: a place held on 0 % is never green, and is red', async () => {
    const person = (code: string, actual: string, pct: string) => ({ ownerId: code, ownerKind: 'PERSON' as const, code, name: code, cells: [cell(actual, '100.00', null, pct, null, null, null, null)] });
    // Which codes each rule over the rank column paints, reading the rank cells Excel would compare.
    const painted = async (rows: AchievementData['rows']) => {
      const { workbook, run } = standIn();
      await writeSheetTable(run, performanceSheet(zh, { ...team, rows }, ctx));
      const body = workbook.read('业绩 2026年12月', `A3:K${rows.length + 2}`);
      const rules = workbook.conditionalFormats.filter((f) => f.range.column === 10).map((f) => (f.properties as { rule: { formula1: string; operator: string } }).rule);
      expect(rules.length, 'one rule per colour over the whole rank column').toBeLessThanOrEqual(2);
      const hit = (op: string) => {
        const rule = rules.find((r) => r.operator === op);
        const limit = Number(rule?.formula1);
        return body.filter((r) => rule && r[10] !== '' && (op === 'LessThanOrEqual' ? Number(r[10]) <= limit : Number(r[10]) >= limit)).map((r) => r[0]);
      };
      return { green: hit('LessThanOrEqual'), red: hit('GreaterThanOrEqual') };
    };
    // A team of three, two at 0 %: the two tied second are the bottom, not the top.
    expect(await painted([person('M', '50.00', '50.00'), person('P', '0.00', '0.00'), person('Q', '0.00', '0.00')])).toEqual({ green: ['M'], red: ['P', 'Q'] });
    // One seller in ten: the nine tied second on nothing are all red.
    const nine = 'ABDEFGHIJ'.split('');
    expect(await painted([person('C', '80.00', '80.00'), ...nine.map((k) => person(k, '0.00', '0.00'))])).toEqual({ green: ['C'], red: nine });
    // Nobody sold: all tie first and nobody is behind anybody: nobody green, nobody red.
    expect(await painted([person('X', '0.00', '0.00'), person('Y', '0.00', '0.00')])).toEqual({ green: [], red: [] });
    // The team above: 1, 2, 3, 3 top; the fifth the bottom (a top place is never red).
    expect(await painted(team.rows)).toEqual({ green: ['E002', 'E005', 'E003', 'E004'], red: ['E001'] });
  });

  it('is keyed by unit, period and metric: another period goes to its own sheet; the same one refreshes, keeping the user’s notes beside it', async () => {
    const { workbook, run } = standIn();
    await writeSheetTable(run, performanceSheet(en, team, ctx));
    workbook.type('Performance Dec 2026', 'M3', 'call back');
    const again = await writeSheetTable(run, performanceSheet(en, team, ctx));
    expect(again).toMatchObject({ sheetName: 'Performance Dec 2026', replacedPrevious: true });
    expect(workbook.read('Performance Dec 2026', 'M3:M3')).toEqual([['call back']]);
    expect(workbook.read('Performance Dec 2026', 'A2:K2')[0]).toEqual(['Code', 'Name', 'Base target', 'Stretch target', 'Actual', 'Achievement (base)', 'Achievement (stretch)', 'Gap to base', 'Gap to stretch', 'Class', 'Rank']);
    const ten = await writeSheetTable(run, performanceSheet(en, team, { ...ctx, periodKey: '2026-12-D1' }));
    expect(ten.sheetName).toBe('Performance 1-10 Dec 2026');
  });
});

describe('the period in the results sheets’ names and banners', () => {
  const names = (w: typeof en, keys: string[]) => keys.map((periodKey) => performanceSheet(w, team, { ...ctx, periodKey }));
  const KEYS = ['2026-11', '2026-11-D1', '2026-11-D2', '2026-11-D3', '2026-02-D3', '2026-11-H1', '2026-11-H2', '2026-Q4', '2026-YTD', '2026'];

  it('is said as the reader says it in zh-CN, never by its key or in English: 年初至今, 中旬, 第4季度', () => {
    const specs = names(zh, KEYS);
    expect(specs.map((x) => x.sheetName)).toEqual([
      '业绩 2026年11月',
      '业绩 2026年11月上旬',
      '业绩 2026年11月中旬',
      '业绩 2026年11月下旬',
      '业绩 2026年2月下旬',
      '业绩 2026年11月上半月',
      '业绩 2026年11月下半月',
      '业绩 2026年第4季度',
      '业绩 2026年年初至今',
      '业绩 2026年',
    ]);
    for (const x of specs) {
      expect(x.sheetName).not.toMatch(/[A-Za-z]|\d-\d/);
      expect(x.banner).toBe(`华东一组 · 销售额 · ${x.sheetName.slice(3)} · 截至 2026-12-01`);
    }
    const league = { periodKey: '2026-11-D2', previousPeriodKey: '2026-11-D1', rows: [] };
    const ranking = rankingSheet(zh, 'SALES_AMOUNT', league, ctx);
    expect([ranking.sheetName, ranking.banner]).toEqual(['排名 2026年11月中旬', '华东一组 · 销售额 · 2026年11月中旬 · 截至 2026-12-01']);
  });

  it('keeps English names whole and readable within Excel’s 31 characters, a ten-day block by its days; the banner says it in full', () => {
    const specs = names(en, KEYS);
    expect(specs.map((x) => x.sheetName)).toEqual([
      'Performance Nov 2026',
      'Performance 1-10 Nov 2026',
      'Performance 11-20 Nov 2026',
      'Performance 21-30 Nov 2026',
      'Performance 21-28 Feb 2026',
      'Performance Nov 2026 1st half',
      'Performance Nov 2026 2nd half',
      'Performance Q4 2026',
      'Performance Year to date 2026',
      'Performance 2026',
    ]);
    expect(specs[2]!.banner).toBe('华东一组 · Sales amount · Nov 2026 2nd ten days · as of 2026-12-01');
    expect(rankingSheet(en, 'SALES_AMOUNT', { periodKey: '2026-11-D2', previousPeriodKey: '2026-11-D1', rows: [] }, ctx).sheetName).toBe('Ranking 11-20 Nov 2026');
  });

  it('gives each period its own valid sheet name, in both languages', () => {
    for (const w of [zh, en]) {
      const specs = names(w, KEYS);
      expect(new Set(specs.map((x) => x.sheetName)).size).toBe(KEYS.length);
      for (const x of specs) {
        expect(x.sheetName.length).toBeLessThanOrEqual(31);
        expect(x.sheetName).not.toMatch(/[:\\/?*[\]…]/);
      }
    }
  });

  it('finds the sheet it wrote for the period again by its tags: one an earlier version named by the key ("业绩 2026-YTD") is rewritten in place', async () => {
    const { workbook, run } = standIn();
    const ytd = { ...ctx, periodKey: '2026-YTD' };
    await writeSheetTable(run, { ...performanceSheet(zh, team, ytd), sheetName: '业绩 2026-YTD' });
    workbook.type('业绩 2026-YTD', 'M3', '备注');
    const again = await writeSheetTable(run, performanceSheet(zh, team, ytd));
    expect(again).toMatchObject({ sheetName: '业绩 2026-YTD', replacedPrevious: true });
    expect(workbook.read('业绩 2026-YTD', 'A1')[0]![0]).toBe('华东一组 · 销售额 · 2026年年初至今 · 截至 2026-12-01');
    expect(workbook.read('业绩 2026-YTD', 'M3')).toEqual([['备注']]);
    // Pulled in English it is still that sheet; another period gets its own.
    expect(await writeSheetTable(run, performanceSheet(en, team, ytd))).toMatchObject({ sheetName: '业绩 2026-YTD', replacedPrevious: true });
    expect((await writeSheetTable(run, performanceSheet(zh, team, { ...ctx, periodKey: '2026-Q4' }))).sheetName).toBe('业绩 2026年第4季度');
    expect(workbook.sheets.map((x) => x.name).filter((n) => n.startsWith('业绩'))).toEqual(['业绩 2026-YTD', '业绩 2026年第4季度']);
  });
});

describe('10,000 rows (issue 10: the Performance sheet for a whole organisation)', () => {
  const n = 10_000;
  const big: AchievementData = {
    ...team,
    rows: Array.from({ length: n }, (_, i) => {
      const base = 10_000 + (i % 7) * 1_000;
      const actual = (i * 7919) % 20_000;
      const pct = ((actual * 100) / base).toFixed(2);
      return { ownerId: `p${i}`, ownerKind: 'PERSON' as const, code: `E${String(i).padStart(5, '0')}`, name: `销售代表${i}`, cells: [cell(`${actual}.00`, `${base}.00`, null, pct, null, `${base - actual}.00`, null, ['MET_BASE', 'ABOUT_90', 'BELOW_80'][i % 3]!)] };
    }),
  };

  it('go in one data sync after the two that look at the workbook, under the request limit, with one conditional format per rule and column', async () => {
    const { workbook, run } = standIn();
    const report = await writeSheetTable(run, performanceSheet(zh, big, ctx));
    expect(report).toMatchObject({ rows: n, blocks: 1 });
    expect(workbook.stats.syncs).toBe(3);
    expect(workbook.stats.largestRequestBytes).toBeLessThan(4 * 1024 * 1024);
    // Data bar, top three, bottom places, three classes: each over its whole column, never a cell at a time.
    expect(workbook.conditionalFormats.map((f) => f.range)).toEqual(Array.from({ length: 6 }, (_, i) => ({ row: 2, column: [5, 10, 10, 9, 9, 9][i], rows: n, columns: 1 })));
    expect(workbook.read('业绩 2026年12月', `A${n + 2}:B${n + 2}`)[0]![1]).toMatch(/^销售代表/);

    const league = { periodKey: '2026-12', previousPeriodKey: '2026-11', rows: big.rows.map((r, i) => ({ ownerId: r.ownerId, code: r.code, name: r.name, rank: i + 1, moved: (i % 5) - 2, actual: r.cells[0]!.actual, base: r.cells[0]!.base, achievement: r.cells[0]!.baseAchievement, class: r.cells[0]!.class, top: i < 3, bottom: i >= n - 3 })) };
    const fresh = standIn();
    const ranking = await writeSheetTable(fresh.run, rankingSheet(zh, 'SALES_AMOUNT', league, ctx));
    expect(ranking).toMatchObject({ rows: n, blocks: 1 });
    expect(fresh.workbook.stats.syncs).toBe(3);
    // Data bar, movement up and down, reward and improvement plan: one each over its whole column.
    expect(fresh.workbook.conditionalFormats.map((f) => f.range)).toEqual([4, 5, 5, 6, 6].map((column) => ({ row: 2, column, rows: n, columns: 1 })));
  });
});

describe('the Ranking sheet', () => {
  it('writes rank, name, amount, achievement, movement and what a flagged place leads to: a reward at the top, an improvement plan at the bottom (brief §5)', async () => {
    const { workbook, run } = standIn();
    const league = {
      periodKey: '2026-12',
      previousPeriodKey: '2026-11',
      rows: [
        { ownerId: 'p2', code: 'E002', name: '李强', rank: 1, moved: 2, actual: '13000.10', base: '10000.00', achievement: '130.00', class: 'MET_STRETCH', top: true, bottom: false },
        { ownerId: 'p1', code: 'E001', name: '王芳', rank: 2, moved: -1, actual: '7999.00', base: '10000.00', achievement: '79.99', class: 'BELOW_80', top: false, bottom: true },
        { ownerId: 'p6', code: 'E006', name: '新人', rank: null, moved: null, actual: '120.00', base: null, achievement: null, class: null, top: false, bottom: false },
      ],
    };
    const report = await writeSheetTable(run, rankingSheet(zh, 'SALES_AMOUNT', league, ctx));
    expect(report.sheetName).toBe('排名 2026年12月');
    expect(workbook.read('排名 2026年12月', 'A2:G5')).toEqual([
      ['排名', '编码', '名称', '实际', '达成率', '名次变化', '奖惩跟进'],
      [1, 'E002', '李强', 13000.1, 1.3, 2, '奖励'],
      [2, 'E001', '王芳', 7999, 0.7999, -1, '改进计划'],
      ['', 'E006', '新人', 120, '', '', ''],
    ]);
    expect(rankingSheet(en, 'SALES_AMOUNT', league, ctx).rows.map((x) => x[6])).toEqual(['Reward', 'Improvement plan', '']);
  });
});

describe('the Dashboard sheet', () => {
  it('writes months with base and actual, child units with achievement, and two charts over them', async () => {
    const { workbook, run } = standIn();
    const monthly: AchievementData = {
      metric: 'SALES_AMOUNT',
      periods: [
        { key: '2026-01', start: '2026-01-01', end: '2026-01-31' },
        { key: '2026-02', start: '2026-02-01', end: '2026-02-28' },
        { key: '2026-03', start: '2026-03-01', end: '2026-03-31' },
      ],
      range: { key: '2026', start: '2026-01-01', end: '2026-12-31' },
      rows: [{ ownerId: 'u1', ownerKind: 'UNIT', code: 'T1', name: '华东一组', cells: [cell('900.50', '1000.00', null, '90.05', null, '99.50', null, 'B'), cell('1200.00', '1000.00', null, '120.00', null, '-200.00', null, 'A'), cell('0.00', '1000.00', null, '0.00', null, '1000.00', null, 'C')] }],
    };
    const byUnit: AchievementData = {
      metric: 'SALES_AMOUNT',
      periods: [{ key: '2026-YTD', start: '2026-01-01', end: '2026-12-01' }],
      range: { key: '2026-YTD', start: '2026-01-01', end: '2026-12-01' },
      rows: [
        { ownerId: 'c1', ownerKind: 'UNIT', code: 'C1', name: '一分队', cells: [cell('5.00', '10.00', null, '50.00', null, '5.00', null, 'C', '2026-YTD')] },
        { ownerId: 'c2', ownerKind: 'UNIT', code: 'C2', name: '二分队', cells: [cell('11.00', '10.00', null, '110.00', null, '-1.00', null, 'A', '2026-YTD')] },
      ],
    };
    const { sheet, charts } = dashboardSheet(zh, monthly, byUnit, { unitId: 'u1', unitName: '华东一组', year: '2026', asOf: '2026-12-01', pulledAt: 'x' });
    const report = await writeSheetTable(run, sheet);
    for (const c of charts) await writeChart(run, { ...c, sheetName: report.sheetName });
    expect(report.sheetName).toBe('看板 2026');
    expect(workbook.read('看板 2026', 'A2:E5')).toEqual([
      ['月份', '基础指标', '实际', '单位', '基础达成率'],
      ['2026-01', 1000, 900.5, '一分队', 0.5],
      ['2026-02', 1000, 1200, '二分队', 1.1],
      ['2026-03', 1000, 0, '', ''],
    ]);
    expect(workbook.charts.map((c) => ({ name: c.name, type: c.type, title: c.title, series: c.series.map((s) => s.name) }))).toEqual([
      { name: 'QuotabookMonthly', type: 'ColumnClustered', title: '各月实际与基础指标', series: ['基础指标', '实际'] },
      { name: 'QuotabookByUnit', type: 'BarClustered', title: '下级单位达成率', series: ['基础达成率'] },
    ]);
    expect(workbook.charts[1]!.source).toEqual({ row: 1, column: 3, rows: 3, columns: 2 });
  });
});

describe('the My performance sheet', () => {
  it('writes this month and year to date with a chart', async () => {
    const { workbook, run } = standIn();
    const one = (key: string, c: AchievementCell): AchievementData => ({ metric: 'SALES_AMOUNT', periods: [{ key, start: '', end: '' }], range: { key, start: '2026-01-01', end: '2026-12-01' }, rows: [{ ownerId: 'p1', ownerKind: 'PERSON', code: 'E001', name: '王芳', cells: [c] }] });
    const { sheet, chart } = myPerformanceSheet(zh, one('2026-12', cell('333.33', '1000.00', '1250.00', '33.33', '26.67', '666.67', '916.67', 'BELOW_80')), one('2026-YTD', cell('10999.99', '11000.00', '13750.00', '100.00', '80.00', '0.01', '2750.01', 'ABOUT_90')), { asOf: '2026-12-01', pulledAt: 'x', places: { '2026-12': '2/7' } });
    const report = await writeSheetTable(run, sheet);
    await writeChart(run, chart);
    expect(report.sheetName).toBe('我的业绩');
    expect(workbook.read('我的业绩', 'A2:I4')).toEqual([
      ['期间', '基础指标', '实际', '奋斗指标', '基础达成率', '奋斗达成率', '距基础差额', '分类', '排名'],
      ['本月 2026年12月', 1000, 333.33, 1250, 0.3333, 0.2667, 666.67, '低于 80%', '2/7'],
      ['2026年年初至今', 11000, 10999.99, 13750, 1, 0.8, 0.01, '接近 90%', ''],
    ]);
    expect(workbook.charts[0]!.series.map((s) => s.name)).toEqual(['基础指标', '实际']);
  });
});

describe('a rep’s places in published rankings', () => {
  it('takes each period’s sales ranking, by achievement before by amount, and leaves out the unranked', async () => {
    const { placesByPeriod } = await import('./operations.ts');
    expect(
      placesByPeriod([
        { periodKey: '2026-12', metric: 'SALES_AMOUNT', basis: 'AMOUNT', version: 1, of: 9, row: { rank: 5 } },
        { periodKey: '2026-12', metric: 'SALES_AMOUNT', basis: 'ACHIEVEMENT', version: 2, of: 7, row: { rank: 2 } },
        { periodKey: '2026-11', metric: 'UNITS', basis: 'ACHIEVEMENT', version: 1, of: 7, row: { rank: 1 } },
        { periodKey: '2026', metric: 'SALES_AMOUNT', basis: 'ACHIEVEMENT', version: 1, of: 7, row: { rank: null } },
      ]),
    ).toEqual({ '2026-12': '2/7' });
  });
});
