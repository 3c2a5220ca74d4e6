/**
 * The results as an .xlsx workbook (issue 10 §5), for people without the
 * add-in: GET /results.xlsx with the same parameters as the `achievement`
 * query and the same bearer token, filtered by the same scope. One row per
 * owner and period: targets, actual, achievement, gaps and class, in the
 * reader's language (`lang=zh-CN` or `en`). Amounts are exact to the fen
 * (written from their decimal text); achievement is rounded only here, for
 * display, to 0.01 %.
 *
 * Size: the rows (owners × periods of the view) are counted before anything
 * is written, and a workbook of more than `maxRows` (at most Excel's
 * 1,048,576 rows a sheet less the title and header) is refused with
 * XLSX_TOO_MANY_ROWS. The workbook is streamed (ExcelJS's WorkbookWriter):
 * rows are committed as they are made and the zip goes out as it fills,
 * waiting while the reader is behind, so memory holds the figures read and
 * a window of the file, never the whole file.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
// exceljs is loaded with the first download, not at start.
import type { Context } from '../context.ts';
import { readAchievement } from './achievement.ts';
import type { ActualsQuery } from './actuals.ts';
import { clientError } from '../errors.ts';
import { achievement, gap, percentText } from '../../schema/achievement.ts';
import { METRICS } from '../../schema/metrics.ts';
import { formatAmount } from '../../schema/target-validation.ts';
import { en, zh } from '../../addin/src/i18n/results-download.ts';
import { en as reasonsEn } from '../../addin/src/i18n/reasons.ts';
import { format } from '../../addin/src/i18n.ts';

/** Rows written between two looks at the reader (whether to wait for it). */
const ROWS_PER_TURN = 500;

/** The reader closed the connection before the workbook was written (nothing to report). */
export class ReaderGone extends Error {
  constructor() {
    super('The reader closed the connection');
    this.name = 'ReaderGone';
  }
}

export interface ResultsWorkbook {
  /** Rows of figures (owner × period), besides the title and header. */
  rows: number;
  /** Streams the workbook into `out` (and ends it). */
  writeTo(out: Writable): Promise<void>;
}

/** Reads the figures and checks the size; refuses (writing nothing) a workbook of more than `maxRows` rows. */
export async function resultsWorkbook(ctx: Context, q: ActualsQuery, lang: 'zh-CN' | 'en', maxRows: number): Promise<ResultsWorkbook> {
  const view = await readAchievement(ctx, q);
  const rows = view.rows.reduce((n, r) => n + r.cells.length, 0);
  if (rows > maxRows) {
    throw clientError('BAD_USER_INPUT', format(reasonsEn.XLSX_TOO_MANY_ROWS, { count: rows, max: maxRows }), { field: 'grain', reason: 'XLSX_TOO_MANY_ROWS', params: { count: rows, max: maxRows } });
  }
  const words = lang === 'zh-CN' ? zh : en;
  const unit = METRICS[view.metric].unit;
  const amount = (v: bigint | null) => (v === null ? null : Number(formatAmount(unit, v)));
  const percent = (r: ReturnType<typeof achievement>) => (r === null ? null : Number(percentText(r, 2)) / 100);
  const money = unit === 'money' ? '#,##0.00' : '#,##0';
  const formats = [null, null, null, money, money, money, '0.00%', '0.00%', money, money, null];

  const writeTo = async (out: Writable) => {
    // The reader's pace: wait while the response's buffer is full; stop when the reader has gone.
    const turn = async () => {
      if (out.destroyed) throw new ReaderGone();
      if (out.writableNeedDrain) {
        // Whichever comes first; the other listener goes with the signal (a slow reader would otherwise gather hundreds).
        const done = new AbortController();
        await Promise.race([once(out, 'drain', { signal: done.signal }), once(out, 'close', { signal: done.signal })]).finally(() => done.abort());
      }
      else await new Promise((r) => setImmediate(r));
      if (out.destroyed) throw new ReaderGone();
    };
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    book.creator = 'Quotabook';
    const sheet = book.addWorksheet(words.sheet, { views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }] });
    // Formats and widths by column, before any row (a streamed row takes its column's style when it is made).
    sheet.columns = formats.map((numFmt, i) => ({ width: i === 1 ? 16 : 14, style: numFmt ? { numFmt } : {} }));
    const title = sheet.addRow([format(words.title, { metric: words.metrics[view.metric], range: view.range.key })]);
    title.font = { bold: true };
    title.commit();
    const header = sheet.addRow(words.headers);
    header.font = { bold: true };
    header.commit();
    const periods = new Map(view.periods.map((p) => [p.key, p]));
    let written = 0;
    for (const row of view.rows) {
      for (const c of row.cells) {
        sheet
          .addRow([
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
          ])
          .commit();
        if (++written % ROWS_PER_TURN === 0) await turn();
      }
    }
    sheet.commit();
    await book.commit();
  };
  return { rows, writeTo };
}
