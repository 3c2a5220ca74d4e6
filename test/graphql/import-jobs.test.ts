/**
 * Importing a sheet's rows as a job (issue 12 §2), on both databases: the
 * job returned at once ends with the rows imported exactly as the sheet
 * import mutation imports them and its counts in the summary; a sheet with
 * a bad cell is refused whole on the job with nothing saved; nothing below
 * the header is refused at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

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

  async function finished(id: string) {
    for (let i = 0; i < 300; i++) {
      const job = (await s.gql(JOB, { id }, finance)).data.job;
      if (job.status === 'SUCCEEDED' || job.status === 'FAILED') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the job did not finish');
  }
  const summaryOf = (job: { summary: { name: string; value: string }[] }) => Object.fromEntries(job.summary.map((v) => [v.name, v.value]));

  it('imports the rows as the sheet import does, with the counts in the summary', async () => {
    const grid = { sheet: '三月', rows: [['单号', '工号', '日期', '金额'], ['JS-1', who[0], '2025-03-05', 100.5], ['', '', '', ''], ['JS-2', who[1], '2025/3/6', '￥300.00']] };
    const started = await s.gql(START, { g: grid }, finance);
    expect(started.errors).toBeUndefined();
    expect(started.data.startSalesSheetImport).toMatchObject({ kind: 'import.sales' });
    const job = await finished(started.data.startSalesSheetImport.id);
    expect(job.status).toBe('SUCCEEDED');
    expect(summaryOf(job)).toEqual({ created: '2', updated: '0', unchanged: '0' });
    expect(job).toMatchObject({ done: 2, total: 2 });
    const sales = await s.db.prisma.salesRecord.findMany({ where: { externalId: { in: ['JS-1', 'JS-2'] } }, orderBy: { externalId: 'asc' } });
    expect(sales.map((x) => [x.date.toISOString().slice(0, 10), x.amountFen])).toEqual([['2025-03-05', 10050n], ['2025-03-06', 30000n]]);
    // The audit keeps what was imported and a summary of the job's rows, not the rows again.
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'Job', action: 'start' }, orderBy: { at: 'desc' } });
    expect(JSON.parse(audit.after!).params).toMatchObject({ sheet: '三月', rows: 4 });
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'SalesImport' } })).toBeGreaterThan(0);
    // Again: unchanged.
    const again = await finished((await s.gql(START, { g: grid }, finance)).data.startSalesSheetImport.id);
    expect(summaryOf(again)).toEqual({ created: '0', updated: '0', unchanged: '2' });
  });

  it('keeps a refusal on the job, with nothing saved', async () => {
    const before = await s.db.prisma.salesRecord.count();
    const grid = { sheet: '四月', rows: [['单号', '工号', '日期', '金额'], ['JS-3', who[0], '2025-04-05', 'abc'], ['JS-4', 'NOBODY', '2025-04-06', 10]] };
    const job = await finished((await s.gql(START, { g: grid }, finance)).data.startSalesSheetImport.id);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_REJECTED', params: [{ name: 'count', value: '2' }] });
    expect(await s.db.prisma.salesRecord.count()).toBe(before);
  });

  it('imports attendance the same way, and refuses a sheet with nothing below its header at once', async () => {
    const grid = { sheet: 'Sheet1', rows: [['工号', '日期', '状态'], [who[0], '2025-03-10', '旷工']] };
    const job = await finished((await s.gql(START_ATTENDANCE, { g: grid }, finance)).data.startAttendanceSheetImport.id);
    expect(job.status).toBe('SUCCEEDED');
    expect(summaryOf(job)).toEqual({ created: '1', updated: '0', unchanged: '0' });
    const empty = await s.refused(START, { g: { sheet: '空', rows: [['单号', '工号', '日期', '金额'], ['', '', '', '']] } }, finance);
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_ROWS', params: { sheet: '空' } });
  });
});
