/**
 * Payroll as the monthly report and its review, through the API: each
 * payslip's unit, plan name, rank, attendance days and sales; the run's
 * exact totals; the signatures of the current submission; whether the
 * viewer may sign or return now (the mutations' own rule); and what changed
 * against the previous month and the previous version.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { formatMoney, parseMoney } from '../../schema/money.ts';

const SLIP = 'personId employeeNo planCode planName unitName unitPath rank workingDays attendanceDays sales gross deductions net lines { code kind label amount }';
const RUN = `run { id month version revision status } payslips { ${SLIP} }
  totals { headcount gross deductions net components { key label kind total } }
  signOffs { role actor at comment } nextSigner viewerMaySign viewerMayReturn`;
const COMPARE = `query($id: ID!, $against: PayrollComparisonBase!) { payrollRun(id: $id) { comparison(against: $against) {
  base { month version } baseTotals { headcount net } changes { employeeNo personName component label old new } } } }`;
const step = (name: string, extra = '', pass = '') => `mutation($id: ID!, $revision: Int!${extra}) { ${name}(id: $id, revision: $revision${pass}) { ${RUN} } }`;
const APPROVE = step('approvePayrollRun', ', $comment: String', ', comment: $comment');
const RETURN = step('returnPayrollRun', ', $comment: String!', ', comment: $comment');
const sum = (amounts: string[]) => formatMoney(amounts.reduce((a, x) => a + parseMoney(x), 0n));

describe.each(testProviders)('the payroll report and its review on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'finmgr' | 'director' | 'gm' | 'manager' | 'rep', string>;
  let rep: { id: string; employeeNo: string; unitId: string };
  let unit: { id: string; name: string };
  let run: any;
  const query = async (id: string, token = t.finance) => {
    const r = await s.gql(`query($id: ID!) { payrollRun(id: $id) { ${RUN} } }`, { id }, token);
    expect(r.errors).toBeUndefined();
    return r.data.payrollRun;
  };
  const mine = (r: any) => r.payslips.find((p: any) => p.personId === rep.id);
  const line = (slip: any, code: string) => slip.lines.find((l: any) => l.code === code)?.amount;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'finmgr', 'director', 'gm', 'manager', 'rep'] as const) t[u] = await s.login(u);
    rep = (await s.gql('{ viewer { person { id unitId employeeNo } } }', {}, t.rep)).data.viewer.person;
    unit = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: rep.unitId }, select: { id: true, name: true } });
    await s.db.prisma.person.update({ where: { id: rep.id }, data: { rank: 'SR' } });
    const sales = [
      { externalId: 'R-FEB', employeeNo: rep.employeeNo, date: '2026-02-10', amount: '15000.00' },
      { externalId: 'R-MAR', employeeNo: rep.employeeNo, date: '2026-03-09', amount: '20000.00' },
    ];
    expect((await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: sales }, t.finance)).errors).toBeUndefined();
    const absent = [{ employeeNo: rep.employeeNo, date: '2026-03-04', status: 'ABSENT' }];
    expect((await s.gql('mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }', { r: absent }, t.finance)).errors).toBeUndefined();
    for (const month of ['2026-02', '2026-03']) {
      const created = await s.gql(`mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id revision } } }`, { m: month, u: unit.id }, t.finance);
      expect(created.errors).toBeUndefined();
      const calc = await s.gql(step('calculatePayrollRun'), { id: created.data.createPayrollRun.run.id, revision: 1 }, t.finance);
      expect(calc.errors).toBeUndefined();
      run = calc.data.calculatePayrollRun;
    }
  });
  afterAll(() => s.close());

  it('gives each payslip its unit, plan name, rank, attendance days and sales', async () => {
    const slip = mine(run);
    const plan = await s.db.prisma.compensationPlan.findUniqueOrThrow({ where: { code_version: { code: slip.planCode, version: 1 } } });
    expect(slip.planName).toBe(plan.name);
    expect(slip.planName).not.toBe(slip.planCode);
    expect(slip.unitName).toBe(unit.name);
    expect(slip.unitPath.split(' / ').at(-1)).toBe(unit.name);
    expect(slip.unitPath.split(' / ').length).toBeGreaterThan(2);
    expect(slip.rank).toBe('SR');
    expect(slip.sales).toBe('20000.00');
    expect(slip.workingDays).toBeGreaterThan(15);
    // One absent day in March.
    expect(slip.attendanceDays).toBe(slip.workingDays - 1);
    // The rep reads the same on their own payslip once it is signed off (below); a manager of the area sees the report too.
    const asManager = mine(await query(run.run.id, t.manager));
    expect(asManager).toMatchObject({ unitName: unit.name, planName: plan.name, sales: '20000.00' });
  });

  it('totals the run exactly: headcount, gross, deductions, net and each component', async () => {
    const { totals, payslips } = run;
    expect(totals.headcount).toBe(payslips.length);
    expect(totals.gross).toBe(sum(payslips.map((p: any) => p.gross)));
    expect(totals.deductions).toBe(sum(payslips.map((p: any) => p.deductions)));
    expect(totals.net).toBe(sum(payslips.map((p: any) => p.net)));
    for (const c of totals.components) expect(c.total).toBe(sum(payslips.flatMap((p: any) => p.lines.filter((l: any) => l.code === c.key).map((l: any) => l.amount))));
    expect(totals.components.map((c: any) => c.key)).toContain('commission');
  });

  it('lists what changed against the previous month, and says so when there is no previous version', async () => {
    const feb = (await s.gql(COMPARE, { id: run.run.id, against: 'PREVIOUS_MONTH' }, t.finance)).data.payrollRun.comparison;
    expect(feb.base).toEqual({ month: '2026-02', version: 1 });
    expect(feb.baseTotals.headcount).toBe(run.totals.headcount);
    const repChanges = feb.changes.filter((c: any) => c.employeeNo === rep.employeeNo);
    // February: 15,000 × 0.9 ÷ 1.17 = 11,538.46 at 15 % = 1,730.77; March: 20,000 → 15,384.62 at 20 % = 3,076.92.
    expect(repChanges.find((c: any) => c.component === 'commission')).toMatchObject({ old: '1730.77', new: '3076.92' });
    expect(repChanges.map((c: any) => c.component)).toContain('net');
    // Only amounts that differ are listed.
    expect(feb.changes.every((c: any) => c.old !== c.new)).toBe(true);
    const none = (await s.gql(COMPARE, { id: run.run.id, against: 'PREVIOUS_VERSION' }, t.finance)).data.payrollRun.comparison;
    expect(none).toEqual({ base: null, baseTotals: null, changes: [] });
  });

  it('tells each viewer whether they may sign or return now, by the mutations’ rule, and lists who signed when', async () => {
    let r = (await s.gql(step('submitPayrollRun'), { id: run.run.id, revision: run.run.revision }, t.finance)).data.submitPayrollRun;
    const may = async () => Object.fromEntries(await Promise.all((['finance', 'finmgr', 'director', 'gm'] as const).map(async (u) => [u, [(await query(run.run.id, t[u])).viewerMaySign, (await query(run.run.id, t[u])).viewerMayReturn]])));
    expect(r.nextSigner).toBe('FINANCE_MANAGER');
    expect(await may()).toEqual({ finance: [false, false], finmgr: [true, true], director: [false, false], gm: [false, false] });
    // The director may not, and the mutation agrees.
    expect(codeOf(await s.refused(APPROVE, { id: run.run.id, revision: r.run.revision, comment: null }, t.director))).toBe('FORBIDDEN');
    r = (await s.gql(APPROVE, { id: run.run.id, revision: r.run.revision, comment: '已核对' }, t.finmgr)).data.approvePayrollRun;
    expect(await may()).toEqual({ finance: [false, false], finmgr: [false, false], director: [true, true], gm: [false, false] });
    r = (await s.gql(APPROVE, { id: run.run.id, revision: r.run.revision, comment: null }, t.director)).data.approvePayrollRun;
    expect(r.nextSigner).toBe('GENERAL_MANAGER');
    expect(r.signOffs.map((x: any) => [x.role, x.actor, x.comment])).toEqual([
      ['FINANCE', 'finance', null],
      ['FINANCE_MANAGER', 'finmgr', '已核对'],
      ['DIRECTOR', 'director', null],
    ]);
    expect(r.signOffs.every((x: any, i: number, all: any[]) => i === 0 || x.at >= all[i - 1].at)).toBe(true);
    // Returned: the signatures belong to the old submission; none on the new one until it is submitted again.
    r = (await s.gql(RETURN, { id: run.run.id, revision: r.run.revision, comment: '复核' }, t.gm)).data.returnPayrollRun;
    expect(r.signOffs).toEqual([]);
    expect(r.nextSigner).toBeNull();
    expect(await may()).toEqual({ finance: [false, false], finmgr: [false, false], director: [false, false], gm: [false, false] });
    r = (await s.gql(step('submitPayrollRun'), { id: run.run.id, revision: r.run.revision }, t.finance)).data.submitPayrollRun;
    expect(r.signOffs.map((x: any) => x.role)).toEqual(['FINANCE']);
    for (const signer of ['finmgr', 'director', 'gm'] as const) r = (await s.gql(APPROVE, { id: run.run.id, revision: r.run.revision, comment: null }, t[signer])).data.approvePayrollRun;
    expect(r.run.status).toBe('LOCKED');
    expect(r.signOffs.map((x: any) => x.role)).toEqual(['FINANCE', 'FINANCE_MANAGER', 'DIRECTOR', 'GENERAL_MANAGER']);
    run = r;
  });

  it('lists for each viewer the runs whose signature is theirs to give, not one they gave already', async () => {
    // Someone holding two signer roles (finance manager and sales director) signs a submission once.
    const finmgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'finmgr' } });
    await s.db.prisma.user.create({ data: { username: 'two-hats', passwordHash: finmgr.passwordHash, roles: { create: [{ role: 'FINANCE_MANAGER' }, { role: 'DIRECTOR' }] } } });
    const twoHats = await s.login('two-hats');
    const created = (await s.gql(`mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id } } }`, { m: '2025-11', u: unit.id }, t.finance)).data.createPayrollRun.run;
    let r = (await s.gql(step('calculatePayrollRun'), { id: created.id, revision: 1 }, t.finance)).data.calculatePayrollRun;
    r = (await s.gql(step('submitPayrollRun'), { id: r.run.id, revision: r.run.revision }, t.finance)).data.submitPayrollRun;
    const listed = async (token: string) => {
      const d = await s.gql('query($m: String) { payrollRuns(month: $m) { id status viewerMaySign } }', { m: '2025-11' }, token);
      expect(d.errors).toBeUndefined();
      return d.data.payrollRuns.find((x: any) => x.id === created.id);
    };
    const listedFor = async () => Object.fromEntries(await Promise.all((['finance', 'finmgr', 'director', 'gm'] as const).map(async (u) => [u, (await listed(t[u])).viewerMaySign])));
    expect(await listedFor()).toEqual({ finance: false, finmgr: true, director: false, gm: false });
    expect((await listed(twoHats)).viewerMaySign).toBe(true);
    r = (await s.gql(APPROVE, { id: r.run.id, revision: r.run.revision, comment: null }, twoHats)).data.approvePayrollRun;
    expect(r.run.status).toBe('FINANCE_APPROVED');
    // The director's step is due, and two-hats holds that role, but has signed this submission already.
    expect(await listedFor()).toEqual({ finance: false, finmgr: false, director: true, gm: false });
    expect(await listed(twoHats)).toMatchObject({ status: 'FINANCE_APPROVED', viewerMaySign: false });
    expect((await query(r.run.id, twoHats)).viewerMaySign).toBe(false);
    const refused = await s.refused(APPROVE, { id: r.run.id, revision: r.run.revision, comment: null }, twoHats);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'ALREADY_SIGNED' });
    // Every month's list (the pane's "waiting for your signature") says the same, reading the signatures of
    // all the runs whose step is the viewer's in one query.
    const october = (await s.gql(`mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id } } }`, { m: '2025-10', u: unit.id }, t.finance)).data.createPayrollRun.run;
    let o = (await s.gql(step('calculatePayrollRun'), { id: october.id, revision: 1 }, t.finance)).data.calculatePayrollRun;
    o = (await s.gql(step('submitPayrollRun'), { id: o.run.id, revision: o.run.revision }, t.finance)).data.submitPayrollRun;
    expect(o.run.status).toBe('SUBMITTED');
    const reads = vi.spyOn(s.db.prisma.payrollEvent, 'findMany');
    try {
      const everyMonth = (await s.gql('{ payrollRuns { id viewerMaySign } }', {}, twoHats)).data.payrollRuns;
      expect(everyMonth.find((x: any) => x.id === created.id).viewerMaySign).toBe(false);
      expect(everyMonth.find((x: any) => x.id === october.id).viewerMaySign).toBe(true);
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  });

  it('does not let the one who submitted a run sign it as finance manager too', async () => {
    const finance = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'finance' } });
    await s.db.prisma.user.create({ data: { username: 'fin-and-mgr', passwordHash: finance.passwordHash, roles: { create: [{ role: 'FINANCE' }, { role: 'FINANCE_MANAGER' }] } } });
    const both = await s.login('fin-and-mgr');
    const created = (await s.gql(`mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id } } }`, { m: '2025-09', u: unit.id }, both)).data.createPayrollRun.run;
    let r = (await s.gql(step('calculatePayrollRun'), { id: created.id, revision: 1 }, both)).data.calculatePayrollRun;
    r = (await s.gql(step('submitPayrollRun'), { id: r.run.id, revision: r.run.revision }, both)).data.submitPayrollRun;
    expect((await query(r.run.id, both)).viewerMaySign).toBe(false);
    const refused = await s.refused(APPROVE, { id: r.run.id, revision: r.run.revision, comment: null }, both);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ALREADY_SIGNED' });
    // Another finance manager signs it.
    expect((await query(r.run.id, t.finmgr)).viewerMaySign).toBe(true);
    const signed = await s.gql(APPROVE, { id: r.run.id, revision: r.run.revision, comment: null }, t.finmgr);
    expect(signed.errors).toBeUndefined();
    expect(signed.data.approvePayrollRun.signOffs.map((x: any) => x.role)).toEqual(['FINANCE', 'FINANCE_MANAGER']);
  });

  it('a rep’s own payslip carries the report’s columns', async () => {
    const slip = (await s.gql('{ myPayslip(month: "2026-03") { unitName planName rank attendanceDays sales } }', {}, t.rep)).data.myPayslip;
    expect(slip).toMatchObject({ unitName: unit.name, rank: 'SR', sales: '20000.00' });
  });

  it('compares a reopened version with the one before it', async () => {
    const reopened = (await s.gql(step('reopenPayrollRun', ', $reason: String!', ', reason: $reason'), { id: run.run.id, revision: run.run.revision, reason: '补录销售' }, t.admin)).data.reopenPayrollRun;
    await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: [{ externalId: 'R-MAR-2', employeeNo: rep.employeeNo, date: '2026-03-25', amount: '5000.00' }] }, t.finance);
    const v2 = (await s.gql(step('calculatePayrollRun'), { id: reopened.run.id, revision: reopened.run.revision }, t.finance)).data.calculatePayrollRun;
    expect(mine(v2).sales).toBe('25000.00');
    const c = (await s.gql(COMPARE, { id: v2.run.id, against: 'PREVIOUS_VERSION' }, t.finance)).data.payrollRun.comparison;
    expect(c.base).toEqual({ month: '2026-03', version: 1 });
    // 25,000 × 0.9 ÷ 1.17 = 19,230.77 at 20 % = 3,846.15; the rest of the team is unchanged.
    expect(c.changes.filter((x: any) => x.component === 'commission')).toEqual([
      { employeeNo: rep.employeeNo, personName: expect.any(String), component: 'commission', label: expect.any(String), old: '3076.92', new: '3846.15' },
    ]);
    // And the rep's mentor earns 5 % of the extra 5,000 as team override: nobody else changed.
    const mentor = await s.db.prisma.person.findFirstOrThrow({ where: { mentees: { some: { id: rep.id } } } });
    expect(c.changes.filter((x: any) => x.employeeNo !== rep.employeeNo).map((x: any) => [x.employeeNo, x.component, x.old, x.new])).toEqual([
      [mentor.employeeNo, 'override', '1000.00', '1250.00'],
      [mentor.employeeNo, 'gross', '7000.00', '7250.00'],
      [mentor.employeeNo, 'net', '7000.00', '7250.00'],
    ]);
  });
  it('totals and compares for a manager only the payslips of their subtree', async () => {
    const managerPerson = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } })).personId!;
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: managerPerson } });
    const above = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: area.parentId! } });
    const ids: string[] = [];
    for (const month of ['2025-12', '2026-01']) {
      const created = (await s.gql(`mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id } } }`, { m: month, u: above.id }, t.finance)).data.createPayrollRun.run;
      expect((await s.gql(step('calculatePayrollRun'), { id: created.id, revision: 1 }, t.finance)).errors).toBeUndefined();
      ids.push(created.id);
    }
    const all = await query(ids[1]!, t.finance);
    const theirs = await query(ids[1]!, t.manager);
    expect(theirs.payslips.length).toBeGreaterThan(0);
    expect(theirs.payslips.length).toBeLessThan(all.payslips.length);
    expect(theirs.totals.headcount).toBe(theirs.payslips.length);
    expect(theirs.totals.net).toBe(sum(theirs.payslips.map((p: any) => p.net)));
    expect(theirs.payslips.every((p: any) => p.unitPath.includes(area.name))).toBe(true);
    const compared = (await s.gql(COMPARE, { id: ids[1], against: 'PREVIOUS_MONTH' }, t.manager)).data.payrollRun.comparison;
    expect(compared.base).toEqual({ month: '2025-12', version: 1 });
    expect(compared.baseTotals.headcount).toBeLessThan(all.totals.headcount);
    const visible = new Set(theirs.payslips.map((p: any) => p.employeeNo));
    expect(compared.changes.every((c: any) => visible.has(c.employeeNo))).toBe(true);
  });

  it('compares an area’s first run of its own with the month the unit above paid it, on the area’s people only', async () => {
    const managerPerson = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } })).personId!;
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: managerPerson } });
    const above = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: area.parentId! } });
    // April is paid by the unit above; May is the area's own.
    const runOf = async (month: string, unitId: string) => {
      const made = await s.gql(`mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id version } } }`, { m: month, u: unitId }, t.finance);
      expect(made.errors).toBeUndefined();
      const calc = await s.gql(step('calculatePayrollRun'), { id: made.data.createPayrollRun.run.id, revision: 1 }, t.finance);
      expect(calc.errors).toBeUndefined();
      return calc.data.calculatePayrollRun;
    };
    // Someone moves out of the area in mid-April, to a unit beside it: April's run above pays them once, for that unit.
    const beside = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { path: { startsWith: above.path }, NOT: [{ id: above.id }, { path: { startsWith: area.path } }] } });
    const leaving = await s.db.prisma.assignment.findFirstOrThrow({ where: { validTo: null, unit: { path: { startsWith: area.path } }, person: { leaveDate: null, hireDate: { lt: new Date('2026-01-01') } } }, orderBy: { id: 'asc' } });
    await s.db.prisma.assignment.update({ where: { id: leaving.id }, data: { validTo: new Date('2026-04-15') } });
    await s.db.prisma.assignment.create({ data: { personId: leaving.personId, unitId: beside.id, position: leaving.position, validFrom: new Date('2026-04-15') } });
    const april = await runOf('2026-04', above.id);
    const may = await runOf('2026-05', area.id);
    const inArea = april.payslips.filter((p: any) => p.unitPath.split(' / ').includes(area.name));
    expect(inArea.length).toBeGreaterThan(0);
    expect(april.payslips.some((p: any) => p.personId === leaving.personId)).toBe(true);
    expect(inArea.some((p: any) => p.personId === leaving.personId)).toBe(false);
    const base = `query($id: ID!) { payrollRun(id: $id) { comparison(against: PREVIOUS_MONTH) {
      base { month version scopeUnitId scopeUnitName } baseTotals { headcount net } changes { employeeNo } } } }`;
    for (const who of ['finance', 'manager'] as const) {
      const c = (await s.gql(base, { id: may.run.id }, t[who])).data.payrollRun.comparison;
      expect(c.base).toEqual({ month: '2026-04', version: april.run.version, scopeUnitId: above.id, scopeUnitName: above.name });
      // Like with like: April's totals over the area's people, not the whole unit above.
      expect(c.baseTotals).toEqual({ headcount: inArea.length, net: sum(inArea.map((p: any) => p.net)) });
      const people = new Set([...inArea.map((p: any) => p.employeeNo), ...may.payslips.map((p: any) => p.employeeNo)]);
      expect(c.changes.length).toBeGreaterThan(0);
      expect(c.changes.every((x: any) => people.has(x.employeeNo))).toBe(true);
    }
  });
});
