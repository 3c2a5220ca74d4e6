/**
 * Seasonality profiles: how a year's target spreads over the 12 calendar
 * months (e.g. 淡季/旺季), as percentages summing to exactly 100. A profile
 * gives exact integer weights to any periods — months, quarters, or weeks
 * and ten-day blocks (a month's share spread over its days). Pure.
 */
import { AllocationError, PERCENT_PLACES, scaledDecimal, formatScaled } from './allocation.ts';
import { addDays } from './dates.ts';
import type { Period } from './periods.ts';
import type { AllocationProblem } from './reasons.ts';

export interface SeasonalityProfile {
  code: string;
  name: string;
  /** January … December. */
  monthPercents: string[];
}

/** A problem with one profile of a set handed in: which, which field, and a reason the catalogue renders. */
export interface ProfileProblem {
  /** The profile's position in the list given (0-based). */
  index: number;
  field: 'code' | 'name' | 'monthPercents';
  reason: AllocationProblem | 'PROFILE_CODE_INVALID' | 'PROFILE_NAME_REQUIRED' | 'PROFILE_CODE_TWICE';
  params: Record<string, string | number>;
}

export const PROFILE_CODE = /^[A-Z0-9_]{2,32}$/;

/**
 * Checks profiles handed in together (the seasonality sheet): a code in
 * capitals used once, a name, and 12 percentages summing to 100 (every
 * month's own problem, each by its key; the sum once every month reads).
 * Returns every problem.
 */
export function checkProfiles(profiles: readonly SeasonalityProfile[]): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const seen = new Set<string>();
  profiles.forEach((p, index) => {
    if (!PROFILE_CODE.test(p.code)) problems.push({ index, field: 'code', reason: 'PROFILE_CODE_INVALID', params: { value: p.code } });
    else if (seen.has(p.code)) problems.push({ index, field: 'code', reason: 'PROFILE_CODE_TWICE', params: { code: p.code } });
    seen.add(p.code);
    if (!p.name.trim()) problems.push({ index, field: 'name', reason: 'PROFILE_NAME_REQUIRED', params: {} });
    for (const e of readMonths(p.monthPercents).problems) problems.push({ index, field: 'monthPercents', reason: e.problem, params: { ...e.params } });
  });
  return problems;
}

const HUNDRED = 100n * 10n ** BigInt(PERCENT_PLACES);

/**
 * A profile's months as exact percentages, and every problem with them:
 * each month that is not a number, has too many decimals, is negative or is
 * more than 100 (no month of a year summing to 100 can be), by its key
 * "01"…"12"; then, only when every month reads, a sum other than 100.
 */
function readMonths(monthPercents: string[]): { scaled: bigint[]; problems: AllocationError[] } {
  if (monthPercents.length !== 12) return { scaled: [], problems: [new AllocationError('ALLOCATION_PROFILE_MONTHS', { count: monthPercents.length })] };
  const problems: AllocationError[] = [];
  const scaled = monthPercents.map((p, i) => {
    const key = String(i + 1).padStart(2, '0');
    try {
      const v = scaledDecimal(p, PERCENT_PLACES, key);
      if (v < 0n) problems.push(new AllocationError('ALLOCATION_NEGATIVE_WEIGHT', { key }));
      else if (v > HUNDRED) problems.push(new AllocationError('ALLOCATION_PERCENT_TOO_LARGE', { key, value: p, max: 100 }));
      return v;
    } catch (e) {
      if (!(e instanceof AllocationError)) throw e;
      problems.push(e);
      return 0n;
    }
  });
  const sum = scaled.reduce((a, b) => a + b, 0n);
  if (!problems.length && sum !== HUNDRED) problems.push(new AllocationError('ALLOCATION_PERCENTS_NOT_100', { sum: formatScaled(sum, PERCENT_PLACES) }));
  return { scaled, problems };
}

/** Throws AllocationError (the months' first problem) unless there are 12 percentages summing to 100. */
export function checkProfile(monthPercents: string[]): bigint[] {
  const { scaled, problems } = readMonths(monthPercents);
  if (problems.length) throw problems[0];
  return scaled;
}

// lcm(28, 29, 30, 31): a day's share of any month is a whole number of these units.
const DAY_UNITS = 377_580n;

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Exact weights for periods: each day weighs its month's percentage ÷ the month's days. */
export function profileWeights(monthPercents: string[], periods: readonly Period[]): Map<string, bigint> {
  const scaled = checkProfile(monthPercents);
  const out = new Map<string, bigint>();
  for (const p of periods) {
    let w = 0n;
    for (let d = p.start; d <= p.end; ) {
      const y = Number(d.slice(0, 4));
      const m = Number(d.slice(5, 7));
      const last = `${d.slice(0, 8)}${String(daysInMonth(y, m)).padStart(2, '0')}`;
      const end = last < p.end ? last : p.end;
      const days = BigInt(Number(end.slice(8)) - Number(d.slice(8)) + 1);
      w += (scaled[m - 1]! * DAY_UNITS * days) / BigInt(daysInMonth(y, m));
      d = addDays(end, 1);
    }
    out.set(p.key, w);
  }
  return out;
}

export const BUILT_IN_PROFILES: SeasonalityProfile[] = [
  { code: 'TRADE_SEASONS', name: '淡旺季', monthPercents: ['7', '4', '7', '8', '8', '8', '7', '7', '9', '10', '12', '13'] },
  { code: 'QUARTER_END', name: '季末冲刺', monthPercents: ['6.25', '7.5', '11.25', '6.25', '7.5', '11.25', '6.25', '7.5', '11.25', '6.25', '7.5', '11.25'] },
];
