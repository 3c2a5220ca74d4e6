/**
 * KPI scorecards (考核, domain §5; issue 10 §4): the pure rules, shared by the
 * server and the task pane. No language: issues are reason codes with
 * params (schema/reasons.ts); the pane names groups, grades and reasons from
 * its catalogue, and indicator names are the organisation's own data.
 *
 * An indicator set belongs to a role (reps, managers). Each indicator has a
 * group, a weight (a percentage with at most two decimals; a set's weights
 * sum to exactly 100 %), and is either computed from data (achievement,
 * collection rate, new customers; the work habits: calls a day, visits a
 * week, reports on time) or scored by the manager in whole points from 0 to
 * its max. An indicator earns a fraction of its weight:
 *   manager-scored: score ÷ max;
 *   computed: value ÷ the value that earns full marks, at most 1 (and at
 *     least 0); rates (achievement, collection rate, reports on time) are
 *     percentages, counts (new customers) are a number a month, times the
 *     months of the period, averages (calls a day, visits a week) a number
 *     per day or week whatever the period.
 * The total is Σ weight × fraction on a 0-100 scale, exact (rationals),
 * rounded half-up only for display. The grade is the first band, best
 * first, whose minimum the total reaches (inclusive) or passes (exclusive),
 * as each band states; below them all it is FAIL.
 */
import { add, cmp, decimal, div, mul, rational, type Rational } from './formula.ts';
import type { KpiRuleReason } from './reasons.ts';

export const KPI_GROUPS = ['SALES', 'PLANNING', 'PROCESS', 'ADMIN', 'ATTITUDE'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];

export const KPI_GRADES = ['EXCELLENT', 'GOOD', 'PASS', 'FAIL'] as const;
export type KpiGrade = (typeof KPI_GRADES)[number];
/** The grades a band names, best first; FAIL is what is left below them. */
export const BANDED_GRADES = ['EXCELLENT', 'GOOD', 'PASS'] as const;
export type BandedGrade = (typeof BANDED_GRADES)[number];

export const KPI_COMPUTATIONS = ['SALES_ACHIEVEMENT', 'TEAM_SALES_ACHIEVEMENT', 'COLLECTION_RATE', 'NEW_CUSTOMERS', 'CALLS_PER_DAY', 'VISITS_PER_WEEK', 'REPORTS_ON_TIME'] as const;
export type KpiComputation = (typeof KPI_COMPUTATIONS)[number];
/**
 * Rates are a percentage (value and full marks); counts a number a month;
 * averages a number per day or week (the habits of domain §4: 5-10 calls a
 * day, 1-3 visits a week), the same whatever the period's length.
 */
export const COMPUTATION_UNIT: Record<KpiComputation, 'rate' | 'count' | 'average'> = {
  SALES_ACHIEVEMENT: 'rate',
  TEAM_SALES_ACHIEVEMENT: 'rate',
  COLLECTION_RATE: 'rate',
  NEW_CUSTOMERS: 'count',
  CALLS_PER_DAY: 'average',
  VISITS_PER_WEEK: 'average',
  REPORTS_ON_TIME: 'rate',
};
/** What an average's basis counts, as days of it per unit: calls per working day (basis: working days), visits per week (basis: calendar days, 7 a week). */
export const AVERAGE_PER: Partial<Record<KpiComputation, bigint>> = { CALLS_PER_DAY: 1n, VISITS_PER_WEEK: 7n };
/** Whether a computation's actual and basis are money (fen) or counts (calls, days, reports). */
export const COMPUTATION_FIGURES: Record<KpiComputation, 'money' | 'count'> = {
  SALES_ACHIEVEMENT: 'money',
  TEAM_SALES_ACHIEVEMENT: 'money',
  COLLECTION_RATE: 'money',
  NEW_CUSTOMERS: 'count',
  CALLS_PER_DAY: 'count',
  VISITS_PER_WEEK: 'count',
  REPORTS_ON_TIME: 'count',
};

export const KPI_ROLES = ['REP', 'MANAGER'] as const;
export type KpiRole = (typeof KPI_ROLES)[number];
/** Whose indicator set a position is assessed by; finance has none. */
export const KPI_ROLE_OF_POSITION: Record<string, KpiRole | null> = {
  SALES_REP: 'REP',
  ACCOUNT_MANAGER: 'MANAGER',
  REGIONAL_MANAGER: 'MANAGER',
  SALES_DIRECTOR: 'MANAGER',
  FINANCE: null,
};

/** Weights are hundredths of a percent: 100 % is 10,000. */
export const WEIGHT_PLACES = 2;
export const FULL_WEIGHT = 10_000n;
/** The largest max score an indicator may have. */
export const MAX_SCORE_LIMIT = 1000;

export interface KpiIssue {
  reason: KpiRuleReason;
  /** The indicator's (or the score entry's) position in the list given; null for the set as a whole. */
  index: number | null;
  params: Record<string, string | number>;
}

/** A non-negative decimal with at most `places` decimals, scaled by 10^places; null when it is not one. */
export function parseScaled(text: string, places: number): bigint | null {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > places) return null;
  return BigInt(m[1]!) * 10n ** BigInt(places) + BigInt(frac.padEnd(places, '0') || '0');
}

/** A scaled integer as a plain decimal, trailing zeros dropped: 1250n, 2 → "12.5". */
export function formatScaled(value: bigint, places: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = 10n ** BigInt(places);
  const frac = (abs % unit).toString().padStart(places, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / unit}${frac ? `.${frac}` : ''}`;
}

/** A rational rounded half away from zero to exactly `places` decimals: 2/3 → "0.67". */
export function roundHalfUp(r: Rational, places = 2): string {
  const unit = 10n ** BigInt(places);
  const negative = r.n < 0n;
  const n = (negative ? -r.n : r.n) * unit;
  const q = (n * 2n + r.d) / (r.d * 2n);
  const whole = (q / unit).toString();
  const frac = places ? `.${(q % unit).toString().padStart(places, '0')}` : '';
  return `${negative && q !== 0n ? '-' : ''}${whole}${frac}`;
}

/** The weight check: a set's weights (hundredths of a percent) sum to exactly 100 %. */
export function weightsIssue(weights: readonly bigint[]): KpiIssue | null {
  const sum = weights.reduce((a, b) => a + b, 0n);
  return sum === FULL_WEIGHT ? null : { reason: 'KPI_WEIGHTS_NOT_100', index: null, params: { sum: formatScaled(sum, WEIGHT_PLACES) } };
}

export interface IndicatorDraft {
  code: string;
  name: string;
  group: KpiGroup;
  /** A percentage such as "60" or "12.5". */
  weight: string;
  /** Computed from data; null when the manager scores it. */
  computation: KpiComputation | null;
  /** Computed: the value that earns full marks (a percentage for rates, a number a month for counts). */
  fullMarksAt: string | null;
  /** Manager-scored: the highest whole score. */
  maxScore: number | null;
}

export interface GradeBand {
  grade: BandedGrade;
  /** The band's minimum total, 0-100, at most two decimals. */
  min: string;
  /** true: a total equal to min is in the band; false: the total must be above it. */
  inclusive: boolean;
}

export interface IndicatorSetDraft {
  indicators: readonly IndicatorDraft[];
  gradeBands: readonly GradeBand[];
}

/** Everything wrong with an indicator set, in the order the indicators were given; empty when it may be saved. */
export function checkIndicatorSet(set: IndicatorSetDraft): KpiIssue[] {
  const issues: KpiIssue[] = [];
  if (!set.indicators.length) issues.push({ reason: 'KPI_NO_INDICATORS', index: null, params: {} });
  const weights: bigint[] = [];
  const seen = new Set<string>();
  set.indicators.forEach((ind, index) => {
    const indicator = ind.name;
    if (seen.has(ind.code)) issues.push({ reason: 'KPI_INDICATOR_DUPLICATE', index, params: { indicator: ind.code } });
    seen.add(ind.code);
    const weight = parseScaled(ind.weight, WEIGHT_PLACES);
    if (weight === null || weight === 0n) issues.push({ reason: 'KPI_WEIGHT_INVALID', index, params: { indicator, value: ind.weight } });
    else weights.push(weight);
    if (ind.computation) {
      const full = ind.fullMarksAt === null ? null : parseScaled(ind.fullMarksAt, 2);
      if (full === null || full === 0n) issues.push({ reason: 'KPI_FULL_MARKS_INVALID', index, params: { indicator, value: ind.fullMarksAt ?? '' } });
    } else if (ind.maxScore === null || !Number.isInteger(ind.maxScore) || ind.maxScore < 1 || ind.maxScore > MAX_SCORE_LIMIT) {
      issues.push({ reason: 'KPI_MAX_SCORE_INVALID', index, params: { indicator } });
    }
  });
  if (weights.length === set.indicators.length && set.indicators.length) {
    const w = weightsIssue(weights);
    if (w) issues.push(w);
  }
  issues.push(...gradeBandIssues(set.gradeBands));
  return issues;
}

/** The bands name EXCELLENT, GOOD and PASS once each, best first, with minimums from 0 to 100 that strictly fall. */
export function gradeBandIssues(bands: readonly GradeBand[]): KpiIssue[] {
  const issues: KpiIssue[] = [];
  const mins: (bigint | null)[] = bands.map((b, index) => {
    const min = parseScaled(b.min, 2);
    if (min === null || min > 10_000n) {
      issues.push({ reason: 'KPI_GRADE_MIN_INVALID', index, params: { grade: b.grade, value: b.min } });
      return null;
    }
    return min;
  });
  const named = bands.map((b) => b.grade).join();
  const falling = mins.every((m, i) => i === 0 || m === null || mins[i - 1] === null || m < mins[i - 1]!);
  if (named !== BANDED_GRADES.join() || !falling) issues.push({ reason: 'KPI_GRADE_BANDS_ORDER', index: null, params: {} });
  return issues;
}

/** What a scorecard line needs for scores to be checked against it. */
export interface ScoredLine {
  code: string;
  name: string;
  computation: KpiComputation | null;
  maxScore: number | null;
}

export interface ScoreEntry {
  code: string;
  /** The score as entered (text from a form or a cell); null or blank clears it. */
  score: string | null;
  comment: string | null;
}

/** A score below this many points needs a comment: commentBelowPercent % of the max. */
export const commentThreshold = (maxScore: number, commentBelowPercent: number): Rational => rational(BigInt(maxScore) * BigInt(commentBelowPercent), 100n);

/**
 * Score validation: each entry names a manager-scored indicator of the
 * scorecard once; its score is a whole number from 0 to the max; a score
 * below the comment threshold (strictly) comes with a comment.
 * Returns the issues (empty: the scores may be saved) and the parsed scores.
 */
export function checkScores(lines: readonly ScoredLine[], entries: readonly ScoreEntry[], commentBelowPercent: number): { issues: KpiIssue[]; scores: Map<string, number | null> } {
  const issues: KpiIssue[] = [];
  const scores = new Map<string, number | null>();
  const byCode = new Map(lines.map((l) => [l.code, l]));
  entries.forEach((entry, index) => {
    const line = byCode.get(entry.code);
    if (!line) return issues.push({ reason: 'KPI_UNKNOWN_INDICATOR', index, params: { indicator: entry.code } });
    const indicator = line.name;
    if (scores.has(entry.code)) return issues.push({ reason: 'KPI_INDICATOR_DUPLICATE', index, params: { indicator } });
    if (line.computation || line.maxScore === null) return issues.push({ reason: 'KPI_COMPUTED_INDICATOR', index, params: { indicator } });
    const text = (entry.score ?? '').trim();
    if (!text) return scores.set(entry.code, null);
    const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) return issues.push({ reason: 'KPI_SCORE_NOT_A_NUMBER', index, params: { indicator, value: text } });
    if (/[1-9]/.test(m[3] ?? '')) return issues.push({ reason: 'KPI_SCORE_NOT_WHOLE', index, params: { indicator, value: text } });
    const value = BigInt(m[2]!) * (m[1] === '-' ? -1n : 1n);
    if (value < 0n || value > BigInt(line.maxScore)) return issues.push({ reason: 'KPI_SCORE_OUT_OF_RANGE', index, params: { indicator, value: text, max: line.maxScore } });
    const threshold = commentThreshold(line.maxScore, commentBelowPercent);
    if (cmp(rational(value), threshold) < 0 && !(entry.comment ?? '').trim()) {
      return issues.push({ reason: 'KPI_COMMENT_REQUIRED', index, params: { indicator, threshold: formatRational(threshold) } });
    }
    scores.set(entry.code, Number(value));
  });
  return { issues, scores };
}

/** A rational as an exact decimal when it has one within four places, else rounded to two: 13/2 → "6.5". */
export function formatRational(r: Rational): string {
  for (let places = 0; places <= 4; places++) {
    const unit = 10n ** BigInt(places);
    if ((r.n * unit) % r.d === 0n) return formatScaled((r.n * unit) / r.d, places);
  }
  return roundHalfUp(r, 2);
}

/** A computed indicator's measured figures: actual over basis for rates (basis null or 0: no value), a count for counts. */
export interface Measured {
  actual: bigint;
  basis: bigint | null;
}

/** The computed value shown: a percentage for rates, a number per day or week for averages (both null without a basis), the count for counts. */
export function computedValue(computation: KpiComputation, measured: Measured): Rational | null {
  if (COMPUTATION_UNIT[computation] === 'count') return rational(measured.actual);
  if (!measured.basis) return null;
  if (COMPUTATION_UNIT[computation] === 'average') return rational(measured.actual * (AVERAGE_PER[computation] ?? 1n), measured.basis);
  return rational(measured.actual * 100n, measured.basis);
}

const clamp01 = (r: Rational): Rational => (cmp(r, rational(0n)) < 0 ? rational(0n) : cmp(r, rational(1n)) > 0 ? rational(1n) : r);

/** The fraction of its weight a computed indicator earns, 0-1; null when it has no value. `months`: the period's months (counts are a number a month). */
export function computedFraction(computation: KpiComputation, measured: Measured, fullMarksAt: string, months: number): Rational | null {
  const value = computedValue(computation, measured);
  if (value === null) return null;
  const full = decimal(fullMarksAt);
  const target = COMPUTATION_UNIT[computation] === 'count' ? mul(full, rational(BigInt(months))) : full;
  return clamp01(div(value, target));
}

/** The fraction of its weight a manager's score earns: score ÷ max. */
export const scoreFraction = (score: number, maxScore: number): Rational => rational(BigInt(score), BigInt(maxScore));

/** The points an indicator adds to the total: weight (in percent) × fraction. */
export const weightedPoints = (weight: bigint, fraction: Rational): Rational => mul(rational(weight, 10n ** BigInt(WEIGHT_PLACES)), fraction);

/** The weighted total on a 0-100 scale; null until every line has a fraction. */
export function weightedTotal(lines: readonly { weight: bigint; fraction: Rational | null }[]): Rational | null {
  let total = rational(0n);
  for (const l of lines) {
    if (l.fraction === null) return null;
    total = add(total, weightedPoints(l.weight, l.fraction));
  }
  return total;
}

/** The grade by thresholds: the first band, best first, that the total reaches (inclusive) or passes (exclusive); FAIL below them all. */
export function gradeFor(total: Rational, bands: readonly GradeBand[]): KpiGrade {
  for (const band of bands) {
    const c = cmp(total, decimal(band.min));
    if (c > 0 || (c === 0 && band.inclusive)) return band.grade;
  }
  return 'FAIL';
}

/** What keeps a scorecard from being submitted: a manager-scored indicator without a score, a computed one without a value. */
export function completenessIssues(lines: readonly { name: string; computation: KpiComputation | null; score: number | null; fraction: Rational | null }[]): KpiIssue[] {
  const issues: KpiIssue[] = [];
  lines.forEach((l, index) => {
    if (l.fraction !== null) return;
    issues.push(l.computation ? { reason: 'KPI_NO_VALUE', index, params: { indicator: l.name } } : { reason: 'KPI_SCORE_MISSING', index, params: { indicator: l.name } });
  });
  return issues;
}
