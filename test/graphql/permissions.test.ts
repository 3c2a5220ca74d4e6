/**
 * The permission matrix: every role (and nobody) against every operation.
 * "allowed" means the call got past authorisation: it may still fail for
 * another reason (a stale version, a duplicate), which the arguments below
 * are chosen to provoke so that nothing changes between rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { codeOf, databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { CSRF_HEADER } from '../../server/app.ts';
import { testProviders } from '../support/databases.ts';
import { schema } from '../../server/graphql/schema.ts';

type Who = 'anonymous' | 'rep' | 'manager' | 'finance' | 'finmgr' | 'director' | 'gm' | 'admin';
const everyone: Who[] = ['rep', 'manager', 'finance', 'finmgr', 'director', 'gm', 'admin'];

interface Fixture {
  personInManagerArea: { id: string; employeeNo: string };
  teamInManagerArea: string;
  team: { id: string; parentId: string };
}

const operations: Record<string, { allowed: Who[]; query: string; vars: (f: Fixture) => Record<string, unknown>; upload?: string; uploadName?: string }> = {
  viewer: { allowed: everyone, query: '{ viewer { username } }', vars: () => ({}) },
  roster: { allowed: everyone, query: '{ roster(first: 1) { edges { node { id } } } }', vars: () => ({}) },
  person: { allowed: everyone, query: 'query($id: ID!) { person(id: $id) { id } }', vars: (f) => ({ id: f.personInManagerArea.id }) },
  orgTree: { allowed: everyone, query: '{ orgTree { id } }', vars: () => ({}) },
  auditTrail: { allowed: ['director', 'gm', 'admin'], query: 'query($id: ID!) { auditTrail(entityType: "Person", entityId: $id) { id } }', vars: (f) => ({ id: f.personInManagerArea.id }) },
  login: { allowed: ['anonymous', ...everyone], query: 'mutation { login(username: "rep", password: "quotabook-demo") { token } }', vars: () => ({}) },
  logout: { allowed: everyone, query: 'mutation { logout }', vars: () => ({}) },
  createPerson: {
    allowed: ['manager', 'admin'],
    query: 'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
    vars: (f) => ({ input: { employeeNo: f.personInManagerArea.employeeNo, name: '重复', position: 'SALES_REP', hireDate: '2026-01-01', unitId: f.teamInManagerArea } }),
  },
  // Finance may call it for a base salary only; an empty change gets CONFLICT (stale version) from every allowed role.
  updatePerson: {
    allowed: ['manager', 'finance', 'admin'],
    query: 'mutation($id: ID!) { updatePerson(id: $id, version: 999, input: {}) { id } }',
    vars: (f) => ({ id: f.personInManagerArea.id }),
  },
  transferPerson: {
    allowed: ['manager', 'admin'],
    query: 'mutation($id: ID!, $unitId: ID!) { transferPerson(id: $id, version: 999, unitId: $unitId, effectiveDate: "2026-06-01") { id } }',
    vars: (f) => ({ id: f.personInManagerArea.id, unitId: f.teamInManagerArea }),
  },
  deactivatePerson: {
    allowed: ['manager', 'admin'],
    query: 'mutation($id: ID!) { deactivatePerson(id: $id, version: 999, leaveDate: "2026-12-31") { id } }',
    vars: (f) => ({ id: f.personInManagerArea.id }),
  },
  createOrgUnit: {
    allowed: ['admin'],
    query: 'mutation($p: ID!) { createOrgUnit(input: { code: "QH", name: "dup", kind: "TEAM", parentId: $p }) { id } }'.replace('"TEAM"', 'TEAM'),
    vars: (f) => ({ p: f.team.parentId }),
  },
  renameOrgUnit: { allowed: ['admin'], query: 'mutation($id: ID!) { renameOrgUnit(id: $id, version: 999, name: "x") { id } }', vars: (f) => ({ id: f.team.id }) },
  setOrgUnitManager: { allowed: ['admin'], query: 'mutation($id: ID!) { setOrgUnitManager(id: $id, version: 999) { id } }', vars: (f) => ({ id: f.team.id }) },
  moveOrgUnit: { allowed: ['admin'], query: 'mutation($id: ID!, $p: ID!) { moveOrgUnit(id: $id, version: 999, parentId: $p) { id } }', vars: (f) => ({ id: f.team.id, p: f.team.parentId }) },
  // Targets (issue 3). A plan id that does not exist: allowed roles get NOT_FOUND, after authorisation.
  targetPlan: { allowed: ['manager', 'finance', 'director', 'gm', 'admin'], query: '{ targetPlan(id: "no-plan") { plan { id } } }', vars: () => ({}) },
  targetPlans: { allowed: ['manager', 'finance', 'director', 'gm', 'admin'], query: '{ targetPlans(year: 2026) { id } }', vars: () => ({}) },
  // The units a viewer may start a plan for: people who manage units (whatever their role) and admins.
  targetPlanUnits: { allowed: ['manager', 'director', 'gm', 'admin'], query: '{ targetPlanUnits { id } }', vars: () => ({}) },
  targetRollup: {
    allowed: ['manager', 'finance', 'director', 'gm', 'admin'],
    query: 'query($u: ID!) { targetRollup(unitId: $u, year: 2026, metric: SALES_AMOUNT, level: BASE) { ownerId matches } }',
    vars: (f) => ({ u: f.teamInManagerArea }),
  },
  parentTargetFigure: {
    allowed: ['manager', 'director', 'gm', 'admin'],
    query: 'query($u: ID!) { parentTargetFigure(unitId: $u, year: 2026, metric: SALES_AMOUNT, level: BASE) { total } }',
    vars: (f) => ({ u: f.teamInManagerArea }),
  },
  myTargets: { allowed: everyone, query: '{ myTargets(year: 2026) { periodKey } }', vars: () => ({}) },
  myTargetYears: { allowed: everyone, query: '{ myTargetYears }', vars: () => ({}) },
  lockedPeriods: { allowed: everyone, query: '{ lockedPeriods { periodKey } }', vars: () => ({}) },
  createTargetPlan: {
    allowed: ['manager', 'director', 'gm', 'admin'],
    query: 'mutation($u: ID!) { createTargetPlan(input: { year: 2026, metric: SALES_AMOUNT, level: BASE, scopeUnitId: $u, total: "-1" }) { plan { id } } }',
    vars: (f) => ({ u: f.teamInManagerArea }),
  },
  breakDownTargetPlan: {
    allowed: ['manager', 'director', 'gm', 'admin'],
    query: 'mutation { breakDownTargetPlan(id: "no-plan", revision: 1, time: { kind: EQUAL }, owners: { kind: EQUAL }) { plan { id } } }',
    vars: () => ({}),
  },
  validateTargetLines: { allowed: ['manager', 'director', 'gm', 'admin'], query: 'mutation { validateTargetLines(id: "no-plan", lines: []) { rule } }', vars: () => ({}) },
  saveTargetLines: { allowed: ['manager', 'director', 'gm', 'admin'], query: 'mutation { saveTargetLines(id: "no-plan", revision: 1, lines: []) { plan { id } } }', vars: () => ({}) },
  saveTargetPlanDraft: { allowed: ['manager', 'director', 'gm', 'admin'], query: 'mutation { saveTargetPlanDraft(id: "no-plan", revision: 1, lines: []) { plan { id } } }', vars: () => ({}) },
  setTargetPlanTotal: { allowed: ['manager', 'director', 'gm', 'admin'], query: 'mutation { setTargetPlanTotal(id: "no-plan", revision: 1, total: "1") { plan { id } } }', vars: () => ({}) },
  submitTargetPlan: { allowed: ['manager', 'director', 'gm', 'admin'], query: 'mutation { submitTargetPlan(id: "no-plan", revision: 1) { plan { id } } }', vars: () => ({}) },
  approveTargetPlan: { allowed: ['manager', 'director', 'gm', 'admin'], query: 'mutation { approveTargetPlan(id: "no-plan", revision: 1) { plan { id } } }', vars: () => ({}) },
  returnTargetPlan: { allowed: ['manager', 'director', 'gm', 'admin'], query: 'mutation { returnTargetPlan(id: "no-plan", revision: 1, comment: "why") { plan { id } } }', vars: () => ({}) },
  publishTargetPlan: { allowed: ['manager', 'director', 'gm', 'admin'], query: 'mutation { publishTargetPlan(id: "no-plan", revision: 1) { plan { id } } }', vars: () => ({}) },
  reviseTargetPlan: { allowed: ['manager', 'director', 'gm', 'admin'], query: 'mutation { reviseTargetPlan(id: "no-plan", revision: 1) { plan { id } } }', vars: () => ({}) },
  importSalesActuals: {
    allowed: ['finance', 'admin'],
    query: 'mutation { importSalesActuals(records: [{ externalId: "X", employeeNo: "NOBODY", date: "2026-01-05", amount: "1.00" }]) { created } }',
    vars: () => ({}),
  },
  importSalesFile: {
    allowed: ['finance', 'admin'],
    query: 'mutation($f: File!) { importSalesFile(file: $f) { created } }',
    vars: () => ({ f: null }),
    upload: 'externalId,employeeNo,date,amount\n',
  },
  targetPlanBreakdownPreview: {
    allowed: ['manager', 'director', 'gm', 'admin'],
    query: '{ targetPlanBreakdownPreview(id: "no-plan", time: { kind: EQUAL }, owners: { kind: EQUAL }) { total } }',
    vars: () => ({}),
  },
  seasonalityProfiles: { allowed: everyone, query: '{ seasonalityProfiles { code } }', vars: () => ({}) },
  saveSeasonalityProfiles: { allowed: ['admin'], query: 'mutation { saveSeasonalityProfiles(profiles: [{ code: "x", name: "x", monthPercents: ["1"] }]) { code } }', vars: () => ({}) },
  saveSeasonalityProfile: { allowed: ['admin'], query: 'mutation { saveSeasonalityProfile(code: "X1", name: "x", monthPercents: ["1"]) { code } }', vars: () => ({}) },
  fiscalYearStartMonth: { allowed: everyone, query: '{ fiscalYearStartMonth }', vars: () => ({}) },
  setFiscalYearStartMonth: { allowed: ['admin'], query: 'mutation { setFiscalYearStartMonth(month: 13) }', vars: () => ({}) },
  // Payroll (issue 4). A run id that does not exist: allowed roles get NOT_FOUND.
  compensationPlans: { allowed: ['finance', 'finmgr', 'director', 'gm', 'admin'], query: '{ compensationPlans { code } }', vars: () => ({}) },
  payrollRuns: { allowed: ['manager', 'finance', 'finmgr', 'director', 'gm', 'admin'], query: '{ payrollRuns { id } }', vars: () => ({}) },
  payrollRun: { allowed: ['manager', 'finance', 'finmgr', 'director', 'gm', 'admin'], query: '{ payrollRun(id: "no-run") { totalNet } }', vars: () => ({}) },
  myPayslip: { allowed: everyone, query: '{ myPayslip(month: "2026-03") { net } }', vars: () => ({}) },
  myPayslipMonths: { allowed: everyone, query: '{ myPayslipMonths }', vars: () => ({}) },
  assignCompensationPlan: {
    allowed: ['finance', 'admin'],
    query: 'mutation { assignCompensationPlan(planCode: "NO_PLAN", rank: SR, effectiveFrom: "2026-01-01") }',
    vars: () => ({}),
  },
  importAttendance: { allowed: ['finance', 'admin'], query: 'mutation { importAttendance(records: [{ employeeNo: "NOBODY", date: "2026-03-02", status: ABSENT }]) { created } }', vars: () => ({}) },
  addPayAdjustment: {
    allowed: ['finance', 'admin'],
    query: 'mutation { addPayAdjustment(personId: "nobody", month: "2026-03", amount: "1.00", reason: "x", approvedBy: "y") }',
    vars: () => ({}),
  },
  createPayrollRun: { allowed: ['finance', 'admin'], query: 'mutation { createPayrollRun(month: "2026-03", scopeUnitId: "no-unit") { totalNet } }', vars: () => ({}) },
  calculatePayrollRun: { allowed: ['finance', 'admin'], query: 'mutation { calculatePayrollRun(id: "no-run", revision: 1) { totalNet } }', vars: () => ({}) },
  startPayrollCalculation: { allowed: ['finance', 'admin'], query: 'mutation { startPayrollCalculation(id: "no-run", revision: 1) { id } }', vars: () => ({}) },
  // Jobs (issue 12 §2): anyone signed in may ask; a job that is not theirs to see is NOT_FOUND.
  job: { allowed: everyone, query: '{ job(id: "no-job") { status } }', vars: () => ({}) },
  submitPayrollRun: { allowed: ['finance', 'admin'], query: 'mutation { submitPayrollRun(id: "no-run", revision: 1) { totalNet } }', vars: () => ({}) },
  discardPayrollRun: { allowed: ['finance', 'admin'], query: 'mutation { discardPayrollRun(id: "no-run", revision: 1, reason: "x") }', vars: () => ({}) },
  markPayrollRunPaid: { allowed: ['finance', 'admin'], query: 'mutation { markPayrollRunPaid(id: "no-run", revision: 1) { totalNet } }', vars: () => ({}) },
  approvePayrollRun: { allowed: ['finmgr', 'director', 'gm'], query: 'mutation { approvePayrollRun(id: "no-run", revision: 1) { totalNet } }', vars: () => ({}) },
  returnPayrollRun: { allowed: ['finmgr', 'director', 'gm'], query: 'mutation { returnPayrollRun(id: "no-run", revision: 1, comment: "x") { totalNet } }', vars: () => ({}) },
  reopenPayrollRun: { allowed: ['admin'], query: 'mutation { reopenPayrollRun(id: "no-run", revision: 1, reason: "x") { totalNet } }', vars: () => ({}) },
  payAdjustments: { allowed: ['manager', 'finance', 'finmgr', 'director', 'gm', 'admin'], query: '{ payAdjustments(month: "2026-03") { id amount } }', vars: () => ({}) },
  compensationAssignments: { allowed: ['finance', 'finmgr', 'director', 'gm', 'admin'], query: '{ compensationAssignments { id planCode } }', vars: () => ({}) },
  promotionProposals: { allowed: ['manager', 'director', 'gm', 'admin'], query: '{ promotionProposals(month: "2026-03") { personId } }', vars: () => ({}) },
  decidePromotion: {
    allowed: ['manager', 'director', 'admin'],
    query: 'mutation { decidePromotion(personId: "nobody", version: 1, month: "2026-03", toRank: SE, apply: true) }',
    vars: () => ({}),
  },
  importAttendanceFile: {
    allowed: ['finance', 'admin'],
    query: 'mutation($f: File!) { importAttendanceFile(file: $f) { created } }',
    vars: () => ({ f: null }),
    upload: 'employeeNo,date,status\n',
  },
  // Imports from a sheet or a file (issue 8 §6): a header and no rows, so allowed roles see an empty preview or BAD_USER_INPUT.
  previewSalesImport: {
    allowed: ['finance', 'admin'],
    query: 'query($g: SheetGridInput) { previewSalesImport(grid: $g) { rows } }',
    vars: () => ({ g: { sheet: 'Sheet1', rows: [['externalId', 'employeeNo', 'date', 'amount']] } }),
  },
  importSalesSheet: {
    allowed: ['finance', 'admin'],
    query: 'mutation($g: SheetGridInput!) { importSalesSheet(grid: $g) { created } }',
    vars: () => ({ g: { sheet: 'Sheet1', rows: [['externalId', 'employeeNo', 'date', 'amount']] } }),
  },
  // A header and nothing below: refused at once (NO_ROWS) after authorisation, no job queued.
  startSalesSheetImport: {
    allowed: ['finance', 'admin'],
    query: 'mutation($g: SheetGridInput!) { startSalesSheetImport(grid: $g) { id } }',
    vars: () => ({ g: { sheet: 'Sheet1', rows: [['externalId', 'employeeNo', 'date', 'amount']] } }),
  },
  // A legacy .xls: refused at once (LEGACY_XLS) after authorisation, no job queued.
  startSalesFileImport: {
    allowed: ['finance', 'admin'],
    query: 'mutation($f: File!) { startSalesFileImport(file: $f) { id } }',
    vars: () => ({ f: null }),
    upload: 'externalId,employeeNo,date,amount\n',
    uploadName: 'matrix.xls',
  },
  startAttendanceFileImport: {
    allowed: ['finance', 'admin'],
    query: 'mutation($f: File!) { startAttendanceFileImport(file: $f) { id } }',
    vars: () => ({ f: null }),
    upload: 'employeeNo,date,status\n',
    uploadName: 'matrix.xls',
  },
  startAttendanceSheetImport: {
    allowed: ['finance', 'admin'],
    query: 'mutation($g: SheetGridInput!) { startAttendanceSheetImport(grid: $g) { id } }',
    vars: () => ({ g: { sheet: 'Sheet1', rows: [['employeeNo', 'date', 'status']] } }),
  },
  previewAttendanceImport: {
    allowed: ['finance', 'admin'],
    query: 'query($f: File) { previewAttendanceImport(file: $f) { rows } }',
    vars: () => ({ f: null }),
    upload: 'employeeNo,date,status\n',
  },
  importAttendanceSheet: {
    allowed: ['finance', 'admin'],
    query: 'mutation($g: SheetGridInput!) { importAttendanceSheet(grid: $g) { created } }',
    vars: () => ({ g: { sheet: 'Sheet1', rows: [['employeeNo', 'date', 'status']] } }),
  },
  attendanceSummary: { allowed: everyone, query: '{ attendanceSummary(month: "2026-03") { personId } }', vars: () => ({}) },
  leaveRequests: { allowed: everyone, query: '{ leaveRequests { id } }', vars: () => ({}) },
  // admin has no person: nobody to take leave. The general manager is a person (the company's manager) and may ask.
  requestLeave: { allowed: ['rep', 'manager', 'finance', 'finmgr', 'director', 'gm'], query: 'mutation { requestLeave(kind: PERSONAL_LEAVE, from: "2020-01-01", to: "2020-01-01", reason: "x") { id } }', vars: () => ({}) },
  decideLeave: { allowed: ['manager', 'admin'], query: 'mutation { decideLeave(id: "nope", approve: true) { id } }', vars: () => ({}) },
  saveCompensationPlan: { allowed: ['finance', 'admin'], query: 'mutation { saveCompensationPlan(document: "{}", effectiveFrom: "2026-01-01") { code } }', vars: () => ({}) },
  // Working-day calendar (issue 7). A make-up day on a weekday is refused after authorisation; removing a day without an entry is NOT_FOUND.
  workingCalendar: { allowed: everyone, query: '{ workingCalendar(year: 2026) { months { workingDays } } }', vars: () => ({}) },
  setWorkingCalendarDay: { allowed: ['admin'], query: 'mutation { setWorkingCalendarDay(date: "2026-03-11", kind: WORKDAY, name: "x") { date } }', vars: () => ({}) },
  removeWorkingCalendarDay: { allowed: ['admin'], query: 'mutation { removeWorkingCalendarDay(date: "2026-03-11") }', vars: () => ({}) },
  // A stale fingerprint: an admin gets CONFLICT, after authorisation; nothing changes.
  replaceWorkingCalendarYear: { allowed: ['admin'], query: 'mutation { replaceWorkingCalendarYear(year: 2027, fingerprint: "stale", days: []) { year } }', vars: () => ({}) },
  // Users (issue 7 §6). A user id that does not exist: admins get NOT_FOUND; a taken username gets BAD_USER_INPUT.
  users: { allowed: ['admin'], query: '{ users { username } }', vars: () => ({}) },
  createUser: {
    allowed: ['admin'],
    query: 'mutation { createUser(input: { username: "rep", password: "long-enough-password", roles: [REP] }) { id } }',
    vars: () => ({}),
  },
  assignRole: { allowed: ['admin'], query: 'mutation { assignRole(userId: "no-user", role: FINANCE) { id } }', vars: () => ({}) },
  removeRole: { allowed: ['admin'], query: 'mutation { removeRole(userId: "no-user", role: FINANCE) { id } }', vars: () => ({}) },
  disableUser: { allowed: ['admin'], query: 'mutation { disableUser(userId: "no-user") { id } }', vars: () => ({}) },
  enableUser: { allowed: ['admin'], query: 'mutation { enableUser(userId: "no-user") { id } }', vars: () => ({}) },
  resetPassword: { allowed: ['admin'], query: 'mutation { resetPassword(userId: "no-user", password: "long-enough-password") { id } }', vars: () => ({}) },
  setServedUnits: { allowed: ['admin'], query: 'mutation { setServedUnits(userId: "no-user", unitIds: []) { id } }', vars: () => ({}) },
  // Results (issue 10): everyone reads actuals, filtered to what they may see (a rep: their own).
  actuals: { allowed: everyone, query: '{ actuals(period: "2026", grain: MONTH, metric: SALES_AMOUNT) { total } }', vars: () => ({}) },
  achievement: { allowed: everyone, query: '{ achievement(period: "2026", grain: MONTH, metric: SALES_AMOUNT) { periods { key } } }', vars: () => ({}) },
  resultClasses: { allowed: everyone, query: '{ resultClasses { units { otherwise } } }', vars: () => ({}) },
  // Refused after authorisation: a threshold that is not a percentage.
  setResultClasses: {
    allowed: ['admin'],
    query: 'mutation { setResultClasses(classes: { persons: { rules: [{ code: "A", against: BASE, percent: "x", inclusive: true }], otherwise: "B" }, units: { rules: [], otherwise: "C" } }) { units { otherwise } } }',
    vars: () => ({}),
  },
  // Expenses and the ratios of sales (brief §5): a month that is not one, a ten-day block: refused after authorisation.
  unitExpenses: { allowed: ['manager', 'finance', 'finmgr', 'director', 'gm', 'admin'], query: '{ unitExpenses(month: "2026-13") { unitId } }', vars: () => ({}) },
  expenseUnits: { allowed: ['manager', 'finance', 'finmgr', 'director', 'gm', 'admin'], query: '{ expenseUnits { id } }', vars: () => ({}) },
  saveUnitExpenses: { allowed: ['finance', 'finmgr', 'admin'], query: 'mutation { saveUnitExpenses(month: "2026-13", lines: []) { unitId } }', vars: () => ({}) },
  unitRatios: {
    allowed: ['manager', 'finance', 'director', 'gm', 'admin'],
    query: 'query($u: ID!) { unitRatios(unitId: $u, period: "2026-03-D1", grain: TEN_DAYS) { months } }',
    vars: (f) => ({ u: f.teamInManagerArea }),
  },
  // A period rankings do not use (a day): refused after authorisation.
  myRankings: { allowed: everyone, query: '{ myRankings { periodKey } }', vars: () => ({}) },
  leagueTable: { allowed: ['manager', 'finance', 'director', 'gm', 'admin'], query: 'query($u: ID!) { leagueTable(unitId: $u, period: "2026-03-12") { periodKey } }', vars: (f) => ({ u: f.teamInManagerArea }) },
  publishedRankings: { allowed: ['manager', 'finance', 'director', 'gm', 'admin'], query: 'query($u: ID!) { publishedRankings(unitId: $u, period: "2026-03-12") { version } }', vars: (f) => ({ u: f.teamInManagerArea }) },
  publishRanking: { allowed: ['manager', 'director', 'admin'], query: 'mutation($u: ID!) { publishRanking(unitId: $u, period: "2026-03-12") { version } }', vars: (f) => ({ u: f.teamInManagerArea }) },
  startRankingPublication: { allowed: ['manager', 'director', 'admin'], query: 'mutation($u: ID!) { startRankingPublication(unitId: $u, period: "2026-03-12") { id } }', vars: (f) => ({ u: f.teamInManagerArea }) },
  // Rewards and penalties from rankings: a proposal id that does not exist (allowed roles get NOT_FOUND); rules refused after authorisation.
  rankingRewardRules: { allowed: ['manager', 'finance', 'director', 'gm', 'admin'], query: '{ rankingRewardRules { rewards penalties } }', vars: () => ({}) },
  rankingAdjustmentProposals: { allowed: everyone, query: '{ rankingAdjustmentProposals { id } }', vars: () => ({}) },
  setRankingRewardRules: { allowed: ['admin'], query: 'mutation { setRankingRewardRules(rules: { rewards: ["0.00"], penalties: [] }) { rewards } }', vars: () => ({}) },
  approveRankingAdjustment: { allowed: ['manager', 'admin'], query: 'mutation { approveRankingAdjustment(id: "no-proposal") { id } }', vars: () => ({}) },
  dismissRankingAdjustment: { allowed: ['manager', 'admin'], query: 'mutation { dismissRankingAdjustment(id: "no-proposal", comment: "x") { id } }', vars: () => ({}) },
  lockPeriod: { allowed: ['admin'], query: 'mutation { lockPeriod(periodKey: "2026-13", reason: "x") { periodKey } }', vars: () => ({}) },
  reopenPeriod: { allowed: ['admin'], query: 'mutation { reopenPeriod(periodKey: "2026-01", reason: "x") }', vars: () => ({}) },
  // KPI scorecards (issue 10 §4). A scorecard id that does not exist: allowed roles get NOT_FOUND; a bad period or set is refused after authorisation.
  kpiIndicatorSets: { allowed: everyone, query: '{ kpiIndicatorSets { role indicators { weight } } }', vars: () => ({}) },
  saveKpiIndicatorSet: {
    allowed: ['admin'],
    query: 'mutation { saveKpiIndicatorSet(role: REP, version: 999, input: { name: "x", commentBelowPercent: 60, gradeBands: [], indicators: [] }) { id } }',
    vars: () => ({}),
  },
  scorecards: { allowed: ['manager', 'director', 'gm', 'admin'], query: '{ scorecards(periodKey: "2026-03") { id } }', vars: () => ({}) },
  scorecard: { allowed: ['manager', 'director', 'gm', 'admin'], query: '{ scorecard(id: "no-card") { id } }', vars: () => ({}) },
  myScorecards: { allowed: everyone, query: '{ myScorecards { id grade } }', vars: () => ({}) },
  openScorecard: { allowed: ['manager', 'director'], query: 'mutation($p: ID!) { openScorecard(personId: $p, periodKey: "2026-13") { id } }', vars: (f) => ({ p: f.personInManagerArea.id }) },
  saveScorecardScores: { allowed: ['manager', 'director'], query: 'mutation { saveScorecardScores(id: "no-card", revision: 1, scores: []) { id } }', vars: () => ({}) },
  submitScorecard: { allowed: ['manager', 'director'], query: 'mutation { submitScorecard(id: "no-card", revision: 1) { id } }', vars: () => ({}) },
  approveScorecard: { allowed: ['manager', 'director'], query: 'mutation { approveScorecard(id: "no-card", revision: 1) { id } }', vars: () => ({}) },
  returnScorecard: { allowed: ['manager', 'director'], query: 'mutation { returnScorecard(id: "no-card", revision: 1, comment: "x") { id } }', vars: () => ({}) },
  // Rep plans (issue 11 §2). A month that is not one, a plan id that does not exist: refused after authorisation.
  myRepPlan: { allowed: everyone, query: '{ myRepPlan(month: "2026-13") { month } }', vars: () => ({}) },
  repPlan: { allowed: everyone, query: '{ repPlan(id: "no-plan") { id } }', vars: () => ({}) },
  repPlanRoster: { allowed: ['manager', 'director', 'gm', 'admin'], query: '{ repPlanRoster(month: "2026-13") { personId } }', vars: () => ({}) },
  // A month nobody has a plan for: refused at once (NO_TEMPLATES), no job queued.
  startPlanTemplatesZip: { allowed: ['manager', 'director', 'admin'], query: 'mutation { startPlanTemplatesZip(month: "2019-01") { id } }', vars: () => ({}) },
  repPlanDueDay: { allowed: everyone, query: '{ repPlanDueDay }', vars: () => ({}) },
  saveRepPlan: { allowed: ['rep', 'manager'], query: 'mutation { saveRepPlan(month: "2026-13", input: { weeks: [], customers: [] }) { id } }', vars: () => ({}) },
  submitRepPlan: { allowed: ['rep', 'manager'], query: 'mutation { submitRepPlan(id: "no-plan", revision: 1) { id } }', vars: () => ({}) },
  acceptRepPlan: { allowed: ['manager', 'director'], query: 'mutation { acceptRepPlan(id: "no-plan", revision: 1) { id } }', vars: () => ({}) },
  returnRepPlan: { allowed: ['manager', 'director'], query: 'mutation { returnRepPlan(id: "no-plan", revision: 1, comment: "x") { id } }', vars: () => ({}) },
  setRepPlanDueDay: { allowed: ['admin'], query: 'mutation { setRepPlanDueDay(day: 0) }', vars: () => ({}) },
  // Visit slips (issue 11 §4). A month that is not one, a slip that does not exist, a return before the departure: refused after authorisation.
  visitSlips: { allowed: everyone, query: '{ visitSlips(month: "2026-13") { id } }', vars: () => ({}) },
  visitSlip: { allowed: everyone, query: '{ visitSlip(id: "no-slip") { id } }', vars: () => ({}) },
  unslippedFieldVisits: { allowed: ['manager', 'finance', 'director', 'gm', 'admin'], query: '{ unslippedFieldVisits(month: "2026-13") { date } }', vars: () => ({}) },
  requestVisitSlip: {
    allowed: ['rep', 'manager'],
    query: 'mutation { requestVisitSlip(input: { destination: "x", contactPerson: "y", purpose: "z", plannedOut: "2026-03-10T01:00:00Z", plannedBack: "2026-03-09T01:00:00Z" }) { id } }',
    vars: () => ({}),
  },
  approveVisitSlip: { allowed: ['manager'], query: 'mutation { approveVisitSlip(id: "no-slip", revision: 1) { id } }', vars: () => ({}) },
  rejectVisitSlip: { allowed: ['manager'], query: 'mutation { rejectVisitSlip(id: "no-slip", revision: 1, comment: "x") { id } }', vars: () => ({}) },
  checkVisitSlip: { allowed: ['manager'], query: 'mutation { checkVisitSlip(id: "no-slip", revision: 1, kind: SPOT, ok: true, result: "x") { id } }', vars: () => ({}) },
  // Customers and cross-territory sales (issue 11 §5). A bad code or a customer/flag id that does not exist: allowed roles are refused after authorisation.
  customers: { allowed: everyone, query: '{ customers(first: 1) { nodes { id } } }', vars: () => ({}) },
  createCustomer: { allowed: ['rep', 'manager', 'director', 'admin'], query: 'mutation { createCustomer(input: { code: "A B", name: "x", type: ENTERPRISE }) { id } }', vars: () => ({}) },
  updateCustomer: { allowed: ['rep', 'manager', 'director', 'admin'], query: 'mutation { updateCustomer(id: "no-customer", revision: 1, input: { tier: CORE }) { id } }', vars: () => ({}) },
  confirmCustomerOwnership: { allowed: ['manager', 'director', 'admin'], query: 'mutation { confirmCustomerOwnership(id: "no-customer", revision: 1) { id } }', vars: () => ({}) },
  transferCustomer: {
    allowed: ['manager', 'director', 'admin'],
    query: 'mutation($p: ID!) { transferCustomer(id: "no-customer", revision: 1, ownerId: $p) { id } }',
    vars: (f) => ({ p: f.personInManagerArea.id }),
  },
  crossTerritorySales: { allowed: ['manager', 'director', 'gm', 'admin'], query: '{ crossTerritorySales(status: OPEN) { id } }', vars: () => ({}) },
  decideCrossTerritorySale: { allowed: ['manager', 'director'], query: 'mutation { decideCrossTerritorySale(id: "no-flag", decision: ACCEPT) { id } }', vars: () => ({}) },
  // Work logs and reports (issue 11 §3). A day, week or month that is not one, a log that does not exist, a sample size of 0: refused after authorisation.
  myWorkLog: { allowed: everyone, query: '{ myWorkLog(day: "2026-13-01") { day } }', vars: () => ({}) },
  myWeeklyReport: { allowed: everyone, query: '{ myWeeklyReport(week: "2026-13-01") { week } }', vars: () => ({}) },
  myMonthlyReport: { allowed: everyone, query: '{ myMonthlyReport(month: "2026-13") { month } }', vars: () => ({}) },
  workLogs: { allowed: everyone, query: '{ workLogs(from: "2026-13-01", to: "2026-13-02") { id } }', vars: () => ({}) },
  weeklyReports: { allowed: everyone, query: '{ weeklyReports(week: "2026-13-01") { id } }', vars: () => ({}) },
  monthlyReports: { allowed: everyone, query: '{ monthlyReports(month: "2026-13") { id } }', vars: () => ({}) },
  myWorkMonth: { allowed: everyone, query: '{ myWorkMonth(month: "2026-13") { month } }', vars: () => ({}) },
  workLogSpotCheck: { allowed: ['manager', 'director'], query: '{ workLogSpotCheck(week: "2026-13-01") { size } }', vars: () => ({}) },
  handedInSheet: { allowed: ['manager', 'director', 'gm', 'admin'], query: '{ handedInSheet(period: "2026-13") { period } }', vars: () => ({}) },
  workLogSampleSize: { allowed: everyone, query: '{ workLogSampleSize }', vars: () => ({}) },
  saveWorkLog: { allowed: ['rep', 'manager'], query: 'mutation { saveWorkLog(day: "2026-13-01", input: { calls: 1, visits: 0, deals: 0, customersMet: "", notes: "" }) { id } }', vars: () => ({}) },
  saveWeeklyReport: { allowed: ['rep', 'manager'], query: 'mutation { saveWeeklyReport(week: "2026-13-01", input: { results: "", plan: "", marketFeedback: "", problems: "" }) { id } }', vars: () => ({}) },
  saveMonthlyReport: { allowed: ['rep', 'manager'], query: 'mutation { saveMonthlyReport(month: "2026-13", input: { results: "", analysis: "", plan: "" }) { id } }', vars: () => ({}) },
  saveWorkMonth: { allowed: ['rep', 'manager'], query: 'mutation { saveWorkMonth(month: "2026-13", input: { logs: [], weeklyReports: [] }) { month } }', vars: () => ({}) },
  commentWorkLog: { allowed: ['manager', 'director'], query: 'mutation { commentWorkLog(id: "no-log", revision: 1, comment: "x") { id } }', vars: () => ({}) },
  commentWeeklyReport: { allowed: ['manager', 'director'], query: 'mutation { commentWeeklyReport(id: "no-report", revision: 1, comment: "x") { id } }', vars: () => ({}) },
  commentMonthlyReport: { allowed: ['manager', 'director'], query: 'mutation { commentMonthlyReport(id: "no-report", revision: 1, comment: "x") { id } }', vars: () => ({}) },
  setWorkLogSampleSize: { allowed: ['admin'], query: 'mutation { setWorkLogSampleSize(size: 0) }', vars: () => ({}) },
};

describe('the permission matrix covers every operation', () => {
  it('lists each root field once', () => {
    const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((t) => (isObjectType(t) ? Object.keys(t.getFields()) : []));
    expect(Object.keys(operations).sort()).toEqual(fields.sort());
  });
});

describe.each(testProviders)('permissions on %s', (provider) => {
  let s: TestServer;
  let fixture: Fixture;
  beforeAll(async () => {
    s = await startTestServer(provider);
    const mgr = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const area = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { managerId: mgr.personId } });
    const team = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: area.id } });
    const person = await s.db.prisma.person.findFirstOrThrow({ where: { assignments: { some: { unitId: team.id, validTo: null } }, position: 'SALES_REP' } });
    fixture = { personInManagerArea: person, teamInManagerArea: team.id, team: { id: team.id, parentId: team.parentId! } };
  });
  afterAll(() => s.close());

  /** A GraphQL multipart request with one file as $f. */
  async function upload(query: string, body: string, token: string | null, name = 'matrix.csv') {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query, variables: { f: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.f'] }));
    form.set('0', new File([body], name));
    const res = await s.app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { [CSRF_HEADER]: '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: form,
    });
    return (await res.json()) as GqlResult;
  }

  const rows = Object.entries(operations).flatMap(([op, spec]) =>
    (['anonymous', ...everyone] as Who[]).map((who) => [op, who, spec.allowed.includes(who)] as const),
  );

  /** One session per identity (signing in for each of the ~800 cases would trip the server's overall sign-in limit); logout gets its own. */
  const sessions = new Map<Who, Promise<string>>();
  const sessionOf = (who: Who, op: string) => {
    if (op === 'logout') return s.login(who);
    if (!sessions.has(who)) sessions.set(who, s.login(who));
    return sessions.get(who)!;
  };

  let lastSnapshot: string | null = null;
  it.each(rows)('%s by %s: allowed=%s', async (op, who, allowed) => {
    const spec = operations[op]!;
    const token = who === 'anonymous' ? null : await sessionOf(who, op);
    // The cases run one after another and each leaves the data as it found it, so the last case's
    // "after" is this one's "before" (one snapshot per case instead of two; signing in changes no snapshotted table).
    const before = lastSnapshot ?? (await databaseSnapshot(s.db));
    lastSnapshot = null;
    const r = spec.upload ? await upload(spec.query, spec.upload, token, spec.uploadName) : await s.gql(spec.query, spec.vars(fixture), token);
    const code = codeOf(r);
    if (allowed) {
      expect(['FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL_SERVER_ERROR'], JSON.stringify(r.errors)).not.toContain(code);
      if (op === 'login') expect(r.data.login.token).toBeTruthy();
    } else {
      expect(code).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      expect(r.data?.[op] ?? null).toBeNull();
    }
    if (op !== 'logout') {
      const after = await databaseSnapshot(s.db);
      expect(after).toBe(before);
      lastSnapshot = after;
    }
  });
});
