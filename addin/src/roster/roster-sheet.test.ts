import { describe, expect, it } from 'vitest';
import { words } from '../i18n.ts';
import { asText, excelDate, rosterSheet, type RosterPerson } from './roster-sheet.ts';

const person: RosterPerson = {
  id: 'p1',
  employeeNo: '00123',
  name: '=cmd|calc',
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

  it('writes formula-looking text as text, dates as serials and money as exact numbers', () => {
    const sheet = rosterSheet(words['zh-CN'], [person], { unitId: 'u', unitName: 'n', asOf: '2026-11-01', pulledAt: 'now' });
    const row = sheet.rows[0]!;
    expect(row[0]).toBe('00123');
    expect(row[1]).toBe("'=cmd|calc");
    expect(row[4]).toBe('销售代表');
    expect(row[7]).toBe(46093);
    expect(row[8]).toBe('');
    expect(row[10]).toBe(3500.5);
    expect(row[12]).toBe("'+8613800000000");
    expect(sheet.columns[10]!.numberFormat).toBe('#,##0.00');
  });

  it('escapes every formula lead character', () => {
    for (const lead of ['=', '+', '-', '@']) expect(asText(`${lead}x`)).toBe(`'${lead}x`);
    expect(asText('plain')).toBe('plain');
    expect(excelDate('1900-03-01')).toBe(61);
  });
});
