/** Texts Quotabook keeps in the workbook (a very hidden sheet), run against the Excel stand-in. */
import { describe, expect, it } from 'vitest';
import { createStandInExcel } from '../../../test/support/excel-standin.ts';
import { readStoredText, STORE_SHEET, writeStoredText, type ExcelRun } from './workbook.ts';
import { REQUEST_LIMIT_BYTES } from '../../../test/support/excel-standin.ts';
import { pulledText } from '../targets/typed-cells.ts';
import type { PlanView } from '../targets/target-sheet.ts';

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

  it('keeps what a 10,000-person plan by month pulled (about 6 MB), in requests and responses under Excel’s 5 MB, and reads it back whole', async () => {
    const { workbook, run } = excel();
    const months = Array.from({ length: 12 }, (_, m) => `2027-${String(m + 1).padStart(2, '0')}`);
    const lines = Array.from({ length: 10_000 }, (_, i) => months.map((periodKey) => ({ ownerId: `cm${String(i).padStart(23, '0')}`, periodKey, amount: '123456.78' }))).flat();
    const text = pulledText({ plan: { revision: 3 }, lines } as unknown as PlanView);
    expect(text.length).toBeGreaterThan(5_000_000);
    await writeStoredText(run, 'other', 'kept');
    await writeStoredText(run, 'targets:big', 'the last pull, shorter');
    const before = workbook.stats.requestBytes.length;
    await writeStoredText(run, 'targets:big', text);
    expect(await readStoredText(run, 'targets:big')).toBe(text);
    expect(workbook.stats.failedRequests).toBe(0);
    expect(Math.max(...workbook.stats.requestBytes.slice(before), ...workbook.stats.responseBytes.slice(before))).toBeLessThan(REQUEST_LIMIT_BYTES);
    expect(await readStoredText(run, 'other')).toBe('kept');
    // Written again shorter, it reads back as written (no chunks of the longer text left behind).
    await writeStoredText(run, 'targets:big', 'short');
    expect(await readStoredText(run, 'targets:big')).toBe('short');
  }, 60_000);
});
