/** Texts Quotabook keeps in the workbook (a very hidden sheet), run against the Excel stand-in. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readStoredText, STORE_SHEET, writeStoredText, type ExcelRun } from './workbook.ts';

const excel = () => {
  const s = createStandInExcel();
  return { ...s, run: s.workbook.run as unknown as ExcelRun };
};

describe('stored texts', () => {
  it('keeps a text under a key on a very hidden sheet, replaces it, and keeps other keys apart', async () => {
    const { workbook, run } = excel();
    expect(await readStoredText(run, 'a')).toBeNull();
    await writeStoredText(run, 'a', '{"x":"=1"}');
    await writeStoredText(run, 'b', 'second');
    expect(workbook.sheet(STORE_SHEET)?.visibility).toBe('VeryHidden');
    expect(await readStoredText(run, 'a')).toBe('{"x":"=1"}');
    await writeStoredText(run, 'a', 'shorter');
    expect(await readStoredText(run, 'a')).toBe('shorter');
    expect(await readStoredText(run, 'b')).toBe('second');
    expect(await readStoredText(run, 'c')).toBeNull();
  });

  it('splits a long text over cells below Excel’s 32,767-character limit and joins it back', async () => {
    const { workbook, run } = excel();
    const long = 'x'.repeat(70_000) + 'end';
    const before = workbook.stats.syncs;
    await writeStoredText(run, 'long', long);
    expect(workbook.stats.syncs - before).toBeLessThanOrEqual(2);
    const row = workbook.read(STORE_SHEET, 'A1:D1')[0]!;
    expect(row.slice(1).every((v) => String(v).length <= 30_000)).toBe(true);
    expect(await readStoredText(run, 'long')).toBe(long);
    await writeStoredText(run, 'long', 'short now');
    expect(workbook.read(STORE_SHEET, 'C1')).toEqual([['']]);
    expect(await readStoredText(run, 'long')).toBe('short now');
  });
});
