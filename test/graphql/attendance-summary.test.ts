/**
 * The monthly attendance summary says how payroll sees the month (domain §6,
 * §7), beside the days by status over every day: the working days counted
 * (employed, and in a manager's view in their subtree), those with no record
 * (present, for payroll), field-visit days no approved slip covers (an
 * absence by default) and records on rest days (ignored). May 2026: Labour
 * Day Friday 1 to Tuesday 5, made up on Saturday 9 — 19 working days. The
 * figures agree with the payroll run's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const FIELDS = 'personId present late lateMinutes absent sickLeave unrequestedLeave fieldVisit workingDays unrecordedWorkingDays fieldVisitWithoutSlip restDayRecords';
const SUMMARY = `query($m: String!) { attendanceSummary(month: $m) { ${FIELDS} } }`;
const RUN = 'run { id revision } payslips { personId workingDays lines { code explanation { inputs { name value } } } }';

describe.each(testProviders)('the attendance summary as payroll sees the month on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager', string>;
  let team: { id: string; path: string };
  const people = {} as Record<'steady' | 'joiner' | 'mover' | 'quiet' | 'gone' | 'later', { id: string; employeeNo: string }>;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    // A team of the manager's area with only these people in it, and a team elsewhere.
    team = await p.orgUnit.create({ data: { id: 'attsum', code: 'ATT-SUM', name: '考勤组', kind: 'TEAM', parentId: area.id, path: `${area.path}attsum/`, depth: area.depth + 1 } });
    const elsewhere = await p.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM', NOT: { path: { startsWith: area.path } } }, orderBy: { code: 'asc' } });
    const hire = async (key: keyof typeof people, hireDate: string, stays: [string, string, string | null][], leaveDate?: string) => {
      const x = await p.person.create({
        data: { employeeNo: `ATT-${key}`, name: `考勤${key}`, position: 'SALES_REP', rank: 'SR', hireDate: new Date(hireDate), leaveDate: leaveDate ? new Date(leaveDate) : null, status: leaveDate ? 'LEFT' : 'ACTIVE', baseSalaryFen: 500_000n },
      });
      for (const [unitId, from, to] of stays) await p.assignment.create({ data: { personId: x.id, unitId, position: 'SALES_REP', validFrom: new Date(from), validTo: to ? new Date(to) : null } });
      people[key] = x;
    };
    await hire('steady', '2020-01-06', [[team.id, '2020-01-06', null]]);
    // Joined on Monday 18 May.
    await hire('joiner', '2026-05-18', [[team.id, '2026-05-18', null]]);
    // Moved out of the area on Monday 18 May.
    await hire('mover', '2020-01-06', [[team.id, '2020-01-06', '2026-05-18'], [elsewhere.id, '2026-05-18', null]]);
    // No record at all in May (attendance not imported for them): still listed, every working day unrecorded.
    await hire('quiet', '2021-03-01', [[team.id, '2021-03-01', null]]);
    // Left on 30 April, and joins on 1 June: not employed in May, so not listed.
    await hire('gone', '2020-01-06', [[team.id, '2020-01-06', '2026-05-01']], '2026-04-30');
    await hire('later', '2026-06-01', [[team.id, '2026-06-01', null]]);
    const records = [
      ['steady', '2026-05-04', 'PRESENT'], // Labour Day: a rest day
      ['steady', '2026-05-09', 'LATE', 10], // the make-up Saturday: a working day
      ['steady', '2026-05-10', 'ABSENT'], // a Sunday
      ['steady', '2026-05-12', 'FIELD_VISIT'], // an approved slip covers it
      ['steady', '2026-05-13', 'FIELD_VISIT'], // no slip
      ['steady', '2026-05-14', 'FIELD_VISIT'], // a rejected slip only
      ['steady', '2026-05-16', 'FIELD_VISIT'], // a Saturday: ignored, slip or not
      ['steady', '2026-05-20', 'SICK_LEAVE'], // never requested
      ['joiner', '2026-05-18', 'PRESENT'],
      ['joiner', '2026-05-23', 'PRESENT'], // a Saturday
      ['joiner', '2026-05-25', 'ABSENT'],
      ['mover', '2026-05-11', 'ABSENT'],
      ['mover', '2026-05-19', 'LATE', 5],
      // A year the working calendar does not hold.
      ['steady', '2029-03-05', 'ABSENT'],
    ] as const;
    const imported = await s.gql('mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }', {
      r: records.map(([key, date, status, lateMinutes]) => ({ employeeNo: people[key].employeeNo, date, status, lateMinutes: lateMinutes ?? null })),
    }, t.finance);
    expect(imported.errors).toBeUndefined();
    const slip = (date: string, status: 'APPROVED' | 'REJECTED') => ({
      personId: people.steady.id, unitId: team.id, destination: '苏州', contactPerson: '王经理', purpose: '回访', status,
      plannedOut: new Date(`${date}T01:00:00Z`), plannedBack: new Date(`${date}T09:00:00Z`), decidedBy: 'manager', decidedAt: new Date(`${date}T00:30:00Z`),
    });
    await p.visitSlip.createMany({ data: [slip('2026-05-12', 'APPROVED'), slip('2026-05-14', 'REJECTED')] });
  });
  afterAll(() => s.close());

  const summary = async (month: string, token: string) => {
    const r = await s.gql(SUMMARY, { m: month }, token);
    expect(r.errors).toBeUndefined();
    const ids = new Map(Object.values(people).map((x) => [x.id, x]));
    return Object.fromEntries(r.data.attendanceSummary.filter((x: { personId: string }) => ids.has(x.personId)).map(({ personId, ...x }: { personId: string }) => [ids.get(personId)!.employeeNo, x]));
  };

  const steady = { present: 1, late: 1, lateMinutes: 10, absent: 1, sickLeave: 0, unrequestedLeave: 1, fieldVisit: 4, workingDays: 19, unrecordedWorkingDays: 14, fieldVisitWithoutSlip: 2, restDayRecords: 3 };
  const quiet = { present: 0, late: 0, lateMinutes: 0, absent: 0, sickLeave: 0, unrequestedLeave: 0, fieldVisit: 0, workingDays: 19, unrecordedWorkingDays: 19, fieldVisitWithoutSlip: 0, restDayRecords: 0 };
  const joiner = { present: 2, late: 0, lateMinutes: 0, absent: 1, sickLeave: 0, unrequestedLeave: 0, fieldVisit: 0, workingDays: 10, unrecordedWorkingDays: 8, fieldVisitWithoutSlip: 0, restDayRecords: 1 };

  it('finance sees each person’s month, a person with no record in it too: working days employed, unrecorded, field visits without a slip, rest-day records', async () => {
    expect(await summary('2026-05', t.finance)).toEqual({
      'ATT-steady': steady,
      'ATT-joiner': joiner,
      'ATT-quiet': quiet,
      'ATT-mover': { present: 0, late: 1, lateMinutes: 5, absent: 1, sickLeave: 0, unrequestedLeave: 0, fieldVisit: 0, workingDays: 19, unrecordedWorkingDays: 17, fieldVisitWithoutSlip: 0, restDayRecords: 0 },
    });
  });

  it('the manager counts the mover’s days in the area only: the 1st to the 17th, 9 working days', async () => {
    expect(await summary('2026-05', t.manager)).toEqual({
      'ATT-steady': steady,
      'ATT-joiner': joiner,
      'ATT-quiet': quiet,
      'ATT-mover': { present: 0, late: 0, lateMinutes: 0, absent: 1, sickLeave: 0, unrequestedLeave: 0, fieldVisit: 0, workingDays: 9, unrecordedWorkingDays: 8, fieldVisitWithoutSlip: 0, restDayRecords: 0 },
    });
  });

  it('agrees with the payroll run: the same working days employed and the same field-visit days without a slip', async () => {
    const created = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-05", scopeUnitId: $u) { ${RUN} } }`, { u: team.id }, t.finance);
    expect(created.errors).toBeUndefined();
    const { id, revision } = created.data.createPayrollRun.run;
    const calc = await s.gql(`mutation($id: ID!, $revision: Int!) { calculatePayrollRun(id: $id, revision: $revision) { ${RUN} } }`, { id, revision }, t.finance);
    expect(calc.errors).toBeUndefined();
    const slips = calc.data.calculatePayrollRun.payslips as { personId: string; workingDays: number; lines: { code: string; explanation: { inputs: { name: string; value: string }[] } }[] }[];
    const unslipped = (personId: string) => slips.find((x) => x.personId === personId)!.lines.find((l) => l.code === 'attendance')?.explanation.inputs.find((i) => i.name === 'fieldVisitsWithoutSlip')?.value;
    // The mover is paid by the run of the team they were in last (elsewhere).
    expect(slips.map((x) => [x.personId, x.workingDays]).sort()).toEqual([[people.steady.id, steady.workingDays], [people.joiner.id, joiner.workingDays], [people.quiet.id, quiet.workingDays]].sort());
    expect(unslipped(people.steady.id)).toBe('2026-05-13, 2026-05-14');
    expect(unslipped(people.joiner.id)).toBeUndefined();
  });

  it('a month whose year the working calendar lacks: the days by status, and no payroll counts', async () => {
    expect((await summary('2029-03', t.finance))['ATT-steady']).toEqual({
      present: 0, late: 0, lateMinutes: 0, absent: 1, sickLeave: 0, unrequestedLeave: 0, fieldVisit: 0, workingDays: null, unrecordedWorkingDays: null, fieldVisitWithoutSlip: null, restDayRecords: null,
    });
  });
});
