/**
 * Nobody owes a report or a plan for days before they joined: a rep hired
 * today is not "missing" last week's report (NOT_EXPECTED) nor this month's
 * plan, due before they came (due on their first day instead).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { today } from '../../schema/dates.ts';
import { dueDate, DEFAULT_DUE_DAY } from '../../schema/rep-plan.ts';
import { mondayOf } from '../../schema/work-reports.ts';

describe.each(testProviders)('what a joiner owes on %s', (provider) => {
  let s: TestServer;
  let manager: string;
  let joiner: string;
  let team: string;
  beforeAll(async () => {
    s = await startTestServer(provider);
    const admin = await s.login('admin');
    manager = await s.login('manager');
    const managerPerson = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } })).personId!;
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: managerPerson } });
    team = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: area.id } })).id;
    const r = await s.gql('mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: { employeeNo: 'JN-001', name: '新同事', position: 'SALES_REP', rank: 'SR', hireDate: today(), unitId: team, baseSalary: '3000.00' },
    }, admin);
    expect(r.errors).toBeUndefined();
    joiner = r.data.createPerson.id;
  });
  afterAll(() => s.close());

  it('marks a weekly report due before they joined as not expected, not missing; one due on their first day is theirs', async () => {
    const monday = mondayOf(today());
    const sheet = (await s.gql('query($p: String!, $u: ID) { handedInSheet(period: $p, unitId: $u) { rows { personId reports { kind period timeliness } } } }', { p: monday, u: team }, manager)).data.handedInSheet;
    const row = sheet.rows.find((r: any) => r.personId === joiner);
    // Due on this week's Monday: owed only when they joined on it (today being that Monday).
    expect(row.reports).toEqual([{ kind: 'WEEKLY', period: monday, timeliness: today() === monday ? 'DUE' : 'NOT_EXPECTED' }]);
    // Someone employed that week still owes it.
    expect(sheet.rows.some((r: any) => r.personId !== joiner && r.reports[0].timeliness !== 'NOT_EXPECTED')).toBe(true);
  });

  it('makes this month’s plan due on their first day when they joined after its due day', async () => {
    const month = today().slice(0, 7);
    const rows = (await s.gql('query($m: String!, $u: ID) { repPlanRoster(month: $m, unitId: $u) { personId dueOn timeliness } }', { m: month, u: team }, manager)).data.repPlanRoster;
    const mine = rows.find((r: any) => r.personId === joiner);
    const due = dueDate(month, DEFAULT_DUE_DAY);
    expect(mine).toEqual({ personId: joiner, dueOn: due > today() ? due : today(), timeliness: 'DUE' });
  });
});
