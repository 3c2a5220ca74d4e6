/**
 * Files as Chinese offices save them (issue 8 §6): CSV in GBK, UTF-8 with a
 * BOM, Excel's "Unicode text" (UTF-16LE, tab-separated), workbooks written
 * by LibreOffice and WPS; a legacy .xls refused with LEGACY_XLS and nothing
 * imported. The fixtures are in test/fixtures/imports (make-fixtures.py says
 * how each was made). Then the preview and the import of a sheet's rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { CSRF_HEADER } from '../../server/app.ts';
import { root } from '../../server/db/providers.ts';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(root, 'test', 'fixtures', 'imports', name)));

let s: TestServer;
let finance: string;
beforeAll(async () => {
  s = await startTestServer('sqlite');
  finance = await s.login('finance');
});
afterAll(() => s.close());

/** A GraphQL multipart request with one file as $f. */
async function upload(query: string, name: string, bytes: Uint8Array): Promise<GqlResult<any>> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { f: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.f'] }));
  form.set('0', new File([bytes as BlobPart], name));
  const res = await s.app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { [CSRF_HEADER]: '1', authorization: `Bearer ${finance}` }, body: form });
  return (await res.json()) as GqlResult<any>;
}

const IMPORT_SALES = 'mutation($f: File!) { importSalesFile(file: $f) { created updated unchanged } }';
const IMPORT_ATTENDANCE = 'mutation($f: File!) { importAttendanceFile(file: $f) { created updated unchanged } }';
const PREVIEW_FIELDS = 'sheet rows valid created updated unchanged problemCount problems { sheet cell row field message reason params { name value } }';

describe('sales files as Chinese offices save them', () => {
  it.each([
    ['sales-gbk.csv', 'GBK', 'Excel zh-CN “CSV (逗号分隔)”: GBK, CRLF, 2025/3/4, "1,234.56"'],
    ['sales-utf8-bom.csv', 'BOM', 'CSV UTF-8 with a BOM'],
    ['sales-utf16.txt', 'U16', 'Excel “Unicode 文本”: UTF-16LE with a BOM, tab-separated'],
    ['sales-libreoffice.xlsx', 'LO', 'LibreOffice Calc: a title line above the header, sheet 销售, date cells'],
    ['sales-wps.xlsx', 'WPS', 'WPS-like: inline strings, no dimension, amounts stored as text, dates as styled serials'],
  ])('%s (%s) imports, Chinese text intact', async (file, prefix) => {
    const r = await upload(IMPORT_SALES, file, fixture(file));
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data.importSalesFile).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const sales = await s.db.prisma.salesRecord.findMany({ where: { externalId: { startsWith: `${prefix}-` } }, orderBy: { externalId: 'asc' }, include: { person: true } });
    expect(sales.map((x) => [x.externalId, x.person.employeeNo, x.date.toISOString().slice(0, 10), x.amountFen, x.customer])).toEqual([
      [`${prefix}-1`, 'QB00007', '2025-03-04', 123456n, '杭州西湖贸易有限公司'],
      [`${prefix}-2`, 'QB00008', '2025-03-15', 2000000n, '宁波北仑客户'],
    ]);
  });

  it('refuses a legacy .xls with LEGACY_XLS, saying how to save it as .xlsx, and imports nothing', async () => {
    const before = await databaseSnapshot(s.db);
    const r = await upload(IMPORT_SALES, 'erp-export.xls', fixture('erp-export.xls'));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LEGACY_XLS', params: { file: 'erp-export.xls' } });
    expect(r.errors![0]!.message).toMatch(/Save As › Excel Workbook \(\*\.xlsx\)/);
    // Renamed, it is still recognised by its bytes; an ERP's "xls" that is really HTML is refused the same way.
    expect((await upload(IMPORT_SALES, 'export.xlsx', fixture('erp-export.xls'))).errors?.[0]?.extensions).toMatchObject({ reason: 'LEGACY_XLS' });
    expect((await upload(IMPORT_SALES, 'export.xls', new TextEncoder().encode('<html><table><tr><td>单号</td></tr></table></html>'))).errors?.[0]?.extensions).toMatchObject({
      reason: 'LEGACY_XLS',
    });
    const preview = await upload(`query($f: File) { previewSalesImport(file: $f) { rows } }`, 'erp-export.xls', fixture('erp-export.xls'));
    expect(preview.errors?.[0]?.extensions).toMatchObject({ reason: 'LEGACY_XLS' });
    expect(await databaseSnapshot(s.db)).toBe(before);
  });
});

describe('attendance files as Chinese offices save them', () => {
  const files = ['attendance-gbk.csv', 'attendance-utf8-bom.csv', 'attendance-utf16.txt', 'attendance-libreoffice.xlsx', 'attendance-wps.xlsx'];

  it('each file reads the same days: the first creates them, every other finds them unchanged (the same text, to the note)', async () => {
    const results = [];
    for (const file of files) {
      const r = await upload(IMPORT_ATTENDANCE, file, fixture(file));
      expect(r.errors, `${file}: ${JSON.stringify(r.errors)}`).toBeUndefined();
      results.push([file, r.data.importAttendanceFile]);
    }
    expect(results).toEqual(files.map((f, i) => [f, i === 0 ? { created: 2, updated: 0, unchanged: 0 } : { created: 0, updated: 0, unchanged: 2 }]));
    const days = await s.db.prisma.attendanceDay.findMany({ where: { date: new Date('2025-03-04T00:00:00Z') }, include: { person: true }, orderBy: { person: { employeeNo: 'asc' } } });
    expect(days.map((d) => [d.person.employeeNo, d.status, d.lateMinutes, d.note])).toEqual([
      ['QB00007', 'LATE', 15, '堵车'],
      ['QB00008', 'PERSONAL_LEAVE', 0, '家中有事'],
    ]);
  }, 120_000);

  it('refuses a legacy .xls with LEGACY_XLS and imports nothing', async () => {
    const before = await databaseSnapshot(s.db);
    const r = await upload(IMPORT_ATTENDANCE, 'erp-export.xls', fixture('erp-export.xls'));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LEGACY_XLS', params: { file: 'erp-export.xls' } });
    expect(await databaseSnapshot(s.db)).toBe(before);
  });
});

describe('preview and import from a sheet of the open workbook', () => {
  const PREVIEW = `query($g: SheetGridInput) { previewSalesImport(grid: $g) { ${PREVIEW_FIELDS} } }`;
  const IMPORT = 'mutation($g: SheetGridInput!) { importSalesSheet(grid: $g) { created updated unchanged } }';
  const rows = (amount: string | number, who = 'QB00008') => [
    ['三月销售', '', '', ''],
    ['单号', '工号', '日期', '金额'],
    ['SH-1', 'QB00007', '2025-03-05', 100.5],
    ['', '', '', ''],
    ['SH-2', 'QB00007', '2025/3/6', amount],
    ['SH-3', who, '2025年3月7日', '￥300.00'],
  ];

  it('previews without writing: counts, and every problem named by sheet and cell, by the import’s own rules', async () => {
    const before = await databaseSnapshot(s.db);
    const r = await s.gql(PREVIEW, { g: { sheet: '三月', rows: rows('abc', 'NOBODY') } }, finance);
    expect(r.errors).toBeUndefined();
    expect(r.data.previewSalesImport).toMatchObject({ sheet: '三月', rows: 3, valid: 1, created: 1, updated: 0, unchanged: 0, problemCount: 2 });
    expect(r.data.previewSalesImport.problems).toEqual([
      expect.objectContaining({ sheet: '三月', cell: 'D5', row: 5, field: 'amount', message: expect.stringMatching(/^三月!D5: /), reason: 'NOT_AN_AMOUNT', params: [{ name: 'value', value: 'abc' }] }),
      expect.objectContaining({ sheet: '三月', cell: 'B6', row: 6, field: 'employeeNo', message: '三月!B6: no person has employee number NOBODY', reason: 'UNKNOWN_EMPLOYEE_NO', params: [{ name: 'employeeNo', value: 'NOBODY' }] }),
    ]);
    expect(await databaseSnapshot(s.db)).toBe(before);
  });

  it('refuses the same rows whole with the same cells; once fixed, imports; the next preview finds them unchanged', async () => {
    const bad = await s.refused(IMPORT, { g: { sheet: '三月', rows: rows('abc', 'NOBODY') } }, finance);
    expect((bad.errors![0]!.extensions as any).problems.map((p: any) => p.cell)).toEqual(['D5', 'B6']);
    expect((await s.gql(IMPORT, { g: { sheet: '三月', rows: rows(200) } }, finance)).data.importSalesSheet).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const sale = await s.db.prisma.salesRecord.findUniqueOrThrow({ where: { externalId: 'SH-3' } });
    expect([sale.date.toISOString().slice(0, 10), sale.amountFen]).toEqual(['2025-03-07', 30000n]);
    expect((await s.gql(PREVIEW, { g: { sheet: '三月', rows: rows(200) } }, finance)).data.previewSalesImport).toMatchObject({ created: 0, updated: 0, unchanged: 3, problemCount: 0 });
    expect((await s.gql(PREVIEW, { g: { sheet: '三月', rows: rows(250) } }, finance)).data.previewSalesImport).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('previews a file as well, and attendance from a sheet', async () => {
    const file = await upload(`query($f: File) { previewSalesImport(file: $f) { ${PREVIEW_FIELDS} } }`, 'sales-gbk.csv', fixture('sales-gbk.csv'));
    expect(file.data.previewSalesImport).toMatchObject({ sheet: 'CSV', rows: 2, valid: 2, created: 0, unchanged: 2, problems: [] });
    const grid = { sheet: 'Sheet1', rows: [['工号', '日期', '状态'], ['QB00007', '2025-03-10', '旷工'], ['QB00008', '2025-03-10', '摸鱼']] };
    const preview = await s.gql(`query($g: SheetGridInput) { previewAttendanceImport(grid: $g) { ${PREVIEW_FIELDS} } }`, { g: grid }, finance);
    expect(preview.data.previewAttendanceImport).toMatchObject({ rows: 2, valid: 1, created: 1, problems: [expect.objectContaining({ cell: 'C3', message: expect.stringMatching(/^Sheet1!C3: “摸鱼” is not a status/) })] });
    grid.rows[2]![2] = '出勤';
    expect((await s.gql('mutation($g: SheetGridInput!) { importAttendanceSheet(grid: $g) { created } }', { g: grid }, finance)).data.importAttendanceSheet).toEqual({ created: 2 });
  });

  it('counts only rows that pass every check: a row with a cell that did not read, or refused by a check, is neither valid nor new', async () => {
    const attendance = { sheet: '考勤', rows: [['工号', '日期', '状态', '迟到分钟'], ['QB00007', '2025-04-10', '迟到', 'abc'], ['QB00007', '2025-04-09', '出勤', '']] };
    const a = await s.gql(`query($g: SheetGridInput) { previewAttendanceImport(grid: $g) { ${PREVIEW_FIELDS} } }`, { g: attendance }, finance);
    expect(a.data.previewAttendanceImport).toMatchObject({ rows: 2, valid: 1, created: 1, updated: 0, unchanged: 0, problemCount: 1, problems: [expect.objectContaining({ cell: 'D2', reason: 'NOT_A_WHOLE_NUMBER' })] });
    const sales = [
      ['单号', '工号', '日期', '金额', '数量'],
      ['CNT-1', 'QB00007', '2025-04-05', '100.00', 'x'],
      ['CNT-2', 'QB00007', '2025-04-05', '-5.00', ''],
      ['CNT-3', 'QB00007', '2025-04-06', '200.00', '2'],
      ['CNT-3', 'QB00007', '2025-04-07', '300.00', '3'],
    ];
    const r = await s.gql(PREVIEW, { g: { sheet: 'S', rows: sales } }, finance);
    expect(r.data.previewSalesImport.problems.map((p: any) => [p.cell, p.reason])).toEqual([['E2', 'NOT_A_WHOLE_NUMBER'], ['D3', 'NEGATIVE_AMOUNT'], ['A5', 'DUPLICATE_SALE']]);
    expect(r.data.previewSalesImport).toMatchObject({ rows: 4, valid: 1, created: 1, updated: 0, unchanged: 0, problemCount: 3 });
  });

  it('names each bad cell once, by its own reason: a blank number is empty (not also unknown), a huge amount too large (not badly written)', async () => {
    const sales = [
      ['单号', '工号', '日期', '金额'],
      ['BIG-1', 'QB00007', '2025-04-05', 99999999999999999],
      ['BIG-2', 'QB00007', '2025-04-05', '99999999999999999'],
      ['BIG-3', 'QB00007', '2025-04-05', 1e21],
      ['BIG-4', 'QB00007', '2025-04-05', 1000000000000.01],
      ['BIG-5', '', '2025-04-05', '100.00'],
      ['', 'QB00007', '2025-04-05', '100.00'],
    ];
    const r = await s.gql(PREVIEW, { g: { sheet: 'Sheet1', rows: sales } }, finance);
    expect(r.errors).toBeUndefined();
    const max = { name: 'max', value: '1000000000000.00' };
    expect(r.data.previewSalesImport.problems.map((p: any) => [p.message, p.reason, p.params])).toEqual([
      ['Sheet1!D2: is beyond ±1000000000000.00 a sale', 'NUMBER_OUT_OF_RANGE', [{ name: 'value', value: '100000000000000000' }, max]],
      ['Sheet1!D3: is beyond ±1000000000000.00 a sale', 'NUMBER_OUT_OF_RANGE', [{ name: 'value', value: '99999999999999999' }, max]],
      ['Sheet1!D4: is beyond ±1000000000000.00 a sale', 'NUMBER_OUT_OF_RANGE', [{ name: 'value', value: '1e+21' }, max]],
      ['Sheet1!D5: is beyond ±1000000000000.00 a sale', 'NUMBER_OUT_OF_RANGE', [{ name: 'value', value: '1000000000000.01' }, max]],
      ['Sheet1!B6: is empty', 'CELL_EMPTY', []],
      ['Sheet1!A7: is empty', 'CELL_EMPTY', []],
    ]);
    expect(r.data.previewSalesImport).toMatchObject({ rows: 6, valid: 0, problemCount: 6 });
    // The import refuses with the same list.
    const bad = await s.refused('mutation($g: SheetGridInput!) { importSalesSheet(grid: $g) { created } }', { g: { sheet: 'Sheet1', rows: sales } }, finance);
    expect((bad.errors![0]!.extensions as any).problems.map((p: any) => [p.cell, p.reason])).toEqual([
      ['D2', 'NUMBER_OUT_OF_RANGE'], ['D3', 'NUMBER_OUT_OF_RANGE'], ['D4', 'NUMBER_OUT_OF_RANGE'], ['D5', 'NUMBER_OUT_OF_RANGE'], ['B6', 'CELL_EMPTY'], ['A7', 'CELL_EMPTY'],
    ]);
    // Attendance the same: a blank number is empty, once.
    const attendance = { sheet: 'Sheet1', rows: [['工号', '日期', '状态'], ['', '2025-04-10', '出勤']] };
    const a = await s.gql(`query($g: SheetGridInput) { previewAttendanceImport(grid: $g) { ${PREVIEW_FIELDS} } }`, { g: attendance }, finance);
    expect(a.data.previewAttendanceImport.problems.map((p: any) => [p.message, p.reason])).toEqual([['Sheet1!A2: is empty', 'CELL_EMPTY']]);
  });

  it('holds a sheet to a file’s limits', async () => {
    const long = 'x'.repeat(32_768);
    const r = await s.gql(PREVIEW, { g: { sheet: 'S', rows: [['单号', '工号', '日期', '金额'], ['L-1', 'QB00007', '2025-03-05', long]] } }, finance);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_LIMIT', limit: 'stringLength' });
    expect(r.errors![0]!.message).toMatch(/^S!D2 holds 32768 characters/);
  });

  it('wants exactly one of a file or a sheet, and plain cells', async () => {
    expect((await s.gql('{ previewSalesImport { rows } }', {}, finance)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_SOURCE', params: {} });
    const nested = await s.gql(PREVIEW, { g: { sheet: 'S', rows: [[{ a: 1 }]] } }, finance);
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SHEET_CELL', params: {} });
  });
});
