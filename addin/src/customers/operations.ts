/** The operations the Customers screen sends (issue 11 §5), and the shapes they answer with. */
export const CUSTOMER_FIELDS = 'id code name type tier ownerId ownerName ownerEmployeeNo ownerUnitName ownershipStatus confirmedBy notes lastVisitOn revision contacts { name title phone email primary }';
export const CUSTOMERS_PAGE = `query Customers($first: Int, $after: String) { customers(first: $first, after: $after) { nodes { ${CUSTOMER_FIELDS} } pageInfo { hasNextPage endCursor } } }`;
export const CREATE_CUSTOMER = `mutation CreateCustomer($input: CreateCustomerInput!) { createCustomer(input: $input) { ${CUSTOMER_FIELDS} } }`;
export const TRANSFER_CUSTOMER = `mutation TransferCustomer($id: ID!, $revision: Int!, $ownerId: ID!) { transferCustomer(id: $id, revision: $revision, ownerId: $ownerId) { ${CUSTOMER_FIELDS} } }`;
export const CONFIRM_CUSTOMER = `mutation ConfirmCustomer($id: ID!, $revision: Int!) { confirmCustomerOwnership(id: $id, revision: $revision) { ${CUSTOMER_FIELDS} } }`;
const FLAG_FIELDS = 'id externalId date amount sellerName sellerEmployeeNo customerCode customerName customerOwnerName sellingUnitName owningUnitName status decidedBy decidedAt comment canDecide';
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
}

/** Customers whose code or name contains the query (case-insensitive), by code, at most `limit`. */
export function matchCustomers(customers: readonly Customer[], query: string, limit = 50): Customer[] {
  const q = query.trim().toLowerCase();
  const hits = q ? customers.filter((x) => x.code.toLowerCase().includes(q) || x.name.toLowerCase().includes(q)) : customers;
  return [...hits].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).slice(0, limit);
}
