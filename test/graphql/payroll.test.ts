/** Payroll through the API: inputs, calculation with explanations, sign-off in order, lock, reopen, who sees what. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { calculateRun, recheckRun } from '../../server/payroll/runs.ts';
import { resolveSession } from '../../server/auth/sessions.ts';
import { createThrottle } from '../../server/auth/throttle.ts';
import type { Context } from '../../server/context.ts';
import { systemClock } from '../../server/clock.ts';
import { addDays, today } from '../../schema/dates.ts';

const RUN = `run { id month version revision status } events { action actor toStatus comment }
  payslips { personId personName planCode gross deductions net lines { code label amount explanation { rule arithmetic inputs { name value } } } } totalNet`;
const step = (name: string, extra = '', pass = '') => `mutation($id: ID!, $revision: Int!${extra}) { ${name}(id: $id, revision: $revision${pass}) { ${RUN} } }`;
const APPROVE = step('approvePayrollRun', ', $comment: String', ', comment: $comment');

describe.each(testProviders)('payroll on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'finmgr' | 'director' | 'gm' | 'manager' | 'rep', string>;
  let team: { id: string };
  let lead: { id: string; employeeNo: string };
  let trainees: { id: string; employeeNo: string }[];
  let runId: string;
  let run: any;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'finmgr', 'director', 'gm', 'manager', 'rep'] as const) t[u] = await s.login(u);
    // The seed's example: a team lead (SM) selling 30,000 by the 20th with four trained reps at 20,000 each.
    const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    const a = await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } });
    team = { id: a.unitId };
    const unit = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: a.unitId } });
    lead = await s.db.prisma.person.update({ where: { id: unit.managerId! }, data: { rank: 'SM', baseSalaryFen: 600_000n } });
    const reps = await s.db.prisma.person.findMany({ where: { position: 'SALES_REP', status: { not: 'LEFT' }, hireDate: { lt: new Date('2026-01-01') }, assignments: { some: { unitId: a.unitId, validTo: null } } }, orderBy: { employeeNo: 'asc' } });
    await s.db.prisma.person.updateMany({ where: { mentorId: lead.id }, data: { mentorId: null } });
    trainees = reps.slice(0, 4);
    expect(trainees).toHaveLength(4);
    await s.db.prisma.person.updateMany({ where: { id: { in: trainees.map((x) => x.id) } }, data: { mentorId: lead.id, rank: 'SR' } });
    const sales = [
      { externalId: 'P-LEAD', employeeNo: lead.employeeNo, date: '2026-03-10', amount: '30000.00' },
      ...trainees.map((x, i) => ({ externalId: `P-T${i}`, employeeNo: x.employeeNo, date: '2026-03-15', amount: '20000.00' })),
    ];
    expect((await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: sales }, t.finance)).errors).toBeUndefined();
  });
  afterAll(() => s.close());

  const refused = (query: string, variables: Record<string, unknown>, token: string) => s.refused(query, variables, token);

  it('imports attendance idempotently and refuses bad rows whole', async () => {
    const IMPORT = 'mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created updated unchanged } }';
    const records = ['03', '04', '05'].map((d) => ({ employeeNo: trainees[0]!.employeeNo, date: `2026-03-${d}`, status: 'LATE', lateMinutes: 12 }));
    expect((await s.gql(IMPORT, { r: records }, t.finance)).data.importAttendance).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect((await s.gql(IMPORT, { r: records }, t.finance)).data.importAttendance).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const bad = await refused(IMPORT, { r: [{ employeeNo: 'NOBODY', date: '2026-03-03', status: 'ABSENT' }, { employeeNo: trainees[0]!.employeeNo, date: '1990-01-01', status: 'ABSENT' }] }, t.finance);
    expect((bad.errors![0]!.extensions as any).problems.map((p: any) => p.field)).toEqual(['employeeNo', 'date']);
  });

  it('calculates the seed’s SM example exactly, every line explained', async () => {
    const c = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-03", scopeUnitId: $u) { ${RUN} } }`, { u: team.id }, t.finance);
    expect(c.errors).toBeUndefined();
    runId = c.data.createPayrollRun.run.id;
    await s.gql('mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-03", amount: "500.00", reason: "前三名奖励", approvedBy: "director") }', { p: lead.id }, t.finance);
    const calc = await s.gql(step('calculatePayrollRun'), { id: runId, revision: 1 }, t.finance);
    expect(calc.errors).toBeUndefined();
    run = calc.data.calculatePayrollRun;
    expect(run.run.status).toBe('CALCULATED');
    const slip = run.payslips.find((p: any) => p.personId === lead.id);
    const amount = (code: string) => slip.lines.find((l: any) => l.code === code).amount;
    expect(slip.planCode).toBe('DIRECT_SALES_LADDER');
    expect([amount('commission'), amount('morningStar'), amount('openStar'), amount('override')]).toEqual(['4615.38', '4000.00', '2000.00', '4000.00']);
    expect(amount('adjustment1')).toBe('500.00');
    expect(slip.lines.every((l: any) => l.explanation.rule && l.explanation.arithmetic)).toBe(true);
    // A trainee late three times: one beyond the two free, 50.00 deducted.
    const late = run.payslips.find((p: any) => p.personId === trainees[0]!.id);
    expect(late.deductions).toBe('50.00');
  });

  it('proposes promotions from the month’s sales; a manager applies or dismisses them', async () => {
    const PROPOSALS = '{ promotionProposals(month: "2026-03") { personId version from to reasons } }';
    const proposals = (await s.gql(PROPOSALS, {}, t.manager)).data.promotionProposals;
    const forTrainees = proposals.filter((x: any) => trainees.some((tr) => tr.id === x.personId));
    expect(forTrainees).toHaveLength(4);
    expect(forTrainees[0]).toMatchObject({ from: 'SR', to: 'SE', reasons: ['own sales 20000.00 ≥ 15000.00'] });
    expect(proposals.some((x: any) => x.personId === lead.id)).toBe(false); // SM → SSM needs six trainees selling 100,000
    const DECIDE = 'mutation($p: ID!, $v: Int!, $apply: Boolean!) { decidePromotion(personId: $p, version: $v, month: "2026-03", toRank: SE, apply: $apply, reason: "季度评估") }';
    const [first, second] = forTrainees;
    expect((await s.gql(DECIDE, { p: first.personId, v: first.version, apply: true }, t.manager)).data.decidePromotion).toBe(true);
    expect((await s.gql(DECIDE, { p: second.personId, v: second.version, apply: false }, t.manager)).data.decidePromotion).toBe(true);
    expect((await s.db.prisma.person.findUniqueOrThrow({ where: { id: first.personId } })).rank).toBe('SE');
    expect((await s.db.prisma.person.findUniqueOrThrow({ where: { id: second.personId } })).rank).toBe('SR');
    const left = (await s.gql(PROPOSALS, {}, t.manager)).data.promotionProposals.map((x: any) => x.personId);
    expect(left).not.toContain(first.personId);
    expect(left).not.toContain(second.personId);
    const again = await refused(DECIDE, { p: first.personId, v: first.version + 1, apply: true }, t.manager);
    expect(again.errors![0]!.message).toMatch(/no open promotion proposal/);
    expect(await s.db.prisma.auditEvent.count({ where: { entityId: first.personId, action: 'promote' } })).toBe(1);
  });

  it('signs off in order: finance manager, sales director, general manager; never out of turn or twice', async () => {
    let r = (await s.gql(step('submitPayrollRun'), { id: runId, revision: run.run.revision }, t.finance)).data.submitPayrollRun.run;
    expect(r.status).toBe('SUBMITTED');
    const early = await refused(APPROVE, { id: runId, revision: r.revision, comment: null }, t.director);
    expect(codeOf(early)).toBe('FORBIDDEN');
    expect(early.errors![0]!.message).toMatch(/finance manager's turn/);
    expect(codeOf(await refused(step('calculatePayrollRun'), { id: runId, revision: r.revision }, t.finance))).toBe('BAD_USER_INPUT');
    r = (await s.gql(APPROVE, { id: runId, revision: r.revision, comment: '已核对' }, t.finmgr)).data.approvePayrollRun.run;
    expect(r.status).toBe('FINANCE_APPROVED');
    expect(codeOf(await refused(APPROVE, { id: runId, revision: r.revision, comment: null }, t.finmgr))).toBe('FORBIDDEN');
    const back = (await s.gql(step('returnPayrollRun', ', $comment: String!', ', comment: $comment'), { id: runId, revision: r.revision, comment: '提成需复核' }, t.director)).data.returnPayrollRun;
    expect(back.run.status).toBe('CALCULATED');
    expect(back.events.at(-1)).toMatchObject({ action: 'return', actor: 'director', comment: '提成需复核' });
    r = (await s.gql(step('submitPayrollRun'), { id: runId, revision: back.run.revision }, t.finance)).data.submitPayrollRun.run;
    for (const signer of ['finmgr', 'director', 'gm'] as const) r = (await s.gql(APPROVE, { id: runId, revision: r.revision, comment: null }, t[signer])).data.approvePayrollRun.run;
    expect(r.status).toBe('LOCKED');
    run = (await s.gql(`query($id: ID!) { payrollRun(id: $id) { ${RUN} } }`, { id: runId }, t.finance)).data.payrollRun;
    expect(run.events.map((e: any) => e.action)).toEqual(['create', 'calculate', 'submit', 'approve', 'return', 'submit', 'approve', 'approve', 'approve']);
  });

  it('refuses an adjustment for a month whose payroll is signed off', async () => {
    const r = await refused('mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-03", amount: "1.00", reason: "late", approvedBy: "x") }', { p: lead.id }, t.finance);
    expect(r.errors![0]!.message).toMatch(/2026-03 payroll with this person is already locked/);
  });

  it('a locked run recomputes identically from its frozen inputs, whatever changed since', async () => {
    await s.db.prisma.salesRecord.updateMany({ where: { externalId: 'P-LEAD' }, data: { amountFen: 1n } });
    await s.db.prisma.person.update({ where: { id: lead.id }, data: { baseSalaryFen: 1n } });
    expect(await recheckRun(s.db.prisma, runId)).toEqual([]);
    expect(codeOf(await refused(step('calculatePayrollRun'), { id: runId, revision: run.run.revision }, t.finance))).toBe('BAD_USER_INPUT');
  });

  it('shows each person only what they may see', async () => {
    const mine = await s.gql('{ myPayslip(month: "2026-03") { personId net lines { code amount explanation { data inputs { name value } } } } }', {}, t.rep);
    const repId = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } })).personId;
    expect(mine.data.myPayslip.personId).toBe(repId);
    // Their own payslip's explanation whole, inputs too (brief §7: a rep checks each line by hand): in English and as data for the pane's language.
    const base = mine.data.myPayslip.lines.find((l: any) => l.code === 'base');
    expect(base.explanation.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'base' }), expect.objectContaining({ name: 'workingDaysEmployed' })]));
    expect(JSON.parse(base.explanation.data).inputs).toMatchObject({ base: expect.any(String), workingDaysEmployed: expect.any(String) });
    // The pane opens My payslip on the latest month that has one; nobody else's months show.
    expect((await s.gql('{ myPayslipMonths }', {}, t.rep)).data.myPayslipMonths).toEqual(['2026-03']);
    expect((await s.gql('{ myPayslipMonths }', {}, t.admin)).data.myPayslipMonths).toEqual([]);
    expect(codeOf(await s.gql(`query($id: ID!) { payrollRun(id: $id) { totalNet } }`, { id: runId }, t.rep))).toBe('FORBIDDEN');
    const asManager = (await s.gql(`query($id: ID!) { payrollRun(id: $id) { payslips { personId } } }`, { id: runId }, t.manager)).data.payrollRun.payslips;
    expect(asManager.length).toBe(run.payslips.length); // the team is inside the manager's area
    const mgrArea = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } })).personId } });
    const other = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM', NOT: { path: { startsWith: mgrArea.path } } } });
    const otherRun = (await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-03", scopeUnitId: $u) { run { id } } }`, { u: other.id }, t.finance)).data.createPayrollRun.run.id;
    await s.gql(step('calculatePayrollRun'), { id: otherRun, revision: 1 }, t.finance);
    // A run outside the manager's subtree is not theirs to read at all: no payslips, no summary, no events.
    const seen = await s.gql(`query($id: ID!) { payrollRun(id: $id) { payslips { personId } } }`, { id: otherRun }, t.manager);
    expect(codeOf(seen)).toBe('NOT_FOUND');
    expect(seen.data?.payrollRun ?? null).toBeNull();
    expect((await s.gql(`query($id: ID!) { payrollRun(id: $id) { payslips { personId } } }`, { id: otherRun }, t.finance)).data.payrollRun.payslips.length).toBeGreaterThan(3);
  });

  it('reopens a locked run only by an admin, as a new version; the locked one is kept', async () => {
    const REOPEN = step('reopenPayrollRun', ', $reason: String!', ', reason: $reason');
    expect(codeOf(await refused(REOPEN, { id: runId, revision: run.run.revision, reason: 'x' }, t.finance))).toBe('FORBIDDEN');
    const r = await s.gql(REOPEN, { id: runId, revision: run.run.revision, reason: '补发奖金' }, t.admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.reopenPayrollRun.run).toMatchObject({ version: 2, status: 'DRAFT' });
    expect((await s.gql(`query($id: ID!) { payrollRun(id: $id) { run { status version } } }`, { id: runId }, t.finance)).data.payrollRun.run).toEqual({ status: 'LOCKED', version: 1 });
    // Replaced by version 2: the locked version is not the one to pay, and stays as it was.
    const PAID = step('markPayrollRunPaid');
    expect((await refused(PAID, { id: runId, revision: run.run.revision }, t.finance)).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NEWER_RUN_VERSION', params: { version: 2 } });
    expect((await s.gql(`query($id: ID!) { payrollRun(id: $id) { run { status } } }`, { id: runId }, t.finance)).data.payrollRun.run.status).toBe('LOCKED');
    // What the reopen is for: a reward for the month goes into version 2, no longer refused as already locked.
    const added = await s.gql('mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-03", amount: "88.00", reason: "补发奖金", approvedBy: "director") }', { p: lead.id }, t.finance);
    expect(added.errors).toBeUndefined();
    expect(await s.db.prisma.payAdjustment.count({ where: { personId: lead.id, month: '2026-03', amountFen: 8800n } })).toBe(1);
  });

  it('calculation is atomic: a failure half-way leaves no payslip behind', async () => {
    const u = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'AREA' } });
    const created = (await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-02", scopeUnitId: $u) { run { id revision } } }`, { u: u.id }, t.finance)).data.createPayrollRun.run;
    const session = await resolveSession(s.db.prisma, `Bearer ${t.finance}`);
    const ctx: Context = { prisma: s.db.prisma, config: s.config, viewer: 'viewer' in session ? session.viewer : null, sessionProblem: null, clock: systemClock, loginThrottle: createThrottle(), memo: new Map() };
    const before = await databaseSnapshot(s.db);
    await expect(
      calculateRun(ctx, created.id, created.revision, {
        afterPayslip: (i) => {
          if (i === 2) throw new Error('injected failure');
        },
      }),
    ).rejects.toThrow('injected failure');
    expect(await s.db.prisma.payslip.count({ where: { runId: created.id } })).toBe(0);
    expect(await databaseSnapshot(s.db)).toBe(before);
    expect((await s.db.prisma.payrollRun.findUniqueOrThrow({ where: { id: created.id } })).status).toBe('DRAFT');
  });

  it('refuses a run in a locked month, a month that does not exist, and a second run for the same month', async () => {
    await s.gql('mutation { lockPeriod(periodKey: "2026-04", reason: "closed") { periodKey } }', {}, t.admin);
    const CREATE = `mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id } } }`;
    expect((await refused(CREATE, { m: '2026-04', u: team.id }, t.finance)).errors![0]!.message).toMatch(/2026-04 is locked/);
    expect(codeOf(await refused(CREATE, { m: '2026-13', u: team.id }, t.finance))).toBe('BAD_USER_INPUT');
    expect((await refused(CREATE, { m: '2026-03', u: team.id }, t.finance)).errors![0]!.message).toMatch(/already exists/);
  });
});

describe('attendance from a file', () => {
  let s: TestServer;
  let finance: string;
  let employeeNo: string;
  beforeAll(async () => {
    s = await startTestServer('sqlite');
    finance = await s.login('finance');
    employeeNo = (await s.db.prisma.person.findFirstOrThrow({ where: { hireDate: { lt: new Date('2024-01-01') }, status: 'ACTIVE' } })).employeeNo;
  });
  afterAll(() => s.close());

  async function upload(name: string, body: string) {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: 'mutation($f: File!) { importAttendanceFile(file: $f) { created updated unchanged } }', variables: { f: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.f'] }));
    form.set('0', new File([body], name));
    const res = await s.app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'x-quotabook-csrf': '1', authorization: `Bearer ${finance}` }, body: form });
    return (await res.json()) as GqlResult;
  }

  it('imports Chinese statuses, and names the cell of a bad one without saving anything', async () => {
    const ok = await upload('march.csv', `工号,日期,状态,迟到分钟\n${employeeNo},2026-03-02,迟到,15\n${employeeNo},2026-03-03,事假,\n${employeeNo},2026-03-04,出勤,\n`);
    expect(ok.data.importAttendanceFile).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const before = await databaseSnapshot(s.db);
    const bad = await upload('bad.csv', `工号,日期,状态\n${employeeNo},2026-03-05,摸鱼\n${employeeNo},2026-03-32,出勤\n`);
    expect((bad.errors![0]!.extensions as any).problems.map((p: any) => p.message)).toEqual([
      expect.stringMatching(/^CSV!C2: “摸鱼” is not a status/),
      expect.stringMatching(/^CSV!B3: “2026-03-32” is not a date/),
    ]);
    expect(await databaseSnapshot(s.db)).toBe(before);
  });
});

describe('leave requests', () => {
  let s: TestServer;
  const tk = {} as Record<'finance' | 'manager' | 'rep', string>;
  beforeAll(async () => {
    s = await startTestServer('sqlite');
    for (const u of ['finance', 'manager', 'rep'] as const) tk[u] = await s.login(u);
  });
  afterAll(() => s.close());

  it('must be asked for before it is taken; unrequested leave counts as absence', async () => {
    const REQUEST = 'mutation($from: Date!, $to: Date!) { requestLeave(kind: PERSONAL_LEAVE, from: $from, to: $to, reason: "家事") { id status } }';
    const past = await s.gql(REQUEST, { from: '2020-01-06', to: '2020-01-06' }, tk.rep);
    expect(past.errors![0]!.message).toMatch(/Leave must be requested before it is taken/);
    const from = addDays(today(), 10);
    const req = (await s.gql(REQUEST, { from, to: from }, tk.rep)).data.requestLeave;
    expect(req.status).toBe('REQUESTED');
    expect((await s.gql(REQUEST, { from, to: addDays(from, 1) }, tk.rep)).errors![0]!.message).toMatch(/already asked for leave/);
    expect((await s.gql('mutation($id: ID!) { decideLeave(id: $id, approve: true) { status } }', { id: req.id }, tk.rep)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await s.gql('mutation($id: ID!) { decideLeave(id: $id, approve: true, comment: "好") { status } }', { id: req.id }, tk.manager)).data.decideLeave.status).toBe('APPROVED');

    const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } });
    const other = addDays(from, 2);
    const imported = await s.gql(
      'mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }',
      { r: [{ employeeNo: rep.person!.employeeNo, date: from, status: 'PERSONAL_LEAVE' }, { employeeNo: rep.person!.employeeNo, date: other, status: 'PERSONAL_LEAVE' }] },
      tk.finance,
    );
    expect(imported.errors).toBeUndefined();
    const month = from.slice(0, 7);
    const summary = (await s.gql('query($m: String!) { attendanceSummary(month: $m) { personId personalLeave unrequestedLeave } }', { m: month }, tk.rep)).data.attendanceSummary;
    const mine = summary.find((x: any) => x.personId === rep.personId);
    if (other.slice(0, 7) === month) expect(mine).toMatchObject({ personalLeave: 1, unrequestedLeave: 1 });
    else expect(mine).toMatchObject({ personalLeave: 1, unrequestedLeave: 0 });
    expect(summary.every((x: any) => x.personId === rep.personId)).toBe(true);

    // Leave counts as asked for only in the kind asked for: the approved personal-leave day recorded as sick leave was never requested.
    const sick = await s.gql('mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { updated } }', { r: [{ employeeNo: rep.person!.employeeNo, date: from, status: 'SICK_LEAVE' }] }, tk.finance);
    expect(sick.errors).toBeUndefined();
    const after = (await s.gql('query($m: String!) { attendanceSummary(month: $m) { personId personalLeave sickLeave unrequestedLeave } }', { m: month }, tk.rep)).data.attendanceSummary.find((x: any) => x.personId === rep.personId);
    expect(after).toMatchObject({ personalLeave: 0, sickLeave: 0, unrequestedLeave: other.slice(0, 7) === month ? 2 : 1 });
  });
});

describe('compensation plans as data', () => {
  let s: TestServer;
  let finance: string;
  beforeAll(async () => {
    s = await startTestServer('sqlite');
    finance = await s.login('finance');
  });
  afterAll(() => s.close());
  const SAVE = 'mutation($d: String!) { saveCompensationPlan(document: $d, effectiveFrom: "2026-04-01") { code version } }';

  it('saves a valid document as the next version', async () => {
    const plans = (await s.gql('{ compensationPlans { code version document } }', {}, finance)).data.compensationPlans;
    const ladder = JSON.parse(plans.find((p: any) => p.code === 'DIRECT_SALES_LADDER').document);
    ladder.components[1].tiers[2].rate = '22';
    const r = await s.gql(SAVE, { d: JSON.stringify(ladder) }, finance);
    expect(r.data.saveCompensationPlan).toEqual({ code: 'DIRECT_SALES_LADDER', version: 2 });
  });

  it('refuses overlapping tiers, unknown measures and formulas that do not parse, listing each with its path, saving nothing', async () => {
    const plans = (await s.gql('{ compensationPlans { code document } }', {}, finance)).data.compensationPlans;
    const bad = JSON.parse(plans.find((p: any) => p.code === 'BASE_PLUS_COMMISSION').document);
    bad.components[1].tiers[1].from = '0';
    bad.components[1].base = 'sales ** 2';
    const before = await databaseSnapshot(s.db);
    const r = await s.gql(SAVE, { d: JSON.stringify(bad) }, finance);
    expect(r.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((r.errors![0]!.extensions as any).problems.map((p: any) => p.path)).toEqual(['components.1.base', 'components.1.tiers.1.from']);
    bad.components[1].base = 'sales';
    bad.components[1].tiers[1].from = '50000';
    bad.components[1].tierOn = 'profit';
    expect(((await s.gql(SAVE, { d: JSON.stringify(bad) }, finance)).errors![0]!.extensions as any).problems[0].path).toBe('components.1.tierOn');
    expect((await s.gql(SAVE, { d: '{not json' }, finance)).errors![0]!.message).toMatch(/not JSON/);
    expect(await databaseSnapshot(s.db)).toBe(before);
  });
});
