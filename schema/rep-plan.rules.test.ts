/** A rep's monthly plan: weeks of the month, sums, customers, the target, due days and lateness (issue 11 §2). */
import { describe, expect, it } from 'vitest';
import { fenToCellNumber } from './money.ts';
import { blocksDraft, checkRepPlan, dueDate, MAX_PLAN_FEN, isEmptyPlan, planWeeks, plannedTotal, timeliness, type RepPlanContent } from './rep-plan.ts';

const week = (weekKey: string, sales: bigint, more: Partial<{ calls: number; visits: number; events: number }> = {}) => ({ weekKey, salesFen: sales, calls: 40, visits: 2, events: 0, ...more });
/** March 2026 starts on a Sunday: W1 is 1 March alone, W6 is 30–31 March. */
const march = (overrides: Partial<RepPlanContent> = {}): RepPlanContent => ({
  month: '2026-03',
  weeks: planWeeks('2026-03').map((w) => week(w.key, 500_000n)),
  customers: [{ customer: 'C001', salesFen: 1_000_000n, visits: 3 }],
  belowTargetReason: null,
  ...overrides,
});

describe('rep plan checks', () => {
  it('has the weeks of the month, Monday to Sunday, cut at its edges', () => {
    expect(planWeeks('2026-03').map((w) => [w.key, w.start, w.end])).toEqual([
      ['2026-03-W1', '2026-03-01', '2026-03-01'],
      ['2026-03-W2', '2026-03-02', '2026-03-08'],
      ['2026-03-W3', '2026-03-09', '2026-03-15'],
      ['2026-03-W4', '2026-03-16', '2026-03-22'],
      ['2026-03-W5', '2026-03-23', '2026-03-29'],
      ['2026-03-W6', '2026-03-30', '2026-03-31'],
    ]);
    expect(planWeeks('2026-02')).toHaveLength(5); // 1 Feb 2026 is a Sunday: W1 is 1 Feb alone, W5 is 23–28 Feb
    expect(planWeeks('2026-02').at(-1)!.end).toBe('2026-02-28');
  });

  it('accepts a complete plan at or above target, and totals its weeks exactly', () => {
    const plan = march();
    expect(plannedTotal(plan)).toBe(3_000_000n);
    expect(checkRepPlan(plan, { targetFen: 3_000_000n, knownCustomers: new Set(['C001']) })).toEqual([]);
  });

  it('refuses a planned amount above the most a plan may hold, week or customer, as a problem for a draft too; the most itself is fine and, six weeks of it, still a spreadsheet number to the fen', () => {
    expect(MAX_PLAN_FEN).toBe(9_999_999_999_999n); // 99,999,999,999.99 yuan
    const weeks = planWeeks('2026-03').map((w) => week(w.key, MAX_PLAN_FEN));
    expect(checkRepPlan(march({ weeks, customers: [{ customer: 'C001', salesFen: MAX_PLAN_FEN, visits: 1 }] }), { targetFen: null })).toEqual([]);
    expect(fenToCellNumber(plannedTotal({ weeks }))).toBe(599999999999.94);
    weeks[0] = week('2026-03-W1', 100_000_000_000_000_000n); // 1e15 yuan, as a rep typed it
    weeks[1] = week('2026-03-W2', MAX_PLAN_FEN + 1n);
    const issues = checkRepPlan(march({ weeks, customers: [{ customer: 'C001', salesFen: MAX_PLAN_FEN + 1n, visits: 1 }] }), { targetFen: null });
    expect(issues.map((i) => [i.code, i.params, i.place])).toEqual([
      ['REP_PLAN_OUT_OF_RANGE', { amount: '1000000000000000.00', maxAmount: '99999999999.99' }, { section: 'weeks', index: 0, field: 'salesFen' }],
      ['REP_PLAN_OUT_OF_RANGE', { amount: '100000000000.00', maxAmount: '99999999999.99' }, { section: 'weeks', index: 1, field: 'salesFen' }],
      ['REP_PLAN_OUT_OF_RANGE', { amount: '100000000000.00', maxAmount: '99999999999.99' }, { section: 'customers', index: 0, field: 'salesFen' }],
    ]);
    expect(issues.every(blocksDraft)).toBe(true);
  });

  it('names a missing week, a week of another month and a week given twice', () => {
    const weeks = planWeeks('2026-03').map((w) => week(w.key, 100n));
    const issues = checkRepPlan(march({ weeks: [...weeks.slice(0, 4), week('2026-04-W1', 1n), week('2026-03-W2', 1n)], customers: [] }), { targetFen: null });
    expect(issues.map((i) => [i.code, i.params, i.place])).toEqual([
      ['REP_PLAN_WEEK_OUTSIDE_MONTH', { week: '2026-04-W1', month: '2026-03' }, { section: 'weeks', index: 4, field: 'weekKey' }],
      ['REP_PLAN_WEEK_DUPLICATE', { week: '2026-03-W2' }, { section: 'weeks', index: 5, field: 'weekKey' }],
      ['REP_PLAN_WEEK_MISSING', { week: '2026-03-W5' }, { section: 'plan' }],
      ['REP_PLAN_WEEK_MISSING', { week: '2026-03-W6' }, { section: 'plan' }],
    ]);
  });

  it('refuses negative figures, counts that are not whole or too large, naming the row and field', () => {
    const weeks = planWeeks('2026-03').map((w) => week(w.key, 100n));
    weeks[1] = week('2026-03-W2', -1n, { calls: 2.5 });
    weeks[2] = week('2026-03-W3', 0n, { visits: -1, events: 10_001 });
    const issues = checkRepPlan(march({ weeks, customers: [{ customer: 'C001', salesFen: -5n, visits: 1 }] }), { targetFen: null });
    expect(issues.map((i) => [i.code, i.place])).toEqual([
      ['REP_PLAN_NEGATIVE', { section: 'weeks', index: 1, field: 'salesFen' }],
      ['REP_PLAN_NOT_WHOLE', { section: 'weeks', index: 1, field: 'calls' }],
      ['REP_PLAN_NEGATIVE', { section: 'weeks', index: 2, field: 'visits' }],
      ['REP_PLAN_TOO_LARGE', { section: 'weeks', index: 2, field: 'events' }],
      ['REP_PLAN_NEGATIVE', { section: 'customers', index: 0, field: 'salesFen' }],
    ]);
    expect(issues[0]!.params).toEqual({ value: '-0.01' });
    // A negative week is said once, at the week: not again as customers planned over a total it made negative.
    const below = planWeeks('2026-03').map((w, i) => week(w.key, i === 0 ? -100n : 0n));
    expect(checkRepPlan(march({ weeks: below, customers: [{ customer: 'C001', salesFen: 0n, visits: 1 }] }), { targetFen: null }).map((i) => i.code)).not.toContain('REP_PLAN_CUSTOMERS_OVER_TOTAL');
  });

  it('checks customers: known, once each, and not more than the plan in total', () => {
    const issues = checkRepPlan(
      march({ customers: [{ customer: 'C001', salesFen: 2_000_000n, visits: 1 }, { customer: 'C999', salesFen: 500_000n, visits: 1 }, { customer: 'C001', salesFen: 600_000n, visits: 0 }] }),
      { targetFen: null, knownCustomers: new Set(['C001']) },
    );
    expect(issues.map((i) => [i.code, i.params])).toEqual([
      ['REP_PLAN_CUSTOMER_UNKNOWN', { customer: 'C999' }],
      ['REP_PLAN_CUSTOMER_DUPLICATE', { customer: 'C001' }],
      ['REP_PLAN_CUSTOMERS_OVER_TOTAL', { amount: '31000.00', totalAmount: '30000.00' }],
    ]);
  });

  it('below target needs a reason; with one it is a warning that does not stop the plan', () => {
    const low = march();
    expect(checkRepPlan(low, { targetFen: 3_000_001n })).toEqual([
      { code: 'REP_PLAN_REASON_REQUIRED', params: { amount: '30000.00', targetAmount: '30000.01' }, place: { section: 'reason' }, severity: 'error' },
    ]);
    expect(checkRepPlan({ ...low, belowTargetReason: '   ' }, { targetFen: 3_000_001n })[0]!.code).toBe('REP_PLAN_REASON_REQUIRED');
    expect(checkRepPlan({ ...low, belowTargetReason: '大客户三月停产检修' }, { targetFen: 3_000_001n })).toEqual([
      { code: 'REP_PLAN_BELOW_TARGET', params: { amount: '30000.00', targetAmount: '30000.01' }, place: { section: 'reason' }, severity: 'warning' },
    ]);
    expect(checkRepPlan({ ...low, belowTargetReason: '长'.repeat(501) }, { targetFen: null })[0]!.code).toBe('REP_PLAN_REASON_TOO_LONG');
  });

  it('refuses to submit an empty plan, named at the first week’s planned sales; a draft may be empty', () => {
    const blank = march({ weeks: planWeeks('2026-03').map((w) => week(w.key, 0n, { calls: 0, visits: 0 })), customers: [] });
    expect(isEmptyPlan(blank)).toBe(true);
    const empty = { code: 'REP_PLAN_EMPTY', params: {}, place: { section: 'weeks', index: 0, field: 'salesFen' }, severity: 'error' };
    // Without a target, and with one (falling short of it is beside the point: nothing is planned, a reason or not).
    expect(checkRepPlan(blank, { targetFen: null })).toEqual([empty]);
    expect(checkRepPlan(blank, { targetFen: 3_000_000n })).toEqual([empty]);
    expect(checkRepPlan({ ...blank, belowTargetReason: '停产' }, { targetFen: 3_000_000n })).toEqual([empty]);
    // It stops the submission, not the draft; other errors stop both.
    expect(blocksDraft(checkRepPlan(blank, { targetFen: null })[0]!)).toBe(false);
    expect(blocksDraft({ code: 'REP_PLAN_REASON_REQUIRED', severity: 'error' })).toBe(false);
    expect(blocksDraft({ code: 'REP_PLAN_NEGATIVE', severity: 'error' })).toBe(true);
    expect(blocksDraft({ code: 'REP_PLAN_BELOW_TARGET', severity: 'warning' })).toBe(false);
    // Any one figure, in any week, or a key customer makes it a plan.
    for (const field of ['calls', 'visits', 'events'] as const) {
      const weeks = blank.weeks.map((w, i) => (i === 5 ? { ...w, [field]: 1 } : w));
      expect(isEmptyPlan({ ...blank, weeks }), field).toBe(false);
      expect(checkRepPlan({ ...blank, weeks }, { targetFen: null }), field).toEqual([]);
    }
    expect(isEmptyPlan({ ...blank, weeks: blank.weeks.map((w, i) => (i === 2 ? { ...w, salesFen: 1n } : w)) })).toBe(false);
    expect(isEmptyPlan({ ...blank, customers: [{ customer: 'C001', salesFen: 0n, visits: 1 }] })).toBe(false);
    // A plan without a week row says that, not that it is empty.
    expect(checkRepPlan({ ...blank, weeks: [] }, { targetFen: null }).map((i) => i.code)).not.toContain('REP_PLAN_EMPTY');
  });
});

describe('due days and lateness', () => {
  it('is due on the 28th of the month before by default, on the last day of a shorter month', () => {
    expect(dueDate('2026-04')).toBe('2026-03-28');
    expect(dueDate('2026-01')).toBe('2025-12-28');
    expect(dueDate('2026-04', 31)).toBe('2026-03-31');
    expect(dueDate('2026-03', 31)).toBe('2026-02-28');
    expect(dueDate('2028-03', 30)).toBe('2028-02-29');
    expect(dueDate('2026-04', 5)).toBe('2026-03-05');
  });

  it('is on time up to and on the due day, late after it; missing once the day has passed unsubmitted', () => {
    expect(timeliness('2026-03-28', '2026-03-28', '2026-04-02')).toBe('ON_TIME');
    expect(timeliness('2026-03-28', '2026-03-29', '2026-04-02')).toBe('LATE');
    expect(timeliness('2026-03-28', null, '2026-03-28')).toBe('DUE');
    expect(timeliness('2026-03-28', null, '2026-03-29')).toBe('MISSING');
  });
});
