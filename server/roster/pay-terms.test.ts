/** Rank and base salary as they stood on a day, from the newest values and the changes since. */
import { describe, expect, it } from 'vitest';
import { mentorOn, termsOn, type TermChange } from './pay-terms.ts';

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

  it('a change dated back, made after one dated later, sets the value from its day on: the later-dated one no longer counts', () => {
    // Base 5,000; a raise to 6,000 from 1 July is entered, then corrected: 7,000 from 1 May (the newest value).
    const corrected = [change('BASE_SALARY', '500000', '2026-07-01', 1), change('BASE_SALARY', '600000', '2026-05-01', 2)];
    const now = { rank: 'SR' as const, baseSalaryFen: 700_000n };
    expect(termsOn(now, corrected, '2026-04-30').baseSalaryFen).toBe(500_000n);
    expect(termsOn(now, corrected, '2026-06-15').baseSalaryFen).toBe(700_000n);
    expect(termsOn(now, corrected, '2026-07-15').baseSalaryFen).toBe(700_000n);
  });

  it('takes two changes effective the same day in the order they were made, and a rank that was none', () => {
    const same = [change('RANK', 'SE', '2026-05-01', 2), change('RANK', null, '2026-05-01', 1)];
    expect(termsOn(newest, same, '2026-04-30').rank).toBeNull();
  });
});

describe('mentorOn', () => {
  const moved = (before: string | null, effectiveFrom: string, made = 0): TermChange => ({ personId: 't', term: 'MENTOR', before, effectiveFrom, made });

  it('is the mentor before the earliest change taking effect after the day, and the newest otherwise; rank and base changes do not count', () => {
    // No mentor until 1 March, A from then, B from 1 October (newest).
    const changes = [moved('A', '2026-10-01'), moved(null, '2026-03-01'), { ...moved('X', '2026-05-01'), term: 'RANK' as const }];
    expect(mentorOn('B', changes, '2026-02-28')).toBeNull();
    expect(mentorOn('B', changes, '2026-09-30')).toBe('A');
    expect(mentorOn('B', changes, '2026-10-01')).toBe('B');
    expect(mentorOn('B', [], '2020-01-01')).toBe('B');
  });
});
