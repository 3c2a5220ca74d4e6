/**
 * League tables (domain §5: rankings within a team and a region, 前三名奖励,
 * 后三名处罚): competition ranking, 1, 2, 2, 4 — equal scores share a rank
 * and the next rank skips — with a deterministic order inside a tie (by a
 * tiebreak key such as the employee number), entries without a score (no
 * target to reach) after everyone ranked, unranked; the top and bottom N
 * flagged, ties at the edge included. Scores are exact: an amount, or an
 * achievement compared by cross-multiplying. Pure.
 */
import type { Ratio } from './achievement.ts';

export type Score = { kind: 'amount'; value: bigint } | { kind: 'ratio'; value: Ratio };

export interface Entry {
  key: string;
  /** Orders entries inside a tie (and unranked ones): ascending. */
  tiebreak: string;
  score: Score | null;
}

export interface Ranked extends Entry {
  /** Competition rank from the top (1, 2, 2, 4); null without a score. */
  rank: number | null;
  /** Among the N best (rank ≤ N). */
  top: boolean;
  /** Among the N worst: fewer than N entries score strictly lower. */
  bottom: boolean;
}

/** −1, 0 or 1 as a is below, equal to or above b; both of one kind. */
export function compareScores(a: Score, b: Score): number {
  if (a.kind === 'amount' && b.kind === 'amount') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.kind === 'ratio' && b.kind === 'ratio') {
    const l = a.value.num * b.value.den;
    const r = b.value.num * a.value.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  throw new TypeError('cannot compare an amount with an achievement');
}

export function rank(entries: readonly Entry[], n = 3): Ranked[] {
  const scored = entries.filter((e) => e.score !== null);
  const order = [...scored].sort((a, b) => compareScores(b.score!, a.score!) || (a.tiebreak < b.tiebreak ? -1 : a.tiebreak > b.tiebreak ? 1 : a.key < b.key ? -1 : 1));
  const out: Ranked[] = [];
  order.forEach((e, i) => {
    const prev = out[i - 1];
    const r = prev && compareScores(prev.score!, e.score!) === 0 ? prev.rank! : i + 1;
    out.push({ ...e, rank: r, top: r <= n, bottom: false });
  });
  // From the bottom: 1 + how many score strictly lower.
  for (let i = out.length - 1, lower = 0; i >= 0; ) {
    let j = i;
    while (j > 0 && compareScores(out[j - 1]!.score!, out[i]!.score!) === 0) j--;
    for (let k = j; k <= i; k++) out[k]!.bottom = lower < n;
    lower += i - j + 1;
    i = j - 1;
  }
  const unranked = entries
    .filter((e) => e.score === null)
    .sort((a, b) => (a.tiebreak < b.tiebreak ? -1 : a.tiebreak > b.tiebreak ? 1 : a.key < b.key ? -1 : 1))
    .map((e) => ({ ...e, rank: null, top: false, bottom: false }));
  return [...out, ...unranked];
}

/** Places moved since an earlier ranking: positive is up; null when the entry was not ranked then (or is not now). */
export function movement(now: number | null, before: number | null | undefined): number | null {
  return now === null || before === null || before === undefined ? null : before - now;
}
