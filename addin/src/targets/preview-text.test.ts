/** The breakdown preview's words: money with ¥ and thousands, counts grouped, zh-CN punctuation. */
import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { previewText } from './preview-text.ts';

const preview = { total: '1200000.00', row: [{ periodKey: '2027-01', amount: '86252.35' }, { periodKey: '2027-02', amount: '90000' }] };

describe('the breakdown preview', () => {
  it('says money as ¥1,234.50 with full-width colons in zh-CN', () => {
    expect(previewText(words['zh-CN'], preview, 'SALES_AMOUNT')).toEqual({ total: '年度目标：¥1,200,000.00', periods: '2027年1月：¥86,252.35 · 2027年2月：¥90,000.00' });
  });

  it('says money the same way in English, with its own colons', () => {
    expect(previewText(words.en, preview, 'COLLECTIONS')).toEqual({ total: 'Year target: ¥1,200,000.00', periods: 'Jan 2027: ¥86,252.35 · Feb 2027: ¥90,000.00' });
  });

  it('says a count as a grouped whole number, without ¥', () => {
    const units = { total: '12000', row: [{ periodKey: '2027-Q1', amount: '3000' }] };
    expect(previewText(words['zh-CN'], units, 'UNITS')).toEqual({ total: '年度目标：12,000', periods: '2027年第1季度：3,000' });
  });
});
