/** Customer files and cross-territory sales (issue 11 §5): subtree detection and input checks, boundaries exactly. */
import { describe, expect, it } from 'vitest';
import { checkCustomerInput, insideSubtree, isCrossTerritory, normaliseCustomerCode, phoneIssue, DECISION_STATUS } from './customers.ts';

const region = '/c/r1/';
const areaA = '/c/r1/a1/';
const teamA = '/c/r1/a1/t1/';
const areaB = '/c/r1/a2/';
const teamB = '/c/r1/a2/t3/';

describe('cross-territory detection', () => {
  it('a sale inside the owner unit itself is not cross-territory', () => {
    expect(isCrossTerritory({ sellingUnitPath: teamA }, { owningUnitPath: teamA })).toBe(false);
  });
  it('a sale in a unit below the owner unit is inside its territory', () => {
    expect(isCrossTerritory({ sellingUnitPath: teamA }, { owningUnitPath: areaA })).toBe(false);
    expect(isCrossTerritory({ sellingUnitPath: teamB }, { owningUnitPath: region })).toBe(false);
  });
  it('a sale by a unit above the owner unit (an area manager to a customer of one of the area’s teams) is inside its territory', () => {
    expect(isCrossTerritory({ sellingUnitPath: areaA }, { owningUnitPath: teamA })).toBe(false);
    expect(isCrossTerritory({ sellingUnitPath: region }, { owningUnitPath: teamB })).toBe(false);
    expect(isCrossTerritory({ sellingUnitPath: areaB }, { owningUnitPath: teamA })).toBe(true);
  });
  it('a sale in a sibling unit is cross-territory', () => {
    expect(isCrossTerritory({ sellingUnitPath: teamB }, { owningUnitPath: teamA })).toBe(true);
    expect(isCrossTerritory({ sellingUnitPath: teamB }, { owningUnitPath: areaA })).toBe(true);
  });
  it('paths compare whole segments: /c/r1/a1/ is not inside /c/r1/a10/ nor the reverse', () => {
    expect(insideSubtree('/c/r1/a10/', '/c/r1/a1/')).toBe(false);
    expect(insideSubtree('/c/r1/a1/', '/c/r1/a10/')).toBe(false);
  });
  it('each decision leads to its status', () => {
    expect(DECISION_STATUS).toEqual({ ACCEPT: 'ACCEPTED', REASSIGN: 'REASSIGNED', DISMISS: 'DISMISSED' });
  });
});

describe('customer input', () => {
  const good = { code: 'hz-001', name: '杭州新华贸易', type: 'ENTERPRISE', tier: 'CORE', contacts: [{ name: '王经理', phone: '138 1234 5678', email: 'wang@example.cn', primary: true }] };
  it('accepts a complete customer', () => {
    expect(checkCustomerInput(good)).toEqual([]);
    expect(normaliseCustomerCode(' hz-001 ')).toBe('HZ-001');
  });
  it('a new customer needs code, name and type; an update checks only what it gives', () => {
    expect(checkCustomerInput({}).map((p) => [p.field, p.reason])).toEqual([
      ['code', 'CUSTOMER_CODE_FORMAT'],
      ['name', 'CUSTOMER_NAME_REQUIRED'],
      ['type', 'CUSTOMER_TYPE_UNKNOWN'],
    ]);
    expect(checkCustomerInput({ tier: 'IMPORTANT' }, { partial: true })).toEqual([]);
    expect(checkCustomerInput({ name: '   ' }, { partial: true })).toEqual([{ field: 'name', reason: 'CUSTOMER_NAME_REQUIRED', params: {} }]);
  });
  it('code: 2 to 32 letters, digits, - and _, starting with a letter or digit', () => {
    const codeOk = (code: string) => checkCustomerInput({ ...good, code }).length === 0;
    expect(codeOk('A1')).toBe(true);
    expect(codeOk('A')).toBe(false);
    expect(codeOk('A'.repeat(32))).toBe(true);
    expect(codeOk('A'.repeat(33))).toBe(false);
    expect(codeOk('-A1')).toBe(false);
    expect(codeOk('A 1')).toBe(false);
    expect(codeOk('客户1')).toBe(false);
    expect(checkCustomerInput({ ...good, code: 'A B' })[0]).toEqual({ field: 'code', reason: 'CUSTOMER_CODE_FORMAT', params: { value: 'A B' } });
  });
  it('name at most 100 characters; tier and type from their lists', () => {
    expect(checkCustomerInput({ ...good, name: '名'.repeat(100) })).toEqual([]);
    expect(checkCustomerInput({ ...good, name: '名'.repeat(101) })).toEqual([{ field: 'name', reason: 'CUSTOMER_TEXT_TOO_LONG', params: { max: 100 } }]);
    expect(checkCustomerInput({ ...good, tier: 'VIP' })).toEqual([{ field: 'tier', reason: 'CUSTOMER_TIER_UNKNOWN', params: { value: 'VIP' } }]);
    expect(checkCustomerInput({ ...good, type: 'SHOP' })).toEqual([{ field: 'type', reason: 'CUSTOMER_TYPE_UNKNOWN', params: { value: 'SHOP' } }]);
  });
  it('phone shape: 5 to 20 digits with +, spaces, hyphens and brackets', () => {
    expect(phoneIssue('13812345678')).toBe(false);
    expect(phoneIssue('0571-88886666')).toBe(false);
    expect(phoneIssue('+86 (571) 8888 6666')).toBe(false);
    expect(phoneIssue('12345')).toBe(false);
    expect(phoneIssue('1234')).toBe(true);
    expect(phoneIssue('1'.repeat(20))).toBe(false);
    expect(phoneIssue('1'.repeat(21))).toBe(true);
    expect(phoneIssue('138-abc-5678')).toBe(true);
    expect(phoneIssue('1+3812345678')).toBe(true);
    expect(checkCustomerInput({ ...good, contacts: [{ name: '李', phone: 'call me' }] })).toEqual([{ field: 'contacts.0.phone', reason: 'CONTACT_PHONE_FORMAT', params: { value: 'call me' } }]);
  });
  it('contacts: a name each, an email shape, one primary at most', () => {
    expect(
      checkCustomerInput({ ...good, contacts: [{ name: '', primary: true }, { name: '赵', email: 'not-an-email', primary: true }] }).map((p) => [p.field, p.reason, p.params]),
    ).toEqual([
      ['contacts.0.name', 'CONTACT_NAME_REQUIRED', { row: 1 }],
      ['contacts.1.email', 'CONTACT_EMAIL_FORMAT', { value: 'not-an-email' }],
      ['contacts', 'CONTACT_ONE_PRIMARY', {}],
    ]);
    expect(checkCustomerInput({ ...good, contacts: Array.from({ length: 21 }, () => ({ name: 'x' })) })[0]).toEqual({ field: 'contacts', reason: 'CUSTOMER_TOO_MANY_CONTACTS', params: { max: 20 } });
  });
});
