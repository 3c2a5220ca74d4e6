/** Target plans end to end through the API: actuals, breakdown, validation, workflow, versions, locks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, databaseSnapshot, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const PLAN = `plan { id version revision status total ownerKind scopeUnitName }
  periods { key days } rows { ownerId ownerName isScope hireDate leaveDate } lines { ownerId periodKey amount } events { action actor comment toStatus }`;
const CREATE = `mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`;
const BREAK = `mutation($id: ID!, $revision: Int!, $time: BreakdownMethodInput!, $owners: BreakdownMethodInput!) {
  breakDownTargetPlan(id: $id, revision: $revision, time: $time, owners: $owners) { ${PLAN} } }`;
const SAVE = `mutation($id: ID!, $revision: Int!, $lines: [TargetLineInput!]!) { saveTargetLines(id: $id, revision: $revision, lines: $lines) { ${PLAN} } }`;
const VALIDATE = `mutation($id: ID!, $lines: [TargetLineInput!]!) { validateTargetLines(id: $id, lines: $lines) { rule row column rowKey periodKey expected found message } }`;
const STEP = (name: string, extra = '') => `mutation($id: ID!, $revision: Int!${extra ? `, ${extra}` : ''}) { ${name}(id: $id, revision: $revision${extra ? ', comment: $comment' : ''}) { ${PLAN} } }`;
const IMPORT = `mutation($records: [SaleInput!]!) { importSalesActuals(records: $records) { created updated unchanged } }`;
const MY = `query($year: Int!) { myTargets(year: $year) { metric level periodKey amount version } }`;

const toFen = (s: string) => BigInt(s.replace('.', ''));
const sum = (xs: string[]) => xs.reduce((n, x) => n + toFen(x), 0n);

describe.each(testProviders)('target plans on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'director' | 'manager' | 'rep', string>;
  let area: { id: string; name: string };
  let repTeam: { id: string };
  let salesRows: { externalId: string; employeeNo: string; date: string; amount: string }[];

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'director', 'manager', 'rep'] as const) t[u] = await s.login(u);
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    const a = await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } });
    repTeam = { id: a.unitId };
    // Last year's sales in the area: every person employed on the 15th of each month sells.
    const people = await s.db.prisma.person.findMany({ where: { assignments: { some: { unit: { path: { startsWith: (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: area.id } })).path } } } } } });
    salesRows = [];
    for (const p of people)
      for (let m = 1; m <= 12; m++) {
        const date = `2025-${String(m).padStart(2, '0')}-15`;
        const d = new Date(`${date}T00:00:00Z`);
        if (p.hireDate > d || (p.leaveDate && p.leaveDate < d)) continue;
        salesRows.push({ externalId: `S-${p.employeeNo}-${m}`, employeeNo: p.employeeNo, date, amount: `${1000 + m * 100 + (p.employeeNo.charCodeAt(6) % 7) * 50}.00` });
      }
  });
  afterAll(() => s.close());

  const refused = (query: string, variables: Record<string, unknown>, token: string) => s.refused(query, variables, token);

  it('imports actuals idempotently, and refuses a batch with bad rows whole', async () => {
    const first = await s.gql(IMPORT, { records: salesRows }, t.finance);
    expect(first.errors).toBeUndefined();
    expect(first.data.importSalesActuals).toEqual({ created: salesRows.length, updated: 0, unchanged: 0 });
    const again = await s.gql(IMPORT, { records: salesRows }, t.finance);
    expect(again.data.importSalesActuals).toEqual({ created: 0, updated: 0, unchanged: salesRows.length });
    const corrected = await s.gql(IMPORT, { records: [{ ...salesRows[0]!, amount: '999.99' }] }, t.finance);
    expect(corrected.data.importSalesActuals).toEqual({ created: 0, updated: 1, unchanged: 0 });
    await s.gql(IMPORT, { records: [salesRows[0]] }, t.finance);

    const bad = await refused(
      IMPORT,
      {
        records: [
          { externalId: 'NEW-1', employeeNo: salesRows[0]!.employeeNo, date: '2025-05-05', amount: '10.00' },
          { externalId: 'NEW-2', employeeNo: 'NOBODY', date: '2025-05-05', amount: '10.00' },
          { externalId: 'NEW-3', employeeNo: salesRows[0]!.employeeNo, date: '1999-01-01', amount: '10.00' },
          { externalId: 'NEW-1', employeeNo: salesRows[0]!.employeeNo, date: '2025-05-06', amount: '10.00' },
        ],
      },
      t.finance,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect((bad.errors![0]!.extensions as any).problems.map((p: any) => [p.row, p.field])).toEqual([
      [2, 'employeeNo'],
      [3, 'date'],
      [4, 'externalId'],
    ]);
    expect(codeOf(await refused(IMPORT, { records: salesRows.slice(0, 1) }, t.manager))).toBe('FORBIDDEN');
  });

  let areaPlan: any;

  it('breaks an area plan down by last year’s share: every period and every unit exact to the fen', async () => {
    const c = await s.gql(CREATE, { input: { year: 2026, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: area.id, total: '1200000.01' } }, t.manager);
    expect(c.errors).toBeUndefined();
    const plan = c.data.createTargetPlan;
    expect(plan.plan).toMatchObject({ version: 1, status: 'DRAFT', ownerKind: 'UNIT', total: '1200000.01' });
    expect(plan.periods).toHaveLength(12);
    const b = await s.gql(BREAK, { id: plan.plan.id, revision: plan.plan.revision, time: { kind: 'HISTORY' }, owners: { kind: 'HISTORY' } }, t.manager);
    expect(b.errors).toBeUndefined();
    areaPlan = b.data.breakDownTargetPlan;
    const lines: { ownerId: string; periodKey: string; amount: string }[] = areaPlan.lines;
    const scopeRow = lines.filter((l) => l.ownerId === area.id);
    expect(sum(scopeRow.map((l) => l.amount))).toBe(120000001n);
    for (const p of areaPlan.periods) {
      const children = lines.filter((l) => l.periodKey === p.key && l.ownerId !== area.id);
      expect(sum(children.map((l) => l.amount))).toBe(toFen(scopeRow.find((l) => l.periodKey === p.key)!.amount));
    }
    // Later months sold more last year, so they get more.
    expect(toFen(scopeRow.at(-1)!.amount)).toBeGreaterThan(toFen(scopeRow[0]!.amount));
  });

  it('validates without saving, and refuses a broken save with issues pointing at the cell', async () => {
    const lines = areaPlan.lines.map((l: any) => ({ ...l }));
    const cell = lines.find((l: any) => l.ownerId !== area.id && l.periodKey === '2026-03');
    cell.amount = (toFen(cell.amount) + 1n).toString().replace(/(\d\d)$/, '.$1');
    const before = await databaseSnapshot(s.db);
    const issues = (await s.gql(VALIDATE, { id: areaPlan.plan.id, lines }, t.manager)).data.validateTargetLines;
    expect(issues).toEqual([expect.objectContaining({ rule: 'sum', periodKey: '2026-03', column: 2, found: expect.any(String), message: expect.stringContaining('over by 0.01') })]);
    expect(await databaseSnapshot(s.db)).toBe(before);
    const saved = await refused(SAVE, { id: areaPlan.plan.id, revision: areaPlan.plan.revision, lines }, t.manager);
    expect(codeOf(saved)).toBe('BAD_USER_INPUT');
    expect((saved.errors![0]!.extensions as any).issues[0]).toMatchObject({ rule: 'sum', periodKey: '2026-03' });
    const text = lines.map((l: any) => (l === cell ? { ...l, amount: 'lots' } : l));
    const textIssues = (await s.gql(VALIDATE, { id: areaPlan.plan.id, lines: text }, t.manager)).data.validateTargetLines;
    expect(textIssues[0]).toMatchObject({ rule: 'notANumber', rowKey: cell.ownerId, periodKey: '2026-03' });
    const unknown = (await s.gql(VALIDATE, { id: areaPlan.plan.id, lines: [...areaPlan.lines, { ownerId: area.id, periodKey: '2027-01', amount: '1' }] }, t.manager)).data.validateTargetLines;
    expect(unknown[0]).toMatchObject({ rule: 'unknownPeriod', periodKey: '2027-01' });
  });

  it('saves a valid edit once; a second save with the old revision gets CONFLICT', async () => {
    const lines = areaPlan.lines.map((l: any) => ({ ...l }));
    const owners = lines.filter((l: any) => l.ownerId !== area.id && l.periodKey === '2026-04');
    owners[0].amount = (toFen(owners[0].amount) + 100n).toString().replace(/(\d\d)$/, '.$1');
    owners[1].amount = (toFen(owners[1].amount) - 100n).toString().replace(/(\d\d)$/, '.$1');
    const ok = await s.gql(SAVE, { id: areaPlan.plan.id, revision: areaPlan.plan.revision, lines }, t.manager);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.saveTargetLines.plan.revision).toBe(areaPlan.plan.revision + 1);
    const stale = await refused(SAVE, { id: areaPlan.plan.id, revision: areaPlan.plan.revision, lines }, t.manager);
    expect(codeOf(stale)).toBe('CONFLICT');
    areaPlan = ok.data.saveTargetLines;
  });

  it('runs the workflow: submit, approve by someone above, publish; with comments and events', async () => {
    const id = areaPlan.plan.id;
    const sub = await s.gql(STEP('submitTargetPlan', '$comment: String'), { id, revision: areaPlan.plan.revision, comment: '按去年占比分解' }, t.manager);
    expect(sub.errors).toBeUndefined();
    let plan = sub.data.submitTargetPlan.plan;
    expect(plan.status).toBe('SUBMITTED');
    expect(codeOf(await refused(STEP('approveTargetPlan'), { id, revision: plan.revision }, t.manager))).toBe('FORBIDDEN');
    expect(codeOf(await refused(STEP('saveTargetLines'.replace('saveTargetLines', 'publishTargetPlan')), { id, revision: plan.revision }, t.director))).toBe('BAD_USER_INPUT');
    const ret = await s.gql(STEP('returnTargetPlan', '$comment: String!'), { id, revision: plan.revision, comment: '三月偏高' }, t.director);
    expect(ret.data.returnTargetPlan.plan.status).toBe('DRAFT');
    expect(ret.data.returnTargetPlan.events.at(-1)).toMatchObject({ action: 'return', actor: 'director', comment: '三月偏高' });
    const empty = await refused(STEP('returnTargetPlan', '$comment: String!'), { id, revision: ret.data.returnTargetPlan.plan.revision, comment: ' ' }, t.director);
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    // Why it came back, on the plan as listed, until it is submitted again.
    const RETURNED = 'query($id: ID!) { targetPlan(id: $id) { plan { returnedBy returnComment returnedAt submittedBy } } }';
    expect((await s.gql(RETURNED, { id }, t.manager)).data.targetPlan.plan).toMatchObject({ returnedBy: 'director', returnComment: '三月偏高', returnedAt: expect.any(String), submittedBy: 'manager' });
    plan = (await s.gql(STEP('submitTargetPlan', '$comment: String'), { id, revision: ret.data.returnTargetPlan.plan.revision, comment: null }, t.manager)).data.submitTargetPlan.plan;
    expect((await s.gql(RETURNED, { id }, t.manager)).data.targetPlan.plan).toMatchObject({ returnedBy: null, returnComment: null, returnedAt: null });
    const app = await s.gql(STEP('approveTargetPlan', '$comment: String'), { id, revision: plan.revision, comment: '同意' }, t.director);
    expect(app.errors).toBeUndefined();
    // An approved version is kept as it was approved: it is not sent back to be changed in place (a change makes the next version).
    const late = await refused(STEP('returnTargetPlan', '$comment: String!'), { id, revision: app.data.approveTargetPlan.plan.revision, comment: '再改改' }, t.director);
    expect(late.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PLAN_STATUS', params: { planStatus: 'APPROVED' } });
    expect((await s.gql('query($id: ID!) { targetPlan(id: $id) { plan { canReturn canPublish } } }', { id }, t.director)).data.targetPlan.plan).toEqual({ canReturn: false, canPublish: true });
    const pub = await s.gql(STEP('publishTargetPlan'), { id, revision: app.data.approveTargetPlan.plan.revision }, t.director);
    expect(pub.data.publishTargetPlan.plan.status).toBe('PUBLISHED');
    expect(pub.data.publishTargetPlan.events.map((e: any) => e.action)).toEqual(['create', 'submit', 'return', 'submit', 'approve', 'publish']);
    areaPlan = pub.data.publishTargetPlan;
    expect(await s.db.prisma.auditEvent.count({ where: { entityType: 'TargetPlan', entityId: id } })).toBe(8);
  });

  it('a team plan for people: nobody gets a target before joining; reps see their published targets', async () => {
    const team = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: repTeam.id } });
    const joiner = await s.gql(
      'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
      { input: { employeeNo: 'JOIN-0612', name: '新人', position: 'SALES_REP', rank: 'SR', hireDate: '2026-06-12', baseSalary: '3000.00', unitId: team.id } },
      t.admin,
    );
    const joinerId = joiner.data.createPerson.id;
    const c = await s.gql(CREATE, { input: { year: 2026, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: team.id } }, t.manager); // the total: what the published area plan gives the team
    expect(c.errors).toBeUndefined();
    expect(c.data.createTargetPlan.plan.ownerKind).toBe('PERSON');
    const b = await s.gql(BREAK, { id: c.data.createTargetPlan.plan.id, revision: 1, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, t.manager);
    expect(b.errors).toBeUndefined();
    const plan = b.data.breakDownTargetPlan;
    const joinerRow = plan.rows.find((r: any) => r.ownerId === joinerId);
    expect(joinerRow).toMatchObject({ hireDate: '2026-06-12', leaveDate: null });
    const amount = (k: string) => toFen(plan.lines.find((l: any) => l.ownerId === joinerId && l.periodKey === k).amount);
    for (const k of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']) expect(amount(k)).toBe(0n);
    // June: 19 of 30 days, so less than a full month like July.
    expect(amount('2026-06')).toBeGreaterThan(0n);
    expect(amount('2026-06')).toBeLessThan(amount('2026-07'));
    let rev = plan.plan.revision;
    const id = plan.plan.id;
    rev = (await s.gql(STEP('submitTargetPlan', '$comment: String'), { id, revision: rev, comment: null }, t.manager)).data.submitTargetPlan.plan.revision;
    rev = (await s.gql(STEP('approveTargetPlan', '$comment: String'), { id, revision: rev, comment: null }, t.director)).data.approveTargetPlan.plan.revision;
    expect((await s.gql(MY, { year: 2026 }, t.rep)).data.myTargets).toEqual([]);
    expect((await s.gql('{ myTargetYears }', {}, t.rep)).data.myTargetYears).toEqual([]);
    await s.gql(STEP('publishTargetPlan'), { id, revision: rev }, t.director);
    // The pane opens My targets on the latest year that has published targets.
    expect((await s.gql('{ myTargetYears }', {}, t.rep)).data.myTargetYears).toEqual([2026]);
    const mine = (await s.gql(MY, { year: 2026 }, t.rep)).data.myTargets;
    expect(mine).toHaveLength(12);
    expect(mine[0]).toMatchObject({ metric: 'SALES_AMOUNT', level: 'BASE', periodKey: '2026-01', version: 1 });
    const repId = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } })).personId!;
    const linesOf = (lines: { ownerId: string; periodKey: string; amount: string }[], version: number) =>
      lines.filter((l) => l.ownerId === repId).sort((x, y) => (x.periodKey < y.periodKey ? -1 : 1)).map((l) => ({ metric: 'SALES_AMOUNT', level: 'BASE', periodKey: l.periodKey, amount: l.amount, version }));
    expect(mine).toEqual(linesOf(plan.lines, 1));
    expect(codeOf(await s.gql('query($id: ID!) { targetPlan(id: $id) { plan { id } } }', { id }, t.rep))).toBe('FORBIDDEN');

    // A second version, once published, replaces the first in the rep's targets; until then the first stays.
    const revised = (await s.gql(STEP('reviseTargetPlan'), { id, revision: rev + 1 }, t.manager)).data.reviseTargetPlan;
    const v2 = revised.plan.id;
    const moved = revised.lines.map((l: any) => ({ ...l }));
    const mineJan = moved.find((l: any) => l.ownerId === repId && l.periodKey === '2026-01');
    const otherJan = moved.find((l: any) => l.ownerId !== repId && l.ownerId !== team.id && l.periodKey === '2026-01' && toFen(l.amount) > 100n);
    mineJan.amount = (toFen(mineJan.amount) + 100n).toString().replace(/(\d\d)$/, '.$1');
    otherJan.amount = (toFen(otherJan.amount) - 100n).toString().replace(/(\d\d)$/, '.$1');
    let r2 = (await s.gql(SAVE, { id: v2, revision: revised.plan.revision, lines: moved }, t.manager)).data.saveTargetLines.plan.revision;
    r2 = (await s.gql(STEP('submitTargetPlan', '$comment: String'), { id: v2, revision: r2, comment: null }, t.manager)).data.submitTargetPlan.plan.revision;
    r2 = (await s.gql(STEP('approveTargetPlan', '$comment: String'), { id: v2, revision: r2, comment: null }, t.director)).data.approveTargetPlan.plan.revision;
    expect((await s.gql(MY, { year: 2026 }, t.rep)).data.myTargets).toEqual(mine);
    const published = (await s.gql(STEP('publishTargetPlan'), { id: v2, revision: r2 }, t.director)).data.publishTargetPlan;
    // January's line stored after the others (as a line written again would be): the rep's targets still come in period order.
    const { id: janId, ...jan } = await s.db.prisma.targetLine.findFirstOrThrow({ where: { planId: v2, ownerId: repId, periodKey: '2026-01' } });
    await s.db.prisma.targetLine.delete({ where: { id: janId } });
    await s.db.prisma.targetLine.create({ data: jan });
    const now = (await s.gql(MY, { year: 2026 }, t.rep)).data.myTargets;
    expect(now).toEqual(linesOf(published.lines, 2));
    expect(toFen(now[0].amount)).toBe(toFen(mine[0].amount) + 100n);
    expect(now.slice(1)).toEqual(mine.slice(1).map((l: any) => ({ ...l, version: 2 })));
  });

  it('a change after approval is a new version; the old one stays published', async () => {
    const r = await s.gql(STEP('reviseTargetPlan'), { id: areaPlan.plan.id, revision: areaPlan.plan.revision }, t.manager);
    expect(r.errors).toBeUndefined();
    expect(r.data.reviseTargetPlan.plan).toMatchObject({ version: 2, status: 'DRAFT' });
    expect(r.data.reviseTargetPlan.lines).toHaveLength(areaPlan.lines.length);
    const old = await s.gql(`query($id: ID!) { targetPlan(id: $id) { plan { status version } } }`, { id: areaPlan.plan.id }, t.director);
    expect(old.data.targetPlan.plan).toEqual({ status: 'PUBLISHED', version: 1 });
    expect(codeOf(await refused(STEP('reviseTargetPlan'), { id: areaPlan.plan.id, revision: areaPlan.plan.revision }, t.manager))).toBe('CONFLICT');
    const dup = await refused(CREATE, { input: { year: 2026, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: area.id, total: '1.00' } }, t.manager);
    expect(dup.errors![0]!.message).toMatch(/already exists/);
    areaPlan = r.data.reviseTargetPlan;
  });

  it('a locked period refuses changes to it until an admin reopens it (both audited)', async () => {
    const lock = await s.gql('mutation { lockPeriod(periodKey: "2026-03", reason: "March closed") { periodKey reason } }', {}, t.admin);
    expect(lock.errors).toBeUndefined();
    expect(codeOf(await s.gql('mutation { lockPeriod(periodKey: "2026-04", reason: "x") { periodKey } }', {}, t.manager))).toBe('FORBIDDEN');
    const lines = areaPlan.lines.map((l: any) => ({ ...l }));
    const march = lines.filter((l: any) => l.ownerId !== area.id && l.periodKey === '2026-03');
    const [a, b] = [march[0], march[1]];
    a.amount = (toFen(a.amount) + 1n).toString().replace(/(\d\d)$/, '.$1');
    b.amount = (toFen(b.amount) - 1n).toString().replace(/(\d\d)$/, '.$1');
    const r = await refused(SAVE, { id: areaPlan.plan.id, revision: areaPlan.plan.revision, lines }, t.manager);
    expect(r.errors![0]!.message).toMatch(/2026-03 is locked/);
    const sale = await refused(IMPORT, { records: [{ externalId: 'LOCKED-1', employeeNo: salesRows[0]!.employeeNo, date: '2026-03-05', amount: '1.00' }] }, t.finance);
    expect((sale.errors![0]!.extensions as any).problems[0].message).toMatch(/locked period 2026-03/);
    expect((await s.gql('mutation { reopenPeriod(periodKey: "2026-03", reason: "correction approved") }', {}, t.admin)).data.reopenPeriod).toBe(true);
    const ok = await s.gql(SAVE, { id: areaPlan.plan.id, revision: areaPlan.plan.revision, lines }, t.manager);
    expect(ok.errors).toBeUndefined();
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'PeriodLock', entityId: '2026-03' }, orderBy: { at: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['lock', 'reopen']);
  });

  it('refuses bad plan input clearly', async () => {
    const bad = (input: Record<string, unknown>) => refused(CREATE, { input: { year: 2026, metric: 'UNITS', level: 'BASE', scopeUnitId: area.id, total: '10', ...input } }, t.manager);
    expect((await bad({ total: '10.5' })).errors![0]!.message).toMatch(/whole number/);
    expect((await bad({ total: '-3' })).errors![0]!.extensions!.field).toBe('input.total');
    expect(codeOf(await bad({ periodLevel: 'fortnight' }))).toBe('BAD_USER_INPUT');
    const other = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'AREA', id: { not: area.id } } });
    expect(codeOf(await bad({ scopeUnitId: other.id }))).toBe('FORBIDDEN');
    const p = (await s.gql(CREATE, { input: { year: 2026, metric: 'UNITS', level: 'BASE', scopeUnitId: area.id, total: '10' } }, t.manager)).data.createTargetPlan;
    const weights = await refused(BREAK, { id: p.plan.id, revision: 1, time: { kind: 'WEIGHTS', percents: [{ key: '2026-01', percent: '50' }] }, owners: { kind: 'EQUAL' } }, t.manager);
    expect(weights.errors![0]!.message).toBe('There is no figure for 2026-02.');
    expect(weights.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALLOCATION_NO_FIGURE', params: { key: '2026-02' }, field: 'method' });
    const noHistory = await refused(BREAK, { id: p.plan.id, revision: 1, time: { kind: 'HISTORY' }, owners: { kind: 'EQUAL' } }, t.manager);
    expect(noHistory.errors![0]!.message).toMatch(/no actuals for last year/);
    // Growth from a last year without sales would make every line, and the plan, zero: refused the same way.
    for (const method of [{ time: { kind: 'GROWTH', growthPercent: '20' }, owners: { kind: 'EQUAL' } }, { time: { kind: 'EQUAL' }, owners: { kind: 'GROWTH', growthPercent: '20' } }]) {
      const noGrowth = await refused(BREAK, { id: p.plan.id, revision: 1, ...method }, t.manager);
      expect(noGrowth.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_HISTORY' });
    }
  });

  it('previews a breakdown by a seasonality profile without storing it, then fills by it', async () => {
    const profiles = (await s.gql('{ seasonalityProfiles { code name monthPercents } }', {}, t.manager)).data.seasonalityProfiles;
    expect(profiles.map((p: any) => p.code)).toEqual(['QUARTER_END', 'TRADE_SEASONS']);
    // The built-in profiles' names are data in one language (were seeded '季末冲刺 Quarter-end push').
    expect(profiles.map((p: any) => p.name)).toEqual(['季末冲刺', '淡旺季']);
    const c = await s.gql(CREATE, { input: { year: 2026, metric: 'COLLECTIONS', level: 'BASE', scopeUnitId: area.id, total: '100000.00' } }, t.manager);
    const id = c.data.createTargetPlan.plan.id;
    const before = await databaseSnapshot(s.db);
    const preview = await s.gql(
      `query($id: ID!) { targetPlanBreakdownPreview(id: $id, time: { kind: WEIGHTS, profileCode: "TRADE_SEASONS" }, owners: { kind: EQUAL }) { total lines { ownerId periodKey amount } } }`,
      { id },
      t.manager,
    );
    expect(preview.errors).toBeUndefined();
    const row = preview.data.targetPlanBreakdownPreview.lines.filter((l: any) => l.ownerId === area.id);
    expect(row.find((l: any) => l.periodKey === '2026-02').amount).toBe('4000.00');
    expect(row.find((l: any) => l.periodKey === '2026-12').amount).toBe('13000.00');
    expect(await databaseSnapshot(s.db)).toBe(before);
    const filled = await s.gql(BREAK, { id, revision: 1, time: { kind: 'WEIGHTS', profileCode: 'TRADE_SEASONS' }, owners: { kind: 'HEADCOUNT' } }, t.manager);
    expect(filled.errors).toBeUndefined();
    expect(filled.data.breakDownTargetPlan.lines.filter((l: any) => l.ownerId === area.id)).toEqual(row);
    const unknown = await refused(BREAK, { id, revision: 2, time: { kind: 'WEIGHTS', profileCode: 'NOPE' }, owners: { kind: 'EQUAL' } }, t.manager);
    expect(unknown.errors![0]!.message).toMatch(/no seasonality profile NOPE/);
  });

  it('keeps profiles as data that admins maintain, checked to sum to 100 %', async () => {
    const SAVE_PROFILE = 'mutation($p: [String!]!) { saveSeasonalityProfile(code: "MINE", name: "我的", monthPercents: $p) { code monthPercents } }';
    const bad = await refused(SAVE_PROFILE, { p: ['10', '10', '10', '10', '10', '10', '10', '10', '10', '10', '10', '9'] }, t.admin);
    expect(bad.errors![0]!.message).toMatch(/119(\.0000)? %, not 100 %/);
    expect(bad.errors![0]!.extensions).toMatchObject({ reason: 'ALLOCATION_PERCENTS_NOT_100', params: { sum: '119' } });
    const ok = await s.gql(SAVE_PROFILE, { p: ['5', '5', '5', '5', '5', '5', '10', '10', '10', '10', '15', '15'] }, t.admin);
    expect(ok.data.saveSeasonalityProfile.monthPercents.at(-1)).toBe('15');
    expect(codeOf(await s.gql(SAVE_PROFILE, { p: [] }, t.manager))).toBe('FORBIDDEN');
  });

  it('takes several profiles at once, as the seasonality sheet sends them: all or nothing, every problem by profile, only changes audited', async () => {
    const SAVE = 'mutation($p: [SeasonalityProfileInput!]!) { saveSeasonalityProfiles(profiles: $p) { code name monthPercents } }';
    const READ = '{ seasonalityProfiles { code name monthPercents } }';
    const before = (await s.gql(READ, {}, t.admin)).data.seasonalityProfiles;
    const audits = () => s.db.prisma.auditEvent.count({ where: { entityType: 'SeasonalityProfile' } });
    const auditsBefore = await audits();
    const even = Array(12).fill('8.3333').map((v, i) => (i === 11 ? '8.3337' : v));
    const wrong = [
      ...before,
      { code: 'flat', name: '平均', monthPercents: even },
      { code: 'HALF', name: ' ', monthPercents: Array(12).fill('5') },
      { code: before[0].code, name: '重复', monthPercents: even },
    ];
    const r = await refused(SAVE, { p: wrong }, t.admin);
    const at = before.length;
    expect((r.errors![0]!.extensions as any).issues).toEqual([
      { reason: 'PROFILE_CODE_INVALID', params: { value: 'flat' }, field: `profiles.${at}.code` },
      { reason: 'PROFILE_NAME_REQUIRED', params: {}, field: `profiles.${at + 1}.name` },
      { reason: 'ALLOCATION_PERCENTS_NOT_100', params: { sum: '60' }, field: `profiles.${at + 1}.monthPercents` },
      { reason: 'PROFILE_CODE_TWICE', params: { code: before[0].code }, field: `profiles.${at + 2}.code` },
    ]);
    expect((await s.gql(READ, {}, t.admin)).data.seasonalityProfiles).toEqual(before);
    expect(await audits()).toBe(auditsBefore);

    const renamed = { ...before[0], name: `${before[0].name}（改）` };
    const saved = (await s.gql(SAVE, { p: [renamed, ...before.slice(1), { code: 'FLAT', name: '平均', monthPercents: even }] }, t.admin)).data.saveSeasonalityProfiles;
    expect(saved.find((p: any) => p.code === 'FLAT')).toEqual({ code: 'FLAT', name: '平均', monthPercents: even });
    expect(saved.find((p: any) => p.code === renamed.code).name).toBe(renamed.name);
    expect(saved).toHaveLength(before.length + 1);
    // One rename and one new profile: two audit events; the unchanged profiles none.
    expect(await audits()).toBe(auditsBefore + 2);
    expect(codeOf(await s.gql(SAVE, { p: [] }, t.manager))).toBe('FORBIDDEN');
  });
});
