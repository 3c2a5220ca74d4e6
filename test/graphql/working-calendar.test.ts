/**
 * The working-day calendar through the API (issue 7 §4): seeded from
 * chinese-days for 2025-2026 (2027 is not in the pinned source yet), edited
 * by admins (audited, refused when wrong or locked, nothing changed), and
 * followed by payroll: base pro-rating and day-pay deductions count Chinese
 * working days, the explanation names the calendar and the count, and the
 * month's calendar is frozen into each payslip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, type GqlResult, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { recheckRun } from '../../server/payroll/runs.ts';
import { SEED_SOURCE } from '../../server/payroll/working-calendar.ts';

const YEAR = 'query($y: Int!) { workingCalendar(year: $y) { calendar year days { date kind name source } months { month workingDays explanation } } }';
const SET = 'mutation($d: Date!, $k: CalendarDayKind!, $n: String!) { setWorkingCalendarDay(date: $d, kind: $k, name: $n) { date kind name source } }';
const REMOVE = 'mutation($d: Date!) { removeWorkingCalendarDay(date: $d) }';
const RUN = 'run { id revision status } payslips { personId lines { code amount explanation { rule arithmetic inputs { name value } } } }';
const ext = (r: GqlResult) => r.errors![0]!.extensions as any;
const FEB = 'calendar CN: 20 weekdays − 6 public holidays (2026-02-16, 2026-02-17, 2026-02-18, 2026-02-19, 2026-02-20, 2026-02-23) + 2 make-up working days (2026-02-14, 2026-02-28) = 16 working days';

describe.each(testProviders)('working-day calendar on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance' | 'rep', string>;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const u of ['admin', 'finance', 'rep'] as const) t[u] = await s.login(u);
  });
  afterAll(() => s.close());

  it('is seeded from chinese-days: 2026’s holidays and make-up days, and each month’s working days, readable by anyone', async () => {
    expect(SEED_SOURCE).toBe('chinese-days@1.5.7');
    const y = (await s.gql(YEAR, { y: 2026 }, t.rep)).data.workingCalendar;
    expect(y.calendar).toBe('CN');
    expect(y.days.find((d: any) => d.date === '2026-02-14')).toEqual({ date: '2026-02-14', kind: 'WORKDAY', name: '春节 Spring Festival', source: SEED_SOURCE });
    expect(y.days.find((d: any) => d.date === '2026-10-01')).toMatchObject({ kind: 'HOLIDAY', name: '国庆节 National Day' });
    expect(y.days.filter((d: any) => d.kind === 'WORKDAY').map((d: any) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    const months = Object.fromEntries(y.months.map((m: any) => [m.month, m.workingDays]));
    expect(months).toMatchObject({ '2026-01': 21, '2026-02': 16, '2026-03': 22, '2026-05': 19, '2026-09': 22, '2026-10': 18 });
    expect(y.months[1].explanation).toBe(FEB);
    expect((await s.gql(YEAR, { y: 2025 }, t.rep)).data.workingCalendar.days.length).toBeGreaterThan(30);
    // The pinned source has not published 2027 yet: nothing is invented.
    expect((await s.gql(YEAR, { y: 2027 }, t.rep)).data.workingCalendar.days).toEqual([]);
    const seed = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'WorkingCalendar', action: 'seed' } });
    expect(JSON.parse(seed.after!)).toMatchObject({ source: SEED_SOURCE });
  });

  describe('payroll follows it', () => {
    let runId: string;
    let joiner: { id: string };
    let absentee: { id: string; employeeNo: string };
    let team: string;

    beforeAll(async () => {
      const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
      team = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } })).unitId;
      const reps = await s.db.prisma.person.findMany({
        where: { position: 'SALES_REP', status: 'ACTIVE', leaveDate: null, hireDate: { lt: new Date('2025-01-01') }, assignments: { some: { unitId: team, validTo: null } } },
        orderBy: { employeeNo: 'asc' },
      });
      expect(reps.length).toBeGreaterThanOrEqual(2);
      // A joiner on Tuesday 24 February 2026, and a rep absent one day that month.
      joiner = await s.db.prisma.person.update({ where: { id: reps[0]!.id }, data: { hireDate: new Date('2026-02-24'), baseSalaryFen: 400_000n } });
      await s.db.prisma.assignment.updateMany({ where: { personId: joiner.id }, data: { validFrom: new Date('2026-02-24') } });
      absentee = await s.db.prisma.person.update({ where: { id: reps[1]!.id }, data: { baseSalaryFen: 500_000n } });
      const imported = await s.gql('mutation($r: [AttendanceInput!]!) { importAttendance(records: $r) { created } }', {
          // Absent on Tuesday the 10th, and "absent" on the 17th, a Spring Festival holiday: only the working day costs a day's pay.
          r: [
            { employeeNo: absentee.employeeNo, date: '2026-02-10', status: 'ABSENT' },
            { employeeNo: absentee.employeeNo, date: '2026-02-17', status: 'ABSENT' },
          ],
        }, t.finance);
      expect(imported.errors).toBeUndefined();
    });

    const slipOf = (run: any, id: string) => run.payslips.find((p: any) => p.personId === id);
    const line = (run: any, id: string, code: string) => slipOf(run, id).lines.find((l: any) => l.code === code);

    it('pro-rates base pay and charges a day’s pay by China’s working days, naming the calendar and the count', async () => {
      const created = (await s.gql(`mutation($u: ID!) { createPayrollRun(month: "2026-02", scopeUnitId: $u) { ${RUN} } }`, { u: team }, t.finance)).data.createPayrollRun.run;
      runId = created.id;
      const calc = await s.gql(`mutation($id: ID!, $r: Int!) { calculatePayrollRun(id: $id, revision: $r) { ${RUN} } }`, { id: runId, r: created.revision }, t.finance);
      expect(calc.errors).toBeUndefined();
      const run = calc.data.calculatePayrollRun;
      // 24-27 February and the make-up Saturday the 28th: 5 of February's 16 working days (Monday to Friday would say 4 of 20: 800.00).
      const base = line(run, joiner.id, 'base');
      expect(base.amount).toBe('1250.00');
      expect(base.explanation.arithmetic).toBe('4000.00 × 5 ÷ 16 = 1250.00');
      expect(base.explanation.rule).toContain('working days per calendar CN');
      expect(base.explanation.inputs).toEqual(expect.arrayContaining([{ name: 'workingDays', value: '16' }, { name: 'workingDaysEmployed', value: '5' }, { name: 'calendar', value: FEB }]));
      // The days employed, so the 5 can be counted by hand.
      expect(base.explanation.inputs).toEqual(expect.arrayContaining([{ name: 'employedFrom', value: '2026-02-24' }, { name: 'employedTo', value: '2026-02-28' }]));
      expect(line(run, absentee.id, 'base').explanation.inputs.map((i: any) => i.name)).not.toContain('employedFrom');
      // One absent day: 5000.00 ÷ 16 = 312.50 (Monday to Friday would say 250.00).
      const attendance = line(run, absentee.id, 'attendance');
      expect(attendance.amount).toBe('-312.50');
      expect(attendance.explanation.arithmetic).toBe('0 × 50 + 1 × 5000.00 ÷ 16 = 312.50 deducted');
      expect(attendance.explanation.inputs).toEqual(expect.arrayContaining([{ name: 'calendar', value: FEB }]));
      // Which day: the working day only (the holiday costs nothing and is not listed).
      expect(attendance.explanation.inputs).toEqual(expect.arrayContaining([{ name: 'absentDays', value: '1' }, { name: 'absentDates', value: '2026-02-10' }]));
      expect(line(run, absentee.id, 'base').amount).toBe('5000.00');
    });

    it('freezes the month’s calendar into the payslips: a later edit changes only the next calculation', async () => {
      const slip = await s.db.prisma.payslip.findFirstOrThrow({ where: { runId, personId: joiner.id } });
      expect(JSON.parse(slip.inputs).calendar).toEqual({ name: 'CN', weekdays: 20, holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'], makeupDays: ['2026-02-14', '2026-02-28'] });
      expect((await s.gql(REMOVE, { d: '2026-02-28' }, t.admin)).data.removeWorkingCalendarDay).toBe(true);
      expect(await recheckRun(s.db.prisma, runId)).toEqual([]);
      const stored = await s.db.prisma.payslipLine.findFirstOrThrow({ where: { payslipId: slip.id, code: 'base' } });
      expect(stored.amountFen).toBe(125_000n);
      const revision = (await s.db.prisma.payrollRun.findUniqueOrThrow({ where: { id: runId } })).revision;
      const again = (await s.gql(`mutation($id: ID!, $r: Int!) { calculatePayrollRun(id: $id, revision: $r) { ${RUN} } }`, { id: runId, r: revision }, t.finance)).data.calculatePayrollRun;
      expect(line(again, joiner.id, 'base')).toMatchObject({ amount: '1066.67', explanation: { arithmetic: '4000.00 × 4 ÷ 15 = 1066.67' } });
      expect(line(again, absentee.id, 'attendance').amount).toBe('-333.33');
    });

    it('refuses to calculate a month whose year the calendar does not cover, changing nothing', async () => {
      const created = (await s.gql('mutation($u: ID!) { createPayrollRun(month: "2028-01", scopeUnitId: $u) { run { id revision } } }', { u: team }, t.finance)).data.createPayrollRun.run;
      const r = await s.refused('mutation($id: ID!, $r: Int!) { calculatePayrollRun(id: $id, revision: $r) { run { status } } }', { id: created.id, r: created.revision }, t.finance);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(ext(r)).toMatchObject({ field: 'month', reason: 'CALENDAR_YEAR_MISSING', calendar: 'CN', year: 2028 });
    });
  });

  describe('admins edit it', () => {
    it('enters and changes a day, each change audited with before and after', async () => {
      const set = await s.gql(SET, { d: '2027-01-01', k: 'HOLIDAY', n: '元旦' }, t.admin);
      expect(set.data.setWorkingCalendarDay).toEqual({ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦', source: 'admin' });
      expect((await s.gql(SET, { d: '2027-01-01', k: 'HOLIDAY', n: "元旦 New Year's Day" }, t.admin)).errors).toBeUndefined();
      const events = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'WorkingCalendarDay', entityId: 'CN:2027-01-01' }, orderBy: { at: 'asc' } });
      expect(events.map((e) => [e.action, e.actorName])).toEqual([['create', 'admin'], ['update', 'admin']]);
      expect(JSON.parse(events[1]!.before!)).toMatchObject({ name: '元旦' });
      expect(JSON.parse(events[1]!.after!)).toMatchObject({ name: "元旦 New Year's Day" });
      // A make-up Saturday, entered and removed.
      expect((await s.gql(SET, { d: '2027-02-06', k: 'WORKDAY', n: '春节调休' }, t.admin)).errors).toBeUndefined();
      const y = (await s.gql(YEAR, { y: 2027 }, t.rep)).data.workingCalendar;
      expect(y.months[0]).toMatchObject({ month: '2027-01', workingDays: 20, explanation: 'calendar CN: 21 weekdays − 1 public holiday (2027-01-01) = 20 working days' });
      expect(y.months[1].workingDays).toBe(21);
      expect((await s.gql(REMOVE, { d: '2027-02-06' }, t.admin)).data.removeWorkingCalendarDay).toBe(true);
      expect(await s.db.prisma.auditEvent.count({ where: { entityId: 'CN:2027-02-06', action: 'delete' } })).toBe(1);
    });

    it('refuses a make-up day on a weekday, a nameless day, a locked month, a missing entry and anyone but an admin, changing nothing', async () => {
      const weekday = await s.refused(SET, { d: '2027-02-08', k: 'WORKDAY', n: '调休' }, t.admin);
      expect(codeOf(weekday)).toBe('BAD_USER_INPUT');
      expect(ext(weekday)).toMatchObject({ field: 'kind', reason: 'MAKEUP_DAY_NOT_ON_WEEKEND' });
      expect(ext(await s.refused(SET, { d: '2027-02-08', k: 'HOLIDAY', n: '  ' }, t.admin))).toMatchObject({ field: 'name', reason: 'NAME_REQUIRED' });
      expect((await s.gql('mutation { lockPeriod(periodKey: "2026-11", reason: "closed") { periodKey } }', {}, t.admin)).errors).toBeUndefined();
      const locked = await s.refused(SET, { d: '2026-11-02', k: 'HOLIDAY', n: 'x' }, t.admin);
      expect(ext(locked)).toMatchObject({ lockedPeriod: '2026-11' });
      expect(codeOf(await s.refused(REMOVE, { d: '2026-03-11' }, t.admin))).toBe('NOT_FOUND');
      expect(codeOf(await s.refused(SET, { d: '2027-01-02', k: 'HOLIDAY', n: 'x' }, t.finance))).toBe('FORBIDDEN');
      expect(codeOf(await s.refused(REMOVE, { d: '2026-10-01' }, t.finance))).toBe('FORBIDDEN');
    });
  });

  describe('admins hand in a whole year, as the calendar sheet does', () => {
    const YEAR_FP = 'query($y: Int!) { workingCalendar(year: $y) { fingerprint days { date kind name source } months { month workingDays } } }';
    const REPLACE = 'mutation($y: Int!, $f: String!, $d: [WorkingCalendarDayInput!]!) { replaceWorkingCalendarYear(year: $y, fingerprint: $f, days: $d) { year fingerprint days { date kind name source } months { month workingDays } } }';
    const read = async (y: number) => (await s.gql(YEAR_FP, { y }, t.admin)).data.workingCalendar;
    const audits = (year: number) => s.db.prisma.auditEvent.findMany({ where: { entityType: 'WorkingCalendarDay', entityId: { startsWith: `CN:${year}-` } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    // A year nothing else here touches, as the State Council might arrange it.
    const y2029 = [
      { date: '2029-01-01', kind: 'HOLIDAY', name: '元旦' },
      ...['12', '13', '14', '15', '16', '17', '18', '19'].map((d) => ({ date: `2029-02-${d}`, kind: 'HOLIDAY', name: '春节' })),
      { date: '2029-02-10', kind: 'WORKDAY', name: '春节调休' },
      { date: '2029-02-24', kind: 'WORKDAY', name: '春节调休' },
    ];

    it('makes an empty year exactly the days handed in, each audited, and payroll counts them', async () => {
      const empty = await read(2029);
      expect(empty.days).toEqual([]);
      const done = (await s.gql(REPLACE, { y: 2029, f: empty.fingerprint, d: y2029 }, t.admin)).data.replaceWorkingCalendarYear;
      expect(done.days).toHaveLength(11);
      expect(done.days.every((d: any) => d.source === 'admin')).toBe(true);
      expect(done.days[0]).toEqual({ date: '2029-01-01', kind: 'HOLIDAY', name: '元旦', source: 'admin' });
      expect(done.fingerprint).not.toBe(empty.fingerprint);
      // January 2029: 23 weekdays − New Year's Day = 22; February: 20 weekdays − 6 weekday holidays (12–16, 19) + 2 Saturdays worked = 16.
      expect(done.months.slice(0, 2)).toEqual([{ month: '2029-01', workingDays: 22 }, { month: '2029-02', workingDays: 16 }]);
      const now = await read(2029);
      expect([now.fingerprint, now.days]).toEqual([done.fingerprint, done.days]);
      const events = await audits(2029);
      expect(events).toHaveLength(11);
      expect(events.every((e) => e.action === 'create' && e.actorName === 'admin')).toBe(true);
      expect(JSON.parse(events.find((e) => e.entityId === 'CN:2029-02-10')!.after!)).toEqual({ kind: 'WORKDAY', name: '春节调休', source: 'admin' });
    });

    it('changes only what differs: one renamed, one removed, one added; the rest keep their source', async () => {
      const before = await read(2025);
      const seeded = before.days.filter((d: any) => d.source === SEED_SOURCE);
      expect(seeded.length).toBeGreaterThan(30);
      const [renamed, removed] = [seeded[0], seeded[seeded.length - 1]];
      const handed = before.days
        .filter((d: any) => d.date !== removed.date)
        .map((d: any) => ({ date: d.date, kind: d.kind, name: d.date === renamed.date ? '元旦（新）' : d.name }))
        .concat([{ date: '2025-03-08', kind: 'WORKDAY', name: '公司调休' }]);
      const eventsBefore = (await audits(2025)).length;
      const done = (await s.gql(REPLACE, { y: 2025, f: before.fingerprint, d: handed }, t.admin)).data.replaceWorkingCalendarYear;
      expect(done.days).toHaveLength(before.days.length);
      const by = Object.fromEntries(done.days.map((d: any) => [d.date, d]));
      expect(by[renamed.date]).toEqual({ date: renamed.date, kind: renamed.kind, name: '元旦（新）', source: 'admin' });
      expect(by[removed.date]).toBeUndefined();
      expect(by['2025-03-08']).toEqual({ date: '2025-03-08', kind: 'WORKDAY', name: '公司调休', source: 'admin' });
      expect(done.days.filter((d: any) => d.source === SEED_SOURCE)).toHaveLength(seeded.length - 2);
      const events = (await audits(2025)).slice(eventsBefore);
      expect(events.map((e) => [e.action, e.entityId]).sort()).toEqual([['create', 'CN:2025-03-08'], ['delete', `CN:${removed.date}`], ['update', `CN:${renamed.date}`]].sort());
      expect(JSON.parse(events.find((e) => e.action === 'update')!.before!)).toEqual({ kind: renamed.kind, name: renamed.name, source: SEED_SOURCE });
      // Handing in the same days again changes nothing and audits nothing.
      const again = (await s.gql(REPLACE, { y: 2025, f: done.fingerprint, d: handed }, t.admin)).data.replaceWorkingCalendarYear;
      expect(again.fingerprint).toBe(done.fingerprint);
      expect((await audits(2025)).length).toBe(eventsBefore + 3);
    });

    it('refuses wrong entries (every one, by entry), a stale fingerprint, a locked month and anyone but an admin, changing nothing', async () => {
      const before = await read(2029);
      const eventsBefore = (await audits(2029)).length;
      const wrong = [
        ...y2029,
        { date: '2029-03-05', kind: 'WORKDAY', name: '调休' }, // a Monday
        { date: '2030-01-01', kind: 'HOLIDAY', name: '元旦' },
        { date: '2029-01-01', kind: 'HOLIDAY', name: '元旦' },
        { date: '2029-05-01', kind: 'HOLIDAY', name: '  ' },
      ];
      const r = await s.refused(REPLACE, { y: 2029, f: before.fingerprint, d: wrong }, t.admin);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(ext(r)).toMatchObject({ field: 'days.11.kind', reason: 'MAKEUP_DAY_NOT_ON_WEEKEND' });
      expect(ext(r).problems).toEqual([
        { index: 11, field: 'kind', reason: 'MAKEUP_DAY_NOT_ON_WEEKEND', params: {} },
        { index: 12, field: 'date', reason: 'CALENDAR_DATE_OUTSIDE_YEAR', params: { date: '2030-01-01', year: 2029 } },
        { index: 13, field: 'date', reason: 'CALENDAR_DATE_TWICE', params: { date: '2029-01-01' } },
        { index: 14, field: 'name', reason: 'NAME_REQUIRED', params: {} },
      ]);
      // The same, as the pane reads a set of problems: each with the path of its entry's field.
      expect(ext(r).issues.map((i: any) => i.field)).toEqual(['days.11.kind', 'days.12.date', 'days.13.date', 'days.14.name']);
      const stale = await s.refused(REPLACE, { y: 2029, f: '0000000000000000', d: y2029.slice(1) }, t.admin);
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(ext(stale)).toMatchObject({ reason: 'CALENDAR_CHANGED', params: { year: 2029 } });
      expect((await s.gql('mutation { lockPeriod(periodKey: "2029-02", reason: "closed") { periodKey } }', {}, t.admin)).errors).toBeUndefined();
      const locked = await s.refused(REPLACE, { y: 2029, f: before.fingerprint, d: y2029.filter((d) => d.date !== '2029-02-24') }, t.admin);
      expect(ext(locked)).toMatchObject({ reason: 'PERIOD_LOCKED', params: { period: '2029-02' } });
      expect(codeOf(await s.refused(REPLACE, { y: 2029, f: before.fingerprint, d: y2029.slice(1) }, t.finance))).toBe('FORBIDDEN');
      expect(await read(2029)).toEqual(before);
      expect((await audits(2029)).length).toBe(eventsBefore);
      // A change outside the locked month still goes through.
      const ok = (await s.gql(REPLACE, { y: 2029, f: before.fingerprint, d: [...y2029, { date: '2029-04-05', kind: 'HOLIDAY', name: '清明节' }] }, t.admin)).data.replaceWorkingCalendarYear;
      expect(ok.days).toHaveLength(12);
    });
  });
});
