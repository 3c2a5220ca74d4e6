/**
 * Rewards and penalties from a published ranking (issue 10 §3) through the
 * API: the rules document kept as data; publishing a ranking of people
 * proposes the top three's rewards and the bottom three's penalties; a
 * manager approves them into the month's pay adjustments (explained on the
 * payslip by the ranking) or dismisses them; nothing reaches payroll
 * unapproved; republishing supersedes what is still open; refusals change
 * nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const PROPOSAL = 'id personId month place ranked kind amount status comment payAdjustmentId version unitName periodKey locked';
const PUBLISH = `mutation($u: ID!, $p: String!) { publishRanking(unitId: $u, period: $p, basis: AMOUNT) { id version rows { ownerId rank } } }`;
const LIST = `query($u: ID, $m: String, $s: RankingProposalStatus) { rankingAdjustmentProposals(unitId: $u, month: $m, status: $s) { ${PROPOSAL} } }`;
const APPROVE = `mutation($id: ID!) { approveRankingAdjustment(id: $id) { ${PROPOSAL} } }`;
const DISMISS = `mutation($id: ID!, $c: String!) { dismissRankingAdjustment(id: $id, comment: $c) { ${PROPOSAL} } }`;
const RUN = 'run { id revision status } payslips { personId lines { code kind amount label explanation { rule code data inputs { name value } } } }';
const step = (name: string) => `mutation($id: ID!, $revision: Int!) { ${name}(id: $id, revision: $revision) { ${RUN} } }`;

describe.each(testProviders)('ranking rewards on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager' | 'rep' | 'director', string>;
  let area: { id: string; name: string };
  let otherArea: string;
  let managerPerson: string;
  let repPerson: string;
  /** The area's people in the order they were made to sell: the manager first. */
  let order: { id: string; employeeNo: string }[];
  let proposals: any[];
  let runId: string;
  let revision: number;

  const gql = async (q: string, vars: Record<string, unknown>, token = t.manager) => {
    const r = await s.gql(q, vars, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data;
  };
  const sell = (records: [string, string, string][], tag: string) =>
    gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: records.map(([employeeNo, date, amount], n) => ({ externalId: `${tag}-${n}`, employeeNo, date, amount })) }, t.finance);
  const of = (kind: string, place: number) => proposals.filter((p) => p.kind === kind && p.place === place);

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'rep', 'director'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    managerPerson = mgr.personId!;
    repPerson = (await p.user.findUniqueOrThrow({ where: { username: 'rep' } })).personId!;
    const a = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    area = { id: a.id, name: a.name };
    otherArea = (await p.orgUnit.findFirstOrThrow({ where: { kind: 'AREA', id: { not: a.id } } })).id;
    // Everyone the area's ranking for 2026-03-D2 lists sells a different amount, the manager most: places 1, 2, … n.
    const table = (await gql('query($u: ID!) { leagueTable(unitId: $u, period: "2026-03-D2", basis: AMOUNT) { rows { ownerId code } } }', { u: a.id })).leagueTable.rows as { ownerId: string; code: string }[];
    const others = table.filter((r) => r.ownerId !== managerPerson);
    expect(table.some((r) => r.ownerId === managerPerson), 'the manager sells in their area').toBe(true);
    order = [{ id: managerPerson, employeeNo: table.find((r) => r.ownerId === managerPerson)!.code }, ...others.map((r) => ({ id: r.ownerId, employeeNo: r.code }))];
    expect(order.length).toBeGreaterThanOrEqual(7);
    await sell(order.map((x, i) => [x.employeeNo, '2026-03-15', `${(order.length - i) * 100}.00`]), 'RR');
  });
  afterAll(() => s.close());

  it('keeps the rules as data: managers read them, admins change them (checked, audited)', async () => {
    expect((await gql('{ rankingRewardRules { rewards penalties } }', {})).rankingRewardRules).toEqual({ rewards: ['1000.00', '600.00', '300.00'], penalties: ['200.00', '100.00', '50.00'] });
    const SET = 'mutation($r: RankingRewardRulesInput!) { setRankingRewardRules(rules: $r) { rewards penalties } }';
    const bad = await s.refused(SET, { r: { rewards: ['1000', '-5'], penalties: ['1.234'] } }, t.admin);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RANKING_RULE_AMOUNT_INVALID', params: { list: 'rewards', place: 2, value: '-5' } });
    expect((bad.errors![0]!.extensions as any).problems).toHaveLength(2);
    expect(codeOf(await s.refused(SET, { r: { rewards: ['1'], penalties: [] } }, t.manager))).toBe('FORBIDDEN');
    // Saved normalised and audited; then put back to the defaults for the rest.
    expect((await gql(SET, { r: { rewards: ['1000', '600.5'], penalties: [] } }, t.admin)).setRankingRewardRules).toEqual({ rewards: ['1000.00', '600.50'], penalties: [] });
    expect((await gql('{ rankingRewardRules { rewards penalties } }', {}, t.finance)).rankingRewardRules).toEqual({ rewards: ['1000.00', '600.50'], penalties: [] });
    await gql(SET, { r: { rewards: ['1000.00', '600.00', '300.00'], penalties: ['200.00', '100.00', '50.00'] } }, t.admin);
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'Setting', entityId: 'results.rankingRewards', action: 'update' } })).toBe(2);
  });

  it('proposes the top three’s rewards and the bottom three’s penalties when a ranking of people is published, for the month the period ends in', async () => {
    const v1 = (await gql(PUBLISH, { u: area.id, p: '2026-03-D2' })).publishRanking;
    const n = order.length;
    expect(v1.rows.slice(0, n).map((r: any) => [r.ownerId, r.rank])).toEqual(order.map((x, i) => [x.id, i + 1]));
    proposals = (await gql(LIST, { u: area.id, m: '2026-03' })).rankingAdjustmentProposals;
    const brief = (p: any) => [p.personId, p.kind, p.place, p.ranked, p.amount, p.status, p.month, p.version];
    expect(proposals.map(brief).sort()).toEqual(
      [
        [order[0]!.id, 'REWARD', 1, n, '1000.00', 'PROPOSED', '2026-03', 1],
        [order[1]!.id, 'REWARD', 2, n, '600.00', 'PROPOSED', '2026-03', 1],
        [order[2]!.id, 'REWARD', 3, n, '300.00', 'PROPOSED', '2026-03', 1],
        [order[n - 3]!.id, 'PENALTY', n - 2, n, '-50.00', 'PROPOSED', '2026-03', 1],
        [order[n - 2]!.id, 'PENALTY', n - 1, n, '-100.00', 'PROPOSED', '2026-03', 1],
        [order[n - 1]!.id, 'PENALTY', n, n, '-200.00', 'PROPOSED', '2026-03', 1],
      ].sort(),
    );
    expect(proposals.every((p) => p.unitName === area.name && p.periodKey === '2026-03-D2' && p.payAdjustmentId === null)).toBe(true);
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'RankingAdjustmentProposal', action: 'propose' } })).toBe(6);
    // Nothing is in payroll yet.
    expect(await s.db.prisma.payAdjustment.count()).toBe(0);
    // A ranking of units pays nobody.
    await gql('mutation($u: ID!) { publishRanking(unitId: $u, period: "2026-03-D2", by: CHILD_UNIT, basis: AMOUNT) { version } }', { u: area.id });
    expect((await gql(LIST, {})).rankingAdjustmentProposals).toHaveLength(6);
  });

  it('shows proposals by scope: finance all, a manager their subtree’s and own, a rep only their own', async () => {
    expect((await gql(LIST, {}, t.finance)).rankingAdjustmentProposals).toHaveLength(6);
    const mine = (await gql(LIST, {}, t.rep)).rankingAdjustmentProposals;
    expect(mine.every((p: any) => p.personId === repPerson)).toBe(true);
    expect(mine).toHaveLength(proposals.filter((p) => p.personId === repPerson).length);
    expect((await gql(LIST, { u: otherArea }, t.manager)).rankingAdjustmentProposals).toEqual([]);
  });

  it('says who may decide each open proposal: the manager over the unit (not their own), an admin; not a director, finance or a rep', async () => {
    const CAN = `query($u: ID, $m: String) { rankingAdjustmentProposals(unitId: $u, month: $m) { personId status canDecide } }`;
    const read = async (token: string) => (await gql(CAN, { u: area.id, m: '2026-03' }, token)).rankingAdjustmentProposals as { personId: string; status: string; canDecide: boolean }[];
    const byManager = await read(t.manager);
    expect(byManager.length).toBeGreaterThan(1);
    for (const p of byManager) expect(p.canDecide, p.personId).toBe(p.status === 'PROPOSED' && p.personId !== managerPerson);
    expect(byManager.some((p) => p.personId === managerPerson && p.status === 'PROPOSED')).toBe(true);
    expect((await read(t.admin)).every((p) => p.canDecide === (p.status === 'PROPOSED'))).toBe(true);
    for (const token of [t.director, t.finance]) expect((await read(token)).every((p) => !p.canDecide)).toBe(true);
    expect((await gql(CAN, {}, t.rep)).rankingAdjustmentProposals.every((p: { canDecide: boolean }) => !p.canDecide)).toBe(true);
  });

  it('nothing reaches payroll unapproved; an approved reward is a pay adjustment the payslip explains by the ranking', async () => {
    const created = await gql('mutation($u: ID!) { createPayrollRun(month: "2026-03", scopeUnitId: $u) { run { id revision } } }', { u: area.id }, t.finance);
    runId = created.createPayrollRun.run.id;
    let run = (await gql(step('calculatePayrollRun'), { id: runId, revision: created.createPayrollRun.run.revision }, t.finance)).calculatePayrollRun;
    const adjustmentLines = (r: any, personId: string) => r.payslips.find((x: any) => x.personId === personId)?.lines.filter((l: any) => l.kind === 'adjustments') ?? [];
    for (const x of order.slice(0, 3)) expect(adjustmentLines(run, x.id)).toEqual([]);

    // The manager cannot approve their own reward; nothing changes.
    const own = await s.refused(APPROVE, { id: of('REWARD', 1)[0].id }, t.manager);
    expect(own.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_PAY' });
    // An admin approves it; the manager approves second and third.
    const first = (await gql(APPROVE, { id: of('REWARD', 1)[0].id }, t.admin)).approveRankingAdjustment;
    expect(first).toMatchObject({ status: 'APPROVED', amount: '1000.00' });
    for (const place of [2, 3]) expect((await gql(APPROVE, { id: of('REWARD', place)[0].id })).approveRankingAdjustment.status).toBe('APPROVED');
    const adjustments = await s.db.prisma.payAdjustment.findMany({ orderBy: { amountFen: 'desc' } });
    expect(adjustments.map((a) => [a.personId, a.month, a.amountFen, a.rankingProposalId])).toEqual([
      [order[0]!.id, '2026-03', 100_000n, of('REWARD', 1)[0].id],
      [order[1]!.id, '2026-03', 60_000n, of('REWARD', 2)[0].id],
      [order[2]!.id, '2026-03', 30_000n, of('REWARD', 3)[0].id],
    ]);
    expect(first.payAdjustmentId).toBe(adjustments[0]!.id);
    expect(adjustments[0]!.reason).toBe(`${area.name} 2026-03-D2 1/${order.length} v1`);
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'PayAdjustment', action: 'create' } })).toBe(3);
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'RankingAdjustmentProposal', action: 'approve' } })).toBe(3);

    run = (await gql(step('calculatePayrollRun'), { id: runId, revision: run.run.revision }, t.finance)).calculatePayrollRun;
    revision = run.run.revision;
    expect(order.slice(0, 3).map((x) => adjustmentLines(run, x.id).map((l: any) => l.amount))).toEqual([['1000.00'], ['600.00'], ['300.00']]);
    const line = adjustmentLines(run, order[0]!.id)[0];
    expect(line.explanation.code).toBe('adjustment');
    expect(line.explanation.rule).toBe(`Ranking reward: 1st of ${order.length}, ${area.name}, Mar 2026 2nd ten days, by sales (published v1)`);
    expect(JSON.parse(line.explanation.data).rule).toEqual({ code: 'adjustment', ranking: { kind: 'REWARD', unit: area.name, period: '2026-03-D2', place: 1, ranked: order.length, basis: 'AMOUNT', metric: 'SALES_AMOUNT', version: 1 } });
    expect(line.explanation.inputs).toEqual([
      { name: 'unit', value: area.name },
      { name: 'period', value: '2026-03-D2' },
      { name: 'place', value: `1/${order.length}` },
      { name: 'version', value: '1' },
      { name: 'approvedBy', value: 'admin' },
    ]);
    // Penalties still open are not on anybody's payslip.
    for (const x of order.slice(-3)) expect(adjustmentLines(run, x.id)).toEqual([]);
  });

  it('dismisses with a comment; deciding twice, reps, a manager outside the unit and an empty comment are refused and change nothing', async () => {
    const last = of('PENALTY', order.length)[0];
    const dismissed = (await gql(DISMISS, { id: last.id, c: '新人第一个月' })).dismissRankingAdjustment;
    expect(dismissed).toMatchObject({ status: 'DISMISSED', comment: '新人第一个月', payAdjustmentId: null });
    expect(await s.db.prisma.payAdjustment.count({ where: { personId: last.personId } })).toBe(0);
    expect(await s.db.prisma.auditEvent.count({ where: { entityId: last.id, action: 'dismiss' } })).toBe(1);

    for (const [q, v] of [
      [APPROVE, { id: last.id }],
      [DISMISS, { id: of('REWARD', 2)[0].id, c: 'x' }],
    ] as const) {
      const twice = await s.refused(q, v, t.manager);
      expect(twice.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RANKING_PROPOSAL_DECIDED' });
    }
    const open = of('PENALTY', order.length - 1)[0];
    expect(codeOf(await s.refused(APPROVE, { id: open.id }, t.rep))).toBe('FORBIDDEN');
    expect(codeOf(await s.refused(APPROVE, { id: open.id }, t.finance))).toBe('FORBIDDEN');
    expect(codeOf(await s.refused(DISMISS, { id: open.id, c: '  ' }, t.manager))).toBe('BAD_USER_INPUT');

    // A ranking of another area: its manager is not this one. Someone there sells, so its first place earns a reward.
    const seller = (await gql('query($u: ID!) { leagueTable(unitId: $u, period: "2026-03-D2", basis: AMOUNT) { rows { code } } }', { u: otherArea }, t.admin)).leagueTable.rows[0].code;
    await sell([[seller, '2026-03-15', '100.00']], 'OTHER');
    await gql(PUBLISH, { u: otherArea, p: '2026-03-D2' }, t.director);
    const foreign = (await gql(LIST, { u: otherArea }, t.admin)).rankingAdjustmentProposals.find((p: any) => p.kind === 'REWARD');
    expect(foreign).toBeDefined();
    const outside = await s.refused(APPROVE, { id: foreign.id }, t.manager);
    expect(outside.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'RANKING_PROPOSAL_NOT_FOUND' });
    expect(codeOf(await s.refused(APPROVE, { id: 'nothing' }, t.admin))).toBe('NOT_FOUND');
  });

  it('refuses to approve into a signed payroll, and changes nothing', async () => {
    const submitted = (await gql(step('submitPayrollRun'), { id: runId, revision }, t.finance)).submitPayrollRun;
    expect(submitted.run.status).toBe('SUBMITTED');
    const open = of('PENALTY', order.length - 1)[0];
    const signed = await s.refused(APPROVE, { id: open.id }, t.manager);
    expect(signed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYROLL_ALREADY_SIGNED', params: { month: '2026-03', runStatus: 'SUBMITTED' } });
    const back = await s.gql('mutation($id: ID!, $revision: Int!) { returnPayrollRun(id: $id, revision: $revision, comment: "排名奖惩待定") { run { status } } }', { id: runId, revision: submitted.run.revision }, await s.login('finmgr'));
    expect(back.errors).toBeUndefined();
  });

  it('republishing supersedes what is still open and does not propose again whoever was already approved', async () => {
    // A late sale puts the last person first: they are rewarded in v2; the approved top two keep their places below.
    await sell([[order[order.length - 1]!.employeeNo, '2026-03-16', '100000.00']], 'LATE');
    const v2 = (await gql(PUBLISH, { u: area.id, p: '2026-03-D2' })).publishRanking;
    expect(v2.version).toBe(2);
    const all = (await gql(LIST, { u: area.id, m: '2026-03' })).rankingAdjustmentProposals;
    const v1 = all.filter((p: any) => p.version === 1);
    expect(v1.filter((p: any) => p.status === 'SUPERSEDED').map((p: any) => p.place).sort((a: number, b: number) => a - b)).toEqual([order.length - 2, order.length - 1]);
    expect(v1.filter((p: any) => p.status === 'APPROVED')).toHaveLength(3);
    const fresh = all.filter((p: any) => p.version === 2);
    // New first place (the late seller); the manager (2nd) and the 3rd already have an approved reward from v1; the old 3rd is 4th now.
    expect(fresh.filter((p: any) => p.kind === 'REWARD').map((p: any) => [p.personId, p.place, p.amount])).toEqual([[order[order.length - 1]!.id, 1, '1000.00']]);
    expect(fresh.filter((p: any) => p.kind === 'PENALTY')).toHaveLength(3);
    expect(fresh.every((p: any) => p.status === 'PROPOSED')).toBe(true);
    // A superseded proposal cannot be decided.
    const superseded = v1.find((p: any) => p.status === 'SUPERSEDED');
    expect((await s.refused(APPROVE, { id: superseded.id }, t.manager)).errors![0]!.extensions).toMatchObject({ reason: 'RANKING_PROPOSAL_DECIDED', params: { proposalStatus: 'SUPERSEDED' } });
  });

  it('decides nothing, approved or dismissed, for a locked month until it is reopened', async () => {
    const open = (await gql(LIST, { u: area.id, m: '2026-03', s: 'PROPOSED' })).rankingAdjustmentProposals;
    expect(open.length).toBeGreaterThan(0);
    expect(open.map((p: any) => p.locked)).toEqual(open.map(() => false));
    await gql('mutation { lockPeriod(periodKey: "2026-03", reason: "月结") { periodKey } }', {}, t.admin);
    // The list says so before anyone tries (the pane offers no decision on them).
    expect((await gql(LIST, { u: area.id, m: '2026-03', s: 'PROPOSED' })).rankingAdjustmentProposals.map((p: any) => p.locked)).toEqual(open.map(() => true));
    for (const [q, v] of [
      [DISMISS, { id: open[0].id, c: '已结账' }],
      [APPROVE, { id: open[0].id }],
    ] as const) {
      expect((await s.refused(q, v, t.manager)).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_LOCKED', params: { period: '2026-03' } });
    }
    await gql('mutation { reopenPeriod(periodKey: "2026-03", reason: "更正") }', {}, t.admin);
    expect((await gql(DISMISS, { id: open[0].id, c: '已结账' })).dismissRankingAdjustment.status).toBe('DISMISSED');
  });

  it('penalises the zero sellers tied second behind a lone seller: their place is within the reward places’ ranks, but they are the bottom', async () => {
    const seller = order[1]!;
    await sell([[seller.employeeNo, '2026-05-15', '100.00']], 'LONE');
    const v1 = (await gql(PUBLISH, { u: area.id, p: '2026-05-D2' })).publishRanking;
    const n = v1.rows.length;
    expect(v1.rows[0]).toMatchObject({ ownerId: seller.id, rank: 1 });
    expect(v1.rows.slice(1).every((r: any) => r.rank === 2)).toBe(true);
    const made = (await gql(LIST, { u: area.id, m: '2026-05' })).rankingAdjustmentProposals.map((p: any) => [p.personId, p.kind, p.place, p.ranked, p.amount]);
    expect(made.sort()).toEqual([[seller.id, 'REWARD', 1, n, '1000.00'], ...v1.rows.slice(1).map((r: any) => [r.ownerId, 'PENALTY', 2, n, '-200.00'])].sort());
  });
});
