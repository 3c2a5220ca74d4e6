/** The operations the chores screens send (issue 8 §6), and the shapes they answer with. */
import type { RunSummary as ListedRunSummary } from '../api/operations.ts';
export const VIEWER_SELF = '{ viewer { id username person { id name } } }';

export const PEOPLE_PAGE = `query ChoresPeople($first: Int, $after: String) {
  roster(first: $first, after: $after) { edges { node { id employeeNo name unitName } } pageInfo { hasNextPage endCursor } }
}`;

export const PAY_ADJUSTMENTS = `query PayAdjustments($month: String!) { payAdjustments(month: $month) { id personId personName employeeNo month amount reason approvedBy } }`;
export const ADD_PAY_ADJUSTMENT = `mutation AddPayAdjustment($personId: ID!, $month: String!, $amount: Money!, $reason: String!, $approvedBy: String!) {
  addPayAdjustment(personId: $personId, month: $month, amount: $amount, reason: $reason, approvedBy: $approvedBy)
}`;

export const LEAVE_REQUESTS = '{ leaveRequests { id personId personName kind from to reason status comment requestedAt locked } }';
export const REQUEST_LEAVE = `mutation RequestLeave($kind: AttendanceStatus!, $from: Date!, $to: Date!, $reason: String!) {
  requestLeave(kind: $kind, from: $from, to: $to, reason: $reason) { id status }
}`;
export const DECIDE_LEAVE = `mutation DecideLeave($id: ID!, $approve: Boolean!, $comment: String) { decideLeave(id: $id, approve: $approve, comment: $comment) { id status } }`;

export const PROMOTION_PROPOSALS = `query PromotionProposals($month: String!) { promotionProposals(month: $month) { personId name employeeNo version from to checks { criterion actual required met } latestGrade latestGradePeriod } }`;
export const DECIDE_PROMOTION = `mutation DecidePromotion($personId: ID!, $version: Int!, $month: String!, $toRank: Rank!, $apply: Boolean!, $reason: String) {
  decidePromotion(personId: $personId, version: $version, month: $month, toRank: $toRank, apply: $apply, reason: $reason)
}`;

export const COMPENSATION_PLANS = '{ compensationPlans { id code version name effectiveFrom } }';
export const COMPENSATION_ASSIGNMENTS = '{ compensationAssignments { id planCode planVersion planName personId personName employeeNo rank position effectiveFrom } }';
export const ASSIGN_PLAN = `mutation AssignPlan($planCode: String!, $version: Int, $personId: ID, $rank: Rank, $position: Position, $effectiveFrom: Date!) {
  assignCompensationPlan(planCode: $planCode, version: $version, personId: $personId, rank: $rank, position: $position, effectiveFrom: $effectiveFrom)
}`;
export const RANKS = ['SR', 'SE', 'SSE', 'SM', 'SSM', 'SD', 'SSD', 'TE'] as const;
export const POSITIONS = ['SALES_REP', 'ACCOUNT_MANAGER', 'REGIONAL_MANAGER', 'SALES_DIRECTOR', 'FINANCE'] as const;
export const CLOSED_RUNS = `query ClosedRuns($month: String) { payrollRuns(month: $month) { id month version revision status scopeUnitName scopeUnitId viewerMayRun } }`;
export const MARK_PAID = `mutation MarkPaid($id: ID!, $revision: Int!) { markPayrollRunPaid(id: $id, revision: $revision) { run { id status version } } }`;
export const REOPEN_RUN = `mutation ReopenRun($id: ID!, $revision: Int!, $reason: String!) { reopenPayrollRun(id: $id, revision: $revision, reason: $reason) { run { id status version } } }`;
export const LOCKED_PERIODS = '{ lockedPeriods { periodKey lockedAt reason } }';
export const LOCK_PERIOD = `mutation LockPeriod($periodKey: String!, $reason: String!) { lockPeriod(periodKey: $periodKey, reason: $reason) { periodKey } }`;
export const REOPEN_PERIOD = `mutation ReopenPeriod($periodKey: String!, $reason: String!) { reopenPeriod(periodKey: $periodKey, reason: $reason) }`;

const USER_FIELDS = 'id username roles personId personName disabled canSignIn accessEndsAfter servedUnits { id code name }';
export const USERS = `{ users { ${USER_FIELDS} } }`;
export const CREATE_USER = `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
export const ASSIGN_ROLE = `mutation AssignRole($userId: ID!, $role: Role!) { assignRole(userId: $userId, role: $role) { ${USER_FIELDS} } }`;
export const REMOVE_ROLE = `mutation RemoveRole($userId: ID!, $role: Role!) { removeRole(userId: $userId, role: $role) { ${USER_FIELDS} } }`;
export const DISABLE_USER = `mutation DisableUser($userId: ID!) { disableUser(userId: $userId) { ${USER_FIELDS} } }`;
export const ENABLE_USER = `mutation EnableUser($userId: ID!) { enableUser(userId: $userId) { ${USER_FIELDS} } }`;
export const SET_SERVED_UNITS = `mutation SetServedUnits($userId: ID!, $unitIds: [ID!]!) { setServedUnits(userId: $userId, unitIds: $unitIds) { ${USER_FIELDS} } }`;
export const RESET_PASSWORD = `mutation ResetPassword($userId: ID!, $password: String!) { resetPassword(userId: $userId, password: $password) { ${USER_FIELDS} } }`;

export interface Viewer {
  id: string;
  username: string;
  person: { id: string; name: string } | null;
}
export interface PersonOption {
  id: string;
  employeeNo: string;
  name: string;
  unitName: string | null;
}
export interface PayAdjustment {
  id: string;
  personId: string;
  personName: string;
  employeeNo: string;
  month: string;
  amount: string;
  reason: string;
  approvedBy: string;
}
export interface LeaveRequest {
  id: string;
  personId: string;
  personName: string;
  kind: string;
  from: string;
  to: string;
  reason: string;
  status: string;
  comment: string | null;
  requestedAt: string;
  /** In a locked period: not decided until an admin reopens it. */
  locked: boolean;
}
export interface PromotionProposal {
  personId: string;
  name: string;
  employeeNo: string;
  version: number;
  from: string;
  to: string | null;
  /** Each requirement of the next rank, as a code and its figures (amounts in yuan, counts whole). */
  checks: { criterion: 'OWN_SALES' | 'TRAINEES' | 'TRAINEE_SALES'; actual: string; required: string; met: boolean }[];
  /** The grade of the person's latest approved scorecard, and its period; null when there is none. */
  latestGrade: 'EXCELLENT' | 'GOOD' | 'PASS' | 'FAIL' | null;
  latestGradePeriod: string | null;
}
export interface CompensationPlan {
  id: string;
  code: string;
  version: number;
  name: string;
  effectiveFrom: string;
}
export interface CompensationAssignment {
  id: string;
  planCode: string;
  planVersion: number;
  planName: string;
  personId: string | null;
  personName: string | null;
  employeeNo: string | null;
  rank: string | null;
  position: string | null;
  effectiveFrom: string;
}
/** A run as the lists show it: the same summary the Payroll screen uses. */
/** A run as Month end lists it: with whether the viewer may mark it paid (the server's rule). */
export interface RunSummary extends ListedRunSummary {
  viewerMayRun: boolean;
}
export interface PeriodLock {
  periodKey: string;
  lockedAt: string;
  reason: string;
}
export interface User {
  id: string;
  username: string;
  roles: string[];
  personId: string | null;
  personName: string | null;
  disabled: boolean;
  canSignIn: boolean;
  accessEndsAfter: string | null;
  /** For a finance user: the units they serve; none: every unit. */
  servedUnits: { id: string; code: string; name: string }[];
}
export const ROLES = ['ADMIN', 'DIRECTOR', 'FINANCE', 'FINANCE_MANAGER', 'GENERAL_MANAGER', 'MANAGER', 'REP'] as const;

/** One person's month of attendance: days by status (leave without an approved request apart), minutes late, and the month as payroll counts it. */
export interface AttendanceSummaryRow {
  personId: string;
  employeeNo: string;
  name: string;
  present: number;
  late: number;
  lateMinutes: number;
  leftEarly: number;
  absent: number;
  personalLeave: number;
  sickLeave: number;
  unrequestedLeave: number;
  fieldVisit: number;
  /** The month as payroll counts it: null when the server's working calendar lacks the month's year. */
  workingDays: number | null;
  unrecordedWorkingDays: number | null;
  fieldVisitWithoutSlip: number | null;
  restDayRecords: number | null;
}
export const ATTENDANCE_SUMMARY = `query AttendanceSummary($month: String!) {
  attendanceSummary(month: $month) { personId employeeNo name present late lateMinutes leftEarly absent personalLeave sickLeave unrequestedLeave fieldVisit
    workingDays unrecordedWorkingDays fieldVisitWithoutSlip restDayRecords }
}`;
