import { describe, expect, it } from 'vitest';
import { isMonth, lastMonth } from './months.ts';

describe('month defaults', () => {
  it('is the month before, across a year end', () => {
    expect(lastMonth('2026-03-31')).toBe('2026-02');
    expect(lastMonth('2026-01-01')).toBe('2025-12');
    expect(lastMonth('2026-11-15')).toBe('2026-10');
  });
  it('knows a month key', () => {
    expect(isMonth('2026-03')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    // As the server takes them: no year before 1900 ("0026-03" is a slip for 2026).
    expect(isMonth('0000-01')).toBe(false);
    expect(isMonth('1899-12')).toBe(false);
    expect(isMonth('')).toBe(false);
  });
});
