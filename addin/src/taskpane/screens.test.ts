import { describe, expect, it } from 'vitest';
import { SCREENS, screensFor, type Screen } from './screens.tsx';

const ids = (roles: string[]) => screensFor(roles).map((s) => s.id);

describe('which screens a role has', () => {
  it('everyone has the roster and their own targets and payslip', () => {
    expect(ids(['REP'])).toEqual(['roster', 'my-targets', 'my-payslip', 'leave', 'my-performance', 'my-plan', 'customers', 'visit-slips', 'work-reports']);
    expect(ids([])).toEqual(['roster', 'my-targets', 'my-payslip', 'leave', 'my-performance']);
  });

  it('planners have Targets, payroll people have Payroll', () => {
    expect(ids(['MANAGER'])).toEqual(['roster', 'targets', 'my-targets', 'payroll', 'my-payslip', 'adjustments', 'leave', 'scorecards', 'promotions', 'performance', 'my-performance', 'my-plan', 'plan-reviews', 'customers', 'visit-slips', 'work-reports', 'work-report-reviews']);
    expect(ids(['ADMIN'])).toEqual(['roster', 'targets', 'my-targets', 'payroll', 'my-payslip', 'imports', 'adjustments', 'leave', 'scorecards', 'promotions', 'month-end', 'users', 'performance', 'my-performance', 'plan-reviews', 'customers']);
    expect(ids(['FINANCE'])).toEqual(['roster', 'targets', 'my-targets', 'payroll', 'my-payslip', 'imports', 'adjustments', 'leave', 'month-end', 'performance', 'my-performance']);
    expect(ids(['FINANCE_MANAGER'])).toEqual(['roster', 'my-targets', 'payroll', 'my-payslip', 'adjustments', 'leave', 'expenses', 'my-performance']);
    expect(ids(['GENERAL_MANAGER'])).toEqual(['roster', 'targets', 'my-targets', 'payroll', 'my-payslip', 'adjustments', 'leave', 'scorecards', 'performance', 'my-performance']);
    expect(ids(['REP', 'FINANCE_MANAGER'])).toEqual(['roster', 'my-targets', 'payroll', 'my-payslip', 'adjustments', 'leave', 'expenses', 'my-performance', 'my-plan', 'customers', 'visit-slips', 'work-reports']);
    expect(ids(['DIRECTOR'])).toContain('customers');
    expect(ids(['DIRECTOR'])).toContain('work-report-reviews');
    expect(ids(['DIRECTOR'])).not.toContain('work-reports');
  });

  it('keeps the list’s order, and a new entry is all a new screen takes', () => {
    const extra: Screen = { id: 'visits', label: () => 'Visits', roles: ['MANAGER'], render: () => null };
    expect(screensFor(['MANAGER'], [...SCREENS, extra]).map((s) => s.id).at(-1)).toBe('visits');
    expect(screensFor(['REP'], [...SCREENS, extra]).map((s) => s.id)).not.toContain('visits');
    expect(new Set(SCREENS.map((s) => s.id)).size).toBe(SCREENS.length);
  });
});
