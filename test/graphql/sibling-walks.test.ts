/**
 * Brief §8 and §1 together: a manager sees their unit's subtree as it stood
 * in the period asked about. A rep moved from one team to its sibling on
 * 2026-06-12 counts for the old team up to the 11th and for the new one from
 * the 12th, so each team lead sees the attendance of the months the rep spent
 * (part of) with them, and the leave requests of the time the rep is theirs;
 * a rep sees only their own. The demo organisation, through the API only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { fixedClock } from '../../server/clock.ts';
import { DEMO_PASSWORD } from '../../server/seed/seed.ts';

const SUMMARY = 'query($m: String!) { attendanceSummary(month: $m) { personId present absent } }';
const LEAVE = '{ leaveRequests { id personId from } }';

describe.each(testProviders)('walks across sibling teams on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'rep' | 'oldLead' | 'newLead' | 'peer', string>;
  let rep: { id: string; employeeNo: string };
  let peer: { id: string; employeeNo: string };
  let leaveId: string;

  beforeAll(async () => {
    s = await startTestServer(provider, { clock: fixedClock('2026-06-15T04:00:00Z') });
    for (const u of ['admin', 'finance', 'rep'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const repUser = await p.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } });
    rep = repUser.person!;
    const oldTeam = (await p.assignment.findFirstOrThrow({ where: { personId: rep.id, validTo: null }, include: { unit: true } })).unit;
    const newTeam = await p.orgUnit.findFirstOrThrow({ where: { parentId: oldTeam.parentId, kind: 'TEAM', NOT: { id: oldTeam.id } }, orderBy: { code: 'asc' } });
    peer = await p.person.findFirstOrThrow({ where: { position: 'SALES_REP', id: { not: rep.id }, assignments: { some: { unitId: oldTeam.id, validTo: null } } }, orderBy: { employeeNo: 'asc' } });
    const users = [
      ['old-lead', oldTeam.managerId, ['MANAGER']],
      ['new-lead', newTeam.managerId, ['MANAGER']],
      ['peer', peer.id, ['REP']],
    ] as const;
    for (const [username, personId, roles] of users) {
      const r = await s.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username, password: DEMO_PASSWORD, roles, personId } }, t.admin);
      expect(r.errors).toBeUndefined();
    }
    t.oldLead = await s.login('old-lead');
    t.newLead = await s.login('new-lead');
    t.peer = await s.login('peer');
    // Attendance for May (old team), June (both) and a day in July (new team), imported by finance.
    const records = [
      ...['2026-05-20', '2026-06-03', '2026-07-02'].flatMap((date) => [rep, peer].map((x) => ({ employeeNo: x.employeeNo, date, status: 'PRESENT' }))),
      // After the move, in the same month: the new team's.
      { employeeNo: rep.employeeNo, date: '2026-06-13', status: 'ABSENT' },
    ];
    const imported = await s.gql('mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }', { r: records }, t.finance);
    expect(imported.errors).toBeUndefined();
    // The rep asks for a day's leave in July, then moves to the sibling team from 12 June.
    const asked = await s.gql('mutation { requestLeave(kind: PERSONAL_LEAVE, from: "2026-07-06", to: "2026-07-06", reason: "家事") { id } }', {}, t.rep);
    expect(asked.errors).toBeUndefined();
    leaveId = asked.data.requestLeave.id;
    const version = (await p.person.findUniqueOrThrow({ where: { id: rep.id } })).version;
    const moved = await s.gql('mutation($id: ID!, $v: Int!, $u: ID!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: "2026-06-12") { id } }', { id: rep.id, v: version, u: newTeam.id }, t.admin);
    expect(moved.errors).toBeUndefined();
  });
  afterAll(() => s.close());

  const summary = async (token: string, m: string) => ((await s.gql(SUMMARY, { m }, token)).data.attendanceSummary as { personId: string }[]).map((r) => r.personId);
  const leave = async (token: string) => ((await s.gql(LEAVE, {}, token)).data.leaveRequests as { id: string }[]).map((r) => r.id);

  it('attendance: each team lead sees the rep only in the months the rep spent (part of) in their team, and only their days there', async () => {
    expect(await summary(t.oldLead, '2026-05')).toContain(rep.id);
    expect(await summary(t.newLead, '2026-05')).not.toContain(rep.id);
    expect(await summary(t.oldLead, '2026-06')).toContain(rep.id);
    expect(await summary(t.newLead, '2026-06')).toContain(rep.id);
    expect(await summary(t.oldLead, '2026-07')).not.toContain(rep.id);
    expect(await summary(t.newLead, '2026-07')).toContain(rep.id);
    // In June each lead counts the rep's days in their own team: the 3rd (present) for the old, the 13th (absent) for the new.
    const june = async (token: string) => ((await s.gql(SUMMARY, { m: '2026-06' }, token)).data.attendanceSummary as { personId: string }[]).find((r) => r.personId === rep.id);
    expect(await june(t.oldLead)).toEqual({ personId: rep.id, present: 1, absent: 0 });
    expect(await june(t.newLead)).toEqual({ personId: rep.id, present: 0, absent: 1 });
    expect(await june(t.rep)).toEqual({ personId: rep.id, present: 1, absent: 1 });
    // The old team's other rep stays with the old lead only.
    expect(await summary(t.oldLead, '2026-07')).toContain(peer.id);
    expect(await summary(t.newLead, '2026-06')).not.toContain(peer.id);
  });

  it('attendance: a rep sees their own month and nobody else’s', async () => {
    expect(await summary(t.rep, '2026-06')).toEqual([rep.id]);
    expect(await summary(t.peer, '2026-06')).toEqual([peer.id]);
  });

  it('leave: a request for after the move is the new lead’s to see and decide, not the old lead’s', async () => {
    expect(await leave(t.rep)).toEqual([leaveId]);
    expect(await leave(t.peer)).toEqual([]);
    expect(await leave(t.newLead)).toContain(leaveId);
    expect(await leave(t.oldLead)).not.toContain(leaveId);
    const decide = 'mutation($id: ID!) { decideLeave(id: $id, approve: true) { status } }';
    expect((await s.refused(decide, { id: leaveId }, t.oldLead)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
