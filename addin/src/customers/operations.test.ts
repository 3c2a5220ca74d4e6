import { describe, expect, it } from 'vitest';
import { matchCustomers, type Customer } from './operations.ts';

const customer = (code: string, name: string) => ({ id: code, code, name }) as Customer;
const list = [customer('KH-003', '钱塘百货'), customer('KH-001', '西湖商贸'), customer('KH-002', 'Hangzhou Foods')];

describe('finding a customer to transfer', () => {
  it('matches the code or the name, either case, in code order', () => {
    expect(matchCustomers(list, 'kh-00').map((c) => c.code)).toEqual(['KH-001', 'KH-002', 'KH-003']);
    expect(matchCustomers(list, '百货').map((c) => c.code)).toEqual(['KH-003']);
    expect(matchCustomers(list, ' foods ').map((c) => c.code)).toEqual(['KH-002']);
    expect(matchCustomers(list, 'nothing')).toEqual([]);
  });

  it('lists everyone for an empty query, at most the limit', () => {
    expect(matchCustomers(list, '', 2).map((c) => c.code)).toEqual(['KH-001', 'KH-002']);
  });
});
