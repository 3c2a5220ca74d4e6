/**
 * Every reason the server gives for refusing a request (GraphQL
 * `extensions.reason`), with the names of the parameters it carries in
 * `extensions.params`. No language here: the task pane renders each reason
 * from its catalogue (addin/src/i18n/reasons.ts) in zh-CN or English, and a
 * test fails when the catalogue lacks one or names a parameter not declared.
 *
 * Parameter values are strings or numbers: names, codes, ISO days
 * (YYYY-MM-DD), months (YYYY-MM), amounts already formatted as decimal yuan
 * strings ("1234.50") in params named `amount` or `…Amount`, counts. A list
 * of names (`names`) holds the first few only; `others` counts the people it
 * leaves out (0 when it lists everyone), which the pane says after it.
 */
/** Why one row of an import cannot be imported (extensions.problems / an import preview's problems). */
export const IMPORT_PROBLEM_REASONS = {
  CELL_EMPTY: [],
  CELL_NOT_A_DATE: ['value'],
  NOT_AN_AMOUNT: ['value'],
  NOT_A_WHOLE_NUMBER: ['value'],
  NUMBER_OUT_OF_RANGE: ['value', 'max'],
  NOT_A_STATUS: ['value'],
  LATE_MINUTES_INVALID: [],
  NEGATIVE_AMOUNT: [],
  DUPLICATE_SALE: ['externalId', 'otherRow'],
  DUPLICATE_ATTENDANCE: ['employeeNo', 'date', 'otherRow'],
  UNKNOWN_EMPLOYEE_NO: ['employeeNo'],
  NOT_EMPLOYED_ON: ['employeeNo', 'date'],
  IN_LOCKED_PERIOD: ['date', 'period'],
  IN_SIGNED_PAYROLL: ['employeeNo', 'date', 'month', 'runStatus', 'version'],
  UNKNOWN_CUSTOMER_CODE: ['code'],
  ROW_NOT_SERVED: ['employeeNo', 'date'],
  SALE_NOT_SERVED: ['externalId'],
} as const;

export type ImportProblemReason = keyof typeof IMPORT_PROBLEM_REASONS;

/**
 * Why figures cannot be broken down (schema/allocation.ts, seasonality
 * profiles): `key` is an owner or period key, `value` the text given,
 * `sum` a percentage with up to four decimals.
 */
export const ALLOCATION_PROBLEM_REASONS = {
  ALLOCATION_DUPLICATE_KEY: ['key'],
  ALLOCATION_NEGATIVE_TOTAL: [],
  ALLOCATION_NEGATIVE_WEIGHT: ['key'],
  ALLOCATION_NOTHING_TO_SPLIT: [],
  ALLOCATION_WEIGHTS_ALL_ZERO: [],
  ALLOCATION_NOT_A_NUMBER: ['key', 'value'],
  ALLOCATION_TOO_MANY_DECIMALS: ['key', 'value', 'places'],
  ALLOCATION_NO_FIGURE: ['key'],
  ALLOCATION_NOT_WHOLE: ['key'],
  ALLOCATION_PERCENTS_NOT_100: ['sum'],
  ALLOCATION_GROWTH_TOO_LOW: [],
  ALLOCATION_TOTALS_DIFFER: ['rows', 'columns'],
  ALLOCATION_NO_SHARE_POSSIBLE: ['key'],
  ALLOCATION_NO_EXACT_ROUNDING: [],
  ALLOCATION_PROFILE_MONTHS: ['count'],
  ALLOCATION_PERCENT_TOO_LARGE: ['key', 'value', 'max'],
} as const;
export type AllocationProblem = keyof typeof ALLOCATION_PROBLEM_REASONS;

// ── KPI scorecards (issue 10 §4) ──────────────────────────────────────
/**
 * Why a KPI indicator set or a scorecard's scores are refused (schema/kpi.ts):
 * `indicator` is the indicator's name (or the code given, when no indicator
 * has it), `sum` and `threshold` decimals, `grade` a grade code.
 */
export const KPI_RULE_REASONS = {
  KPI_NO_INDICATORS: [],
  KPI_WEIGHT_INVALID: ['indicator', 'value'],
  KPI_WEIGHTS_NOT_100: ['sum'],
  KPI_INDICATOR_DUPLICATE: ['indicator'],
  KPI_FULL_MARKS_INVALID: ['indicator', 'value'],
  KPI_MAX_SCORE_INVALID: ['indicator'],
  KPI_GRADE_MIN_INVALID: ['grade', 'value'],
  KPI_GRADE_BANDS_ORDER: [],
  KPI_UNKNOWN_INDICATOR: ['indicator'],
  KPI_COMPUTED_INDICATOR: ['indicator'],
  KPI_SCORE_NOT_A_NUMBER: ['indicator', 'value'],
  KPI_SCORE_NOT_WHOLE: ['indicator', 'value'],
  KPI_SCORE_OUT_OF_RANGE: ['indicator', 'value', 'max'],
  KPI_COMMENT_REQUIRED: ['indicator', 'threshold'],
  KPI_SCORE_MISSING: ['indicator'],
  KPI_NO_VALUE: ['indicator'],
} as const;
export type KpiRuleReason = keyof typeof KPI_RULE_REASONS;

/**
 * Why a compensation plan document is not right (schema/compensation.ts
 * planProblems): `value` the text given, `code` a component's code, `from`
 * and `previous` tier thresholds in yuan, `rank` a rank code, `max` a length.
 */
export const PLAN_PROBLEM_REASONS = {
  PLAN_CODE_INVALID: ['value'],
  PLAN_COMPONENT_CODE_INVALID: ['value'],
  PLAN_CODE_TWICE: ['code'],
  PLAN_AMOUNT_INVALID: ['value'],
  PLAN_AMOUNT_TOO_LARGE: ['value'],
  PLAN_PERCENT_INVALID: ['value'],
  PLAN_FORMULA_INVALID: ['value'],
  PLAN_TIERS_NOT_RISING: ['from', 'previous'],
  PLAN_RANK_TWICE: ['rank'],
  PLAN_RANK_REPEATED: ['rank'],
  PLAN_LIST_EMPTY: [],
  PLAN_VALUE_MISSING: [],
  PLAN_TEXT_TOO_LONG: ['max'],
  PLAN_CHOICE_INVALID: ['value'],
  PLAN_KIND_INVALID: ['value'],
  PLAN_WHOLE_NUMBER_INVALID: ['value', 'min', 'max'],
  PLAN_VALUE_INVALID: [],
} as const;
export type PlanProblemReason = keyof typeof PLAN_PROBLEM_REASONS;

/** The scorecard workflow's refusals (server/kpi/): `period` a month or quarter key, `scorecardStatus` a status code. */
export const KPI_REASONS = {
  ...KPI_RULE_REASONS,
  KPI_SET_CHANGED: ['id', 'version'],
  SCORECARD_NOT_FOUND: ['id'],
  SCORECARD_CHANGED: ['id', 'version'],
  KPI_NOT_A_SCORING_PERIOD: ['value'],
  KPI_NO_SET: ['position'],
  KPI_NOT_EMPLOYED: ['name', 'period'],
  KPI_OWN_SCORECARD: [],
  KPI_OWN_SUBMISSION: [],
  KPI_RETURNED_BY_YOU: ['name'],
  KPI_NOT_APPROVER: ['name'],
  SCORECARD_STATUS: ['scorecardStatus'],
} as const;
// ── end of KPI scorecards ─────────────────────────────────────────────

// ── Rep plans (issue 11 §2) ───────────────────────────────────────────
/**
 * Why a rep's monthly plan is not right (schema/rep-plan.ts): `week` a week
 * key ("2026-03-W2"), `customer` a customer code, `value` the figure given.
 */
export const REP_PLAN_RULE_REASONS = {
  REP_PLAN_WEEK_MISSING: ['week'],
  REP_PLAN_WEEK_OUTSIDE_MONTH: ['week', 'month'],
  REP_PLAN_WEEK_DUPLICATE: ['week'],
  REP_PLAN_NEGATIVE: ['value'],
  REP_PLAN_NOT_WHOLE: ['value'],
  REP_PLAN_TOO_LARGE: ['value', 'max'],
  REP_PLAN_OUT_OF_RANGE: ['amount', 'maxAmount'],
  REP_PLAN_CUSTOMER_DUPLICATE: ['customer'],
  REP_PLAN_CUSTOMER_UNKNOWN: ['customer'],
  REP_PLAN_CUSTOMERS_OVER_TOTAL: ['amount', 'totalAmount'],
  REP_PLAN_REASON_REQUIRED: ['amount', 'targetAmount'],
  REP_PLAN_REASON_TOO_LONG: ['max'],
  REP_PLAN_BELOW_TARGET: ['amount', 'targetAmount'],
  REP_PLAN_EMPTY: [],
  // The workflow (server/rep-plans/): `repPlanStatus` a status code, `month` a month key.
  REP_PLAN_NOT_FOUND: ['id'],
  REP_PLAN_CHANGED: ['id', 'version'],
  REP_PLAN_STATUS: ['repPlanStatus'],
  REP_PLAN_NOT_A_MONTH: ['value'],
  REP_PLAN_ONLY_OWN: [],
  REP_PLAN_NOT_EMPLOYED: ['month'],
  REP_PLAN_OWN_DECISION: [],
  REP_PLAN_NOT_THEIR_MANAGER: ['name'],
  REP_PLAN_COMMENT_REQUIRED: [],
  REP_PLAN_DUE_DAY_INVALID: ['value'],
} as const;
export type RepPlanRuleReason = keyof typeof REP_PLAN_RULE_REASONS;

/**
 * Why the pane takes no plan from a plan template workbook (issue 11 §1):
 * `name` the person the template is for, `month` its month, `sheet` a sheet
 * name, `expected` what the cell should hold, `version` the template's version.
 */
export const PLAN_TEMPLATE_REASONS = {
  PLAN_TEMPLATE_NOT_YOURS: ['name', 'month'],
  PLAN_TEMPLATE_SHEET_MISSING: ['sheet'],
  PLAN_TEMPLATE_HEADER_CHANGED: ['expected'],
  PLAN_TEMPLATE_ROW_CHANGED: ['expected'],
  PLAN_TEMPLATE_VERSION: ['version'],
} as const;
export type PlanTemplateReason = keyof typeof PLAN_TEMPLATE_REASONS;
// ── Customers and cross-territory sales (issue 11 §5) ─────────────────
/** Why a customer's input is refused (schema/customers.ts): `value` the text given, `max` a length, `row` a contact's place (1-based). */
export const CUSTOMER_RULE_REASONS = {
  CUSTOMER_CODE_FORMAT: ['value'],
  CUSTOMER_NAME_REQUIRED: [],
  CUSTOMER_TEXT_TOO_LONG: ['max'],
  CUSTOMER_TYPE_UNKNOWN: ['value'],
  CUSTOMER_TIER_UNKNOWN: ['value'],
  CUSTOMER_TOO_MANY_CONTACTS: ['max'],
  CONTACT_NAME_REQUIRED: ['row'],
  CONTACT_PHONE_FORMAT: ['value'],
  CONTACT_EMAIL_FORMAT: ['value'],
  CONTACT_ONE_PRIMARY: [],
} as const;
export type CustomerRuleReason = keyof typeof CUSTOMER_RULE_REASONS;

/** The customer services' refusals (server/customers/): `code` a customer code, `name` a person's or customer's name, `flagStatus` a flag's status. */
export const CUSTOMER_REASONS = {
  ...CUSTOMER_RULE_REASONS,
  CUSTOMER_NOT_FOUND: ['id'],
  CUSTOMER_CHANGED: ['id', 'version'],
  CUSTOMER_CODE_TAKEN: ['code', 'name'],
  CUSTOMER_NOT_YOURS: [],
  CUSTOMER_OWNER_OUTSIDE: ['name'],
  CUSTOMER_OWNER_NOT_IN_UNIT: ['name', 'unit'],
  CUSTOMER_OWN_CONFIRMATION: [],
  CUSTOMER_ALREADY_CONFIRMED: ['name'],
  CUSTOMER_SAME_OWNER: ['name'],
  CROSS_TERRITORY_NOT_FOUND: ['id'],
  CROSS_TERRITORY_DECIDED: ['flagStatus'],
  CROSS_TERRITORY_NOT_DECIDER: ['unit'],
  CROSS_TERRITORY_OWN_SALE: [],
  CROSS_TERRITORY_NO_OWNER_ON_DAY: ['name', 'date'],
} as const;
// ── end of customers ──────────────────────────────────────────────────

// ── Visit slips (issue 11 §4) ─────────────────────────────────────────
/**
 * Why a visit slip (出访单) is refused (schema/visit-slips.ts and
 * server/visit-slips/): `from`/`to` days and `fromTime`/`toTime` their
 * times of day (HH:MM, China time), `days` a count, `max` a limit,
 * `name` a person's name, `code` a customer code, `date` a day.
 */
export const VISIT_SLIP_REASONS = {
  VISIT_SLIP_REQUIRED: [],
  VISIT_SLIP_TOO_LONG: ['max'],
  VISIT_SLIP_BACK_BEFORE_OUT: ['from', 'to', 'fromTime', 'toTime'],
  VISIT_SLIP_OVERLAPS: ['from', 'to', 'fromTime', 'toTime', 'destination'],
  VISIT_SLIP_TOO_MANY_DAYS: ['days', 'max'],
  VISIT_SLIP_NOT_ON_ROSTER: [],
  VISIT_SLIP_UNKNOWN_CUSTOMER: ['code'],
  VISIT_SLIP_NOT_FOUND: ['id'],
  VISIT_SLIP_CHANGED: ['id', 'version'],
  VISIT_SLIP_NOT_REQUESTED: [],
  VISIT_SLIP_NOT_APPROVED: [],
  VISIT_SLIP_OWN_DECISION: [],
  VISIT_SLIP_NOT_THEIR_MANAGER: ['name'],
  VISIT_SLIP_COMMENT_REQUIRED: [],
  VISIT_SLIP_NOT_BACK_YET: ['date', 'time'],
  VISIT_SLIP_RESULT_REQUIRED: [],
  VISIT_SLIP_NOT_A_MONTH: ['value'],
} as const;
export type VisitSlipReason = keyof typeof VISIT_SLIP_REASONS;
// ── end of visit slips ────────────────────────────────────────────────

// ── Work logs and reports (issue 11 §3) ───────────────────────────────
/**
 * Why a work log (工作日志), weekly report (周报) or monthly report (月报) is
 * refused (schema/work-reports.ts and server/work-reports/): `date`/`today`
 * days, `value` the text or number given, `max` a limit, `period` a week's
 * Monday or a month, `name` a person's name.
 */
export const WORK_REPORT_REASONS = {
  WORK_LOG_FUTURE_DAY: ['date', 'today'],
  WORK_LOG_RANGE: ['from', 'to', 'max'],
  WORK_REPORT_NOT_A_DAY: ['value'],
  WORK_REPORT_NOT_A_MONDAY: ['value'],
  WORK_REPORT_NOT_A_MONTH: ['value'],
  WORK_REPORT_NOT_A_PERIOD: ['value'],
  WORK_REPORT_NOT_IN_MONTH: ['value', 'month'],
  WORK_REPORT_GIVEN_TWICE: ['value'],
  WORK_REPORT_NOTHING_TO_SAVE: ['month'],
  WORK_TEMPLATE_SHEET_MISSING: ['sheet'],
  WORK_REPORT_FUTURE_PERIOD: ['period'],
  WORK_REPORT_NOT_WHOLE: ['value'],
  WORK_REPORT_NEGATIVE: ['value'],
  WORK_REPORT_TOO_LARGE: ['value', 'max'],
  WORK_REPORT_REQUIRED: [],
  WORK_REPORT_TOO_LONG: ['max'],
  WORK_REPORT_SAMPLE_SIZE_INVALID: ['value', 'max'],
  WORK_REPORT_NOT_FOUND: ['id'],
  WORK_REPORT_CHANGED: ['version'],
  WORK_REPORT_ALREADY_SUBMITTED: [],
  WORK_REPORT_NOT_SUBMITTED: [],
  WORK_REPORT_ONLY_OWN: [],
  WORK_REPORT_NOT_EMPLOYED: ['date'],
  WORK_REPORT_OWN_COMMENT: [],
  WORK_REPORT_NOT_THEIR_MANAGER: ['name'],
} as const;
export type WorkReportReason = keyof typeof WORK_REPORT_REASONS;
// ── end of work logs and reports ──────────────────────────────────────

export const REASONS = {
  ...WORK_REPORT_REASONS,
  ...PLAN_PROBLEM_REASONS,
  ...VISIT_SLIP_REASONS,
  ...CUSTOMER_REASONS,
  ...ALLOCATION_PROBLEM_REASONS,
  ...REP_PLAN_RULE_REASONS,
  ...PLAN_TEMPLATE_REASONS,
  ...IMPORT_PROBLEM_REASONS,
  ...KPI_REASONS,
  // ── Sign-in and sessions ─────────────────────────────────────────────
  SIGN_IN_REQUIRED: [],
  SESSION_INVALID: [],
  SESSION_EXPIRED: [],
  SESSION_REVOKED: [],
  ACCESS_ENDED: [],
  ROLE_NOT_ALLOWED: [],
  WRONG_PASSWORD: [],
  SIGN_IN_DELAYED: ['seconds'],
  SIGN_IN_RATE_LIMITED: ['seconds'],
  INTROSPECTION_REQUIRES_SIGN_IN: [],

  // ── Argument validation (zod schemas in the fields' validate) ─────────
  REQUIRED: ['field'],
  TOO_SHORT: ['field', 'min'],
  TOO_LONG: ['field', 'max'],
  TOO_SMALL: ['field', 'min'],
  TOO_LARGE: ['field', 'max'],
  TOO_FEW: ['field', 'min'],
  TOO_MANY: ['field', 'max'],
  INVALID_FORMAT: ['field'],
  INVALID_VALUE: ['field'],
  /** A bad input with nothing more specific known. */
  INVALID_INPUT: [],
  MONEY_FORMAT: [],
  MONEY_OUT_OF_RANGE: ['maxAmount'],
  DATE_FORMAT: [],
  DATETIME_FORMAT: [],

  // ── The HTTP/GraphQL edge ─────────────────────────────────────────────
  VARIABLE_TYPE: ['variable'],
  CSRF: [],
  MAX_DEPTH: ['limit'],
  MAX_ALIASES: ['limit'],
  MAX_DIRECTIVES: ['limit'],
  MAX_TOKENS: ['limit'],
  COST_LIMIT: ['limit', 'cost'],
  QUERY_SYNTAX: [],
  QUERY_INVALID: [],
  BAD_REQUEST: [],
  REQUEST_REFUSED: ['status'],
  UNSUPPORTED_MEDIA_TYPE: [],
  PAYLOAD_TOO_LARGE: [],
  RATE_LIMITED: [],
  /** The database did not answer in time (a statement past its limit, another writer holding it): try again. */
  DATABASE_BUSY: [],
  /** Anything unexpected: the server logged it; the message says nothing more. */
  INTERNAL: [],
  /** Generic fallbacks by code, for an error with no more specific reason. */
  NOT_FOUND: [],
  CHANGED_BY_SOMEONE_ELSE: [],

  // ── Things looked up by id ────────────────────────────────────────────
  USER_NOT_FOUND: ['id'],
  PERSON_NOT_FOUND: ['id'],
  ORG_UNIT_NOT_FOUND: ['id'],
  LEAVE_REQUEST_NOT_FOUND: ['id'],
  PAYROLL_RUN_NOT_FOUND: ['id'],
  TARGET_PLAN_NOT_FOUND: ['id'],
  CALENDAR_DAY_NOT_FOUND: ['id'],
  PERSON_CHANGED: ['id', 'version'],
  ORG_UNIT_CHANGED: ['id', 'version'],
  PAYROLL_RUN_CHANGED: ['id', 'version'],
  TARGET_PLAN_CHANGED: ['id', 'version'],

  // ── Users and roles ───────────────────────────────────────────────────
  OWN_ROLES: [],
  OWN_USER: [],
  PERSON_LEFT: ['name', 'date'],
  USERNAME_TAKEN: ['username'],
  NO_SUCH_PERSON: ['id'],
  PERSON_HAS_USER: ['name', 'username'],
  ROLE_ALREADY_HELD: ['username', 'role'],
  ROLE_NOT_HELD: ['username', 'role'],
  USER_ALREADY_DISABLED: ['username'],
  USER_NOT_DISABLED: ['username'],

  // ── Payroll ───────────────────────────────────────────────────────────
  OWN_PAY: [],
  OWN_ATTENDANCE: ['rows'],
  OWN_LEAVE: [],
  RUN_STATUS: ['runStatus'],
  PAID_IN_OTHER_RUN: ['count', 'month', 'names', 'others', 'unit', 'version', 'runStatus'],
  RUN_EXISTS: ['unit', 'month', 'version', 'runStatus'],
  RUN_NOT_CALCULATED: [],
  RUN_OUT_OF_DATE: ['count', 'names', 'others'],
  RUN_NO_SIGN_OFF_DUE: ['runStatus'],
  RUN_CANNOT_RETURN: ['runStatus'],
  NOT_YOUR_SIGN_OFF: ['role'],
  NOT_YOUR_RETURN: ['role'],
  ALREADY_SIGNED: [],
  NEWER_RUN_VERSION: ['version'],
  RUN_BEING_CALCULATED: [],
  COMMENT_REQUIRED: [],
  REASON_REQUIRED: [],

  // ── Jobs (long work off the request path, issue 12 §2) ──────────────────
  JOB_NOT_FOUND: ['id'],
  JOB_FILE_NOT_FOUND: ['id'],
  DOWNLOAD_EXPIRED: [],
  JOB_FAILED: [],
  JOB_NOT_ALLOWED: [],
  CALENDAR_YEAR_MISSING: ['year', 'month'],
  NOT_A_DATE: [],
  UNKNOWN_KIND: [],
  MAKEUP_DAY_NOT_ON_WEEKEND: [],
  NAME_REQUIRED: [],
  NAME_TOO_LONG: [],
  CALENDAR_DATE_OUTSIDE_YEAR: ['date', 'year'],
  CALENDAR_DATE_TWICE: ['date'],
  CALENDAR_CHANGED: ['year'],
  PROFILE_CODE_INVALID: ['value'],
  PROFILE_NAME_REQUIRED: [],
  PROFILE_CODE_TWICE: ['code'],
  CALCULATION_FAILED: ['employeeNo'],
  NO_SUCH_ORG_UNIT: ['id'],

  // ── Imports ───────────────────────────────────────────────────────────
  NO_ROWS: ['sheet'],
  NO_TEMPLATES: ['month'],
  IMPORT_REJECTED: ['count'],
  NO_PLAN_APPLIES: ['count', 'names', 'others'],

  // ── Leave and promotions ──────────────────────────────────────────────
  NOT_ON_ROSTER: [],
  LEAVE_KIND: [],
  ENDS_BEFORE_START: [],
  LEAVE_IN_PAST: ['date'],
  AFTER_LEAVING: ['date'],
  LEAVE_OVERLAPS: ['from', 'to'],
  LEAVE_ALREADY_DECIDED: ['leaveStatus'],
  NOT_A_MONTH: ['value'],
  NO_PROMOTION_PROPOSAL: ['name', 'month'],
  PROPOSAL_RANK_DIFFERS: ['from', 'to', 'rank'],
  OUTSIDE_YOUR_UNITS: [],
  UNIT_NOT_SERVED: ['unit'],
  PERSON_NOT_SERVED: ['name', 'employeeNo'],
  COMPANY_WIDE_PAY: [],
  SERVES_ONLY_FINANCE: ['username'],
  ONE_TARGET: [],
  NO_SUCH_PLAN: ['code'],
  /** An assignment from a day before the plan version pays (`effectiveFrom` is the version's first day). */
  PLAN_VERSION_NOT_YET_EFFECTIVE: ['plan', 'version', 'effectiveFrom'],
  ZERO_ADJUSTMENT: [],
  PAYROLL_ALREADY_SIGNED: ['month', 'runStatus', 'version'],
  /** A rank's or a position's plan from a month whose payroll with some of them is signed. */
  PAYROLL_ALREADY_SIGNED_FOR_RANK: ['rank', 'month', 'runStatus', 'version'],
  PAYROLL_ALREADY_SIGNED_FOR_POSITION: ['position', 'month', 'runStatus', 'version'],
  NOT_JSON: [],
  PLAN_DOCUMENT: ['count'],
  PLAN_VERSION_CHANGED: ['code', 'version'],
  FILE_MISSING: [],
  FILE_TOO_LARGE: ['megabytes'],

  // ── Targets ───────────────────────────────────────────────────────────
  /** A breakdown the allocation rules refuse (weights all zero, no exact rounding…). */
  NOT_A_NUMBER: ['value'],
  NUMBER_TOO_LARGE: ['value'],
  TOO_MANY_DECIMALS: ['value'],
  NEGATIVE: ['value'],
  PERIOD_LOCKED: ['period'],
  EXPENSE_LINE_TWICE: ['category'],
  EXPENSES_CHANGED: ['month'],
  EXPENSE_CHANGED_SINCE_PULL: ['unit', 'category', 'month', 'nowAmount'],
  RATIOS_NEED_MONTHS: ['period'],
  LOCKED_ABOVE_TOTAL: ['locked', 'total'],
  LOCKED_ABOVE_SHARE: ['owner', 'locked', 'share'],
  LOCKED_OWNER_GONE: ['owner', 'period'],
  NOT_A_PERIOD: ['value'],
  ALREADY_LOCKED: ['period'],
  NOT_LOCKED: ['period'],
  FISCAL_YEAR_IN_USE: ['count'],

  // ── Roster and org units ──────────────────────────────────────────────
  FIELD_NOT_WRITABLE: ['field'],
  PARENT_REQUIRED: ['unitKind'],
  KIND_BELOW: ['unitKind', 'parent', 'parentKind'],
  UNIT_CODE_TAKEN: ['code', 'name'],
  UNIT_NAME_TAKEN: ['name', 'code', 'parent'],
  ONE_TOP_UNIT: ['name'],
  MOVE_INTO_ITSELF: ['name', 'parent'],
  MANAGER_HAS_LEFT: ['name', 'leaveDate'],
  ALREADY_UNDER: ['name', 'parent'],
  EMPLOYEE_NO_TAKEN: ['employeeNo', 'name'],
  OWN_MENTOR: [],
  NO_SUCH_MENTOR: ['id'],
  NEGATIVE_SALARY: [],
  USE_DEACTIVATE: [],
  TRANSFER_BEFORE_HIRE: ['date', 'hireDate'],
  TRANSFER_AFTER_LEAVING: ['date', 'leaveDate'],
  LATER_TRANSFER: ['date'],
  NO_ASSIGNMENT: ['name', 'date'],
  ALREADY_IN_UNIT: ['name', 'date'],
  ALREADY_LEFT: ['name'],
  PERSON_HAS_LEFT: ['name', 'leaveDate'],
  LEAVE_BEFORE_HIRE: ['leaveDate', 'hireDate'],
  TRANSFER_AFTER_LEAVE_DATE: ['date'],
  BAD_CURSOR: [],
  FILE_LIMIT: ['limit', 'max'],
  FILE_UNREADABLE: [],
  NOT_XLSX: [],
  NO_SHEETS: [],
  CSV_UNREADABLE: [],
  FILE_TYPE: ['name'],
  LEGACY_XLS: ['file'],
  IMPORT_SOURCE: [],
  SHEET_CELL: [],
  MISSING_COLUMNS: ['sheet', 'columns'],
  NOT_DRAFTER: ['unit'],
  NOT_APPROVER: ['unit'],
  OWN_PLAN_APPROVAL: [],
  PLAN_STATUS: ['planStatus'],
  PERIOD_LEVELS: ['levels'],
  NO_PARENT_FIGURE: ['unit', 'level', 'metric', 'year'],
  NEGATIVE_TARGET: [],
  YEAR_RANGE: ['min', 'max'],
  NO_UNITS_BELOW: ['unit'],
  PLAN_EXISTS: ['level', 'metric', 'unit', 'year', 'version', 'planStatus'],
  WEIGHTS_REQUIRED: [],
  NO_HISTORY: [],
  GROWTH_REQUIRED: [],
  HEADCOUNT_NOT_FOR_PERIODS: [],
  GROWTH_ONE_AXIS: [],
  NOBODY_IN_UNIT: ['unit', 'year'],
  NOBODY_IN_PERIOD: ['unit', 'period'],
  NO_SUCH_PROFILE: ['code'],
  TARGET_DRAFT_CELLS: ['count'],
  TARGET_OWN_SUBMISSION: [],
  TARGET_OWN_UNIT: ['unit'],
  PLAN_TOTAL_FROM_PARENT: ['unit', 'parent', 'version', 'total'],
  PLAN_LINES_INVALID: ['count'],
  PLAN_HAS_NO_LINES: [],
  NEWER_PLAN_VERSION: ['version'],

  // ── Results (actuals, achievement, rankings) ──────────────────────────
  GRAIN_TOO_COARSE: ['grain', 'period'],
  TOO_MANY_PERIODS: ['max'],
  TOO_MANY_CELLS: ['count', 'max'],
  XLSX_TOO_MANY_ROWS: ['count', 'max'],
  ONE_OWNER: [],
  CLASS_CODE_INVALID: ['scheme', 'value'],
  CLASS_CODE_TWICE: ['scheme', 'value'],
  THRESHOLD_INVALID: ['scheme', 'value'],
  THRESHOLDS_NOT_DESCENDING: ['scheme', 'value'],
  NO_CLASS_RULES: ['scheme'],
  RANKING_PERIOD: ['value'],
  RANKING_RULE_AMOUNT_INVALID: ['list', 'place', 'value'],
  RANKING_RULE_TOO_MANY_PLACES: ['list', 'max'],
  RANKING_PROPOSAL_NOT_FOUND: ['id'],
  RANKING_PROPOSAL_DECIDED: ['proposalStatus'],
} as const satisfies Record<string, readonly string[]>;

export type Reason = keyof typeof REASONS;
/** The params a reason carries, by name. */
export type ReasonParams<R extends Reason> = { [K in (typeof REASONS)[R][number]]: string | number };

/** Whether a param's value is an amount of money (a decimal yuan string): `amount`, or a name ending in `Amount`. */
export const isMoneyParam = (name: string) => name === 'amount' || name.endsWith('Amount');

/** Whether a param counts the people a list of names leaves out: `others`. */
export const isOthersParam = (name: string) => name === 'others';

/** How many names a refusal lists; the rest it counts. */
export const NAMES_LISTED = 5;

/** How a refusal's `names` param joins its names; the pane joins them as its language does (、 in Chinese). */
export const NAMES_SEPARATOR = ', ';

/** A refusal's list of names: the first NAMES_LISTED, joined, and `others`, how many more there are. */
export function listedNames(names: readonly string[]): { names: string; others: number } {
  return { names: names.slice(0, NAMES_LISTED).join(NAMES_SEPARATOR), others: Math.max(0, names.length - NAMES_LISTED) };
}

export const isReason = (value: unknown): value is Reason => typeof value === 'string' && Object.prototype.hasOwnProperty.call(REASONS, value);
