/** The rep-plan requests the pane makes (issue 11 §2), and the shapes it reads back. */
import { JOB_FIELDS } from '../api/jobs.ts';
import { isIsoMonth } from '../../../schema/dates.ts';

export const PLAN_FIELDS = `id personId personName employeeNo unitName month version status revision dueOn timeliness target planned belowTargetReason
  weeks { weekKey sales calls visits events } customers { customer sales visits } decisionComment canEdit canDecide`;

export const MY_REP_PLAN = `query MyRepPlan($month: String!) { myRepPlan(month: $month) { person { id name employeeNo } month weeks { key start end } target stretchTarget dueOn plan { ${PLAN_FIELDS} } earlier { id version status decisionComment } customerCodes } }`;
/** What a plan template's cover says besides the form: the person's unit in the month and their customers. */
export const MY_REP_PLAN_COVER = `query MyRepPlanCover($month: String!) { myRepPlan(month: $month) { unitName customers { code name tier } } }`;
export const SAVE_REP_PLAN = `mutation SaveRepPlan($month: String!, $revision: Int, $input: RepPlanInput!) { saveRepPlan(month: $month, revision: $revision, input: $input) { ${PLAN_FIELDS} } }`;
export const SUBMIT_REP_PLAN = `mutation SubmitRepPlan($id: ID!, $revision: Int!) { submitRepPlan(id: $id, revision: $revision) { ${PLAN_FIELDS} } }`;
export const REP_PLAN = `query RepPlan($id: ID!) { repPlan(id: $id) { ${PLAN_FIELDS} } }`;
export const REP_PLAN_ROSTER = `query RepPlanRoster($month: String!) { repPlanRoster(month: $month) { personId personName employeeNo unitName planId status version revision dueOn timeliness target planned decisionComment belowTargetReason canDecide } }`;
/** The team's plan templates for a month as one zip, made as a job (its file is the download). */
export const START_PLAN_TEMPLATES_ZIP = `mutation StartPlanTemplatesZip($month: String!, $language: TemplateLanguage) { startPlanTemplatesZip(month: $month, language: $language) { ${JOB_FIELDS} } }`;
export const ACCEPT_REP_PLAN = `mutation AcceptRepPlan($id: ID!, $revision: Int!, $comment: String) { acceptRepPlan(id: $id, revision: $revision, comment: $comment) { ${PLAN_FIELDS} } }`;
export const RETURN_REP_PLAN = `mutation ReturnRepPlan($id: ID!, $revision: Int!, $comment: String!) { returnRepPlan(id: $id, revision: $revision, comment: $comment) { ${PLAN_FIELDS} } }`;

export type RepPlanStatus = 'DRAFT' | 'SUBMITTED' | 'ACCEPTED' | 'RETURNED';
export type Timeliness = 'ON_TIME' | 'LATE' | 'DUE' | 'MISSING';

export interface RepPlanView {
  id: string;
  personId: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  month: string;
  version: number;
  status: RepPlanStatus;
  revision: number;
  dueOn: string;
  timeliness: Timeliness;
  target: string | null;
  planned: string;
  belowTargetReason: string | null;
  weeks: { weekKey: string; sales: string; calls: number; visits: number; events: number }[];
  customers: { customer: string; sales: string; visits: number }[];
  decisionComment: string | null;
  canEdit: boolean;
  canDecide: boolean;
}

export interface MyRepPlan {
  person: { id: string; name: string; employeeNo: string } | null;
  month: string;
  weeks: { key: string; start: string; end: string }[];
  target: string | null;
  stretchTarget: string | null;
  dueOn: string;
  plan: RepPlanView | null;
  earlier: { id: string; version: number; status: RepPlanStatus; decisionComment: string | null }[];
  /** The rep's own customers' codes: a key customer must be one of them. */
  customerCodes: string[];
}

export interface RosterRow {
  personId: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  planId: string | null;
  status: RepPlanStatus | null;
  version: number | null;
  revision: number | null;
  dueOn: string;
  timeliness: Timeliness;
  target: string | null;
  planned: string | null;
  decisionComment: string | null;
  /** Why the newest version plans below the target, as the rep wrote it. */
  belowTargetReason: string | null;
  canDecide: boolean;
}

/** The month after today's (plans are made ahead: the 28th of the month before by default). */
export function nextMonth(now = new Date()): string {
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export const validMonth = (m: string) => isIsoMonth(m.trim());
