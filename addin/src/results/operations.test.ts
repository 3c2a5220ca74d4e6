/** What a results sheet's banner says its figures run to. */
import { describe, expect, it } from 'vitest';
import { figuresAsOf } from './operations.ts';

describe('figuresAsOf', () => {
  it('is the period’s last day once it is over, whatever day picked it', () => {
    expect(figuresAsOf('MONTH', '2026-11-15', '2026-11-30', '2026-12-05')).toBe('2026-11-30');
    expect(figuresAsOf('QUARTER', '2026-08-01', '2026-09-30', '2026-12-05')).toBe('2026-09-30');
  });
  it('is today while the period runs', () => {
    expect(figuresAsOf('MONTH', '2026-12-02', '2026-12-31', '2026-12-05')).toBe('2026-12-05');
  });
  it('is the day chosen for year to date, which ends there', () => {
    expect(figuresAsOf('YEAR_TO_DATE', '2026-11-15', '2026-11-15', '2026-12-05')).toBe('2026-11-15');
  });
});
