import { describe, expect, it } from 'vitest';
import { matchPeople } from './people.ts';

const people = [
  { id: '3', employeeNo: 'E003', name: '王芳', unitName: 'T1' },
  { id: '1', employeeNo: 'E001', name: '李雷', unitName: 'T1' },
  { id: '2', employeeNo: 'E002', name: 'Wang Lei', unitName: null },
];

describe('finding a person', () => {
  it('matches name or employee number, in employee-number order', () => {
    expect(matchPeople(people, '雷').map((p) => p.id)).toEqual(['1']);
    expect(matchPeople(people, 'wang').map((p) => p.id)).toEqual(['2']);
    expect(matchPeople(people, 'e00').map((p) => p.id)).toEqual(['1', '2', '3']);
    expect(matchPeople(people, '').map((p) => p.id)).toEqual(['1', '2', '3']);
    expect(matchPeople(people, 'nobody')).toEqual([]);
  });
  it('offers at most the limit', () => {
    expect(matchPeople(people, '', 2).map((p) => p.id)).toEqual(['1', '2']);
  });
});
