/**
 * The words of the results workbook the server sends as .xlsx (for people
 * without the add-in), in zh-CN and English: the pane's own catalogue — the
 * Performance sheet's column headers, class and band names and metric names —
 * so the download and the sheet say the same thing (达成奋斗, 基础指标, 分类).
 */
import { words, type Words } from '../i18n.ts';

function downloadWords(w: Words, sheet: string) {
  const c = w.results.columns;
  return {
    sheet,
    title: `${sheet} · {metric} · {range}`,
    headers: [c.code, c.name, c.period, c.base, c.stretch, c.actual, c.baseAchievement, c.stretchAchievement, c.baseGap, c.stretchGap, c.class],
    metrics: w.targets.metrics,
    classes: w.results.classes as Record<string, string>,
  };
}

export const en = downloadWords(words.en, 'Results');
export const zh: typeof en = downloadWords(words['zh-CN'], '业绩');
