/**
 * Issue 7 §5 and §6: nobody changes what decides their own pay; base salary
 * is written by finance or admins only; mentors and relation names stay
 * within what the reader may see; access ends with the job; admins manage
 * users through the API. Each refusal is shown with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { addDays, today } from '../../schema/dates.ts';

const PERSON = 'id name rank position baseSalary mentorId mentorName leaveDate status version';
const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { ${PERSON} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdatePersonInput!) { updatePerson(id: $id, version: $version, input: $input) { ${PERSON} } }`;
const TRANSFER = `mutation($id: ID!, $version: Int!, $unitId: ID!, $effectiveDate: Date!, $position: Position) { transferPerson(id: $id, version: $version, unitId: $unitId, effectiveDate: $effectiveDate, position: $position) { id } }`;
const DEACTIVATE = `mutation($id: ID!, $version: Int!, $leaveDate: Date!) { deactivatePerson(id: $id, version: $version, leaveDate: $leaveDate) { ${PERSON} } }`;
const PERSON_Q = `query($id: ID!) { person(id: $id) { ${PERSON} } }`;
const ASSIGN_PLAN = `mutation($code: String!, $personId: ID, $rank: Rank, $position: Position) { assignCompensationPlan(planCode: $code, personId: $personId, rank: $rank, position: $position, effectiveFrom: "2026-01-01") }`;
const USER = 'id username roles personId personName disabled accessEndsAfter canSignIn';
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { ${USER} } }`;
const ASSIGN_ROLE = `mutation($userId: ID!, $role: Role!) { assignRole(userId: $userId, role: $role) { ${USER} } }`;
const REMOVE_ROLE = `mutation($userId: ID!, $role: Role!) { removeRole(userId: $userId, role: $role) { ${USER} } }`;
const DISABLE = `mutation($userId: ID!) { disableUser(userId: $userId) { ${USER} } }`;
const ENABLE = `mutation($userId: ID!) { enableUser(userId: $userId) { ${USER} } }`;
const RESET = `mutation($userId: ID!, $password: String!) { resetPassword(userId: $userId, password: $password) { ${USER} } }`;
const VIEWER = '{ viewer { username roles person { id } } }';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

const reason = (r: GqlResult) => (r.errors?.[0]?.extensions as any)?.reason;
const field = (r: GqlResult) => r.errors?.[0]?.extensions?.field;

describe.each(testProviders)('access on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager' | 'rep' | 'director', string>;
  let managerPerson: { id: string; version: number };
  let financePerson: string;
  let managerTeam: string;
  let outsideTeam: string;
  let subordinate: string;
  let outsider: string;
  let seq = 0;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'rep', 'director'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const mgrUser = await p.user.findUniqueOrThrow({ where: { username: 'manager' }, include: { person: true } });
    managerPerson = { id: mgrUser.personId!, version: mgrUser.person!.version };
    financePerson = (await p.user.findUniqueOrThrow({ where: { username: 'finance' } })).personId!;
    const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgrUser.personId } });
    const mine = await p.orgUnit.findMany({ where: { path: { startsWith: area.path }, kind: 'TEAM' }, orderBy: { code: 'asc' } });
    managerTeam = mine[0]!.id;
    outsideTeam = (await p.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM', NOT: { path: { startsWith: area.path } } } })).id;
    subordinate = (await p.person.findFirstOrThrow({ where: { assignments: { some: { unitId: managerTeam, validTo: null } }, position: 'SALES_REP' } })).id;
    outsider = (await p.person.findFirstOrThrow({ where: { assignments: { some: { unitId: outsideTeam, validTo: null } } } })).id;
  });
  afterAll(() => s.close());

  const version = async (id: string) => (await s.db.prisma.person.findUniqueOrThrow({ where: { id } })).version;
  const hire = async (over: Record<string, unknown> = {}) => {
    const r = await s.gql(CREATE, { input: { employeeNo: `AX${provider[0]}${++seq}`, name: '周明', position: 'SALES_REP', rank: 'SR', hireDate: '2025-01-06', baseSalary: '4000.00', unitId: managerTeam, ...over } }, t.admin);
    expect(r.errors).toBeUndefined();
    return r.data.createPerson as { id: string; version: number };
  };

  describe('§5 nobody changes what decides their own pay', () => {
    it.each([
      ['base salary', { baseSalary: '99999.00' }, 'input.baseSalary'],
      ['rank', { rank: 'TE' }, 'input.rank'],
      ['position', { position: 'SALES_DIRECTOR' }, 'input.position'],
    ])('a manager cannot change their own %s', async (_label, input, f) => {
      const r = await s.refused(UPDATE, { id: managerPerson.id, version: await version(managerPerson.id), input }, t.manager);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(reason(r)).toBe('OWN_PAY');
      expect(field(r)).toBe(f);
    });

    it('a manager may still correct their own name and phone', async () => {
      const r = await s.gql(UPDATE, { id: managerPerson.id, version: await version(managerPerson.id), input: { phone: '13800000000' } }, t.manager);
      expect(r.errors).toBeUndefined();
    });

    it('finance cannot change their own base salary either', async () => {
      const r = await s.refused(UPDATE, { id: financePerson, version: await version(financePerson), input: { baseSalary: '1.00' } }, t.finance);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(reason(r)).toBe('OWN_PAY');
    });

    it('a manager cannot change their own position by a transfer, nor record their own leaving', async () => {
      const v = await version(managerPerson.id);
      const moved = await s.refused(TRANSFER, { id: managerPerson.id, version: v, unitId: managerTeam, effectiveDate: '2026-06-01', position: 'SALES_DIRECTOR' }, t.manager);
      expect(reason(moved)).toBe('OWN_PAY');
      const left = await s.refused(DEACTIVATE, { id: managerPerson.id, version: v, leaveDate: '2026-06-30' }, t.manager);
      expect(reason(left)).toBe('OWN_PAY');
    });

    it('a manager cannot apply their own promotion', async () => {
      const r = await s.refused(
        'mutation($id: ID!, $v: Int!) { decidePromotion(personId: $id, version: $v, month: "2026-03", toRank: TE, apply: true) }',
        { id: managerPerson.id, v: await version(managerPerson.id) },
        t.manager,
      );
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(reason(r)).toBe('OWN_PAY');
    });

    it('base salary is written by finance or an admin only: a manager cannot write what they cannot read', async () => {
      const mgrView = await s.gql(PERSON_Q, { id: subordinate }, t.manager);
      expect(mgrView.data.person.baseSalary).toBeNull();
      const r = await s.refused(UPDATE, { id: subordinate, version: await version(subordinate), input: { baseSalary: '9000.00' } }, t.manager);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(reason(r)).toBe('FIELD_NOT_WRITABLE');
      expect(field(r)).toBe('input.baseSalary');
      const hired = await s.refused(CREATE, { input: { employeeNo: 'AX-MGR-SAL', name: '王芳', position: 'SALES_REP', hireDate: '2026-03-02', baseSalary: '3000.00', unitId: managerTeam } }, t.manager);
      expect(reason(hired)).toBe('FIELD_NOT_WRITABLE');
    });

    it('finance sets the base salary to the fen, and nothing else', async () => {
      const p = await hire();
      const ok = await s.gql(UPDATE, { id: p.id, version: p.version, input: { baseSalary: '4321.07' } }, t.finance);
      expect(ok.errors).toBeUndefined();
      expect(ok.data.updatePerson).toMatchObject({ baseSalary: '4321.07', version: p.version + 1 });
      expect((await s.db.prisma.person.findUniqueOrThrow({ where: { id: p.id } })).baseSalaryFen).toBe(432107n);
      const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: p.id, action: 'update' } });
      expect(JSON.parse(audit.after!).baseSalaryFen).toBe('432107');
      const name = await s.refused(UPDATE, { id: p.id, version: p.version + 1, input: { name: '改名' } }, t.finance);
      expect(reason(name)).toBe('FIELD_NOT_WRITABLE');
      expect(field(name)).toBe('input.name');
      const rank = await s.refused(UPDATE, { id: p.id, version: p.version + 1, input: { rank: 'SE' } }, t.finance);
      expect(field(rank)).toBe('input.rank');
    });

    it('a manager hires without a salary (0 until finance sets it)', async () => {
      const r = await s.gql(CREATE, { input: { employeeNo: 'AX-MGR-HIRE', name: '王芳', position: 'SALES_REP', hireDate: '2026-03-02', unitId: managerTeam } }, t.manager);
      expect(r.errors).toBeUndefined();
      expect(r.data.createPerson.baseSalary).toBeNull();
      expect((await s.gql(PERSON_Q, { id: r.data.createPerson.id }, t.finance)).data.person.baseSalary).toBe('0.00');
    });

    it('compensation plans are assigned by finance or admins, never to themselves or their own rank or position', async () => {
      const code = (await s.gql('{ compensationPlans { code } }', {}, t.finance)).data.compensationPlans[0].code;
      const self = await s.refused(ASSIGN_PLAN, { code, personId: financePerson }, t.finance);
      expect(codeOf(self)).toBe('FORBIDDEN');
      expect(reason(self)).toBe('OWN_PAY');
      expect(field(self)).toBe('personId');
      const position = await s.refused(ASSIGN_PLAN, { code, position: 'FINANCE' }, t.finance);
      expect(reason(position)).toBe('OWN_PAY');
      expect(field(position)).toBe('position');
      expect(codeOf(await s.refused(ASSIGN_PLAN, { code, personId: subordinate }, t.manager))).toBe('FORBIDDEN');
      // Someone else's: allowed, and audited.
      const before = await s.db.prisma.compensationAssignment.count({ where: { personId: subordinate } });
      const ok = await s.gql(ASSIGN_PLAN, { code, personId: subordinate }, t.finance);
      expect(ok.errors).toBeUndefined();
      expect(await s.db.prisma.compensationAssignment.count({ where: { personId: subordinate } })).toBe(before + 1);
    });

    it('a mentor must be someone the editor may see, and never the editor', async () => {
      const p = await hire();
      const outside = await s.refused(UPDATE, { id: p.id, version: p.version, input: { mentorId: outsider } }, t.manager);
      expect(codeOf(outside)).toBe('BAD_USER_INPUT');
      expect(field(outside)).toBe('input.mentorId');
      // The same answer as for nobody at all: the outsider's existence is not revealed.
      const nobody = await s.refused(UPDATE, { id: p.id, version: p.version, input: { mentorId: 'no-such-person' } }, t.manager);
      expect(nobody.errors![0]!.message.replace('no-such-person', outsider)).toBe(outside.errors![0]!.message);
      const hiredWithOutsider = await s.refused(CREATE, { input: { employeeNo: 'AX-MENTOR', name: '王芳', position: 'SALES_REP', hireDate: '2026-03-02', unitId: managerTeam, mentorId: outsider } }, t.manager);
      expect(field(hiredWithOutsider)).toBe('input.mentorId');
      const self = await s.refused(UPDATE, { id: p.id, version: p.version, input: { mentorId: managerPerson.id } }, t.manager);
      expect(codeOf(self)).toBe('FORBIDDEN');
      expect(reason(self)).toBe('OWN_PAY');
      const ok = await s.gql(UPDATE, { id: p.id, version: p.version, input: { mentorId: subordinate } }, t.manager);
      expect(ok.errors).toBeUndefined();
      expect(ok.data.updatePerson.mentorId).toBe(subordinate);
      // An admin may name the manager as mentor; the manager then cannot take it away.
      const byAdmin = await s.gql(UPDATE, { id: p.id, version: ok.data.updatePerson.version, input: { mentorId: managerPerson.id } }, t.admin);
      expect(byAdmin.errors).toBeUndefined();
      // Sending the unchanged mentor back with another edit is no change of mentor.
      const same = await s.gql(UPDATE, { id: p.id, version: byAdmin.data.updatePerson.version, input: { name: '周明明', mentorId: managerPerson.id } }, t.manager);
      expect(same.errors).toBeUndefined();
      const drop = await s.refused(UPDATE, { id: p.id, version: same.data.updatePerson.version, input: { mentorId: null } }, t.manager);
      expect(reason(drop)).toBe('OWN_PAY');
    });

    it('the mentor name of someone the reader may not see is not readable', async () => {
      const p = await hire();
      const outsiderName = (await s.db.prisma.person.findUniqueOrThrow({ where: { id: outsider } })).name;
      expect((await s.gql(UPDATE, { id: p.id, version: p.version, input: { mentorId: outsider } }, t.admin)).errors).toBeUndefined();
      expect((await s.gql(PERSON_Q, { id: p.id }, t.admin)).data.person.mentorName).toBe(outsiderName);
      expect((await s.gql(PERSON_Q, { id: p.id }, t.director)).data.person.mentorName).toBe(outsiderName);
      const mgr = await s.gql(PERSON_Q, { id: p.id }, t.manager);
      expect(mgr.data.person.name).toBe('周明');
      expect(mgr.data.person.mentorName).toBeNull();
      const roster = await s.gql('query($f: Int) { roster(first: $f) { edges { node { id mentorName } } } }', { f: 1000 }, t.manager);
      expect(roster.errors).toBeUndefined();
      expect(roster.data.roster.edges.find((e: any) => e.node.id === p.id).node.mentorName).toBeNull();
      expect(JSON.stringify(roster.data)).not.toContain(outsiderName);
      // Nor through the answer to a change the manager may make.
      const edit = await s.gql(UPDATE, { id: p.id, version: await version(p.id), input: { phone: '13800000000' } }, t.manager);
      expect(edit.errors).toBeUndefined();
      expect(edit.data.updatePerson.mentorName).toBeNull();
      // A mentor inside the subtree still shows.
      const subName = (await s.db.prisma.person.findUniqueOrThrow({ where: { id: subordinate } })).name;
      const v = await version(p.id);
      expect((await s.gql(UPDATE, { id: p.id, version: v, input: { mentorId: subordinate } }, t.admin)).errors).toBeUndefined();
      expect((await s.gql(PERSON_Q, { id: p.id }, t.manager)).data.person.mentorName).toBe(subName);
    });

    it('a mentor who left from inside the subtree still shows by name; one who moved out of it does not', async () => {
      const mentor = await hire({ name: '林老师' });
      const trainee = await hire({ name: '林学员' });
      expect((await s.gql(UPDATE, { id: trainee.id, version: trainee.version, input: { mentorId: mentor.id } }, t.admin)).errors).toBeUndefined();
      const left = await s.gql(DEACTIVATE, { id: mentor.id, version: await version(mentor.id), leaveDate: addDays(today(), -3) }, t.admin);
      expect(left.errors).toBeUndefined();
      expect((await s.gql(PERSON_Q, { id: trainee.id }, t.manager)).data.person.mentorName).toBe('林老师');
      const roster = await s.gql('query($f: Int) { roster(first: $f) { edges { node { id mentorName } } } }', { f: 1000 }, t.manager);
      expect(roster.data.roster.edges.find((e: any) => e.node.id === trainee.id).node.mentorName).toBe('林老师');
      // A mentor transferred to a team outside the manager's subtree is someone else's now.
      const moved = await hire({ name: '林调出' });
      const trainee2 = await hire({ name: '林学员二' });
      expect((await s.gql(UPDATE, { id: trainee2.id, version: trainee2.version, input: { mentorId: moved.id } }, t.admin)).errors).toBeUndefined();
      const tr = await s.gql(TRANSFER, { id: moved.id, version: await version(moved.id), unitId: outsideTeam, effectiveDate: addDays(today(), -3) }, t.admin);
      expect(tr.errors).toBeUndefined();
      expect((await s.gql(PERSON_Q, { id: trainee2.id }, t.manager)).data.person.mentorName).toBeNull();
    });

    it("a unit's manager name is not readable when that manager is outside the reader's scope", async () => {
      const team = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: managerTeam }, include: { manager: true } });
      const outsiderName = (await s.db.prisma.person.findUniqueOrThrow({ where: { id: outsider } })).name;
      await s.db.prisma.orgUnit.update({ where: { id: managerTeam }, data: { managerId: outsider } });
      try {
        const tree = '{ orgTree { id managerName } }';
        const mgr = await s.gql(tree, {}, t.manager);
        expect(mgr.data.orgTree.find((u: any) => u.id === managerTeam).managerName).toBeNull();
        expect(JSON.stringify(mgr.data)).not.toContain(outsiderName);
        expect((await s.gql(tree, {}, t.admin)).data.orgTree.find((u: any) => u.id === managerTeam).managerName).toBe(outsiderName);
      } finally {
        await s.db.prisma.orgUnit.update({ where: { id: managerTeam }, data: { managerId: team.managerId } });
      }
      // The manager's own area shows their own name; the team shows its lead again.
      const again = await s.gql('{ orgTree { id managerName } }', {}, t.manager);
      expect(again.data.orgTree.find((u: any) => u.id === managerTeam).managerName).toBe(team.manager?.name ?? null);
    });
  });

  describe('§6 access ends with the job', () => {
    /** A person in the manager's team with their own user, signed in. */
    async function employee(username: string) {
      const p = await hire();
      const u = await s.gql(CREATE_USER, { input: { username, password: 'correct-horse-battery', roles: ['REP'], personId: p.id } }, t.admin);
      expect(u.errors).toBeUndefined();
      const token = await s.login(username, 'correct-horse-battery');
      return { person: p, user: u.data.createUser, token };
    }

    it('a leave date already past disables the user at once: tokens revoked, sign-in refused, enabling refused', async () => {
      const e = await employee(`leaver-${provider}`);
      expect((await s.gql(VIEWER, {}, e.token)).data.viewer.username).toBe(`leaver-${provider}`);
      const yesterday = addDays(today(), -1);
      const r = await s.gql(DEACTIVATE, { id: e.person.id, version: e.person.version, leaveDate: yesterday }, t.manager);
      expect(r.errors).toBeUndefined();
      const user = await s.db.prisma.user.findUniqueOrThrow({ where: { id: e.user.id }, include: { sessions: true } });
      expect(user.disabled).toBe(true);
      expect(user.sessions.every((x) => x.revokedAt)).toBe(true);
      const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'User', entityId: e.user.id, action: 'disable' } });
      expect(audit.actorName).toBe('manager');
      expect(audit.before).not.toContain('passwordHash');
      const old = await s.gql(VIEWER, {}, e.token);
      expect(codeOf(old)).toBe('UNAUTHENTICATED');
      expect(old.errors![0]!.message).toBe('Your access ended with your leave date');
      const login = await s.gql(LOGIN, { u: `leaver-${provider}`, p: 'correct-horse-battery' });
      expect(codeOf(login)).toBe('UNAUTHENTICATED');
      expect(login.errors![0]!.message).toBe('Wrong username or password');
      const enable = await s.refused(ENABLE, { userId: e.user.id }, t.admin);
      expect(codeOf(enable)).toBe('BAD_USER_INPUT');
      expect(reason(enable)).toBe('PERSON_LEFT');
      const users = (await s.gql(`{ users { ${USER} } }`, {}, t.admin)).data.users;
      expect(users.find((u: any) => u.id === e.user.id)).toMatchObject({ disabled: true, canSignIn: false, accessEndsAfter: yesterday });
    });

    it('a leave date today or later keeps the user until that day is over, then refuses every request', async () => {
      const e = await employee(`future-${provider}`);
      const last = today();
      const r = await s.gql(DEACTIVATE, { id: e.person.id, version: e.person.version, leaveDate: last }, t.admin);
      expect(r.errors).toBeUndefined();
      expect((await s.db.prisma.user.findUniqueOrThrow({ where: { id: e.user.id } })).disabled).toBe(false);
      // Still their last day: the token works, and they can sign in.
      expect((await s.gql(VIEWER, {}, e.token)).data.viewer.username).toBe(`future-${provider}`);
      const again = await s.login(`future-${provider}`, 'correct-horse-battery');
      // Nothing is asked for days after leaving.
      const past = await s.refused('mutation($from: Date!, $to: Date!) { requestLeave(kind: PERSONAL_LEAVE, from: $from, to: $to, reason: "x") { id } }', { from: last, to: addDays(last, 1) }, e.token);
      expect(codeOf(past)).toBe('BAD_USER_INPUT');
      expect(reason(past)).toBe('AFTER_LEAVING');
      expect(field(past)).toBe('to');
      // The day passes (midnight in China Standard Time): no request, mutation or sign-in is accepted.
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(new Date(`${addDays(last, 1)}T00:00:00+08:00`));
        for (const token of [e.token, again]) {
          const q = await s.gql(VIEWER, {}, token);
          expect(codeOf(q)).toBe('UNAUTHENTICATED');
          expect(q.errors![0]!.message).toBe('Your access ended with your leave date');
          const m = await s.refused('mutation { requestLeave(kind: PERSONAL_LEAVE, from: "2030-01-07", to: "2030-01-07", reason: "x") { id } }', {}, token);
          expect(codeOf(m)).toBe('UNAUTHENTICATED');
        }
        expect(codeOf(await s.gql(LOGIN, { u: `future-${provider}`, p: 'correct-horse-battery' }))).toBe('UNAUTHENTICATED');
      } finally {
        vi.useRealTimers();
      }
    });
  });

  describe('§6 admins manage users', () => {
    let adminUserId: string;
    beforeAll(async () => {
      adminUserId = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } })).id;
    });

    it('creates a user for a person, who signs in with the given roles; audited without the password', async () => {
      const p = await hire();
      const r = await s.gql(CREATE_USER, { input: { username: `new-${provider}`, password: 'a-long-password-1', roles: ['REP', 'MANAGER'], personId: p.id } }, t.admin);
      expect(r.errors).toBeUndefined();
      expect(r.data.createUser).toMatchObject({ username: `new-${provider}`, roles: ['MANAGER', 'REP'], personId: p.id, personName: '周明', disabled: false, canSignIn: true });
      const token = await s.login(`new-${provider}`, 'a-long-password-1');
      expect((await s.gql(VIEWER, {}, token)).data.viewer).toMatchObject({ roles: ['MANAGER', 'REP'], person: { id: p.id } });
      const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'User', entityId: r.data.createUser.id, action: 'create' } });
      expect(audit.actorName).toBe('admin');
      expect(JSON.parse(audit.after!)).toEqual({ username: `new-${provider}`, personId: p.id, disabled: false, roles: ['MANAGER', 'REP'] });
      const trail = await s.gql('query($id: ID!) { auditTrail(entityType: "User", entityId: $id) { action } }', { id: r.data.createUser.id }, t.admin);
      expect(trail.data.auditTrail.map((e: any) => e.action)).toEqual(['create']);
      // One user per person; usernames unique; passwords long enough.
      const twice = await s.refused(CREATE_USER, { input: { username: `other-${provider}`, password: 'a-long-password-1', roles: ['REP'], personId: p.id } }, t.admin);
      expect(field(twice)).toBe('input.personId');
      const taken = await s.refused(CREATE_USER, { input: { username: 'rep', password: 'a-long-password-1', roles: ['REP'] } }, t.admin);
      expect(field(taken)).toBe('input.username');
      const short = await s.refused(CREATE_USER, { input: { username: `short-${provider}`, password: 'short', roles: ['REP'] } }, t.admin);
      expect(codeOf(short)).toBe('BAD_USER_INPUT');
      expect(field(short)).toBe('input.password');
      expect(codeOf(await s.refused(CREATE_USER, { input: { username: `x-${provider}`, password: 'a-long-password-1', roles: ['REP'] } }, t.manager))).toBe('FORBIDDEN');
    });

    it('assigns and removes roles, effective on the next request, never its own', async () => {
      const u = (await s.gql(CREATE_USER, { input: { username: `roles-${provider}`, password: 'a-long-password-1', roles: ['REP'] } }, t.admin)).data.createUser;
      const token = await s.login(`roles-${provider}`, 'a-long-password-1');
      const add = await s.gql(ASSIGN_ROLE, { userId: u.id, role: 'FINANCE' }, t.admin);
      expect(add.data.assignRole.roles).toEqual(['FINANCE', 'REP']);
      expect((await s.gql(VIEWER, {}, token)).data.viewer.roles).toEqual(['FINANCE', 'REP']);
      expect(codeOf(await s.refused(ASSIGN_ROLE, { userId: u.id, role: 'FINANCE' }, t.admin))).toBe('BAD_USER_INPUT');
      const rm = await s.gql(REMOVE_ROLE, { userId: u.id, role: 'REP' }, t.admin);
      expect(rm.data.removeRole.roles).toEqual(['FINANCE']);
      expect((await s.gql(VIEWER, {}, token)).data.viewer.roles).toEqual(['FINANCE']);
      expect(codeOf(await s.refused(REMOVE_ROLE, { userId: u.id, role: 'REP' }, t.admin))).toBe('BAD_USER_INPUT');
      const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'User', entityId: u.id }, orderBy: { at: 'asc' } });
      expect(audit.map((e) => e.action)).toEqual(['create', 'assignRole', 'removeRole']);
      expect(JSON.parse(audit[1]!.before!).roles).toEqual(['REP']);
      expect(JSON.parse(audit[1]!.after!).roles).toEqual(['FINANCE', 'REP']);
      for (const [q, role] of [[ASSIGN_ROLE, 'DIRECTOR'], [REMOVE_ROLE, 'ADMIN']] as const) {
        const own = await s.refused(q, { userId: adminUserId, role }, t.admin);
        expect(codeOf(own)).toBe('FORBIDDEN');
        expect(reason(own)).toBe('OWN_ROLES');
      }
      expect(codeOf(await s.refused(ASSIGN_ROLE, { userId: 'no-user', role: 'REP' }, t.admin))).toBe('NOT_FOUND');
    });

    it('disables a user (tokens revoked, sign-in refused) and enables them again; never itself', async () => {
      const u = (await s.gql(CREATE_USER, { input: { username: `off-${provider}`, password: 'a-long-password-1', roles: ['REP'] } }, t.admin)).data.createUser;
      const token = await s.login(`off-${provider}`, 'a-long-password-1');
      const off = await s.gql(DISABLE, { userId: u.id }, t.admin);
      expect(off.data.disableUser).toMatchObject({ disabled: true, canSignIn: false });
      expect(codeOf(await s.gql(VIEWER, {}, token))).toBe('UNAUTHENTICATED');
      expect(codeOf(await s.gql(LOGIN, { u: `off-${provider}`, p: 'a-long-password-1' }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await s.refused(DISABLE, { userId: u.id }, t.admin))).toBe('BAD_USER_INPUT');
      const on = await s.gql(ENABLE, { userId: u.id }, t.admin);
      expect(on.data.enableUser).toMatchObject({ disabled: false, canSignIn: true });
      // The old token stays revoked; a new sign-in works.
      expect(codeOf(await s.gql(VIEWER, {}, token))).toBe('UNAUTHENTICATED');
      expect(await s.login(`off-${provider}`, 'a-long-password-1')).toBeTruthy();
      const self = await s.refused(DISABLE, { userId: adminUserId }, t.admin);
      expect(reason(self)).toBe('OWN_USER');
      const actions = (await s.db.prisma.auditEvent.findMany({ where: { entityType: 'User', entityId: u.id }, orderBy: { at: 'asc' } })).map((e) => e.action);
      expect(actions).toEqual(['create', 'disable', 'enable']);
    });

    it('resets a password: old tokens and the old password stop working, the new one works', async () => {
      const u = (await s.gql(CREATE_USER, { input: { username: `reset-${provider}`, password: 'a-long-password-1', roles: ['REP'] } }, t.admin)).data.createUser;
      const token = await s.login(`reset-${provider}`, 'a-long-password-1');
      const hashBefore = (await s.db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash;
      const r = await s.gql(RESET, { userId: u.id, password: 'another-long-password' }, t.admin);
      expect(r.errors).toBeUndefined();
      expect(codeOf(await s.gql(VIEWER, {}, token))).toBe('UNAUTHENTICATED');
      expect(codeOf(await s.gql(LOGIN, { u: `reset-${provider}`, p: 'a-long-password-1' }))).toBe('UNAUTHENTICATED');
      expect(await s.login(`reset-${provider}`, 'another-long-password')).toBeTruthy();
      const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'User', entityId: u.id, action: 'resetPassword' } });
      expect(`${audit.before}${audit.after}`).not.toContain(hashBefore);
      expect(`${audit.before}${audit.after}`).not.toContain('another-long-password');
      expect(codeOf(await s.refused(RESET, { userId: u.id, password: 'short' }, t.admin))).toBe('BAD_USER_INPUT');
      expect(reason(await s.refused(RESET, { userId: adminUserId, password: 'another-long-password' }, t.admin))).toBe('OWN_USER');
    });
  });
});
