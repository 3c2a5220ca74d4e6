/**
 * A month's pay at the rank and base salary that stood in that month (brief
 * §1: payroll for a period uses the roster as it stood then). A promotion
 * earned by March's sales, applied in early April before finance calculates
 * March, takes effect from April: March is paid at the old rank, April at
 * the new. A base salary changed on the roster with the day it is paid from
 * counts from that day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { fixedClock } from '../../server/clock.ts';

const RUN = `run { id revision status } payslips { personId lines { code amount } }`;
const step = (name: string) => `mutation($id: ID!, $revision: Int!) { ${name}(id: $id, revision: $revision) { ${RUN} } }`;

describe.each(testProviders)('pay terms as they stood in the month on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance', string>;
  let unitId: string;
  let seq = 0;
  async function person(o: { rank: 'SR' | 'SSE' | 'SM'; mentorId?: string }) {
    const no = `PT${String(++seq).padStart(4, '0')}`;
    const p = await s.db.prisma.person.create({
      data: { employeeNo: no, name: `期间${seq}`, position: 'SALES_REP', rank: o.rank, hireDate: new Date('2025-01-01'), status: 'ACTIVE', baseSalaryFen: 500_000n, mentorId: o.mentorId ?? null },
    });
    await s.db.prisma.assignment.create({ data: { personId: p.id, unitId, position: p.position, validFrom: new Date('2025-01-01') } });
    return p;
  }
  const lines = async (month: string, personId: string) => {
    const c = await s.gql(`mutation($u: ID!, $m: String!) { createPayrollRun(month: $m, scopeUnitId: $u) { ${RUN} } }`, { u: unitId, m: month }, t.finance);
    expect(c.errors).toBeUndefined();
    const run = await s.gql(step('calculatePayrollRun'), { id: c.data.createPayrollRun.run.id, revision: c.data.createPayrollRun.run.revision }, t.finance);
    expect(run.errors).toBeUndefined();
    return Object.fromEntries(run.data.calculatePayrollRun.payslips.find((x: any) => x.personId === personId).lines.map((l: any) => [l.code, l.amount]));
  };

  beforeAll(async () => {
    // Early April 2026, China time.
    s = await startTestServer(provider, { clock: fixedClock(new Date('2026-04-03T02:00:00Z')) });
    for (const u of ['admin', 'finance'] as const) t[u] = await s.login(u);
    const root = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: null } });
    unitId = (await s.db.prisma.orgUnit.create({ data: { id: 'payterms', code: 'PAY-TERMS', name: '期间组', kind: 'TEAM', parentId: root.id, path: `${root.path}payterms/`, depth: root.depth + 1 } })).id;
  });
  afterAll(() => s.close());

  it('an SSE promoted to SM on March’s figures is paid March as an SSE and April as an SM', async () => {
    const sse = await person({ rank: 'SSE' });
    const trainees: { employeeNo: string }[] = [];
    for (let i = 0; i < 4; i++) trainees.push(await person({ rank: 'SR', mentorId: sse.id }));
    const sales = (month: string) => [
      { externalId: `${month}-0`, employeeNo: sse.employeeNo, date: `${month}-10`, amount: '20000.00' },
      ...trainees.map((x, i) => ({ externalId: `${month}-${i + 1}`, employeeNo: x.employeeNo, date: `${month}-12`, amount: '15000.00' })),
    ];
    const imported = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: [...sales('2026-03'), ...sales('2026-04')] }, t.finance);
    expect(imported.errors).toBeUndefined();
    // Early April: March's proposal (SSE → SM: own 20,000, 4 trainees, 60,000) is applied.
    const p = (await s.gql('{ promotionProposals(month: "2026-03") { personId version to } }', {}, t.admin)).data.promotionProposals.find((x: any) => x.personId === sse.id);
    expect(p).toMatchObject({ to: 'SM' });
    // Not while April (when the new rank would start) is locked: refused, nothing changes.
    const DECIDE = 'mutation($p: ID!, $v: Int!) { decidePromotion(personId: $p, version: $v, month: "2026-03", toRank: SM, apply: true) }';
    await s.gql('mutation { lockPeriod(periodKey: "2026-04", reason: "月结") { periodKey } }', {}, t.admin);
    expect((await s.refused(DECIDE, { p: sse.id, v: p.version }, t.admin)).errors![0]!.extensions).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2026-04' } });
    await s.gql('mutation { reopenPeriod(periodKey: "2026-04", reason: "晋升") }', {}, t.admin);
    expect((await s.gql(DECIDE, { p: sse.id, v: p.version }, t.admin)).errors).toBeUndefined();
    expect((await s.db.prisma.person.findUniqueOrThrow({ where: { id: sse.id } })).rank).toBe('SM');

    // March, as an SSE: 晨星 1,500 (20,000 ≥ 15,000 by the 20th), 开星 1,000 (≥ 20,000 by month end), no override.
    const march = await lines('2026-03', sse.id);
    expect({ morningStar: march.morningStar, openStar: march.openStar, override: march.override ?? '0.00' }).toEqual({ morningStar: '1500.00', openStar: '1000.00', override: '0.00' });
    // April, as an SM: 晨星 4,000 (≥ 20,000 by the 20th), no 开星 (20,000 < 30,000), override 4 × 15,000 × 5 % = 3,000.
    const april = await lines('2026-04', sse.id);
    expect({ morningStar: april.morningStar, openStar: april.openStar ?? '0.00', override: april.override }).toEqual({ morningStar: '4000.00', openStar: '0.00', override: '3000.00' });
  });

  it('a base salary changed on the roster with the day it is paid from: months before keep the old one; without a day, every month not yet calculated pays the new', async () => {
    const rep = await person({ rank: 'SR' });
    const UPDATE = 'mutation($id: ID!, $v: Int!, $b: Money!, $from: Date) { updatePerson(id: $id, version: $v, input: { baseSalary: $b }, payFrom: $from) { id } }';
    const version = async () => (await s.gql('query($id: ID!) { person(id: $id) { version } }', { id: rep.id }, t.admin)).data.person.version;
    expect((await s.gql(UPDATE, { id: rep.id, v: await version(), b: '6000.00', from: '2026-05-01' }, t.finance)).errors).toBeUndefined();
    expect((await lines('2026-02', rep.id)).base).toBe('5000.00');
    expect((await lines('2026-05', rep.id)).base).toBe('6000.00');
    // A correction without a day: every month not yet calculated pays it (June), those calculated keep theirs until recalculated.
    expect((await s.gql(UPDATE, { id: rep.id, v: await version(), b: '6500.00', from: null }, t.finance)).errors).toBeUndefined();
    expect((await lines('2026-06', rep.id)).base).toBe('6500.00');
    expect((await lines('2026-01', rep.id)).base).toBe('5000.00');
  });

  it('the roster as of a day shows the rank, base salary and mentor that stood then, as payroll pays them (above); the change answers with what it set', async () => {
    const [oldMentor, newMentor] = [await person({ rank: 'SM' }), await person({ rank: 'SM' })];
    const rep = await person({ rank: 'SR', mentorId: oldMentor.id });
    const UPDATE = 'mutation($id: ID!, $v: Int!, $from: Date) { updatePerson(id: $id, version: $v, input: { rank: SE, baseSalary: "6000.00", mentorId: "' + newMentor.id + '" }, payFrom: $from) { rank baseSalary mentorId mentorName } }';
    const changed = await s.gql(UPDATE, { id: rep.id, v: rep.version, from: '2026-03-16' }, t.admin);
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updatePerson).toEqual({ rank: 'SE', baseSalary: '6000.00', mentorId: newMentor.id, mentorName: newMentor.name });
    const ROW = 'rank baseSalary mentorId mentorName compensationPlan { code }';
    const on = async (day: string) => {
      const one = await s.gql(`query($id: ID!, $d: Date) { person(id: $id, asOf: $d) { ${ROW} } }`, { id: rep.id, d: day }, t.admin);
      const all = await s.gql(`query($u: ID!, $d: Date) { roster(unitId: $u, asOf: $d, first: 1000) { edges { node { id ${ROW} } } } }`, { u: unitId, d: day }, t.admin);
      expect(one.errors ?? all.errors).toBeUndefined();
      const { id: _id, ...listed } = all.data.roster.edges.find((e: any) => e.node.id === rep.id).node;
      expect(listed).toEqual(one.data.person);
      return one.data.person;
    };
    expect(await on('2026-03-15')).toMatchObject({ rank: 'SR', baseSalary: '5000.00', mentorId: oldMentor.id, mentorName: oldMentor.name });
    expect(await on('2026-03-16')).toMatchObject({ rank: 'SE', baseSalary: '6000.00', mentorId: newMentor.id, mentorName: newMentor.name });
    // Today's roster is the record as it stands, a change made for a later day included.
    const later = await s.gql('mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { baseSalary: "6500.00" }, payFrom: "2026-06-01") { version } }', { id: rep.id, v: (await s.gql('query($id: ID!) { person(id: $id) { version } }', { id: rep.id }, t.admin)).data.person.version }, t.admin);
    expect(later.errors).toBeUndefined();
    expect((await s.gql('query($id: ID!) { person(id: $id) { baseSalary } }', { id: rep.id }, t.admin)).data.person.baseSalary).toBe('6500.00');
    expect(await on('2026-03-20')).toMatchObject({ baseSalary: '6000.00' });
    // A day ahead stands as it will: before the raise's day the base before it, from it the raise.
    expect(await on('2026-05-15')).toMatchObject({ baseSalary: '6000.00' });
    expect(await on('2026-06-01')).toMatchObject({ baseSalary: '6500.00' });
  });

  it('a base salary paid from the 16th: the month pays each base for its own working days, and says so', async () => {
    const rep = await person({ rank: 'SR' });
    const UPDATE = 'mutation($id: ID!, $v: Int!, $b: Money!, $from: Date) { updatePerson(id: $id, version: $v, input: { baseSalary: $b }, payFrom: $from) { id } }';
    expect((await s.gql(UPDATE, { id: rep.id, v: rep.version, b: '6000.00', from: '2026-11-16' }, t.finance)).errors).toBeUndefined();
    const c = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-11", scopeUnitId: $u) { ${RUN} } }`, { u: unitId }, t.finance);
    const run = await s.gql(
      'mutation($id: ID!, $revision: Int!) { calculatePayrollRun(id: $id, revision: $revision) { payslips { personId lines { code amount explanation { arithmetic data } } } } }',
      { id: c.data!.createPayrollRun.run.id, revision: c.data.createPayrollRun.run.revision },
      t.finance,
    );
    expect(run.errors).toBeUndefined();
    const base = run.data.calculatePayrollRun.payslips.find((x: any) => x.personId === rep.id).lines.find((l: any) => l.code === 'base');
    // November 2026: 21 working days, 10 of them on the 1st–15th, 11 on the 16th–30th. 5,000 × 10 ÷ 21 + 6,000 × 11 ÷ 21 = 2,380.9523… + 3,142.8571… = 5,523.8095… → 5,523.81.
    expect(base.amount).toBe('5523.81');
    expect(base.explanation.arithmetic).toBe('5000.00 × 10 ÷ 21 (2026-11-01 to 2026-11-15) + 6000.00 × 11 ÷ 21 (2026-11-16 to 2026-11-30) = 5523.81 (the base changed in the month; rounded half-up to the fen)');
    expect(JSON.parse(base.explanation.data).arithmetic).toMatchObject({ code: 'baseSpans', days: 21, spans: [{ full: '5000.00', employed: 10 }, { full: '6000.00', employed: 11 }] });
    // The month before pays the old base in full, the month after the new.
    expect((await lines('2026-12', rep.id)).base).toBe('6000.00');
  });

  it('a base salary changed without a day leaves the months already calculated as they were, recalculated after a reopen too', async () => {
    const rep = await person({ rank: 'SR' });
    const UPDATE = 'mutation($id: ID!, $v: Int!, $b: Money!) { updatePerson(id: $id, version: $v, input: { baseSalary: $b }) { id } }';
    const c = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-07", scopeUnitId: $u) { ${RUN} } }`, { u: unitId }, t.finance);
    const first = await s.gql(step('calculatePayrollRun'), { id: c.data.createPayrollRun.run.id, revision: c.data.createPayrollRun.run.revision }, t.finance);
    const slip = (r: any, name: string) => Object.fromEntries(r.data[name].payslips.find((x: any) => x.personId === rep.id).lines.map((l: any) => [l.code, l.amount]));
    expect(slip(first, 'calculatePayrollRun').base).toBe('5000.00');
    expect((await s.gql(UPDATE, { id: rep.id, v: rep.version, b: '7000.00' }, t.finance)).errors).toBeUndefined();
    // July was calculated before the change: calculated again it still pays 5,000; August, not yet calculated, pays 7,000.
    const again = await s.gql(step('calculatePayrollRun'), { id: first.data.calculatePayrollRun.run.id, revision: first.data.calculatePayrollRun.run.revision }, t.finance);
    expect(again.errors).toBeUndefined();
    expect(slip(again, 'calculatePayrollRun').base).toBe('5000.00');
    expect((await lines('2026-08', rep.id)).base).toBe('7000.00');
    const change = await s.db.prisma.payTermChange.findFirstOrThrow({ where: { personId: rep.id, term: 'BASE_SALARY' } });
    expect(change.effectiveFrom.toISOString().slice(0, 10)).toBe('2026-08-01');
  });

  it('a trainee given another mentor: the months calculated before pay the override to the old mentor, recalculated too; the months after to the new', async () => {
    const [a, b] = [await person({ rank: 'SM' }), await person({ rank: 'SM' })];
    const trainee = await person({ rank: 'SR', mentorId: a.id });
    const imported = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: [
      { externalId: 'MENTOR-9', employeeNo: trainee.employeeNo, date: '2026-09-08', amount: '20000.00' },
      { externalId: 'MENTOR-10', employeeNo: trainee.employeeNo, date: '2026-10-08', amount: '20000.00' },
    ] }, t.finance);
    expect(imported.errors).toBeUndefined();
    const c = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-09", scopeUnitId: $u) { ${RUN} } }`, { u: unitId }, t.finance);
    const september = await s.gql(step('calculatePayrollRun'), { id: c.data.createPayrollRun.run.id, revision: c.data.createPayrollRun.run.revision }, t.finance);
    const override = (r: any, personId: string) => r.data.calculatePayrollRun.payslips.find((x: any) => x.personId === personId).lines.find((l: any) => l.code === 'override')?.amount ?? '0.00';
    // 20,000 ≥ the 15,000 a trainee must sell to qualify: 20,000 × 5 % = 1,000 to their mentor.
    expect([override(september, a.id), override(september, b.id)]).toEqual(['1000.00', '0.00']);

    const MOVE = 'mutation($id: ID!, $v: Int!, $m: ID, $from: Date) { updatePerson(id: $id, version: $v, input: { mentorId: $m }, payFrom: $from) { version } }';
    const moved = await s.gql(MOVE, { id: trainee.id, v: trainee.version, m: b.id, from: null }, t.admin);
    expect(moved.errors).toBeUndefined();
    // September was calculated with the old mentor: calculated again, it still pays them; October, not yet calculated, pays the new one.
    const again = await s.gql(step('calculatePayrollRun'), { id: september.data.calculatePayrollRun.run.id, revision: september.data.calculatePayrollRun.run.revision }, t.finance);
    expect(again.errors).toBeUndefined();
    expect([override(again, a.id), override(again, b.id)]).toEqual(['1000.00', '0.00']);
    const c10 = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-10", scopeUnitId: $u) { ${RUN} } }`, { u: unitId }, t.finance);
    const october = await s.gql(step('calculatePayrollRun'), { id: c10.data.createPayrollRun.run.id, revision: c10.data.createPayrollRun.run.revision }, t.finance);
    expect([override(october, a.id), override(october, b.id)]).toEqual(['0.00', '1000.00']);
    const change = await s.db.prisma.payTermChange.findFirstOrThrow({ where: { personId: trainee.id, term: 'MENTOR' } });
    expect({ before: change.before, after: change.after, from: change.effectiveFrom.toISOString().slice(0, 10) }).toEqual({ before: a.id, after: b.id, from: '2026-10-01' });

    // Back to the first mentor, paid from 1 October: October calculated again pays them.
    const back = await s.gql(MOVE, { id: trainee.id, v: moved.data.updatePerson.version, m: a.id, from: '2026-10-01' }, t.admin);
    expect(back.errors).toBeUndefined();
    const october2 = await s.gql(step('calculatePayrollRun'), { id: october.data.calculatePayrollRun.run.id, revision: october.data.calculatePayrollRun.run.revision }, t.finance);
    expect([override(october2, a.id), override(october2, b.id)]).toEqual(['1000.00', '0.00']);
    // September is as it was.
    const september3 = await s.gql(step('calculatePayrollRun'), { id: again.data.calculatePayrollRun.run.id, revision: again.data.calculatePayrollRun.run.revision }, t.finance);
    expect([override(september3, a.id), override(september3, b.id)]).toEqual(['1000.00', '0.00']);
  });

  it('a base salary changed without a day while a month is locked counts from the day after the lock, not inside it (brief §2)', async () => {
    const rep = await person({ rank: 'SR' });
    expect((await s.gql('mutation { lockPeriod(periodKey: "2026-02", reason: "月结") { periodKey } }', {}, t.admin)).errors).toBeUndefined();
    const changed = await s.gql('mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { baseSalary: "6000.00" }) { id } }', { id: rep.id, v: rep.version }, t.finance);
    expect(changed.errors).toBeUndefined();
    const change = await s.db.prisma.payTermChange.findFirstOrThrow({ where: { personId: rep.id, term: 'BASE_SALARY' } });
    expect({ before: change.before, after: change.after, from: change.effectiveFrom.toISOString().slice(0, 10) }).toEqual({ before: '500000', after: '600000', from: '2026-03-01' });
    // February reopened and calculated again still pays the base it was closed with.
    expect((await s.gql('mutation { reopenPeriod(periodKey: "2026-02", reason: "补算") }', {}, t.admin)).errors).toBeUndefined();
    const february = await s.db.prisma.payrollRun.findFirstOrThrow({ where: { month: '2026-02', scopeUnitId: unitId }, orderBy: { version: 'desc' } });
    const again = await s.gql(step('calculatePayrollRun'), { id: february.id, revision: february.revision }, t.finance);
    expect(again.errors).toBeUndefined();
    expect(again.data.calculatePayrollRun.payslips.find((x: any) => x.personId === rep.id).lines.find((l: any) => l.code === 'base').amount).toBe('5000.00');
  });

  it('a transfer between teams mid-month: the new team’s run pays the whole month, the old team’s does not list them', async () => {
    const root = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: null } });
    const team = async (code: string) => (await s.db.prisma.orgUnit.create({ data: { id: code.toLowerCase(), code, name: code, kind: 'TEAM', parentId: root.id, path: `${root.path}${code.toLowerCase()}/`, depth: root.depth + 1 } })).id;
    const [a, b] = [await team('MOVE-A'), await team('MOVE-B')];
    const mover = await s.db.prisma.person.create({ data: { employeeNo: 'PTMOVE', name: '调动者', position: 'SALES_REP', rank: 'SR', hireDate: new Date('2025-01-01'), status: 'ACTIVE', baseSalaryFen: 600_000n } });
    await s.db.prisma.assignment.create({ data: { personId: mover.id, unitId: a, position: 'SALES_REP', validFrom: new Date('2025-01-01') } });
    const moved = await s.gql('mutation($id: ID!, $u: ID!) { transferPerson(id: $id, version: 1, unitId: $u, effectiveDate: "2026-03-12") { id } }', { id: mover.id, u: b }, t.admin);
    expect(moved.errors).toBeUndefined();
    const imported = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', { r: [
      { externalId: 'MOVE-1', employeeNo: 'PTMOVE', date: '2026-03-05', amount: '5000.00' },
      { externalId: 'MOVE-2', employeeNo: 'PTMOVE', date: '2026-03-20', amount: '15000.00' },
    ] }, t.finance);
    expect(imported.errors).toBeUndefined();
    const run = async (unitId: string) => {
      const c = await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-03", scopeUnitId: $u) { ${RUN} } }`, { u: unitId }, t.finance);
      expect(c.errors).toBeUndefined();
      const r = await s.gql(step('calculatePayrollRun'), { id: c.data.createPayrollRun.run.id, revision: c.data.createPayrollRun.run.revision }, t.finance);
      expect(r.errors).toBeUndefined();
      return r.data.calculatePayrollRun.payslips as { personId: string; lines: { code: string; amount: string }[] }[];
    };
    expect((await run(a)).find((x) => x.personId === mover.id)).toBeUndefined();
    const slip = (await run(b)).find((x) => x.personId === mover.id)!;
    const lines = Object.fromEntries(slip.lines.map((l) => [l.code, l.amount]));
    // The whole month's base (employed all 22 working days), and the whole month's sales: 20,000 × 0.9 / 1.17 × 20 % = 3,076.92, 晨星 1,500, 开星 1,000.
    expect(lines).toMatchObject({ base: '6000.00', commission: '3076.92', morningStar: '1500.00', openStar: '1000.00' });
  });
});
