/**
 * Achievement, gaps, classes and bands (issue 10 §2) through the API, with
 * exact figures: a team plan published by the workflow (1,000.00 base and
 * 1,250.00 stretch a person-month), a rep's sales at each class boundary,
 * the team's band, year to date pro-rated; classes as data, edited by an
 * admin (audited) and refused whole when wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { planShape } from '../../server/targets/plan-shape.ts';
import { CALENDAR_YEAR } from '../../schema/periods.ts';

const PLAN = 'plan { id revision status } rows { ownerId isScope hireDate leaveDate } periods { key start end }';
const ACH = `query($period: String!, $grain: PeriodGrain!, $unitId: ID, $personId: ID, $by: ActualsBy, $asOf: Date) {
  achievement(period: $period, grain: $grain, metric: SALES_AMOUNT, unitId: $unitId, personId: $personId, by: $by, asOf: $asOf) {
    periods { key } rows { ownerKind ownerId name cells { periodKey actual base stretch baseAchievement stretchAchievement baseGap stretchGap class } } } }`;
const CLASSES = '{ resultClasses { persons { rules { code against percent inclusive } otherwise } units { rules { code against percent inclusive } otherwise } } }';
const SET = 'mutation($c: ResultClassesInput!) { setResultClasses(classes: $c) { persons { rules { code percent inclusive } otherwise } units { otherwise } } }';

describe.each(testProviders)('achievement on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager' | 'rep' | 'director', string>;
  let team: { id: string };
  let area: { id: string };
  let rep: { id: string; employeeNo: string; hireDate: Date };
  let teamSize = 0;

  const step = async (name: string, id: string, revision: number, token: string) => {
    const r = await s.gql(`mutation($id: ID!, $revision: Int!) { ${name}(id: $id, revision: $revision) { plan { id revision status } } }`, { id, revision }, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data[name].plan as { id: string; revision: number; status: string };
  };
  /** Creates, fills (perMonth a person-month when employed), submits, approves and publishes a team plan. */
  const publish = async (level: 'BASE' | 'STRETCH', perMonth: number) => {
    // The plan's rows and columns, as the server will shape them, to know its total before creating it.
    const shape = await planShape(s.db.prisma, { id: '', year: 2026, metric: 'SALES_AMOUNT', level, scopeUnitId: team.id, periodLevel: 'month', ownerKind: 'PERSON', total: 0n }, CALENDAR_YEAR);
    teamSize = shape.owners.length;
    const lines: { ownerId: string; periodKey: string; amount: string }[] = [];
    const scope = new Map<string, number>();
    for (const p of shape.owners)
      for (const period of shape.periods) {
        const employed = (!p.hireDate || p.hireDate <= period.end) && (!p.leaveDate || p.leaveDate >= period.start);
        const amount = employed ? perMonth : 0;
        scope.set(period.key, (scope.get(period.key) ?? 0) + amount);
        lines.push({ ownerId: p.key, periodKey: period.key, amount: amount.toFixed(2) });
      }
    const total = [...scope.values()].reduce((a, b) => a + b, 0);
    for (const [k, v] of scope) lines.push({ ownerId: team.id, periodKey: k, amount: v.toFixed(2) });
    const created = await s.gql(`mutation($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN} } }`, { input: { year: 2026, metric: 'SALES_AMOUNT', level, scopeUnitId: team.id, total: total.toFixed(2), ownerKind: 'PERSON' } }, t.manager);
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const view = created.data.createTargetPlan;
    const saved = await s.gql(
      'mutation($id: ID!, $revision: Int!, $lines: [TargetLineInput!]!) { saveTargetLines(id: $id, revision: $revision, lines: $lines) { plan { id revision total } } }',
      { id: view.plan.id, revision: view.plan.revision, lines },
      t.manager,
    );
    expect(saved.errors, JSON.stringify(saved.errors)).toBeUndefined();
    let plan = saved.data.saveTargetLines.plan;
    plan = await step('submitTargetPlan', plan.id, plan.revision, t.manager);
    plan = await step('approveTargetPlan', plan.id, plan.revision, t.director);
    plan = await step('publishTargetPlan', plan.id, plan.revision, t.director);
    expect(plan.status).toBe('PUBLISHED');
  };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'rep', 'director'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const repUser = await p.user.findUniqueOrThrow({ where: { username: 'rep' } });
    rep = await p.person.findUniqueOrThrow({ where: { id: repUser.personId! } });
    expect(rep.hireDate < new Date('2026-01-01')).toBe(true);
    team = { id: (await p.assignment.findFirstOrThrow({ where: { personId: rep.id, validTo: null } })).unitId };
    area = { id: (await p.orgUnit.findUniqueOrThrow({ where: { id: team.id } })).parentId! };
    await publish('BASE', 1000);
    await publish('STRETCH', 1250);
    const sales = [
      ['2026-01-20', '1000.00'],
      ['2026-02-10', '1000.00'],
      ['2026-03-05', '799.90'],
      ['2026-04-05', '800.00'],
      ['2026-05-05', '899.90'],
      ['2026-06-05', '900.00'],
      ['2026-07-05', '1000.00'],
      ['2026-08-05', '1250.00'],
    ];
    const r = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: sales.map(([date, amount], i) => ({ externalId: `ACH-${i}`, employeeNo: rep.employeeNo, date, amount })) }, t.finance);
    expect(r.errors).toBeUndefined();
  });
  afterAll(() => s.close());

  const read = async (vars: Record<string, unknown>, token = t.manager) => {
    const r = await s.gql(ACH, vars, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data.achievement as { periods: { key: string }[]; rows: { ownerKind: string; ownerId: string; cells: Record<string, string | null>[] }[] };
  };

  it('gives targets, actual, achievement, gaps and the class at each boundary, exactly', async () => {
    const a = await read({ period: '2026', grain: 'MONTH', unitId: team.id });
    const mine = a.rows.find((r) => r.ownerId === rep.id)!;
    expect(mine.cells.slice(0, 8).map((c) => [c.periodKey, c.actual, c.base, c.stretch, c.baseAchievement, c.stretchAchievement, c.baseGap, c.stretchGap, c.class])).toEqual([
      ['2026-01', '1000.00', '1000.00', '1250.00', '100.00', '80.00', '0.00', '250.00', 'MET_BASE'],
      ['2026-02', '1000.00', '1000.00', '1250.00', '100.00', '80.00', '0.00', '250.00', 'MET_BASE'],
      ['2026-03', '799.90', '1000.00', '1250.00', '79.99', '63.99', '200.10', '450.10', 'BELOW_80'],
      ['2026-04', '800.00', '1000.00', '1250.00', '80.00', '64.00', '200.00', '450.00', 'BELOW_90'],
      ['2026-05', '899.90', '1000.00', '1250.00', '89.99', '71.99', '100.10', '350.10', 'BELOW_90'],
      ['2026-06', '900.00', '1000.00', '1250.00', '90.00', '72.00', '100.00', '350.00', 'ABOUT_90'],
      ['2026-07', '1000.00', '1000.00', '1250.00', '100.00', '80.00', '0.00', '250.00', 'MET_BASE'],
      ['2026-08', '1250.00', '1000.00', '1250.00', '125.00', '100.00', '-250.00', '0.00', 'MET_STRETCH'],
    ]);
    expect(mine.cells[8]).toMatchObject({ actual: '0.00', baseAchievement: '0.00', class: 'BELOW_80' });
    const quarter = await read({ period: '2026', grain: 'QUARTER', personId: rep.id });
    expect(quarter.rows[0]!.cells[0]).toMatchObject({ periodKey: '2026-Q1', actual: '2799.90', base: '3000.00', stretch: '3750.00', baseAchievement: '93.33', class: 'ABOUT_90' });
    // Half months take the month's targets by days (15/31 and 16/31 of 1,000.00 and 1,250.00), adding up to them.
    const half = await read({ period: '2026-03', grain: 'HALF_MONTH', personId: rep.id });
    expect(half.rows[0]!.cells[0]).toMatchObject({ actual: '799.90', base: '483.87', stretch: '604.84', baseAchievement: '165.31', class: 'MET_STRETCH' });
    expect(half.rows[0]!.cells[1]).toMatchObject({ actual: '0.00', base: '516.13', stretch: '645.16', class: 'BELOW_80' });
    const tenDays = await read({ period: '2026-02', grain: 'TEN_DAYS', personId: rep.id });
    expect(tenDays.rows[0]!.cells.map((c) => c.base)).toEqual(['357.14', '357.14', '285.72']);
    // A week read by ten-day blocks (Monday 9 to Sunday 15 March): its days' share of each block's part of March
    // (322.58, 322.58, 354.84): 2 of D1's 10 days (64.52), 5 of D2's (161.29).
    const week = await read({ period: '2026-W11', grain: 'TEN_DAYS', personId: rep.id });
    expect(week.rows[0]!.cells.map((c) => [c.periodKey, c.base])).toEqual([
      ['2026-03-D1', '64.52'],
      ['2026-03-D2', '161.29'],
    ]);
  });

  it('pro-rates the month a year to date ends in, by days', async () => {
    const ytd = await read({ period: '2026', grain: 'YEAR_TO_DATE', personId: rep.id, asOf: '2026-03-12' });
    // January and February whole, and 12/31 of March's 1,000.00 (387.096… → 387.10).
    expect(ytd.rows[0]!.cells[0]).toMatchObject({ periodKey: '2026-YTD', actual: '2799.90', base: '2387.10', baseGap: '-412.80', class: 'MET_BASE' });
  });

  it('bands the team A/B/C by its own plan', async () => {
    const units = await read({ period: '2026-08', grain: 'MONTH', unitId: area.id, by: 'CHILD_UNIT' });
    const mine = units.rows.find((r) => r.ownerId === team.id)!;
    expect(mine.ownerKind).toBe('UNIT');
    const base = teamSize * 1000;
    expect(mine.cells[0]).toMatchObject({ actual: '1250.00', base: base.toFixed(2), stretch: (teamSize * 1250).toFixed(2) });
    const pct = (1250 * 100) / base;
    expect(mine.cells[0]!.class).toBe(pct >= 100 ? 'A' : pct >= 80 ? 'B' : 'C');
    // A sibling team without a plan has no band.
    expect(units.rows.filter((r) => r.ownerId !== team.id).every((r) => r.cells[0]!.class === null && r.cells[0]!.base === null)).toBe(true);
  });

  it('shows a rep their own results only', async () => {
    const own = await read({ period: '2026-03', grain: 'MONTH' }, t.rep);
    expect(own.rows).toHaveLength(1);
    expect(own.rows[0]).toMatchObject({ ownerId: rep.id, cells: [expect.objectContaining({ actual: '799.90', base: '1000.00', class: 'BELOW_80' })] });
    const other = await s.db.prisma.assignment.findFirstOrThrow({ where: { unitId: team.id, personId: { not: rep.id }, validTo: null } });
    for (const vars of [{ unitId: team.id }, { personId: other.personId }]) {
      const r = await s.refused(ACH, { period: '2026-03', grain: 'MONTH', ...vars }, t.rep);
      expect(codeOf(r)).toBe('NOT_FOUND');
    }
  });

  it('keeps classes as data that an admin edits, audited, and refuses bad ones whole', async () => {
    const before = (await s.gql(CLASSES, {}, t.rep)).data.resultClasses;
    expect(before.persons.rules.map((r: any) => `${r.code} ${r.against} ${r.percent} ${r.inclusive}`)).toEqual([
      'MET_STRETCH STRETCH 100 true',
      'MET_BASE BASE 100 true',
      'ABOUT_90 BASE 90 true',
      'BELOW_90 BASE 80 true',
    ]);
    expect(before.units).toEqual({ rules: [{ code: 'A', against: 'BASE', percent: '100', inclusive: true }, { code: 'B', against: 'BASE', percent: '80', inclusive: true }], otherwise: 'C' });
    const rule = (code: string, percent: string, inclusive = true, against = 'BASE') => ({ code, against, percent, inclusive });
    const bad = async (persons: unknown, reason: string) => {
      const r = await s.refused(SET, { c: { persons, units: before.units } }, t.admin);
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    };
    await bad({ rules: [rule('GOOD', '90'), rule('BETTER', '95')], otherwise: 'LOW' }, 'THRESHOLDS_NOT_DESCENDING');
    await bad({ rules: [rule('GOOD', '90,5')], otherwise: 'LOW' }, 'THRESHOLD_INVALID');
    await bad({ rules: [rule('good', '90')], otherwise: 'LOW' }, 'CLASS_CODE_INVALID');
    await bad({ rules: [rule('LOW', '90')], otherwise: 'LOW' }, 'CLASS_CODE_TWICE');
    await bad({ rules: [], otherwise: 'LOW' }, 'NO_CLASS_RULES');
    expect(codeOf(await s.refused(SET, { c: before }, t.manager))).toBe('FORBIDDEN');

    // Met base only above 100 %: July (exactly 100 %) falls to the next class.
    const changed = await s.gql(SET, { c: { persons: { rules: [rule('MET_STRETCH', '100', true, 'STRETCH'), rule('MET_BASE', '100', false), rule('ABOUT_90', '90')], otherwise: 'BELOW_90' }, units: before.units } }, t.admin);
    expect(changed.errors).toBeUndefined();
    const july = await read({ period: '2026-07', grain: 'MONTH', personId: rep.id });
    expect(july.rows[0]!.cells[0]!.class).toBe('ABOUT_90');
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'Setting', entityId: 'results.classes' } });
    expect(JSON.parse(audit.after!).persons.rules[1]).toEqual({ code: 'MET_BASE', against: 'BASE', percent: '100', inclusive: false });
    expect(JSON.parse(audit.before!).persons.rules[1].inclusive).toBe(true);
    await s.gql(SET, { c: before }, t.admin);
  });

  it('counts a person’s targets for the unit they were in: someone moved on 1 July has January–June on the old team, July on the new one, the whole year on the area', async () => {
    const p = s.db.prisma;
    const mover = await p.person.findFirstOrThrow({ where: { id: { not: rep.id }, position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: new Date('2026-01-01') }, leaveDate: null, assignments: { some: { unitId: team.id, validTo: null } } } });
    const sibling = await p.orgUnit.findFirstOrThrow({ where: { parentId: area.id, id: { not: team.id } } });
    const before = (await read({ period: '2026', grain: 'YEAR', unitId: team.id })).rows.find((r) => r.ownerId === mover.id)!;
    expect(before.cells[0]).toMatchObject({ base: '12000.00', stretch: '15000.00' });
    const version = (await s.gql('query($id: ID!) { person(id: $id) { version } }', { id: mover.id }, t.admin)).data.person.version;
    const moved = await s.gql('mutation($id: ID!, $v: Int!, $u: ID!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: "2026-07-01") { id } }', { id: mover.id, v: version, u: sibling.id }, t.admin);
    expect(moved.errors).toBeUndefined();
    const onOld = (await read({ period: '2026', grain: 'QUARTER', unitId: team.id })).rows.find((r) => r.ownerId === mover.id)!;
    expect(onOld.cells.map((c) => c.base)).toEqual(['3000.00', '3000.00', '0.00', '0.00']);
    const oldYear = (await read({ period: '2026', grain: 'YEAR', unitId: team.id })).rows.find((r) => r.ownerId === mover.id)!;
    expect(oldYear.cells[0]).toMatchObject({ base: '6000.00', stretch: '7500.00' });
    const onNew = (await read({ period: '2026-07', grain: 'MONTH', unitId: sibling.id })).rows.find((r) => r.ownerId === mover.id)!;
    expect(onNew.cells[0]).toMatchObject({ base: '1000.00', stretch: '1250.00' });
    expect((await read({ period: '2026-06', grain: 'MONTH', unitId: sibling.id })).rows.find((r) => r.ownerId === mover.id)).toBeUndefined();
    const onArea = (await read({ period: '2026', grain: 'YEAR', unitId: area.id })).rows.find((r) => r.ownerId === mover.id)!;
    expect(onArea.cells[0]).toMatchObject({ base: '12000.00', stretch: '15000.00' });
    const own = (await read({ period: '2026', grain: 'YEAR', personId: mover.id }, t.admin)).rows[0]!;
    expect(own.cells[0]).toMatchObject({ base: '12000.00' });
  });
});
