import { describe, expect, it } from 'vitest';
import { monthOfRankingPeriod, proposalOrder, type RankingProposal } from './use-ranking-rewards.ts';

describe('ranking rewards on the Performance screen', () => {
  it('lists the proposals of the payroll month the ranking period ends in', () => {
    expect(['2026-03-D2', '2026-03-H1', '2026-03', '2026-Q1', '2026-Q4', '2026'].map((k) => monthOfRankingPeriod(k))).toEqual(['2026-03', '2026-03', '2026-03', '2026-03', '2026-12', '2026-12']);
    // A fiscal year from April: its first quarter ends in June, the year in March of the next.
    const april = { firstMonth: 4 } as Parameters<typeof monthOfRankingPeriod>[1];
    expect(['2026-Q1', '2026', '2026-05-D1'].map((k) => monthOfRankingPeriod(k, april))).toEqual(['2026-06', '2027-03', '2026-05']);
  });

  it('shows open ones first, the newest version first, rewards before penalties, by place', () => {
    const p = (id: string, status: RankingProposal['status'], version: number, kind: RankingProposal['kind'], place: number): RankingProposal => ({
      id, personId: id, personName: id, employeeNo: id, month: '2026-03', periodKey: '2026-03', version, place, ranked: 8, kind, amount: '1.00', status, comment: null, locked: false, canDecide: status === 'PROPOSED',
    });
    const list = [p('a', 'APPROVED', 1, 'REWARD', 1), p('b', 'PROPOSED', 1, 'PENALTY', 8), p('c', 'PROPOSED', 2, 'PENALTY', 7), p('d', 'PROPOSED', 2, 'REWARD', 2), p('e', 'PROPOSED', 2, 'REWARD', 1)];
    expect(list.sort(proposalOrder).map((x) => x.id)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });
});
