/**
 * Employee numbers are unique whatever their case (hiring refuses qb00017
 * beside QB00017), so an import finds the person by the number typed in any
 * case; two rows for the same person and day in different cases are still
 * one person's duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { fixedClock } from '../../server/clock.ts';

describe.each(testProviders)('employee numbers in imports on %s', (provider) => {
  let s: TestServer;
  let finance: string;
  let rep: { id: string; employeeNo: string };

  beforeAll(async () => {
    s = await startTestServer(provider, { clock: fixedClock(new Date('2026-04-03T02:00:00Z')) });
    finance = await s.login('finance');
    const team = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM' }, orderBy: { code: 'asc' } });
    rep = await s.db.prisma.person.create({ data: { employeeNo: 'CaseQB01', name: '大小写', position: 'SALES_REP', rank: 'SR', hireDate: new Date('2025-01-01'), status: 'ACTIVE', baseSalaryFen: 300_000n } });
    await s.db.prisma.assignment.create({ data: { personId: rep.id, unitId: team.id, position: 'SALES_REP', validFrom: new Date('2025-01-01') } });
  });
  afterAll(() => s.close());

  it('books a sale typed with the number in another case to the person', async () => {
    const r = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: [{ externalId: 'CASE-1', employeeNo: 'caseqb01', date: '2026-03-10', amount: '1200.00' }, { externalId: 'CASE-2', employeeNo: 'CASEQB01', date: '2026-03-11', amount: '800.00' }] }, finance);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data.importSalesActuals.created).toBe(2);
    const sales = await s.db.prisma.salesRecord.findMany({ where: { externalId: { in: ['CASE-1', 'CASE-2'] } } });
    expect(sales.map((x) => x.personId)).toEqual([rep.id, rep.id]);
  });

  it('records attendance typed with the number in another case, and refuses the same person and day twice whatever the case', async () => {
    const IMPORT = 'mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }';
    const ok = await s.gql(IMPORT, { r: [{ employeeNo: 'caseqb01', date: '2026-03-10', status: 'ABSENT' }] }, finance);
    expect(ok.errors, JSON.stringify(ok.errors)).toBeUndefined();
    expect(await s.db.prisma.attendanceDay.count({ where: { personId: rep.id } })).toBe(1);
    const twice = await s.refused(IMPORT, { r: [{ employeeNo: 'CASEQB01', date: '2026-03-12', status: 'ABSENT' }, { employeeNo: 'caseQB01', date: '2026-03-12', status: 'LATE', lateMinutes: 5 }] }, finance);
    expect(JSON.stringify(twice.errors![0]!.extensions)).toContain('DUPLICATE_ATTENDANCE');
  });
});
