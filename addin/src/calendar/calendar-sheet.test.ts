/** The Working calendar sheet written into the stand-in and read back, with an admin's typing. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readTaggedSheet, writeGridSheet, type ExcelRun } from '../excel/workbook.ts';
import { words, type Words } from '../i18n.ts';
import { CALENDAR_KIND, calendarSheetSpec, daysDigest, namesAsStored, shownDays, shownName, MIN_EDIT_ROWS, readCalendarSheet } from './calendar-sheet.ts';
import type { CalendarYearView } from './operations.ts';

const months = (year: number, counts: number[]) => counts.map((n, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, workingDays: n }));
const y2026: CalendarYearView = {
  calendar: 'CN',
  year: 2026,
  fingerprint: 'fp-2026',
  days: [
    { date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节 National Day', source: 'chinese-days@1.5.7' },
    { date: '2026-02-14', kind: 'WORKDAY', name: '春节 Spring Festival', source: 'admin' },
  ],
  months: months(2026, [21, 16, 22, 22, 19, 21, 23, 21, 22, 18, 21, 23]),
};
const empty2027: CalendarYearView = { calendar: 'CN', year: 2027, fingerprint: 'fp-empty', days: [], months: months(2027, [21, 20, 23, 22, 21, 22, 22, 22, 22, 21, 22, 23]) };

async function setup(view: CalendarYearView, editable: boolean, w: Words = words.en) {
  const s = createStandInExcel();
  const run = s.workbook.run as unknown as ExcelRun;
  const report = await writeGridSheet(run, calendarSheetSpec(w, view, editable, '2026-12-03 09:30'));
  const read = async () => {
    const r = await readTaggedSheet(run, CALENDAR_KIND, { year: String(view.year) }, ['fingerprint', 'pulled']);
    if (!r) throw new Error('not found');
    return readCalendarSheet(w, view.year, r);
  };
  return { ...s, read, sheet: report.sheetName };
}

describe('the Working calendar sheet', () => {
  it('lists the days in date order with their kind and source, and each month’s working days beside them; for an admin the days are typed in, with blank rows below', async () => {
    const { workbook, sheet } = await setup(y2026, true);
    expect(sheet).toBe('Working calendar 2026');
    expect(String(workbook.read(sheet, 'A1')[0]![0])).toMatch(/^Working calendar China 2026 · pulled 2026-12-03 09:30 · one row per public holiday/);
    expect(workbook.read(sheet, 'A2:F2')).toEqual([['Date', 'Kind', 'Name', 'Source', 'Month', 'Working days (saved)']]);
    expect(workbook.read(sheet, 'A3:F5')).toEqual([
      // Names kept in both languages are shown in the reader's.
      ['2026-02-14', 'Make-up working day', 'Spring Festival', 'entered by an admin', '2026-01', 21],
      ['2026-10-01', 'Public holiday', 'National Day', 'from chinese-days@1.5.7', '2026-02', 16],
      ['', '', '', '', '2026-03', 22],
    ]);
    const ws = workbook.sheet(sheet)!;
    expect(ws.protected).toBe(true);
    // A year of about 35 days gets at least MIN_EDIT_ROWS rows to type in, all unlocked; the kind is a drop-down.
    const last = 2 + MIN_EDIT_ROWS;
    for (const cell of ['A3', 'B3', 'C3', `A${last}`, `C${last}`]) expect(workbook.cell(sheet, cell)?.unlocked).toBe(true);
    expect(workbook.cell(sheet, `A${last + 1}`)?.unlocked).not.toBe(true);
    expect(workbook.cell(sheet, 'B10')?.validation).toEqual({ list: { inCellDropDown: true, source: 'Public holiday,Make-up working day' } });
    expect(() => workbook.type(sheet, 'D3', 'x')).toThrow(/protected/);
    expect(() => workbook.type(sheet, 'F3', 5)).toThrow(/protected/);
  });

  it('is a copy to look at for anyone else: nothing unlocked, no blank rows', async () => {
    const { workbook, sheet } = await setup(y2026, false, words['zh-CN']);
    expect(sheet).toBe('工作日历 2026');
    expect(workbook.read(sheet, 'A2:F3')).toEqual([
      ['日期', '类型', '名称', '来源', '月份', '工作日（已保存）'],
      ['2026-02-14', '调休上班', '春节', '管理员录入', '2026-01', 21],
    ]);
    expect(workbook.cell(sheet, 'A3')?.unlocked).not.toBe(true);
    expect(() => workbook.type(sheet, 'A3', '2026-02-15')).toThrow(/protected/);
  });

  it('reads back what an admin typed, in any way Excel or WPS writes a day and in either language, skipping blank rows', async () => {
    const { workbook, read, sheet } = await setup(empty2027, true, words['zh-CN']);
    workbook.type(sheet, 'A3', '2027-01-01');
    workbook.type(sheet, 'B3', '法定节假日');
    workbook.type(sheet, 'C3', '元旦');
    workbook.type(sheet, 'A5', '2027/2/6');
    workbook.type(sheet, 'B5', '班');
    workbook.type(sheet, 'C5', ' 春节调休 ');
    workbook.type(sheet, 'A6', 46429); // a pasted real date: 2027-02-11
    workbook.type(sheet, 'B6', 'Public holiday');
    workbook.type(sheet, 'C6', '春节');
    workbook.type(sheet, 'A7', '2027年2月12日');
    workbook.type(sheet, 'B7', 'holiday');
    workbook.type(sheet, 'C7', '春节');
    const back = await read();
    expect(back.issues).toEqual([]);
    expect(back.fingerprint).toBe('fp-empty');
    expect(back.days).toEqual([
      { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
      { date: '2027-02-06', kind: 'WORKDAY', name: '春节调休' },
      { date: '2027-02-11', kind: 'HOLIDAY', name: '春节' },
      { date: '2027-02-12', kind: 'HOLIDAY', name: '春节' },
    ]);
    expect(back.rows).toEqual([2, 4, 5, 6]);
  });

  it('shows a name kept in both languages in the reader’s, and saves an untouched one as it was kept', () => {
    const zh = words['zh-CN'];
    expect(shownName(zh, '春节 Spring Festival')).toBe('春节');
    expect(shownName(words.en, '春节 Spring Festival')).toBe('Spring Festival');
    expect(shownName(words.en, '劳动节 Labour Day')).toBe('Labour Day');
    // One language only (as admins type them): shown as it is.
    for (const name of ['元旦', '春节调休', 'Company day', '2027 春节']) expect(shownName(zh, name)).toBe(name);
    const stored = y2026.days;
    const read = [
      { date: '2026-02-14', kind: 'WORKDAY' as const, name: '春节' },
      { date: '2026-10-01', kind: 'HOLIDAY' as const, name: '国庆' },
      { date: '2026-10-02', kind: 'HOLIDAY' as const, name: '国庆节' },
    ];
    expect(namesAsStored(zh, read, stored)).toEqual([
      { date: '2026-02-14', kind: 'WORKDAY', name: '春节 Spring Festival' },
      // Typed over: the typing is what is saved.
      { date: '2026-10-01', kind: 'HOLIDAY', name: '国庆' },
      { date: '2026-10-02', kind: 'HOLIDAY', name: '国庆节' },
    ]);
  });

  it('keeps a digest of the days as written: an untouched sheet still gives it, any typing changes it', async () => {
    const { workbook, read, sheet } = await setup(y2026, true);
    const untouched = await read();
    expect(untouched.pulled).toMatch(/^[0-9a-f]{8}$/);
    expect(daysDigest(untouched.days)).toBe(untouched.pulled);
    // The digest does not depend on the order the days come in.
    expect(daysDigest(shownDays(words.en, y2026.days).reverse())).toBe(untouched.pulled);
    workbook.type(sheet, 'C3', '元旦');
    const typed = await read();
    expect(daysDigest(typed.days)).not.toBe(typed.pulled);
    expect(typed.pulled).toBe(untouched.pulled);
  });

  it('names every problem by its sheet and cell, in the user’s language', async () => {
    const { workbook, read, sheet } = await setup(empty2027, true, words['zh-CN']);
    const row = (r: number, date: string | number, kind: string, name: string) => {
      workbook.type(sheet, `A${r}`, date);
      workbook.type(sheet, `B${r}`, kind);
      workbook.type(sheet, `C${r}`, name);
    };
    row(3, '2027-01-01', '法定节假日', '元旦');
    row(4, '2027-02-30', '法定节假日', '春节'); // no such day
    row(5, '2027-02-08', '调休上班', '调休'); // a Monday
    row(6, '2026-12-31', '法定节假日', '元旦'); // another year
    row(7, '2027-01-01', '法定节假日', '元旦'); // twice
    row(8, '2027-05-01', '放假', ''); // unknown kind, no name
    const back = await read();
    expect(back.issues.map((i) => i.message)).toEqual([
      '工作日历 2027!A4: “2027-02-30”不是日期（如 2026-03-02、2026/3/2 或 2026年3月2日）。',
      '工作日历 2027!B5: 调休上班日只能是星期六或星期日。',
      '工作日历 2027!A6: 2026年12月31日 不在 2027 年内：每年的日历只记录本年的日期。',
      '工作日历 2027!A7: 2027年1月1日 填写了两次：请只保留一行。',
      '工作日历 2027!B8: “放假”不是日期类型：请选择“法定节假日”或“调休上班”。',
      '工作日历 2027!C8: 请填写日期名称，例如“春节”。',
    ]);
    expect(back.issues[0]!.cell).toBe('工作日历 2027!A4');
  });
});
