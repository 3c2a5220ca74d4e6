/**
 * A team's November 2026 payroll handed to the signers stays what it was
 * signed as (brief §7: after lock, only an audited reopen). Found by an
 * outside check: applying a promotion earned in October (the new rank counts
 * from 1 November) went through while the same rank change by updatePerson
 * was refused; a hire back-dated into November went through and nobody would
 * pay them; and a rank's or a position's plan from a signed month was refused
 * as if about "this person", on a field the mutation does not have. Each is
 * refused now, changing nothing; from an open month each goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const RUN = 'run { id month version revision status }';
const step = (name: string, comment = false) =>
  `mutation($id: ID!, $revision: Int!${comment ? ', $comment: String' : ''}) { ${name}(id: $id, revision: $revision${comment ? ', comment: $comment' : ''}) { ${RUN} } }`;
const HIRE = 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }';
const PROMOTE = 'mutation($p: ID!, $v: Int!) { decidePromotion(personId: $p, version: $v, month: "2026-10", toRank: SE, apply: true) }';
const ASSIGN = 'mutation($p: ID, $r: Rank, $pos: Position, $from: Date!) { assignCompensationPlan(planCode: "BASE_PLUS_COMMISSION", personId: $p, rank: $r, position: $pos, effectiveFrom: $from) }';
const ext = (r: GqlResult) => r.errors?.[0]?.extensions as { code?: string; reason?: string; field?: string; params?: Record<string, unknown> };

describe.each(testProviders)('roster changes into a signed payroll on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'finmgr' | 'director' | 'gm', string>;
  let team: string;
  let otherTeam: string;
  let rep: { id: string; version: number };
  let run: { id: string; month: string; version: number; revision: number; status: string };

  const advance = async (name: string, token: string, comment = false) => {
    const r = await s.gql(step(name, comment), { id: run.id, revision: run.revision, ...(comment ? { comment: null } : {}) }, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    run = r.data[name].run;
  };
  const hire = (employeeNo: string, hireDate: string, unitId = team) =>
    s.gql(HIRE, { i: { employeeNo, name: `新人${employeeNo}`, position: 'SALES_REP', rank: 'SR', hireDate, unitId, baseSalary: '3000.00' } }, t.admin);
  const signed = (status: string) => ({ month: '2026-11', runStatus: status, version: 1 });

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'finmgr', 'director', 'gm'] as const) t[u] = await s.login(u);
    // A team of its own, with one rep (SR) who sold 16,000.00 in October 2026: enough for SE from 1 November.
    const first = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM' }, orderBy: { code: 'asc' } });
    otherTeam = first.id;
    const made = await s.gql('mutation($p: ID!) { createOrgUnit(input: { code: "SPR-T", name: "签字测试组", kind: TEAM, parentId: $p }) { id } }', { p: first.parentId }, t.admin);
    expect(made.errors, JSON.stringify(made.errors)).toBeUndefined();
    team = made.data.createOrgUnit.id;
    const hired = await s.gql('mutation($i: CreatePersonInput!) { createPerson(input: $i) { id version } }', {
      i: { employeeNo: 'SPR-1', name: '晋升甲', position: 'SALES_REP', rank: 'SR', hireDate: '2025-01-01', unitId: team, baseSalary: '3000.00' },
    }, t.admin);
    expect(hired.errors, JSON.stringify(hired.errors)).toBeUndefined();
    rep = hired.data.createPerson;
    const sold = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: [{ externalId: 'SPR-S1', employeeNo: 'SPR-1', date: '2026-10-12', amount: '16000.00' }] }, t.finance);
    expect(sold.errors, JSON.stringify(sold.errors)).toBeUndefined();
    // The team's November payroll, calculated, submitted and signed by the finance manager.
    const created = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-11", scopeUnitId: $u) { ${RUN} } }`, { u: team }, t.finance);
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    run = created.data.createPayrollRun.run;
    await advance('calculatePayrollRun', t.finance);
    await advance('submitPayrollRun', t.finance);
    await advance('approvePayrollRun', t.finmgr, true);
    expect(run.status).toBe('FINANCE_APPROVED');
    expect(await s.db.prisma.payslip.count({ where: { runId: run.id, personId: rep.id } })).toBe(1);
  });
  afterAll(() => s.close());

  it('refuses applying a promotion whose new rank counts from the signed month, as updatePerson refuses the same rank, changing nothing', async () => {
    const proposals = (await s.gql('{ promotionProposals(month: "2026-10") { personId from to } }', {}, t.admin)).data.promotionProposals;
    expect(proposals.find((p: { personId: string }) => p.personId === rep.id)).toMatchObject({ from: 'SR', to: 'SE' });
    const byRoster = await s.refused('mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { rank: SE }, payFrom: "2026-11-01") { id } }', { id: rep.id, v: rep.version }, t.admin);
    expect(ext(byRoster)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYROLL_ALREADY_SIGNED', params: signed('FINANCE_APPROVED') });
    const promoted = await s.refused(PROMOTE, { p: rep.id, v: rep.version }, t.admin);
    expect(ext(promoted)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYROLL_ALREADY_SIGNED', field: 'month', params: signed('FINANCE_APPROVED') });
    const after = await s.db.prisma.person.findUniqueOrThrow({ where: { id: rep.id } });
    expect([after.rank, after.version]).toEqual(['SR', rep.version]);
    expect(await s.db.prisma.promotionDecision.count({ where: { personId: rep.id } })).toBe(0);
    // Still proposed: once the run is returned or reopened, it may be applied.
    expect((await s.gql('{ promotionProposals(month: "2026-10") { personId } }', {}, t.admin)).data.promotionProposals.map((p: { personId: string }) => p.personId)).toContain(rep.id);
  });

  it('refuses a rank’s or a position’s plan from the signed month naming the rank or the position, on effectiveFrom; from December it goes through', async () => {
    const byRank = await s.refused(ASSIGN, { r: 'SR', from: '2026-11-01' }, t.finance);
    expect(ext(byRank)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYROLL_ALREADY_SIGNED_FOR_RANK', field: 'effectiveFrom', params: { rank: 'SR', ...signed('FINANCE_APPROVED') } });
    expect(byRank.errors![0]!.message).toContain('with people of rank SR');
    const byPosition = await s.refused(ASSIGN, { pos: 'SALES_REP', from: '2026-10-01' }, t.finance);
    expect(ext(byPosition)).toMatchObject({ reason: 'PAYROLL_ALREADY_SIGNED_FOR_POSITION', field: 'effectiveFrom', params: { position: 'SALES_REP', ...signed('FINANCE_APPROVED') } });
    // One person's plan still says "this person", on the argument given.
    const byPerson = await s.refused(ASSIGN, { p: rep.id, from: '2026-11-01' }, t.finance);
    expect(ext(byPerson)).toMatchObject({ reason: 'PAYROLL_ALREADY_SIGNED', field: 'effectiveFrom', params: signed('FINANCE_APPROVED') });
    const december = await s.gql(ASSIGN, { r: 'SR', from: '2026-12-01' }, t.finance);
    expect(december.errors, JSON.stringify(december.errors)).toBeUndefined();
  });

  it('refuses a hire back-dated into the unit’s signed or paid month (nobody would pay them), changing nothing; elsewhere or from December it goes through', async () => {
    const approved = await s.refused(HIRE, { i: { employeeNo: 'SPR-2', name: '新人', position: 'SALES_REP', rank: 'SR', hireDate: '2026-11-03', unitId: team, baseSalary: '3000.00' } }, t.admin);
    expect(ext(approved)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYROLL_ALREADY_SIGNED', field: 'input.hireDate', params: signed('FINANCE_APPROVED') });
    // Signed to the end and paid.
    await advance('approvePayrollRun', t.director, true);
    await advance('approvePayrollRun', t.gm, true);
    await advance('markPayrollRunPaid', t.finance);
    expect(run.status).toBe('PAID');
    const paid = await s.refused(HIRE, { i: { employeeNo: 'SPR-2', name: '新人', position: 'SALES_REP', rank: 'SR', hireDate: '2026-11-03', unitId: team, baseSalary: '3000.00' } }, t.admin);
    expect(ext(paid)).toMatchObject({ reason: 'PAYROLL_ALREADY_SIGNED', field: 'input.hireDate', params: signed('PAID') });
    // A hire from October is in the paid November too.
    expect(ext(await s.refused(HIRE, { i: { employeeNo: 'SPR-2', name: '新人', position: 'SALES_REP', rank: 'SR', hireDate: '2026-10-20', unitId: team, baseSalary: '3000.00' } }, t.admin))).toMatchObject({ params: signed('PAID') });
    expect(await s.db.prisma.person.count({ where: { employeeNo: 'SPR-2' } })).toBe(0);
    // A team without a signed November, and December in this one, take the hire.
    expect((await hire('SPR-3', '2026-11-03', otherTeam)).errors).toBeUndefined();
    expect((await hire('SPR-4', '2026-12-01')).errors).toBeUndefined();
  });

  it('refuses a transfer into the unit from a day of its paid month (its signed run would not pay them, the old unit’s no longer would), changing nothing', async () => {
    const TRANSFER = 'mutation($id: ID!, $v: Int!, $u: ID!, $d: Date!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: $d) { id } }';
    const mover = await s.db.prisma.person.findFirstOrThrow({ where: { employeeNo: 'SPR-3' } });
    const refused = await s.refused(TRANSFER, { id: mover.id, v: mover.version, u: team, d: '2026-11-20' }, t.admin);
    expect(ext(refused)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYROLL_ALREADY_SIGNED', field: 'effectiveDate', params: signed('PAID') });
    // From December, which this team has not paid, it goes through.
    expect((await s.gql(TRANSFER, { id: mover.id, v: mover.version, u: team, d: '2026-12-01' }, t.admin)).errors).toBeUndefined();
    // The paid rep's own changes into November name the argument that reaches into it, so the pane can show the refusal there.
    const version = (await s.db.prisma.person.findUniqueOrThrow({ where: { id: rep.id } })).version;
    const raise = await s.refused('mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { baseSalary: "3500.00" }, payFrom: "2026-11-10") { id } }', { id: rep.id, v: version }, t.admin);
    expect(ext(raise)).toMatchObject({ reason: 'PAYROLL_ALREADY_SIGNED', field: 'payFrom' });
    expect(ext(await s.refused(TRANSFER, { id: rep.id, v: version, u: otherTeam, d: '2026-11-20' }, t.admin))).toMatchObject({ reason: 'PAYROLL_ALREADY_SIGNED', field: 'effectiveDate' });
    const leave = await s.refused('mutation($id: ID!, $v: Int!) { deactivatePerson(id: $id, version: $v, leaveDate: "2026-11-20") { id } }', { id: rep.id, v: version }, t.admin);
    expect(ext(leave)).toMatchObject({ reason: 'PAYROLL_ALREADY_SIGNED', field: 'leaveDate' });
  });

  it('takes the hire once an admin has reopened the paid run (its new version is a draft, which is calculated again)', async () => {
    const reopened = await s.gql(`mutation($id: ID!, $revision: Int!) { reopenPayrollRun(id: $id, revision: $revision, reason: "补录新人") { ${RUN} } }`, { id: run.id, revision: run.revision }, t.admin);
    expect(reopened.errors, JSON.stringify(reopened.errors)).toBeUndefined();
    expect(reopened.data.reopenPayrollRun.run).toMatchObject({ version: 2, status: 'DRAFT' });
    expect((await hire('SPR-2', '2026-11-03')).errors).toBeUndefined();
  });
});
