/** Changing people: hire, edit, transfer, leave; each audited, each bad input refused with nothing changed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { addDays, today } from '../../schema/dates.ts';

const PERSON = 'id employeeNo name unitId unitCode position rank status leaveDate baseSalary version';
const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { ${PERSON} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdatePersonInput!) { updatePerson(id: $id, version: $version, input: $input) { ${PERSON} } }`;
const TRANSFER = `mutation($id: ID!, $version: Int!, $unitId: ID!, $effectiveDate: Date!) { transferPerson(id: $id, version: $version, unitId: $unitId, effectiveDate: $effectiveDate) { ${PERSON} } }`;
const DEACTIVATE = `mutation($id: ID!, $version: Int!, $leaveDate: Date!) { deactivatePerson(id: $id, version: $version, leaveDate: $leaveDate) { ${PERSON} } }`;
const PERSON_ON = `query($id: ID!, $asOf: Date) { person(id: $id, asOf: $asOf) { ${PERSON} } }`;
const PERSON_ON_STATUS = `query($id: ID!, $asOf: Date) { person(id: $id, asOf: $asOf) { status } }`;
const ROSTER_STATUS = `query($asOf: Date, $unitId: ID) { roster(asOf: $asOf, unitId: $unitId, first: 1000) { edges { node { id status } } } }`;
/** A day counted from today (the server's clock is the machine's). */
const fromToday = (days: number) => addDays(today(), days);

describe.each(testProviders)('people on %s', (provider) => {
  let s: TestServer;
  let admin: string;
  let manager: string;
  let teams: { id: string; code: string }[];
  let managerTeam: string;
  let outsideTeam: string;
  beforeAll(async () => {
    s = await startTestServer(provider);
    admin = await s.login('admin');
    manager = await s.login('manager');
    teams = await s.db.prisma.orgUnit.findMany({ where: { kind: 'TEAM' }, orderBy: { code: 'asc' } });
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const mine = await s.db.prisma.orgUnit.findMany({ where: { path: { startsWith: area.path }, kind: 'TEAM' } });
    managerTeam = mine[0]!.id;
    outsideTeam = teams.find((t) => !mine.some((m) => m.id === t.id))!.id;
  });
  afterAll(() => s.close());

  const newPerson = (over: Record<string, unknown> = {}) => ({
    employeeNo: `NEW${Math.random().toString(36).slice(2, 8)}`,
    name: '林晓雨',
    position: 'SALES_REP',
    rank: 'SR',
    hireDate: '2026-03-02',
    baseSalary: '3500.00',
    unitId: managerTeam,
    ...over,
  });

  /** The person's row on the roster of their unit (the manager's team) on a day. */
  const onRoster = async (id: string, asOf: string) => (await s.gql(ROSTER_STATUS, { asOf, unitId: managerTeam }, admin)).data.roster.edges.find((e: any) => e.node.id === id)?.node;

  /** Runs a change that must fail, and shows the database did not move. */
  const refused = (query: string, variables: Record<string, unknown>, token: string) => s.refused(query, variables, token);

  it('hires a person, who is then on the roster from the hire date, with an audit event', async () => {
    const r = await s.gql(CREATE, { input: newPerson({ employeeNo: 'HIRE-1', phone: '=HYPERLINK("x")' }) }, admin);
    expect(r.errors).toBeUndefined();
    const p = r.data.createPerson;
    expect(p).toMatchObject({ employeeNo: 'HIRE-1', unitId: managerTeam, status: 'ACTIVE', baseSalary: '3500.00', version: 1 });
    expect((await s.gql(PERSON_ON, { id: p.id, asOf: '2026-03-01' }, admin)).data.person).toBeNull();
    expect((await s.gql(PERSON_ON, { id: p.id, asOf: '2026-03-02' }, admin)).data.person.unitId).toBe(managerTeam);
    const audit = await s.gql('query($id: ID!) { auditTrail(entityType: "Person", entityId: $id) { action actorName after } }', { id: p.id }, admin);
    expect(audit.data.auditTrail).toHaveLength(1);
    expect(audit.data.auditTrail[0]).toMatchObject({ action: 'create', actorName: 'admin' });
    expect(JSON.parse(audit.data.auditTrail[0].after).baseSalaryFen).toBe('350000');
  });

  it('lets a manager hire into their subtree but not outside it', async () => {
    // Managers cannot read base salaries, so they hire without one (finance sets it).
    const ok = await s.gql(CREATE, { input: newPerson({ baseSalary: undefined }) }, manager);
    expect(ok.errors).toBeUndefined();
    const r = await refused(CREATE, { input: newPerson({ unitId: outsideTeam, baseSalary: undefined }) }, manager);
    expect(codeOf(r)).toBe('FORBIDDEN');
  });

  it('refuses a duplicate employee number, naming the field', async () => {
    const taken = (await s.db.prisma.person.findFirstOrThrow()).employeeNo;
    const r = await refused(CREATE, { input: newPerson({ employeeNo: taken }) }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.field).toBe('input.employeeNo');
    expect(r.errors![0]!.message).toContain(taken);
    // In any case: "qb00017" beside QB00017 would be two people no import or sheet could tell apart.
    const before = await s.db.prisma.person.count();
    const lower = await refused(CREATE, { input: newPerson({ employeeNo: taken.toLowerCase() }) }, admin);
    expect(lower.errors![0]!.extensions).toMatchObject({ field: 'input.employeeNo', reason: 'EMPLOYEE_NO_TAKEN', params: { employeeNo: taken } });
    expect(await s.db.prisma.person.count()).toBe(before);
  });

  it('refuses hiring someone as having left: a leave date is recorded by deactivatePerson', async () => {
    const r = await refused(CREATE, { input: newPerson({ status: 'LEFT' }) }, admin);
    expect(r.errors![0]!.extensions).toMatchObject({ field: 'input.status', reason: 'USE_DEACTIVATE' });
  });

  it('a unit whose manager has left has no manager (a leave date still to come keeps them managing until then)', async () => {
    const p = (await s.gql(CREATE, { input: newPerson({ hireDate: '2025-01-06' }) }, admin)).data.createPerson;
    const unit = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: managerTeam } });
    await s.db.prisma.orgUnit.update({ where: { id: managerTeam }, data: { managerId: p.id } });
    const r = await s.gql(DEACTIVATE, { id: p.id, version: p.version, leaveDate: '2026-01-30' }, admin);
    expect(r.errors).toBeUndefined();
    expect((await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: managerTeam } })).managerId).toBeNull();
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'OrgUnit', entityId: managerTeam, action: 'setManager' }, orderBy: { at: 'desc' } });
    expect(JSON.parse(audit.after!)).toMatchObject({ managerId: null, because: 'managerLeft', leaveDate: '2026-01-30' });
    await s.db.prisma.orgUnit.update({ where: { id: managerTeam }, data: { managerId: unit.managerId } });
  });

  it.each([
    ['negative salary', { baseSalary: '-1.00' }, 'input.baseSalary'],
    ['salary with three decimals', { baseSalary: '1.005' }, undefined],
    ['bad e-mail', { email: 'not-an-email' }, 'input.email'],
    ['empty name', { name: '  ' }, 'input.name'],
    ['unknown unit', { unitId: 'nope' }, 'input.unitId'],
    ['unknown mentor', { mentorId: 'nope' }, 'input.mentorId'],
    ['impossible date', { hireDate: '2026-02-30' }, undefined],
  ])('refuses a %s with BAD_USER_INPUT', async (_label, over, field) => {
    const r = await refused(CREATE, { input: newPerson(over) }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    if (field) expect(r.errors![0]!.extensions!.field).toBe(field);
  });

  it('refuses unknown input fields', async () => {
    const r = await refused(CREATE, { input: { ...newPerson(), salaryBonus: '1' } }, admin);
    expect(r.errors![0]!.message).toMatch(/salaryBonus/);
  });

  it('updates with the current version, and answers a stale one with CONFLICT', async () => {
    const p = (await s.gql(CREATE, { input: newPerson() }, admin)).data.createPerson;
    const r = await s.gql(UPDATE, { id: p.id, version: 1, input: { name: '林晓雨（改）', rank: 'SE' } }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.updatePerson).toMatchObject({ name: '林晓雨（改）', rank: 'SE', version: 2 });
    const stale = await refused(UPDATE, { id: p.id, version: 1, input: { name: 'late edit' } }, admin);
    expect(codeOf(stale)).toBe('CONFLICT');
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityId: p.id, action: 'update' } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before!).name).toBe('林晓雨');
    expect(JSON.parse(audit[0]!.after!).name).toBe('林晓雨（改）');
  });

  it('refuses a mentor cycle and unknown or malformed ids', async () => {
    const a = (await s.gql(CREATE, { input: newPerson() }, admin)).data.createPerson;
    const b = (await s.gql(CREATE, { input: newPerson({ mentorId: a.id }) }, admin)).data.createPerson;
    const cycle = await refused(UPDATE, { id: a.id, version: a.version, input: { mentorId: b.id } }, admin);
    expect(codeOf(cycle)).toBe('BAD_USER_INPUT');
    expect(codeOf(await refused(UPDATE, { id: 'no-such-person', version: 1, input: { name: 'x' } }, admin))).toBe('NOT_FOUND');
    expect(codeOf(await refused(UPDATE, { id: '', version: 1, input: { name: 'x' } }, admin))).toBe('BAD_USER_INPUT');
  });

  it('transfers from an effective day: the days before count for the old unit', async () => {
    const p = (await s.gql(CREATE, { input: newPerson({ hireDate: '2026-01-05' }) }, admin)).data.createPerson;
    const other = teams.find((t) => t.id !== managerTeam)!.id;
    const r = await s.gql(TRANSFER, { id: p.id, version: p.version, unitId: other, effectiveDate: '2026-03-12' }, admin);
    expect(r.errors).toBeUndefined();
    expect((await s.gql(PERSON_ON, { id: p.id, asOf: '2026-03-11' }, admin)).data.person.unitId).toBe(managerTeam);
    expect((await s.gql(PERSON_ON, { id: p.id, asOf: '2026-03-12' }, admin)).data.person.unitId).toBe(other);
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: p.id, action: 'transfer' } });
    expect(JSON.parse(audit.after!)).toMatchObject({ unitId: other, effectiveDate: '2026-03-12' });
  });

  it('refuses a transfer dated before hire, or before a later transfer', async () => {
    const p = (await s.gql(CREATE, { input: newPerson({ hireDate: '2026-04-01' }) }, admin)).data.createPerson;
    const other = teams.find((t) => t.id !== managerTeam)!.id;
    const early = await refused(TRANSFER, { id: p.id, version: p.version, unitId: other, effectiveDate: '2026-03-31' }, admin);
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0]!.extensions!.field).toBe('effectiveDate');
    expect(early.errors![0]!.message).toMatch(/before the hire date 2026-04-01/);
    const moved = (await s.gql(TRANSFER, { id: p.id, version: p.version, unitId: other, effectiveDate: '2026-06-01' }, admin)).data.transferPerson;
    const before = await refused(TRANSFER, { id: p.id, version: moved.version, unitId: managerTeam, effectiveDate: '2026-05-01' }, admin);
    expect(before.errors![0]!.message).toMatch(/later transfer/);
    expect(codeOf(await refused(TRANSFER, { id: p.id, version: p.version, unitId: managerTeam, effectiveDate: '2026-07-01' }, admin))).toBe('CONFLICT');
  });

  it('a manager cannot move someone out of their subtree, nor touch people outside it', async () => {
    const mine = (await s.gql(CREATE, { input: newPerson() }, admin)).data.createPerson;
    const r = await refused(TRANSFER, { id: mine.id, version: mine.version, unitId: outsideTeam, effectiveDate: '2026-05-01' }, manager);
    expect(codeOf(r)).toBe('FORBIDDEN');
    const theirs = (await s.gql(CREATE, { input: newPerson({ unitId: outsideTeam }) }, admin)).data.createPerson;
    expect(codeOf(await refused(UPDATE, { id: theirs.id, version: theirs.version, input: { name: 'x' } }, manager))).toBe('NOT_FOUND');
  });

  it('records a leaver: on the roster to the last day, off it after', async () => {
    const p = (await s.gql(CREATE, { input: newPerson({ hireDate: '2026-01-05' }) }, admin)).data.createPerson;
    const bad = await refused(DEACTIVATE, { id: p.id, version: p.version, leaveDate: '2025-12-31' }, admin);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toMatch(/before the hire date/);
    const r = await s.gql(DEACTIVATE, { id: p.id, version: p.version, leaveDate: '2026-09-30' }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.deactivatePerson).toMatchObject({ status: 'LEFT', leaveDate: '2026-09-30' });
    expect((await s.gql(PERSON_ON, { id: p.id, asOf: '2026-09-30' }, admin)).data.person.unitId).toBe(managerTeam);
    // The status is the day's: at work up to and on the last day worked (a leave date set ahead is not "left" yet); the answer above is today's.
    expect((await s.gql(PERSON_ON_STATUS, { id: p.id, asOf: '2026-09-29' }, admin)).data.person.status).toBe('ACTIVE');
    expect((await s.gql(PERSON_ON_STATUS, { id: p.id, asOf: '2026-03-01' }, admin)).data.person.status).toBe('ACTIVE');
    expect((await s.gql(PERSON_ON_STATUS, { id: p.id, asOf: '2026-09-30' }, admin)).data.person.status).toBe('ACTIVE');
    expect(await onRoster(p.id, '2026-09-30')).toEqual({ id: p.id, status: 'ACTIVE' });
    expect(await onRoster(p.id, '2026-10-01')).toBeUndefined();
    expect((await s.gql(PERSON_ON, { id: p.id, asOf: '2026-10-01' }, admin)).data.person).toBeNull();
    const again = await refused(DEACTIVATE, { id: p.id, version: r.data.deactivatePerson.version, leaveDate: '2026-10-30' }, admin);
    expect(again.errors![0]!.message).toMatch(/already left/);
  });

  it('a leave date set ahead keeps the status someone has to their last day worked: on probation, in person and roster alike; a probation may still end before they go', async () => {
    const p = (await s.gql(CREATE, { input: newPerson({ hireDate: '2026-10-01', status: 'PROBATION' }) }, admin)).data.createPerson;
    const last = fromToday(70);
    const r = await s.gql(DEACTIVATE, { id: p.id, version: p.version, leaveDate: last }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.deactivatePerson).toMatchObject({ status: 'PROBATION', leaveDate: last });
    const statusOn = async (asOf?: string) => (await s.gql(PERSON_ON_STATUS, { id: p.id, asOf }, admin)).data.person.status;
    for (const asOf of [undefined, fromToday(35), last]) expect(await statusOn(asOf), asOf ?? 'today').toBe('PROBATION');
    expect(await onRoster(p.id, last)).toEqual({ id: p.id, status: 'PROBATION' });
    expect(await onRoster(p.id, addDays(last, 1))).toBeUndefined();
    const confirmed = await s.gql(UPDATE, { id: p.id, version: r.data.deactivatePerson.version, input: { status: 'ACTIVE' } }, admin);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data.updatePerson.status).toBe('ACTIVE');
    expect(await statusOn(last)).toBe('ACTIVE');
    // Still leaving: the leave date stands, and is not recorded twice.
    const again = await refused(DEACTIVATE, { id: p.id, version: confirmed.data.updatePerson.version, leaveDate: fromToday(80) }, admin);
    expect(again.errors![0]!.extensions).toMatchObject({ reason: 'ALREADY_LEFT' });
  });

  it('refuses a new status for someone who has left (PERSON_HAS_LEFT), changing nothing; their other details can still be corrected', async () => {
    const p = (await s.gql(CREATE, { input: newPerson({ hireDate: '2026-10-01', status: 'PROBATION' }) }, admin)).data.createPerson;
    const last = fromToday(-3);
    const r = await s.gql(DEACTIVATE, { id: p.id, version: p.version, leaveDate: last }, admin);
    expect(r.errors).toBeUndefined();
    // The answer is today's status; on the last day worked they were still on probation.
    expect(r.data.deactivatePerson).toMatchObject({ status: 'LEFT', leaveDate: last });
    expect((await s.gql(PERSON_ON_STATUS, { id: p.id, asOf: last }, admin)).data.person.status).toBe('PROBATION');
    const version = r.data.deactivatePerson.version;
    for (const status of ['ACTIVE', 'PROBATION']) {
      const refusal = await refused(UPDATE, { id: p.id, version, input: { status } }, admin);
      expect(refusal.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status', reason: 'PERSON_HAS_LEFT', params: { name: p.name, leaveDate: last } });
    }
    expect((await refused(UPDATE, { id: p.id, version, input: { status: 'LEFT' } }, admin)).errors![0]!.extensions).toMatchObject({ reason: 'USE_DEACTIVATE' });
    const corrected = await s.gql(UPDATE, { id: p.id, version, input: { phone: '13800000000' } }, admin);
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data.updatePerson).toMatchObject({ status: 'LEFT', leaveDate: last, version: version + 1 });
  });
});
