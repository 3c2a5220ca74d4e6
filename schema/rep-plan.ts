/**
 * A rep's monthly plan (issue 11 §2; domain §4): planned sales, calls,
 * visits and events for each week of the month, planned sales and visits
 * per key customer, and, when the plan falls short of the rep's published
 * target, the reason. Pure rules shared by the task pane (before it submits
 * a sheet) and the server (before it accepts one): the same checks, the
 * same codes, the same places.
 *
 * Weeks are the weeks of the month (schema/periods.ts monthWeeks: Monday to
 * Sunday, cut at the month's edges: "2026-03-W1" … "2026-03-W6"). A plan is
 * due on a day of the month before (the 28th by default, as the source
 * documents say; configurable); one submitted after that day is late, and
 * one not submitted once the day has passed is missing.
 */
import { addDays, type IsoDay } from './dates.ts';
import { monthWeeks, type Period } from './periods.ts';
import { formatMoney, type Fen } from './money.ts';
import type { RepPlanRuleReason } from './reasons.ts';
import { normaliseCustomerCode } from './customers.ts';

export interface RepPlanWeek {
  weekKey: string;
  salesFen: Fen;
  calls: number;
  visits: number;
  events: number;
}

export interface RepPlanCustomer {
  /** The customer's code (unique in the organisation). */
  customer: string;
  salesFen: Fen;
  visits: number;
}

export interface RepPlanContent {
  month: string;
  weeks: RepPlanWeek[];
  customers: RepPlanCustomer[];
  /** Why the plan is below target; required when it is. */
  belowTargetReason: string | null;
}

/** Where a problem is: a week's or a customer's row (index into the lists) and field, or the reason. */
export type RepPlanPlace = { section: 'weeks'; index: number; field: keyof RepPlanWeek } | { section: 'customers'; index: number; field: keyof RepPlanCustomer } | { section: 'reason' } | { section: 'plan' };

export interface RepPlanIssue {
  code: RepPlanRuleReason;
  params: Record<string, string | number>;
  place: RepPlanPlace;
  /** A warning is shown but does not stop a submission (below target with a reason). */
  severity: 'error' | 'warning';
}

/** The most a count cell may hold (calls, visits, events in a week or for a customer). */
export const MAX_COUNT = 10_000;
export const MAX_REASON = 500;
/**
 * The most a planned amount may be (a week's or a key customer's planned
 * sales): 99,999,999,999.99 yuan. Far beyond any rep's month, and small
 * enough that the plan sheet shows it, and the sum of a month's six weeks,
 * as a spreadsheet number to the fen (15 significant digits, well below the
 * 2^53 fen fenToCellNumber writes). More is refused (REP_PLAN_OUT_OF_RANGE),
 * by the pane's Check and by the server, so it is never stored.
 */
export const MAX_PLAN_FEN: Fen = 10n ** 13n - 1n;

/** The weeks a plan for the month has, in order. */
export function planWeeks(month: string): Period[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const end = addDays(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
  return monthWeeks({ key: month, level: 'month', start: `${month}-01`, end });
}

/**
 * Whether nothing is planned at all: no week has planned sales, calls,
 * visits or events, and no key customer is named. Such a plan may be kept
 * as a draft but not submitted (REP_PLAN_EMPTY).
 */
export const isEmptyPlan = (plan: Pick<RepPlanContent, 'weeks' | 'customers'>): boolean =>
  plan.customers.length === 0 && plan.weeks.every((w) => w.salesFen === 0n && w.calls === 0 && w.visits === 0 && w.events === 0);

/**
 * Problems that stop a submission but not a draft: a draft is kept as the
 * rep leaves it (empty, or below target without the reason yet).
 */
export const SUBMIT_ONLY: ReadonlySet<RepPlanRuleReason> = new Set<RepPlanRuleReason>(['REP_PLAN_EMPTY', 'REP_PLAN_REASON_REQUIRED']);

/** Whether a problem stops saving the plan as a draft (every error stops the submission). */
export const blocksDraft = (issue: Pick<RepPlanIssue, 'code' | 'severity'>): boolean => issue.severity === 'error' && !SUBMIT_ONLY.has(issue.code);

/** The plan's total: the sum of its weeks. */
export const plannedTotal = (plan: Pick<RepPlanContent, 'weeks'>): Fen => plan.weeks.reduce((s, w) => s + w.salesFen, 0n);

/**
 * Checks a plan against the month's weeks, its own sums and the target.
 * `knownCustomers`, when given, is the set of customer codes the rep may
 * plan for; `targetFen` the rep's published base sales target for the
 * month (null: none, so no comparison).
 */
export function checkRepPlan(plan: RepPlanContent, context: { targetFen: Fen | null; knownCustomers?: ReadonlySet<string> }): RepPlanIssue[] {
  const issues: RepPlanIssue[] = [];
  const error = (code: RepPlanRuleReason, params: RepPlanIssue['params'], place: RepPlanPlace) => issues.push({ code, params, place, severity: 'error' });
  const weeks = planWeeks(plan.month);
  const expected = new Set(weeks.map((w) => w.key));
  const seen = new Set<string>();
  plan.weeks.forEach((w, index) => {
    if (!expected.has(w.weekKey)) error('REP_PLAN_WEEK_OUTSIDE_MONTH', { week: w.weekKey, month: plan.month }, { section: 'weeks', index, field: 'weekKey' });
    else if (seen.has(w.weekKey)) error('REP_PLAN_WEEK_DUPLICATE', { week: w.weekKey }, { section: 'weeks', index, field: 'weekKey' });
    seen.add(w.weekKey);
    amountIssue(w.salesFen, (code, params) => error(code, params, { section: 'weeks', index, field: 'salesFen' }));
    for (const field of ['calls', 'visits', 'events'] as const) countIssue(w[field], (code, params) => error(code, params, { section: 'weeks', index, field }));
  });
  for (const w of weeks) if (!seen.has(w.key)) error('REP_PLAN_WEEK_MISSING', { week: w.key }, { section: 'plan' });
  const customers = new Set<string>();
  plan.customers.forEach((c, index) => {
    const code = normaliseCustomerCode(c.customer);
    if (customers.has(code)) error('REP_PLAN_CUSTOMER_DUPLICATE', { customer: code }, { section: 'customers', index, field: 'customer' });
    else if (context.knownCustomers && !context.knownCustomers.has(code)) error('REP_PLAN_CUSTOMER_UNKNOWN', { customer: code }, { section: 'customers', index, field: 'customer' });
    customers.add(code);
    amountIssue(c.salesFen, (code, params) => error(code, params, { section: 'customers', index, field: 'salesFen' }));
    countIssue(c.visits, (code, params) => error(code, params, { section: 'customers', index, field: 'visits' }));
  });
  const total = plannedTotal(plan);
  const onCustomers = plan.customers.reduce((s, c) => s + (c.salesFen > 0n ? c.salesFen : 0n), 0n);
  // Against a total made below zero by a negative week (refused at that week already), the comparison says nothing more.
  if (onCustomers > total && !plan.weeks.some((w) => w.salesFen < 0n)) error('REP_PLAN_CUSTOMERS_OVER_TOTAL', { amount: formatMoney(onCustomers), totalAmount: formatMoney(total) }, { section: 'plan' });
  const reason = plan.belowTargetReason?.trim() ?? '';
  if (reason.length > MAX_REASON) error('REP_PLAN_REASON_TOO_LONG', { max: MAX_REASON }, { section: 'reason' });
  // Nothing planned: said at the first week's planned sales, where the plan begins (a reason for falling short is beside the point).
  const empty = plan.weeks.length > 0 && isEmptyPlan(plan);
  if (empty) error('REP_PLAN_EMPTY', {}, { section: 'weeks', index: 0, field: 'salesFen' });
  else if (context.targetFen !== null && total < context.targetFen) {
    const params = { amount: formatMoney(total), targetAmount: formatMoney(context.targetFen) };
    if (!reason) error('REP_PLAN_REASON_REQUIRED', params, { section: 'reason' });
    else issues.push({ code: 'REP_PLAN_BELOW_TARGET', params, place: { section: 'reason' }, severity: 'warning' });
  }
  return issues;
}

function amountIssue(fen: Fen, report: (code: RepPlanRuleReason, params: RepPlanIssue['params']) => void): void {
  if (fen < 0n) report('REP_PLAN_NEGATIVE', { value: formatMoney(fen) });
  else if (fen > MAX_PLAN_FEN) report('REP_PLAN_OUT_OF_RANGE', outOfRange(formatMoney(fen)));
}

/** The params of REP_PLAN_OUT_OF_RANGE: the amount (as typed, when it is no amount the checks could hold) and the most allowed. */
export const outOfRange = (amount: string) => ({ amount, maxAmount: formatMoney(MAX_PLAN_FEN) });

function countIssue(n: number, report: (code: RepPlanRuleReason, params: RepPlanIssue['params']) => void): void {
  if (!Number.isInteger(n)) report('REP_PLAN_NOT_WHOLE', { value: String(n) });
  else if (n < 0) report('REP_PLAN_NEGATIVE', { value: n });
  else if (n > MAX_COUNT) report('REP_PLAN_TOO_LARGE', { value: n, max: MAX_COUNT });
}

export const DEFAULT_DUE_DAY = 28;

/** The day a month's plan is due: `dueDay` of the month before, or that month's last day when it is shorter. */
export function dueDate(month: string, dueDay = DEFAULT_DUE_DAY): IsoDay {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const last = Number(addDays(`${month}-01`, -1).slice(8));
  return `${prev}-${String(Math.min(Math.max(1, dueDay), last)).padStart(2, '0')}`;
}

/**
 * The day a person's plan for a month is due: the month's due day, or their
 * first day when they join after it (nobody owes a plan before they are hired).
 */
export function dueDateFor(month: string, dueDay: number | undefined, hireDay: IsoDay | null): IsoDay {
  const due = dueDate(month, dueDay);
  return hireDay && hireDay > due ? hireDay : due;
}

export type Timeliness = 'ON_TIME' | 'LATE' | 'DUE' | 'MISSING';

/**
 * Whether a plan came in on time: submitted on or before the due day (ON_TIME)
 * or after it (LATE); not submitted yet, before or on the due day (DUE) or
 * after it (MISSING). Days are the organisation's (China Standard Time).
 */
export function timeliness(due: IsoDay, submittedOn: IsoDay | null, today: IsoDay): Timeliness {
  if (submittedOn) return submittedOn <= due ? 'ON_TIME' : 'LATE';
  return today <= due ? 'DUE' : 'MISSING';
}
