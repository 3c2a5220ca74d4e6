import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { excelDate, rosterSheet, type RosterPerson } from './roster-sheet.ts';
import { cellValue, formula } from '../excel/chunks.ts';

const tags = { unitId: 'u', unitName: 'n', asOf: '2026-11-01', pulledAt: 'now' };

const person: RosterPerson = {
  id: 'p1',
  employeeNo: '00123',
  name: '=cmd|calc',
  unitName: '营销中心',
  unitPath: '启航 / 营销中心',
  unitCode: 'T0001',
  position: 'SALES_REP',
  rank: 'SR',
  status: 'ACTIVE',
  hireDate: '2026-03-12',
  leaveDate: null,
  employmentType: 'FULL_TIME',
  baseSalary: '3500.50',
  mentorName: null,
  phone: '+8613800000000',
  email: null,
};

describe('roster sheet', () => {
  it('labels columns in the chosen language', () => {
    expect(rosterSheet(words['zh-CN'], [], { unitId: 'u', unitName: 'n', asOf: '2026-11-01', pulledAt: 'now' }).columns[0]!.header).toBe('工号');
    expect(rosterSheet(words.en, [], { unitId: 'u', unitName: 'n', asOf: '2026-11-01', pulledAt: 'now' }).columns[0]!.header).toBe('Employee no.');
  });

  it('gives the server’s text as it is (the adapter keeps it text), dates as serials and money as exact numbers', () => {
    const sheet = rosterSheet(words['zh-CN'], [person], { unitId: 'u', unitName: 'n', asOf: '2026-11-01', pulledAt: 'now' });
    const row = sheet.rows[0]!;
    expect(row[0]).toBe('00123');
    expect(row[1]).toBe('=cmd|calc');
    expect(row[4]).toBe('销售代表');
    expect(row[5]).toBe('业务代表 SR'); // the rank by its name, not the bare code
    expect(row[7]).toBe(46093);
    expect(row[8]).toBe('');
    expect(row[10]).toBe(3500.5);
    expect(row[12]).toBe('+8613800000000');
    expect(sheet.columns[10]!.numberFormat).toBe('#,##0.00');
  });

  it('the adapter escapes every formula lead character, and an apostrophe of the text’s own; marked formulas go as formulas', () => {
    for (const lead of ['=', '+', '-', '@', "'"]) expect(cellValue(`${lead}x`)).toBe(`'${lead}x`);
    expect(cellValue('plain')).toBe('plain');
    expect(cellValue(-5)).toBe(-5);
    expect(cellValue(formula('=SUM(A1:A2)'))).toBe('=SUM(A1:A2)');
    expect(excelDate('1900-03-01')).toBe(61);
  });

  it('orders rows by unit path, a unit before its sub-units, then by employee number; shows the unit’s own name and its full path', () => {
    const at = (employeeNo: string, unitPath: string): RosterPerson => ({ ...person, name: employeeNo, employeeNo, unitPath, unitName: unitPath.split(' / ').at(-1)! });
    const people = [
      at('QB00007', 'Co / East / Hangzhou 2'),
      at('QB00002', 'Co / East / Hangzhou 1'),
      at('QB00009', 'Co / East'),
      at('QB00001', 'Co / East / Hangzhou 1'),
      at('QB00003', 'Co / East / Hangzhou 1 / Night'),
      at('QB00004', 'Co / Beijing'),
      at('QB00005', 'Co'),
    ];
    const sheet = rosterSheet(words.en, people, tags);
    const headers = sheet.columns.map((c) => c.header);
    expect(headers[2]).toBe('Unit');
    // The full path in column O, where it has always been; the compensation plan after it.
    expect(headers[14]).toBe('Unit path');
    expect(headers[15]).toBe('Compensation plan');
    expect(sheet.rows.map((r) => [r[0], r[2], r[14]])).toEqual([
      ['QB00005', 'Co', 'Co'],
      ['QB00004', 'Beijing', 'Co / Beijing'],
      ['QB00009', 'East', 'Co / East'],
      ['QB00001', 'Hangzhou 1', 'Co / East / Hangzhou 1'],
      ['QB00002', 'Hangzhou 1', 'Co / East / Hangzhou 1'],
      ['QB00003', 'Night', 'Co / East / Hangzhou 1 / Night'],
      ['QB00007', 'Hangzhou 2', 'Co / East / Hangzhou 2'],
    ]);
    expect(rosterSheet(words['zh-CN'], people, tags).columns.map((c) => c.header).filter((h) => h.includes('单位'))).toEqual(['所属单位', '单位编码', '单位全路径']);
    // The plan by name and version, in the reader's language; none when the row has none.
    const planned = rosterSheet(words['zh-CN'], [{ ...people[0]!, compensationPlan: { code: 'BASE_PLUS_COMMISSION', name: '底薪加提成', version: 2 } }], tags);
    expect(planned.columns[15]!.header).toBe('薪酬方案');
    expect(planned.rows[0]![15]).toBe('底薪加提成 · 第 2 版');
    expect(sheet.rows[0]![15]).toBe('');
    // The rows are sorted for the sheet; the caller's list is left as it was.
    expect(people[0]!.employeeNo).toBe('QB00007');
  });
});
