/** The work-log and report requests the pane makes (issue 11 §3), and the shapes it reads back. */
const COMMON = 'id personId personName employeeNo unitName status revision dueOn timeliness submittedAt comment commentedBy commentedAt canEdit canComment';
export const LOG_FIELDS = `${COMMON} day calls visits deals customersMet notes`;
const FIGURES = 'plannedSales actualSales plannedCalls plannedVisits actualCalls actualVisits logsSubmitted';
export const WEEKLY_FIELDS = `${COMMON} week reportedFrom reportedTo results plan marketFeedback problems figures { ${FIGURES} }`;
export const MONTHLY_FIELDS = `${COMMON} month results analysis plan`;

export const MY_WORK_LOG = `query MyWorkLog($day: String!) { myWorkLog(day: $day) { day dueOn log { ${LOG_FIELDS} } } }`;
export const MY_WEEKLY_REPORT = `query MyWeeklyReport($week: String!) { myWeeklyReport(week: $week) { week reportedFrom reportedTo dueOn figures { ${FIGURES} } report { ${WEEKLY_FIELDS} } } }`;
export const MY_MONTHLY_REPORT = `query MyMonthlyReport($month: String!) { myMonthlyReport(month: $month) { month dueOn report { ${MONTHLY_FIELDS} } } }`;
export const SAVE_WORK_LOG = `mutation SaveWorkLog($day: String!, $revision: Int, $submit: Boolean, $input: WorkLogInput!) { saveWorkLog(day: $day, revision: $revision, submit: $submit, input: $input) { ${LOG_FIELDS} } }`;
export const SAVE_WEEKLY_REPORT = `mutation SaveWeeklyReport($week: String!, $revision: Int, $submit: Boolean, $input: WeeklyReportInput!) { saveWeeklyReport(week: $week, revision: $revision, submit: $submit, input: $input) { ${WEEKLY_FIELDS} } }`;
export const SAVE_MONTHLY_REPORT = `mutation SaveMonthlyReport($month: String!, $revision: Int, $submit: Boolean, $input: MonthlyReportInput!) { saveMonthlyReport(month: $month, revision: $revision, submit: $submit, input: $input) { ${MONTHLY_FIELDS} } }`;
export const SPOT_CHECK = `query WorkLogSpotCheck($week: String!) { workLogSpotCheck(week: $week) { week size candidates logs { ${LOG_FIELDS} } } }`;
export const WEEKLY_REPORTS = `query WeeklyReports($week: String!) { weeklyReports(week: $week) { ${WEEKLY_FIELDS} } }`;
export const MONTHLY_REPORTS = `query MonthlyReports($month: String!) { monthlyReports(month: $month) { ${MONTHLY_FIELDS} } }`;
export const COMMENT_WORK_LOG = `mutation CommentWorkLog($id: ID!, $revision: Int!, $comment: String!) { commentWorkLog(id: $id, revision: $revision, comment: $comment) { ${LOG_FIELDS} } }`;
export const COMMENT_WEEKLY_REPORT = `mutation CommentWeeklyReport($id: ID!, $revision: Int!, $comment: String!) { commentWeeklyReport(id: $id, revision: $revision, comment: $comment) { ${WEEKLY_FIELDS} } }`;
export const COMMENT_MONTHLY_REPORT = `mutation CommentMonthlyReport($id: ID!, $revision: Int!, $comment: String!) { commentMonthlyReport(id: $id, revision: $revision, comment: $comment) { ${MONTHLY_FIELDS} } }`;
export const HANDED_IN_SHEET = `query HandedInSheet($period: String!) { handedInSheet(period: $period) { period start end columns { kind period } rows { personId personName employeeNo unitName workingDays logsSubmitted logsOnTime logsLate logsMissing logsNotYetDue reports { kind period id dueOn timeliness submittedAt commented } } } }`;

export type Timeliness = 'ON_TIME' | 'LATE' | 'DUE' | 'MISSING';

export interface WorkReportCommon {
  id: string;
  personId: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  status: 'DRAFT' | 'SUBMITTED';
  revision: number;
  dueOn: string;
  timeliness: Timeliness;
  submittedAt: string | null;
  comment: string | null;
  commentedBy: string | null;
  commentedAt: string | null;
  canEdit: boolean;
  canComment: boolean;
}
export interface WorkLog extends WorkReportCommon {
  day: string;
  calls: number;
  visits: number;
  deals: number;
  customersMet: string;
  notes: string;
}
export interface WeekFigures {
  plannedSales: string | null;
  actualSales: string;
  plannedCalls: number | null;
  plannedVisits: number | null;
  actualCalls: number;
  actualVisits: number;
  logsSubmitted: number;
}
export interface WeeklyReport extends WorkReportCommon {
  week: string;
  reportedFrom: string;
  reportedTo: string;
  results: string;
  plan: string;
  marketFeedback: string;
  problems: string;
  figures: WeekFigures;
}
export interface MonthlyReport extends WorkReportCommon {
  month: string;
  results: string;
  analysis: string;
  plan: string;
}
export interface MyWorkLog {
  day: string;
  dueOn: string;
  log: WorkLog | null;
}
export interface MyWeeklyReport {
  week: string;
  reportedFrom: string;
  reportedTo: string;
  dueOn: string;
  figures: WeekFigures | null;
  report: WeeklyReport | null;
}
export interface MyMonthlyReport {
  month: string;
  dueOn: string;
  report: MonthlyReport | null;
}
export interface SpotCheck {
  week: string;
  size: number;
  candidates: number;
  logs: WorkLog[];
}
export interface HandedInReport {
  kind: 'WEEKLY' | 'MONTHLY';
  period: string;
  id: string | null;
  dueOn: string;
  timeliness: Timeliness;
  submittedAt: string | null;
  commented: boolean;
}
export interface HandedInRow {
  personId: string;
  personName: string;
  employeeNo: string;
  unitName: string;
  workingDays: number;
  logsSubmitted: number;
  logsOnTime: number;
  logsLate: number;
  logsMissing: number;
  /** Working days whose log is not submitted and not due yet. */
  logsNotYetDue: number;
  reports: HandedInReport[];
}
export interface HandedInSheet {
  period: string;
  start: string;
  end: string;
  columns: { kind: 'WEEKLY' | 'MONTHLY'; period: string }[];
  rows: HandedInRow[];
}

const WORK_MONTH = `month person { id name employeeNo } logs { ${LOG_FIELDS} } weeklyReports { week reportedFrom reportedTo dueOn figures { ${FIGURES} } report { ${WEEKLY_FIELDS} } } monthlyReport { month dueOn report { ${MONTHLY_FIELDS} } }`;
/** The month as its two sheets show it. */
export const MY_WORK_MONTH = `query MyWorkMonth($month: String!) { myWorkMonth(month: $month) { ${WORK_MONTH} } }`;
/** The month's sheets handed in at once: all, or nothing with every problem by item. */
export const SAVE_WORK_MONTH = `mutation SaveWorkMonth($month: String!, $submit: Boolean, $input: WorkMonthInput!) { saveWorkMonth(month: $month, submit: $submit, input: $input) { ${WORK_MONTH} } }`;
