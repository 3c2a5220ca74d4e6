/**
 * Brief §8: every change is recorded — who, when, before, after — so that
 * an auditor can say what a change replaced without another source. Here
 * the changes whose record said less than that.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { targetPlans } from '../support/target-plans.ts';

const IMPORT = 'mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created updated unchanged } }';

describe.each(testProviders)('change audit on %s', (provider) => {
  let s: TestServer;
  let finance: string;
  let a: { id: string; employeeNo: string };
  let b: { id: string; employeeNo: string };

  beforeAll(async () => {
    s = await startTestServer(provider);
    finance = await s.login('finance');
    const reps = await s.db.prisma.person.findMany({ where: { position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: new Date('2026-01-01') }, leaveDate: null }, orderBy: { employeeNo: 'asc' }, take: 2 });
    [a, b] = [reps[0]!, reps[1]!];
  });
  afterAll(() => s.close());

  it('an attendance import records which days it wrote and what a replaced day held', async () => {
    const first = await s.gql(IMPORT, { r: [{ employeeNo: a.employeeNo, date: '2026-03-02', status: 'PRESENT' }, { employeeNo: b.employeeNo, date: '2026-03-02', status: 'LATE', lateMinutes: 12 }] }, finance);
    expect(first.data.importAttendance).toEqual({ created: 2, updated: 0, unchanged: 0 });
    // The same days again: a's day becomes an absence (a day's pay deducted), b's is unchanged, a new day for b.
    const second = await s.gql(
      IMPORT,
      {
        r: [
          { employeeNo: a.employeeNo, date: '2026-03-02', status: 'ABSENT' },
          { employeeNo: b.employeeNo, date: '2026-03-02', status: 'LATE', lateMinutes: 12 },
          { employeeNo: b.employeeNo, date: '2026-03-03', status: 'PRESENT', note: '补录' },
        ],
      },
      finance,
    );
    expect(second.data.importAttendance).toEqual({ created: 1, updated: 1, unchanged: 1 });
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'AttendanceImport' }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    expect(audit).toHaveLength(2);
    expect(audit.map((e) => e.actorName)).toEqual(['finance', 'finance']);
    expect(JSON.parse(audit[0]!.before ?? 'null')).toBeNull();
    expect(JSON.parse(audit[0]!.after!)).toEqual({
      created: [
        { personId: a.id, employeeNo: a.employeeNo, date: '2026-03-02', status: 'PRESENT', lateMinutes: 0, note: null },
        { personId: b.id, employeeNo: b.employeeNo, date: '2026-03-02', status: 'LATE', lateMinutes: 12, note: null },
      ],
      updated: [],
      unchanged: 0,
    });
    expect(JSON.parse(audit[1]!.before!)).toEqual([{ personId: a.id, employeeNo: a.employeeNo, date: '2026-03-02', status: 'PRESENT', lateMinutes: 0, note: null }]);
    expect(JSON.parse(audit[1]!.after!)).toEqual({
      created: [{ personId: b.id, employeeNo: b.employeeNo, date: '2026-03-03', status: 'PRESENT', lateMinutes: 0, note: '补录' }],
      updated: [{ personId: a.id, employeeNo: a.employeeNo, date: '2026-03-02', status: 'ABSENT', lateMinutes: 0, note: null }],
      unchanged: 1,
    });
  });

  it('a sales import records each sale it wrote, the old values and the new, under an id it returns and finance read it by', async () => {
    const SALES = 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created updated unchanged auditId } }';
    const TRAIL = 'query($t: String!, $id: ID!, $first: Int) { auditTrail(entityType: $t, entityId: $id, first: $first) { entityId action actorName before after } }';
    // A rep of the area finance-area serves, and one of another area.
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' }, include: { person: true } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const repIn = (path: object) =>
      s.db.prisma.assignment.findFirstOrThrow({
        where: { validTo: null, validFrom: { lte: new Date('2026-01-01') }, unit: { kind: 'TEAM', path }, person: { position: 'SALES_REP', status: 'ACTIVE', leaveDate: null } },
        orderBy: { person: { employeeNo: 'asc' } },
        include: { person: true },
      });
    const inside = await repIn({ startsWith: area.path });
    const outside = await repIn({ not: { startsWith: area.path } });
    const sale = { externalId: 'AUD-1', employeeNo: inside.person.employeeNo, date: '2026-12-02', amount: '1000.00' };
    const first = (await s.gql(SALES, { r: [sale] }, finance)).data.importSalesActuals;
    expect(first).toMatchObject({ created: 1, updated: 0, unchanged: 0, auditId: expect.any(String) });
    const second = (await s.gql(SALES, { r: [{ ...sale, amount: '1500.00', units: 3, collected: '800.00' }] }, finance)).data.importSalesActuals;
    expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(second.auditId).not.toBe(first.auditId);
    // The same row once more changes nothing, and records nothing.
    expect((await s.gql(SALES, { r: [{ ...sale, amount: '1500.00', units: 3, collected: '800.00' }] }, finance)).data.importSalesActuals).toEqual({ created: 0, updated: 0, unchanged: 1, auditId: null });

    const stored = { externalId: 'AUD-1', employeeNo: inside.person.employeeNo, personId: inside.personId, unitId: inside.unitId, date: '2026-12-02', customer: null, customerId: null, newCustomer: false, margin: '0.00' };
    const was = { ...stored, amount: '1000.00', units: 0, collected: '0.00' };
    const now = { ...stored, amount: '1500.00', units: 3, collected: '800.00' };
    const trail = await s.gql(TRAIL, { t: 'SalesImport', id: second.auditId }, finance);
    expect(trail.errors).toBeUndefined();
    expect(trail.data.auditTrail).toHaveLength(1);
    expect(trail.data.auditTrail[0]).toMatchObject({ entityId: second.auditId, action: 'import', actorName: 'finance' });
    expect(JSON.parse(trail.data.auditTrail[0].before)).toEqual([was]);
    expect(JSON.parse(trail.data.auditTrail[0].after)).toEqual({ created: [], updated: [now], unchanged: 0, crossTerritoryFlagged: 0, crossTerritoryCleared: [] });
    const created = (await s.gql(TRAIL, { t: 'SalesImport', id: first.auditId }, finance)).data.auditTrail;
    expect(created.map((e: { before: string | null }) => e.before)).toEqual([null]);
    expect(JSON.parse(created[0].after).created).toEqual([was]);

    // Finance who serve the area read an import of its sales; not one of another area's, nor one that spans both.
    const areaFinance = await s.login('finance-area');
    expect((await s.gql(TRAIL, { t: 'SalesImport', id: second.auditId }, areaFinance)).data.auditTrail).toEqual(trail.data.auditTrail);
    const elsewhere = (await s.gql(SALES, { r: [{ ...sale, externalId: 'AUD-2', employeeNo: outside.person.employeeNo }] }, finance)).data.importSalesActuals;
    const both = (await s.gql(SALES, { r: [{ ...sale, externalId: 'AUD-3' }, { ...sale, externalId: 'AUD-4', employeeNo: outside.person.employeeNo }] }, finance)).data.importSalesActuals;
    for (const id of [elsewhere.auditId, both.auditId]) {
      expect((await s.gql(TRAIL, { t: 'SalesImport', id }, finance)).data.auditTrail).toHaveLength(1);
      const read = await s.gql(TRAIL, { t: 'SalesImport', id }, areaFinance);
      expect(read.errors).toBeUndefined();
      expect(read.data.auditTrail).toEqual([]);
    }
    // Their own import, of their area's sales, is theirs to read.
    const own = (await s.gql(SALES, { r: [{ ...sale, externalId: 'AUD-5' }] }, areaFinance)).data.importSalesActuals;
    expect(JSON.parse((await s.gql(TRAIL, { t: 'SalesImport', id: own.auditId }, areaFinance)).data.auditTrail[0].after).created).toEqual([{ ...was, externalId: 'AUD-5' }]);

    // A large import is recorded in parts of at most 1,000 rows, all under its id.
    const bulk = Array.from({ length: 1001 }, (_, i) => ({ ...sale, externalId: `AUD-BULK-${i}`, date: `2026-11-${String((i % 28) + 1).padStart(2, '0')}` }));
    const large = (await s.gql(SALES, { r: bulk }, finance)).data.importSalesActuals;
    expect(large).toMatchObject({ created: 1001, auditId: expect.any(String) });
    const parts = (await s.gql(TRAIL, { t: 'SalesImport', id: large.auditId }, finance)).data.auditTrail.map((e: { after: string }) => JSON.parse(e.after));
    expect(parts.map((p: { part: number; parts: number; created: unknown[] }) => [p.part, p.parts, p.created.length]).sort()).toEqual([[1, 2, 1000], [2, 2, 1]]);
    expect(new Set(parts.flatMap((p: { created: { externalId: string }[] }) => p.created.map((c) => c.externalId)))).toEqual(new Set(bulk.map((b) => b.externalId)));
  });

  it('an attendance import returns the id its record is read by', async () => {
    const imported = (await s.gql('mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created auditId } }', { r: [{ employeeNo: a.employeeNo, date: '2026-03-04', status: 'PRESENT' }] }, finance)).data.importAttendance;
    expect(imported).toMatchObject({ created: 1, auditId: expect.any(String) });
    const trail = await s.gql('query($id: ID!) { auditTrail(entityType: "AttendanceImport", entityId: $id) { entityId after } }', { id: imported.auditId }, finance);
    expect(trail.errors).toBeUndefined();
    expect(trail.data.auditTrail.map((e: { after: string }) => JSON.parse(e.after).created)).toEqual([[{ personId: a.id, employeeNo: a.employeeNo, date: '2026-03-04', status: 'PRESENT', lateMinutes: 0, note: null }]]);
  });

  it('recalculating a payroll run records the totals it replaced and the new ones', async () => {
    const team = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: a.id, validTo: null } })).unitId;
    const RUN = 'run { id revision status } totals { headcount gross deductions net }';
    const created = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-04", scopeUnitId: $u) { ${RUN} } }`, { u: team }, finance);
    expect(created.errors).toBeUndefined();
    const id = created.data.createPayrollRun.run.id;
    const calc = `mutation($id: ID!, $r: Int!) { calculatePayrollRun(id: $id, revision: $r) { ${RUN} } }`;
    const first = (await s.gql(calc, { id, r: created.data.createPayrollRun.run.revision }, finance)).data.calculatePayrollRun;
    // An absence found afterwards: a day's pay comes off at the next calculation.
    expect((await s.gql(IMPORT, { r: [{ employeeNo: a.employeeNo, date: '2026-04-08', status: 'ABSENT' }] }, finance)).data.importAttendance.created).toBe(1);
    const second = (await s.gql(calc, { id, r: first.run.revision }, finance)).data.calculatePayrollRun;
    expect(second.totals.net).not.toBe(first.totals.net);
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'PayrollRun', entityId: id, action: 'calculate' }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    expect(audit).toHaveLength(2);
    const figures = (t: { headcount: number; gross: string; deductions: string; net: string }) => ({ payslips: t.headcount, gross: t.gross, deductions: t.deductions, net: t.net });
    expect(JSON.parse(audit[0]!.before!)).toEqual({ status: 'DRAFT', payslips: 0, gross: '0.00', deductions: '0.00', net: '0.00' });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ status: 'CALCULATED', ...figures(first.totals) });
    expect(JSON.parse(audit[1]!.before!)).toEqual({ status: 'CALCULATED', ...figures(first.totals) });
    expect(JSON.parse(audit[1]!.after!)).toMatchObject({ status: 'CALCULATED', ...figures(second.totals) });

    // The trail through the API: finance reads a run's; the director any kind; finance not a person's.
    const TRAIL = 'query($t: String!, $id: ID!) { auditTrail(entityType: $t, entityId: $id) { action actorName after } }';
    const trail = await s.gql(TRAIL, { t: 'PayrollRun', id }, finance);
    expect(trail.errors).toBeUndefined();
    expect(trail.data.auditTrail.filter((e: { action: string }) => e.action === 'calculate').map((e: { after: string }) => JSON.parse(e.after).net)).toEqual([second.totals.net, first.totals.net]);
    expect((await s.gql(TRAIL, { t: 'PayrollRun', id }, await s.login('director'))).data.auditTrail.length).toBe(trail.data.auditTrail.length);
    const refused = await s.gql(TRAIL, { t: 'Person', id: a.id }, finance);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('saving a plan’s lines or its draft records each cell it changed: the old amount and the new', async () => {
    const manager = await s.login('manager');
    const plans = targetPlans(s, { manager, director: await s.login('director') });
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const team = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: area.id }, orderBy: { code: 'asc' } });
    const { view, lines } = await plans.draft(team.id, 'BASE', 'SALES_AMOUNT', (_o, _p, employed) => (employed ? 1000 : 0));
    // One person's March target moves 300.00 to their April; the team's months follow.
    const person = lines.find((l) => l.ownerId !== team.id && l.periodKey === '2026-03' && l.amount === '1000.00')!.ownerId;
    const amount = (owner: string, key: string) => lines.find((l) => l.ownerId === owner && l.periodKey === key)!.amount;
    const plus = (a: string, d: number) => `${Number(a.slice(0, -3)) + d}.00`;
    const edits: Record<string, string> = {
      [`${person}|2026-03`]: '700.00',
      [`${person}|2026-04`]: plus(amount(person, '2026-04'), 300),
      [`${team.id}|2026-03`]: plus(amount(team.id, '2026-03'), -300),
      [`${team.id}|2026-04`]: plus(amount(team.id, '2026-04'), 300),
    };
    const edited = lines.map((l) => ({ ...l, amount: edits[`${l.ownerId}|${l.periodKey}`] ?? l.amount }));
    const saved = await plans.gqlOk(plans.SAVE, { id: view.plan.id, revision: view.plan.revision, lines: edited }, manager);
    const cells = (pairs: [string, string][], pick: (owner: string, key: string) => string) =>
      pairs.map(([o, k]) => ({ ownerId: o, periodKey: k, amount: pick(o, k) })).sort((a, b) => `${a.ownerId}${a.periodKey}`.localeCompare(`${b.ownerId}${b.periodKey}`));
    const touched: [string, string][] = [[person, '2026-03'], [person, '2026-04'], [team.id, '2026-03'], [team.id, '2026-04']];
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'TargetPlan', entityId: view.plan.id, action: 'saveLines' }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
    expect(JSON.parse(audit.before!).cells).toEqual(cells(touched, amount));
    expect(JSON.parse(audit.after!).cells).toEqual(cells(touched, (o, k) => edits[`${o}|${k}`]!));

    // A draft that clears the person's April: the cell's old amount is recorded, and no new one.
    const DRAFT = 'mutation($id: ID!, $revision: Int!, $lines: [TargetLineInput!]!) { saveTargetPlanDraft(id: $id, revision: $revision, lines: $lines) { plan { revision } } }';
    const cleared = edited.filter((l) => !(l.ownerId === person && l.periodKey === '2026-04'));
    expect((await s.gql(DRAFT, { id: view.plan.id, revision: saved.saveTargetLines.plan.revision, lines: cleared }, manager)).errors).toBeUndefined();
    const draftAudit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'TargetPlan', entityId: view.plan.id, action: 'saveDraft' } });
    expect(JSON.parse(draftAudit.before!).cells).toEqual([{ ownerId: person, periodKey: '2026-04', amount: edits[`${person}|2026-04`] }]);
    expect(JSON.parse(draftAudit.after!).cells).toEqual([]);

    // A breakdown over the draft replaces the typed cells: the March 700.00 it overwrites is recorded.
    const BREAK = 'mutation($id: ID!, $revision: Int!) { breakDownTargetPlan(id: $id, revision: $revision, time: { kind: EQUAL }, owners: { kind: EQUAL }) { plan { revision } } }';
    const revision = (await s.db.prisma.targetPlan.findUniqueOrThrow({ where: { id: view.plan.id } })).revision;
    const broken = await s.gql(BREAK, { id: view.plan.id, revision }, manager);
    expect(broken.errors).toBeUndefined();
    const breakAudit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'TargetPlan', entityId: view.plan.id, action: 'breakDown' } });
    expect(JSON.parse(breakAudit.before!).cells).toContainEqual({ ownerId: person, periodKey: '2026-03', amount: '700.00' });
    // The plan's total is written as its cells are, in yuan (not fen).
    const plan = await s.db.prisma.targetPlan.findUniqueOrThrow({ where: { id: view.plan.id } });
    const yuan = `${plan.total / 100n}.${String(plan.total % 100n).padStart(2, '0')}`;
    expect([JSON.parse(breakAudit.before!).total, JSON.parse(breakAudit.after!).total]).toEqual([yuan, yuan]);
    const created = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'TargetPlan', entityId: view.plan.id, action: 'create' } });
    expect(JSON.parse(created.after!).total).toBe(yuan);
    expect(JSON.parse(breakAudit.after!).cells).toContainEqual(expect.objectContaining({ ownerId: person, periodKey: '2026-04' }));
  });
});
