import { describe, expect, it } from 'vitest';
import { freezeInputs, thawInputs } from './inputs.ts';
import type { PayInputs } from '../../schema/compensation.ts';

const inputs: PayInputs = {
  month: '2026-03',
  workingDays: 22,
  workingDaysEmployed: 20,
  calendar: { name: '中国大陆', weekdays: 22, holidays: ['2026-03-05'], makeupDays: [] },
  person: { name: '张伟', rank: 'SE', baseSalaryFen: 800_000n },
  measures: { sales: 9_223_372_036_854_775_807n, units: 12n, collections: -5n, margin: 0n },
  dailySalesFen: [0n, 150_000n, 0n],
  trainees: [{ name: '李娜', salesFen: 3_000_000n }],
  attendance: { lates: 2, absentDays: 1, personalLeaveDays: 0, unslippedFieldVisitDays: ['2026-03-09'], slippedFieldVisitDays: undefined },
  adjustments: [{ amountFen: -10_000n, reason: 'late report "Q1"\n', approvedBy: 'finance', ranking: { kind: 'PENALTY', unit: '华东区', period: '2026-03-D2', place: 9, ranked: 9, basis: 'ACHIEVEMENT', metric: 'SALES_AMOUNT', version: 1 } }],
};

describe('frozen payslip inputs', () => {
  it('are the text the run has always stored: bigints tagged, undefined left out, key order kept', () => {
    // The text frozen before this writer (JSON.stringify with a replacer): locked runs are compared with it.
    const before = JSON.stringify(inputs, (_k, v) => (typeof v === 'bigint' ? `\u0000bigint:${v}` : v));
    expect(freezeInputs(inputs)).toBe(before);
    expect(freezeInputs(inputs)).toContain('"sales":"\\u0000bigint:9223372036854775807"');
    expect(freezeInputs(inputs)).not.toContain('"slippedFieldVisitDays"');
  });

  it('thaw to the same inputs, every bigint exact', () => {
    const { slippedFieldVisitDays: _dropped, ...attendance } = inputs.attendance;
    expect(thawInputs(freezeInputs(inputs))).toEqual({ ...inputs, attendance });
  });
});
