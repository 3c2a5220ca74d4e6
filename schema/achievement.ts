/**
 * Achievement (达成率) and the classes it puts people and units in (domain
 * §5). Achievement is actual ÷ target, kept exact as a pair of integers and
 * rounded only to be shown; the gap is target − actual (what is still
 * missing; negative when the target is beaten). Classes are data: ordered
 * rules, each "achievement against base (or stretch) at least (or above) N
 * percent", the first that holds wins, and a class for everything else.
 * People get classes (met stretch, met base, about 90 %, …), units A/B/C
 * bands. Pure; no language here, only codes.
 */
import { divideHalfUp } from './money.ts';

export interface Ratio {
  num: bigint;
  den: bigint;
}

/** actual ÷ target, or null when there is no target (none set, or zero). */
export function achievement(actual: bigint, target: bigint | null | undefined): Ratio | null {
  if (target === null || target === undefined || target <= 0n) return null;
  return { num: actual, den: target };
}

/** What is still missing to reach the target (negative: beaten by that much); null without a target. */
export const gap = (actual: bigint, target: bigint | null | undefined): bigint | null => (target === null || target === undefined ? null : target - actual);

/** A ratio as a percentage with `places` decimals, rounded half-up: 0.799949… → "79.99". */
export function percentText(r: Ratio, places = 2): string {
  const scaled = divideHalfUp(r.num * 100n * 10n ** BigInt(places), r.den);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
  return `${negative ? '-' : ''}${places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits}`;
}

export type Against = 'BASE' | 'STRETCH';

export interface ClassRule {
  code: string;
  against: Against;
  /** A percentage with at most two decimals, e.g. "90" or "79.5". */
  percent: string;
  /** true: achievement ≥ percent; false: achievement > percent. */
  inclusive: boolean;
}

export interface ClassScheme {
  /** Tried in order; the first that holds gives the class. */
  rules: ClassRule[];
  /** The class when no rule holds (and there is a base target). */
  otherwise: string;
}

export interface ResultClasses {
  /** Classes for people. */
  persons: ClassScheme;
  /** A/B/C bands for units (stores, teams). */
  units: ClassScheme;
}

/** Domain §5: met stretch, met base, about 90 %, below 90 %, below 80 %; units A (met base), B (80 % or more), C (below 80 %). */
export const DEFAULT_CLASSES: ResultClasses = {
  persons: {
    rules: [
      { code: 'MET_STRETCH', against: 'STRETCH', percent: '100', inclusive: true },
      { code: 'MET_BASE', against: 'BASE', percent: '100', inclusive: true },
      { code: 'ABOUT_90', against: 'BASE', percent: '90', inclusive: true },
      { code: 'BELOW_90', against: 'BASE', percent: '80', inclusive: true },
    ],
    otherwise: 'BELOW_80',
  },
  units: {
    rules: [
      { code: 'A', against: 'BASE', percent: '100', inclusive: true },
      { code: 'B', against: 'BASE', percent: '80', inclusive: true },
    ],
    otherwise: 'C',
  },
};

/** Hundredths of a percent: "79.99" → 7999n; null when not a percentage with at most two decimals. */
export function hundredths(percent: string): bigint | null {
  const m = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(percent);
  if (!m) return null;
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** Whether actual ÷ target reaches a threshold: actual × 10000 ≥ (or >) hundredths × target, exactly. */
function reaches(r: Ratio, rule: ClassRule): boolean {
  const left = r.num * 10_000n;
  const right = hundredths(rule.percent)! * r.den;
  return rule.inclusive ? left >= right : left > right;
}

/**
 * The class of an achievement: the first rule whose target exists and is
 * reached, else `otherwise`; null without a base target (nothing to judge by).
 */
export function classify(scheme: ClassScheme, actual: bigint, base: bigint | null | undefined, stretch: bigint | null | undefined): string | null {
  const byBase = achievement(actual, base);
  if (!byBase) return null;
  const byStretch = achievement(actual, stretch);
  for (const rule of scheme.rules) {
    const r = rule.against === 'BASE' ? byBase : byStretch;
    if (r && reaches(r, rule)) return rule.code;
  }
  return scheme.otherwise;
}

export type ClassProblem =
  | { code: 'CLASS_CODE_INVALID'; params: { scheme: string; value: string } }
  | { code: 'CLASS_CODE_TWICE'; params: { scheme: string; value: string } }
  | { code: 'THRESHOLD_INVALID'; params: { scheme: string; value: string } }
  | { code: 'THRESHOLDS_NOT_DESCENDING'; params: { scheme: string; value: string } }
  | { code: 'NO_CLASS_RULES'; params: { scheme: string } };

const CODE = /^[A-Z][A-Z0-9_]{0,23}$/;
const MAX_HUNDREDTHS = 100_000n; // 1000 %

/**
 * Everything wrong with a class scheme: codes that are not CODES_IN_CAPITALS
 * or appear twice, percentages that are not numbers from 0 to 1000 with at
 * most two decimals, and rules against the same target whose thresholds do
 * not fall (a later rule that an earlier one always shadows).
 */
export function checkClasses(classes: ResultClasses): ClassProblem[] {
  const problems: ClassProblem[] = [];
  for (const scheme of ['persons', 'units'] as const) {
    const s = classes[scheme];
    if (!s.rules.length) problems.push({ code: 'NO_CLASS_RULES', params: { scheme } });
    const seen = new Set<string>();
    for (const code of [...s.rules.map((r) => r.code), s.otherwise]) {
      if (!CODE.test(code)) problems.push({ code: 'CLASS_CODE_INVALID', params: { scheme, value: code } });
      else if (seen.has(code)) problems.push({ code: 'CLASS_CODE_TWICE', params: { scheme, value: code } });
      seen.add(code);
    }
    const last: Partial<Record<Against, { h: bigint; inclusive: boolean }>> = {};
    for (const r of s.rules) {
      const h = hundredths(r.percent);
      if (h === null || h > MAX_HUNDREDTHS) {
        problems.push({ code: 'THRESHOLD_INVALID', params: { scheme, value: r.percent } });
        continue;
      }
      const before = last[r.against];
      // A later rule must be reachable by something the earlier one lets through: a lower threshold, or the same one made exclusive → inclusive.
      if (before && (h > before.h || (h === before.h && !(before.inclusive === false && r.inclusive)))) {
        problems.push({ code: 'THRESHOLDS_NOT_DESCENDING', params: { scheme, value: r.percent } });
      }
      last[r.against] = { h, inclusive: r.inclusive };
    }
  }
  return problems;
}
