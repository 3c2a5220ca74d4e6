/** The Rep plans catalogue: the month fields' label names no month of its own, since the field beside it shows the month it reads. */
import { describe, expect, it } from 'vitest';
import { en, zh } from './rep-plans.ts';

describe('the rep plans words', () => {
  it('label the month field without a fixed example month that would differ from the month in the field', () => {
    for (const words of [en, zh]) expect(words.month).not.toMatch(/\d{4}-\d{2}/);
    expect([en.month, zh.month]).toEqual(['Month', '月份']);
  });
});
