/** Work logs and reports: due days, lateness, future days, field checks, the spot-check sample (issue 11 §3). */
import { describe, expect, it } from 'vitest';
import {
  owesReportDueOn,
  checkMonthlyReport,
  checkWeeklyReport,
  checkWorkLog,
  commentProblem,
  fnv1a,
  logDayProblem,
  mondayOf,
  monthlyReportDue,
  mulberry32,
  reportedWeek,
  reportMonthProblem,
  reportWeekProblem,
  sampleSizeProblem,
  spotCheckSample,
  spotCheckSeed,
  timeliness,
  weeklyReportDue,
  workLogDue,
  WORK_REPORT_LIMITS,
} from './work-reports.ts';

const log = (more: Partial<Parameters<typeof checkWorkLog>[0]> = {}) => ({ calls: 8, visits: 1, deals: 0, customersMet: 'C001 华东商贸', notes: '拜访客户，电话回访', ...more });

describe('due days and lateness', () => {
  it('keys a weekly report by the Monday of the week it plans: it reports the week before and is due that Monday', () => {
    expect(mondayOf('2026-03-04')).toBe('2026-03-02'); // a Wednesday
    expect(mondayOf('2026-03-08')).toBe('2026-03-02'); // a Sunday belongs to the week before it
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(reportedWeek('2026-03-02')).toEqual({ start: '2026-02-23', end: '2026-03-01' });
    expect(weeklyReportDue('2026-03-02')).toBe('2026-03-02');
  });

  it('has a monthly report due with the next month’s plan, on the plan due day of the month it reports', () => {
    expect(monthlyReportDue('2026-03')).toBe('2026-03-28');
    expect(monthlyReportDue('2026-03', 25)).toBe('2026-03-25');
    expect(monthlyReportDue('2026-02', 31)).toBe('2026-02-28'); // a short month: its last day
    expect(monthlyReportDue('2026-12')).toBe('2026-12-28'); // across the year's end
  });

  it('counts a day’s log due by the end of the next day', () => {
    expect(workLogDue('2026-03-31')).toBe('2026-04-01');
  });

  it('tells on time, late, due and missing by the day of submission against the due day', () => {
    expect(timeliness('2026-03-02', '2026-03-02', '2026-03-10')).toBe('ON_TIME'); // submitted on the Monday itself
    expect(timeliness('2026-03-02', '2026-03-03', '2026-03-10')).toBe('LATE');
    expect(timeliness('2026-03-02', null, '2026-03-02')).toBe('DUE');
    expect(timeliness('2026-03-02', null, '2026-03-03')).toBe('MISSING');
  });
});

describe('days and periods that may be reported', () => {
  it('refuses a log for a day after today, naming both days, and takes today and earlier days', () => {
    expect(logDayProblem('2026-03-05', '2026-03-04')).toEqual({ code: 'WORK_LOG_FUTURE_DAY', field: 'day', params: { date: '2026-03-05', today: '2026-03-04' } });
    expect(logDayProblem('2026-03-04', '2026-03-04')).toBeNull();
    expect(logDayProblem('2026-02-10', '2026-03-04')).toBeNull();
    expect(logDayProblem('2026-02-30', '2026-03-04')).toEqual({ code: 'WORK_REPORT_NOT_A_DAY', field: 'day', params: { value: '2026-02-30' } });
  });

  it('takes a weekly report for a Monday up to next week’s, and a monthly report up to this month', () => {
    expect(reportWeekProblem('2026-03-04', '2026-03-04')?.code).toBe('WORK_REPORT_NOT_A_MONDAY');
    expect(reportWeekProblem('2026-03-02', '2026-03-04')).toBeNull();
    expect(reportWeekProblem('2026-03-09', '2026-03-04')).toBeNull(); // next week's plan, written ahead
    expect(reportWeekProblem('2026-03-16', '2026-03-04')).toEqual({ code: 'WORK_REPORT_FUTURE_PERIOD', field: 'week', params: { period: '2026-03-16' } });
    expect(reportMonthProblem('2026-03', '2026-03-04')).toBeNull();
    expect(reportMonthProblem('2026-04', '2026-03-04')).toEqual({ code: 'WORK_REPORT_FUTURE_PERIOD', field: 'month', params: { period: '2026-04' } });
    expect(reportMonthProblem('2026-13', '2026-03-04')?.code).toBe('WORK_REPORT_NOT_A_MONTH');
  });
});

describe('field checks', () => {
  it('accepts a sensible log and names each bad count', () => {
    expect(checkWorkLog(log(), true)).toEqual([]);
    expect(checkWorkLog(log({ calls: -1, visits: 1.5, deals: WORK_REPORT_LIMITS.maxDailyCount + 1 }), false)).toEqual([
      { code: 'WORK_REPORT_NEGATIVE', field: 'calls', params: { value: -1 } },
      { code: 'WORK_REPORT_NOT_WHOLE', field: 'visits', params: { value: '1.5' } },
      { code: 'WORK_REPORT_TOO_LARGE', field: 'deals', params: { value: 501, max: 500 } },
    ]);
    expect(checkWorkLog(log({ calls: WORK_REPORT_LIMITS.maxDailyCount }), false)).toEqual([]);
  });

  it('requires the day’s main work to submit a log, not to save a draft; texts have lengths', () => {
    expect(checkWorkLog(log({ notes: '  ' }), false)).toEqual([]);
    expect(checkWorkLog(log({ notes: '  ' }), true)).toEqual([{ code: 'WORK_REPORT_REQUIRED', field: 'notes', params: {} }]);
    expect(checkWorkLog(log({ customersMet: 'x'.repeat(1001) }), false)).toEqual([{ code: 'WORK_REPORT_TOO_LONG', field: 'customersMet', params: { max: 1000 } }]);
  });

  it('requires results and plan to submit a weekly report; results, analysis and plan a monthly one', () => {
    const weekly = { results: '', plan: '', marketFeedback: '', problems: 'y'.repeat(4001) };
    expect(checkWeeklyReport(weekly, false)).toEqual([{ code: 'WORK_REPORT_TOO_LONG', field: 'problems', params: { max: 4000 } }]);
    expect(checkWeeklyReport(weekly, true).map((p) => p.field)).toEqual(['results', 'plan', 'problems']);
    expect(checkMonthlyReport({ results: 'a', analysis: ' ', plan: '' }, true).map((p) => [p.code, p.field])).toEqual([
      ['WORK_REPORT_REQUIRED', 'analysis'],
      ['WORK_REPORT_REQUIRED', 'plan'],
    ]);
  });

  it('requires a comment and bounds the sample size', () => {
    expect(commentProblem(' ')?.code).toBe('WORK_REPORT_REQUIRED');
    expect(commentProblem('好')).toBeNull();
    expect(sampleSizeProblem(0)?.code).toBe('WORK_REPORT_SAMPLE_SIZE_INVALID');
    expect(sampleSizeProblem(51)?.params).toEqual({ value: '51', max: 50 });
    expect(sampleSizeProblem(2.5)).not.toBeNull();
    expect(sampleSizeProblem(1)).toBeNull();
  });
});

describe('the spot-check sample', () => {
  const ids = Array.from({ length: 40 }, (_, i) => `log-${String(i).padStart(2, '0')}`);

  it('uses documented generators: FNV-1a and mulberry32 give their published values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    const r = mulberry32(1);
    const first = [r(), r(), r()];
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
    const again = mulberry32(1);
    expect([again(), again(), again()]).toEqual(first);
  });

  it('is the same for the same manager, week and candidates, whatever order they are read in', () => {
    const seed = spotCheckSeed('mgr-1', '2026-03-02');
    const a = spotCheckSample(seed, ids, 5);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    expect(a.every((x) => ids.includes(x))).toBe(true);
    expect(a).toEqual([...a].sort());
    expect(spotCheckSample(seed, [...ids].reverse(), 5)).toEqual(a);
    expect(spotCheckSample(seed, ids, 5)).toEqual(a);
  });

  it('differs between weeks and between managers', () => {
    const weeks = new Set(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'].map((w) => spotCheckSample(spotCheckSeed('mgr-1', w), ids, 5).join()));
    expect(weeks.size).toBeGreaterThan(1);
    expect(spotCheckSample(spotCheckSeed('mgr-2', '2026-03-02'), ids, 5)).not.toEqual(spotCheckSample(spotCheckSeed('mgr-1', '2026-03-02'), ids, 5));
  });

  it('takes all when there are fewer candidates than the size, none from none', () => {
    expect(spotCheckSample('s', ['b', 'a', 'a'], 5)).toEqual(['a', 'b']);
    expect(spotCheckSample('s', [], 5)).toEqual([]);
    expect(spotCheckSample('s', ids, 0)).toEqual([]);
  });

  it('gives every candidate a fair chance over many weeks', () => {
    const hits = new Map<string, number>();
    for (let w = 0; w < 400; w++) for (const id of spotCheckSample(`m|${w}`, ids.slice(0, 10), 2)) hits.set(id, (hits.get(id) ?? 0) + 1);
    expect(hits.size).toBe(10);
    for (const n of hits.values()) expect(n).toBeGreaterThan(40); // 80 expected each
  });
});

describe('who owes a report', () => {
  it('is whoever is employed on its due day: hired on it, or leaving on it (their last day), owes it; a day either side does not', () => {
    expect(owesReportDueOn('2026-11-30', '2026-11-30', null)).toBe(true);
    expect(owesReportDueOn('2026-11-28', '2026-11-29', null)).toBe(false);
    expect(owesReportDueOn('2026-11-16', '2025-01-01', '2026-11-16')).toBe(true);
    expect(owesReportDueOn('2026-11-16', '2025-01-01', '2026-11-13')).toBe(false);
  });
});
