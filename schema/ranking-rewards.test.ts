import { describe, expect, it } from 'vitest';
import { checkRankingRewardRules, DEFAULT_RANKING_REWARD_RULES, normaliseRankingRewardRules, rankingProposals, type RankedPerson } from './ranking-rewards.ts';

const rows = (...ranks: (number | null)[]): RankedPerson[] => ranks.map((rank, i) => ({ ownerId: `p${i + 1}`, rank }));
const brief = (ps: ReturnType<typeof rankingProposals>) => ps.map((p) => [p.personId, p.kind, p.place, p.fromBottom, p.ranked, p.amountFen]);

describe('ranking rewards and penalties', () => {
  it('pays the top three and deducts from the bottom three of a ranking of people', () => {
    expect(brief(rankingProposals('PERSON', rows(1, 2, 3, 4, 5, 6, 7, 8), DEFAULT_RANKING_REWARD_RULES))).toEqual([
      ['p1', 'REWARD', 1, 8, 8, 100_000n],
      ['p2', 'REWARD', 2, 7, 8, 60_000n],
      ['p3', 'REWARD', 3, 6, 8, 30_000n],
      ['p6', 'PENALTY', 6, 3, 8, -5_000n],
      ['p7', 'PENALTY', 7, 2, 8, -10_000n],
      ['p8', 'PENALTY', 8, 1, 8, -20_000n],
    ]);
  });

  it('gives tied people each their place’s amount, and skips the next place (1, 2, 2, 4)', () => {
    expect(brief(rankingProposals('PERSON', rows(1, 2, 2, 4, 5, 6, 7, 7), DEFAULT_RANKING_REWARD_RULES))).toEqual([
      ['p1', 'REWARD', 1, 8, 8, 100_000n],
      ['p2', 'REWARD', 2, 6, 8, 60_000n],
      ['p3', 'REWARD', 2, 6, 8, 60_000n],
      // Place 4 is neither third nor among the bottom three (four score lower).
      ['p6', 'PENALTY', 6, 3, 8, -5_000n],
      // A tie for last is last for both.
      ['p7', 'PENALTY', 7, 1, 8, -20_000n],
      ['p8', 'PENALTY', 7, 1, 8, -20_000n],
    ]);
    // A tie for third: both third; nobody fourth is paid.
    expect(brief(rankingProposals('PERSON', rows(1, 2, 3, 3, 5, 6, 7, 8, 9), DEFAULT_RANKING_REWARD_RULES)).filter((p) => p[1] === 'REWARD')).toEqual([
      ['p1', 'REWARD', 1, 9, 9, 100_000n],
      ['p2', 'REWARD', 2, 8, 9, 60_000n],
      ['p3', 'REWARD', 3, 6, 9, 30_000n],
      ['p4', 'REWARD', 3, 6, 9, 30_000n],
    ]);
  });

  it('never penalises someone rewarded in a small team', () => {
    expect(brief(rankingProposals('PERSON', rows(1, 2, 3, 4), DEFAULT_RANKING_REWARD_RULES))).toEqual([
      ['p1', 'REWARD', 1, 4, 4, 100_000n],
      ['p2', 'REWARD', 2, 3, 4, 60_000n],
      ['p3', 'REWARD', 3, 2, 4, 30_000n],
      ['p4', 'PENALTY', 4, 1, 4, -20_000n],
    ]);
    expect(brief(rankingProposals('PERSON', rows(1, 1), DEFAULT_RANKING_REWARD_RULES))).toEqual([
      ['p1', 'REWARD', 1, 1, 2, 100_000n],
      ['p2', 'REWARD', 1, 1, 2, 100_000n],
    ]);
  });

  it('rewards no reward place held with nothing sold (the ranking does not flag it top), and penalises it as a last place', () => {
    const three = [{ ownerId: 'p1', rank: 1, top: true }, { ownerId: 'p2', rank: 2, top: false }, { ownerId: 'p3', rank: 2, top: false }];
    expect(brief(rankingProposals('PERSON', three, DEFAULT_RANKING_REWARD_RULES))).toEqual([
      ['p1', 'REWARD', 1, 3, 3, 100_000n],
      ['p2', 'PENALTY', 2, 1, 3, -20_000n],
      ['p3', 'PENALTY', 2, 1, 3, -20_000n],
    ]);
    // One seller in ten: the nine tied second on nothing are all last.
    const ten = [{ ownerId: 'c', rank: 1, top: true }, ...Array.from({ length: 9 }, (_, i) => ({ ownerId: `z${i}`, rank: 2, top: false }))];
    expect(brief(rankingProposals('PERSON', ten, DEFAULT_RANKING_REWARD_RULES))).toEqual([['c', 'REWARD', 1, 10, 10, 100_000n], ...ten.slice(1).map((r) => [r.ownerId, 'PENALTY', 2, 1, 10, -20_000n])]);
    // Nobody sold: all tie first, nobody is ahead of anybody, and nobody is rewarded or penalised.
    const none = Array.from({ length: 6 }, (_, i) => ({ ownerId: `n${i}`, rank: 1, top: false }));
    expect(rankingProposals('PERSON', none, DEFAULT_RANKING_REWARD_RULES)).toEqual([]);
  });

  it('proposes nothing for unranked people (no target, no place) and counts only the ranked', () => {
    expect(brief(rankingProposals('PERSON', rows(1, 2, 3, 4, 5, null, null), DEFAULT_RANKING_REWARD_RULES))).toEqual([
      ['p1', 'REWARD', 1, 5, 5, 100_000n],
      ['p2', 'REWARD', 2, 4, 5, 60_000n],
      ['p3', 'REWARD', 3, 3, 5, 30_000n],
      ['p4', 'PENALTY', 4, 2, 5, -10_000n],
      ['p5', 'PENALTY', 5, 1, 5, -20_000n],
    ]);
    expect(rankingProposals('PERSON', rows(null, null), DEFAULT_RANKING_REWARD_RULES)).toEqual([]);
    expect(rankingProposals('PERSON', [], DEFAULT_RANKING_REWARD_RULES)).toEqual([]);
  });

  it('pays nobody for a ranking of units', () => {
    expect(rankingProposals('UNIT', rows(1, 2, 3, 4, 5, 6, 7), DEFAULT_RANKING_REWARD_RULES)).toEqual([]);
  });

  it('follows the rules document: other amounts, fewer places, no penalties', () => {
    const rules = { rewards: ['88.8', '0.01'], penalties: [] };
    expect(brief(rankingProposals('PERSON', rows(1, 2, 3, 4, 5, 6), rules))).toEqual([
      ['p1', 'REWARD', 1, 6, 6, 8_880n],
      ['p2', 'REWARD', 2, 5, 6, 1n],
    ]);
    expect(normaliseRankingRewardRules(rules)).toEqual({ rewards: ['88.80', '0.01'], penalties: [] });
  });

  it('checks the document: amounts above zero, at most two decimals, within range, a bounded number of places', () => {
    expect(checkRankingRewardRules(DEFAULT_RANKING_REWARD_RULES)).toEqual([]);
    expect(checkRankingRewardRules({ rewards: [], penalties: [] })).toEqual([]);
    expect(checkRankingRewardRules({ rewards: ['100', '0.00', '1.234', 'abc'], penalties: ['-5', '1000000.01', '1000000.00'] })).toEqual([
      { code: 'RANKING_RULE_AMOUNT_INVALID', params: { list: 'rewards', place: 2, value: '0.00' } },
      { code: 'RANKING_RULE_AMOUNT_INVALID', params: { list: 'rewards', place: 3, value: '1.234' } },
      { code: 'RANKING_RULE_AMOUNT_INVALID', params: { list: 'rewards', place: 4, value: 'abc' } },
      { code: 'RANKING_RULE_AMOUNT_INVALID', params: { list: 'penalties', place: 1, value: '-5' } },
      { code: 'RANKING_RULE_AMOUNT_INVALID', params: { list: 'penalties', place: 2, value: '1000000.01' } },
    ]);
    expect(checkRankingRewardRules({ rewards: Array.from({ length: 21 }, () => '1'), penalties: [] })).toEqual([{ code: 'RANKING_RULE_TOO_MANY_PLACES', params: { list: 'rewards', max: 20 } }]);
  });
});
