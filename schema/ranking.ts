/**
 * League tables (domain §5: rankings within a team and a region, 前三名奖励,
 * 后三名处罚): competition ranking, 1, 2, 2, 4 — equal scores share a rank
 * and the next rank skips — with a deterministic order inside a tie (by a
 * tiebreak key such as the employee number), entries without a score (no
 * target to reach) after everyone ranked, unranked; the top and bottom N
 * flagged, ties at the edge included (a top place needs a score above
 * zero: a small team's zero sellers are not among its best, they are its
 * bottom), a top place never also a bottom one (in a table of four, 2 and 3
 * are rewarded places, as 奖惩 treat them). Scores are exact: an amount, or
 * an achievement compared by cross-multiplying. Pure.
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
  /** Among the N best (rank ≤ N), with a score above zero. */
  top: boolean;
  /** Among the N worst: fewer than N entries score strictly lower, and not flagged top (a zero score at rank ≤ N is a bottom place). */
  bottom: boolean;
}

/** −1, 0 or 1 as a is below, equal to or above b; both of one kind. */
export function compareScores(a: Score, b: Score): number {
  if (a.kind === 'amount' && b.kind === 'amount') return a.value === b.value ? 0 : a.value < b.value ? -1 : 1;
  if (a.kind === 'ratio' && b.kind === 'ratio') {
    const l = a.value.num * b.value.den;
    const r = b.value.num * a.value.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  throw new TypeError('cannot compare an amount with an achievement');
}

const positive = (s: Score) => (s.kind === 'amount' ? s.value > 0n : s.value.num > 0n);

export function rank(entries: readonly Entry[], n = 3): Ranked[] {
  const byKey = (a: Entry, b: Entry) => (a.tiebreak < b.tiebreak ? -1 : a.tiebreak > b.tiebreak ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const scored = entries.filter((e) => e.score !== null);
  // Best first; a tie by the tiebreak key (10,000 entries sort in a few milliseconds).
  const order = scored.sort((a, b) => compareScores(b.score!, a.score!) || byKey(a, b));
  const ranks = new Array<number>(order.length);
  for (let i = 0; i < order.length; i++) ranks[i] = i > 0 && compareScores(order[i - 1]!.score!, order[i]!.score!) === 0 ? ranks[i - 1]! : i + 1;
  // A top place needs something to show for it: nobody is among the best on nothing sold or achieved (a small team's zeros tie at 2).
  const top = order.map((e, i) => ranks[i]! <= n && positive(e.score!));
  // From the bottom: flagged when fewer than n score strictly lower, unless a top place (a small table's places are rewarded, not penalised;
  // a zero seller's place, not being a top one, is a bottom one whatever its rank).
  const bottom = new Array<boolean>(order.length).fill(false);
  for (let i = order.length - 1, lower = 0; i >= 0; ) {
    let j = i;
    while (j > 0 && ranks[j - 1] === ranks[i]) j--;
    // First place is never a bottom one: when everybody ties (nobody sold), nobody is behind anybody.
    for (let k = j; k <= i; k++) bottom[k] = lower < n && !top[k] && ranks[k]! > 1;
    lower += i - j + 1;
    i = j - 1;
  }
  const out: Ranked[] = order.map((e, i) => ({ key: e.key, tiebreak: e.tiebreak, score: e.score, rank: ranks[i]!, top: top[i]!, bottom: bottom[i]! }));
  for (const e of entries.filter((x) => x.score === null).sort(byKey)) out.push({ key: e.key, tiebreak: e.tiebreak, score: null, rank: null, top: false, bottom: false });
  return out;
}

/** Places moved since an earlier ranking: positive is up; null when the entry was not ranked then (or is not now). */
export function movement(now: number | null, before: number | null | undefined): number | null {
  return now === null || before === null || before === undefined ? null : before - now;
}
