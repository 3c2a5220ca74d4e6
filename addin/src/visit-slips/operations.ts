/** The visit-slip screen's GraphQL (issue 11 §4). */
import { isIsoMonth } from '../../../schema/dates.ts';

export const SLIP_FIELDS = 'id personId personName destination customerCode contactPerson purpose plannedOut plannedBack days status revision decisionComment approvedLate departed canDecide canCheck locked';
export const VISIT_SLIPS = `query VisitSlips($month: String!) { visitSlips(month: $month) { ${SLIP_FIELDS} } }`;
export const REQUEST_VISIT_SLIP = `mutation RequestVisitSlip($input: VisitSlipInput!) { requestVisitSlip(input: $input) { ${SLIP_FIELDS} } }`;
export const APPROVE_VISIT_SLIP = `mutation ApproveVisitSlip($id: ID!, $revision: Int!, $comment: String) { approveVisitSlip(id: $id, revision: $revision, comment: $comment) { ${SLIP_FIELDS} } }`;
export const REJECT_VISIT_SLIP = `mutation RejectVisitSlip($id: ID!, $revision: Int!, $comment: String!) { rejectVisitSlip(id: $id, revision: $revision, comment: $comment) { ${SLIP_FIELDS} } }`;
export const CHECK_VISIT_SLIP = `mutation CheckVisitSlip($id: ID!, $revision: Int!, $kind: VisitCheckKind!, $ok: Boolean!, $result: String!) { checkVisitSlip(id: $id, revision: $revision, kind: $kind, ok: $ok, result: $result) { ${SLIP_FIELDS} } }`;
export const UNSLIPPED_FIELD_VISITS = `query UnslippedFieldVisits($month: String!) { unslippedFieldVisits(month: $month) { personId personName employeeNo unitName date } }`;

export interface VisitSlip {
  id: string;
  personId: string;
  personName: string;
  destination: string;
  customerCode: string | null;
  contactPerson: string;
  purpose: string;
  plannedOut: string;
  plannedBack: string;
  days: string[];
  status: string;
  revision: number;
  decisionComment: string | null;
  /** Approved after its planned departure. */
  approvedLate: boolean;
  departed: boolean;
  canDecide: boolean;
  canCheck: boolean;
  /** Any of its days in a locked period: not decided until an admin reopens it. */
  locked: boolean;
}

export interface UnslippedFieldVisit {
  personId: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  date: string;
}

export const validMonth = (m: string) => isIsoMonth(m.trim());
