/** Mutation-testing additions for compensation.ts: the working-day calendar in explanations, and plan amounts within the money range. */
import { describe, expect, it } from 'vitest';
import { explain } from '../addin/src/i18n/explanations.ts';
import { BASE_PLUS_COMMISSION, calculatePayslip, parsePlan, PlanDocumentError, type PayInputs } from './compensation.ts';

const inputs = (over: Partial<PayInputs> = {}): PayInputs => ({
  month: '2026-02',
  workingDays: 16,
  workingDaysEmployed: 8,
  person: { name: '王芳', rank: 'SR', baseSalaryFen: 320_000n },
  measures: { sales: 0n, units: 0n, collections: 0n, margin: 0n },
  dailySalesFen: Array.from({ length: 28 }, () => 0n),
  trainees: [],
  attendance: { lates: 0, absentDays: 1, personalLeaveDays: 0 },
  adjustments: [],
  ...over,
});
const calendar = { name: 'CN', weekdays: 20, holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'], makeupDays: ['2026-02-14', '2026-02-28'] };
const described =
  'calendar CN: 20 weekdays − 6 public holidays (2026-02-16, 2026-02-17, 2026-02-18, 2026-02-19, 2026-02-20, 2026-02-23) + 2 make-up working days (2026-02-14, 2026-02-28) = 16 working days';

describe('payslip lines that use working days name the calendar', () => {
  it('base and attendance: the calendar and its count among the inputs, and in the rule', () => {
    const slip = calculatePayslip(BASE_PLUS_COMMISSION, inputs({ calendar }));
    for (const kind of ['base', 'attendance']) {
      const line = slip.lines.find((l) => l.code === kind)!;
      expect(line.explanation.calendar).toEqual({ ...calendar, count: 16 });
      expect(line.explanation.rule).toMatchObject({ code: kind, calendar: true });
      const text = explain(line.explanation, line.label, 'api');
      expect(text.inputs).toContainEqual({ name: 'calendar', value: described });
      expect(text.rule).toMatch(/; working days per calendar CN$/);
    }
  });

  it('without a calendar (Monday to Friday) neither appears, and the amounts are the same', () => {
    const slip = calculatePayslip(BASE_PLUS_COMMISSION, inputs());
    const withCal = calculatePayslip(BASE_PLUS_COMMISSION, inputs({ calendar }));
    for (const kind of ['base', 'attendance']) {
      const line = slip.lines.find((l) => l.code === kind)!;
      expect(line.explanation).not.toHaveProperty('calendar');
      expect(line.explanation.rule).toMatchObject({ calendar: false });
      expect(explain(line.explanation, line.label, 'api').rule).not.toMatch(/calendar/);
      expect(line.amountFen).toBe(withCal.lines.find((l) => l.code === kind)!.amountFen);
    }
  });
});

describe('plan amounts', () => {
  const withPerLate = (perLate: string) => {
    const doc = structuredClone(BASE_PLUS_COMMISSION) as any;
    doc.components.find((c: any) => c.kind === 'attendance').perLate = perLate;
    return doc;
  };
  it('up to the 64-bit fen limit parse; beyond it is refused with the path and the limit', () => {
    expect(() => parsePlan(withPerLate('92233720368547758.07'))).not.toThrow();
    let err: unknown;
    try {
      parsePlan(withPerLate('92233720368547758.08'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlanDocumentError);
    const problems = (err as PlanDocumentError).problems;
    const i = BASE_PLUS_COMMISSION.components.findIndex((c) => c.kind === 'attendance');
    expect(problems.map((p) => p.path)).toEqual([`components.${i}.perLate`]);
    expect(problems[0]!.message).toContain('92233720368547758.07');
  });
});
