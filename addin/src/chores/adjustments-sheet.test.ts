import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { adjustmentsSheet } from './adjustments-sheet.ts';

const row = { id: 'a', personId: 'p', personName: '李雷', employeeNo: 'E001', month: '2026-03', amount: '-50.10', reason: '=迟到', approvedBy: '王经理' };

describe('the adjustments sheet', () => {
  it('is named and labelled in the pane’s language, one per month', () => {
    const zh = adjustmentsSheet(words['zh-CN'], '2026-03', [row]);
    expect(zh.sheetName).toBe('奖惩 2026-03');
    expect(zh.columns.map((c) => c.header)).toEqual(['工号', '姓名', '金额', '原因', '批准人']);
    expect(zh.identity).toEqual({ month: '2026-03' });
    expect(adjustmentsSheet(words.en, '2026-04', []).sheetName).toBe('Adjustments 2026-04');
  });
  it('writes money as exact numbers in #,##0.00 and the server’s text as it is (the adapter keeps it text)', () => {
    const s = adjustmentsSheet(words.en, '2026-03', [row]);
    expect(s.rows[0]).toEqual(['E001', '李雷', -50.1, '=迟到', '王经理']);
    expect(s.columns[2]!.numberFormat).toBe('#,##0.00');
  });
  it('says a reward the product wrote (the demo’s top three) in the reader’s language, a typed reason as typed', () => {
    const top = { ...row, amount: '600.00', reason: '月度销售前三名奖励（第2名）' };
    expect(adjustmentsSheet(words.en, '2026-03', [top, row]).rows.map((r) => r[3])).toEqual(['Monthly top-three sales reward (place 2)', '=迟到']);
    expect(adjustmentsSheet(words['zh-CN'], '2026-03', [top, row]).rows.map((r) => r[3])).toEqual(['月度销售前三名奖励（第2名）', '=迟到']);
  });
});
