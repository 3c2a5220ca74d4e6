/** Rank and base salary as they stood on a day, from the newest values and the changes since. */
import { describe, expect, it } from 'vitest';
import { termsOn, type TermChange } from './pay-terms.ts';

const change = (term: 'RANK' | 'BASE_SALARY', before: string | null, effectiveFrom: string, minute = 0): TermChange => ({ personId: 'p', term, before, effectiveFrom, made: minute });

describe('termsOn', () => {
  const newest = { rank: 'SSM' as const, baseSalaryFen: 800_000n };
  // SE → SM from 1 April, SM → SSM from 1 June; base 600,000 → 700,000 from 15 April, → 800,000 from 1 July.
  const changes = [change('RANK', 'SM', '2026-06-01'), change('RANK', 'SE', '2026-04-01'), change('BASE_SALARY', '600000', '2026-04-15'), change('BASE_SALARY', '700000', '2026-07-01')];

  it('undoes every change that takes effect after the day, back to what the earliest replaced', () => {
    expect(termsOn(newest, changes, '2026-03-31')).toEqual({ rank: 'SE', baseSalaryFen: 600_000n });
    expect(termsOn(newest, changes, '2026-04-14')).toEqual({ rank: 'SM', baseSalaryFen: 600_000n });
    expect(termsOn(newest, changes, '2026-04-15')).toEqual({ rank: 'SM', baseSalaryFen: 700_000n });
    expect(termsOn(newest, changes, '2026-06-30')).toEqual({ rank: 'SSM', baseSalaryFen: 700_000n });
    expect(termsOn(newest, changes, '2026-07-01')).toEqual(newest);
    expect(termsOn(newest, [], '2020-01-01')).toEqual(newest);
  });

  it('takes two changes effective the same day in the order they were made, and a rank that was none', () => {
    const same = [change('RANK', 'SE', '2026-05-01', 2), change('RANK', null, '2026-05-01', 1)];
    expect(termsOn(newest, same, '2026-04-30').rank).toBeNull();
  });
});
