/**
 * The results as an .xlsx workbook (issue 10 §5), for people without the
 * add-in: GET /results.xlsx with the same parameters as the `achievement`
 * query and the same bearer token, filtered by the same scope. One row per
 * owner and period: targets, actual, achievement, gaps and class, in the
 * reader's language (`lang=zh-CN` or `en`). Amounts are exact to the fen
 * (written from their decimal text); achievement is rounded only here, for
 * display, to 0.01 %.
 */
import ExcelJS from 'exceljs';
import type { Context } from '../graphql/context.ts';
import { readAchievement } from './achievement.ts';
import type { ActualsQuery } from './actuals.ts';
import { achievement, gap, percentText } from '../../schema/achievement.ts';
import { METRICS } from '../../schema/metrics.ts';
import { formatAmount } from '../../schema/target-validation.ts';
import { en, zh } from '../../addin/src/i18n/results-download.ts';
import { format } from '../../addin/src/i18n.ts';

export async function resultsWorkbook(ctx: Context, q: ActualsQuery, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const view = await readAchievement(ctx, q);
  const words = lang === 'zh-CN' ? zh : en;
  const unit = METRICS[view.metric].unit;
  const amount = (v: bigint | null) => (v === null ? null : Number(formatAmount(unit, v)));
  const percent = (r: ReturnType<typeof achievement>) => (r === null ? null : Number(percentText(r, 2)) / 100);

  const book = new ExcelJS.Workbook();
  book.creator = 'Quotabook';
  const sheet = book.addWorksheet(words.sheet, { views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }] });
  sheet.addRow([format(words.title, { metric: words.metrics[view.metric], range: view.range.key })]).font = { bold: true };
  sheet.addRow(words.headers).font = { bold: true };
  const periods = new Map(view.periods.map((p) => [p.key, p]));
  for (const row of view.rows) {
    for (const c of row.cells) {
      sheet.addRow([
        row.code,
        row.name,
        periods.get(c.periodKey)?.key ?? c.periodKey,
        amount(c.base),
        amount(c.stretch),
        amount(c.actual),
        percent(achievement(c.actual, c.base)),
        percent(achievement(c.actual, c.stretch)),
        amount(gap(c.actual, c.base)),
        amount(gap(c.actual, c.stretch)),
        c.class === null ? null : (words.classes[c.class] ?? c.class),
      ]);
    }
  }
  const money = unit === 'money' ? '#,##0.00' : '#,##0';
  [4, 5, 6, 9, 10].forEach((i) => (sheet.getColumn(i).numFmt = money));
  [7, 8].forEach((i) => (sheet.getColumn(i).numFmt = '0.00%'));
  sheet.columns.forEach((col, i) => (col.width = i === 1 ? 16 : 14));
  return Buffer.from(await book.xlsx.writeBuffer());
}
