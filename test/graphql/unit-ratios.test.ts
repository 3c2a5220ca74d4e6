/**
 * The expense ratio (开支比) and payroll ratio (工资比) of brief §5, through
 * the API: finance keeps a month's expenses by unit and category (refused
 * whole in a locked month or for an amount that is not money, and audited),
 * and a unit's ratios read sales, expenses and the net pay of the months'
 * calculated payroll runs, per child unit and for the unit, exact to 0.01 %.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { formatMoney, parseMoney } from '../../schema/money.ts';

const SAVE = `mutation($m: String!, $lines: [UnitExpenseInput!]!) { saveUnitExpenses(month: $m, lines: $lines) { unitId unitCode category amount } }`;
const RATIOS = `query($u: ID!, $p: String!, $g: PeriodGrain!, $asOf: Date) { unitRatios(unitId: $u, period: $p, grain: $g, asOf: $asOf) {
  months total { unitId sales expenses pay expenseRatio payrollRatio } rows { unitId code sales expenses pay expenseRatio payrollRatio } } }`;
const reasonOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.reason;
/** amount ÷ sales as a percentage, half-up to 0.01, by integers: the check's own arithmetic. */
const percent = (amount: string, sales: string) => {
  const [a, b] = [parseMoney(amount), parseMoney(sales)];
  const scaled = (a * 20000n + b) / (2n * b);
  return `${scaled / 100n}.${String(scaled % 100n).padStart(2, '0')}`;
};

describe.each(testProviders)('expenses and the ratios of sales on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'manager' | 'director' | 'rep', string>;
  let team: string;
  let sibling: string;
  let area: string;
  /** Net pay of March's run by team, from the payslips and the roster. */
  const payOf = new Map<string, bigint>();
  const ok = async (q: string, v: Record<string, unknown>, token: string) => {
    const r = await s.gql(q, v, token);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  const ratios = async (p: string, g: string, token = t.manager, asOf?: string) => (await ok(RATIOS, { u: area, p, g, asOf }, token)).unitRatios;
  const sell = (r: { externalId: string; employeeNo: string; date: string; amount: string }[]) => ok('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r }, t.finance);
  /** A month's run for a unit, created and calculated by finance: its net pay in all. */
  const calculatedPay = async (month: string, unitId: string) => {
    const run = (await ok(`mutation($m: String!, $u: ID!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id } } }`, { m: month, u: unitId }, t.finance)).createPayrollRun.run;
    const slips = (await ok(`mutation($id: ID!) { calculatePayrollRun(id: $id, revision: 1) { payslips { net } } }`, { id: run.id }, t.finance)).calculatePayrollRun.payslips as { net: string }[];
    return formatMoney(slips.reduce((a, x) => a + parseMoney(x.net), 0n));
  };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'manager', 'director', 'rep'] as const) t[u] = await s.login(u);
    const rep = (await ok('{ viewer { person { id unitId employeeNo } } }', {}, t.rep)).viewer.person;
    team = rep.unitId;
    area = (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: team } })).parentId!;
    sibling = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: area, id: { not: team }, assignments: { some: { validTo: null } } }, orderBy: { code: 'asc' } })).id;
    const other = await s.db.prisma.person.findFirstOrThrow({ where: { assignments: { some: { unitId: sibling, validTo: null } }, leaveDate: null }, orderBy: { employeeNo: 'asc' } });
    const sales = [
      { externalId: 'RATIO-1', employeeNo: rep.employeeNo, date: '2026-03-09', amount: '20000.00' },
      { externalId: 'RATIO-2', employeeNo: other.employeeNo, date: '2026-03-18', amount: '10000.00' },
    ];
    await ok('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: sales }, t.finance);
    // March's payroll for the area, calculated; April's created but not calculated (a draft pays nothing).
    const created = (await ok(`mutation($u: ID!) { createPayrollRun(month: "2026-03", scopeUnitId: $u) { run { id } } }`, { u: area }, t.finance)).createPayrollRun.run;
    const calc = await ok(`mutation($id: ID!) { calculatePayrollRun(id: $id, revision: 1) { payslips { personId net } } }`, { id: created.id }, t.finance);
    await ok(`mutation($u: ID!) { createPayrollRun(month: "2026-04", scopeUnitId: $u) { run { id } } }`, { u: area }, t.finance);
    const unitOf = new Map((await s.db.prisma.assignment.findMany({ where: { validFrom: { lt: new Date('2026-04-01') }, OR: [{ validTo: null }, { validTo: { gt: new Date('2026-03-31') } }] }, select: { personId: true, unitId: true } })).map((a) => [a.personId, a.unitId]));
    for (const slip of calc.calculatePayrollRun.payslips) {
      const u = unitOf.get(slip.personId)!;
      payOf.set(u, (payOf.get(u) ?? 0n) + parseMoney(slip.net));
    }
    expect(payOf.get(team)).toBeGreaterThan(0n);
    expect(payOf.get(sibling)).toBeGreaterThan(0n);
  });
  afterAll(() => s.close());

  it('keeps a month’s expenses by unit and category, and a zero removes one', async () => {
    const saved = (await ok(SAVE, {
      m: '2026-03',
      lines: [
        { unitId: team, category: 'ADVERTISING', amount: '1200.00' },
        { unitId: team, category: 'PROMOTION', amount: '720' },
        { unitId: team, category: 'OTHER', amount: '50.00' },
        { unitId: sibling, category: 'TRAVEL', amount: '500.5' },
      ],
    }, t.finance)).saveUnitExpenses;
    expect(saved.filter((e: any) => e.unitId === team).map((e: any) => [e.category, e.amount])).toEqual([['ADVERTISING', '1200.00'], ['PROMOTION', '720.00'], ['OTHER', '50.00']]);
    const again = (await ok(SAVE, { m: '2026-03', lines: [{ unitId: team, category: 'OTHER', amount: '0' }, { unitId: sibling, category: 'TRAVEL', amount: '500.00' }] }, t.finance)).saveUnitExpenses;
    const name = (id: string) => (id === team ? 'team' : 'sibling');
    expect(again.map((e: any) => [name(e.unitId), e.category, e.amount]).sort()).toEqual([
      ['sibling', 'TRAVEL', '500.00'],
      ['team', 'ADVERTISING', '1200.00'],
      ['team', 'PROMOTION', '720.00'],
    ]);
    // By unit code, then category in the catalogue's order.
    expect(again.map((e: any) => e.unitCode)).toEqual(again.map((e: any) => e.unitCode).sort());
    await ok(SAVE, { m: '2026-01', lines: [{ unitId: team, category: 'CHANNEL', amount: '300.00' }] }, t.finance);
    // The manager of the area reads them; the audit trail has each changed cell, before and after.
    expect((await ok('{ unitExpenses(month: "2026-03") { category amount } }', {}, t.manager)).unitExpenses).toHaveLength(3);
    const trail = (await ok('{ auditTrail(entityType: "UnitExpenses", entityId: "2026-03") { action before after } }', {}, t.finance)).auditTrail;
    expect(trail).toHaveLength(2);
    expect(JSON.parse(trail[0].before)).toEqual([{ unitId: team, category: 'OTHER', before: '50.00' }, { unitId: sibling, category: 'TRAVEL', before: '500.50' }]);
    expect(JSON.parse(trail[0].after)).toEqual([{ unitId: team, category: 'OTHER', after: null }, { unitId: sibling, category: 'TRAVEL', after: '500.00' }]);
  });

  it('gives each child unit and the unit its sales, expenses, pay and both ratios, exact', async () => {
    const r = await ratios('2026-03', 'MONTH');
    expect(r.months).toEqual(['2026-03']);
    const row = (id: string) => r.rows.find((x: any) => x.unitId === id);
    const [teamPay, siblingPay] = [formatMoney(payOf.get(team)!), formatMoney(payOf.get(sibling)!)];
    // 1,920.00 ÷ 20,000.00 = 9.60 %; 500.00 ÷ 10,000.00 = 5.00 %.
    expect(row(team)).toMatchObject({ sales: '20000.00', expenses: '1920.00', expenseRatio: '9.60', pay: teamPay, payrollRatio: percent(teamPay, '20000.00') });
    expect(row(sibling)).toMatchObject({ sales: '10000.00', expenses: '500.00', expenseRatio: '5.00', pay: siblingPay, payrollRatio: percent(siblingPay, '10000.00') });
    // The area: 2,420.00 ÷ 30,000.00 = 8.0666… → 8.07 %; its pay is every payslip of the run, each in one row.
    const areaPay = formatMoney([...payOf.values()].reduce((a, b) => a + b, 0n));
    expect(r.total).toMatchObject({ unitId: area, sales: '30000.00', expenses: '2420.00', expenseRatio: '8.07', pay: areaPay, payrollRatio: percent(areaPay, '30000.00') });
    expect(formatMoney(r.rows.reduce((a: bigint, x: any) => a + parseMoney(x.pay), 0n))).toBe(areaPay);
    // A child unit without sales has no ratio (not infinity, not zero).
    expect(r.rows.filter((x: any) => x.sales === '0.00').every((x: any) => x.expenseRatio === null && x.payrollRatio === null)).toBe(true);
  });

  it('reads a quarter and the year to date over whole months; a draft run pays nothing', async () => {
    const q1 = await ratios('2026-Q1', 'QUARTER', t.director);
    expect(q1.months).toEqual(['2026-01', '2026-02', '2026-03']);
    // January's 300.00 joins March's 1,920.00: 2,220.00 ÷ 20,000.00 = 11.10 %.
    expect(q1.rows.find((x: any) => x.unitId === team)).toMatchObject({ expenses: '2220.00', expenseRatio: '11.10', pay: formatMoney(payOf.get(team)!) });
    // To 10 April: January to April, April's draft run not counted.
    const ytd = await ratios('2026', 'YEAR_TO_DATE', t.finance, '2026-04-10');
    expect(ytd.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(ytd.total).toMatchObject({ sales: '30000.00', expenses: '2720.00', pay: formatMoney([...payOf.values()].reduce((a, b) => a + b, 0n)) });
    const april = await ratios('2026-04', 'MONTH');
    expect(april.total).toMatchObject({ sales: '0.00', expenses: '0.00', pay: '0.00', expenseRatio: null, payrollRatio: null });
  });

  it('reads the payroll ratio over the months with pay only: a quarter with one month paid is that month’s pay over that month’s sales', async () => {
    const rep = (await ok('{ viewer { person { employeeNo } } }', {}, t.rep)).viewer.person;
    // July sells 40,000.00 with no payroll run; August sells 8,000.00 and its run is calculated; September neither.
    await sell([
      { externalId: 'RATIO-Q3-1', employeeNo: rep.employeeNo, date: '2026-07-10', amount: '40000.00' },
      { externalId: 'RATIO-Q3-2', employeeNo: rep.employeeNo, date: '2026-08-12', amount: '8000.00' },
    ]);
    const pay = await calculatedPay('2026-08', area);
    const q3 = await ok(`query($u: ID!) { unitRatios(unitId: $u, period: "2026-Q3", grain: QUARTER) { months paidMonths total { sales paidSales pay payrollRatio } } }`, { u: area }, t.manager);
    expect(q3.unitRatios.paidMonths).toEqual(['2026-08']);
    const august = (await ok(`query($u: ID!) { unitRatios(unitId: $u, period: "2026-08", grain: MONTH) { total { sales paidSales pay payrollRatio } } }`, { u: area }, t.manager)).unitRatios.total;
    expect(august).toMatchObject({ pay, paidSales: august.sales });
    expect(parseMoney(august.sales)).toBeGreaterThanOrEqual(parseMoney('8000.00'));
    // The quarter: the whole quarter's sales shown, the ratio over August's (not 48,000.00 and more, which would make it a third or less).
    expect(q3.unitRatios.total).toMatchObject({ pay, paidSales: august.sales, payrollRatio: percent(pay, august.sales) });
    expect(parseMoney(q3.unitRatios.total.sales) - parseMoney(august.sales)).toBeGreaterThanOrEqual(parseMoney('40000.00'));
    expect(q3.unitRatios.total.payrollRatio).toBe(august.payrollRatio);
  });

  it('reads each child unit’s payroll ratio over its own paid months: one team paid for a month, the other not yet', async () => {
    const rep = (await ok('{ viewer { person { employeeNo } } }', {}, t.rep)).viewer.person;
    const other = await s.db.prisma.person.findFirstOrThrow({ where: { assignments: { some: { unitId: sibling, validTo: null } }, leaveDate: null }, orderBy: { employeeNo: 'asc' } });
    await sell([
      { externalId: 'RATIO-OCT-1', employeeNo: rep.employeeNo, date: '2026-10-12', amount: '20000.00' },
      { externalId: 'RATIO-OCT-2', employeeNo: other.employeeNo, date: '2026-10-13', amount: '10000.00' },
    ]);
    // October's payroll for the rep's team only; the sibling team's is not calculated yet.
    const pay = await calculatedPay('2026-10', team);
    for (const [period, grain] of [['2026-10', 'MONTH'], ['2026-Q4', 'QUARTER']] as const) {
      const r = (await ok(`query($u: ID!, $p: String!, $g: PeriodGrain!) { unitRatios(unitId: $u, period: $p, grain: $g) { total { sales paidSales pay payrollRatio } rows { unitId sales paidSales pay payrollRatio } } }`, { u: area, p: period, g: grain }, t.manager)).unitRatios;
      const row = (id: string) => r.rows.find((x: any) => x.unitId === id);
      expect(row(team)).toMatchObject({ pay, paidSales: row(team).sales, payrollRatio: percent(pay, row(team).sales) });
      // The sibling team sold but has no pay counted: no figure (not 0.00 %), and its sales are not under the team's pay.
      expect(parseMoney(row(sibling).sales)).toBeGreaterThanOrEqual(parseMoney('10000.00'));
      expect(row(sibling)).toMatchObject({ pay: '0.00', paidSales: '0.00', payrollRatio: null });
      expect(r.total).toMatchObject({ pay, paidSales: row(team).sales, payrollRatio: percent(pay, row(team).sales) });
    }
  });

  it('refuses a period that is not whole months, and a rep', async () => {
    const r = await s.gql(RATIOS, { u: area, p: '2026-03-D1', g: 'TEN_DAYS' }, t.manager);
    expect(reasonOf(r)).toBe('RATIOS_NEED_MONTHS');
    expect(codeOf(await s.gql(RATIOS, { u: area, p: '2026-03', g: 'MONTH' }, t.rep))).toBe('FORBIDDEN');
  });

  it('takes two saves of the same new figure at once without an internal error: one wins, the other is saved after it or refused as changed', async () => {
    const save = (amount: string) => s.gql(SAVE, { m: '2026-05', lines: [{ unitId: team, category: 'OFFICE', amount }] }, t.finance);
    const both = await Promise.all([save('11.00'), save('22.00')]);
    for (const r of both) if (r.errors) expect(reasonOf(r)).toBe('EXPENSES_CHANGED');
    expect(both.some((r) => !r.errors)).toBe(true);
    const kept = (await ok('{ unitExpenses(month: "2026-05") { unitId category amount } }', {}, t.finance)).unitExpenses.filter((e: any) => e.unitId === team);
    expect(kept).toHaveLength(1);
    expect(['11.00', '22.00']).toContain(kept[0].amount);
  });

  it('a figure removed by another save while this one changes it: refused as changed (or saved after it), never an internal error', async () => {
    const SIX = (amount: string) => s.gql(SAVE, { m: '2026-06', lines: [{ unitId: team, category: 'ADVERTISING', amount }] }, t.finance);
    await ok(SAVE, { m: '2026-06', lines: [{ unitId: team, category: 'ADVERTISING', amount: '100.00' }] }, t.finance);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let removed!: () => void;
    const hasRemoved = new Promise<void>((resolve) => (removed = resolve));
    // Another save removing the figure, not yet committed.
    const other = s.db.prisma.$transaction(async (tx) => {
      await tx.unitExpense.deleteMany({ where: { unitId: team, month: '2026-06', category: 'ADVERTISING' } });
      removed();
      await held;
    }, { timeout: 20_000 });
    await hasRemoved;
    const mine = SIX('300.00');
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await other;
    const r = await mine;
    if (r.errors) expect(reasonOf(r)).toBe('EXPENSES_CHANGED');
    const kept = (await ok('{ unitExpenses(month: "2026-06") { unitId category amount } }', {}, t.finance)).unitExpenses.filter((e: any) => e.unitId === team);
    expect(kept.map((e: any) => e.amount)).toEqual(r.errors ? [] : ['300.00']);
  });

  it('refuses bad amounts and a locked month whole, changing nothing', async () => {
    for (const [amount, reason] of [['12.345', 'TOO_MANY_DECIMALS'], ['-5', 'NEGATIVE'], ['abc', 'NOT_A_NUMBER']] as const) {
      const r = await s.refused(SAVE, { m: '2026-03', lines: [{ unitId: sibling, category: 'OFFICE', amount: '10.00' }, { unitId: team, category: 'TRAVEL', amount }] }, t.finance);
      expect(reasonOf(r)).toBe(reason);
    }
    expect(reasonOf(await s.refused(SAVE, { m: '2026-03', lines: [{ unitId: team, category: 'TRAVEL', amount: '1' }, { unitId: team, category: 'TRAVEL', amount: '2' }] }, t.finance))).toBe('EXPENSE_LINE_TWICE');
    expect((await s.gql(`mutation { lockPeriod(periodKey: "2026-03", reason: "月结") { periodKey } }`, {}, t.admin)).errors).toBeUndefined();
    const locked = await s.refused(SAVE, { m: '2026-03', lines: [{ unitId: team, category: 'TRAVEL', amount: '10.00' }] }, t.finance);
    expect(reasonOf(locked)).toBe('PERIOD_LOCKED');
    expect(codeOf(await s.refused(SAVE, { m: '2026-02', lines: [{ unitId: team, category: 'TRAVEL', amount: '10.00' }] }, t.manager))).toBe('FORBIDDEN');
    expect((await s.gql(`mutation { reopenPeriod(periodKey: "2026-03", reason: "补录费用") }`, {}, t.admin)).errors).toBeUndefined();
    const after = (await ok(SAVE, { m: '2026-03', lines: [{ unitId: team, category: 'TRAVEL', amount: '10.00' }] }, t.finance)).saveUnitExpenses;
    expect(after.find((e: any) => e.unitId === team && e.category === 'TRAVEL').amount).toBe('10.00');
  });

  it('refuses a figure saved by someone else since the client read it, by unit and category, and saves nothing', async () => {
    const read = async () => (await ok('{ unitExpenses(month: "2026-09") { unitId category amount } }', {}, t.finance)).unitExpenses as { unitId: string; category: string; amount: string }[];
    await ok(SAVE, { m: '2026-09', lines: [{ unitId: team, category: 'OFFICE', amount: '100.00' }] }, t.finance);
    // Another user saves the team's office figure after this client read 100.00.
    await ok(SAVE, { m: '2026-09', lines: [{ unitId: team, category: 'OFFICE', amount: '150.00' }] }, t.admin);
    const before = await read();
    const refused = await s.refused(SAVE, { m: '2026-09', lines: [{ unitId: sibling, category: 'TRAVEL', amount: '70.00', was: '0' }, { unitId: team, category: 'OFFICE', amount: '120.00', was: '100.00' }] }, t.finance);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EXPENSE_CHANGED_SINCE_PULL', params: { category: 'OFFICE', month: '2026-09', nowAmount: '150.00' } });
    expect(await read()).toEqual(before);
    // Read as it stands: saved, the sibling's figure with it.
    const saved = (await ok(SAVE, { m: '2026-09', lines: [{ unitId: sibling, category: 'TRAVEL', amount: '70.00', was: '' }, { unitId: team, category: 'OFFICE', amount: '120.00', was: '150.00' }] }, t.finance)).saveUnitExpenses;
    expect(saved.filter((e: any) => e.unitId === team || e.unitId === sibling).map((e: any) => [e.unitId === team ? 'team' : 'sibling', e.category, e.amount]).sort()).toEqual([['sibling', 'TRAVEL', '70.00'], ['team', 'OFFICE', '120.00']]);
  });
});

describe.each(testProviders)('whose pay and expenses count where, on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'finance' | 'finmgr' | 'manager' | 'rep', string>;
  let team: string;
  let sibling: string;
  let area: string;
  let mover: { id: string; net: bigint };
  let direct: { id: string; net: bigint };
  const ok = async (q: string, v: Record<string, unknown>, token: string) => {
    const r = await s.gql(q, v, token);
    expect(r.errors).toBeUndefined();
    return r.data;
  };

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['finance', 'finmgr', 'manager', 'rep'] as const) t[u] = await s.login(u);
    const rep = (await ok('{ viewer { person { id unitId } } }', {}, t.rep)).viewer.person;
    team = rep.unitId;
    area = (await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: team } })).parentId!;
    sibling = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: area, id: { not: team }, assignments: { some: { validTo: null } } }, orderBy: { code: 'asc' } })).id;
    const db = s.db.prisma;
    const inTeam = await db.assignment.findMany({ where: { unitId: team, validTo: null, validFrom: { lt: new Date('2026-03-01') }, person: { leaveDate: null, id: { not: rep.id }, managedUnits: { none: {} } } }, orderBy: { personId: 'asc' } });
    expect(inTeam.length).toBeGreaterThanOrEqual(2);
    // One moves to the sibling team on 12 March; another goes to the area itself (no team) on 20 March.
    const move = async (a: (typeof inTeam)[number], to: string, day: string) => {
      await db.assignment.update({ where: { id: a.id }, data: { validTo: new Date(day) } });
      await db.assignment.create({ data: { personId: a.personId, unitId: to, position: a.position, validFrom: new Date(day) } });
    };
    await move(inTeam[0]!, sibling, '2026-03-12');
    await move(inTeam[1]!, area, '2026-03-20');
    const created = (await ok(`mutation($u: ID!) { createPayrollRun(month: "2026-03", scopeUnitId: $u) { run { id } } }`, { u: area }, t.finance)).createPayrollRun.run;
    const slips = (await ok(`mutation($id: ID!) { calculatePayrollRun(id: $id, revision: 1) { payslips { personId net } } }`, { id: created.id }, t.finance)).calculatePayrollRun.payslips as { personId: string; net: string }[];
    const netOf = (id: string) => parseMoney(slips.find((x) => x.personId === id)!.net);
    mover = { id: inTeam[0]!.personId, net: netOf(inTeam[0]!.personId) };
    direct = { id: inTeam[1]!.personId, net: netOf(inTeam[1]!.personId) };
    expect(mover.net).toBeGreaterThan(0n);
    expect(direct.net).toBeGreaterThan(0n);
    await ok(SAVE, { m: '2026-03', lines: [{ unitId: area, category: 'ADVERTISING', amount: '800.00' }, { unitId: team, category: 'TRAVEL', amount: '100.00' }] }, t.finance);
  });
  afterAll(() => s.close());

  it('counts a person’s month of pay in the unit of their last stay in it, and the rows add up to the unit', async () => {
    const r = (await ok(RATIOS, { u: area, p: '2026-03', g: 'MONTH' }, t.manager)).unitRatios;
    const slips = await s.db.prisma.payslip.findMany({ where: { run: { month: '2026-03' } }, select: { personId: true, netFen: true } });
    const total = slips.reduce((a, x) => a + x.netFen, 0n);
    expect(r.total.pay).toBe(formatMoney(total));
    for (const f of ['sales', 'expenses', 'pay'] as const) expect(formatMoney(r.rows.reduce((a: bigint, x: any) => a + parseMoney(x[f]), 0n))).toBe(r.total[f]);
    // Paid in a unit: those whose stay in force at the end of March is there.
    const paidIn = async (unitId: string) =>
      (await s.db.prisma.payslip.findMany({ where: { run: { month: '2026-03' }, person: { assignments: { some: { unitId, validTo: null } } } }, select: { netFen: true } })).reduce((a, x) => a + x.netFen, 0n);
    // The area itself (its own people, who joined it on the 20th among them, and its own advertising) comes last.
    expect(r.rows.at(-1)).toMatchObject({ unitId: area, expenses: '800.00', pay: formatMoney(await paidIn(area)) });
    expect(await paidIn(area)).toBeGreaterThanOrEqual(direct.net);
    // The team's pay leaves out who moved: the mover is in the sibling's.
    expect(r.rows.find((x: any) => x.unitId === team).pay).toBe(formatMoney(await paidIn(team)));
    expect(r.rows.find((x: any) => x.unitId === sibling).pay).toBe(formatMoney(await paidIn(sibling)));
    expect(await paidIn(sibling)).toBeGreaterThanOrEqual(mover.net);
  });

  it('reads a unit without child units whole, as its own row', async () => {
    const r = (await ok(RATIOS, { u: team, p: '2026-03', g: 'MONTH' }, t.manager)).unitRatios;
    expect(r.rows.map((x: any) => x.unitId)).toEqual([team]);
    expect(r.rows[0]).toMatchObject({ expenses: r.total.expenses, pay: r.total.pay, sales: r.total.sales });
    expect(r.total.expenses).toBe('100.00');
  });

  it('gives no payroll ratio for a month with no calculated run, and names the months that have one', async () => {
    const employeeNo = (await ok('{ viewer { person { employeeNo } } }', {}, t.rep)).viewer.person.employeeNo;
    await ok('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: [{ externalId: 'NO-RUN-1', employeeNo, date: '2026-04-08', amount: '5000.00' }] }, t.finance);
    const R = `query($u: ID!, $p: String!, $g: PeriodGrain!, $asOf: Date) { unitRatios(unitId: $u, period: $p, grain: $g, asOf: $asOf) { months paidMonths total { sales paidSales pay payrollRatio } } }`;
    const april = (await ok(R, { u: area, p: '2026-04', g: 'MONTH' }, t.manager)).unitRatios;
    // Sold 5,000.00 and paid nothing yet: no figure, not 0.00 %.
    expect(april).toMatchObject({ months: ['2026-04'], paidMonths: [], total: { pay: '0.00', payrollRatio: null } });
    expect(parseMoney(april.total.sales)).toBeGreaterThanOrEqual(parseMoney('5000.00'));
    const ytd = (await ok(R, { u: area, p: '2026', g: 'YEAR_TO_DATE', asOf: '2026-04-10' }, t.manager)).unitRatios;
    expect(ytd.paidMonths).toEqual(['2026-03']);
    // March is paid but sold nothing here; April sold but is not paid: no ratio, not March's pay over April's sales.
    expect(ytd.total).toMatchObject({ sales: april.total.sales, paidSales: '0.00', payrollRatio: null });
    expect(parseMoney(ytd.total.pay)).toBeGreaterThan(0n);
  });

  it('lets the finance manager read and keep every unit’s expenses, as the schema allows', async () => {
    const read = (await ok('{ unitExpenses(month: "2026-03") { unitId category amount } }', {}, t.finmgr)).unitExpenses;
    expect(read.map((e: any) => [e.unitId === area ? 'area' : 'team', e.category, e.amount]).sort()).toEqual([['area', 'ADVERTISING', '800.00'], ['team', 'TRAVEL', '100.00']]);
    const saved = (await ok(SAVE, { m: '2026-03', lines: [{ unitId: sibling, category: 'OFFICE', amount: '42.00' }] }, t.finmgr)).saveUnitExpenses;
    expect(saved).toHaveLength(3);
    // The ratios read sales as the Performance sheet does, which the finance manager does not: refused, not every unit "not found".
    expect(codeOf(await s.gql(RATIOS, { u: area, p: '2026-03', g: 'MONTH' }, t.finmgr))).toBe('FORBIDDEN');
  });

  it('offers the Expenses sheet every unit whose figures the viewer keeps: the finance manager all, a manager their subtrees', async () => {
    const UNITS = '{ expenseUnits { id depth } }';
    const all = await s.db.prisma.orgUnit.findMany({ select: { id: true, path: true } });
    const ids = (r: { expenseUnits: { id: string }[] }) => r.expenseUnits.map((u) => u.id).sort();
    // orgTree shows the finance manager their own unit only; their sheet needs every unit they may save.
    expect(ids(await ok(UNITS, {}, t.finmgr))).toEqual(all.map((u) => u.id).sort());
    expect(ids(await ok(UNITS, {}, t.finance))).toEqual(all.map((u) => u.id).sort());
    const managed = await s.db.prisma.orgUnit.findMany({ where: { manager: { user: { username: 'manager' } } }, select: { path: true } });
    expect(managed.length).toBeGreaterThan(0);
    expect(ids(await ok(UNITS, {}, t.manager))).toEqual(all.filter((u) => managed.some((m) => u.path.startsWith(m.path))).map((u) => u.id).sort());
    // Parents before children, as the sheet lists them.
    const depths = (await ok(UNITS, {}, t.finmgr)).expenseUnits.map((u: { depth: number }) => u.depth);
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
    expect(codeOf(await s.gql(UNITS, {}, t.rep))).toBe('FORBIDDEN');
  });
});
