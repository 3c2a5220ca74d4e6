/** The operations the task pane sends, and the roster pull loop. */
import type { Client } from '@urql/core';
import { run } from './client.ts';
import { ROSTER_FIELDS, type RosterPerson } from '../roster/roster-sheet.ts';
import { PLAN_FIELDS } from '../targets/target-sheet.ts';
import { ROLLUP_FIELDS } from '../targets/rollup-sheet.ts';
import { RUN_HEAD_FIELDS, RUN_SUMMARY, SLIP_FIELDS } from '../payroll/payroll-sheet.ts';
import { JOB_FIELDS } from './jobs.ts';

export const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) { token expiresAt viewer { username roles } }
}`;
export const LOGOUT = 'mutation Logout { logout }';

/** The units a finance user serves (brief §8); empty when they serve every unit. */
export const VIEWER_SERVED_UNITS = '{ viewer { servedUnits { id code name } } }';
export const ORG_TREE = `query OrgTree($asOf: Date) { orgTree(asOf: $asOf) { id code name kind parentId depth version } }`;

export const ROSTER_PAGE = `query RosterPage($asOf: Date, $unitId: ID, $first: Int, $after: String) {
  roster(asOf: $asOf, unitId: $unitId, first: $first, after: $after) {
    edges { node { ${ROSTER_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface OrgUnitOption {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  depth: number;
  /** Send back with a change to the unit; a stale version gets CONFLICT. */
  version: number;
}

interface RosterPageData {
  roster: { edges: { node: RosterPerson }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** All people of the roster, page by page (keyset), reporting progress. */
export async function pullRoster(
  client: Client,
  args: { asOf: string; unitId: string | null },
  onPage?: (fetched: number) => void,
  pageSize = 1000,
): Promise<RosterPerson[]> {
  const people: RosterPerson[] = [];
  let after: string | null = null;
  for (;;) {
    const data: RosterPageData = await run<RosterPageData>(client, ROSTER_PAGE, { ...args, first: pageSize, after });
    for (const e of data.roster.edges) people.push(e.node);
    onPage?.(people.length);
    if (!data.roster.pageInfo.hasNextPage) return people;
    after = data.roster.pageInfo.endCursor;
  }
}

/** Units in tree order (each parent followed by its children), for a picker. */
export function treeOrder(units: OrgUnitOption[]): OrgUnitOption[] {
  const children = new Map<string | null, OrgUnitOption[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: OrgUnitOption[] = [];
  const walk = (parent: string | null) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      out.push(u);
      walk(u.id);
    }
  };
  walk(null);
  return out;
}


/** The month (1-12) fiscal years start in. */
export const FISCAL_YEAR_START = 'query FiscalYearStart { fiscalYearStartMonth }';

export const TARGET_PLANS = `query TargetPlans($year: Int, $status: PlanStatus) {
  targetPlans(year: $year, status: $status) {
    id year metric level version revision status scopeUnitId scopeUnitName total periodLevel outOfDate parentTarget { version scopeUnitName total }
    submittedBy submittedAt submitComment returnedBy returnedAt returnComment canDraft canApprove canPublish canReturn
  }
}`;
/** The units the viewer may start a target plan for: those they manage and below (whatever their role), every unit for an admin. */
export const TARGET_PLAN_UNITS = `query TargetPlanUnits { targetPlanUnits { id code name kind parentId depth version } }`;
export const TARGET_ROLLUP = `query TargetRollup($unitId: ID!, $year: Int!, $metric: Metric!, $level: TargetLevel!) {
  targetRollup(unitId: $unitId, year: $year, metric: $metric, level: $level) { ${ROLLUP_FIELDS} }
}`;
export const PARENT_FIGURE = `query ParentFigure($unitId: ID!, $year: Int!, $metric: Metric!, $level: TargetLevel!) {
  parentTargetFigure(unitId: $unitId, year: $year, metric: $metric, level: $level) { version scopeUnitName total }
}`;
export const TARGET_PLAN = `query TargetPlan($id: ID!) { targetPlan(id: $id) { ${PLAN_FIELDS} } }`;
export const CREATE_PLAN = `mutation CreateTargetPlan($input: CreateTargetPlanInput!) { createTargetPlan(input: $input) { ${PLAN_FIELDS} } }`;
export const BREAK_DOWN = `mutation BreakDown($id: ID!, $revision: Int!, $time: BreakdownMethodInput!, $owners: BreakdownMethodInput!, $keepLocked: Boolean) {
  breakDownTargetPlan(id: $id, revision: $revision, time: $time, owners: $owners, keepLocked: $keepLocked) { ${PLAN_FIELDS} }
}`;
export const SAVE_LINES = `mutation SaveLines($id: ID!, $revision: Int!, $lines: [TargetLineInput!]!) { saveTargetLines(id: $id, revision: $revision, lines: $lines) { ${PLAN_FIELDS} } }`;
export const SET_TOTAL = `mutation SetTargetPlanTotal($id: ID!, $revision: Int!, $total: String!) { setTargetPlanTotal(id: $id, revision: $revision, total: $total) { ${PLAN_FIELDS} } }`;
export const SUBMIT = `mutation Submit($id: ID!, $revision: Int!, $comment: String) { submitTargetPlan(id: $id, revision: $revision, comment: $comment) { ${PLAN_FIELDS} } }`;
export const APPROVE = `mutation Approve($id: ID!, $revision: Int!, $comment: String) { approveTargetPlan(id: $id, revision: $revision, comment: $comment) { ${PLAN_FIELDS} } }`;
export const RETURN = `mutation Return($id: ID!, $revision: Int!, $comment: String!) { returnTargetPlan(id: $id, revision: $revision, comment: $comment) { ${PLAN_FIELDS} } }`;
export const PUBLISH = `mutation Publish($id: ID!, $revision: Int!) { publishTargetPlan(id: $id, revision: $revision) { ${PLAN_FIELDS} } }`;
/** Whether the signed-in user is a person on the roster (an admin or a general manager may not be): the "my" screens have nothing to show otherwise. */
export const VIEWER_PERSON = `query ViewerPerson { viewer { person { id } } }`;
export type ViewerPersonData = { viewer: { person: { id: string } | null } | null };
export const hasOwnPerson = (d: ViewerPersonData) => !!d.viewer?.person;
export const MY_TARGETS = `query MyTargets($year: Int!) { myTargets(year: $year) { metric level periodKey amount version } }`;

export interface PlanSummary {
  id: string;
  year: number;
  metric: string;
  level: string;
  version: number;
  revision: number;
  status: string;
  scopeUnitId: string;
  scopeUnitName: string;
  total: string;
  /** One level or a chain such as "quarter,month,week". */
  periodLevel: string;
  /** The parent's published plan now gives this unit a different total. */
  outOfDate: boolean;
  parentTarget: ParentTarget | null;
  submittedBy: string | null;
  submittedAt: string | null;
  submitComment: string | null;
  /** Who sent this version back to draft, when and why, until it is submitted again. */
  returnedBy?: string | null;
  returnedAt?: string | null;
  returnComment?: string | null;
  /** The viewer drafts it (breaks it down, saves, changes its year target, submits; revises it once approved), by the rule the server applies. */
  canDraft: boolean;
  /** What the viewer may decide on it now, by the rule the server applies. */
  canApprove: boolean;
  canPublish: boolean;
  canReturn: boolean;
}
export interface ParentTarget {
  version: number;
  scopeUnitName: string;
  total: string;
}
export const PROFILES = `query Profiles { seasonalityProfiles { code name monthPercents } }`;
export const PREVIEW = `query Preview($id: ID!, $time: BreakdownMethodInput!, $owners: BreakdownMethodInput!, $keepLocked: Boolean) {
  targetPlanBreakdownPreview(id: $id, time: $time, owners: $owners, keepLocked: $keepLocked) { total lines { ownerId periodKey amount } }
}`;

export const PAYROLL_RUNS = `query PayrollRuns($month: String) { payrollRuns(month: $month) { id month version revision status scopeUnitName scopeUnitId viewerMaySign viewerMayRun } }`;
export const PAYROLL_RUN_HEAD = `query PayrollRunHead($id: ID!) { payrollRun(id: $id) { ${RUN_HEAD_FIELDS} } }`;
/** Payslips a page at a time (keyset on the employee number), as many as a request carries comfortably. */
export const PAYSLIP_PAGE_SIZE = 1000;
export const PAYSLIP_PAGE = `query PayslipPage($id: ID!, $after: String) { payrollRun(id: $id) { payslipPage(first: ${PAYSLIP_PAGE_SIZE}, after: $after) { nodes { ${SLIP_FIELDS} } pageInfo { hasNextPage endCursor } } } }`;
export const CREATE_RUN = `mutation CreateRun($month: String!, $u: ID!) { createPayrollRun(month: $month, scopeUnitId: $u) { ${RUN_SUMMARY} } }`;
export const START_CALCULATION = `mutation StartCalculation($id: ID!, $revision: Int!) { startPayrollCalculation(id: $id, revision: $revision) { ${JOB_FIELDS} } }`;
export const DISCARD_RUN = `mutation DiscardRun($id: ID!, $revision: Int!, $reason: String!) { discardPayrollRun(id: $id, revision: $revision, reason: $reason) }`;
export const SUBMIT_RUN = `mutation SubmitRun($id: ID!, $revision: Int!) { submitPayrollRun(id: $id, revision: $revision) { ${RUN_SUMMARY} } }`;
export const APPROVE_RUN = `mutation ApproveRun($id: ID!, $revision: Int!, $comment: String) { approvePayrollRun(id: $id, revision: $revision, comment: $comment) { ${RUN_SUMMARY} } }`;
export const RETURN_RUN = `mutation ReturnRun($id: ID!, $revision: Int!, $comment: String!) { returnPayrollRun(id: $id, revision: $revision, comment: $comment) { ${RUN_SUMMARY} } }`;
export const MY_PAYSLIP = `query MyPayslip($month: String!) { myPayslip(month: $month) { personId personName employeeNo planCode gross deductions net lines { code label kind amount explanation { data } } } }`;

export interface RunSummary {
  id: string;
  month: string;
  version: number;
  revision: number;
  status: string;
  scopeUnitName: string;
  scopeUnitId: string;
}

/** A run as the Payroll screen lists it: with whether the viewer's signature is the one due (the server's rule). */
export interface ListedRun extends RunSummary {
  viewerMaySign: boolean;
  /** Finance may calculate and submit it (for finance who serve named units: a run of one of them). */
  viewerMayRun: boolean;
}

export const MY_PAYSLIP_MONTHS = `query MyPayslipMonths { myPayslipMonths }`;
export const MY_TARGET_YEARS = `query MyTargetYears { myTargetYears }`;
