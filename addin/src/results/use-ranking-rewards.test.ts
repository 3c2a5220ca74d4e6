import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { monthOfRankingPeriod, proposalOrder, proposalSource, type RankingProposal } from './use-ranking-rewards.ts';

describe('ranking rewards on the Performance screen', () => {
  it('lists the proposals of the payroll month the ranking period ends in', () => {
    expect(['2026-03-D2', '2026-03-H1', '2026-03', '2026-Q1', '2026-Q4', '2026'].map((k) => monthOfRankingPeriod(k))).toEqual(['2026-03', '2026-03', '2026-03', '2026-03', '2026-12', '2026-12']);
    // A fiscal year from April: its first quarter ends in June, the year in March of the next.
    const april = { firstMonth: 4 } as Parameters<typeof monthOfRankingPeriod>[1];
    expect(['2026-Q1', '2026', '2026-05-D1'].map((k) => monthOfRankingPeriod(k, april))).toEqual(['2026-06', '2027-03', '2026-05']);
  });

  it('shows open ones first, the newest version first, rewards before penalties, by place', () => {
    const p = (id: string, status: RankingProposal['status'], version: number, kind: RankingProposal['kind'], place: number): RankingProposal => ({
      id, personId: id, personName: id, employeeNo: id, month: '2026-03', periodKey: '2026-03', metric: 'SALES_AMOUNT', basis: 'ACHIEVEMENT', version, place, ranked: 8, kind, amount: '1.00', status, comment: null, locked: false, canDecide: status === 'PROPOSED',
    });
    const list = [p('a', 'APPROVED', 1, 'REWARD', 1), p('b', 'PROPOSED', 1, 'PENALTY', 8), p('c', 'PROPOSED', 2, 'PENALTY', 7), p('d', 'PROPOSED', 2, 'REWARD', 2), p('e', 'PROPOSED', 2, 'REWARD', 1)];
    expect(list.sort(proposalOrder).map((x) => x.id)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('says which ranking each proposal comes from, its period as the reader says it and its basis, in both languages', () => {
    const month = { periodKey: '2026-11', metric: 'SALES_AMOUNT', basis: 'ACHIEVEMENT', version: 2 } as const;
    const tenDays = { periodKey: '2026-11-D1', metric: 'SALES_AMOUNT', basis: 'AMOUNT', version: 1 } as const;
    const zh = words['zh-CN'];
    expect([proposalSource(zh, month), proposalSource(zh, tenDays)]).toEqual(['2026年11月排名，按销售额达成率，第 2 版', '2026年11月上旬排名，按销售额，第 1 版']);
    expect([proposalSource(words.en, month), proposalSource(words.en, tenDays)]).toEqual(['Ranking of Nov 2026 by achievement (Sales amount), version 2', 'Ranking of Nov 2026 1st ten days by amount (Sales amount), version 1']);
    expect(proposalSource(zh, { ...tenDays, metric: 'UNITS', basis: 'ACHIEVEMENT' })).toBe('2026年11月上旬排名，按销量达成率，第 1 版');
  });

  it('keeps each ranking’s proposals together: a person rewarded by the month’s ranking and its ten-day one is listed under each', () => {
    const p = (id: string, periodKey: string, place: number): RankingProposal => ({
      id, personId: 'same', personName: '王芳', employeeNo: 'E001', month: '2026-11', periodKey, metric: 'SALES_AMOUNT', basis: 'ACHIEVEMENT', version: 1, place, ranked: 7, kind: 'REWARD', amount: '1.00', status: 'PROPOSED', comment: null, locked: false, canDecide: true,
    });
    const list = [p('d1-1', '2026-11-D1', 1), p('m-3', '2026-11', 3), p('d1-2', '2026-11-D1', 2), p('m-1', '2026-11', 1)];
    expect(list.sort(proposalOrder).map((x) => x.id)).toEqual(['m-1', 'm-3', 'd1-1', 'd1-2']);
  });
});
