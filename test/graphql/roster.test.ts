/** The roster: row-level access as of a day, keyset pages, and flat rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { expectedRosterIds } from '../support/expected-scope.ts';
import { dayToDate } from '../../schema/dates.ts';

const ROSTER = `query($asOf: Date, $unitId: ID, $first: Int, $after: String) {
  roster(asOf: $asOf, unitId: $unitId, first: $first, after: $after) {
    edges { node { id employeeNo name unitPath unitCode position rank status baseSalary mentorName asOf } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe.each(testProviders)('roster on %s', (provider) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'director', 'gm', 'manager', 'rep']) tokens[u] = await s.login(u);
  });
  afterAll(() => s.close());

  async function allIds(user: string, vars: Record<string, unknown> = {}, first = 1000) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const r: GqlResult = await s.gql(ROSTER, { ...vars, first, after }, tokens[user]);
      expect(r.errors).toBeUndefined();
      ids.push(...r.data.roster.edges.map((e: any) => e.node.id));
      if (!r.data.roster.pageInfo.hasNextPage) return ids;
      after = r.data.roster.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  const day = '2026-11-01';

  it.each(['admin', 'finance', 'director', 'gm', 'manager', 'rep'])('%s sees exactly their part of the organisation', async (user) => {
    const ids = await allIds(user, { asOf: day });
    expect(ids.slice().sort()).toEqual(await expectedRosterIds(s.db, user, dayToDate(day)));
    expect(ids.length).toBeGreaterThan(0);
  });

  it('a manager sees their subtree only, and a rep only themself', async () => {
    const everyone = await allIds('admin', { asOf: day });
    const manager = await allIds('manager', { asOf: day });
    const rep = await allIds('rep', { asOf: day });
    expect(manager.length).toBeGreaterThan(5);
    expect(manager.length).toBeLessThan(everyone.length);
    expect(rep).toHaveLength(1);
    const viewer = await s.gql('{ viewer { person { id } } }', {}, tokens.rep);
    expect(rep[0]).toBe(viewer.data.viewer.person.id);
    expect(manager).toContain(rep[0]);
  });

  it('pages by keyset without gaps or repeats', async () => {
    const big = await allIds('admin', { asOf: day }, 1000);
    const small = await allIds('admin', { asOf: day }, 7);
    expect(small).toEqual(big);
    expect(new Set(small).size).toBe(small.length);
  });

  it('as of a day: a leaver is on the roster up to their last day, not after', async () => {
    const leaver = await s.db.prisma.person.findFirstOrThrow({ where: { status: 'LEFT' } });
    expect(leaver.leaveDate).not.toBeNull();
    const last = leaver.leaveDate!.toISOString().slice(0, 10);
    expect(await allIds('admin', { asOf: last })).toContain(leaver.id);
    expect(await allIds('admin', { asOf: '2026-07-01' })).not.toContain(leaver.id);
  });

  it('filters to a unit subtree, and a manager asking outside theirs gets nobody', async () => {
    const team = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM' }, orderBy: { code: 'desc' } });
    const ids = await allIds('admin', { asOf: day, unitId: team.id });
    expect(ids.sort()).toEqual(await expectedRosterIds(s.db, 'admin', dayToDate(day), team.id));
    const managerIds = await allIds('manager', { asOf: day });
    if (!ids.some((id) => managerIds.includes(id))) expect(await allIds('manager', { asOf: day, unitId: team.id })).toEqual([]);
  });

  it('names each person’s compensation plan as of the day (brief §1): their own assignment over their rank’s or position’s, from its day', async () => {
    const PLAN = 'query($id: ID!, $asOf: Date) { person(id: $id, asOf: $asOf) { compensationPlan { code name version } } }';
    const rep = (await s.gql('{ viewer { person { id } } }', {}, tokens.rep)).data.viewer.person.id;
    const plan = async (asOf: string, token = tokens.manager) => (await s.gql(PLAN, { id: rep, asOf }, token)).data.person.compensationPlan;
    const before = await plan('2026-06-01');
    expect(before).toMatchObject({ code: expect.any(String), name: expect.any(String), version: expect.any(Number) });
    const other = (await s.gql('{ compensationPlans { code name version } }', {}, tokens.finance)).data.compensationPlans.find((x: any) => x.code !== before.code);
    const r = await s.gql('mutation($c: String!, $p: ID!) { assignCompensationPlan(planCode: $c, personId: $p, effectiveFrom: "2026-05-01") }', { c: other.code, p: rep }, tokens.finance);
    expect(r.errors).toBeUndefined();
    expect(await plan('2026-06-01')).toEqual({ code: other.code, name: other.name, version: other.version });
    expect(await plan('2026-04-30')).toEqual(before);
    // The rep reads their own.
    expect((await plan('2026-06-01', tokens.rep)).code).toBe(other.code);
  });

  it('shows salary only to the person, finance, the payroll’s signers, directors and admins', async () => {
    const self = (await s.gql('{ viewer { person { id } } }', {}, tokens.manager)).data.viewer.person.id;
    const m = await s.gql(ROSTER, { asOf: day, first: 1000 }, tokens.manager);
    const others = m.data.roster.edges.filter((e: any) => e.node.id !== self);
    expect(others.length).toBeGreaterThan(5);
    expect(others.every((e: any) => e.node.baseSalary === null)).toBe(true);
    expect(m.data.roster.edges.find((e: any) => e.node.id === self).node.baseSalary).toMatch(/^\d+\.\d{2}$/);
    const f = await s.gql(ROSTER, { asOf: day, first: 5 }, tokens.finance);
    expect(f.data.roster.edges.every((e: any) => /^\d+\.\d{2}$/.test(e.node.baseSalary))).toBe(true);
    // The finance manager and the general manager sign the payroll that pays it.
    for (const signer of ['finmgr', 'gm']) {
      const g = await s.gql(ROSTER, { asOf: day, first: 5 }, await s.login(signer));
      expect(g.data.roster.edges.every((e: any) => /^\d+\.\d{2}$/.test(e.node.baseSalary)), signer).toBe(true);
    }
    const r = await s.gql(ROSTER, { asOf: day }, tokens.rep);
    expect(r.data.roster.edges[0].node.baseSalary).toMatch(/^\d+\.\d{2}$/);
  });

  it('gives flat rows with the unit path and mentor name', async () => {
    const r = await s.gql(ROSTER, { asOf: day }, tokens.rep);
    const node = r.data.roster.edges[0].node;
    expect(node.unitPath.split(' / ').length).toBe(5);
    expect(node.unitCode).toMatch(/^T\d{4}$/);
    expect(node.mentorName).toMatch(/\p{Script=Han}/u);
    expect(node.asOf).toBe(day);
  });

  it('rejects bad arguments clearly', async () => {
    const cursor = await s.gql(ROSTER, { after: 'garbage' }, tokens.admin);
    expect(codeOf(cursor)).toBe('BAD_USER_INPUT');
    expect(cursor.errors![0]!.message).toMatch(/not a roster cursor/);
    const tooMany = await s.gql(ROSTER, { first: 5000 }, tokens.admin);
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0]!.extensions!.field).toBe('first');
    const date = await s.gql(ROSTER, { asOf: '2026-02-30' }, tokens.admin);
    expect(codeOf(date)).toBe('BAD_USER_INPUT');
    const unit = await s.gql(ROSTER, { unitId: 'no-such-unit' }, tokens.admin);
    expect(codeOf(unit)).toBe('BAD_USER_INPUT');
  });

  it('person(id) respects the same scope', async () => {
    const outsider = (await allIds('admin', { asOf: day }))[0]!;
    const managerIds = await allIds('manager', { asOf: day });
    const notMine = (await allIds('admin', { asOf: day })).find((id) => !managerIds.includes(id))!;
    expect((await s.gql('query($id: ID!) { person(id: $id) { id } }', { id: notMine }, tokens.manager)).data.person).toBeNull();
    expect((await s.gql('query($id: ID!) { person(id: $id) { id } }', { id: outsider }, tokens.admin)).data.person.id).toBe(outsider);
  });

  it('shows unit names as they are now: a rename through the API, and one by another server (straight in the database), on the next page', async () => {
    const first = async () => (await s.gql(ROSTER, { asOf: day, first: 1000 }, tokens.admin)).data.roster.edges.map((e: any) => e.node) as { id: string; unitPath: string }[];
    const before = await first();
    const someone = before[0]!;
    const person = await s.db.prisma.person.findUniqueOrThrow({ where: { id: someone.id }, include: { assignments: { where: { validTo: null }, include: { unit: true } } } });
    const unit = person.assignments[0]!.unit;
    const renamed = await s.gql('mutation($id: ID!, $n: String!, $v: Int!) { renameOrgUnit(id: $id, name: $n, version: $v) { name } }', { id: unit.id, n: `${unit.name}（新）`, v: unit.version }, tokens.admin);
    expect(renamed.errors).toBeUndefined();
    const after = (await first()).find((r) => r.id === someone.id)!;
    expect(after.unitPath).toBe(someone.unitPath.replace(new RegExp(`${unit.name}$`), `${unit.name}（新）`));
    // Another server's change, the same moment as the last one: seen too (its version moved).
    const at = (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).updatedAt;
    await s.db.prisma.$executeRaw`UPDATE "OrgUnit" SET "name" = ${'改名组'}, "version" = "version" + 1, "updatedAt" = ${at} WHERE "id" = ${unit.id}`;
    expect((await first()).find((r) => r.id === someone.id)!.unitPath).toMatch(/ \/ 改名组$/);
    // Units come and go: a new one shows by its name (the count and the newest change moved).
    const parent = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: unit.id } });
    const team = await s.db.prisma.orgUnit.create({ data: { code: 'RT-NEW', name: '新建组', kind: parent.kind, parentId: parent.parentId, path: 'pending', depth: parent.depth } });
    await s.db.prisma.orgUnit.update({ where: { id: team.id }, data: { path: parent.path.replace(new RegExp(`${parent.id}/$`), `${team.id}/`) } });
    await s.db.prisma.assignment.updateMany({ where: { personId: someone.id, validTo: null }, data: { unitId: team.id } });
    expect((await first()).find((r) => r.id === someone.id)!.unitPath).toMatch(/ \/ 新建组$/);
    await s.db.prisma.assignment.updateMany({ where: { personId: someone.id, validTo: null }, data: { unitId: unit.id } });
    await s.db.prisma.orgUnit.delete({ where: { id: team.id } });
  });
});
