/**
 * Issue 9, point 3: oversized requests and responses. Excel on the web may
 * refuse an oversized write with GeneralException ("An internal error has
 * occurred.") instead of RequestPayloadSizeLimitExceeded, a request carries
 * more than its values (each action's objects, each 1,500-cell chunk's), and
 * reading a whole used range at once fails past the response limit.
 */
import { describe, expect, it } from 'vitest';
import { createStandInExcel, REQUEST_LIMIT_BYTES } from '../../../test/support/excel-standin.ts';
import { readActiveSheet, readTaggedSheet, writeGridSheet, writeSheetTable, type ExcelRun, type SheetTableSpec } from './workbook.ts';
import { words } from '../i18n.ts';
import { targetSheetSpec, TARGETS_KIND, type PlanView } from '../targets/target-sheet.ts';

const excel = () => {
  const s = createStandInExcel();
  return { ...s, run: s.workbook.run as unknown as ExcelRun };
};

const spec = (rows: SheetTableSpec['rows'], columns = rows[0]?.length ?? 3): SheetTableSpec => ({
  sheetName: 'Roster',
  kind: 'roster',
  tableName: 'QuotabookRoster',
  columns: Array.from({ length: columns }, (_, j) => ({ header: `c${j}`, numberFormat: j === 0 ? '@' : 'General', width: 40 })),
  rows,
  properties: {},
});

describe('oversized writes', () => {
  it('treats a GeneralException on a large write as a size error: halves, retries and completes the sheet', async () => {
    const { workbook, run } = excel();
    workbook.oversizedAsGeneralException = 'always';
    const rows = Array.from({ length: 5000 }, (_, i) => [`id${i}`, 'x'.repeat(1500), i]);
    // A budget above Excel's limit, so that the first attempt is refused.
    const report = await writeSheetTable(run, spec(rows), { maxBlockBytes: 64 * 1024 * 1024 });
    expect(workbook.stats.failedRequests).toBeGreaterThan(0);
    expect(report.blocks).toBeGreaterThan(1);
    expect(workbook.read('Roster', 'A5001:C5001')).toEqual([['id4999', 'x'.repeat(1500), 4999]]);
    expect(workbook.tables).toHaveLength(1);
    expect(workbook.sheet('Roster')!.customProperties.get('QuotabookKind')).toBe('roster');
    // Each chunk size is tried once: after a refusal the rest goes in halves straight away.
    expect(workbook.stats.failedRequests).toBeLessThanOrEqual(4);
  });

  it('does not retry a GeneralException on a write no larger than one that went through: that is not about size', async () => {
    const { workbook, run } = excel();
    const rows = Array.from({ length: 3000 }, (_, i) => [`id${i}`, 'y'.repeat(200), i]);
    let calls = 0;
    const flaky: ExcelRun = (batch) =>
      run(async (context) => {
        const sync = context.sync.bind(context);
        context.sync = async () => {
          calls += 1;
          if (calls === 4) {
            const e = Object.assign(new Error('An internal error has occurred.'), { code: 'GeneralException' });
            throw e;
          }
          return sync();
        };
        return batch(context);
      });
    await expect(writeSheetTable(flaky, spec(rows), { maxBlockBytes: 128 * 1024 })).rejects.toMatchObject({ code: 'GeneralException' });
  });

  it('after a GeneralException that came once the new sheet was added, goes on with that sheet instead of adding it again', async () => {
    const { workbook, run } = excel();
    const rows = Array.from({ length: 2000 }, (_, i) => [`id${i}`, 'y'.repeat(100), i]);
    let calls = 0;
    // Excel applied the first block, then answered GeneralException (nothing says it cannot).
    const flaky: ExcelRun = (batch) =>
      run(async (context) => {
        const sync = context.sync.bind(context);
        context.sync = (async () => {
          calls += 1;
          await sync();
          if (calls === 2) throw Object.assign(new Error('An internal error has occurred.'), { code: 'GeneralException' });
        }) as typeof context.sync;
        return batch(context);
      });
    // Several blocks, so that the failing first one is not also the last (whose table and tags are not safe to run twice).
    const report = await writeSheetTable(flaky, spec(rows), { maxBlockBytes: 64 * 1024 });
    expect(report.rows).toBe(2000);
    expect(workbook.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Roster']);
    expect(workbook.read('Roster', 'A2001')).toEqual([['id1999']]);
  });

  it('keeps each request within the budget, counting Office.js’s own objects (per action and per 1,500-cell chunk)', async () => {
    const { workbook, run } = excel();
    // One-character cells: the per-chunk objects weigh most against the values here.
    const rows = Array.from({ length: 20_000 }, (_, i) => Array.from({ length: 8 }, (_, j) => String.fromCharCode(97 + ((i + j) % 26))));
    const budget = 256 * 1024;
    const report = await writeSheetTable(run, spec(rows), { maxBlockBytes: budget });
    expect(report.blocks).toBeGreaterThan(3);
    expect(workbook.stats.failedRequests).toBe(0);
    expect(workbook.stats.largestRequestBytes).toBeLessThanOrEqual(budget);
    expect(workbook.read('Roster', 'A20001')).toEqual([[rows[19_999]![0]]]);
  });
});

const view: PlanView = {
  plan: { id: 'plan-1', year: 2026, version: 1, revision: 3, status: 'DRAFT', metric: 'SALES_AMOUNT', level: 'BASE', total: '300.00', ownerKind: 'PERSON', scopeUnitName: 'Team A', periodLevel: 'quarter' },
  periods: [{ key: '2026-Q1', start: '2026-01-01', end: '2026-03-31', days: 90 }],
  rows: [
    { ownerId: 'team', ownerName: 'Team A', isScope: true, hireDate: null, leaveDate: null },
    { ownerId: 'p1', ownerName: '王芳', isScope: false, hireDate: null, leaveDate: null },
  ],
  lines: [
    { ownerId: 'team', periodKey: '2026-Q1', amount: '300.00' },
    { ownerId: 'p1', periodKey: '2026-Q1', amount: '300.00' },
  ],
};

describe('bounded reads', () => {
  it('reads a tagged sheet whose used range reaches a stray far-away cell (Z100000), in chunks', async () => {
    const { workbook, run } = excel();
    await writeGridSheet(run, targetSheetSpec(words.en, view));
    workbook.sheet('Targets')!.protected = false;
    workbook.type('Targets', 'Z100000', 'stray');
    const read = await readTaggedSheet(run, TARGETS_KIND, { planId: 'plan-1' }, ['revision']);
    expect(read!.values).toHaveLength(100_000);
    expect(read!.values[3]!.slice(0, 4)).toEqual(['王芳', 'p1', 300, 300]);
    expect(read!.values[99_999]![25]).toBe('stray');
    expect(Math.max(...workbook.stats.requestBytes)).toBeLessThan(REQUEST_LIMIT_BYTES);
    expect(workbook.stats.failedRequests).toBe(0);
  });

  it('reads the active sheet in smaller blocks when a block’s response is too large, GeneralException or size error', async () => {
    for (const mode of ['always', 0] as const) {
      const { workbook, run } = excel();
      workbook.oversizedAsGeneralException = mode;
      const long = 'z'.repeat(200);
      const sheet = workbook.sheet('Sheet1')!;
      for (let r = 0; r < 2000; r++) for (let c = 0; c < 20; c++) sheet.cells.set(`${r},${c}`, { value: long, numberFormat: 'General' });
      // 40,000 cells of 200 characters: about 8 MB in one response.
      const read = await readActiveSheet(run);
      expect(read.values).toHaveLength(2000);
      expect(read.values[1999]![19]).toBe(long);
      expect(workbook.stats.failedRequests).toBeGreaterThan(0);
    }
  });
});
