/**
 * Rewards and penalties from a published ranking (domain §5: 前三名奖励,
 * 后三名处罚; §7: 奖惩 are adjustments with a reason and an approver), by a
 * rules document kept as data: an amount per place from the top (rewards)
 * and per place from the bottom (penalties, deducted). The bottom places
 * also get an improvement plan; that plan is the manager's to make, only the
 * pay is proposed here. Pure: no I/O, no language.
 *
 * - Only rankings of people are paid; a ranking of units proposes nothing.
 * - Places are the ranking's competition places (1, 2, 2, 4): tied people
 *   each get their place's amount, the next place is skipped.
 * - From the bottom, a person's place is one more than the number of ranked
 *   people scoring strictly lower, so a tie for last is last for everyone in it.
 * - Someone rewarded (a top place) is never also penalised (small teams).
 * - A reward place held with nothing sold or achieved (score zero, so not
 *   flagged top) earns no reward; it is a place from the bottom like any
 *   other, penalised when among the last (a small team's zero sellers tie at
 *   2 and are its last place).
 * - Only ranked people count: without a score (no target) there is no place
 *   and nothing is proposed.
 */
import { formatMoney, MoneyFormatError, parseMoney, type Fen } from './money.ts';

export interface RankingRewardRules {
  /** Yuan (decimal strings) paid for place 1, 2, 3… from the top. */
  rewards: string[];
  /** Yuan (positive decimal strings) deducted for the last place, the second last, the third last… */
  penalties: string[];
}

export const DEFAULT_RANKING_REWARD_RULES: RankingRewardRules = {
  rewards: ['1000.00', '600.00', '300.00'],
  penalties: ['200.00', '100.00', '50.00'],
};

/** At most this many places on either side. */
export const MAX_RULE_PLACES = 20;
/** No single reward or penalty above this (yuan): a typo guard, not a policy. */
export const MAX_RULE_AMOUNT_FEN: Fen = 100_000_000n; // 1,000,000.00 yuan

export type RankingRuleProblem =
  | { code: 'RANKING_RULE_AMOUNT_INVALID'; params: { list: 'rewards' | 'penalties'; place: number; value: string } }
  | { code: 'RANKING_RULE_TOO_MANY_PLACES'; params: { list: 'rewards' | 'penalties'; max: number } };

/** Every problem of a rules document: amounts are yuan above 0.00 and at most 1,000,000.00, with at most two decimals. */
export function checkRankingRewardRules(rules: RankingRewardRules): RankingRuleProblem[] {
  const problems: RankingRuleProblem[] = [];
  for (const list of ['rewards', 'penalties'] as const) {
    const amounts = rules[list];
    if (amounts.length > MAX_RULE_PLACES) problems.push({ code: 'RANKING_RULE_TOO_MANY_PLACES', params: { list, max: MAX_RULE_PLACES } });
    amounts.slice(0, MAX_RULE_PLACES).forEach((value, i) => {
      if (amountFen(value) === null) problems.push({ code: 'RANKING_RULE_AMOUNT_INVALID', params: { list, place: i + 1, value } });
    });
  }
  return problems;
}

function amountFen(value: string): Fen | null {
  if (!/^\d+(\.\d{1,2})?$/.test(value.trim())) return null;
  try {
    const fen = parseMoney(value);
    return fen > 0n && fen <= MAX_RULE_AMOUNT_FEN ? fen : null;
  } catch (e) {
    if (e instanceof MoneyFormatError) return null;
    throw e;
  }
}

/** The document as stored: amounts normalised to two decimals. */
export function normaliseRankingRewardRules(rules: RankingRewardRules): RankingRewardRules {
  return { rewards: rules.rewards.map((v) => formatMoney(parseMoney(v))), penalties: rules.penalties.map((v) => formatMoney(parseMoney(v))) };
}

export type AdjustmentKind = 'REWARD' | 'PENALTY';

export interface RankedPerson {
  ownerId: string;
  /** Competition place from the top; null when not ranked (no score). */
  rank: number | null;
  /** Among the best as the ranking flags them; false for a reward place held with nothing sold or achieved (no reward; a penalty when among the last). */
  top?: boolean;
}

export interface RankingProposal {
  personId: string;
  /** The ranking's place (from the top), as published. */
  place: number;
  /** Places from the bottom: 1 is last (ties share it). */
  fromBottom: number;
  /** How many were ranked. */
  ranked: number;
  kind: AdjustmentKind;
  /** Positive for a reward, negative for a penalty. */
  amountFen: Fen;
}

/** The proposals a published ranking earns under the rules (people only; checked rules). */
export function rankingProposals(ownerKind: 'PERSON' | 'UNIT', rows: readonly RankedPerson[], rules: RankingRewardRules): RankingProposal[] {
  if (ownerKind !== 'PERSON') return [];
  const ranked = rows.filter((r): r is RankedPerson & { rank: number } => r.rank !== null);
  const rewards = rules.rewards.map(parseMoney);
  const penalties = rules.penalties.map(parseMoney);
  // Ranked people scoring strictly lower than each place (a higher place number).
  const atPlace = new Map<number, number>();
  for (const r of ranked) atPlace.set(r.rank, (atPlace.get(r.rank) ?? 0) + 1);
  const lower = new Map<number, number>();
  let below = 0;
  for (const place of [...atPlace.keys()].sort((a, b) => b - a)) {
    lower.set(place, below);
    below += atPlace.get(place)!;
  }
  const out: RankingProposal[] = [];
  for (const r of ranked) {
    const fromBottom = 1 + lower.get(r.rank)!;
    const base = { personId: r.ownerId, place: r.rank, fromBottom, ranked: ranked.length };
    // A reward place held on a score of zero (a small team's zeros tie at 2) is not flagged top: no reward, and counted from the bottom instead.
    const reward = r.top === false ? undefined : rewards[r.rank - 1];
    if (reward !== undefined) {
      out.push({ ...base, kind: 'REWARD', amountFen: reward });
      continue;
    }
    // Nobody ahead of them (a table where everybody tied, nobody having sold): no penalty.
    const penalty = r.rank > 1 ? penalties[fromBottom - 1] : undefined;
    if (penalty !== undefined) out.push({ ...base, kind: 'PENALTY', amountFen: -penalty });
  }
  return out;
}
