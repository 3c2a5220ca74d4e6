/** A version and a compensation plan as the pane and the sheets name them: one phrase, names not codes. */
import { describe, expect, it } from 'vitest';
import { planText, versionText, words } from '../i18n.ts';

const en = words.en;
const zh = words['zh-CN'];

describe('versions and plans in words', () => {
  it('says a version as 第 N 版 / version N, never v1', () => {
    expect(versionText(zh, 2)).toBe('第 2 版');
    expect(versionText(en, 2)).toBe('version 2');
  });

  it('names a compensation plan by its name and version, adding its code only when another plan shares the name', () => {
    const base = { name: '底薪加提成', code: 'BASE_PLUS_COMMISSION', version: 1 };
    const ladder = { name: '直销职级方案', code: 'DIRECT_SALES_LADDER', version: 2 };
    expect(planText(zh, base, [base, ladder, { ...base, version: 2 }])).toBe('底薪加提成 · 第 1 版');
    expect(planText(en, ladder, [base, ladder])).toBe('直销职级方案 · version 2');
    expect(planText(zh, base, [base, { name: '底薪加提成', code: 'BPC_EAST', version: 1 }])).toBe('底薪加提成 (BASE_PLUS_COMMISSION) · 第 1 版');
  });
});
