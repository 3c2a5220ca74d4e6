/**
 * A transfer hands the rep's field work to their new managers (brief §1:
 * assignments are effective-dated). A visit slip belongs to the unit the rep
 * is in on its departure day: the managers over that unit read and decide
 * it, not those of the unit the rep was in when requesting it. A month's
 * rep plan belongs to the unit the rep is in for the month (the one in force
 * on its last day they are assigned): the managers over it list it on their
 * roster, open it and decide it; the old team's lead neither lists nor opens
 * it, nor hands out its template, whether the plan was handed in before the
 * transfer or after.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { planWeeks } from '../../schema/rep-plan.ts';

const SLIP = 'id personId unitId unitName status revision canDecide';
const REQUEST = `mutation($i: VisitSlipInput!) { requestVisitSlip(input: $i) { ${SLIP} } }`;
const ONE_SLIP = `query($id: ID!) { visitSlip(id: $id) { ${SLIP} } }`;
const SLIPS = `query($m: String!, $u: ID) { visitSlips(month: $m, unitId: $u) { ${SLIP} } }`;
const APPROVE = `mutation($id: ID!, $r: Int!) { approveVisitSlip(id: $id, revision: $r) { ${SLIP} } }`;
const PLAN = 'id personId unitId status revision canDecide';
const SAVE = `mutation($m: String!, $i: RepPlanInput!) { saveRepPlan(month: $m, input: $i) { ${PLAN} } }`;
const SUBMIT = `mutation($id: ID!, $r: Int!) { submitRepPlan(id: $id, revision: $r) { ${PLAN} } }`;
const ONE_PLAN = `query($id: ID!) { repPlan(id: $id) { ${PLAN} } }`;
const ACCEPT = `mutation($id: ID!, $r: Int!) { acceptRepPlan(id: $id, revision: $r) { ${PLAN} } }`;
const ROSTER = `query($m: String!, $u: ID) { repPlanRoster(month: $m, unitId: $u) { personId planId status planned canDecide } }`;
const TRANSFER = 'mutation($id: ID!, $v: Int!, $u: ID!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: "2026-12-05") { id } }';

const MONTH = '2026-12';
const reason = (r: GqlResult) => (r.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;
const slipInput = (day: string) => ({ destination: '杭州市西湖区文三路 90 号', contactPerson: '李经理', purpose: '新品推介', plannedOut: `${day}T01:00:00Z`, plannedBack: `${day}T09:00:00Z` });
const planInput = { weeks: planWeeks(MONTH).map((w) => ({ weekKey: w.key, sales: '5000.00', calls: 40, visits: 2, events: 0 })), customers: [] };

describe.each(testProviders)('field work after a transfer on %s', (provider) => {
  let s: TestServer;
  let server: http.Server;
  let base: string;
  const t = {} as Record<'admin' | 'manager' | 'rep' | 'mover' | 'leadA' | 'leadB' | 'areaB', string>;
  let teamA: string;
  let teamB: string;
  let rep: string;
  let mover: string;

  const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
    const r = await s.gql(query, variables, token);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  const user = async (username: string, personId: string, roles: string[]) => {
    await ok('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username, password: 'correct-horse-battery', roles, personId } }, t.admin);
    return s.login(username, 'correct-horse-battery');
  };
  const transfer = async (personId: string) => {
    const { person } = await ok('query($id: ID!) { person(id: $id) { version } }', { id: personId }, t.admin);
    await ok(TRANSFER, { id: personId, v: person.version, u: teamB }, t.admin);
  };

  beforeAll(async () => {
    s = await startTestServer(provider);
    server = http.createServer(s.app.handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
    mover = (await p.person.findFirstOrThrow({ where: { id: { notIn: [rep, a.managerId!] }, position: 'SALES_REP', status: 'ACTIVE', leaveDate: null, assignments: { some: { unitId: teamA, validTo: null } } } })).id;
    t.mover = await user('mover', mover, ['REP']);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await s.close();
  });

  let before: { id: string; revision: number };
  let after: { id: string; revision: number };
  let handedIn: { id: string; revision: number };

  it('hands a slip for a visit after the transfer to the new unit’s managers; one for a visit before it stays with the old', async () => {
    after = (await ok(REQUEST, { i: slipInput('2026-12-09') }, t.rep)).requestVisitSlip;
    before = (await ok(REQUEST, { i: slipInput('2026-12-02') }, t.rep)).requestVisitSlip;
    expect(after).toMatchObject({ unitId: teamA, canDecide: false });
    // The rep hands in their December plan before the transfer (filed under the old team then).
    const saved = (await ok(SAVE, { m: MONTH, i: planInput }, t.rep)).saveRepPlan;
    handedIn = (await ok(SUBMIT, { id: saved.id, r: saved.revision }, t.rep)).submitRepPlan;
    expect(handedIn).toMatchObject({ unitId: teamA, status: 'SUBMITTED' });
    await transfer(rep);

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

  it('lists a December plan, handed in before or after the transfer, only for the managers over the rep’s unit for the month, who open and decide it', async () => {
    // A second rep moves first and hands in their plan afterwards (filed under the new team).
    await transfer(mover);
    const saved = (await ok(SAVE, { m: MONTH, i: planInput }, t.mover)).saveRepPlan;
    const late = (await ok(SUBMIT, { id: saved.id, r: saved.revision }, t.mover)).submitRepPlan;
    expect(late.unitId).toBe(teamB);

    for (const plan of [handedIn, late]) {
      const personId = plan === late ? mover : rep;
      // The old team's lead and area manager: not on their roster, not theirs to open or decide.
      for (const who of [t.leadA, t.manager]) {
        const rows = (await ok(ROSTER, { m: MONTH }, who)).repPlanRoster as { personId: string; planId: string | null }[];
        expect(rows.filter((r) => r.personId === personId || r.planId === plan.id)).toEqual([]);
        expect(reason(await s.gql(ONE_PLAN, { id: plan.id }, who))).toBe('REP_PLAN_NOT_FOUND');
      }
      // The new team's: on their roster, opened, decided.
      for (const who of [t.leadB, t.areaB]) {
        const rows = (await ok(ROSTER, { m: MONTH }, who)).repPlanRoster as { personId: string; planId: string | null }[];
        expect(rows.find((r) => r.personId === personId)).toMatchObject({ planId: plan.id, status: 'SUBMITTED', canDecide: true });
        expect((await ok(ONE_PLAN, { id: plan.id }, who)).repPlan).toMatchObject({ unitId: teamB, canDecide: true });
      }
      expect((await ok(ROSTER, { m: MONTH, u: teamB }, t.areaB)).repPlanRoster.map((r: { personId: string }) => r.personId)).toContain(personId);
      // Nor does the old lead hand out the month's template (which carries the plan); the new one does.
      const template = (token: string) => fetch(`${base}/plan-template.xlsx?month=${MONTH}&personId=${personId}`, { headers: { authorization: `Bearer ${token}` } });
      expect((await template(t.leadA)).status).toBe(404);
      expect((await template(t.leadB)).status).toBe(200);
      expect(reason(await s.refused(ACCEPT, { id: plan.id, r: plan.revision }, t.leadA))).toBe('REP_PLAN_NOT_FOUND');
      expect((await ok(ACCEPT, { id: plan.id, r: plan.revision }, t.leadB)).acceptRepPlan).toMatchObject({ status: 'ACCEPTED' });
    }
    // November is still the old team's: the rep is listed there, not on the new team's roster.
    expect((await ok(ROSTER, { m: '2026-11' }, t.leadA)).repPlanRoster.map((r: { personId: string }) => r.personId)).toContain(rep);
    expect((await ok(ROSTER, { m: '2026-11' }, t.leadB)).repPlanRoster.map((r: { personId: string }) => r.personId)).not.toContain(rep);
  });
});
