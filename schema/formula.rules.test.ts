/** Exact formula arithmetic pinned (issue 7 §9; see schema/MUTATION.md). */
import { describe, expect, it } from 'vitest';
import { add, cmp, decimal, div, evaluate, FormulaError, fromFen, mul, parseFormula, rational, show, sub, substitute, toFenHalfUp } from './formula.ts';

const q = (n: bigint, d = 1n) => rational(n, d);

describe('rationals', () => {
  it('are kept in lowest terms with a positive denominator', () => {
    expect(rational(6n, 4n)).toEqual({ n: 3n, d: 2n });
    expect(rational(6n, -4n)).toEqual({ n: -3n, d: 2n });
    expect(rational(-6n, 4n)).toEqual({ n: -3n, d: 2n });
    expect(rational(0n, 5n)).toEqual({ n: 0n, d: 1n });
    expect(rational(7n)).toEqual({ n: 7n, d: 1n });
    expect(() => rational(1n, 0n)).toThrow(FormulaError);
  });
  it('add, subtract, multiply, divide and compare exactly', () => {
    expect(add(q(1n, 3n), q(1n, 6n))).toEqual({ n: 1n, d: 2n });
    expect(sub(q(1n, 3n), q(1n, 2n))).toEqual({ n: -1n, d: 6n });
    expect(mul(q(2n, 3n), q(3n, 4n))).toEqual({ n: 1n, d: 2n });
    expect(div(q(2n, 3n), q(4n, 9n))).toEqual({ n: 3n, d: 2n });
    expect(div(q(1n), q(-2n))).toEqual({ n: -1n, d: 2n });
    expect(() => div(q(1n), q(0n))).toThrow(FormulaError);
    expect([cmp(q(1n, 3n), q(1n, 2n)), cmp(q(1n, 2n), q(2n, 4n)), cmp(q(2n, 3n), q(1n, 2n))]).toEqual([-1, 0, 1]);
  });
  it('read decimals exactly', () => {
    expect(decimal('0.9')).toEqual({ n: 9n, d: 10n });
    expect(decimal('-12.5')).toEqual({ n: -25n, d: 2n });
    expect(decimal(' 3 ')).toEqual({ n: 3n, d: 1n });
    expect(decimal('1.250')).toEqual({ n: 5n, d: 4n });
    for (const bad of ['', '1.', '.5', 'x1', '1x', '1e3', '--1']) expect(() => decimal(bad), bad).toThrow(FormulaError);
    expect(fromFen(150n)).toEqual({ n: 3n, d: 2n });
  });
  it('round half away from zero to the fen', () => {
    expect(toFenHalfUp(decimal('1.004'))).toBe(100n);
    expect(toFenHalfUp(decimal('1.005'))).toBe(101n);
    expect(toFenHalfUp(decimal('-1.005'))).toBe(-101n);
    expect(toFenHalfUp(decimal('-1.0049'))).toBe(-100n);
    expect(toFenHalfUp(q(1n, 3n))).toBe(33n);
    expect(toFenHalfUp(q(2n, 3n))).toBe(67n);
    expect(toFenHalfUp(q(12n))).toBe(1200n);
  });
  it('show as decimals, cut short with …', () => {
    expect(show(q(1n, 3n))).toBe('0.3333…');
    expect(show(q(1n, 3n), 2)).toBe('0.33…');
    expect(show(q(-5n, 4n))).toBe('-1.25');
    expect(show(q(7n))).toBe('7');
    expect(show(q(0n))).toBe('0');
    expect(show(q(1n, 8n), 3)).toBe('0.125');
    expect(show(q(1n, 16n), 3)).toBe('0.062…');
  });
});

describe('formulas', () => {
  const names = ['sales', 'units', 'margin'];
  const value = (source: string, values: Record<string, bigint> = {}) =>
    show(evaluate(parseFormula(source, names), Object.fromEntries(Object.entries(values).map(([k, v]) => [k, q(v)]))));

  it('* and / bind tighter than + and -, left to right', () => {
    expect(value('1 + 2 * 3')).toBe('7');
    expect(value('2 * 3 + 1')).toBe('7');
    expect(value('10 - 4 - 3')).toBe('3');
    expect(value('12 / 3 / 2')).toBe('2');
    expect(value('(1 + 2) * 3')).toBe('9');
    expect(value('10 - 2 * 3 / 4')).toBe('8.5');
    expect(value('2 * (3 - 5)')).toBe('-4');
  });
  it('names, numbers with decimals and unary minus', () => {
    expect(value('sales * 0.5 - units', { sales: 10n, units: 3n })).toBe('2');
    expect(value('-sales + 1', { sales: 3n })).toBe('-2');
    expect(value('--2')).toBe('2');
    expect(value('-(1 + 2)')).toBe('-3');
    expect(parseFormula('sales * sales + margin', names).names).toEqual(['sales', 'margin']);
    expect(parseFormula('2', names).names).toEqual([]);
    expect(value(' sales * 2 ', { sales: 3n })).toBe('6');
  });
  it('needs a value for each name', () => {
    expect(() => evaluate(parseFormula('sales + units', names), { sales: q(1n) })).toThrow(FormulaError);
  });
  it('refuses everything else with a FormulaError', () => {
    for (const bad of ['sales +', '(sales', 'sales)', 'sales sales', 'sales(1)', 'profit', '1 $ 2', 'sales $', '$sales', 'sales;', '   ', '* 2', '2 *', 'sales.x', '1..2']) {
      expect(() => parseFormula(bad, names), bad).toThrow(FormulaError);
    }
  });
  it('shows the formula with the values put in, parenthesised where needed', () => {
    const s = (source: string) => substitute(parseFormula(source, names), { sales: '100.00' });
    expect(s('sales * 0.9 / 1.17')).toBe('100.00 × 0.9 ÷ 1.17');
    expect(s('(sales + 1) * 2')).toBe('(100.00 + 1) × 2');
    expect(s('sales - (1 - 2)')).toBe('100.00 − (1 − 2)');
    expect(s('sales - 1 - 2')).toBe('100.00 − 1 − 2');
    expect(s('sales / (2 * 3)')).toBe('100.00 ÷ (2 × 3)');
    expect(s('1 + 2 * sales')).toBe('1 + 2 × 100.00');
    expect(s('-(sales + 1)')).toBe('-(100.00 + 1)');
    expect(s('-units')).toBe('-units');
  });
});

describe('divisors', () => {
  it('must be non-zero numbers, so that a payslip can always be computed', () => {
    expect(() => parseFormula('sales / units', ['sales', 'units'])).toThrow(/divides by an input/);
    expect(() => parseFormula('sales / (2 - units)', ['sales', 'units'])).toThrow(/divides by an input/);
    expect(() => parseFormula('sales / -units', ['sales', 'units'])).toThrow(/divides by an input/);
    expect(() => parseFormula('sales / 0', ['sales'])).toThrow(/division by zero/);
    expect(() => parseFormula('sales / (1 - 1)', ['sales'])).toThrow(/division by zero/);
    expect(() => parseFormula('-(sales / 0)', ['sales'])).toThrow(/division by zero/);
    expect(() => parseFormula('1 + sales / 0.0', ['sales'])).toThrow(/division by zero/);
    expect(() => parseFormula('sales / (1 / 0)', ['sales'])).toThrow(FormulaError);
    expect(show(evaluate(parseFormula('sales / (3 - 1) / -2', ['sales']), { sales: q(8n) }))).toBe('-2');
    expect(show(evaluate(parseFormula('(sales + units) / 4', ['sales', 'units']), { sales: q(8n), units: q(4n) }))).toBe('3');
  });
});
