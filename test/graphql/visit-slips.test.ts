/**
 * Visit slips through the API (issue 11 §4): a rep requests one, a manager
 * over them approves it and, after the planned return, records the check;
 * a field-visit day without an approved slip is flagged to the manager and
 * paid as an absence (explained on the payslip), one with a slip is not.
 * Every refusal gives its reason and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const SLIP = `id personId personName unitId destination customerCode contactPerson purpose plannedOut plannedBack days status revision
  decidedBy decisionComment checkKind checkOk checkResult checkedBy canDecide canCheck approvedLate departed`;
const REQUEST = `mutation($i: VisitSlipInput!) { requestVisitSlip(input: $i) { ${SLIP} } }`;
const APPROVE = `mutation($id: ID!, $r: Int!) { approveVisitSlip(id: $id, revision: $r) { ${SLIP} } }`;
const REJECT = `mutation($id: ID!, $r: Int!, $c: String!) { rejectVisitSlip(id: $id, revision: $r, comment: $c) { ${SLIP} } }`;
const CHECK = `mutation($id: ID!, $r: Int!, $k: VisitCheckKind!, $ok: Boolean!, $res: String!) { checkVisitSlip(id: $id, revision: $r, kind: $k, ok: $ok, result: $res) { ${SLIP} } }`;
const LIST = `query($m: String!, $u: ID, $st: VisitSlipStatus) { visitSlips(month: $m, unitId: $u, status: $st) { ${SLIP} } }`;
const UNSLIPPED = `query($m: String!, $u: ID) { unslippedFieldVisits(month: $m, unitId: $u) { personId personName employeeNo unitName date } }`;
const RUN = `run { id revision status } payslips { personId deductions workingDays attendanceDays lines { code amount explanation { rule arithmetic inputs { name value } } } }`;

type Ext = { code?: string; reason?: string; field?: string; params?: Record<string, unknown> };
const ext = (r: GqlResult) => (r.errors?.[0]?.extensions ?? {}) as Ext;

const slipInput = (more: Record<string, unknown> = {}) => ({
  destination: '苏州工业园区星湖街 88 号',
  customerCode: 'kh-701',
  contactPerson: '王经理',
  purpose: '季度回访，确认下月订单',
  plannedOut: '2026-03-10T01:00:00Z',
  plannedBack: '2026-03-10T10:00:00Z',
  ...more,
});

describe.each(testProviders)('visit slips on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'director' | 'manager' | 'rep' | 'otherManager', string>;
  let rep: { id: string; name: string; employeeNo: string };
  let team: { id: string };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'director', 'manager', 'rep'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    rep = (await p.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } })).person!;
    team = await p.orgUnit.findFirstOrThrow({ where: { assignments: { some: { personId: rep.id, validTo: null } } } });
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const other = await p.orgUnit.findFirstOrThrow({ where: { kind: 'AREA', id: { not: area.id }, managerId: { not: null } } });
    const u = await s.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: 'other-mgr', password: 'correct-horse-battery', roles: ['MANAGER'], personId: other.managerId } }, t.admin);
    expect(u.errors).toBeUndefined();
    t.otherManager = await s.login('other-mgr', 'correct-horse-battery');
    await p.customer.create({ data: { code: 'KH-701', name: '星湖电子', type: 'ENTERPRISE', ownerId: rep.id, ownerUnitId: team.id, ownershipStatus: 'CONFIRMED' } });
    // Two field-visit days on working days (Tuesday 10 and Thursday 12 March 2026).
    for (const date of ['2026-03-10', '2026-03-12']) await p.attendanceDay.create({ data: { personId: rep.id, date: new Date(`${date}T00:00:00Z`), status: 'FIELD_VISIT' } });
  });
  afterAll(() => s.close());

  let slip: any;

  it('refuses bad slips whole, naming the field, and records nothing', async () => {
    const back = await s.refused(REQUEST, { i: slipInput({ plannedBack: '2026-03-09T10:00:00Z' }) }, t.rep);
    expect(ext(back)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VISIT_SLIP_BACK_BEFORE_OUT', field: 'plannedBack', params: { from: '2026-03-10', to: '2026-03-09' } });
    expect(ext(await s.refused(REQUEST, { i: slipInput({ purpose: '  ' }) }, t.rep))).toMatchObject({ reason: 'VISIT_SLIP_REQUIRED', field: 'purpose' });
    expect(ext(await s.refused(REQUEST, { i: slipInput({ plannedBack: '2026-03-30T10:00:00Z' }) }, t.rep))).toMatchObject({ reason: 'VISIT_SLIP_TOO_MANY_DAYS', params: { days: 21, max: 14 } });
    expect(ext(await s.refused(REQUEST, { i: slipInput({ customerCode: 'KH-404' }) }, t.rep))).toMatchObject({ reason: 'VISIT_SLIP_UNKNOWN_CUSTOMER', params: { code: 'KH-404' } });
    // A colleague's customer is not the rep's to name (nor to learn the name of, from the slip): as unknown as none.
    const colleague = await s.db.prisma.person.findFirstOrThrow({ where: { id: { not: rep.id }, assignments: { some: { unitId: team.id, validTo: null } } } });
    await s.db.prisma.customer.create({ data: { code: 'KH-702', name: '青岛宏远连锁药房', type: 'ENTERPRISE', ownerId: colleague.id, ownerUnitId: team.id, ownershipStatus: 'CONFIRMED' } });
    expect(ext(await s.refused(REQUEST, { i: slipInput({ customerCode: 'KH-702' }) }, t.rep))).toMatchObject({ reason: 'VISIT_SLIP_UNKNOWN_CUSTOMER', params: { code: 'KH-702' } });
    expect(await s.db.prisma.visitSlip.count({ where: { customer: { code: 'KH-702' } } })).toBe(0);
    // Someone with no place in the organisation has nothing to request a slip for.
    expect(codeOf(await s.refused(REQUEST, { i: slipInput() }, t.admin))).toBe('FORBIDDEN');
  });

  it('flags both field-visit days to the manager before any slip', async () => {
    const r = await s.gql(UNSLIPPED, { m: '2026-03' }, t.manager);
    expect(r.errors).toBeUndefined();
    expect(r.data.unslippedFieldVisits).toEqual([
      { personId: rep.id, personName: rep.name, employeeNo: rep.employeeNo, unitName: expect.any(String), date: '2026-03-10' },
      { personId: rep.id, personName: rep.name, employeeNo: rep.employeeNo, unitName: expect.any(String), date: '2026-03-12' },
    ]);
    // Another area's manager does not see them; a rep may not ask.
    expect((await s.gql(UNSLIPPED, { m: '2026-03' }, t.otherManager)).data.unslippedFieldVisits.filter((x: any) => x.personId === rep.id)).toEqual([]);
    expect(codeOf(await s.gql(UNSLIPPED, { m: '2026-03' }, t.rep))).toBe('FORBIDDEN');
  });

  it('lets the rep request a slip for the 10th, audited', async () => {
    const r = await s.gql(REQUEST, { i: slipInput() }, t.rep);
    expect(r.errors).toBeUndefined();
    slip = r.data.requestVisitSlip;
    expect(slip).toMatchObject({ personId: rep.id, unitId: team.id, customerCode: 'KH-701', status: 'REQUESTED', revision: 1, days: ['2026-03-10'], canDecide: false, canCheck: false, approvedLate: false, departed: true });
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'VisitSlip', entityId: slip.id } });
    expect(audit.map((a) => a.action)).toEqual(['request']);
    // The rep sees their own; the manager sees it to decide; another area's manager does not.
    expect((await s.gql(LIST, { m: '2026-03' }, t.rep)).data.visitSlips.map((x: any) => x.id)).toEqual([slip.id]);
    const mine = (await s.gql(LIST, { m: '2026-03', st: 'REQUESTED' }, t.manager)).data.visitSlips;
    expect(mine).toEqual([expect.objectContaining({ id: slip.id, canDecide: true })]);
    expect((await s.gql(LIST, { m: '2026-03' }, t.otherManager)).data.visitSlips).toEqual([]);
    expect((await s.gql(LIST, { m: '2026-04' }, t.manager)).data.visitSlips).toEqual([]);
    expect(ext(await s.gql(LIST, { m: '2026-13' }, t.rep))).toMatchObject({ reason: 'VISIT_SLIP_NOT_A_MONTH' });
  });

  it('refuses an approval by the rep, by another area’s manager, by a manager of their own slip, and a stale one, changing nothing', async () => {
    expect(codeOf(await s.refused(APPROVE, { id: slip.id, r: slip.revision }, t.rep))).toBe('FORBIDDEN');
    expect(codeOf(await s.refused(APPROVE, { id: slip.id, r: slip.revision }, t.otherManager))).toBe('NOT_FOUND');
    expect(ext(await s.refused(APPROVE, { id: slip.id, r: slip.revision + 1 }, t.manager))).toMatchObject({ code: 'CONFLICT', reason: 'VISIT_SLIP_CHANGED' });
    expect(ext(await s.refused(REJECT, { id: slip.id, r: slip.revision, c: ' ' }, t.manager))).toMatchObject({ reason: 'VISIT_SLIP_COMMENT_REQUIRED' });
    // The manager's own slip: requested, then refused to them.
    const own = await s.gql(REQUEST, { i: slipInput({ customerCode: null, plannedOut: '2026-03-20T01:00:00Z', plannedBack: '2026-03-20T09:00:00Z' }) }, t.manager);
    expect(own.errors).toBeUndefined();
    expect(own.data.requestVisitSlip.canDecide).toBe(false);
    const refused = await s.refused(APPROVE, { id: own.data.requestVisitSlip.id, r: 1 }, t.manager);
    expect(ext(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'VISIT_SLIP_OWN_DECISION' });
  });

  it('lets the manager approve it, then check it after the planned return; a check before the return is refused', async () => {
    const a = await s.gql(APPROVE, { id: slip.id, r: slip.revision }, t.manager);
    expect(a.errors).toBeUndefined();
    expect(a.data.approveVisitSlip).toMatchObject({ status: 'APPROVED', revision: 2, decidedBy: expect.any(String), canDecide: false, canCheck: true });
    // Approved after the visit began: accepted, marked as an approval after the fact, and audited as such.
    expect(a.data.approveVisitSlip.approvedLate).toBe(true);
    expect((await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'VisitSlip', entityId: slip.id, action: 'approve' } })).after).toContain('"afterDeparture":true');
    // Decided once: no second decision.
    expect(ext(await s.refused(REJECT, { id: slip.id, r: 2, c: '重复' }, t.manager))).toMatchObject({ reason: 'VISIT_SLIP_NOT_REQUESTED' });
    // A slip for a visit still to come is approved but not checked yet.
    const future = new Date(Date.now() + 3 * 86_400_000);
    const later = (await s.gql(REQUEST, { i: slipInput({ plannedOut: future.toISOString(), plannedBack: new Date(future.getTime() + 8 * 3_600_000).toISOString() }) }, t.rep)).data.requestVisitSlip;
    const approvedLater = (await s.gql(APPROVE, { id: later.id, r: later.revision }, t.manager)).data.approveVisitSlip;
    expect(approvedLater).toMatchObject({ canCheck: false, approvedLate: false, departed: false });
    // The return's day and time, China time (one day alone would not say when on a visit's last day).
    const back = new Date(future.getTime() + 8 * 3_600_000 + 8 * 3_600_000).toISOString();
    expect(ext(await s.refused(CHECK, { id: later.id, r: approvedLater.revision, k: 'SPOT', ok: true, res: '电话抽查' }, t.manager))).toMatchObject({ reason: 'VISIT_SLIP_NOT_BACK_YET', params: { date: back.slice(0, 10), time: back.slice(11, 16) } });
    expect(ext(await s.refused(CHECK, { id: slip.id, r: 2, k: 'FULL', ok: true, res: ' ' }, t.manager))).toMatchObject({ reason: 'VISIT_SLIP_RESULT_REQUIRED' });
    const c = await s.gql(CHECK, { id: slip.id, r: 2, k: 'FULL', ok: true, res: '客户确认到访，订单已下' }, t.manager);
    expect(c.errors).toBeUndefined();
    expect(c.data.checkVisitSlip).toMatchObject({ status: 'CHECKED', checkKind: 'FULL', checkOk: true, checkResult: '客户确认到访，订单已下', revision: 3, canCheck: false });
    const visited = await s.db.prisma.customer.findUniqueOrThrow({ where: { code: 'KH-701' } });
    expect(visited.lastVisitOn?.toISOString().slice(0, 10)).toBe('2026-03-10');
    const moved = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'Customer', entityId: visited.id, action: 'visit' } });
    expect(moved.map((v) => [JSON.parse(v.after!).lastVisitOn, JSON.parse(v.after!).visitSlip])).toEqual([['2026-03-10', slip.id]]);
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'VisitSlip', entityId: slip.id }, orderBy: { at: 'asc' } });
    expect(audit.map((x) => x.action)).toEqual(['request', 'approve', 'check']);
    // The 10th is covered now; the 12th is still flagged.
    expect((await s.gql(UNSLIPPED, { m: '2026-03', u: team.id }, t.manager)).data.unslippedFieldVisits.map((x: any) => x.date)).toEqual(['2026-03-12']);
  });

  it('pays an unslipped field-visit day as an absence, explained, and one with an approved slip as a working day', async () => {
    const created = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-03", scopeUnitId: $u) { run { id revision } } }`, { u: team.id }, t.finance);
    expect(created.errors).toBeUndefined();
    const calc = async (revision: number) => {
      const r = await s.gql(`mutation($id: ID!, $revision: Int!) { calculatePayrollRun(id: $id, revision: $revision) { ${RUN} } }`, { id: created.data.createPayrollRun.run.id, revision }, t.finance);
      expect(r.errors).toBeUndefined();
      const run = r.data.calculatePayrollRun;
      const slip = run.payslips.find((x: any) => x.personId === rep.id);
      return { run, slip, line: slip.lines.find((l: any) => l.code === 'attendance') };
    };
    // One day without a slip (the 12th).
    const one = await calc(created.data.createPayrollRun.run.revision);
    const inputs = Object.fromEntries(one.line.explanation.inputs.map((i: any) => [i.name, i.value]));
    expect(inputs.fieldVisitsWithoutSlip).toBe('2026-03-12');
    // The 10th has its checked slip: named as covered, not charged.
    expect(inputs.fieldVisitsWithSlip).toBe('2026-03-10');
    expect(one.line.explanation.rule).toContain('field-visit day without an approved visit slip counts as absent');
    // One day's pay (base ÷ working days, rounded half-up to the fen) for the one day.
    expect(one.line.explanation.arithmetic).toMatch(/\+ 1 × /);
    expect(Math.abs(Number(one.line.amount) + Number(String(inputs.dayPay).replace('…', '')))).toBeLessThan(0.01);
    expect(Number(one.line.amount)).toBeLessThan(0);
    // The day paid as an absence is not an attendance day either (出勤天数), as the deduction counts it.
    expect(one.slip.attendanceDays).toBe(one.slip.workingDays - 1);
    // Slipped and approved (the 12th too): no deduction; both days named as covered.
    const r = await s.gql(REQUEST, { i: slipInput({ plannedOut: '2026-03-12T01:00:00Z', plannedBack: '2026-03-12T10:00:00Z' }) }, t.rep);
    await s.gql(APPROVE, { id: r.data.requestVisitSlip.id, r: 1 }, t.manager);
    const none = await calc(one.run.run.revision);
    expect(none.line.amount).toBe('0.00');
    expect(none.slip.attendanceDays).toBe(none.slip.workingDays);
    expect(none.line.explanation.inputs.map((i: any) => i.name)).not.toContain('fieldVisitsWithoutSlip');
    expect(none.line.explanation.inputs.find((i: any) => i.name === 'fieldVisitsWithSlip')?.value).toBe('2026-03-10, 2026-03-12');
    expect((await s.gql(UNSLIPPED, { m: '2026-03' }, t.manager)).data.unslippedFieldVisits).toEqual([]);
  });

  it('neither requests nor decides a slip whose days touch a locked period until an admin reopens it (brief §2): the field-visit day stays unslipped', async () => {
    await s.db.prisma.attendanceDay.create({ data: { personId: rep.id, date: new Date('2025-11-27T00:00:00Z'), status: 'FIELD_VISIT' } });
    // Asked for Thursday 27 November 2025 to Friday the 28th, still waiting when November was closed.
    const asked = await s.gql(REQUEST, { i: slipInput({ plannedOut: '2025-11-27T01:00:00Z', plannedBack: '2025-11-28T10:00:00Z' }) }, t.rep);
    expect(asked.errors).toBeUndefined();
    const id = asked.data.requestVisitSlip.id;
    expect((await s.gql('mutation { lockPeriod(periodKey: "2025-11", reason: "月结") { periodKey } }', {}, t.admin)).errors).toBeUndefined();
    expect(ext(await s.refused(APPROVE, { id, r: 1 }, t.manager))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2025-11' } });
    expect(ext(await s.refused(REJECT, { id, r: 1, c: '补单不批' }, t.manager))).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2025-11' } });
    // A slip over the month's end into December touches November too.
    expect(ext(await s.refused(REQUEST, { i: slipInput({ plannedOut: '2025-11-30T01:00:00Z', plannedBack: '2025-12-01T10:00:00Z' }) }, t.rep))).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2025-11' } });
    expect((await s.gql(UNSLIPPED, { m: '2025-11' }, t.manager)).data.unslippedFieldVisits.map((x: any) => x.date)).toEqual(['2025-11-27']);
    expect((await s.gql('mutation { reopenPeriod(periodKey: "2025-11", reason: "补批出访单") }', {}, t.admin)).errors).toBeUndefined();
    expect((await s.gql(APPROVE, { id, r: 1 }, t.manager)).data.approveVisitSlip.status).toBe('APPROVED');
    expect((await s.gql(UNSLIPPED, { m: '2025-11' }, t.manager)).data.unslippedFieldVisits).toEqual([]);
  });
  it('refuses a slip whose hours overlap one of the person’s slips not rejected, naming it, and records nothing; touching ends and a rejected slip do not hold the hours', async () => {
    const at = (day: string, from: string, to: string) => ({ plannedOut: `${day}T${from}:00Z`, plannedBack: `${day}T${to}:00Z` });
    const first = (await s.gql(REQUEST, { i: slipInput({ customerCode: null, destination: '无锡客户仓库', ...at('2026-05-06', '01:00', '10:00') }) }, t.rep)).data.requestVisitSlip;
    const before = [await s.db.prisma.visitSlip.count(), await s.db.prisma.auditEvent.count({ where: { entityType: 'VisitSlip' } })];
    const clash = await s.refused(REQUEST, { i: slipInput({ customerCode: null, ...at('2026-05-06', '09:00', '12:00') }) }, t.rep);
    expect(ext(clash)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VISIT_SLIP_OVERLAPS', field: 'plannedOut', params: { from: '2026-05-06', fromTime: '09:00', to: '2026-05-06', toTime: '18:00', destination: '无锡客户仓库' } });
    // A slip inside the other's hours, and one around them, clash too.
    expect(ext(await s.refused(REQUEST, { i: slipInput({ customerCode: null, ...at('2026-05-06', '02:00', '03:00') }) }, t.rep)).reason).toBe('VISIT_SLIP_OVERLAPS');
    expect(ext(await s.refused(REQUEST, { i: slipInput({ customerCode: null, plannedOut: '2026-05-05T23:00:00Z', plannedBack: '2026-05-06T12:00:00Z' }) }, t.rep)).reason).toBe('VISIT_SLIP_OVERLAPS');
    expect([await s.db.prisma.visitSlip.count(), await s.db.prisma.auditEvent.count({ where: { entityType: 'VisitSlip' } })]).toEqual(before);
    // Back at 18:00, out again at 18:00: no overlap. Another person's slip at the same hours is theirs.
    expect((await s.gql(REQUEST, { i: slipInput({ customerCode: null, ...at('2026-05-06', '10:00', '12:00') }) }, t.rep)).errors).toBeUndefined();
    expect((await s.gql(REQUEST, { i: slipInput({ customerCode: null, ...at('2026-05-06', '01:00', '10:00') }) }, t.manager)).errors).toBeUndefined();
    // Rejected, the first slip no longer holds its hours.
    expect((await s.gql(REJECT, { id: first.id, r: first.revision, c: '改天再去' }, t.manager)).errors).toBeUndefined();
    expect((await s.gql(REQUEST, { i: slipInput({ customerCode: null, ...at('2026-05-06', '02:00', '09:00') }) }, t.rep)).errors).toBeUndefined();
  });
});
