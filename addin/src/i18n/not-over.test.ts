/** The ask before closing off a period that has not ended: its title and body read as two sentences, in both languages. */
import { describe, expect, it } from 'vitest';
import { format, words } from '../i18n.ts';
import { formatPeriod } from './format.ts';

/** What the confirmation reads as, title then body (NotOverConfirm puts a space between them). */
const reading = (locale: 'en' | 'zh-CN', periodKey: string, body: 'ranking' | 'payroll') => {
  const n = words[locale].notOver;
  return `${format(n.title, { period: formatPeriod(periodKey, locale) })} ${n[body]}`;
};

describe('the not-over confirmation', () => {
  it('ends its title as a sentence, so it does not run into the body', () => {
    expect(reading('en', '2026-Q4', 'ranking')).toBe('Q4 2026 is not over yet. The places, and the rewards and penalties they propose, would rest on part of the period only. Publish the ranking anyway?');
    expect(reading('zh-CN', '2026-Q4', 'ranking')).toBe('2026年第4季度尚未结束。 现在的名次及其提出的奖惩只基于该期间的部分数据。仍要发布排名吗？');
    expect(reading('en', '2026-12', 'payroll')).toMatch(/^Dec 2026 is not over yet\. Its sales/);
    expect(reading('zh-CN', '2026-12', 'payroll')).toMatch(/^2026年12月尚未结束。 该月/);
  });
});
