/** KPI scorecard rules (issue 10 §4): weight check, score validation, weighted total, grade bands — boundaries exactly. */
import { describe, expect, it } from 'vitest';
import {
  COMPUTATION_UNIT,
  KPI_ROLE_OF_POSITION,
  checkIndicatorSet,
  checkScores,
  commentThreshold,
  completenessIssues,
  computedFraction,
  computedValue,
  formatRational,
  formatScaled,
  gradeBandIssues,
  gradeFor,
  parseScaled,
  roundHalfUp,
  scoreFraction,
  weightedPoints,
  weightedTotal,
  weightsIssue,
  type GradeBand,
  type IndicatorDraft,
  type ScoredLine,
} from './kpi.ts';
import { decimal, rational } from './formula.ts';

const BANDS: GradeBand[] = [
  { grade: 'EXCELLENT', min: '90', inclusive: true },
  { grade: 'GOOD', min: '80', inclusive: true },
  { grade: 'PASS', min: '60', inclusive: false },
];

const scored = (code: string, weight: string, maxScore = 10): IndicatorDraft => ({ code, name: `名${code}`, group: 'ATTITUDE', weight, computation: null, fullMarksAt: null, maxScore });
const computed = (code: string, weight: string, fullMarksAt: string | null = '100'): IndicatorDraft => ({
  code,
  name: `名${code}`,
  group: 'SALES',
  weight,
  computation: 'SALES_ACHIEVEMENT',
  fullMarksAt,
  maxScore: null,
});

describe('decimals', () => {
  it('parses non-negative decimals with at most the places given', () => {
    expect(parseScaled('60', 2)).toBe(6000n);
    expect(parseScaled(' 12.5 ', 2)).toBe(1250n);
    expect(parseScaled('0.01', 2)).toBe(1n);
    expect(parseScaled('7.', 2)).toBeNull();
    expect(parseScaled('.5', 2)).toBeNull();
    expect(parseScaled('1.234', 2)).toBeNull();
    expect(parseScaled('-5', 2)).toBeNull();
    expect(parseScaled('abc', 2)).toBeNull();
    expect(parseScaled('', 2)).toBeNull();
    expect(parseScaled('3', 0)).toBe(3n);
    expect(parseScaled('3.0', 0)).toBeNull();
  });

  it('formats scaled integers without trailing zeros', () => {
    expect(formatScaled(10000n, 2)).toBe('100');
    expect(formatScaled(9950n, 2)).toBe('99.5');
    expect(formatScaled(1n, 2)).toBe('0.01');
    expect(formatScaled(-1250n, 2)).toBe('-12.5');
    expect(formatScaled(7n, 0)).toBe('7');
  });

  it('rounds half away from zero, only for display', () => {
    expect(roundHalfUp(rational(2n, 3n))).toBe('0.67');
    expect(roundHalfUp(rational(1n, 3n))).toBe('0.33');
    expect(roundHalfUp(rational(1n, 200n))).toBe('0.01');
    expect(roundHalfUp(rational(1n, 201n))).toBe('0.00');
    expect(roundHalfUp(rational(-1n, 200n))).toBe('-0.01');
    expect(roundHalfUp(rational(-1n, 1000n))).toBe('0.00');
    expect(roundHalfUp(rational(9349n, 100n))).toBe('93.49');
    expect(roundHalfUp(rational(100n))).toBe('100.00');
    expect(roundHalfUp(rational(5n, 2n), 0)).toBe('3');
    expect(roundHalfUp(rational(1n, 8n), 3)).toBe('0.125');
  });

  it('shows a rational exactly when it can', () => {
    expect(formatRational(rational(6n))).toBe('6');
    expect(formatRational(rational(13n, 2n))).toBe('6.5');
    expect(formatRational(rational(1n, 16n))).toBe('0.0625');
    expect(formatRational(rational(1n, 32n))).toBe('0.03');
    expect(formatRational(rational(2n, 3n))).toBe('0.67');
  });
});

describe('the weight check', () => {
  it('passes exactly 100 % and names the sum otherwise', () => {
    expect(weightsIssue([6000n, 4000n])).toBeNull();
    expect(weightsIssue([6000n, 3999n])).toEqual({ reason: 'KPI_WEIGHTS_NOT_100', index: null, params: { sum: '99.99' } });
    expect(weightsIssue([6000n, 4001n])).toEqual({ reason: 'KPI_WEIGHTS_NOT_100', index: null, params: { sum: '100.01' } });
    expect(weightsIssue([])).toEqual({ reason: 'KPI_WEIGHTS_NOT_100', index: null, params: { sum: '0' } });
  });
});

describe('an indicator set', () => {
  const good = { indicators: [computed('a', '60'), scored('b', '25.5'), scored('c', '14.5', 5)], gradeBands: BANDS };

  it('is accepted when whole', () => {
    expect(checkIndicatorSet(good)).toEqual([]);
  });

  it('refuses weights that do not sum to 100 %, with the sum', () => {
    expect(checkIndicatorSet({ ...good, indicators: [computed('a', '60'), scored('b', '35')] })).toEqual([{ reason: 'KPI_WEIGHTS_NOT_100', index: null, params: { sum: '95' } }]);
  });

  it('refuses a weight that is not a positive percentage with at most two decimals (and skips the sum then)', () => {
    for (const weight of ['0', 'x', '12.345', '-10', '']) {
      expect(checkIndicatorSet({ ...good, indicators: [computed('a', '60'), scored('b', weight)] })).toEqual([
        { reason: 'KPI_WEIGHT_INVALID', index: 1, params: { indicator: '名b', value: weight } },
      ]);
    }
  });

  it('refuses no indicators at all', () => {
    expect(checkIndicatorSet({ ...good, indicators: [] })).toEqual([{ reason: 'KPI_NO_INDICATORS', index: null, params: {} }]);
  });

  it('refuses a code used twice', () => {
    expect(checkIndicatorSet({ ...good, indicators: [computed('a', '50'), scored('a', '50')] })).toEqual([{ reason: 'KPI_INDICATOR_DUPLICATE', index: 1, params: { indicator: 'a' } }]);
  });

  it('asks a computed indicator for a positive full-marks value', () => {
    for (const full of [null, '0', 'x', '1.234']) {
      expect(checkIndicatorSet({ ...good, indicators: [computed('a', '60', full), scored('b', '40')] })).toEqual([
        { reason: 'KPI_FULL_MARKS_INVALID', index: 0, params: { indicator: '名a', value: full ?? '' } },
      ]);
    }
    expect(checkIndicatorSet({ ...good, indicators: [computed('a', '60', '0.01'), scored('b', '40')] })).toEqual([]);
  });

  it('asks a manager-scored indicator for a whole max score from 1 to 1000', () => {
    for (const max of [0, -1, 1001, 2.5]) {
      expect(checkIndicatorSet({ ...good, indicators: [computed('a', '60'), scored('b', '40', max)] })).toEqual([{ reason: 'KPI_MAX_SCORE_INVALID', index: 1, params: { indicator: '名b' } }]);
    }
    expect(checkIndicatorSet({ ...good, indicators: [computed('a', '60'), { ...scored('b', '40'), maxScore: null }] })).toEqual([
      { reason: 'KPI_MAX_SCORE_INVALID', index: 1, params: { indicator: '名b' } },
    ]);
    for (const max of [1, 1000]) expect(checkIndicatorSet({ ...good, indicators: [computed('a', '60'), scored('b', '40', max)] })).toEqual([]);
  });

  it('checks the grade bands with it', () => {
    expect(checkIndicatorSet({ ...good, gradeBands: BANDS.slice(0, 2) })).toEqual([{ reason: 'KPI_GRADE_BANDS_ORDER', index: null, params: {} }]);
  });
});

describe('grade bands', () => {
  it('name EXCELLENT, GOOD and PASS once each, best first, with strictly falling minimums from 0 to 100', () => {
    expect(gradeBandIssues(BANDS)).toEqual([]);
    expect(gradeBandIssues([{ ...BANDS[0]!, min: '100' }, BANDS[1]!, { ...BANDS[2]!, min: '0' }])).toEqual([]);
    const order = [{ reason: 'KPI_GRADE_BANDS_ORDER', index: null, params: {} }];
    expect(gradeBandIssues([BANDS[1]!, BANDS[0]!, BANDS[2]!])).toEqual(order);
    expect(gradeBandIssues([BANDS[0]!, BANDS[1]!, BANDS[2]!, BANDS[2]!])).toEqual(order);
    expect(gradeBandIssues([BANDS[0]!, { ...BANDS[1]!, min: '90' }, BANDS[2]!])).toEqual(order);
    expect(gradeBandIssues([BANDS[0]!, BANDS[1]!, { ...BANDS[2]!, min: '85' }])).toEqual(order);
  });

  it('refuses a minimum that is not a percentage from 0 to 100 with at most two decimals', () => {
    expect(gradeBandIssues([BANDS[0]!, { ...BANDS[1]!, min: '0' }, { ...BANDS[2]!, min: 'x' }])).toEqual([{ reason: 'KPI_GRADE_MIN_INVALID', index: 2, params: { grade: 'PASS', value: 'x' } }]);
    expect(gradeBandIssues([{ ...BANDS[0]!, min: '100.01' }, BANDS[1]!, BANDS[2]!])).toEqual([{ reason: 'KPI_GRADE_MIN_INVALID', index: 0, params: { grade: 'EXCELLENT', value: '100.01' } }]);
    expect(gradeBandIssues([BANDS[0]!, { ...BANDS[1]!, min: '8.005' }, BANDS[2]!])).toEqual([{ reason: 'KPI_GRADE_MIN_INVALID', index: 1, params: { grade: 'GOOD', value: '8.005' } }]);
  });
});

describe('grade by thresholds', () => {
  const t = (s: string) => gradeFor(decimal(s), BANDS);
  it('takes an inclusive band at its minimum exactly, and not a hair below', () => {
    expect(t('100')).toBe('EXCELLENT');
    expect(t('90')).toBe('EXCELLENT');
    expect(gradeFor(rational(8999999n, 100000n), BANDS)).toBe('GOOD');
    expect(t('80')).toBe('GOOD');
    expect(t('79.99')).toBe('PASS');
  });

  it('takes an exclusive band only above its minimum', () => {
    expect(t('60')).toBe('FAIL');
    expect(gradeFor(rational(6000001n, 100000n), BANDS)).toBe('PASS');
    expect(t('0')).toBe('FAIL');
  });

  it('follows the data, not fixed numbers', () => {
    const bands: GradeBand[] = [
      { grade: 'EXCELLENT', min: '85.5', inclusive: false },
      { grade: 'GOOD', min: '70', inclusive: true },
      { grade: 'PASS', min: '50', inclusive: true },
    ];
    expect(gradeFor(decimal('85.5'), bands)).toBe('GOOD');
    expect(gradeFor(decimal('85.51'), bands)).toBe('EXCELLENT');
    expect(gradeFor(decimal('50'), bands)).toBe('PASS');
    expect(gradeFor(decimal('49.99'), bands)).toBe('FAIL');
  });
});

describe('score validation', () => {
  const lines: ScoredLine[] = [
    { code: 'sales', name: '销售额达成率', computation: 'SALES_ACHIEVEMENT', maxScore: null },
    { code: 'attitude', name: '工作态度', computation: null, maxScore: 10 },
    { code: 'team', name: '团队协作', computation: null, maxScore: 5 },
  ];
  const check = (score: string | null, comment: string | null = null, code = 'attitude') => checkScores(lines, [{ code, score, comment }], 60);

  it('accepts whole points from 0 to the max', () => {
    expect(check('10')).toEqual({ issues: [], scores: new Map([['attitude', 10]]) });
    expect(check(' 6 ')).toEqual({ issues: [], scores: new Map([['attitude', 6]]) });
    expect(check('7.0')).toEqual({ issues: [], scores: new Map([['attitude', 7]]) });
    expect(check('+8')).toEqual({ issues: [], scores: new Map([['attitude', 8]]) });
    expect(check('0', '缺勤多')).toEqual({ issues: [], scores: new Map([['attitude', 0]]) });
  });

  it('clears a score given as nothing', () => {
    expect(check(null)).toEqual({ issues: [], scores: new Map([['attitude', null]]) });
    expect(check('  ')).toEqual({ issues: [], scores: new Map([['attitude', null]]) });
  });

  it('refuses a score out of range, naming the indicator, the value and the max', () => {
    expect(check('11').issues).toEqual([{ reason: 'KPI_SCORE_OUT_OF_RANGE', index: 0, params: { indicator: '工作态度', value: '11', max: 10 } }]);
    expect(check('-1').issues).toEqual([{ reason: 'KPI_SCORE_OUT_OF_RANGE', index: 0, params: { indicator: '工作态度', value: '-1', max: 10 } }]);
    expect(check('6', null, 'team').issues).toEqual([{ reason: 'KPI_SCORE_OUT_OF_RANGE', index: 0, params: { indicator: '团队协作', value: '6', max: 5 } }]);
    expect(check('5', null, 'team').issues).toEqual([]);
  });

  it('refuses a score that is not whole, or not a number', () => {
    expect(check('7.5').issues).toEqual([{ reason: 'KPI_SCORE_NOT_WHOLE', index: 0, params: { indicator: '工作态度', value: '7.5' } }]);
    expect(check('7.01').issues).toEqual([{ reason: 'KPI_SCORE_NOT_WHOLE', index: 0, params: { indicator: '工作态度', value: '7.01' } }]);
    for (const bad of ['seven', '7a', '1e1', '7,5', '.5'])
      expect(check(bad).issues).toEqual([{ reason: 'KPI_SCORE_NOT_A_NUMBER', index: 0, params: { indicator: '工作态度', value: bad } }]);
  });

  it('asks for a comment strictly below the threshold (60 % of the max)', () => {
    expect(check('5').issues).toEqual([{ reason: 'KPI_COMMENT_REQUIRED', index: 0, params: { indicator: '工作态度', threshold: '6' } }]);
    expect(check('5', '   ').issues).toEqual([{ reason: 'KPI_COMMENT_REQUIRED', index: 0, params: { indicator: '工作态度', threshold: '6' } }]);
    expect(check('5', '迟到三次').issues).toEqual([]);
    expect(check('6').issues).toEqual([]);
    // 60 % of 5 is 3: 2 needs a comment, 3 does not.
    expect(check('2', null, 'team').issues).toEqual([{ reason: 'KPI_COMMENT_REQUIRED', index: 0, params: { indicator: '团队协作', threshold: '3' } }]);
    expect(check('3', null, 'team').issues).toEqual([]);
  });

  it('takes the threshold from the data', () => {
    expect(checkScores(lines, [{ code: 'team', score: '3', comment: null }], 65).issues).toEqual([{ reason: 'KPI_COMMENT_REQUIRED', index: 0, params: { indicator: '团队协作', threshold: '3.25' } }]);
    expect(checkScores(lines, [{ code: 'attitude', score: '0', comment: null }], 0).issues).toEqual([]);
    expect(commentThreshold(10, 60)).toEqual(rational(6n));
    expect(commentThreshold(5, 65)).toEqual(rational(13n, 4n));
  });

  it('takes no score for a computed indicator even with a max, nor for a line without a max', () => {
    const odd: ScoredLine[] = [
      { code: 'c', name: '计算', computation: 'NEW_CUSTOMERS', maxScore: 10 },
      { code: 'm', name: '无上限', computation: null, maxScore: null },
    ];
    expect(checkScores(odd, [{ code: 'c', score: '5', comment: null }, { code: 'm', score: '5', comment: null }], 60).issues).toEqual([
      { reason: 'KPI_COMPUTED_INDICATOR', index: 0, params: { indicator: '计算' } },
      { reason: 'KPI_COMPUTED_INDICATOR', index: 1, params: { indicator: '无上限' } },
    ]);
  });

  it('refuses a score for a computed indicator, an unknown one, or one given twice', () => {
    expect(check('5', null, 'sales').issues).toEqual([{ reason: 'KPI_COMPUTED_INDICATOR', index: 0, params: { indicator: '销售额达成率' } }]);
    expect(check('5', null, 'nope').issues).toEqual([{ reason: 'KPI_UNKNOWN_INDICATOR', index: 0, params: { indicator: 'nope' } }]);
    const twice = checkScores(lines, [{ code: 'attitude', score: '8', comment: null }, { code: 'attitude', score: '9', comment: null }], 60);
    expect(twice.issues).toEqual([{ reason: 'KPI_INDICATOR_DUPLICATE', index: 1, params: { indicator: '工作态度' } }]);
    expect(twice.scores).toEqual(new Map([['attitude', 8]]));
  });

  it('reports every bad entry, each with its position', () => {
    const r = checkScores(lines, [{ code: 'attitude', score: '12', comment: null }, { code: 'team', score: '1.5', comment: null }], 60);
    expect(r.issues.map((i) => [i.reason, i.index])).toEqual([
      ['KPI_SCORE_OUT_OF_RANGE', 0],
      ['KPI_SCORE_NOT_WHOLE', 1],
    ]);
  });
});

describe('the tables', () => {
  it('say which computations are rates and which counts, and which set each position is assessed by', () => {
    expect(COMPUTATION_UNIT).toEqual({
      SALES_ACHIEVEMENT: 'rate',
      TEAM_SALES_ACHIEVEMENT: 'rate',
      COLLECTION_RATE: 'rate',
      NEW_CUSTOMERS: 'count',
      CALLS_PER_DAY: 'average',
      VISITS_PER_WEEK: 'average',
      REPORTS_ON_TIME: 'rate',
    });
    expect(KPI_ROLE_OF_POSITION).toEqual({ SALES_REP: 'REP', ACCOUNT_MANAGER: 'MANAGER', REGIONAL_MANAGER: 'MANAGER', SALES_DIRECTOR: 'MANAGER', FINANCE: null });
  });
});

describe('computed indicators', () => {
  it('show rates as a percentage of their basis, counts as they are', () => {
    expect(computedValue('SALES_ACHIEVEMENT', { actual: 1_875_000n, basis: 2_000_000n })).toEqual(rational(375n, 4n));
    expect(computedValue('COLLECTION_RATE', { actual: 0n, basis: 100n })).toEqual(rational(0n));
    expect(computedValue('SALES_ACHIEVEMENT', { actual: 5n, basis: null })).toBeNull();
    expect(computedValue('TEAM_SALES_ACHIEVEMENT', { actual: 5n, basis: 0n })).toBeNull();
    expect(computedValue('NEW_CUSTOMERS', { actual: 4n, basis: null })).toEqual(rational(4n));
  });

  it('earn value ÷ full marks, capped at 1 and floored at 0', () => {
    expect(computedFraction('SALES_ACHIEVEMENT', { actual: 1_875_000n, basis: 2_000_000n }, '100', 1)).toEqual(rational(15n, 16n));
    expect(computedFraction('SALES_ACHIEVEMENT', { actual: 2_500_000n, basis: 2_000_000n }, '100', 1)).toEqual(rational(1n));
    expect(computedFraction('SALES_ACHIEVEMENT', { actual: -100n, basis: 2_000_000n }, '100', 1)).toEqual(rational(0n));
    expect(computedFraction('COLLECTION_RATE', { actual: 80n, basis: 100n }, '90', 1)).toEqual(rational(8n, 9n));
    expect(computedFraction('COLLECTION_RATE', { actual: 90n, basis: 100n }, '90', 3)).toEqual(rational(1n));
    expect(computedFraction('COLLECTION_RATE', { actual: 1n, basis: 0n }, '90', 1)).toBeNull();
  });

  it('show the habits as calls a working day, visits a week (7 days) and reports on time as a percentage', () => {
    expect(computedValue('CALLS_PER_DAY', { actual: 150n, basis: 20n })).toEqual(rational(15n, 2n));
    expect(computedValue('VISITS_PER_WEEK', { actual: 6n, basis: 28n })).toEqual(rational(3n, 2n));
    expect(computedValue('REPORTS_ON_TIME', { actual: 3n, basis: 4n })).toEqual(rational(75n));
    expect(computedValue('CALLS_PER_DAY', { actual: 0n, basis: 0n })).toBeNull();
    expect(computedValue('REPORTS_ON_TIME', { actual: 0n, basis: null })).toBeNull();
  });

  it('earn the habits’ full marks per day or week whatever the period’s length', () => {
    // 5 calls a day for full marks: 4 a day earn 4/5, in a month or a quarter alike.
    expect(computedFraction('CALLS_PER_DAY', { actual: 80n, basis: 20n }, '5', 1)).toEqual(rational(4n, 5n));
    expect(computedFraction('CALLS_PER_DAY', { actual: 240n, basis: 60n }, '5', 3)).toEqual(rational(4n, 5n));
    expect(computedFraction('VISITS_PER_WEEK', { actual: 8n, basis: 28n }, '1', 1)).toEqual(rational(1n));
    expect(computedFraction('VISITS_PER_WEEK', { actual: 2n, basis: 28n }, '1', 1)).toEqual(rational(1n, 2n));
    expect(computedFraction('REPORTS_ON_TIME', { actual: 3n, basis: 4n }, '100', 1)).toEqual(rational(3n, 4n));
  });

  it('count a number a month, times the months of the period', () => {
    expect(computedFraction('NEW_CUSTOMERS', { actual: 2n, basis: null }, '3', 1)).toEqual(rational(2n, 3n));
    expect(computedFraction('NEW_CUSTOMERS', { actual: 2n, basis: null }, '3', 3)).toEqual(rational(2n, 9n));
    expect(computedFraction('NEW_CUSTOMERS', { actual: 12n, basis: null }, '3', 3)).toEqual(rational(1n));
    expect(computedFraction('NEW_CUSTOMERS', { actual: 3n, basis: null }, '2.5', 1)).toEqual(rational(1n));
  });
});

describe('the weighted total', () => {
  it('adds weight × fraction exactly, on a 0-100 scale', () => {
    expect(weightedPoints(4500n, rational(15n, 16n))).toEqual(rational(675n, 16n));
    expect(scoreFraction(7, 10)).toEqual(rational(7n, 10n));
    const total = weightedTotal([
      { weight: 4500n, fraction: rational(15n, 16n) },
      { weight: 1000n, fraction: rational(4n, 5n) },
      { weight: 500n, fraction: rational(2n, 3n) },
      { weight: 4000n, fraction: rational(7n, 10n) },
    ]);
    // 42.1875 + 8 + 3.333… + 28 = 81.5208333…
    expect(total).toEqual(rational(19565n, 240n));
    expect(roundHalfUp(total!)).toBe('81.52');
    expect(weightedTotal([{ weight: 10000n, fraction: rational(1n) }])).toEqual(rational(100n));
  });

  it('is not there until every line has a fraction', () => {
    expect(weightedTotal([{ weight: 5000n, fraction: rational(1n) }, { weight: 5000n, fraction: null }])).toBeNull();
    expect(weightedTotal([])).toEqual(rational(0n));
  });
});

describe('completeness for submission', () => {
  it('names each manager-scored line without a score and computed line without a value', () => {
    expect(
      completenessIssues([
        { name: '达成率', computation: 'SALES_ACHIEVEMENT', score: null, fraction: null },
        { name: '态度', computation: null, score: null, fraction: null },
        { name: '协作', computation: null, score: 4, fraction: rational(4n, 5n) },
        { name: '回款', computation: 'COLLECTION_RATE', score: null, fraction: rational(1n) },
      ]),
    ).toEqual([
      { reason: 'KPI_NO_VALUE', index: 0, params: { indicator: '达成率' } },
      { reason: 'KPI_SCORE_MISSING', index: 1, params: { indicator: '态度' } },
    ]);
  });
});
