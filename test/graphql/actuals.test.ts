/**
 * Actuals read back (issue 10 §1) through the API, with exact figures: by
 * person, child unit and unit, at every grain, every metric; a person who
 * moved counts for the old unit before the move and the new one after;
 * rows filtered by role; bad input refused with a registered reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { rebuildSalesMonths } from '../../server/results/rollup.ts';
import { FISCAL_FIRST_MONTH } from '../../server/targets/calendar.ts';

const ACTUALS = `query($period: String!, $grain: PeriodGrain!, $metric: Metric!, $unitId: ID, $personId: ID, $by: ActualsBy, $asOf: Date) {
  actuals(period: $period, grain: $grain, metric: $metric, unitId: $unitId, personId: $personId, by: $by, asOf: $asOf) {
    metric range { key start end } periods { key start end } rows { ownerKind ownerId name code values total } totals total } }`;
const IMPORT = 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created updated unchanged } }';

type Row = { ownerId: string; values: string[]; total: string; ownerKind: string; name: string };

describe.each(testProviders)('actuals on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager' | 'rep' | 'director', string>;
  let area: { id: string; name: string };
  let otherArea: { id: string };
  let teamA: string;
  let teamB: string;
  let rep: { id: string; employeeNo: string };
  let mover: { id: string; employeeNo: string };
  let outsider: { id: string; employeeNo: string };

  const read = async (vars: Record<string, unknown>, token = t.admin) => {
    const r = await s.gql(ACTUALS, { metric: 'SALES_AMOUNT', ...vars }, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data.actuals as { periods: { key: string; start: string; end: string }[]; rows: Row[]; totals: string[]; total: string; range: { key: string; start: string; end: string } };
  };
  const row = (a: { rows: Row[] }, id: string) => a.rows.find((r) => r.ownerId === id);

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'rep', 'director'] as const) t[u] = await s.login(u);
    const p = s.db.prisma;
    const mgr = await p.user.findUniqueOrThrow({ where: { username: 'manager' } });
    area = await p.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    otherArea = await p.orgUnit.findFirstOrThrow({ where: { kind: 'AREA', id: { not: area.id } } });
    const repUser = await p.user.findUniqueOrThrow({ where: { username: 'rep' } });
    rep = await p.person.findUniqueOrThrow({ where: { id: repUser.personId! } });
    teamA = (await p.assignment.findFirstOrThrow({ where: { personId: rep.id, validTo: null } })).unitId;
    teamB = (await p.orgUnit.findFirstOrThrow({ where: { parentId: area.id, id: { not: teamA } } })).id;
    const inTeam = (unitId: string, not: string[]) =>
      p.person.findFirstOrThrow({ where: { id: { notIn: not }, position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: new Date('2026-01-01') }, assignments: { some: { unitId, validTo: null } } } });
    mover = await inTeam(teamA, [rep.id]);
    outsider = await p.person.findFirstOrThrow({
      where: { position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: new Date('2026-01-01') }, assignments: { some: { validTo: null, unit: { path: { startsWith: (await p.orgUnit.findUniqueOrThrow({ where: { id: otherArea.id } })).path } } } } },
    });
    // The mover goes from team A to team B on 1 June.
    const version = (await s.gql('query($id: ID!) { person(id: $id) { version } }', { id: mover.id }, t.admin)).data.person.version;
    const moved = await s.gql('mutation($id: ID!, $v: Int!, $u: ID!) { transferPerson(id: $id, version: $v, unitId: $u, effectiveDate: "2026-06-01") { id } }', { id: mover.id, v: version, u: teamB }, t.admin);
    expect(moved.errors).toBeUndefined();
    const sale = (id: string, who: { employeeNo: string }, date: string, amount: string, more: Record<string, unknown> = {}) => ({ externalId: id, employeeNo: who.employeeNo, date, amount, ...more });
    const imported = await s.gql(
      IMPORT,
      {
        r: [
          sale('A1', rep, '2026-03-05', '100.00', { units: 1, customer: '甲', newCustomer: true, collected: '100.00', margin: '30.00' }),
          sale('A2', rep, '2026-03-12', '200.00', { units: 2, customer: '乙', newCustomer: true, collected: '150.00', margin: '40.00' }),
          sale('A3', rep, '2026-03-25', '300.00', { units: 3, customer: '甲', collected: '0.00', margin: '90.50' }),
          sale('A4', rep, '2026-04-15', '50.00', { units: 1 }),
          sale('M1', mover, '2026-05-20', '1000.00'),
          sale('M2', mover, '2026-06-10', '500.00'),
          sale('O1', outsider, '2026-03-05', '7777.00'),
        ],
      },
      t.finance,
    );
    expect(imported.errors).toBeUndefined();
  });
  afterAll(() => s.close());

  it('sums a person’s sales by ten-day block, half month, day and month, exactly', async () => {
    const tenDays = await read({ period: '2026-03', grain: 'TEN_DAYS', unitId: area.id });
    expect(tenDays.periods).toEqual([
      { key: '2026-03-D1', start: '2026-03-01', end: '2026-03-10' },
      { key: '2026-03-D2', start: '2026-03-11', end: '2026-03-20' },
      { key: '2026-03-D3', start: '2026-03-21', end: '2026-03-31' },
    ]);
    expect(row(tenDays, rep.id)).toMatchObject({ ownerKind: 'PERSON', values: ['100.00', '200.00', '300.00'], total: '600.00' });
    // Everyone assigned in the area that month has a row, with or without sales; nobody from elsewhere.
    expect(row(tenDays, mover.id)!.values).toEqual(['0.00', '0.00', '0.00']);
    expect(row(tenDays, outsider.id)).toBeUndefined();
    expect(tenDays.total).toBe('600.00');
    const half = await read({ period: '2026-03', grain: 'HALF_MONTH', personId: rep.id });
    expect(half.periods.map((p) => p.key)).toEqual(['2026-03-H1', '2026-03-H2']);
    expect(half.rows[0]!.values).toEqual(['300.00', '300.00']);
    const days = await read({ period: '2026-03', grain: 'DAY', personId: rep.id });
    expect(days.periods).toHaveLength(31);
    expect(days.rows[0]!.values.filter((v) => v !== '0.00')).toEqual(['100.00', '200.00', '300.00']);
    expect(days.rows[0]!.values[4]).toBe('100.00');
    const months = await read({ period: '2026-Q1', grain: 'MONTH', personId: rep.id });
    expect(months.rows[0]!.values).toEqual(['0.00', '0.00', '600.00']);
  });

  it('reads every metric', async () => {
    const metric = async (m: string) => (await read({ period: '2026-03', grain: 'MONTH', personId: rep.id, metric: m })).rows[0]!.values[0];
    expect(await metric('UNITS')).toBe('6');
    expect(await metric('NEW_CUSTOMERS')).toBe('2');
    expect(await metric('COLLECTIONS')).toBe('250.00');
    expect(await metric('GROSS_MARGIN')).toBe('160.50');
  });

  it('counts a person who moved for the old unit before the move and the new one after', async () => {
    const units = await read({ period: '2026', grain: 'QUARTER', unitId: area.id, by: 'CHILD_UNIT' });
    expect(units.periods.map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(row(units, teamA)!.values).toEqual(['600.00', '1050.00', '0.00', '0.00']);
    expect(row(units, teamB)!.values).toEqual(['0.00', '500.00', '0.00', '0.00']);
    expect(units.rows.every((r) => r.ownerKind === 'UNIT')).toBe(true);
    const team = await read({ period: '2026-05', grain: 'MONTH', unitId: teamB, by: 'PERSON' });
    expect(row(team, mover.id)).toBeUndefined(); // not in team B in May
    const june = await read({ period: '2026-06', grain: 'MONTH', unitId: teamB });
    expect(row(june, mover.id)!.values).toEqual(['500.00']);
    // The person's own row has both.
    const person = await read({ period: '2026', grain: 'YEAR', unitId: area.id });
    expect(row(person, mover.id)!.values).toEqual(['1500.00']);
    const whole = await read({ period: '2026', grain: 'YEAR', unitId: area.id, by: 'UNIT' });
    expect(whole.rows).toEqual([expect.objectContaining({ ownerId: area.id, values: ['2150.00'] })]);
  });

  it('reads the year to date up to a day, part of a month from the sales themselves', async () => {
    const ytd = await read({ period: '2026', grain: 'YEAR_TO_DATE', personId: rep.id, asOf: '2026-03-12' });
    expect(ytd.periods).toEqual([{ key: '2026-YTD', start: '2026-01-01', end: '2026-03-12' }]);
    expect(ytd.rows[0]!.values).toEqual(['300.00']);
    expect((await read({ period: '2026-03', grain: 'YEAR_TO_DATE', personId: rep.id, asOf: '2026-12-31' })).rows[0]!.values).toEqual(['600.00']);
    expect((await read({ period: '2026', grain: 'YEAR_TO_DATE', unitId: area.id, by: 'UNIT', asOf: '2026-05-20' })).rows[0]!.values).toEqual(['1650.00']);
  });

  it('follows a corrected import, in the months before and after', async () => {
    const again = await s.gql(IMPORT, { r: [{ externalId: 'A4', employeeNo: rep.employeeNo, date: '2026-05-02', amount: '70.00' }] }, t.finance);
    expect(again.data.importSalesActuals).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const months = await read({ period: '2026-Q2', grain: 'MONTH', personId: rep.id });
    expect(months.rows[0]!.values).toEqual(['0.00', '70.00', '0.00']);
    // The monthly sums kept on import equal the sums rebuilt from every sale.
    const kept = await s.db.prisma.salesMonth.findMany({ orderBy: [{ personId: 'asc' }, { unitId: 'asc' }, { month: 'asc' }] });
    await s.db.prisma.$transaction((tx) => rebuildSalesMonths(tx));
    expect(await s.db.prisma.salesMonth.findMany({ orderBy: [{ personId: 'asc' }, { unitId: 'asc' }, { month: 'asc' }] })).toEqual(kept);
    await s.gql(IMPORT, { r: [{ externalId: 'A4', employeeNo: rep.employeeNo, date: '2026-04-15', amount: '50.00', units: 1 }] }, t.finance);
  });

  it('shows a rep only their own sales and a manager only their subtree', async () => {
    const mine = await read({ period: '2026-03', grain: 'MONTH' }, t.rep);
    expect(mine.rows).toEqual([expect.objectContaining({ ownerId: rep.id, values: ['600.00'] })]);
    expect((await read({ period: '2026-03', grain: 'MONTH', personId: rep.id }, t.rep)).total).toBe('600.00');
    for (const vars of [{ unitId: teamA }, { unitId: area.id }, { personId: mover.id }, { personId: outsider.id }]) {
      const r = await s.refused(ACTUALS, { period: '2026-03', grain: 'MONTH', metric: 'SALES_AMOUNT', ...vars }, t.rep);
      expect(codeOf(r)).toBe('NOT_FOUND');
      expect(r.data?.actuals ?? null).toBeNull();
    }
    const team = await read({ period: '2026', grain: 'YEAR', unitId: area.id }, t.manager);
    expect(team.total).toBe('2150.00');
    expect(row(team, outsider.id)).toBeUndefined();
    for (const vars of [{ unitId: otherArea.id }, { personId: outsider.id }]) {
      const r = await s.refused(ACTUALS, { period: '2026', grain: 'YEAR', metric: 'SALES_AMOUNT', ...vars }, t.manager);
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'unitId' in vars ? 'ORG_UNIT_NOT_FOUND' : 'PERSON_NOT_FOUND' });
    }
    expect((await read({ period: '2026-03', grain: 'MONTH', personId: outsider.id }, t.director)).rows[0]!.values).toEqual(['7777.00']);
  });

  it('reads a fiscal year that runs over the turn of the calendar year', async () => {
    // A fiscal year from July: "2025" is July 2025 to June 2026.
    await s.db.prisma.setting.upsert({ where: { key: FISCAL_FIRST_MONTH }, create: { key: FISCAL_FIRST_MONTH, value: '7' }, update: { value: '7' } });
    try {
      const year = await read({ period: '2025', grain: 'MONTH', unitId: area.id });
      expect(year.periods.map((p) => p.key)).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
      expect(row(year, rep.id)!.values).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '600.00', '50.00', '0.00', '0.00']);
      expect(row(year, mover.id)!.values.slice(8)).toEqual(['0.00', '0.00', '1000.00', '500.00']);
      const blocks = await read({ period: '2025-Q3', grain: 'TEN_DAYS', personId: rep.id });
      expect(blocks.periods.map((p) => p.key).slice(6)).toEqual(['2026-03-D1', '2026-03-D2', '2026-03-D3']);
      expect(blocks.rows[0]!.values.slice(6)).toEqual(['100.00', '200.00', '300.00']);
    } finally {
      await s.db.prisma.setting.delete({ where: { key: FISCAL_FIRST_MONTH } });
    }
  });

  it('refuses bad input with a registered reason', async () => {
    const bad = async (vars: Record<string, unknown>) => (await s.refused(ACTUALS, { grain: 'MONTH', metric: 'SALES_AMOUNT', period: '2026', unitId: area.id, ...vars }, t.admin)).errors![0]!.extensions as Record<string, unknown>;
    expect(await bad({ period: '2026-13' })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_PERIOD', params: { value: '2026-13' } });
    expect(await bad({ period: 'last year' })).toMatchObject({ reason: 'NOT_A_PERIOD' });
    expect(await bad({ period: '2026-03', grain: 'QUARTER' })).toMatchObject({ reason: 'GRAIN_TOO_COARSE', params: { grain: 'QUARTER', period: '2026-03' } });
    expect(await bad({ personId: rep.id })).toMatchObject({ reason: 'ONE_OWNER' });
    expect(await bad({ unitId: 'no-such-unit' })).toMatchObject({ reason: 'ORG_UNIT_NOT_FOUND' });
    expect((await bad({ metric: 'REVENUE' })).reason).toBe('VARIABLE_TYPE');
    expect((await bad({ grain: 'WEEK' })).reason).toBe('VARIABLE_TYPE');
  });
});
