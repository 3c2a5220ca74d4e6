/** Payroll as a report: components, exact totals, and what changed between two runs. */
import { describe, expect, it } from 'vitest';
import { components, payslipChanges, runTotals, type ReportSlip } from './payroll-report.ts';

const slip = (personId: string, employeeNo: string, lines: [string, string, bigint][], deductionsFen = 0n): ReportSlip => {
  const gross = lines.reduce((a, [, , v]) => a + (v > 0n ? v : 0n), 0n);
  return {
    personId,
    employeeNo,
    personName: personId.toUpperCase(),
    grossFen: gross,
    deductionsFen,
    netFen: gross - deductionsFen,
    lines: lines.map(([code, kind, amountFen]) => ({ code, kind, label: kind === 'adjustments' ? `奖惩 Reward: ${code}` : code.toUpperCase(), amountFen })),
  };
};

describe('payroll report', () => {
  it('gives adjustments one column, in the order components first appear', () => {
    const a = slip('a', 'QB2', [['base', 'base', 300_000n], ['adjustment1', 'adjustments', 30_000n], ['adjustment2', 'adjustments', -5_000n]]);
    const b = slip('b', 'QB1', [['base', 'base', 350_000n], ['attendance', 'attendance', -5_000n]]);
    expect(components([a, b])).toEqual([
      { key: 'base', label: 'BASE', kind: 'base' },
      { key: 'adjustments', label: '奖惩 Reward', kind: 'adjustments' },
      { key: 'attendance', label: 'ATTENDANCE', kind: 'attendance' },
    ]);
    const t = runTotals([a, b]);
    expect(t).toMatchObject({ headcount: 2, grossFen: 680_000n, netFen: 680_000n });
    expect(t.components.map((c) => [c.key, c.totalFen])).toEqual([
      ['base', 650_000n],
      ['adjustments', 25_000n],
      ['attendance', -5_000n],
    ]);
  });

  it('lists each differing amount, people by employee number, a person only in one run against null', () => {
    const before = [slip('a', 'QB2', [['base', 'base', 300_000n], ['commission', 'commission', 173_077n]]), slip('c', 'QB3', [['base', 'base', 1n]])];
    const after = [slip('a', 'QB2', [['base', 'base', 300_000n], ['commission', 'commission', 307_692n]]), slip('b', 'QB1', [['base', 'base', 10n]])];
    expect(payslipChanges(before, after).map((c) => [c.employeeNo, c.key, c.oldFen, c.newFen])).toEqual([
      ['QB1', 'base', null, 10n],
      ['QB1', 'gross', null, 10n],
      ['QB1', 'deductions', null, 0n],
      ['QB1', 'net', null, 10n],
      ['QB2', 'commission', 173_077n, 307_692n],
      ['QB2', 'gross', 473_077n, 607_692n],
      ['QB2', 'net', 473_077n, 607_692n],
      ['QB3', 'base', 1n, null],
      ['QB3', 'gross', 1n, null],
      ['QB3', 'deductions', 0n, null],
      ['QB3', 'net', 1n, null],
    ]);
    expect(payslipChanges(after, after)).toEqual([]);
  });
});
