/**
 * The payroll rules pinned one by one (issue 7 §9): each test fails when the
 * rule it names is changed (see schema/MUTATION.md).
 */
import { describe, expect, it } from 'vitest';
import { BASE_PLUS_COMMISSION, calculatePayslip, DIRECT_SALES_LADDER, parsePlan, PlanDocumentError, RANKS, workingDaysBetween, type CompensationPlan, type PayInputs, type Rank } from './compensation.ts';
import { parseMoney } from './money.ts';

/** Yuan as written in the seed's examples, in fen, read exactly from its decimal text. */
const fen = (yuan: number) => parseMoney(String(yuan));
const inputs = (over: Partial<PayInputs> & { salesByDay?: Record<number, bigint> } = {}): PayInputs => {
  const daily = Array.from({ length: 31 }, () => 0n);
  for (const [day, amount] of Object.entries(over.salesByDay ?? {})) daily[Number(day) - 1] = amount;
  const { salesByDay: _, ...rest } = over;
  return {
    month: '2026-03',
    workingDays: 22,
    workingDaysEmployed: 22,
    person: { name: '王芳', rank: 'SR', baseSalaryFen: 300_000n },
    measures: { sales: daily.reduce((a, b) => a + b, 0n), units: 0n, collections: 0n, margin: 0n },
    dailySalesFen: daily,
    trainees: [],
    attendance: { lates: 0, absentDays: 0, personalLeaveDays: 0 },
    adjustments: [],
    ...rest,
  };
};
const amount = (plan: CompensationPlan, i: PayInputs, code: string) => {
  const l = calculatePayslip(plan, i).lines.find((x) => x.code === code);
  if (!l) throw new Error(`no line ${code}`);
  return l.amountFen;
};
const sales = (yuan: number, day = 10) => inputs({ salesByDay: { [day]: fen(yuan) } });
const withRank = (rank: Rank | null, over: Partial<PayInputs> = {}) => ({ ...inputs(), ...over, person: { name: 'x', rank, baseSalaryFen: 300_000n } });
const plan = (...components: unknown[]) => parsePlan({ code: 'TEST_PLAN', name: 'Test plan', components });
const commissionPlan = (over: Record<string, unknown>) => plan({ kind: 'commission', code: 'commission', label: 'Commission', tierOn: 'sales', base: 'sales', mode: 'whole', tiers: [{ from: '0', rate: '10' }], ...over });

describe('net pay is gross less deductions', () => {
  it('counts a late-arrival deduction and a penalty against the positive lines', () => {
    const slip = calculatePayslip(
      DIRECT_SALES_LADDER,
      inputs({ attendance: { lates: 3, absentDays: 0, personalLeaveDays: 0 }, adjustments: [{ amountFen: 20_000n, reason: 'reward', approvedBy: 'm' }, { amountFen: -3_000n, reason: 'penalty', approvedBy: 'm' }] }),
    );
    expect(slip.lines.map((l) => [l.code, l.kind, l.amountFen])).toEqual([
      ['base', 'base', 300_000n],
      ['commission', 'commission', 0n],
      ['morningStar', 'milestone', 0n],
      ['openStar', 'milestone', 0n],
      ['override', 'override', 0n],
      ['attendance', 'attendance', -5_000n],
      ['adjustment1', 'adjustments', 20_000n],
      ['adjustment2', 'adjustments', -3_000n],
    ]);
    expect(slip.grossFen).toBe(320_000n);
    expect(slip.deductionsFen).toBe(8_000n);
    expect(slip.netFen).toBe(312_000n);
  });

  it('lines keep their plan labels', () => {
    const slip = calculatePayslip(DIRECT_SALES_LADDER, inputs({ adjustments: [{ amountFen: 1n, reason: 'r', approvedBy: 'm' }] }));
    expect(slip.lines.map((l) => l.label)).toEqual(['基本工资', '提成', '晨星奖', '开星奖', '团队奖', '考勤扣款', '奖惩: r']);
  });
});

describe('team override', () => {
  const trainees = [
    { name: 'A', salesFen: fen(15_000) },
    { name: 'B', salesFen: fen(15_000) - 1n },
    { name: 'C', salesFen: fen(20_000) },
  ];
  it('pays 5 % of each trained rep’s sales from exactly 15,000, on the ranks from SM up', () => {
    for (const rank of ['SM', 'SSM', 'SD', 'SSD', 'TE'] as const) expect(amount(DIRECT_SALES_LADDER, withRank(rank, { trainees }), 'override')).toBe(175_000n);
  });
  it('pays nothing to SR, SE, SSE or a person without a rank', () => {
    for (const rank of ['SR', 'SE', 'SSE', null] as const) expect(amount(DIRECT_SALES_LADDER, withRank(rank, { trainees }), 'override')).toBe(0n);
  });
  it('rounds half-up to the fen', () => {
    expect(amount(DIRECT_SALES_LADDER, withRank('SM', { trainees: [{ name: 'A', salesFen: fen(15_000.1) }] }), 'override')).toBe(75_001n); // 750.005
  });
});

describe('whole-amount tiers', () => {
  it('each tier of the ladder from its threshold: 10 %, 15 %, 20 % of sales × 0.9 ÷ 1.17', () => {
    expect(amount(DIRECT_SALES_LADDER, sales(12_999.99), 'commission')).toBe(0n);
    expect(amount(DIRECT_SALES_LADDER, sales(13_000), 'commission')).toBe(100_000n); // 10,000 × 10 %
    expect(amount(DIRECT_SALES_LADDER, sales(15_000), 'commission')).toBe(173_077n); // 11,538.46… × 15 %
    expect(amount(DIRECT_SALES_LADDER, sales(19_999.99), 'commission')).toBe(230_769n); // 15,384.60… × 15 % = 2307.69…
    expect(amount(DIRECT_SALES_LADDER, sales(20_000), 'commission')).toBe(307_692n);
  });
  it('a cap limits the amount; below the cap it is unchanged', () => {
    const capped = commissionPlan({ cap: '500' });
    expect(amount(capped, sales(6_000), 'commission')).toBe(50_000n);
    expect(amount(capped, sales(4_000), 'commission')).toBe(40_000n);
  });
});

describe('marginal tiers', () => {
  it('a slice that stops mid-band takes only its part: 70,000 = 50,000 × 2 % + 20,000 × 4 %', () => {
    expect(amount(BASE_PLUS_COMMISSION, sales(70_000), 'commission')).toBe(180_000n);
    expect(amount(BASE_PLUS_COMMISSION, sales(30_000), 'commission')).toBe(60_000n);
    expect(amount(BASE_PLUS_COMMISSION, sales(100_000), 'commission')).toBe(300_000n);
  });
  it('zero sales give zero commission (no division by zero)', () => {
    expect(amount(BASE_PLUS_COMMISSION, inputs(), 'commission')).toBe(0n);
    const slip = calculatePayslip(BASE_PLUS_COMMISSION, inputs());
    expect(slip.netFen).toBe(300_000n);
  });
  it('a first tier above zero pays nothing up to it', () => {
    const p = commissionPlan({ mode: 'marginal', tiers: [{ from: '1000', rate: '10' }] });
    expect(amount(p, sales(500), 'commission')).toBe(0n);
    expect(amount(p, sales(1_000), 'commission')).toBe(0n);
    expect(amount(p, sales(1_500), 'commission')).toBe(5_000n);
  });
  it('the slices’ blended rate applies to the base when the base is not the measure', () => {
    // sales 3,000: 1,000 × 10 % + 2,000 × 20 % = 500, i.e. 1/6 of sales; base 1,500 × 1/6 = 250
    const p = commissionPlan({ mode: 'marginal', base: 'sales * 0.5', tiers: [{ from: '0', rate: '10' }, { from: '1000', rate: '20' }] });
    expect(amount(p, sales(3_000), 'commission')).toBe(25_000n);
  });
});

describe('the measures', () => {
  it('tiers on units count units, not fen', () => {
    const p = commissionPlan({ tierOn: 'units', tiers: [{ from: '10', rate: '5' }, { from: '20', rate: '10' }] });
    const at = (units: bigint) => amount(p, { ...sales(10_000), measures: { sales: fen(10_000), units, collections: 0n, margin: 0n } }, 'commission');
    expect(at(9n)).toBe(0n);
    expect(at(15n)).toBe(50_000n);
    expect(at(20n)).toBe(100_000n);
  });
  it('an explanation shows units as a count and money in yuan', () => {
    const p = commissionPlan({ tierOn: 'units', base: 'sales', tiers: [{ from: '10', rate: '5' }] });
    const slip = calculatePayslip(p, { ...sales(10_000), measures: { sales: fen(10_000), units: 15n, collections: 0n, margin: 0n } });
    expect(slip.lines[0]!.explanation.inputs).toEqual({ sales: '10000.00', units: '15' });
  });
  it('a base of units × 100 uses the count', () => {
    const p = commissionPlan({ tierOn: 'units', base: 'units * 100', tiers: [{ from: '1', rate: '5' }] });
    expect(amount(p, { ...inputs(), measures: { sales: 0n, units: 15n, collections: 0n, margin: 0n } }, 'commission')).toBe(7_500n);
  });
  it('collections and margin are their own measures', () => {
    const p = commissionPlan({ tierOn: 'collections', base: 'collections - margin', tiers: [{ from: '10000', rate: '10' }] });
    const at = (collections: number, margin: number) => amount(p, { ...inputs(), measures: { sales: fen(99_999), units: 7n, collections: fen(collections), margin: fen(margin) } }, 'commission');
    expect(at(12_000, 2_000)).toBe(100_000n);
    expect(at(9_999, 0)).toBe(0n);
  });
});

describe('base salary', () => {
  it('prorate none pays the full base to a joiner', () => {
    const p = plan({ kind: 'base', code: 'base', label: 'Base', prorate: 'none' });
    expect(amount(p, inputs({ workingDaysEmployed: 10 }), 'base')).toBe(300_000n);
  });
  it('prorate by working days: 10 of 22', () => {
    expect(amount(DIRECT_SALES_LADDER, inputs({ workingDaysEmployed: 10 }), 'base')).toBe(136_364n); // 1363.636…
    expect(amount(DIRECT_SALES_LADDER, inputs({ workingDaysEmployed: 0 }), 'base')).toBe(0n);
  });
  it('a month without working days deducts nothing for absence', () => {
    const slip = calculatePayslip(DIRECT_SALES_LADDER, inputs({ workingDays: 0, workingDaysEmployed: 0, attendance: { lates: 0, absentDays: 1, personalLeaveDays: 1 } }));
    expect(slip.lines.find((l) => l.code === 'attendance')!.amountFen).toBe(0n);
    expect(slip.lines.find((l) => l.code === 'base')!.amountFen).toBe(300_000n);
  });
});

describe('attendance', () => {
  const att = { lates: 4, absentDays: 1, personalLeaveDays: 2 };
  it('personal leave costs a day’s pay under dayPay', () => {
    // 2 lates beyond 2 free × 50 + 3 days × 3000 ÷ 22 (409.09)
    expect(amount(DIRECT_SALES_LADDER, inputs({ attendance: att }), 'attendance')).toBe(-50_909n);
  });
  it('personal leave costs nothing under none', () => {
    // 1 late beyond 3 free × 30 + 1 day × 3000 ÷ 22 (136.36)
    expect(amount(BASE_PLUS_COMMISSION, inputs({ attendance: att }), 'attendance')).toBe(-16_636n);
  });
  it('fewer lates than free ones cost nothing', () => {
    expect(amount(BASE_PLUS_COMMISSION, inputs({ attendance: { lates: 1, absentDays: 0, personalLeaveDays: 0 } }), 'attendance')).toBe(0n);
  });
});

describe('milestones', () => {
  it('晨星 counts sales up to and including the 20th, from the threshold exactly', () => {
    expect(amount(DIRECT_SALES_LADDER, sales(15_000, 20), 'morningStar')).toBe(150_000n);
    expect(amount(DIRECT_SALES_LADDER, sales(15_000, 21), 'morningStar')).toBe(0n);
    expect(amount(DIRECT_SALES_LADDER, sales(14_999.99, 20), 'morningStar')).toBe(0n);
  });
  it('开星 counts the whole month, to the 31st', () => {
    expect(amount(DIRECT_SALES_LADDER, sales(20_000, 31), 'openStar')).toBe(100_000n);
    expect(amount(DIRECT_SALES_LADDER, sales(19_999.99, 31), 'openStar')).toBe(0n);
  });
  it('each rank its row', () => {
    const at = (rank: Rank, yuan: number, code: string) => amount(DIRECT_SALES_LADDER, { ...sales(yuan), person: { name: 'x', rank, baseSalaryFen: 0n } }, code);
    for (const r of ['SR', 'SE', 'SSE'] as const) expect([at(r, 15_000, 'morningStar'), at(r, 20_000, 'openStar')]).toEqual([150_000n, 100_000n]);
    for (const r of ['SM', 'SSM'] as const) expect([at(r, 19_999, 'morningStar'), at(r, 20_000, 'morningStar'), at(r, 29_999, 'openStar'), at(r, 30_000, 'openStar')]).toEqual([0n, 400_000n, 0n, 200_000n]);
    for (const r of ['SD', 'SSD', 'TE'] as const) expect([at(r, 29_999, 'morningStar'), at(r, 30_000, 'morningStar'), at(r, 39_999, 'openStar'), at(r, 40_000, 'openStar')]).toEqual([0n, 400_000n, 0n, 200_000n]);
  });
  it('a person without a rank, or a rank not in the table, gets none', () => {
    expect(amount(DIRECT_SALES_LADDER, withRank(null, sales(50_000)), 'morningStar')).toBe(0n);
    const p = plan({ kind: 'milestone', code: 'm', label: 'M', byDay: null, table: [{ ranks: ['SM'], threshold: '0', bonus: '100' }] });
    expect(amount(p, withRank('SR'), 'm')).toBe(0n);
    expect(amount(p, withRank('SM'), 'm')).toBe(10_000n);
  });
});

describe('plan documents', () => {
  const problems = (doc: unknown) => {
    try {
      parsePlan(doc);
    } catch (e) {
      expect(e).toBeInstanceOf(PlanDocumentError);
      return (e as PlanDocumentError).problems.map((p) => p.path);
    }
    return [];
  };
  const ladder = () => structuredClone(DIRECT_SALES_LADDER) as any;

  it('the ladder as a document parses back to itself', () => {
    expect(parsePlan(ladder())).toEqual(DIRECT_SALES_LADDER);
    expect(parsePlan(structuredClone(BASE_PLUS_COMMISSION))).toEqual(BASE_PLUS_COMMISSION);
  });

  it('the error lists every problem with its path', () => {
    expect(new PlanDocumentError([{ path: 'code', message: 'bad' }, { path: 'name', message: 'empty' }]).message).toBe('The compensation plan is not valid: code: bad; name: empty');
  });

  it('a malformed later tier is a plan problem with its path, not a formula error', () => {
    const bad = ladder();
    bad.components[1].tiers[1].from = '13000abc';
    expect(problems(bad)).toEqual(['components.1.tiers.1.from']);
    const first = ladder();
    first.components[1].tiers[0].from = '13000abc';
    expect(problems(first)).toEqual(['components.1.tiers.0.from']);
  });

  it('tiers must rise strictly', () => {
    const equal = ladder();
    equal.components[1].tiers[2].from = '15000';
    expect(problems(equal)).toEqual(['components.1.tiers.2.from']);
    const rising = ladder();
    rising.components[1].tiers[2].from = '15000.01';
    expect(problems(rising)).toEqual([]);
  });

  it('a component code used twice, with the second’s path', () => {
    const bad = ladder();
    bad.components[3].code = 'morningStar';
    expect(problems(bad)).toEqual(['components.3.code']);
  });

  it('a rank in two rows of one milestone, with the row’s path; two milestones may share ranks', () => {
    const bad = ladder();
    bad.components[2].table[1].ranks.push('SR');
    expect(problems(bad)).toEqual(['components.2.table.1.ranks']);
  });

  it('a base formula that does not parse', () => {
    const bad = ladder();
    bad.components[1].base = 'sales *';
    expect(problems(bad)).toEqual(['components.1.base']);
  });

  it('checks each field’s form', () => {
    const cases: [string, (d: any) => void, string[]][] = [
      ['plan code too short', (d) => (d.code = 'A'), ['code']],
      ['plan code lower case', (d) => (d.code = 'ab'), ['code']],
      ['plan code too long', (d) => (d.code = 'A'.repeat(33)), ['code']],
      ['plan code, longest', (d) => (d.code = 'A_1'.padEnd(32, 'B')), []],
      ['plan code with a suffix', (d) => (d.code = 'AB-'), ['code']],
      ['plan code with a prefix', (d) => (d.code = '-AB'), ['code']],
      ['no name', (d) => (d.name = ''), ['name']],
      ['longest name', (d) => (d.name = 'n'.repeat(100)), []],
      ['name too long', (d) => (d.name = 'n'.repeat(101)), ['name']],
      ['no components', (d) => (d.components = []), ['components']],
      ['component code upper case', (d) => (d.components[0].code = 'Base'), ['components.0.code']],
      ['component code digit first', (d) => (d.components[0].code = '1a'), ['components.0.code']],
      ['component code with a suffix', (d) => (d.components[0].code = 'a-'), ['components.0.code']],
      ['component code, one letter', (d) => (d.components[0].code = 'b'), []],
      ['component code, longest', (d) => (d.components[0].code = 'a'.padEnd(32, 'Z_9')), []],
      ['component code too long', (d) => (d.components[0].code = 'a'.repeat(33)), ['components.0.code']],
      ['no label', (d) => (d.components[0].label = ''), ['components.0.label']],
      ['longest label', (d) => (d.components[0].label = 'l'.repeat(64)), []],
      ['label too long', (d) => (d.components[0].label = 'l'.repeat(65)), ['components.0.label']],
      ['unknown kind', (d) => (d.components[0].kind = 'bonus'), ['components.0.kind']],
      ['unknown proration', (d) => (d.components[0].prorate = 'calendarDays'), ['components.0.prorate']],
      ['unknown mode', (d) => (d.components[1].mode = 'stepped'), ['components.1.mode']],
      ['no tiers', (d) => (d.components[1].tiers = []), ['components.1.tiers']],
      ['empty base', (d) => (d.components[1].base = ''), ['components.1.base']], // missing (one problem: an empty formula is not also parsed)
      ['base too long', (d) => (d.components[1].base = `sales${' + sales'.repeat(30)}`), ['components.1.base']],
      ['amount with one decimal', (d) => (d.components[1].tiers[0].from = '12999.5'), []],
      ['amount with two decimals', (d) => (d.components[1].tiers[0].from = '12999.55'), []],
      ['amount with three decimals', (d) => (d.components[1].tiers[0].from = '12999.555'), ['components.1.tiers.0.from']],
      ['amount with a bare point', (d) => (d.components[1].tiers[0].from = '12999.'), ['components.1.tiers.0.from']],
      ['negative amount', (d) => (d.components[1].tiers[0].from = '-1'), ['components.1.tiers.0.from']],
      ['amount with a prefix', (d) => (d.components[1].tiers[0].from = 'x1'), ['components.1.tiers.0.from']],
      ['amount with a suffix', (d) => (d.components[1].tiers[0].from = '1x'), ['components.1.tiers.0.from']],
      ['rate with four decimals', (d) => (d.components[1].tiers[0].rate = '2.1234'), []],
      ['rate with five decimals', (d) => (d.components[1].tiers[0].rate = '2.12345'), ['components.1.tiers.0.rate']],
      ['rate with a prefix', (d) => (d.components[1].tiers[0].rate = 'x2'), ['components.1.tiers.0.rate']],
      ['rate with a suffix', (d) => (d.components[1].tiers[0].rate = '2x'), ['components.1.tiers.0.rate']],
      ['rate without a whole part', (d) => (d.components[1].tiers[0].rate = '.5'), ['components.1.tiers.0.rate']],
      ['cap malformed', (d) => (d.components[1].cap = '1.234'), ['components.1.cap']],
      ['unknown tier measure', (d) => (d.components[1].tierOn = 'profit'), ['components.1.tierOn']],
      ['byDay 0', (d) => (d.components[2].byDay = 0), ['components.2.byDay']],
      ['byDay 1', (d) => (d.components[2].byDay = 1), []],
      ['byDay 31', (d) => (d.components[2].byDay = 31), []],
      ['byDay 32', (d) => (d.components[2].byDay = 32), ['components.2.byDay']],
      ['byDay fractional', (d) => (d.components[2].byDay = 1.5), ['components.2.byDay']],
      ['empty milestone table', (d) => (d.components[2].table = []), ['components.2.table']],
      ['milestone row without ranks', (d) => (d.components[2].table[0].ranks = []), ['components.2.table.0.ranks']],
      ['unknown rank', (d) => (d.components[2].table[0].ranks = ['CEO']), ['components.2.table.0.ranks.0']],
      ['milestone threshold malformed', (d) => (d.components[2].table[0].threshold = '1.234'), ['components.2.table.0.threshold']],
      ['milestone bonus malformed', (d) => (d.components[2].table[0].bonus = '1.234'), ['components.2.table.0.bonus']],
      ['override rate malformed', (d) => (d.components[4].ratePercent = '5%'), ['components.4.ratePercent']],
      ['override threshold malformed', (d) => (d.components[4].qualifyingSales = '15k'), ['components.4.qualifyingSales']],
      ['override without ranks', (d) => (d.components[4].eligibleRanks = []), ['components.4.eligibleRanks']],
      ['late fee malformed', (d) => (d.components[5].perLate = '5.555'), ['components.5.perLate']],
      ['negative free lates', (d) => (d.components[5].freeLates = -1), ['components.5.freeLates']],
      ['no free lates', (d) => (d.components[5].freeLates = 0), []],
      ['absence at no pay', (d) => (d.components[5].absentDay = 'none'), ['components.5.absentDay']],
      ['personal leave free', (d) => (d.components[5].personalLeaveDay = 'none'), []],
      ['unknown personal leave rule', (d) => (d.components[5].personalLeaveDay = 'halfDay'), ['components.5.personalLeaveDay']],
    ];
    const results = cases.map(([what, change]) => {
      const doc = ladder();
      change(doc);
      return [what, problems(doc)];
    });
    expect(results).toEqual(cases.map(([what, , paths]) => [what, paths]));
  });

  it('every component kind parses with its fields', () => {
    const all = plan(
      { kind: 'base', code: 'base', label: 'B', prorate: 'workingDays' },
      { kind: 'commission', code: 'c', label: 'C', tierOn: 'margin', base: 'margin', mode: 'marginal', tiers: [{ from: '0', rate: '1' }], cap: '10' },
      { kind: 'milestone', code: 'm', label: 'M', byDay: 5, table: [{ ranks: [...RANKS], threshold: '1', bonus: '2' }] },
      { kind: 'override', code: 'o', label: 'O', ratePercent: '1', qualifyingSales: '0', eligibleRanks: ['TE'] },
      { kind: 'attendance', code: 'a', label: 'A', perLate: '0', freeLates: 0, absentDay: 'dayPay', personalLeaveDay: 'dayPay' },
      { kind: 'adjustments', code: 'adj', label: 'J' },
    );
    expect(all.components.map((c) => c.kind)).toEqual(['base', 'commission', 'milestone', 'override', 'attendance', 'adjustments']);
  });
});

describe('working days', () => {
  it('Monday to Friday, both ends included', () => {
    expect(workingDaysBetween('2026-03-07', '2026-03-08')).toBe(0); // Saturday, Sunday
    expect(workingDaysBetween('2026-03-06', '2026-03-09')).toBe(2); // Friday … Monday
    expect(workingDaysBetween('2026-03-09', '2026-03-09')).toBe(1);
    expect(workingDaysBetween('2026-03-10', '2026-03-09')).toBe(0);
  });
});

describe('a base that could divide by zero', () => {
  it('is refused in the plan, with its path', () => {
    const bad = structuredClone(DIRECT_SALES_LADDER) as any;
    bad.components[1].base = 'sales / units';
    expect(() => parsePlan(bad)).toThrow(PlanDocumentError);
    try {
      parsePlan(bad);
    } catch (e) {
      expect((e as PlanDocumentError).problems.map((p) => p.path)).toEqual(['components.1.base']);
    }
  });
});
