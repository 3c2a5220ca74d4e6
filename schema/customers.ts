/**
 * Customer files (客户档案) and cross-territory sales (窜货), issue 11 §5.
 * Pure: no I/O and no words; problems are reason codes with params
 * (schema/reasons.ts CUSTOMER_RULE_REASONS).
 *
 * A customer is owned by a person in a unit; the unit's territory is its
 * subtree (materialised paths, OrgUnit.path "/root/region/area/"). A sale to
 * the customer is cross-territory when the unit it was booked in (the unit
 * the seller was assigned to on the sale's day) lies outside that subtree.
 */
import type { CustomerRuleReason } from './reasons.ts';

export const CUSTOMER_TYPES = ['ENTERPRISE', 'INDIVIDUAL', 'DEALER'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
/** 一般 / 重要 / 核心 */
export const CUSTOMER_TIERS = ['GENERAL', 'IMPORTANT', 'CORE'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];
export const CROSS_TERRITORY_DECISIONS = ['ACCEPT', 'REASSIGN', 'DISMISS'] as const;
export type CrossTerritoryDecision = (typeof CROSS_TERRITORY_DECISIONS)[number];

export const CUSTOMER_LIMITS = { codeMax: 32, nameMax: 100, notesMax: 1000, contactsMax: 20, contactNameMax: 50, titleMax: 50 } as const;

/** Whether a unit (by its path) lies inside the subtree of another (by its path), itself included. */
export const insideSubtree = (unitPath: string, subtreePath: string) => unitPath.startsWith(subtreePath);

/** A sale is cross-territory when its selling unit is neither inside the owning unit’s subtree nor above the owning unit. */
export const isCrossTerritory = (sale: { sellingUnitPath: string }, customer: { owningUnitPath: string }) =>
  // Another unit's territory: neither within the owning unit nor above it (an area selling to its own team's customer is at home).
  !insideSubtree(sale.sellingUnitPath, customer.owningUnitPath) && !insideSubtree(customer.owningUnitPath, sale.sellingUnitPath);

/** The flag's status a decision leads to. */
export const DECISION_STATUS = { ACCEPT: 'ACCEPTED', REASSIGN: 'REASSIGNED', DISMISS: 'DISMISSED' } as const satisfies Record<CrossTerritoryDecision, string>;

/** A code as stored: trimmed, upper case. */
export const normaliseCustomerCode = (code: string) => code.trim().toUpperCase();

const CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;
/** A phone: digits with optional +, spaces, hyphens and brackets; 5 to 20 digits (mobiles 13812345678, landlines 0571-88886666). */
const PHONE = /^\+?[0-9()][0-9 ()-]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ContactDraft {
  name?: string | null;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  primary?: boolean | null;
}

export interface CustomerDraft {
  code?: string | null;
  name?: string | null;
  type?: string | null;
  tier?: string | null;
  notes?: string | null;
  contacts?: ContactDraft[] | null;
}

export interface CustomerProblem {
  /** The input field, e.g. "code" or "contacts.1.phone". */
  field: string;
  reason: CustomerRuleReason;
  params: Record<string, string | number>;
}

export function phoneIssue(phone: string): boolean {
  const digits = phone.replace(/\D/g, '').length;
  return !PHONE.test(phone) || digits < 5 || digits > 20;
}

/**
 * Every problem of a customer's input. `partial` (an update) checks only the
 * fields given; a new customer needs code, name and type.
 */
export function checkCustomerInput(input: CustomerDraft, options: { partial?: boolean } = {}): CustomerProblem[] {
  const problems: CustomerProblem[] = [];
  const need = !options.partial;
  const add = (field: string, reason: CustomerRuleReason, params: Record<string, string | number> = {}) => problems.push({ field, reason, params });
  if (input.code != null || need) {
    const code = normaliseCustomerCode(input.code ?? '');
    if (!CODE.test(code)) add('code', 'CUSTOMER_CODE_FORMAT', { value: (input.code ?? '').trim() });
  }
  if (input.name != null || need) {
    const name = (input.name ?? '').trim();
    if (!name) add('name', 'CUSTOMER_NAME_REQUIRED');
    else if (name.length > CUSTOMER_LIMITS.nameMax) add('name', 'CUSTOMER_TEXT_TOO_LONG', { max: CUSTOMER_LIMITS.nameMax });
  }
  if (input.type != null || need) {
    if (!(CUSTOMER_TYPES as readonly string[]).includes(input.type ?? '')) add('type', 'CUSTOMER_TYPE_UNKNOWN', { value: input.type ?? '' });
  }
  if (input.tier != null && !(CUSTOMER_TIERS as readonly string[]).includes(input.tier)) add('tier', 'CUSTOMER_TIER_UNKNOWN', { value: input.tier });
  if (input.notes != null && input.notes.length > CUSTOMER_LIMITS.notesMax) add('notes', 'CUSTOMER_TEXT_TOO_LONG', { max: CUSTOMER_LIMITS.notesMax });
  const contacts = input.contacts ?? [];
  if (contacts.length > CUSTOMER_LIMITS.contactsMax) add('contacts', 'CUSTOMER_TOO_MANY_CONTACTS', { max: CUSTOMER_LIMITS.contactsMax });
  contacts.forEach((c, i) => {
    const at = (f: string) => `contacts.${i}.${f}`;
    const name = (c.name ?? '').trim();
    if (!name) add(at('name'), 'CONTACT_NAME_REQUIRED', { row: i + 1 });
    else if (name.length > CUSTOMER_LIMITS.contactNameMax) add(at('name'), 'CUSTOMER_TEXT_TOO_LONG', { max: CUSTOMER_LIMITS.contactNameMax });
    if (c.title && c.title.trim().length > CUSTOMER_LIMITS.titleMax) add(at('title'), 'CUSTOMER_TEXT_TOO_LONG', { max: CUSTOMER_LIMITS.titleMax });
    const phone = (c.phone ?? '').trim();
    if (phone && phoneIssue(phone)) add(at('phone'), 'CONTACT_PHONE_FORMAT', { value: phone });
    const email = (c.email ?? '').trim();
    if (email && (!EMAIL.test(email) || email.length > 100)) add(at('email'), 'CONTACT_EMAIL_FORMAT', { value: email });
  });
  if (contacts.filter((c) => c.primary).length > 1) add('contacts', 'CONTACT_ONE_PRIMARY');
  return problems;
}
