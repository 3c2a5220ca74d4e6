/** The organisation tree: create, rename, move; paths follow; cycles refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const UNIT = 'id code name kind parentId path depth managerName version';
const CREATE = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { ${UNIT} } }`;
const MOVE = `mutation($id: ID!, $version: Int!, $parentId: ID!) { moveOrgUnit(id: $id, version: $version, parentId: $parentId) { ${UNIT} } }`;
const RENAME = `mutation($id: ID!, $version: Int!, $name: String!) { renameOrgUnit(id: $id, version: $version, name: $name) { ${UNIT} } }`;
const TREE = `{ orgTree { ${UNIT} } }`;
const ext = (r: GqlResult) => (r.errors?.[0]?.extensions ?? {}) as Record<string, unknown>;
const MANAGER = `mutation($id: ID!, $version: Int!, $m: ID) { setOrgUnitManager(id: $id, version: $version, managerId: $m) { ${UNIT} } }`;

describe.each(testProviders)('org units on %s', (provider) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer(provider);
    admin = await s.login('admin');
  });
  afterAll(() => s.close());

  const refused = (query: string, variables: Record<string, unknown>) => s.refused(query, variables, admin);

  it('lists the tree parents first, and each viewer sees their part', async () => {
    const all = (await s.gql(TREE, {}, admin)).data.orgTree;
    expect(all[0].kind).toBe('COMPANY');
    const seen = new Set<string>();
    for (const u of all) {
      if (u.parentId) expect(seen.has(u.parentId)).toBe(true);
      seen.add(u.id);
    }
    const mine = (await s.gql(TREE, {}, await s.login('manager'))).data.orgTree;
    expect(mine.length).toBeGreaterThan(1);
    expect(mine.length).toBeLessThan(all.length);
    expect(mine[0].kind).toBe('AREA');
    const rep = (await s.gql(TREE, {}, await s.login('rep'))).data.orgTree;
    expect(rep.map((u: any) => u.kind)).toEqual(['TEAM']);
  });

  it('creates a unit under a parent with the right path and an audit event', async () => {
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'AREA' } });
    const r = await s.gql(CREATE, { input: { code: 'T-NEW', name: '新组', kind: 'TEAM', parentId: area.id } }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.createOrgUnit.path).toBe(`${area.path}${r.data.createOrgUnit.id}/`);
    expect(r.data.createOrgUnit.depth).toBe(area.depth + 1);
    expect(await s.db.prisma.auditEvent.count({ where: { entityId: r.data.createOrgUnit.id, action: 'create' } })).toBe(1);
  });

  it('refuses duplicate codes, impossible levels and unknown parents', async () => {
    const team = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM' } });
    expect((await refused(CREATE, { input: { code: team.code, name: 'x', kind: 'TEAM', parentId: team.parentId } })).errors![0]!.extensions!.field).toBe('input.code');
    // In any case: "t0001" beside T0001 is the same code to a reader.
    const lower = await refused(CREATE, { input: { code: team.code.toLowerCase(), name: 'x', kind: 'TEAM', parentId: team.parentId } });
    expect(lower.errors![0]!.extensions).toMatchObject({ field: 'input.code', reason: 'UNIT_CODE_TAKEN', params: { code: team.code, name: team.name } });
    expect(codeOf(await refused(CREATE, { input: { code: 'X1', name: 'x', kind: 'REGION', parentId: team.id } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await refused(CREATE, { input: { code: 'X2', name: 'x', kind: 'TEAM', parentId: 'nope' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await refused(CREATE, { input: { code: 'X3', name: 'x', kind: 'TEAM' } }))).toBe('BAD_USER_INPUT');
  });

  it('moves a unit with its subtree; the manager above gains its people', async () => {
    const areas = await s.db.prisma.orgUnit.findMany({ where: { kind: 'AREA' }, orderBy: { code: 'asc' } });
    const [from, to] = [areas[0]!, areas[areas.length - 1]!];
    const team = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: from.id } });
    const r = await s.gql(MOVE, { id: team.id, version: team.version, parentId: to.id }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.moveOrgUnit.path).toBe(`${to.path}${team.id}/`);
    const people = await s.db.prisma.assignment.count({ where: { unitId: team.id, validTo: null } });
    expect(people).toBeGreaterThan(0);
    expect(await s.db.prisma.orgUnit.count({ where: { path: { startsWith: to.path }, id: team.id } })).toBe(1);
  });

  it('moves an area with its teams: every path and depth below follows', async () => {
    const regions = await s.db.prisma.orgUnit.findMany({ where: { kind: 'REGION' }, orderBy: { code: 'asc' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: regions[0]!.id } });
    const teamsBefore = await s.db.prisma.orgUnit.findMany({ where: { parentId: area.id } });
    expect(teamsBefore.length).toBeGreaterThan(0);
    const r = await s.gql(MOVE, { id: area.id, version: area.version, parentId: regions[1]!.id }, admin);
    expect(r.errors).toBeUndefined();
    const newAreaPath = `${regions[1]!.path}${area.id}/`;
    const teamsAfter = await s.db.prisma.orgUnit.findMany({ where: { parentId: area.id } });
    expect(teamsAfter.map((t) => [t.id, t.path, t.depth]).sort()).toEqual(teamsBefore.map((t) => [t.id, `${newAreaPath}${t.id}/`, t.depth]).sort());
    expect(teamsAfter.every((t) => t.updatedAt >= t.createdAt)).toBe(true);
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: area.id, action: 'move' } });
    expect(JSON.parse(audit.after!).subtreeMoved).toBe(teamsBefore.length);
  });

  it('refuses moving a unit under itself or its own descendant', async () => {
    const region = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'REGION' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: region.id } });
    const self = await refused(MOVE, { id: region.id, version: region.version, parentId: region.id });
    expect(codeOf(self)).toBe('BAD_USER_INPUT');
    const below = await refused(MOVE, { id: region.id, version: region.version, parentId: area.id });
    expect(codeOf(below)).toBe('BAD_USER_INPUT');
    expect(below.errors![0]!.message).toMatch(/inside its own subtree/);
  });

  it('renames with the current version; a stale one gets CONFLICT', async () => {
    const team = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM' } });
    expect((await s.gql(RENAME, { id: team.id, version: team.version, name: '精英组' }, admin)).data.renameOrgUnit.name).toBe('精英组');
    expect(codeOf(await refused(RENAME, { id: team.id, version: team.version, name: '又改' }))).toBe('CONFLICT');
    expect(codeOf(await refused(RENAME, { id: 'nope', version: 1, name: 'x' }))).toBe('NOT_FOUND');
  });

  it('keeps one tree: a second top unit is refused, naming the one there is, and nothing is made', async () => {
    const top = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: null } });
    const before = await s.db.prisma.orgUnit.count();
    const made = await refused(CREATE, { input: { code: 'TOP-2', name: '另一家公司', kind: 'COMPANY' } });
    expect(made.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ONE_TOP_UNIT', field: 'input.parentId', params: { name: top.name } });
    expect(await s.db.prisma.orgUnit.count()).toBe(before);
  });

  it('refuses a second unit of one name under a parent, made, renamed or moved there; the same name elsewhere is fine', async () => {
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'AREA', children: { some: {} } }, include: { children: { orderBy: { code: 'asc' } } } });
    const [first, second] = [area.children[0]!, area.children[1]];
    const before = await s.db.prisma.orgUnit.count();
    const made = await refused(CREATE, { input: { code: 'DUP-1', name: ` ${first.name} `, kind: 'TEAM', parentId: area.id } });
    expect(made.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNIT_NAME_TAKEN', field: 'input.name', params: { name: first.name, code: first.code, parent: area.name } });
    expect(await s.db.prisma.orgUnit.count()).toBe(before);
    if (second) {
      const renamed = await refused(RENAME, { id: second.id, version: second.version, name: first.name });
      expect(renamed.errors![0]!.extensions).toMatchObject({ reason: 'UNIT_NAME_TAKEN', params: { name: first.name } });
      expect((await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: second.id } })).name).toBe(second.name);
    }
    // Under another area, the name is free; moved back under this one, it clashes.
    const other = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'AREA', id: { not: area.id } } });
    const twin = (await s.gql(CREATE, { input: { code: 'DUP-2', name: first.name, kind: 'TEAM', parentId: other.id } }, admin)).data.createOrgUnit;
    expect(twin.name).toBe(first.name);
    const moved = await refused(MOVE, { id: twin.id, version: twin.version, parentId: area.id });
    expect(moved.errors![0]!.extensions).toMatchObject({ reason: 'UNIT_NAME_TAKEN', params: { name: first.name, parent: area.name } });
  });
  it('makes no unit managed by someone who has left: refused as setOrgUnitManager refuses them (MANAGER_HAS_LEFT), nothing made; someone on the roster is fine', async () => {
    const p = s.db.prisma;
    const leaver = await p.person.findFirstOrThrow({ where: { leaveDate: { lt: new Date() } } });
    const area = await p.orgUnit.findFirstOrThrow({ where: { kind: 'AREA' }, orderBy: { code: 'asc' } });
    const input = { code: 'T-LEAVER', name: '离职负责人组', kind: 'TEAM', parentId: area.id };
    const r = await refused(CREATE, { input: { ...input, managerId: leaver.id } });
    expect(ext(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.managerId', reason: 'MANAGER_HAS_LEFT', params: { name: leaver.name, leaveDate: leaver.leaveDate!.toISOString().slice(0, 10) } });
    expect(ext(await refused(CREATE, { input: { ...input, managerId: 'nobody' } }))).toMatchObject({ field: 'input.managerId', reason: 'NO_SUCH_PERSON' });
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const made = await s.gql(CREATE, { input: { ...input, managerId: mgr.personId } }, admin);
    expect(made.errors).toBeUndefined();
    expect(made.data.createOrgUnit.managerName).toEqual(expect.any(String));
  });
  it('changes a unit’s manager (audited): the new manager reads its people at once, the old one no longer; nobody who has left; a stale version is refused', async () => {
    const p = s.db.prisma;
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const others = await p.orgUnit.findMany({ where: { kind: 'AREA', id: { not: area.id } }, orderBy: { code: 'asc' } });
    const other = others.find((u) => !area.path.startsWith(u.path) && !u.path.startsWith(area.path))!;
    const team = await p.orgUnit.findFirstOrThrow({ where: { parentId: other.id } });
    const manager = await s.login('manager');
    const seen = async () => (await s.gql(TREE, {}, manager)).data.orgTree.map((u: any) => u.id);
    expect(await seen()).not.toContain(team.id);
    const r = await s.gql(MANAGER, { id: team.id, version: team.version, m: mgr.personId }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.setOrgUnitManager).toMatchObject({ version: team.version + 1, managerName: expect.any(String) });
    expect(await seen()).toContain(team.id);
    const audit = await p.auditEvent.findFirstOrThrow({ where: { entityType: 'OrgUnit', entityId: team.id, action: 'setManager' } });
    expect([JSON.parse(audit.before!).managerId, JSON.parse(audit.after!).managerId]).toEqual([team.managerId, mgr.personId]);
    // A stale version, a leaver, someone who does not exist: refused, nothing changed.
    expect(ext(await refused(MANAGER, { id: team.id, version: team.version, m: null }))).toMatchObject({ code: 'CONFLICT' });
    const leaver = await p.person.findFirstOrThrow({ where: { leaveDate: { lt: new Date() } } });
    expect(ext(await refused(MANAGER, { id: team.id, version: team.version + 1, m: leaver.id }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MANAGER_HAS_LEFT', params: { name: leaver.name, leaveDate: leaver.leaveDate!.toISOString().slice(0, 10) } });
    expect(ext(await refused(MANAGER, { id: team.id, version: team.version + 1, m: 'nobody' }))).toMatchObject({ reason: 'NO_SUCH_PERSON' });
    expect((await p.orgUnit.findUniqueOrThrow({ where: { id: team.id } })).managerId).toBe(mgr.personId);
    // Nobody for now: the manager no longer reads it.
    expect((await s.gql(MANAGER, { id: team.id, version: team.version + 1, m: null }, admin)).data.setOrgUnitManager.managerName).toBeNull();
    expect(await seen()).not.toContain(team.id);
    expect(codeOf(await s.refused(MANAGER, { id: team.id, version: team.version + 2, m: mgr.personId }, manager))).toBe('FORBIDDEN');
  });
});
