/**
 * A transfer hands the rep's field work to their new managers (brief §1:
 * assignments are effective-dated). A visit slip belongs to the unit the rep
 * is in on its departure day: the managers over that unit read and decide
 * it, not those of the unit the rep was in when requesting it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const SLIP = 'id personId unitId unitName status revision canDecide';
const REQUEST = `mutation($i: VisitSlipInput!) { requestVisitSlip(input: $i) { ${SLIP} } }`;
const ONE_SLIP = `query($id: ID!) { visitSlip(id: $id) { ${SLIP} } }`;
const SLIPS = `query($m: String!, $u: ID) { visitSlips(month: $m, unitId: $u) { ${SLIP} } }`;
const APPROVE = `mutation($id: ID!, $r: Int!) { approveVisitSlip(id: $id, revision: $r) { ${SLIP} } }`;
const TRANSFER = 'mutation($id: ID!, $v: Int!, $u: ID!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: "2026-12-05") { id } }';

const MONTH = '2026-12';
const reason = (r: GqlResult) => (r.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;
const slipInput = (day: string) => ({ destination: '杭州市西湖区文三路 90 号', contactPerson: '李经理', purpose: '新品推介', plannedOut: `${day}T01:00:00Z`, plannedBack: `${day}T09:00:00Z` });

describe.each(testProviders)('field work after a transfer on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'manager' | 'rep' | 'leadA' | 'leadB' | 'areaB', string>;
  let teamA: string;
  let teamB: string;
  let rep: string;

  const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
    const r = await s.gql(query, variables, token);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  const user = async (username: string, personId: string, roles: string[]) => {
    await ok('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username, password: 'correct-horse-battery', roles, personId } }, t.admin);
    return s.login(username, 'correct-horse-battery');
  };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'manager', 'rep'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    rep = (await p.user.findUniqueOrThrow({ where: { username: 'rep' } })).personId!;
    const a = await p.orgUnit.findFirstOrThrow({ where: { assignments: { some: { personId: rep, validTo: null } } } });
    teamA = a.id;
    // The rep's area is the demo manager's; the new team lies in another area, led (and overseen) by others.
    const areaA = (await p.orgUnit.findUniqueOrThrow({ where: { id: a.parentId! } })).path;
    const b = await p.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM', managerId: { not: null }, NOT: { path: { startsWith: areaA } }, parent: { managerId: { not: null } } }, include: { parent: true } });
    teamB = b.id;
    t.leadA = await user('lead-a', a.managerId!, ['MANAGER']);
    t.leadB = await user('lead-b', b.managerId!, ['MANAGER']);
    t.areaB = await user('area-b', b.parent!.managerId!, ['MANAGER']);
  });
  afterAll(() => s.close());

  let before: { id: string; revision: number };
  let after: { id: string; revision: number };

  it('hands a slip for a visit after the transfer to the new unit’s managers; one for a visit before it stays with the old', async () => {
    after = (await ok(REQUEST, { i: slipInput('2026-12-09') }, t.rep)).requestVisitSlip;
    before = (await ok(REQUEST, { i: slipInput('2026-12-02') }, t.rep)).requestVisitSlip;
    expect(after).toMatchObject({ unitId: teamA, canDecide: false });
    const { person } = await ok('query($id: ID!) { person(id: $id) { version } }', { id: rep }, t.admin);
    await ok(TRANSFER, { id: rep, v: person.version, u: teamB }, t.admin);

    for (const who of [t.leadB, t.areaB]) {
      expect((await ok(ONE_SLIP, { id: after.id }, who)).visitSlip).toMatchObject({ unitId: teamB, canDecide: true });
      const listed = (await ok(SLIPS, { m: MONTH }, who)).visitSlips.map((x: { id: string }) => x.id);
      expect(listed).toContain(after.id);
      expect(listed).not.toContain(before.id);
      expect(reason(await s.gql(ONE_SLIP, { id: before.id }, who))).toBe('VISIT_SLIP_NOT_FOUND');
    }
    expect((await ok(SLIPS, { m: MONTH, u: teamB }, t.areaB)).visitSlips.map((x: { id: string }) => x.id)).toEqual([after.id]);
    for (const who of [t.leadA, t.manager]) {
      expect(reason(await s.gql(ONE_SLIP, { id: after.id }, who))).toBe('VISIT_SLIP_NOT_FOUND');
      expect(reason(await s.refused(APPROVE, { id: after.id, r: after.revision }, who))).toBe('VISIT_SLIP_NOT_FOUND');
      const listed = (await ok(SLIPS, { m: MONTH }, who)).visitSlips;
      expect(listed.map((x: { id: string }) => x.id)).not.toContain(after.id);
      expect(listed.find((x: { id: string }) => x.id === before.id)).toMatchObject({ unitId: teamA, canDecide: true });
    }
    expect((await ok(SLIPS, { m: MONTH, u: teamA }, t.manager)).visitSlips.map((x: { id: string }) => x.id)).toEqual([before.id]);
    // The rep reads both, under the unit of each departure day.
    const own = (await ok(SLIPS, { m: MONTH }, t.rep)).visitSlips;
    expect(own.map((x: { id: string; unitId: string }) => [x.id, x.unitId])).toEqual([[before.id, teamA], [after.id, teamB]]);
  });

  it('lets the new team’s lead approve the slip after the transfer, and the old team’s lead the one before', async () => {
    expect((await ok(APPROVE, { id: after.id, r: after.revision }, t.leadB)).approveVisitSlip).toMatchObject({ status: 'APPROVED', unitId: teamB });
    expect((await ok(APPROVE, { id: before.id, r: before.revision }, t.leadA)).approveVisitSlip).toMatchObject({ status: 'APPROVED', unitId: teamA });
  });
});
