/** The rep's log form, checked with the shared rules before it is sent, problems named in the reader's words. */
import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { checkLogForm, countOf, problemText, problemsText } from './use-my-work-reports.ts';

const form = (more: Partial<Parameters<typeof checkLogForm>[0]> = {}) => ({ calls: '8', visits: '', deals: '1', customersMet: '星湖电子', notes: '拜访客户', ...more });

describe('the log form', () => {
  it('reads empty counts as 0 and sends the rest as typed', () => {
    expect(countOf('')).toBe(0);
    expect(countOf(' 7 ')).toBe(7);
    // Only what a person writes as a number: not what JavaScript would make a number of.
    for (const typed of ['0x10', '1e2', 'Infinity', '+3']) expect(countOf(typed), typed).toBeNaN();
    expect(checkLogForm(form({ calls: '0x10' }), false).problems.map((p) => [p.code, p.params.value])).toEqual([['WORK_REPORT_NOT_WHOLE', '0x10']]);
    expect(checkLogForm(form(), true)).toEqual({ input: { calls: 8, visits: 0, deals: 1, customersMet: '星湖电子', notes: '拜访客户' }, problems: [] });
  });

  it('names a count that is no whole number as typed, and a missing day’s work to submit, in Chinese', () => {
    const zh = words['zh-CN'];
    const labels = { calls: zh.workReports.calls, visits: zh.workReports.visits, deals: zh.workReports.deals, customersMet: zh.workReports.customersMet, notes: zh.workReports.notes };
    const { problems } = checkLogForm(form({ calls: '八', deals: '-2', notes: ' ' }), true);
    expect(problems.map((p) => problemText(zh, labels, p))).toEqual(['电话数：“八”不是整数。', '成交数：-2 是负数；数量从 0 开始。', '当日主要工作：请填写此项。']);
    // What the form says on Save: every problem at once, not the first alone.
    expect(problemsText(zh, labels, problems)).toBe('电话数：“八”不是整数。 成交数：-2 是负数；数量从 0 开始。 当日主要工作：请填写此项。');
    expect(checkLogForm(form({ notes: '' }), false).problems).toEqual([]);
  });
});
