/**
 * Importing a sheet's rows, or a file, as a job (issue 12 §2), on both
 * databases: the job returned at once ends with the rows imported exactly
 * as the import mutations import them and its counts in the summary; a
 * sheet with a bad cell, or a file that cannot be read, is refused whole on
 * the job with nothing saved; nothing below the header, or a file too
 * large, is refused at once. A file is kept with its job only until the
 * job has finished.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { finishedJob, summaryOf } from '../support/jobs.ts';
import { CSRF_HEADER } from '../../server/app.ts';
import { root } from '../../server/db/providers.ts';
import { MAX_FILE_BYTES } from '../../server/imports/tabular-file.ts';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(root, 'test', 'fixtures', 'imports', name)));
const START_FILE = 'mutation($f: File!) { startSalesFileImport(file: $f) { id kind status } }';
const START_ATTENDANCE_FILE = 'mutation($f: File!) { startAttendanceFileImport(file: $f) { id kind status } }';

const START = 'mutation($g: SheetGridInput!) { startSalesSheetImport(grid: $g) { id kind status } }';
const START_ATTENDANCE = 'mutation($g: SheetGridInput!) { startAttendanceSheetImport(grid: $g) { id kind status } }';
const JOB = 'query($id: ID!) { job(id: $id) { status done total summary { name value } error { code reason params { name value } } } }';

describe.each(testProviders)('sheet imports as jobs on %s', (provider) => {
  let s: TestServer;
  let finance: string;
  let who: [string, string];

  beforeAll(async () => {
    s = await startTestServer(provider);
    finance = await s.login('finance');
    const reps = await s.db.prisma.person.findMany({ where: { position: 'SALES_REP', leaveDate: null, hireDate: { lt: new Date('2025-01-01') } }, orderBy: { employeeNo: 'asc' }, take: 2 });
    who = [reps[0]!.employeeNo, reps[1]!.employeeNo];
  });
  afterAll(() => s.close());


  it('imports the rows as the sheet import does, with the counts in the summary', async () => {
    const grid = { sheet: '三月', rows: [['单号', '工号', '日期', '金额'], ['JS-1', who[0], '2025-03-05', 100.5], ['', '', '', ''], ['JS-2', who[1], '2025/3/6', '￥300.00']] };
    const started = await s.gql(START, { g: grid }, finance);
    expect(started.errors).toBeUndefined();
    expect(started.data.startSalesSheetImport).toMatchObject({ kind: 'import.sales' });
    const job = await finishedJob(s, JOB, started.data.startSalesSheetImport.id, finance);
    expect(job.status).toBe('SUCCEEDED');
    expect(summaryOf(job)).toEqual({ created: '2', updated: '0', unchanged: '0', auditId: expect.any(String) });
    expect(job).toMatchObject({ done: 2, total: 2 });
    const sales = await s.db.prisma.salesRecord.findMany({ where: { externalId: { in: ['JS-1', 'JS-2'] } }, orderBy: { externalId: 'asc' } });
    expect(sales.map((x) => [x.date.toISOString().slice(0, 10), x.amountFen])).toEqual([['2025-03-05', 10050n], ['2025-03-06', 30000n]]);
    // The audit keeps what was imported and a summary of the job's rows, not the rows again.
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'Job', action: 'start' }, orderBy: { at: 'desc' } });
    expect(JSON.parse(audit.after!).params).toMatchObject({ sheet: '三月', rows: 4 });
    // The summary names the import's own audit, the two sales in it.
    const imported = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'SalesImport', entityId: summaryOf(job).auditId } });
    expect(imported.flatMap((e) => JSON.parse(e.after!).created.map((c: { externalId: string }) => c.externalId))).toEqual(['JS-1', 'JS-2']);
    // Again: unchanged.
    const again = await finishedJob(s, JOB, (await s.gql(START, { g: grid }, finance)).data.startSalesSheetImport.id, finance);
    expect(summaryOf(again)).toEqual({ created: '0', updated: '0', unchanged: '2' });
  });

  it('runs the same rows from two people as two jobs, each with its own reach and audit', async () => {
    const area = await s.login('finance-area');
    const grid = { sheet: '五月', rows: [['单号', '工号', '日期', '金额'], ['JS-5', who[0], '2025-05-05', 50]] };
    const [first, second] = await Promise.all([s.gql(START, { g: grid }, area), s.gql(START, { g: grid }, finance)]);
    const [areaJob, financeJob] = [first.data.startSalesSheetImport.id, second.data.startSalesSheetImport.id];
    expect(financeJob).not.toBe(areaJob);
    await finishedJob(s, JOB, areaJob, area);
    expect((await finishedJob(s, JOB, financeJob, finance)).status).toBe('SUCCEEDED');
    expect(await s.db.prisma.salesRecord.count({ where: { externalId: 'JS-5' } })).toBe(1);
    const users = await s.db.prisma.user.findMany({ where: { username: { in: ['finance', 'finance-area'] } }, select: { id: true } });
    const starts = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'Job', action: 'start', entityId: { in: [areaJob, financeJob] } } });
    expect(new Set(starts.map((a) => a.actorId))).toEqual(new Set(users.map((u) => u.id)));
  });

  it('keeps a refusal on the job, with nothing saved', async () => {
    const before = await s.db.prisma.salesRecord.count();
    const grid = { sheet: '四月', rows: [['单号', '工号', '日期', '金额'], ['JS-3', who[0], '2025-04-05', 'abc'], ['JS-4', 'NOBODY', '2025-04-06', 10]] };
    const job = await finishedJob(s, JOB, (await s.gql(START, { g: grid }, finance)).data.startSalesSheetImport.id, finance);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_REJECTED', params: [{ name: 'count', value: '2' }] });
    expect(await s.db.prisma.salesRecord.count()).toBe(before);
  });

  it('imports attendance the same way, and refuses a sheet with nothing below its header at once', async () => {
    const grid = { sheet: 'Sheet1', rows: [['工号', '日期', '状态'], [who[0], '2025-03-10', '旷工']] };
    const job = await finishedJob(s, JOB, (await s.gql(START_ATTENDANCE, { g: grid }, finance)).data.startAttendanceSheetImport.id, finance);
    expect(job.status).toBe('SUCCEEDED');
    expect(summaryOf(job)).toEqual({ created: '1', updated: '0', unchanged: '0', auditId: expect.any(String) });
    const empty = await s.refused(START, { g: { sheet: '空', rows: [['单号', '工号', '日期', '金额'], ['', '', '', '']] } }, finance);
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_ROWS', params: { sheet: '空' } });
  });
});

describe.each(testProviders)('file imports as jobs on %s', (provider) => {
  let s: TestServer;
  let finance: string;

  beforeAll(async () => {
    s = await startTestServer(provider);
    finance = await s.login('finance');
  });
  afterAll(() => s.close());

  /** A GraphQL multipart request with one file as $f. */
  async function upload(query: string, name: string, bytes: Uint8Array, token = finance): Promise<GqlResult<any>> {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query, variables: { f: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.f'] }));
    form.set('0', new File([bytes as BlobPart], name));
    const res = await s.app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { [CSRF_HEADER]: '1', authorization: `Bearer ${token}` }, body: form });
    return (await res.json()) as GqlResult<any>;
  }
  /** Every table's rows but these (the job's own, the audit of starting it, a rep's sign-in). */
  const allBut = async (tables: string[]) => {
    const all = JSON.parse(await databaseSnapshot(s.db)) as Record<string, unknown>;
    for (const t of tables) delete all[t];
    return JSON.stringify(all);
  };

  it('imports a GBK CSV as the file import does, Chinese text intact, and drops the kept file once done', async () => {
    const started = await upload(START_FILE, 'sales-gbk.csv', fixture('sales-gbk.csv'));
    expect(started.errors, JSON.stringify(started.errors)).toBeUndefined();
    expect(started.data.startSalesFileImport).toMatchObject({ kind: 'import.sales' });
    const id = started.data.startSalesFileImport.id;
    const job = await finishedJob(s, JOB, id, finance);
    expect(job.status).toBe('SUCCEEDED');
    expect(summaryOf(job)).toEqual({ created: '2', updated: '0', unchanged: '0', auditId: expect.any(String) });
    const sales = await s.db.prisma.salesRecord.findMany({ where: { externalId: { startsWith: 'GBK-' } }, orderBy: { externalId: 'asc' }, include: { person: true } });
    expect(sales.map((x) => [x.externalId, x.person.employeeNo, x.date.toISOString().slice(0, 10), x.amountFen, x.customer])).toEqual([
      ['GBK-1', 'QB00007', '2025-03-04', 123456n, '杭州西湖贸易有限公司'],
      ['GBK-2', 'QB00008', '2025-03-15', 2000000n, '宁波北仑客户'],
    ]);
    expect(await s.db.prisma.jobFile.count({ where: { jobId: id } })).toBe(0);
    // The audit names the file by its name, size and digest, not its bytes.
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'Job', entityId: id, action: 'start' } });
    expect(JSON.parse(audit.after!).params).toEqual({ name: 'sales-gbk.csv', size: fixture('sales-gbk.csv').length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The same file again: unchanged.
    const again = await finishedJob(s, JOB, (await upload(START_FILE, 'sales-gbk.csv', fixture('sales-gbk.csv'))).data.startSalesFileImport.id, finance);
    expect(summaryOf(again)).toEqual({ created: '0', updated: '0', unchanged: '2' });
  });

  it('imports attendance from a WPS workbook', async () => {
    const job = await finishedJob(s, JOB, (await upload(START_ATTENDANCE_FILE, 'attendance-wps.xlsx', fixture('attendance-wps.xlsx'))).data.startAttendanceFileImport.id, finance);
    expect(job.status).toBe('SUCCEEDED');
    expect(summaryOf(job)).toEqual({ created: '2', updated: '0', unchanged: '0', auditId: expect.any(String) });
    const days = await s.db.prisma.attendanceDay.findMany({ where: { date: new Date('2025-03-04T00:00:00Z') }, include: { person: true }, orderBy: { person: { employeeNo: 'asc' } } });
    expect(days.map((d) => [d.person.employeeNo, d.status, d.lateMinutes, d.note])).toEqual([
      ['QB00007', 'LATE', 15, '堵车'],
      ['QB00008', 'PERSONAL_LEAVE', 0, '家中有事'],
    ]);
  });

  it('keeps a refusal (a bad cell) on the job with nothing imported and the file dropped; a legacy .xls, a file too large, or a rep, is refused at once', async () => {
    const before = await allBut(['Job', 'JobFile', 'AuditEvent']);
    const csv = new TextEncoder().encode('externalId,employeeNo,date,amount\nBAD-1,QB00007,2025-03-04,abc\nBAD-2,QB00008,2025-03-05,10\n');
    const id = (await upload(START_FILE, 'bad.csv', csv)).data.startSalesFileImport.id;
    const job = await finishedJob(s, JOB, id, finance);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_REJECTED', params: [{ name: 'count', value: '1' }] });
    expect(await allBut(['Job', 'JobFile', 'AuditEvent'])).toBe(before);
    expect(await s.db.prisma.jobFile.count({ where: { jobId: id } })).toBe(0);

    const rep = await s.login('rep');
    const unchanged = await allBut(['AuditEvent', 'LoginAttempt']);
    const legacy = await upload(START_FILE, 'erp-export.xls', fixture('erp-export.xls'));
    expect(legacy.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LEGACY_XLS', params: { file: 'erp-export.xls' } });
    const big = await upload(START_FILE, 'big.csv', new Uint8Array(MAX_FILE_BYTES + 1));
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE' });
    const byRep = await upload(START_FILE, 'sales-gbk.csv', fixture('sales-gbk.csv'), rep);
    expect(byRep.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await allBut(['AuditEvent', 'LoginAttempt'])).toBe(unchanged);
  });
});
