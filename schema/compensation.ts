/**
 * Compensation plans as data, and the pure, exact payslip calculation.
 *
 * A plan is a document of components (base, tiered commission, date
 * milestones by rank, overrides on trainees' sales, attendance deductions,
 * manual adjustments), validated here so that no plan needs code. Amounts in
 * a plan are yuan as decimal strings; rates are percentages. The engine works
 * on exact rationals and rounds half-up to the fen once per payslip line;
 * every line carries its explanation: the rule, the inputs, and the
 * arithmetic with the numbers put in.
 */
import { z } from 'zod';
import type { PlanProblemReason } from './reasons.ts';
import { MAX_FEN, formatMoney, parseMoney } from './money.ts';
import { cmp, decimal, div, evaluate, fromFen, mul, parseFormula, rational, show, substitute, sub, toFenHalfUp, add, type Formula, type Rational } from './formula.ts';

const fitsMoney = (v: string) => {
  try {
    parseMoney(v);
    return true;
  } catch {
    return false;
  }
};

export const RANKS = ['SR', 'SE', 'SSE', 'SM', 'SSM', 'SD', 'SSD', 'TE'] as const;
export type Rank = (typeof RANKS)[number];
export const MEASURES = ['sales', 'units', 'collections', 'margin'] as const;
export type Measure = (typeof MEASURES)[number];

const YUAN = /^\d+(\.\d{1,2})?$/;
const yuan = z
  .string()
  .regex(YUAN, 'an amount in yuan such as 1500 or 1500.00')
  .refine((v) => !YUAN.test(v) || fitsMoney(v), `an amount within ±${formatMoney(MAX_FEN)}`);
const percent = z.string().regex(/^\d+(\.\d{1,4})?$/, 'a percentage such as 20 or 2.5');
const code = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,31}$/, 'a code such as commission or morningStar');
const label = z.string().min(1).max(64);

const Component = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('base'), code, label, prorate: z.enum(['workingDays', 'none']) }),
  z.object({
    kind: z.literal('commission'),
    code,
    label,
    /** The measure whose amount picks the tier, e.g. monthly sales. */
    tierOn: z.enum(MEASURES),
    /** The commissionable base, a formula of the measures, e.g. "sales * 0.9 / 1.17". */
    base: z.string().min(1).max(200),
    /** whole: the attained tier's rate on the whole base; marginal: each slice of the measure at its own rate. */
    mode: z.enum(['whole', 'marginal']),
    tiers: z.array(z.object({ from: yuan, rate: percent })).min(1),
    cap: yuan.optional(),
  }),
  z.object({
    kind: z.literal('milestone'),
    code,
    label,
    /** Sales reached by this day of the month count; null means by month end. */
    byDay: z.number().int().min(1).max(31).nullable(),
    table: z.array(z.object({ ranks: z.array(z.enum(RANKS)).min(1), threshold: yuan, bonus: yuan })).min(1),
  }),
  z.object({
    kind: z.literal('override'),
    code,
    label,
    ratePercent: percent,
    /** A trainee's sales count only from this amount. */
    qualifyingSales: yuan,
    eligibleRanks: z.array(z.enum(RANKS)).min(1),
  }),
  z.object({
    kind: z.literal('attendance'),
    code,
    label,
    perLate: yuan,
    freeLates: z.number().int().min(0).max(1000),
    absentDay: z.literal('dayPay'),
    personalLeaveDay: z.enum(['dayPay', 'none']),
    /** A day marked as a field visit that no approved visit slip covers: a day's pay, like an absence (the default), or nothing. */
    fieldVisitWithoutSlip: z.enum(['absent', 'none']).optional(),
  }),
  z.object({ kind: z.literal('adjustments'), code, label }),
]);

/** A plan's code: 2 to 32 capitals, digits or _. */
export const PLAN_CODE = /^[A-Z0-9_]{2,32}$/;
/** The longest a plan's name may be. */
export const PLAN_NAME_MAX = 100;

export const CompensationPlanDocument = z
  .object({
    code: z.string().regex(PLAN_CODE),
    name: z.string().min(1).max(PLAN_NAME_MAX),
    components: z.array(Component).min(1),
  })
  .superRefine((plan, ctx) => crossChecks(plan, (issue) => ctx.addIssue({ code: 'custom', ...issue })));

type CrossIssue = { path: (string | number)[]; message: string; params: { reason: PlanProblemReason } & Record<string, string | number> };

/**
 * The rules across fields (a code used twice, a formula that does not parse,
 * tiers that do not rise, a rank in two rows), on a document that may not
 * even have the right shape: each looks only at what is well formed, so
 * that they are found together with the shape's own problems.
 */
function crossChecks(plan: unknown, add: (issue: CrossIssue) => void): void {
  const components = (plan as { components?: unknown })?.components;
  if (!Array.isArray(components)) return;
  const codes = new Set<string>();
  components.forEach((c: Record<string, unknown> | null, i) => {
    if (!c || typeof c !== 'object') return;
    if (typeof c.code === 'string') {
      if (codes.has(c.code)) add({ path: ['components', i, 'code'], message: `The code ${c.code} is used twice`, params: { reason: 'PLAN_CODE_TWICE', code: c.code } });
      codes.add(c.code);
    }
    if (c.kind === 'commission') {
      if (typeof c.base === 'string' && c.base) {
        try {
          parseFormula(c.base, MEASURES);
        } catch (e) {
          add({ path: ['components', i, 'base'], message: (e as Error).message, params: { reason: 'PLAN_FORMULA_INVALID', value: c.base } });
        }
      }
      const tiers = Array.isArray(c.tiers) ? (c.tiers as { from?: unknown }[]) : [];
      tiers.forEach((t, j) => {
        const from = t?.from;
        const previous = tiers[j - 1]?.from;
        // Only amounts that are well formed can be compared (a malformed one has its own issue).
        if (j > 0 && typeof from === 'string' && typeof previous === 'string' && YUAN.test(from) && YUAN.test(previous) && cmp(decimal(from), decimal(previous)) <= 0) {
          add({ path: ['components', i, 'tiers', j, 'from'], message: `Tiers must rise: ${from} does not come after ${previous} (overlapping or out of order)`, params: { reason: 'PLAN_TIERS_NOT_RISING', from, previous } });
        }
      });
    }
    if (c.kind === 'milestone' && Array.isArray(c.table)) {
      const seen = new Set<string>();
      (c.table as { ranks?: unknown }[]).forEach((row, j) => {
        if (!Array.isArray(row?.ranks)) return;
        const inRow = new Set<string>();
        for (const r of row.ranks) {
          if (typeof r !== 'string') continue;
          if (inRow.has(r)) add({ path: ['components', i, 'table', j, 'ranks'], message: `Rank ${r} is given twice in one row`, params: { reason: 'PLAN_RANK_REPEATED', rank: r } });
          else if (seen.has(r)) add({ path: ['components', i, 'table', j, 'ranks'], message: `Rank ${r} appears in two rows`, params: { reason: 'PLAN_RANK_TWICE', rank: r } });
          inRow.add(r);
          seen.add(r);
        }
      });
    }
  });
}

export type CompensationPlan = z.infer<typeof CompensationPlanDocument>;
export type PlanComponent = CompensationPlan['components'][number];

/** Parses a plan document; throws with every problem, its path and its reason. */
export function parsePlan(doc: unknown): CompensationPlan {
  const r = CompensationPlanDocument.safeParse(doc);
  if (!r.success) throw new PlanDocumentError(problemsOf(r.error.issues, doc));
  return r.data;
}

/** One problem of a plan document: where (a dotted path), why (a reason the pane renders) and the English message for the API. */
export interface PlanProblem {
  path: string;
  reason: PlanProblemReason;
  params: Record<string, string | number>;
  message: string;
}

/** Every problem of a plan document (none: it is valid). */
export function planProblems(doc: unknown): PlanProblem[] {
  const r = CompensationPlanDocument.safeParse(doc);
  return r.success ? [] : problemsOf(r.error.issues, doc);
}

/** The shape's problems and the rules across fields (which zod skips once the shape is wrong), each once. */
function problemsOf(issues: readonly z.core.$ZodIssue[], doc: unknown): PlanProblem[] {
  const problems = issues.map((i) => problemOf(i, doc));
  const seen = new Set(problems.map((p) => `${p.path} ${p.reason}`));
  crossChecks(doc, ({ path, message, params: { reason, ...params } }) => {
    const key = `${path.join('.')} ${reason}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ path: path.join('.'), reason, params, message });
  });
  return problems;
}

const AMOUNT_KEYS = new Set(['from', 'threshold', 'bonus', 'cap', 'perLate', 'qualifyingSales']);
const PERCENT_KEYS = new Set(['rate', 'ratePercent']);
const WHOLE_LIMITS: Record<string, { min: number; max: number }> = { byDay: { min: 1, max: 31 }, freeLates: { min: 0, max: 1000 } };

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

const shown = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).slice(0, 60);

/** A zod issue as a plan problem: the reason from what the field is and what went wrong. */
function problemOf(issue: z.core.$ZodIssue, doc: unknown): PlanProblem {
  const path = issue.path.join('.');
  const at = { path, message: issue.message };
  const own = (issue as { params?: Record<string, string | number> }).params;
  if (issue.code === 'custom' && own?.reason) {
    const { reason, ...params } = own;
    return { ...at, reason: reason as PlanProblemReason, params };
  }
  const key = String(issue.path[issue.path.length - 1] ?? '');
  const raw = valueAt(doc, issue.path);
  const value = shown(raw);
  if ((raw === undefined || raw === null || raw === '') && issue.code !== 'invalid_union') return { ...at, reason: 'PLAN_VALUE_MISSING', params: {} };
  if (issue.code === 'too_small' && Array.isArray(raw)) return { ...at, reason: 'PLAN_LIST_EMPTY', params: {} };
  if (issue.code === 'too_big' && typeof raw === 'string') return { ...at, reason: 'PLAN_TEXT_TOO_LONG', params: { max: Number(issue.maximum) } };
  if (issue.code === 'invalid_union' || (key === 'kind' && issue.code === 'invalid_value')) return { ...at, reason: 'PLAN_KIND_INVALID', params: { value: key === 'kind' ? value : shown(valueAt(doc, [...issue.path, 'kind'])) } };
  if (AMOUNT_KEYS.has(key)) return { ...at, reason: issue.code === 'custom' ? 'PLAN_AMOUNT_TOO_LARGE' : 'PLAN_AMOUNT_INVALID', params: { value } };
  if (PERCENT_KEYS.has(key)) return { ...at, reason: 'PLAN_PERCENT_INVALID', params: { value } };
  if (key === 'code') return { ...at, reason: issue.path.length === 1 ? 'PLAN_CODE_INVALID' : 'PLAN_COMPONENT_CODE_INVALID', params: { value } };
  if (WHOLE_LIMITS[key]) return { ...at, reason: 'PLAN_WHOLE_NUMBER_INVALID', params: { value, ...WHOLE_LIMITS[key]! } };
  if (issue.code === 'invalid_value') return { ...at, reason: 'PLAN_CHOICE_INVALID', params: { value } };
  return { ...at, reason: 'PLAN_VALUE_INVALID', params: {} };
}

export class PlanDocumentError extends Error {
  constructor(readonly problems: (Pick<PlanProblem, 'path' | 'message'> & Partial<PlanProblem>)[]) {
    super(`The compensation plan is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

export interface PayInputs {
  month: string;
  /** Working days in the month (under `calendar`, else Monday to Friday), and those the person was employed. */
  workingDays: number;
  workingDaysEmployed: number;
  /** The first and last day employed in the month, when not the whole month (a joiner or a leaver): the days the pro-rating counts. */
  employed?: { from: string; to: string };
  /**
   * When the base salary changed within the days employed (paid from a day
   * inside the month): each span's days, base and working days, in order;
   * `person.baseSalaryFen` is the last one. Absent, one base all month.
   */
  baseSpans?: { from: string; to: string; baseSalaryFen: bigint; workingDays: number }[];
  /** The working-day calendar the counts follow, frozen with the month's holidays and make-up days; absent, Monday to Friday. */
  calendar?: { name: string; weekdays: number; holidays: string[]; makeupDays: string[] };
  person: { name: string; rank: Rank | null; baseSalaryFen: bigint };
  /** The month's measures: money in fen, units as a count. */
  measures: Record<Measure, bigint>;
  /** Sales per day of the month (index 0 = the 1st), in fen. */
  dailySalesFen: bigint[];
  trainees: { name: string; salesFen: bigint }[];
  /**
   * `absentDays` excludes the field-visit days without an approved visit
   * slip, listed (ISO days) in `unslippedFieldVisitDays` (absent from inputs
   * frozen before visit slips: none).
   */
  attendance: {
    lates: number;
    absentDays: number;
    personalLeaveDays: number;
    unslippedFieldVisitDays?: string[];
    slippedFieldVisitDays?: string[];
    /** The days of absentDays, by day: recorded absent, and leave taken without an approved request (which counts as absence). */
    absentDates?: string[];
    leaveWithoutRequestDates?: string[];
  };
  adjustments: { amountFen: bigint; reason: string; approvedBy: string; ranking?: RankingFacts }[];
}

/** The published ranking a reward or penalty was approved from (its explanation on the payslip). */
export interface RankingFacts {
  kind: 'REWARD' | 'PENALTY';
  /** The ranked unit's name. */
  unit: string;
  /** The ranking's period key ("2026-03-D2"). */
  period: string;
  place: number;
  /** How many were ranked. */
  ranked: number;
  basis: 'ACHIEVEMENT' | 'AMOUNT';
  metric: string;
  /** The published version. */
  version: number;
}

export interface PayslipLine {
  code: string;
  label: string;
  kind: PlanComponent['kind'];
  amountFen: bigint;
  explanation: Explanation;
}

/**
 * Why a line is what it is, as data: the rule (the plan's terms), the inputs
 * (by name: amounts as decimal strings, counts, names), the arithmetic step
 * (each figure it used) and, where working days count, the calendar. No
 * language: the pane and the server render it from their catalogues.
 */
export interface Explanation {
  rule: ExplanationRule;
  inputs: Record<string, string>;
  arithmetic: ArithmeticStep;
  calendar?: CalendarCount;
}

export interface CalendarCount {
  name: string;
  count: number;
  weekdays: number;
  holidays: string[];
  makeupDays: string[];
}

export type ExplanationRule =
  | { code: 'base'; prorate: boolean; calendar: boolean }
  | { code: 'commission'; mode: 'whole' | 'marginal'; on: Measure; tiers: { from: string; rate: string }[]; base: string; cap: string | null }
  | { code: 'milestone'; byDay: number | null; table: { ranks: string[]; threshold: string; bonus: string }[] }
  | { code: 'override'; rate: string; qualifying: string; ranks: string[] }
  | { code: 'attendance'; perLate: string; freeLates: number; personalLeaveDayPay: boolean; calendar: boolean; fieldVisitWithoutSlip?: 'absent' | 'none' }
  | { code: 'adjustment'; ranking?: RankingFacts };

export type ArithmeticStep =
  | { code: 'baseFull'; full: string; days: number }
  | { code: 'baseProrated'; full: string; employed: number; days: number; amount: string }
  /** A base salary that changed within the month: each span's base × its working days ÷ the month's, summed, then rounded. */
  | { code: 'baseSpans'; spans: { from: string; to: string; full: string; employed: number }[]; days: number; amount: string }
  | { code: 'commissionBelowFirstTier'; on: Measure; value: string; first: string; fen: string }
  | { code: 'commissionWhole'; baseFormula: string; base: string; on: Measure; value: string; from: string; rate: string; amount: string; cap: string | null; fen: string }
  | {
      code: 'commissionMarginal';
      baseFormula: string;
      base: string;
      on: Measure;
      value: string;
      slices: { slice: string; rate: string }[];
      /** The slices at their rates, summed (in the measure's terms); absent from explanations frozen before it was shown. */
      sliced?: string;
      amount: string;
      cap: string | null;
      fen: string;
    }
  | { code: 'milestoneNoRow'; rank: string | null }
  | { code: 'milestone'; byDay: number | null; reached: string; threshold: string; met: boolean; rank: string; amount: string }
  | { code: 'overrideNotEligible'; rank: string | null }
  | { code: 'overrideNone'; qualifying: string }
  | { code: 'override'; sales: string[]; rate: string; amount: string }
  | {
      code: 'attendance';
      charged: number;
      perLate: string;
      days: number;
      /** What the days charged are: absent (leave without an approved request included), field visits without a slip, personal leave; absent from explanations frozen before. */
      dayParts?: { absent: number; unslipped: number; personalLeave: number };
      base: string;
      workingDays: number;
      total: string;
    }
  | { code: 'adjustment'; amount: string };

export interface Payslip {
  lines: PayslipLine[];
  grossFen: bigint;
  deductionsFen: bigint;
  netFen: bigint;
}

const y = (fen: bigint) => formatMoney(fen);
/** The calendar the working days follow, for the lines that use them. */
const calendarOf = (inputs: PayInputs): { calendar?: CalendarCount } =>
  inputs.calendar ? { calendar: { name: inputs.calendar.name, count: inputs.workingDays, weekdays: inputs.calendar.weekdays, holidays: inputs.calendar.holidays, makeupDays: inputs.calendar.makeupDays } } : {};
const measureValue = (inputs: PayInputs, m: Measure): Rational => (m === 'units' ? rational(inputs.measures.units) : fromFen(inputs.measures[m]));
const showMeasure = (inputs: PayInputs, m: Measure) => (m === 'units' ? inputs.measures.units.toString() : y(inputs.measures[m]));

/**
 * A plan's terms are the same for everyone a run pays: each formula and
 * decimal of a plan is parsed once, not once a person (a parsed value is
 * never changed). Bounded, as plans are few but not fixed.
 */
const TERMS_KEPT = 1000;
const formulas = new Map<string, Formula>();
const decimals = new Map<string, Rational>();
function kept<T>(cache: Map<string, T>, key: string, make: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= TERMS_KEPT) cache.clear();
    cache.set(key, (value = make(key)));
  }
  return value;
}
const planFormula = (source: string) => kept(formulas, source, (s) => parseFormula(s, MEASURES));
const term = (text: string) => kept(decimals, text, decimal);

function commission(c: Extract<PlanComponent, { kind: 'commission' }>, inputs: PayInputs): PayslipLine {
  const formula = planFormula(c.base);
  const values = Object.fromEntries(MEASURES.map((m) => [m, measureValue(inputs, m)]));
  const base = evaluate(formula, values);
  const tierValue = measureValue(inputs, c.tierOn);
  const shownInputs = Object.fromEntries(formula.names.map((n) => [n, showMeasure(inputs, n as Measure)]));
  const on = c.tierOn;
  const value = showMeasure(inputs, on);
  const baseFormula = substitute(formula, shownInputs);
  let amount: Rational;
  let step: (cap: string | null, fen: string) => ArithmeticStep;
  if (c.mode === 'whole') {
    const tier = [...c.tiers].reverse().find((t) => cmp(tierValue, term(t.from)) >= 0);
    if (!tier) {
      amount = rational(0n);
      step = (_cap, fen) => ({ code: 'commissionBelowFirstTier', on, value, first: c.tiers[0]!.from, fen });
    } else {
      amount = div(mul(base, term(tier.rate)), rational(100n));
      const shown = show(amount);
      step = (cap, fen) => ({ code: 'commissionWhole', baseFormula, base: show(base), on, value, from: tier.from, rate: tier.rate, amount: shown, cap, fen });
    }
  } else {
    // Each slice of the measure at its own rate, applied to the base in proportion.
    let weighted = rational(0n);
    const slices: { slice: string; rate: string }[] = [];
    c.tiers.forEach((t, i) => {
      const from = term(t.from);
      const to = c.tiers[i + 1] ? term(c.tiers[i + 1]!.from) : null;
      if (cmp(tierValue, from) <= 0) return;
      const top = to && cmp(tierValue, to) > 0 ? to : tierValue;
      const slice = sub(top, from);
      weighted = add(weighted, mul(slice, term(t.rate)));
      slices.push({ slice: show(slice), rate: t.rate });
    });
    amount = tierValue.n === 0n ? rational(0n) : div(mul(base, weighted), mul(tierValue, rational(100n)));
    const shown = show(amount);
    const sliced = show(div(weighted, rational(100n)));
    step = (cap, fen) => ({ code: 'commissionMarginal', baseFormula, base: show(base), on, value, slices, sliced, amount: shown, cap, fen });
  }
  let capped: string | null = null;
  if (c.cap && cmp(amount, term(c.cap)) > 0) {
    capped = c.cap;
    amount = term(c.cap);
  }
  const fen = toFenHalfUp(amount);
  return {
    code: c.code,
    label: c.label,
    kind: c.kind,
    amountFen: fen,
    explanation: {
      rule: { code: 'commission', mode: c.mode === 'whole' ? 'whole' : 'marginal', on, tiers: c.tiers.map((t) => ({ from: t.from, rate: t.rate })), base: c.base, cap: c.cap ?? null },
      inputs: { ...shownInputs, [on]: value },
      arithmetic: step(capped, y(fen)),
    },
  };
}

/** Computes one person's payslip for a month under a plan. */
export function calculatePayslip(plan: CompensationPlan, inputs: PayInputs): Payslip {
  const lines: PayslipLine[] = [];
  const dayPay = inputs.workingDays > 0 ? rational(inputs.person.baseSalaryFen, 100n * BigInt(inputs.workingDays)) : rational(0n);
  for (const c of plan.components) {
    switch (c.kind) {
      case 'base': {
        const full = inputs.person.baseSalaryFen;
        // Paid from a day inside the month, a new base counts for its working days only (a plan without pro-rating pays the last one).
        const spans = c.prorate === 'workingDays' && inputs.workingDays > 0 ? inputs.baseSpans : undefined;
        const prorated = c.prorate === 'workingDays' && inputs.workingDaysEmployed < inputs.workingDays;
        const amount = spans
          ? toFenHalfUp(rational(spans.reduce((sum, x) => sum + x.baseSalaryFen * BigInt(x.workingDays), 0n), 100n * BigInt(inputs.workingDays)))
          : prorated
            ? toFenHalfUp(rational(full * BigInt(inputs.workingDaysEmployed), 100n * BigInt(inputs.workingDays)))
            : full;
        lines.push({
          code: c.code,
          label: c.label,
          kind: c.kind,
          amountFen: amount,
          explanation: {
            rule: { code: 'base', prorate: c.prorate === 'workingDays', calendar: !!inputs.calendar },
            inputs: {
              base: y(full),
              workingDays: String(inputs.workingDays),
              workingDaysEmployed: String(inputs.workingDaysEmployed),
              // A joiner's or leaver's days, so that the working days employed can be counted by hand.
              ...(inputs.employed ? { employedFrom: inputs.employed.from, employedTo: inputs.employed.to } : {}),
            },
            arithmetic: spans
              ? { code: 'baseSpans', spans: spans.map((x) => ({ from: x.from, to: x.to, full: y(x.baseSalaryFen), employed: x.workingDays })), days: inputs.workingDays, amount: y(amount) }
              : prorated
              ? { code: 'baseProrated', full: y(full), employed: inputs.workingDaysEmployed, days: inputs.workingDays, amount: y(amount) }
              : { code: 'baseFull', full: y(full), days: inputs.workingDays },
            ...calendarOf(inputs),
          },
        });
        break;
      }
      case 'commission':
        lines.push(commission(c, inputs));
        break;
      case 'milestone': {
        const rank = inputs.person.rank;
        const row = rank ? c.table.find((r) => r.ranks.includes(rank)) : undefined;
        const days = c.byDay ?? inputs.dailySalesFen.length;
        const reached = inputs.dailySalesFen.slice(0, days).reduce((a, b) => a + b, 0n);
        let amount = 0n;
        let arithmetic: ArithmeticStep;
        if (!row) arithmetic = { code: 'milestoneNoRow', rank: rank ?? null };
        else {
          const threshold = toFenHalfUp(term(row.threshold));
          amount = reached >= threshold ? toFenHalfUp(term(row.bonus)) : 0n;
          arithmetic = { code: 'milestone', byDay: c.byDay ?? null, reached: y(reached), threshold: y(threshold), met: reached >= threshold, rank: rank!, amount: y(amount) };
        }
        lines.push({
          code: c.code,
          label: c.label,
          kind: c.kind,
          amountFen: amount,
          explanation: {
            rule: { code: 'milestone', byDay: c.byDay ?? null, table: c.table.map((r) => ({ ranks: [...r.ranks], threshold: r.threshold, bonus: r.bonus })) },
            inputs: { rank: rank ?? '', salesBy: y(reached) },
            arithmetic,
          },
        });
        break;
      }
      case 'override': {
        const rank = inputs.person.rank;
        const eligible = !!rank && c.eligibleRanks.includes(rank);
        const threshold = toFenHalfUp(term(c.qualifyingSales));
        const qualifying = eligible ? inputs.trainees.filter((t) => t.salesFen >= threshold) : [];
        const sum = qualifying.reduce((a, t) => a + t.salesFen, 0n);
        const amount = toFenHalfUp(div(mul(fromFen(sum), term(c.ratePercent)), rational(100n)));
        lines.push({
          code: c.code,
          label: c.label,
          kind: c.kind,
          amountFen: amount,
          explanation: {
            rule: { code: 'override', rate: c.ratePercent, qualifying: c.qualifyingSales, ranks: [...c.eligibleRanks] },
            inputs: Object.fromEntries(inputs.trainees.map((t) => [t.name, y(t.salesFen)])),
            arithmetic: !eligible
              ? { code: 'overrideNotEligible', rank: rank ?? null }
              : qualifying.length
                ? { code: 'override', sales: qualifying.map((t) => y(t.salesFen)), rate: c.ratePercent, amount: y(amount) }
                : { code: 'overrideNone', qualifying: c.qualifyingSales },
          },
        });
        break;
      }
      case 'attendance': {
        const chargedLates = Math.max(0, inputs.attendance.lates - c.freeLates);
        const late = toFenHalfUp(term(c.perLate)) * BigInt(chargedLates);
        const unslipped = inputs.attendance.unslippedFieldVisitDays ?? [];
        const unslippedAbsent = (c.fieldVisitWithoutSlip ?? 'absent') === 'absent';
        const dayParts = { absent: inputs.attendance.absentDays, unslipped: unslippedAbsent ? unslipped.length : 0, personalLeave: c.personalLeaveDay === 'dayPay' ? inputs.attendance.personalLeaveDays : 0 };
        const days = dayParts.absent + dayParts.unslipped + dayParts.personalLeave;
        const absent = toFenHalfUp(mul(dayPay, rational(BigInt(days))));
        const amount = -(late + absent);
        lines.push({
          code: c.code,
          label: c.label,
          kind: c.kind,
          amountFen: amount,
          explanation: {
            rule: { code: 'attendance', perLate: c.perLate, freeLates: c.freeLates, personalLeaveDayPay: c.personalLeaveDay === 'dayPay', calendar: !!inputs.calendar, ...(unslipped.length ? { fieldVisitWithoutSlip: unslippedAbsent ? 'absent' : 'none' } : {}) },
            inputs: {
              lates: String(inputs.attendance.lates),
              absentDays: String(inputs.attendance.absentDays),
              personalLeaveDays: String(inputs.attendance.personalLeaveDays),
              // The days absent by day, and the leave days counted as absence because no approved request covered them.
              ...(inputs.attendance.absentDates?.length ? { absentDates: inputs.attendance.absentDates.join(', ') } : {}),
              ...(inputs.attendance.leaveWithoutRequestDates?.length ? { leaveWithoutRequest: inputs.attendance.leaveWithoutRequestDates.join(', ') } : {}),
              // The field-visit days without an approved visit slip, by day; only when there are any.
              ...(unslipped.length ? { fieldVisitsWithoutSlip: unslipped.join(', ') } : {}),
              // And those an approved slip covers (worked days, no deduction), so the payslip names the slip or its absence.
              ...(inputs.attendance.slippedFieldVisitDays?.length ? { fieldVisitsWithSlip: inputs.attendance.slippedFieldVisitDays.join(', ') } : {}),
              dayPay: show(dayPay),
            },
            arithmetic: { code: 'attendance', charged: chargedLates, perLate: c.perLate, days, dayParts, base: y(inputs.person.baseSalaryFen), workingDays: inputs.workingDays, total: y(late + absent) },
            ...calendarOf(inputs),
          },
        });
        break;
      }
      case 'adjustments': {
        for (const [i, a] of inputs.adjustments.entries()) {
          lines.push({
            code: `${c.code}${i + 1}`,
            label: `${c.label}: ${a.reason}`,
            kind: c.kind,
            amountFen: a.amountFen,
            explanation: a.ranking
              ? {
                  rule: { code: 'adjustment', ranking: a.ranking },
                  inputs: { unit: a.ranking.unit, period: a.ranking.period, place: `${a.ranking.place}/${a.ranking.ranked}`, version: String(a.ranking.version), approvedBy: a.approvedBy },
                  arithmetic: { code: 'adjustment', amount: y(a.amountFen) },
                }
              : { rule: { code: 'adjustment' }, inputs: { reason: a.reason, approvedBy: a.approvedBy }, arithmetic: { code: 'adjustment', amount: y(a.amountFen) } },
          });
        }
        break;
      }
    }
  }
  const grossFen = lines.filter((l) => l.amountFen > 0n).reduce((a, l) => a + l.amountFen, 0n);
  const deductionsFen = -lines.filter((l) => l.amountFen < 0n).reduce((a, l) => a + l.amountFen, 0n);
  return { lines, grossFen, deductionsFen, netFen: grossFen - deductionsFen };
}

/** Working days (Monday to Friday) of a month between two days (inclusive). */
export function workingDaysBetween(start: string, end: string): number {
  let n = 0;
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) n++;
  }
  return n;
}

const ladderMilestones = (rows: [Rank[], string, string][]) => rows.map(([ranks, threshold, bonus]) => ({ ranks, threshold, bonus }));

/**
 * The seed's direct-sales ladder (domain §7), exactly. The built-in plans'
 * labels are their data (as stored, in Chinese); the pane names these
 * components in the reader's language by code (addin/src/i18n/pay-components.ts).
 */
export const DIRECT_SALES_LADDER: CompensationPlan = parsePlan({
  code: 'DIRECT_SALES_LADDER',
  name: '直销职级方案',
  components: [
    { kind: 'base', code: 'base', label: '基本工资', prorate: 'workingDays' },
    {
      kind: 'commission',
      code: 'commission',
      label: '提成',
      tierOn: 'sales',
      base: 'sales * 0.9 / 1.17',
      mode: 'whole',
      tiers: [
        { from: '13000', rate: '10' },
        { from: '15000', rate: '15' },
        { from: '20000', rate: '20' },
      ],
    },
    {
      kind: 'milestone',
      code: 'morningStar',
      label: '晨星奖',
      byDay: 20,
      table: ladderMilestones([
        [['SR', 'SE', 'SSE'], '15000', '1500'],
        [['SM', 'SSM'], '20000', '4000'],
        [['SD', 'SSD', 'TE'], '30000', '4000'],
      ]),
    },
    {
      kind: 'milestone',
      code: 'openStar',
      label: '开星奖',
      byDay: null,
      table: ladderMilestones([
        [['SR', 'SE', 'SSE'], '20000', '1000'],
        [['SM', 'SSM'], '30000', '2000'],
        [['SD', 'SSD', 'TE'], '40000', '2000'],
      ]),
    },
    { kind: 'override', code: 'override', label: '团队奖', ratePercent: '5', qualifyingSales: '15000', eligibleRanks: ['SM', 'SSM', 'SD', 'SSD', 'TE'] },
    { kind: 'attendance', code: 'attendance', label: '考勤扣款', perLate: '50', freeLates: 2, absentDay: 'dayPay', personalLeaveDay: 'dayPay' },
    { kind: 'adjustments', code: 'adjustment', label: '奖惩' },
  ],
});

/** A plain plan: base salary and marginal tiered commission on sales. */
export const BASE_PLUS_COMMISSION: CompensationPlan = parsePlan({
  code: 'BASE_PLUS_COMMISSION',
  name: '底薪加提成',
  components: [
    { kind: 'base', code: 'base', label: '基本工资', prorate: 'workingDays' },
    {
      kind: 'commission',
      code: 'commission',
      label: '提成',
      tierOn: 'sales',
      base: 'sales',
      mode: 'marginal',
      tiers: [
        { from: '0', rate: '2' },
        { from: '50000', rate: '4' },
        { from: '100000', rate: '6' },
      ],
      cap: '20000',
    },
    { kind: 'attendance', code: 'attendance', label: '考勤扣款', perLate: '30', freeLates: 3, absentDay: 'dayPay', personalLeaveDay: 'none' },
    { kind: 'adjustments', code: 'adjustment', label: '奖惩' },
  ],
});
