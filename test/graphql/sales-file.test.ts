/** Sales actuals from an uploaded .xlsx or .csv (GraphQL multipart). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { databaseSnapshot, startTestServer, type TestServer } from '../support/harness.ts';
import { CSRF_HEADER } from '../../server/app.ts';

let s: TestServer;
let finance: string;
let employeeNo: string;
beforeAll(async () => {
  s = await startTestServer('sqlite');
  finance = await s.login('finance');
  employeeNo = (await s.db.prisma.person.findFirstOrThrow({ where: { hireDate: { lt: new Date('2024-01-01') }, status: 'ACTIVE' } })).employeeNo;
});
afterAll(() => s.close());

async function upload(name: string, bytes: Uint8Array | string, token = finance) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: 'mutation($f: File!) { importSalesFile(file: $f) { created updated unchanged } }', variables: { f: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.f'] }));
  form.set('0', new File([bytes as BlobPart], name));
  const res = await s.app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { [CSRF_HEADER]: '1', authorization: `Bearer ${token}` }, body: form });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions: any }[] };
}

async function workbook(rows: unknown[][], sheet = 'Sales') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((r) => ws.addRow(r));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function refusedUpload(name: string, bytes: Uint8Array | string) {
  const before = await databaseSnapshot(s.db);
  const r = await upload(name, bytes);
  expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  expect(await databaseSnapshot(s.db)).toBe(before);
  return r.errors![0]!;
}

describe('importSalesFile', () => {
  it('imports an .xlsx with English headers, then the same file changes nothing', async () => {
    const bytes = await workbook([
      ['externalId', 'employeeNo', 'date', 'amount', 'units', 'customer'],
      ['X-1', employeeNo, new Date(Date.UTC(2025, 2, 3)), 1234.56, 3, '=杭州客户'],
      ['X-2', employeeNo, '2025-03-04', '20,000.00', '', ''],
    ]);
    expect((await upload('march.xlsx', bytes)).data.importSalesFile).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await upload('march.xlsx', bytes)).data.importSalesFile).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const sale = await s.db.prisma.salesRecord.findUniqueOrThrow({ where: { externalId: 'X-1' } });
    expect(sale).toMatchObject({ amountFen: 123456n, units: 3, customer: '=杭州客户' });
  });

  it('imports a CSV with Chinese headers (with a BOM, as Excel saves it)', async () => {
    const csv = `\uFEFF单号,工号,日期,金额,新客户\nC-1,${employeeNo},2025/04/01,99.90,是\n\nC-2,${employeeNo},2025-04-02,0.10,\n`;
    expect((await upload('april.csv', csv)).data.importSalesFile).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await s.db.prisma.salesRecord.findUniqueOrThrow({ where: { externalId: 'C-1' } })).newCustomer).toBe(true);
  });

  it('names the sheet and cell of every bad value, and saves nothing', async () => {
    const bytes = await workbook([
      ['单号', '工号', '日期', '金额'],
      ['B-1', employeeNo, '2025-13-01', 10],
      ['B-2', employeeNo, '2025-05-01', 'ten'],
      ['B-3', employeeNo, '2025-05-02', 1.005],
    ]);
    const e = await refusedUpload('bad.xlsx', bytes);
    expect(e.extensions.problems.map((p: any) => p.message)).toEqual([
      expect.stringMatching(/^Sales!C2: “2025-13-01” is not a date/),
      expect.stringMatching(/^Sales!D3: .*not an amount/),
      expect.stringMatching(/^Sales!D4: .*more than two decimal places/),
    ]);
    expect(e.message).toMatch(/bad.xlsx was refused, nothing was saved/);
  });

  it('refuses unknown people by row, with the file named', async () => {
    const e = await refusedUpload('who.csv', `externalId,employeeNo,date,amount\nW-1,${employeeNo},2025-05-01,1\nW-2,NOBODY,2025-05-01,1\n`);
    expect(e.extensions.problems).toEqual([expect.objectContaining({ row: 3, field: 'employeeNo' })]);
  });

  it('refuses a file that is not a workbook, wrong columns, and an empty sheet', async () => {
    expect((await refusedUpload('fake.xlsx', new Uint8Array([0x50, 0x4b, 1, 2, 3]))).message).toMatch(/not an Excel workbook/);
    expect((await refusedUpload('notes.pdf', '%PDF-1.4')).message).toMatch(/neither an .xlsx workbook nor a .csv/);
    const cols = await refusedUpload('cols.xlsx', await workbook([['客户', '金额'], ['x', 1]]));
    expect(cols.message).toMatch(/^Sales!1: the header row lacks the column\(s\) externalId .*employeeNo .*date/);
    expect((await refusedUpload('empty.csv', 'externalId,employeeNo,date,amount\n')).message).toMatch(/no sales rows/);
  });

  it('is for finance and admins only', async () => {
    const r = await upload('x.csv', 'externalId,employeeNo,date,amount\n', await s.login('manager'));
    expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
