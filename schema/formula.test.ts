import { describe, expect, it } from 'vitest';
import { decimal, evaluate, FormulaError, parseFormula, show, substitute, toFenHalfUp } from './formula.ts';

describe('plan formulas', () => {
  it('evaluate exactly, with no binary fractions', () => {
    const f = parseFormula('sales * 0.9 / 1.17', ['sales']);
    const v = evaluate(f, { sales: decimal('20000') });
    expect(show(v)).toBe('15384.6153…');
    expect(toFenHalfUp(v)).toBe(1538462n);
    expect(toFenHalfUp(evaluate(parseFormula('0.1 + 0.2', []), {}))).toBe(30n);
    expect(substitute(f, { sales: '20000.00' })).toBe('20000.00 × 0.9 ÷ 1.17');
    expect(substitute(parseFormula('(sales - margin) * 2', ['sales', 'margin']), { sales: '5', margin: '1' })).toBe('(5 − 1) × 2');
  });

  it('refuse anything but numbers, inputs, + - * / and parentheses', () => {
    expect(() => parseFormula('sales * rate', ['sales'])).toThrow(/uses "rate", which is not one of sales/);
    expect(() => parseFormula('max(sales, 1)', ['max', 'sales'])).toThrow(FormulaError);
    expect(() => parseFormula('sales *', ['sales'])).toThrow(/ends too early/);
    expect(() => parseFormula('(sales', ['sales'])).toThrow(/unclosed/);
    expect(() => parseFormula('sales; process.exit()', ['sales'])).toThrow(/where it should end|where a number/);
    expect(() => parseFormula('', [])).toThrow(/empty/);
    expect(() => evaluate(parseFormula('1 / 0', []), {})).toThrow(/division by zero/);
  });

  it('rounds half away from zero to the fen', () => {
    expect(toFenHalfUp(decimal('0.005'))).toBe(1n);
    expect(toFenHalfUp(decimal('0.0049'))).toBe(0n);
    expect(toFenHalfUp(decimal('-0.005'))).toBe(-1n);
  });
});
