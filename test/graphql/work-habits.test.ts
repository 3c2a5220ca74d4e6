/**
 * The work habits as computed KPI indicators (issue 11 §6; domain §4: 5-10
 * calls a day, 1-3 visits a week, reports on time): calls per working day
 * and visits per week from the rep's submitted work logs, the share of
 * weekly and monthly reports handed in on time; measured directly and
 * through a scorecard whose indicator set an admin changed to use them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { dayToDate } from '../../schema/dates.ts';
import { callsPerDay, reportsOnTime, visitsPerWeek, type KpiPeriod } from '../../server/kpi/computed.ts';

const MARCH: KpiPeriod = { key: '2026-03', start: '2026-03-01', end: '2026-03-31', months: ['2026-03'] };
const LATER = '2026-12-02';
const at = (day: string) => new Date(`${day}T10:00:00.000Z`);

describe.each(testProviders)('work habits as KPI indicators on %s', (provider) => {
  let s: TestServer;
  let rep: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    s = await startTestServer(provider);
    const p = s.db.prisma;
    rep = (await p.user.findUniqueOrThrow({ where: { username: 'rep' }, include: { person: true } })).person!;
    expect(rep && (await p.person.findUniqueOrThrow({ where: { id: rep.id } })).hireDate < dayToDate('2026-03-01')).toBe(true);
    const unitId = (await p.assignment.findFirstOrThrow({ where: { personId: rep.id, validTo: null } })).unitId;
    other = await p.person.findFirstOrThrow({ where: { id: { not: rep.id }, position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: dayToDate('2026-01-01') }, leaveDate: null } });
    // Ten logs handed in (6 calls and 1 visit each) on the first ten working days of March; a draft and someone else's do not count.
    const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'];
    for (const d of days) await p.workLog.create({ data: { personId: rep.id, unitId, day: dayToDate(d), calls: 6, visits: 1, status: 'SUBMITTED', submittedAt: at(d), notes: '拜访' } });
    await p.workLog.create({ data: { personId: rep.id, unitId, day: dayToDate('2026-03-16'), calls: 50, visits: 9, status: 'DRAFT', notes: '草稿' } });
    await p.workLog.create({ data: { personId: other.id, unitId, day: dayToDate('2026-03-02'), calls: 99, visits: 9, status: 'SUBMITTED', submittedAt: at('2026-03-02'), notes: 'x' } });
    // Weekly reports of March's Mondays: on time, late, on time, missing, on time; March's monthly report on time (due the 28th).
    const weekly = (week: string, submitted: string) => p.weeklyReport.create({ data: { personId: rep.id, unitId, week: dayToDate(week), results: 'r', plan: 'p', status: 'SUBMITTED', submittedAt: at(submitted) } });
    await weekly('2026-03-02', '2026-03-02');
    await weekly('2026-03-09', '2026-03-10');
    await weekly('2026-03-16', '2026-03-16');
    await weekly('2026-03-30', '2026-03-30');
    await p.monthlyReport.create({ data: { personId: rep.id, unitId, month: '2026-03', results: 'r', analysis: 'a', plan: 'p', status: 'SUBMITTED', submittedAt: at('2026-03-27') } });
  });
  afterAll(() => s.close());

  it('counts calls per working day and visits per week from submitted logs only', async () => {
    const db = s.db.prisma;
    // March 2026 has 22 working days (no public holiday) and 31 days.
    expect(await callsPerDay(db, rep.id, MARCH, LATER)).toEqual({ actual: 60n, basis: 22n });
    expect(await visitsPerWeek(db, rep.id, MARCH, LATER)).toEqual({ actual: 10n, basis: 31n });
    // While the month runs: the days up to yesterday (today's log is not due yet).
    expect(await callsPerDay(db, rep.id, MARCH, '2026-03-11')).toEqual({ actual: 42n, basis: 7n });
    expect(await visitsPerWeek(db, rep.id, MARCH, '2026-03-11')).toEqual({ actual: 7n, basis: 10n });
    // On the period's first day nothing has been measured yet.
    expect((await callsPerDay(db, rep.id, MARCH, '2026-03-01')).basis).toBeNull();
  });

  it('counts the reports handed in on time of those due, a missing one against, one not yet due not at all', async () => {
    const db = s.db.prisma;
    expect(await reportsOnTime(db, rep.id, MARCH, LATER)).toEqual({ actual: 4n, basis: 6n });
    // On 20 March: the reports of 2, 9 and 16 March were due (on time, late, on time); the rest still to come.
    const early = await reportsOnTime(db, other.id, MARCH, '2026-03-20');
    expect(early).toEqual({ actual: 0n, basis: 3n });
  });

  it('fills a scorecard’s habit indicators in from the logs and reports, as counts and averages', async () => {
    const admin = await s.login('admin');
    const manager = await s.login('manager');
    const set = (await s.gql('{ kpiIndicatorSets { role name version commentBelowPercent gradeBands { grade min inclusive } indicators { code name group weight computation fullMarksAt maxScore } } }', {}, admin)).data.kpiIndicatorSets.find(
      (x: { role: string }) => x.role === 'REP',
    );
    const indicators = set.indicators.map((i: any) => {
      if (i.code === 'fieldWork') return { ...i, name: '日均电话数', computation: 'CALLS_PER_DAY', fullMarksAt: '5', maxScore: null };
      if (i.code === 'logsAndReports') return { ...i, name: '报告按时率', computation: 'REPORTS_ON_TIME', fullMarksAt: '100', maxScore: null };
      return i;
    });
    const saved = await s.gql(
      'mutation($v: Int!, $input: KpiIndicatorSetInput!) { saveKpiIndicatorSet(role: REP, version: $v, input: $input) { version } }',
      { v: set.version, input: { name: set.name, commentBelowPercent: set.commentBelowPercent, gradeBands: set.gradeBands, indicators } },
      admin,
    );
    expect(saved.errors).toBeUndefined();
    const card = await s.gql('mutation($p: ID!) { openScorecard(personId: $p, periodKey: "2026-03") { lines { code computation value actual basis points } } }', { p: rep.id }, manager);
    expect(card.errors).toBeUndefined();
    const line = (code: string) => card.data.openScorecard.lines.find((l: { code: string }) => l.code === code);
    // 60 calls over 22 working days: 2.73 a day of the 5 that earn full marks; 4 of 6 reports on time: 66.67 %.
    expect(line('fieldWork')).toEqual({ code: 'fieldWork', computation: 'CALLS_PER_DAY', value: '2.73', actual: '60', basis: '22', points: '2.73' });
    expect(line('logsAndReports')).toEqual({ code: 'logsAndReports', computation: 'REPORTS_ON_TIME', value: '66.67', actual: '4', basis: '6', points: '3.33' });
  });
});
