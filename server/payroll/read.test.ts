/**
 * The months a person's own payslips can be opened for (myPayslipMonths, a
 * direct read): signed-off runs only (locked or paid), newest first, each
 * month once however many versions, and only the viewer's own.
 */
import { describe, expect, it } from 'vitest';
import { myPayslipMonths } from './read.ts';
import type { Context } from '../context.ts';
import { testProviders } from '../../test/support/databases.ts';
import { migratedDatabases } from '../../test/support/migrated-database.ts';

const database = migratedDatabases();

describe.each(testProviders)('my payslip months on %s', (provider) => {
  it('are the signed-off months with a payslip of mine, newest first, once each', async () => {
    const { prisma } = await database(provider);
    const unit = await prisma.orgUnit.create({ data: { code: 'C', name: '公司', kind: 'COMPANY', path: '/c/', depth: 0 } });
    const person = (employeeNo: string) => prisma.person.create({ data: { employeeNo, name: employeeNo, position: 'SALES_REP', hireDate: new Date('2025-01-01'), status: 'ACTIVE', baseSalaryFen: 300000n } });
    const [me, other] = [await person('E1'), await person('E2')];
    const slip = { planCode: 'P', planVersion: 1, grossFen: 1n, deductionsFen: 0n, netFen: 1n, inputs: '{}' };
    const run = async (month: string, version: number, status: 'DRAFT' | 'CALCULATED' | 'LOCKED' | 'PAID', people: string[]) =>
      prisma.payrollRun.create({ data: { month, scopeUnitId: unit.id, version, status, payslips: { create: people.map((personId) => ({ ...slip, personId })) } } });
    await run('2026-01', 1, 'PAID', [me.id, other.id]);
    await run('2026-03', 1, 'LOCKED', [me.id]);
    await run('2026-03', 2, 'PAID', [me.id]);
    await run('2026-04', 1, 'CALCULATED', [me.id]);
    await run('2026-02', 1, 'LOCKED', [other.id]);
    await run('2025-12', 1, 'LOCKED', [me.id]);
    const viewer = (personId: string | null) => ({ prisma, viewer: { userId: 'u', username: 'u', sessionId: 's', roles: ['REP'], personId, personName: null } }) as unknown as Context;
    expect(await myPayslipMonths(viewer(me.id))).toEqual(['2026-03', '2026-01', '2025-12']);
    expect(await myPayslipMonths(viewer(other.id))).toEqual(['2026-02', '2026-01']);
    expect(await myPayslipMonths(viewer(null))).toEqual([]);
  });
});
