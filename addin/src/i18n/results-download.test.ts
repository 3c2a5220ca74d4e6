/** The .xlsx download says what the pane's Performance sheet says: its headers, class and band names and metric names, in both languages. */
import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { performanceSheet } from '../results/results-sheets.ts';
import { en, zh } from './results-download.ts';

const empty = { metric: 'SALES_AMOUNT' as const, periods: [], range: { key: '2026-12', start: '2026-12-01', end: '2026-12-31' }, rows: [] };
const ctx = { unitId: 'u1', unitName: 'u', periodKey: '2026-12', by: 'PERSON' as const, asOf: '2026-12-01', pulledAt: '2026-12-01T08:00:00Z' };

describe('the results download’s words', () => {
  it('are the Performance sheet’s in zh-CN: 基础指标, 分类, 达成奋斗 (not 基础目标, 等级, 完成奋斗目标)', () => {
    expect(zh.headers).toEqual(['编码', '名称', '期间', '基础指标', '奋斗指标', '实际', '基础达成率', '奋斗达成率', '距基础差额', '距奋斗差额', '分类']);
    expect(zh.classes).toMatchObject({ MET_STRETCH: '达成奋斗', MET_BASE: '达成基础', A: 'A 档' });
  });

  it('are the pane’s in both languages: the sheet’s headers (the download adds the period third, the sheet the rank last), class and metric names', () => {
    for (const [download, w] of [
      [en, words.en],
      [zh, words['zh-CN']],
    ] as const) {
      const sheet = performanceSheet(w, empty, ctx).columns.map((c) => c.header);
      expect(download.headers.filter((_, i) => i !== 2)).toEqual(sheet.slice(0, -1));
      expect(download.headers[2]).toBe(w.results.columns.period);
      expect(download.classes).toEqual(w.results.classes);
      expect(download.metrics).toEqual(w.targets.metrics);
    }
    expect(en.classes.A).toBe('Band A');
  });
});
