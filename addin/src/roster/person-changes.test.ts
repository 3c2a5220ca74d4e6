import { describe, expect, it } from 'vitest';
import { detailsChanges, detailsForm, payFromOf, hireInput, type HireForm, type PersonDetails } from './person-changes.ts';

const wang: PersonDetails = {
  id: 'p1', employeeNo: 'QB00042', name: '王芳', phone: null, email: 'wang@example.cn', position: 'SALES_REP', rank: 'SR', status: 'ACTIVE',
  employmentType: 'FULL_TIME', hireDate: '2025-03-01', leaveDate: null, baseSalary: '4000.00', mentorId: null, mentorName: null, unitId: 'u1', unitName: '华东一组', version: 3,
};
const all = { salary: true, record: true };

describe("a person's details as the form holds them", () => {
  it('sends only what differs: a renamed person, a cleared email, a new rank, a raise typed with a separator', () => {
    const form = { ...detailsForm(wang), name: ' 王芳芳 ', email: '', rank: 'SE', baseSalary: '4,615.38' };
    expect(detailsChanges(wang, form, all)).toEqual({ input: { name: '王芳芳', email: null, rank: 'SE', baseSalary: '4615.38' } });
  });

  it('finance sends the base salary only, whatever else the form holds; a manager never sends one', () => {
    const form = { ...detailsForm(wang), name: 'x', baseSalary: '5000' };
    expect(detailsChanges(wang, form, { salary: true, record: false })).toEqual({ input: { baseSalary: '5000.00' } });
    expect(detailsChanges(wang, form, { salary: false, record: true })).toEqual({ input: { name: 'x' } });
    // Nor does finance send a status or a mentor.
    const moved = { ...detailsForm(wang), status: 'PROBATION', mentorId: 'p9', baseSalary: '5000' };
    expect(detailsChanges(wang, moved, { salary: true, record: false })).toEqual({ input: { baseSalary: '5000.00' } });
  });

  it('ends a probation and sets a mentor; clears a mentor with an explicit null; sends neither unchanged', () => {
    const onProbation = { ...wang, status: 'PROBATION' };
    expect(detailsChanges(onProbation, { ...detailsForm(onProbation), status: 'ACTIVE', mentorId: 'p9' }, all)).toEqual({ input: { status: 'ACTIVE', mentorId: 'p9' } });
    const mentored = { ...wang, mentorId: 'p9', mentorName: '张伟' };
    expect(detailsForm(mentored)).toMatchObject({ status: 'ACTIVE', mentorId: 'p9' });
    expect(detailsChanges(mentored, { ...detailsForm(mentored), mentorId: '' }, all)).toEqual({ input: { mentorId: null } });
    expect(detailsChanges(mentored, { ...detailsForm(mentored), mentorId: 'p8' }, all)).toEqual({ input: { mentorId: 'p8' } });
    expect(detailsChanges(mentored, { ...detailsForm(mentored), phone: '138' }, all)).toEqual({ input: { phone: '138' } });
  });

  it('never sends LEFT as a status: leaving is recorded with its last day', () => {
    expect(detailsChanges(wang, { ...detailsForm(wang), status: 'LEFT' }, all)).toEqual({ problem: 'nothingChanged' });
    const left = { ...wang, status: 'LEFT' };
    expect(detailsChanges(left, { ...detailsForm(left), name: '王芳芳' }, all)).toEqual({ input: { name: '王芳芳' } });
  });

  it('says what is wrong: nothing changed, a blank required field, a bad email, a salary that is not yuan', () => {
    expect(detailsChanges(wang, detailsForm(wang), all)).toEqual({ problem: 'nothingChanged' });
    // The same amount written another way is no change.
    expect(detailsChanges(wang, { ...detailsForm(wang), baseSalary: '4000' }, all)).toEqual({ problem: 'nothingChanged' });
    expect(detailsChanges(wang, { ...detailsForm(wang), name: '  ' }, all)).toEqual({ problem: 'required' });
    expect(detailsChanges(wang, { ...detailsForm(wang), email: 'not-an-email' }, all)).toEqual({ problem: 'badEmail' });
    for (const typed of ['4000.123', '-1', 'abc']) expect(detailsChanges(wang, { ...detailsForm(wang), baseSalary: typed }, all)).toEqual({ problem: 'badSalary' });
  });
});

describe('a hire as the form holds it', () => {
  const form: HireForm = { employeeNo: ' QB09001 ', name: '李雷', unitId: 'u2', position: 'SALES_REP', rank: 'SR', employmentType: 'FULL_TIME', status: 'ACTIVE', mentorId: '', hireDate: '2026-12-01', phone: '', email: '', baseSalary: '' };

  it('is the API input, trimmed, optional fields null, the salary only when typed and allowed', () => {
    expect(hireInput(form, true)).toEqual({
      input: { employeeNo: 'QB09001', name: '李雷', unitId: 'u2', position: 'SALES_REP', rank: 'SR', employmentType: 'FULL_TIME', status: 'ACTIVE', mentorId: null, hireDate: '2026-12-01', phone: null, email: null },
    });
    expect(hireInput({ ...form, baseSalary: '3500' }, true).input).toMatchObject({ baseSalary: '3500.00' });
    expect(hireInput({ ...form, baseSalary: '3500' }, false).input).not.toHaveProperty('baseSalary');
    expect(hireInput({ ...form, rank: '' }, true).input).toMatchObject({ rank: null });
  });

  it('hires on probation with a mentor; never as having left', () => {
    expect(hireInput({ ...form, status: 'PROBATION', mentorId: 'p9' }, true).input).toMatchObject({ status: 'PROBATION', mentorId: 'p9' });
    expect(hireInput({ ...form, status: 'LEFT' }, true).input).toMatchObject({ status: 'ACTIVE' });
  });

  it('says what is missing or wrong', () => {
    for (const key of ['employeeNo', 'name', 'unitId', 'position', 'hireDate'] as const) expect(hireInput({ ...form, [key]: ' ' }, true)).toEqual({ problem: 'required' });
    expect(hireInput({ ...form, hireDate: '2026-02-30' }, true)).toEqual({ problem: 'badDate' });
    expect(hireInput({ ...form, email: 'a@b' }, true)).toEqual({ problem: 'badEmail' });
    expect(hireInput({ ...form, baseSalary: '1.001' }, true)).toEqual({ problem: 'badSalary' });
  });
});

describe('the day a new rank or base salary is paid from', () => {
  const form = { ...detailsForm(wang), payFrom: ' 2027-01-01 ' };
  it('goes with a change of rank or base salary only, and must be a day', () => {
    expect(payFromOf(form, { baseSalary: '5000.00' })).toBe('2027-01-01');
    expect(payFromOf(form, { rank: 'SE' })).toBe('2027-01-01');
    expect(payFromOf(form, { phone: '138' })).toBeUndefined();
    expect(payFromOf({ ...form, payFrom: '' }, { baseSalary: '5000.00' })).toBeUndefined();
    expect(payFromOf({ ...form, payFrom: '2027-13-01' }, { baseSalary: '5000.00' })).toBeNull();
  });
});
