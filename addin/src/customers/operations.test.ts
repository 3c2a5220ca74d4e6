import { describe, expect, it } from 'vitest';
import { customerChanges, customerForm, matchCustomers, type Customer } from './operations.ts';

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

describe('a customer’s changes as the edit form holds them', () => {
  const x = {
    id: 'c1', code: 'KH-001', name: '西湖商贸', type: 'ENTERPRISE', tier: 'GENERAL', notes: null, revision: 3,
    contacts: [
      { name: '周经理', title: '采购', phone: '13900001111', email: null, primary: true },
      { name: '吴会计', title: null, phone: null, email: 'wu@example.cn', primary: false },
    ],
  } as unknown as Customer;

  it('sends only what differs', () => {
    expect(customerChanges(x, { ...customerForm(x), tier: 'CORE', notes: ' 年底重点 ' })).toEqual({ input: { tier: 'CORE', notes: '年底重点' } });
  });

  it('a changed primary contact replaces the list: it first, keeping its title and email, then the others as they were', () => {
    expect(customerChanges(x, { ...customerForm(x), phone: '13900002222' })).toEqual({
      input: {
        contacts: [
          { name: '周经理', title: '采购', phone: '13900002222', email: null, primary: true },
          { name: '吴会计', title: null, phone: null, email: 'wu@example.cn', primary: false },
        ],
      },
    });
    expect(customerChanges(x, { ...customerForm(x), contact: '', phone: '' })).toEqual({ input: { contacts: [{ name: '吴会计', title: null, phone: null, email: 'wu@example.cn', primary: false }] } });
  });

  it('says when nothing changed or the name is blank', () => {
    expect(customerChanges(x, customerForm(x))).toEqual({ problem: 'nothing' });
    expect(customerChanges(x, { ...customerForm(x), name: ' ' })).toEqual({ problem: 'nameRequired' });
  });
});
