/**
 * A run of 40,000 payslips reads back on SQLite (issue 12 §3): no query binds
 * more than SQLite's 32,766 variables. The demo's run is calculated, then its
 * first payslip is copied, in SQL, for 40,000 more people; it reads back
 * whole and rechecks from its frozen inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { recheckRun } from '../../server/payroll/runs.ts';

const MORE = 40_000;

describe('a 40,000-payslip run on sqlite', () => {
  let s: TestServer;
  let finance: string;
  let runId = '';
  let demoSlips = 0;
  beforeAll(async () => {
    s = await startTestServer('sqlite');
    finance = await s.login('finance');
    const p = s.db.prisma;
    const top = await p.orgUnit.findFirstOrThrow({ where: { parentId: null } });
    const created = await s.gql('mutation($u: ID!) { createPayrollRun(month: "2026-03", scopeUnitId: $u) { run { id revision } } }', { u: top.id }, finance);
    expect(created.errors).toBeUndefined();
    runId = created.data.createPayrollRun.run.id;
    const calc = await s.gql('mutation($id: ID!) { calculatePayrollRun(id: $id, revision: 1) { run { status } } }', { id: runId }, finance);
    expect(calc.errors).toBeUndefined();
    demoSlips = await p.payslip.count({ where: { runId } });
    const model = await p.payslip.findFirstOrThrow({ where: { runId }, orderBy: { id: 'asc' } });
    // 40,000 people like the first one, in its unit, each with a copy of its payslip and lines.
    await p.$executeRawUnsafe(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MORE})
      INSERT INTO "Person" (id, employeeNo, name, position, rank, hireDate, status, employmentType, baseSalaryFen, version, createdAt, updatedAt)
      SELECT 'bulk-' || i, 'Z' || printf('%06d', i), name || i, position, rank, hireDate, status, employmentType, baseSalaryFen, 1, createdAt, updatedAt
      FROM n, "Person" WHERE "Person".id = '${model.personId}'`);
    await p.$executeRawUnsafe(`
      INSERT INTO "Payslip" (id, runId, personId, planCode, planVersion, grossFen, deductionsFen, netFen, inputs)
      SELECT 'slip-' || substr(p.id, 6), '${runId}', p.id, s.planCode, s.planVersion, s.grossFen, s.deductionsFen, s.netFen, s.inputs
      FROM "Person" p, "Payslip" s WHERE p.id LIKE 'bulk-%' AND s.id = '${model.id}'`);
    await p.$executeRawUnsafe(`
      INSERT INTO "PayslipLine" (id, payslipId, position, code, label, kind, amountFen, explanation)
      SELECT l.id || '-' || substr(p.id, 6), 'slip-' || substr(p.id, 6), l.position, l.code, l.label, l.kind, l.amountFen, l.explanation
      FROM "Person" p, "PayslipLine" l WHERE p.id LIKE 'bulk-%' AND l.payslipId = '${model.id}'`);
  }, 300_000);
  afterAll(() => s.close());

  it('reads the whole run back: every payslip, totals and the comparison', async () => {
    const r = await s.gql(
      'query($id: ID!) { payrollRun(id: $id) { totals { headcount } totalNet payslips { personId lines { code } } comparison(against: PREVIOUS_MONTH) { changes { personId } } } }',
      { id: runId },
      finance,
    );
    expect(r.errors).toBeUndefined();
    const run = r.data.payrollRun;
    expect(run.totals.headcount).toBe(demoSlips + MORE);
    expect(run.payslips).toHaveLength(demoSlips + MORE);
    expect(run.payslips.every((x: { lines: unknown[] }) => x.lines.length > 0)).toBe(true);
  }, 300_000);

  it('pages the payslips by keyset in employee-number order: every one once, the same as the whole run', async () => {
    const whole = (await s.gql('query($id: ID!) { payrollRun(id: $id) { payslips { employeeNo net } } }', { id: runId }, finance)).data.payrollRun.payslips as { employeeNo: string; net: string }[];
    const paged: { employeeNo: string; net: string }[] = [];
    let after: string | null = null;
    for (let pages = 0; ; pages++) {
      expect(pages).toBeLessThan(30);
      const r: GqlResult = await s.gql('query($id: ID!, $after: String) { payrollRun(id: $id) { payslipPage(first: 2000, after: $after) { nodes { employeeNo net } pageInfo { hasNextPage endCursor } } } }', { id: runId, after }, finance);
      expect(r.errors).toBeUndefined();
      const page: { nodes: { employeeNo: string; net: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = r.data.payrollRun.payslipPage;
      paged.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(whole);
    // A page past the largest allowed is refused.
    const tooBig = await s.gql('query($id: ID!) { payrollRun(id: $id) { payslipPage(first: 2001) { nodes { net } } } }', { id: runId }, finance);
    expect(tooBig.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }, 300_000);

  it('rechecks every payslip of it from its frozen inputs', async () => {
    expect(await recheckRun(s.db.prisma, runId)).toEqual([]);
  }, 300_000);
});
