/** The operations the Customers screen sends (issue 11 §5), and the shapes they answer with. */
export const CUSTOMER_FIELDS = 'id code name type tier ownerId ownerName ownerEmployeeNo ownerUnitName ownershipStatus confirmedBy notes lastVisitOn revision contacts { name title phone email primary }';
export const CUSTOMERS_PAGE = `query Customers($first: Int, $after: String) { customers(first: $first, after: $after) { nodes { ${CUSTOMER_FIELDS} } pageInfo { hasNextPage endCursor } } }`;
export const CREATE_CUSTOMER = `mutation CreateCustomer($input: CreateCustomerInput!) { createCustomer(input: $input) { ${CUSTOMER_FIELDS} } }`;
export const TRANSFER_CUSTOMER = `mutation TransferCustomer($id: ID!, $revision: Int!, $ownerId: ID!) { transferCustomer(id: $id, revision: $revision, ownerId: $ownerId) { ${CUSTOMER_FIELDS} } }`;
export const UPDATE_CUSTOMER = `mutation UpdateCustomer($id: ID!, $revision: Int!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, revision: $revision, input: $input) { ${CUSTOMER_FIELDS} } }`;
export const CONFIRM_CUSTOMER = `mutation ConfirmCustomer($id: ID!, $revision: Int!) { confirmCustomerOwnership(id: $id, revision: $revision) { ${CUSTOMER_FIELDS} } }`;
const FLAG_FIELDS = 'id externalId date amount sellerName sellerEmployeeNo bookedByName customerCode customerName customerOwnerName sellingUnitName owningUnitName status decidedBy decidedAt comment canDecide locked';
export const CROSS_TERRITORY = `query CrossTerritory { crossTerritorySales { ${FLAG_FIELDS} } }`;
export const DECIDE_CROSS_TERRITORY = `mutation DecideCrossTerritory($id: ID!, $decision: CrossTerritoryDecision!, $comment: String) { decideCrossTerritorySale(id: $id, decision: $decision, comment: $comment) { ${FLAG_FIELDS} } }`;

export const CUSTOMER_TYPES = ['ENTERPRISE', 'INDIVIDUAL', 'DEALER'] as const;
export const CUSTOMER_TIERS = ['GENERAL', 'IMPORTANT', 'CORE'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];
export type FlagStatus = 'OPEN' | 'ACCEPTED' | 'REASSIGNED' | 'DISMISSED';
export type Decision = 'ACCEPT' | 'REASSIGN' | 'DISMISS';

export interface Customer {
  id: string;
  code: string;
  name: string;
  type: CustomerType;
  tier: CustomerTier;
  ownerId: string;
  ownerName: string;
  ownerEmployeeNo: string;
  ownerUnitName: string;
  ownershipStatus: 'PROPOSED' | 'CONFIRMED';
  confirmedBy: string | null;
  notes: string | null;
  lastVisitOn: string | null;
  revision: number;
  contacts: { name: string; title: string | null; phone: string | null; email: string | null; primary: boolean }[];
}

export interface CrossTerritorySale {
  id: string;
  externalId: string;
  date: string;
  /** Yuan with two decimals. */
  amount: string;
  sellerName: string;
  sellerEmployeeNo: string;
  /** Who the sale was booked to when flagged (the seller, also after a reassignment); null on an old reassigned flag. */
  bookedByName: string | null;
  customerCode: string;
  customerName: string;
  customerOwnerName: string;
  sellingUnitName: string;
  owningUnitName: string;
  status: FlagStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  canDecide: boolean;
  /** Its sale's day is in a locked period: not decided until an admin reopens it. */
  locked: boolean;
}

/** Customers whose code or name contains the query (case-insensitive), by code, at most `limit`. */
export function matchCustomers(customers: readonly Customer[], query: string, limit = 50): Customer[] {
  const q = query.trim().toLowerCase();
  const hits = q ? customers.filter((x) => x.code.toLowerCase().includes(q) || x.name.toLowerCase().includes(q)) : customers;
  return [...hits].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).slice(0, limit);
}

/** What the edit form holds for a customer: its own fields and its primary contact. */
export interface CustomerForm {
  name: string;
  type: CustomerType;
  tier: CustomerTier;
  notes: string;
  contact: string;
  phone: string;
}

const primaryOf = (x: Customer) => x.contacts.find((c) => c.primary) ?? x.contacts[0] ?? null;

export const customerForm = (x: Customer): CustomerForm => ({
  name: x.name,
  type: x.type,
  tier: x.tier,
  notes: x.notes ?? '',
  contact: primaryOf(x)?.name ?? '',
  phone: primaryOf(x)?.phone ?? '',
});

/**
 * The changes the form makes, as UpdateCustomerInput: only what differs. A
 * changed primary contact replaces the contacts with it first and the others
 * as they were (the API replaces the list whole); a cleared one drops it.
 */
export function customerChanges(x: Customer, form: CustomerForm): { input: Record<string, unknown> } | { problem: 'nameRequired' | 'nothing' } {
  const before = customerForm(x);
  if (!form.name.trim()) return { problem: 'nameRequired' };
  const input: Record<string, unknown> = {};
  if (form.name.trim() !== before.name) input.name = form.name.trim();
  if (form.type !== before.type) input.type = form.type;
  if (form.tier !== before.tier) input.tier = form.tier;
  if (form.notes.trim() !== before.notes.trim()) input.notes = form.notes.trim() || null;
  if (form.contact.trim() !== before.contact || form.phone.trim() !== before.phone) {
    const primary = primaryOf(x);
    const others = x.contacts.filter((c) => c !== primary).map((c) => ({ name: c.name, title: c.title, phone: c.phone, email: c.email, primary: false }));
    const edited = form.contact.trim() ? [{ name: form.contact.trim(), title: primary?.title ?? null, phone: form.phone.trim() || null, email: primary?.email ?? null, primary: true }] : [];
    input.contacts = [...edited, ...others];
  }
  return Object.keys(input).length ? { input } : { problem: 'nothing' };
}
