import { describe, expect, it } from 'vitest';
import { divideHalfUp, fenToCellNumber, fenToCellValue, formatMoney, parseMoney } from './money.ts';
import { MAX_FEN, MIN_FEN, MoneyRangeError } from './money.ts';

describe('money in fen', () => {
  it('parses decimal strings exactly', () => {
    expect(parseMoney('1234.56')).toBe(123456n);
    expect(parseMoney('0.1')).toBe(10n);
    expect(parseMoney('-0.07')).toBe(-7n);
    expect(parseMoney('20,000')).toBe(2_000_000n);
    expect(parseMoney('90071992547409.93')).toBe(9007199254740993n);
  });

  it('rejects what is not money, saying why', () => {
    expect(() => parseMoney('12.345')).toThrow(/more than two decimal places/);
    expect(() => parseMoney('abc')).toThrow(/not an amount of money/);
    expect(() => parseMoney('1e5')).toThrow(/decimal number/);
    expect(() => parseMoney('')).toThrow();
    expect(() => parseMoney('1,2,3')).toThrow(/commas only between groups of three/);
    expect(() => parseMoney('1,000.0,0')).toThrow(/commas/);
    expect(() => parseMoney(',100')).toThrow(/commas/);
    expect(parseMoney('1,000.00')).toBe(100000n);
    expect(parseMoney('-12,345,678.9')).toBe(-1234567890n);
  });

  it('formats with two places and round-trips', () => {
    expect(formatMoney(123450n)).toBe('1234.50');
    expect(formatMoney(-5n)).toBe('-0.05');
    expect(formatMoney(0n)).toBe('0.00');
    for (const s of ['0.01', '99999999999.99', '-1.10']) expect(formatMoney(parseMoney(s))).toBe(s);
  });

  it('divides rounding half away from zero', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(4n, 3n)).toBe(1n);
    expect(divideHalfUp(2n, 3n)).toBe(1n);
    // The seed's commission: 20,000 × 0.9 / 1.17 × 20 % = 3,076.92 (fen arithmetic)
    expect(divideHalfUp(2_000_000n * 9n * 20n, 117n * 10n)).toBe(307692n);
  });

  it('turns fen into the cell number of the same decimal', () => {
    expect(fenToCellNumber(123456n)).toBe(1234.56);
    expect(() => fenToCellNumber(10n ** 17n)).toThrow(RangeError);
  });

  it('gives a cell the exact text of an amount no spreadsheet number holds, instead of throwing', () => {
    expect(fenToCellValue(123456n)).toBe(1234.56);
    expect(fenToCellValue(BigInt(Number.MAX_SAFE_INTEGER))).toBe(90071992547409.91);
    expect(fenToCellValue(10n ** 17n)).toBe('1000000000000000.00');
    expect(fenToCellValue(-(10n ** 17n))).toBe('-1000000000000000.00');
  });
});

describe('the range of money', () => {
  it('holds exactly 64-bit signed fen and refuses one fen beyond either end', () => {
    expect(parseMoney('92233720368547758.07')).toBe(MAX_FEN);
    expect(parseMoney('-92233720368547758.08')).toBe(MIN_FEN);
    expect(() => parseMoney('92233720368547758.08')).toThrow(MoneyRangeError);
    expect(() => parseMoney('-92233720368547758.09')).toThrow(/beyond the supported range/);
    expect(() => parseMoney('9'.repeat(5000))).toThrow(MoneyRangeError);
  });

  it('leading zeros do not count towards the range', () => {
    expect(parseMoney('000000000000000000001234.56')).toBe(123456n);
    expect(parseMoney('-0000000000000000000092233720368547758.08')).toBe(MIN_FEN);
  });

  it('carries the reason code the API reports (MONEY_OUT_OF_RANGE)', () => {
    expect(() => parseMoney('92233720368547758.08')).toThrow(expect.objectContaining({ reason: 'MONEY_OUT_OF_RANGE', input: '92233720368547758.08' }));
  });
});
