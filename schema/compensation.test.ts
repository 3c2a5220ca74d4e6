import { explain } from '../addin/src/i18n/explanations.ts';
import { describe, expect, it } from 'vitest';
import { BASE_PLUS_COMMISSION, calculatePayslip, DIRECT_SALES_LADDER, parsePlan, PlanDocumentError, workingDaysBetween, type PayInputs, type PayslipLine } from './compensation.ts';

const fen = (yuan: number) => BigInt(Math.round(yuan)) * 100n; // test fixtures only: whole yuan
const inputs = (over: Partial<PayInputs> & { sales?: number; salesByDay?: Record<number, number> } = {}): PayInputs => {
  const daily = Array.from({ length: 31 }, () => 0n);
  for (const [day, amount] of Object.entries(over.salesByDay ?? { 10: over.sales ?? 0 })) daily[Number(day) - 1] = fen(amount);
  const sales = daily.reduce((a, b) => a + b, 0n);
  return {
    month: '2026-03',
    workingDays: 22,
    workingDaysEmployed: 22,
    person: { name: '王芳', rank: 'SR', baseSalaryFen: 300_000n },
    measures: { sales, units: 0n, collections: 0n, margin: 0n },
    dailySalesFen: daily,
    trainees: [],
    attendance: { lates: 0, absentDays: 0, personalLeaveDays: 0 },
    adjustments: [],
    ...over,
  };
};
/** The line's arithmetic as the API's English renders it. */
const arithmetic = (l: PayslipLine) => explain(l.explanation, l.label, 'api').arithmetic;
const line = (slip: ReturnType<typeof calculatePayslip>, code: string) => slip.lines.find((l) => l.code === code)!;

describe('the seed’s worked examples, exactly', () => {
  it('an SR with 20,000 of sales by the 20th: 3,076.92 commission + 1,500 晨星 + 1,000 开星', () => {
    const slip = calculatePayslip(DIRECT_SALES_LADDER, inputs({ sales: 20_000 }));
    expect(line(slip, 'commission').amountFen).toBe(307_692n);
    expect(line(slip, 'morningStar').amountFen).toBe(150_000n);
    expect(line(slip, 'openStar').amountFen).toBe(100_000n);
    expect(line(slip, 'base').amountFen).toBe(300_000n);
    expect(slip.netFen).toBe(300_000n + 307_692n + 150_000n + 100_000n);
    expect(arithmetic(line(slip, 'commission'))).toBe(
      '20000.00 × 0.9 ÷ 1.17 = 15384.6153…; sales 20000.00 ≥ 20000 → 20 % of the whole base; 15384.6153… × 20 % = 3076.9230… → 3076.92 (rounded half-up to the fen)',
    );
  });

  it('an SM with 30,000 by the 20th and four trainees at 20,000: 4,615.38 + 4,000 + 2,000 + 4,000', () => {
    const trainees = ['A', 'B', 'C', 'D'].map((name) => ({ name, salesFen: fen(20_000) }));
    const slip = calculatePayslip(DIRECT_SALES_LADDER, inputs({ sales: 30_000, person: { name: '李强', rank: 'SM', baseSalaryFen: 600_000n }, trainees }));
    expect(line(slip, 'commission').amountFen).toBe(461_538n);
    expect(line(slip, 'morningStar').amountFen).toBe(400_000n);
    expect(line(slip, 'openStar').amountFen).toBe(200_000n);
    expect(line(slip, 'override').amountFen).toBe(400_000n);
    expect(arithmetic(line(slip, 'override'))).toBe('(20000.00 + 20000.00 + 20000.00 + 20000.00) × 5 % = 4000.00');
  });
});

describe('tiers', () => {
  it('whole-amount: exactly at a threshold takes its rate; one fen below takes the one before', () => {
    const at = calculatePayslip(DIRECT_SALES_LADDER, inputs({ sales: 15_000 }));
    expect(arithmetic(line(at, 'commission'))).toContain('≥ 15000 → 15 %');
    const below = inputs({ sales: 15_000 });
    below.dailySalesFen[9] = fen(15_000) - 1n;
    below.measures.sales = fen(15_000) - 1n;
    expect(arithmetic(line(calculatePayslip(DIRECT_SALES_LADDER, below), 'commission'))).toContain('≥ 13000 → 10 %');
    expect(line(calculatePayslip(DIRECT_SALES_LADDER, inputs({ sales: 12_999 })), 'commission').amountFen).toBe(0n);
  });

  it('marginal: each slice at its own rate, with a cap', () => {
    // 120,000: 50,000 × 2 % + 50,000 × 4 % + 20,000 × 6 % = 1,000 + 2,000 + 1,200
    expect(line(calculatePayslip(BASE_PLUS_COMMISSION, inputs({ sales: 120_000 })), 'commission').amountFen).toBe(420_000n);
    expect(line(calculatePayslip(BASE_PLUS_COMMISSION, inputs({ sales: 50_000 })), 'commission').amountFen).toBe(100_000n);
    expect(line(calculatePayslip(BASE_PLUS_COMMISSION, inputs({ sales: 1_000_000 })), 'commission').amountFen).toBe(2_000_000n);
  });
});

describe('milestones by date', () => {
  it('count only sales up to the 20th for 晨星', () => {
    const late = calculatePayslip(DIRECT_SALES_LADDER, inputs({ salesByDay: { 10: 10_000, 25: 10_000 } }));
    expect(line(late, 'morningStar').amountFen).toBe(0n);
    expect(line(late, 'openStar').amountFen).toBe(100_000n);
    expect(arithmetic(line(late, 'morningStar'))).toBe('sales by the 20th: 10000.00 < 15000.00 for SR → 0.00');
  });
});

describe('base, attendance and adjustments', () => {
  it('pro-rates base for a joiner on the 12th by working days', () => {
    const employed = workingDaysBetween('2026-03-12', '2026-03-31');
    expect(workingDaysBetween('2026-03-01', '2026-03-31')).toBe(22);
    expect(employed).toBe(14);
    const slip = calculatePayslip(DIRECT_SALES_LADDER, inputs({ workingDaysEmployed: employed }));
    expect(line(slip, 'base').amountFen).toBe(190_909n); // 3000 × 14 / 22 = 1909.0909…
    expect(arithmetic(line(slip, 'base'))).toBe('3000.00 × 14 ÷ 22 = 1909.09');
  });

  it('deducts late arrivals beyond the free allowance and a day’s pay per absent day', () => {
    const slip = calculatePayslip(DIRECT_SALES_LADDER, inputs({ attendance: { lates: 5, absentDays: 1, personalLeaveDays: 1 } }));
    // 3 × 50 + 2 × 3000 / 22 = 150 + 272.727… = 422.73
    expect(line(slip, 'attendance').amountFen).toBe(-42_273n);
    expect(slip.deductionsFen).toBe(42_273n);
    // The day's pay as exact as the other figures an explanation shows (four places, then …), not cut to what looks like fen.
    expect(line(slip, 'attendance').explanation.inputs.dayPay).toBe('136.3636…');
    const two = calculatePayslip(DIRECT_SALES_LADDER, inputs({ attendance: { lates: 2, absentDays: 0, personalLeaveDays: 0 } }));
    expect(line(two, 'attendance').amountFen).toBe(0n);
  });

  it('lists rewards and penalties with reason and approver', () => {
    const slip = calculatePayslip(DIRECT_SALES_LADDER, inputs({ adjustments: [{ amountFen: 50_000n, reason: '前三名奖励', approvedBy: 'director' }, { amountFen: -10_000n, reason: '迟交周报', approvedBy: 'manager' }] }));
    expect(slip.lines.filter((l) => l.kind === 'adjustments').map((l) => [l.label, l.amountFen])).toEqual([
      ['奖惩: 前三名奖励', 50_000n],
      ['奖惩: 迟交周报', -10_000n],
    ]);
  });

  it('explains a reward approved from a published ranking by the ranking, in each language; a manual one keeps its reason', () => {
    const ranking = { kind: 'REWARD' as const, unit: '华东一区', period: '2026-03-D2', place: 1, ranked: 12, basis: 'ACHIEVEMENT' as const, metric: 'SALES_AMOUNT', version: 1 };
    const slip = calculatePayslip(
      DIRECT_SALES_LADDER,
      inputs({ adjustments: [{ amountFen: 100_000n, reason: '华东一区 2026-03-D2 1/12 v1', approvedBy: '王经理', ranking }, { amountFen: -10_000n, reason: '迟交周报', approvedBy: 'manager' }] }),
    );
    const [fromRanking, manual] = slip.lines.filter((l) => l.kind === 'adjustments');
    expect(fromRanking!.explanation).toEqual({
      rule: { code: 'adjustment', ranking },
      inputs: { unit: '华东一区', period: '2026-03-D2', place: '1/12', version: '1', approvedBy: '王经理' },
      arithmetic: { code: 'adjustment', amount: '1000.00' },
    });
    const zh = explain(fromRanking!.explanation, fromRanking!.label, 'zh-CN');
    expect(zh.rule).toBe('排名奖励：华东一区 2026年3月中旬 第1名/共12名（按销售额达成率，第1版）');
    expect(zh.inputs).toEqual([
      { name: '排名单位', value: '华东一区' },
      { name: '排名期间', value: '2026年3月中旬' },
      { name: '名次/参与排名人数', value: '1/12' },
      { name: '发布版本', value: '1' },
      { name: '批准人', value: '王经理' },
    ]);
    expect(explain(fromRanking!.explanation, fromRanking!.label, 'en').rule).toBe('Ranking reward: 1st of 12, 华东一区, Mar 2026 2nd ten days, by sales achievement (published v1)');
    const penalty = { ...ranking, kind: 'PENALTY' as const, place: 12, basis: 'AMOUNT' as const, metric: 'UNITS', version: 2 };
    expect(explain({ ...fromRanking!.explanation, rule: { code: 'adjustment', ranking: penalty } }, '', 'zh-CN').rule).toBe('排名处罚：华东一区 2026年3月中旬 第12名/共12名（按销量，第2版）');
    expect(explain({ ...fromRanking!.explanation, rule: { code: 'adjustment', ranking: { ...penalty, place: 22, ranked: 23 } } }, '', 'en').rule).toBe('Ranking penalty: 22nd of 23, 华东一区, Mar 2026 2nd ten days, by units sold (published v2)');
    expect(manual!.explanation.inputs).toEqual({ reason: '迟交周报', approvedBy: 'manager' });
    expect(explain(manual!.explanation, manual!.label, 'zh-CN').rule).toBe('经批准、注明原因的奖励或处罚');
  });
});

describe('plan documents', () => {
  const base = structuredClone(DIRECT_SALES_LADDER) as any;
  it('refuse unordered or overlapping tiers, unknown measures and formulas that do not parse, with paths', () => {
    const bad = structuredClone(base);
    bad.components[1].tiers = [{ from: '15000', rate: '15' }, { from: '13000', rate: '10' }, { from: '13000', rate: '12' }];
    bad.components[1].base = 'sales * bonus';
    try {
      parsePlan(bad);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(PlanDocumentError);
      const paths = (e as PlanDocumentError).problems.map((p) => p.path);
      expect(paths).toContain('components.1.tiers.1.from');
      expect(paths).toContain('components.1.tiers.2.from');
      expect(paths).toContain('components.1.base');
    }
  });

  it('refuse unknown measures', () => {
    const bad = structuredClone(base);
    bad.components[1].tierOn = 'profit';
    expect(() => parsePlan(bad)).toThrow(/components.1.tierOn/);
  });

  it('refuse a rank in two milestone rows and a code used twice', () => {
    const bad = structuredClone(base);
    bad.components[2].table[1].ranks.push('SR');
    bad.components[3].code = 'morningStar';
    expect(() => parsePlan(bad)).toThrow(/Rank SR appears in two rows.*|code morningStar is used twice/);
  });
});

describe('field-visit days without an approved visit slip (issue 11 §4)', () => {
  const unslipped = inputs({ attendance: { lates: 0, absentDays: 1, personalLeaveDays: 0, unslippedFieldVisitDays: ['2026-03-12'] } });
  it('cost a day’s pay each by default, named in the explanation in both languages', () => {
    const l = line(calculatePayslip(BASE_PLUS_COMMISSION, unslipped), 'attendance');
    const absentOnly = line(calculatePayslip(BASE_PLUS_COMMISSION, inputs({ attendance: { lates: 0, absentDays: 1, personalLeaveDays: 0 } })), 'attendance');
    const twoAbsent = line(calculatePayslip(BASE_PLUS_COMMISSION, inputs({ attendance: { lates: 0, absentDays: 2, personalLeaveDays: 0 } })), 'attendance');
    expect(l.amountFen).toBe(twoAbsent.amountFen);
    expect(l.amountFen).toBeLessThan(absentOnly.amountFen);
    expect(l.explanation.inputs).toMatchObject({ absentDays: '1', fieldVisitsWithoutSlip: '2026-03-12' });
    const en = explain(l.explanation, l.label, 'en');
    expect(en.rule).toContain('a field-visit day without an approved visit slip counts as absent');
    expect(en.inputs).toContainEqual({ name: 'field-visit days without an approved visit slip', value: '2026-03-12' });
    const zh = explain(l.explanation, l.label, 'zh-CN');
    expect(zh.rule).toContain('无已批准出访单的外勤日按旷工计');
    expect(zh.inputs).toContainEqual({ name: '无已批准出访单的外勤日', value: '2026-03-12' });
    // Inputs frozen before visit slips (no list) and an empty list read alike: nothing named.
    expect(line(calculatePayslip(BASE_PLUS_COMMISSION, inputs({ attendance: { lates: 0, absentDays: 1, personalLeaveDays: 0, unslippedFieldVisitDays: [] } })), 'attendance')).toEqual(absentOnly);
  });
  it('cost nothing when the plan says so', () => {
    const plan = parsePlan({
      ...BASE_PLUS_COMMISSION,
      components: BASE_PLUS_COMMISSION.components.map((c) => (c.kind === 'attendance' ? { ...c, fieldVisitWithoutSlip: 'none' } : c)),
    });
    const l = line(calculatePayslip(plan, unslipped), 'attendance');
    const absentOnly = line(calculatePayslip(BASE_PLUS_COMMISSION, inputs({ attendance: { lates: 0, absentDays: 1, personalLeaveDays: 0 } })), 'attendance');
    expect(l.amountFen).toBe(absentOnly.amountFen);
    expect(explain(l.explanation, l.label, 'zh-CN').rule).toContain('无已批准出访单的外勤日不扣款');
  });
});
