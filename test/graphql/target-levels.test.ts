/**
 * Target levels through the API: breakdowns to people exact per person,
 * child plans linked to their parent's published figure, several period
 * levels in one plan, stretch against base across levels, and the rollup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';

const PLAN = `plan { id version revision status total ownerKind periodLevel }
  periods { key level parent } rows { ownerId isScope } lines { ownerId periodKey amount }`;
const CREATE = `mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`;
const BREAK = `mutation($id: ID!, $revision: Int!, $time: BreakdownMethodInput!, $owners: BreakdownMethodInput!) {
  breakDownTargetPlan(id: $id, revision: $revision, time: $time, owners: $owners) { ${PLAN} } }`;

const SAVE = `mutation($id: ID!, $revision: Int!, $lines: [TargetLineInput!]!) { saveTargetLines(id: $id, revision: $revision, lines: $lines) { ${PLAN} } }`;
const STEP = (name: string) => `mutation($id: ID!, $revision: Int!) { ${name}(id: $id, revision: $revision) { ${PLAN} } }`;
const SUMMARY = `query($id: ID!) { targetPlan(id: $id) { plan { id total outOfDate parentTarget { planId version total scopeUnitName } } events { action comment } } }`;
const ROLLUP = `query($u: ID!, $y: Int!) { targetRollup(unitId: $u, year: $y, metric: SALES_AMOUNT, level: BASE) { depth ownerKind ownerId parentOwnerId planVersion total assigned childrenTotal matches } }`;

const toUnits = (s: string) => BigInt(s.replace('.', ''));
const money = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;

describe.each(testProviders)('target levels on %s', (provider) => {
  let s: TestServer;
  let admin: string;
  let manager: string;
  let director: string;
  let area: string;
  let team: string;
  const people: string[] = [];

  beforeAll(async () => {
    s = await startTestServer(provider);
    admin = await s.login('admin');
    manager = await s.login('manager');
    director = await s.login('director');
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    area = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } })).id;
    const unit = await s.gql(`mutation($p: ID!) { createOrgUnit(input: { code: "T-EXACT", name: "三人组", kind: TEAM, parentId: $p }) { id } }`, { p: area }, admin);
    expect(unit.errors).toBeUndefined();
    team = unit.data.createOrgUnit.id;
    for (const n of ['1', '2', '3']) {
      const p = await s.gql(
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
        { input: { employeeNo: `EX00${n}`, name: `甲${n}`, position: 'SALES_REP', hireDate: '2020-01-01', baseSalary: '5000.00', unitId: team } },
        admin,
      );
      expect(p.errors).toBeUndefined();
      people.push(p.data.createPerson.id);
    }
  });
  afterAll(() => s.close());

  const yearTotals = (plan: any) => {
    const byOwner = new Map<string, bigint>();
    for (const l of plan.lines) byOwner.set(l.ownerId, (byOwner.get(l.ownerId) ?? 0n) + toUnits(l.amount));
    return people.map((p) => byOwner.get(p));
  };

  it('ten new customers over three people equally: 4, 3 and 3 for the year, every month exact', async () => {
    const c = await s.gql(CREATE, { input: { year: 2027, metric: 'NEW_CUSTOMERS', level: 'BASE', scopeUnitId: team, total: '10' } }, admin);
    expect(c.errors).toBeUndefined();
    const b = await s.gql(BREAK, { id: c.data.createTargetPlan.plan.id, revision: c.data.createTargetPlan.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, admin);
    expect(b.errors).toBeUndefined();
    const plan = b.data.breakDownTargetPlan;
    expect(yearTotals(plan).sort()).toEqual([3n, 3n, 4n]);
    for (const p of plan.periods) {
      const scope = plan.lines.find((l: any) => l.ownerId === team && l.periodKey === p.key);
      const rows = plan.lines.filter((l: any) => l.ownerId !== team && l.periodKey === p.key);
      expect(rows.reduce((n: bigint, l: any) => n + toUnits(l.amount), 0n)).toBe(toUnits(scope.amount));
    }
  });

  it('100.00 over three people equally: 33.34, 33.33 and 33.33', async () => {
    const c = await s.gql(CREATE, { input: { year: 2027, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: team, total: '100.00' } }, admin);
    expect(c.errors).toBeUndefined();
    const b = await s.gql(BREAK, { id: c.data.createTargetPlan.plan.id, revision: c.data.createTargetPlan.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, admin);
    expect(b.errors).toBeUndefined();
    expect(yearTotals(b.data.breakDownTargetPlan).sort()).toEqual([3333n, 3333n, 3334n]);
  });

  it('360,000.00 over three people by quarter, month and ten days: 30,000.00 a quarter and 10,000.00 a month each (equal shares are equal at every level)', async () => {
    const c = await s.gql(CREATE, { input: { year: 2028, metric: 'GROSS_MARGIN', level: 'BASE', scopeUnitId: team, total: '360000.00', periodLevel: 'quarter,month,tenday' } }, admin);
    expect(c.errors).toBeUndefined();
    const b = await s.gql(BREAK, { id: c.data.createTargetPlan.plan.id, revision: c.data.createTargetPlan.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, admin);
    expect(b.errors).toBeUndefined();
    const plan = b.data.breakDownTargetPlan;
    const amount = (o: string, k: string) => plan.lines.find((l: any) => l.ownerId === o && l.periodKey === k).amount;
    for (const o of people) {
      for (const q of ['2028-Q1', '2028-Q2', '2028-Q3', '2028-Q4']) expect(amount(o, q), `${o} ${q}`).toBe('30000.00');
      for (let m = 1; m <= 12; m++) expect(amount(o, `2028-${String(m).padStart(2, '0')}`)).toBe('10000.00');
    }
    // January's ten-day blocks (10, 10 and 11 days of the team's 30,000.00: 9,677.42, 9,677.42 and 10,645.16) split three ways, each block exact.
    const blocks = ['2028-01-D1', '2028-01-D2', '2028-01-D3'];
    expect(blocks.map((k) => amount(team, k))).toEqual(['9677.42', '9677.42', '10645.16']);
    for (const k of blocks) expect(people.reduce((n, o) => n + toUnits(amount(o, k)), 0n)).toBe(toUnits(amount(team, k)));
    for (const o of people) for (const k of blocks) expect(Math.abs(Number(toUnits(amount(o, k)) - toUnits(amount(team, k)) / 3n))).toBeLessThanOrEqual(1);
  });

  it('100 units over three people by quarter and month: each quarter’s 25 goes 9 / 8 / 8, a person’s months add up to their quarter', async () => {
    const c = await s.gql(CREATE, { input: { year: 2028, metric: 'UNITS', level: 'BASE', scopeUnitId: team, total: '100', periodLevel: 'quarter,month' } }, admin);
    expect(c.errors).toBeUndefined();
    const b = await s.gql(BREAK, { id: c.data.createTargetPlan.plan.id, revision: c.data.createTargetPlan.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, admin);
    expect(b.errors).toBeUndefined();
    const plan = b.data.breakDownTargetPlan;
    const amount = (o: string, k: string) => Number(plan.lines.find((l: any) => l.ownerId === o && l.periodKey === k).amount);
    for (const q of ['2028-Q1', '2028-Q2', '2028-Q3', '2028-Q4']) expect(people.map((o) => amount(o, q)).sort()).toEqual([8, 8, 9]);
    expect(people.map((o) => ['2028-Q1', '2028-Q2', '2028-Q3', '2028-Q4'].reduce((n, q) => n + amount(o, q), 0)).sort()).toEqual([33, 33, 34]);
  });

  it('refuses a breakdown that nobody can take, naming the period, and changes nothing', async () => {
    const c = await s.gql(CREATE, { input: { year: 2019, metric: 'UNITS', level: 'BASE', scopeUnitId: team, total: '12' } }, admin);
    expect(c.errors).toBeUndefined();
    const r = await s.refused(BREAK, { id: c.data.createTargetPlan.plan.id, revision: c.data.createTargetPlan.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });

  /** Creates a plan, breaks it down and returns it. */
  async function plan(input: Record<string, unknown>, token: string, time = { kind: 'EQUAL' }, owners = { kind: 'EQUAL' }) {
    const c = await s.gql(CREATE, { input }, token);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    const b = await s.gql(BREAK, { id: c.data.createTargetPlan.plan.id, revision: c.data.createTargetPlan.plan.revision, time, owners }, token);
    expect(b.errors, JSON.stringify(b.errors)).toBeUndefined();
    return b.data.breakDownTargetPlan;
  }
  async function step(name: string, p: any, token: string) {
    const r = await s.gql(STEP(name), { id: p.plan.id, revision: p.plan.revision }, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data[name];
  }
  const publish = async (p: any) => step('publishTargetPlan', await step('approveTargetPlan', await step('submitTargetPlan', p, manager), director), director);

  describe('several period levels in one plan', () => {
    let weekly: any;

    it('breaks a year down to quarters, months and weeks in one pass, each level summing exactly to the one above', async () => {
      weekly = await plan({ year: 2027, metric: 'UNITS', level: 'BASE', scopeUnitId: team, total: '1000', periodLevel: 'quarter,month,week' }, manager);
      expect(weekly.plan.periodLevel).toBe('quarter,month,week');
      const periods = weekly.periods as { key: string; level: string; parent: string | null }[];
      expect(periods.filter((p) => p.level === 'quarter')).toHaveLength(4);
      expect(periods.filter((p) => p.level === 'month')).toHaveLength(12);
      expect(periods.find((p) => p.key === '2027-02-W1')).toEqual({ key: '2027-02-W1', level: 'week', parent: '2027-02' });
      const amount = new Map<string, bigint>(weekly.lines.map((l: any) => [`${l.ownerId}|${l.periodKey}`, BigInt(l.amount)]));
      for (const owner of [team, ...people]) {
        for (const p of periods.filter((x) => x.level !== 'week')) {
          const kids = periods.filter((x) => x.parent === p.key);
          expect(kids.reduce((n, k) => n + amount.get(`${owner}|${k.key}`)!, 0n), `${owner} ${p.key}`).toBe(amount.get(`${owner}|${p.key}`));
        }
      }
      for (const p of periods) expect(people.reduce((n, o) => n + amount.get(`${o}|${p.key}`)!, 0n)).toBe(amount.get(`${team}|${p.key}`));
      const year = (o: string) => periods.filter((p) => p.level === 'quarter').reduce((n, p) => n + amount.get(`${o}|${p.key}`)!, 0n);
      expect(year(team)).toBe(1000n);
      expect(people.map(year)).toEqual([334n, 333n, 333n]);
    });

    it('saves lines given only at the finest level: the levels above are their sums', async () => {
      const weeks = weekly.lines.filter((l: any) => /-W\d$/.test(l.periodKey));
      const first = weeks.find((l: any) => l.ownerId === people[0] && l.periodKey === '2027-01-W2');
      const second = weeks.find((l: any) => l.ownerId === people[1] && l.periodKey === '2027-01-W2');
      // Move one unit between two people in the same week: every total still holds.
      const moved = weeks.map((l: any) => (l === first ? { ...l, amount: String(BigInt(l.amount) + 1n) } : l === second ? { ...l, amount: String(BigInt(l.amount) - 1n) } : l));
      const r = await s.gql(SAVE, { id: weekly.plan.id, revision: weekly.plan.revision, lines: moved }, manager);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      const saved = r.data.saveTargetLines;
      const get = (o: string, k: string) => BigInt(saved.lines.find((l: any) => l.ownerId === o && l.periodKey === k).amount);
      expect(get(people[0]!, '2027-01')).toBe(BigInt(weekly.lines.find((l: any) => l.ownerId === people[0] && l.periodKey === '2027-01').amount) + 1n);
      expect(get(people[0]!, '2027-Q1')).toBe(BigInt(weekly.lines.find((l: any) => l.ownerId === people[0] && l.periodKey === '2027-Q1').amount) + 1n);
      weekly = saved;
    });

    it('refuses a level that does not add up, naming the cell, and changes nothing', async () => {
      const lines = weekly.lines.map((l: any) => (l.ownerId === people[2] && l.periodKey === '2027-Q2' ? { ...l, amount: String(BigInt(l.amount) + 5n) } : l));
      const r = await s.refused(SAVE, { id: weekly.plan.id, revision: weekly.plan.revision, lines }, manager);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      const issue = (r.errors![0]!.extensions as any).issues.find((i: any) => i.rule === 'levelSum');
      expect(issue).toMatchObject({ rule: 'levelSum', rowKey: people[2], periodKey: '2027-Q2' });
      expect(BigInt(issue.found) - BigInt(issue.expected)).toBe(5n);
    });

    it('refuses a period breakdown that is not a chain', async () => {
      const r = await s.refused(CREATE, { input: { year: 2027, metric: 'GROSS_MARGIN', level: 'BASE', scopeUnitId: team, total: '1.00', periodLevel: 'quarter,week' } }, manager);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
    });
  });

  describe('stretch against base across levels', () => {
    it('a monthly stretch line is held to the base figure for that month, though base was made by weeks', async () => {
      const base = await plan({ year: 2027, metric: 'COLLECTIONS', level: 'BASE', scopeUnitId: team, total: '120000.00', periodLevel: 'month,week' }, manager);
      await step('approveTargetPlan', await step('submitTargetPlan', base, manager), director);
      // Every month of base is 10,000.00; a stretch of 119,999.00 makes some month fall short of it.
      const c = await s.gql(CREATE, { input: { year: 2027, metric: 'COLLECTIONS', level: 'STRETCH', scopeUnitId: team, total: '119999.00', periodLevel: 'month' } }, manager);
      expect(c.errors).toBeUndefined();
      const stretch = c.data.createTargetPlan;
      const r = await s.refused(BREAK, { id: stretch.plan.id, revision: stretch.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, manager);
      const issues = (r.errors![0]!.extensions as any).issues;
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.every((i: any) => i.rule === 'stretchBelowBase')).toBe(true);
      expect(issues.some((i: any) => /^2027-\d\d$/.test(i.periodKey))).toBe(true);
    });

    it('a quarterly stretch plan is held to base months summed to quarters', async () => {
      const base = await plan({ year: 2027, metric: 'GROSS_MARGIN', level: 'BASE', scopeUnitId: team, total: '12000.00', periodLevel: 'month' }, manager);
      await step('approveTargetPlan', await step('submitTargetPlan', base, manager), director);
      const c = await s.gql(CREATE, { input: { year: 2027, metric: 'GROSS_MARGIN', level: 'STRETCH', scopeUnitId: team, total: '11999.00', periodLevel: 'quarter' } }, manager);
      expect(c.errors).toBeUndefined();
      const r = await s.refused(BREAK, { id: c.data.createTargetPlan.plan.id, revision: c.data.createTargetPlan.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, manager);
      const issues = (r.errors![0]!.extensions as any).issues;
      expect(issues.find((i: any) => i.rowKey === team && i.periodKey === '2027-Q1')).toMatchObject({ rule: 'stretchBelowBase', expected: '≥ 3000.00', found: '2999.75' });
      // At the base figure exactly, it stands.
      const ok = await s.gql(CREATE, { input: { year: 2027, metric: 'GROSS_MARGIN', level: 'STRETCH', scopeUnitId: area, total: '1.00', periodLevel: 'quarter' } }, manager);
      expect(ok.errors).toBeUndefined();
    });
  });

  describe('linked plans', () => {
    let areaPlan: any;
    let figures: Map<string, bigint>;
    let childId: string;

    it('a child plan takes its total from the parent plan’s published line for it', async () => {
      areaPlan = await publish(await plan({ year: 2028, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: area, total: '600000.00' }, manager));
      expect(areaPlan.plan.status).toBe('PUBLISHED');
      figures = new Map();
      for (const l of areaPlan.lines) if (l.ownerId !== area) figures.set(l.ownerId, (figures.get(l.ownerId) ?? 0n) + toUnits(l.amount));
      const pre = await s.gql('query($u: ID!) { parentTargetFigure(unitId: $u, year: 2028, metric: SALES_AMOUNT, level: BASE) { total version } }', { u: team }, manager);
      expect(pre.data.parentTargetFigure).toEqual({ total: money(figures.get(team)!), version: 1 });
      const c = await s.gql(CREATE, { input: { year: 2028, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: team } }, manager);
      expect(c.errors).toBeUndefined();
      expect(c.data.createTargetPlan.plan.total).toBe(money(figures.get(team)!));
    });

    it('refuses to submit a child plan whose total differs, with the cell and the parent’s figure, and changes nothing', async () => {
      const other = [...figures.keys()].find((u) => u !== team)!;
      // Typed by hand (a breakdown would take the parent's figure): all of it in January, on the first person.
      const created = (await s.gql(CREATE, { input: { year: 2028, metric: 'SALES_AMOUNT', level: 'BASE', scopeUnitId: other, total: '999999.00' } }, manager)).data.createTargetPlan;
      const first = created.rows.find((r: any) => !r.isScope).ownerId;
      const lines = created.rows.flatMap((r: any) =>
        created.periods.map((p: any) => ({ ownerId: r.ownerId, periodKey: p.key, amount: p.key === '2028-01' && (r.isScope || r.ownerId === first) ? '999999.00' : '0' })),
      );
      const saved = await s.gql(SAVE, { id: created.plan.id, revision: created.plan.revision, lines }, manager);
      expect(saved.errors, JSON.stringify(saved.errors)).toBeUndefined();
      const wrong = saved.data.saveTargetLines;
      const r = await s.refused(STEP('submitTargetPlan'), { id: wrong.plan.id, revision: wrong.plan.revision }, manager);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect((r.errors![0]!.extensions as any).issues[0]).toMatchObject({ rule: 'parentTotal', row: 0, rowKey: other, expected: money(figures.get(other)!), found: '999999.00' });
      const rollup = (await s.gql(ROLLUP, { u: area, y: 2028 }, manager)).data.targetRollup;
      expect(rollup[0]).toMatchObject({ depth: 0, ownerId: area, total: '600000.00', childrenTotal: '600000.00', matches: true });
      expect(rollup.find((r: any) => r.ownerId === other)).toMatchObject({ depth: 1, parentOwnerId: area, total: '999999.00', assigned: money(figures.get(other)!), matches: false });
      expect(rollup.find((r: any) => r.ownerId === team)).toMatchObject({ depth: 1, total: money(figures.get(team)!), childrenTotal: null, matches: true }); // not broken down yet
      const unplanned = rollup.find((r: any) => r.depth === 1 && r.ownerId !== team && r.ownerId !== other);
      expect(unplanned).toMatchObject({ total: null, matches: false });
    });

    it('republishing the parent marks an affected child plan out of date', async () => {
      const child = (await s.gql(`query { targetPlans(year: 2028, metric: SALES_AMOUNT, level: BASE) { id scopeUnitId revision total outOfDate parentTarget { total } } }`, {}, manager)).data.targetPlans.find((p: any) => p.scopeUnitId === team);
      expect(child).toMatchObject({ outOfDate: false, parentTarget: { total: child.total } });
      const teamPlan = await s.gql(BREAK, { id: child.id, revision: child.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, manager);
      expect(teamPlan.errors).toBeUndefined();
      await publish(teamPlan.data.breakDownTargetPlan);
      // The rollup now runs down to the team's people.
      const rollup = (await s.gql(ROLLUP, { u: area, y: 2028 }, manager)).data.targetRollup;
      expect(rollup.find((r: any) => r.ownerId === team)).toMatchObject({ matches: true });
      expect(rollup.filter((r: any) => r.parentOwnerId === team && r.ownerKind === 'PERSON')).toHaveLength(3);
      // Version 2 of the area plan moves 100.00 from the team to another unit.
      const revised = (await s.gql(STEP('reviseTargetPlan'), { id: areaPlan.plan.id, revision: areaPlan.plan.revision }, manager)).data.reviseTargetPlan;
      const other = [...figures.keys()].find((u) => u !== team)!;
      const lines = revised.lines.map((l: any) => {
        if (l.periodKey !== '2028-12') return l;
        if (l.ownerId === team) return { ...l, amount: money(toUnits(l.amount) - 10000n) };
        if (l.ownerId === other) return { ...l, amount: money(toUnits(l.amount) + 10000n) };
        return l;
      });
      const saved = await s.gql(SAVE, { id: revised.plan.id, revision: revised.plan.revision, lines }, manager);
      expect(saved.errors, JSON.stringify(saved.errors)).toBeUndefined();
      await publish(saved.data.saveTargetLines);
      const after = (await s.gql(SUMMARY, { id: child.id }, manager)).data.targetPlan;
      expect(after.plan).toMatchObject({ outOfDate: true, parentTarget: { version: 2, total: money(figures.get(team)! - 10000n) } });
      expect(after.events.at(-1)).toEqual({ action: 'parentChanged', comment: money(figures.get(team)! - 10000n) });
      childId = child.id;
    });

    it('revising the out-of-date plan takes the new figure; broken down again it matches and can be submitted', async () => {
      const plan = (await s.gql(SUMMARY, { id: childId }, manager)).data.targetPlan.plan;
      const rev = (await s.gql(`query($id: ID!) { targetPlan(id: $id) { plan { revision } } }`, { id: childId }, manager)).data.targetPlan.plan.revision;
      const v2 = await s.gql(STEP('reviseTargetPlan'), { id: childId, revision: rev }, manager);
      expect(v2.errors).toBeUndefined();
      expect(v2.data.reviseTargetPlan.plan).toMatchObject({ version: 2, total: plan.parentTarget.total });
      const redone = await s.gql(BREAK, { id: v2.data.reviseTargetPlan.plan.id, revision: v2.data.reviseTargetPlan.plan.revision, time: { kind: 'EQUAL' }, owners: { kind: 'EQUAL' } }, manager);
      expect(redone.errors).toBeUndefined();
      const now = (await s.gql(SUMMARY, { id: v2.data.reviseTargetPlan.plan.id }, manager)).data.targetPlan.plan;
      expect(now).toMatchObject({ outOfDate: false, total: plan.parentTarget.total });
      await step('submitTargetPlan', redone.data.breakDownTargetPlan, manager);
    });
  });
});
