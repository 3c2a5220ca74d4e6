/**
 * The task pane's words in zh-CN and English. One table, so a missing
 * translation is a type error.
 */
import { en as choresEn, zh as choresZh } from './i18n/chores.ts';
import { en as sheetsEn, zh as sheetsZh } from './i18n/sheets.ts';
import { en as navEn, zh as navZh } from './i18n/nav.ts';
import { en as filesEn, zh as filesZh } from './i18n/files.ts';
import { en as reasonsEn, zh as reasonsZh } from './i18n/reasons.ts';
import { en as kpiEn, zh as kpiZh } from './i18n/kpi.ts';
import { en as scorecardsEn, zh as scorecardsZh } from './i18n/scorecards.ts';
import { en as compensationEn, zh as compensationZh } from './i18n/compensation.ts';
import { en as repPlansEn, zh as repPlansZh } from './i18n/rep-plans.ts';
import { en as resultsEn, zh as resultsZh } from './i18n/results.ts';
import { en as rankingRewardsEn, zh as rankingRewardsZh } from './i18n/ranking-rewards.ts';
import { en as customersEn, zh as customersZh } from './i18n/customers.ts';
import { en as visitSlipsEn, zh as visitSlipsZh } from './i18n/visit-slips.ts';
import { en as rosterChangesEn, zh as rosterChangesZh } from './i18n/roster-changes.ts';
import { en as workReportsEn, zh as workReportsZh } from './i18n/work-reports.ts';
import { en as ratiosEn, zh as ratiosZh } from './i18n/ratios.ts';
import { en as pickersEn, zh as pickersZh } from './i18n/pickers.ts';

export type Locale = 'zh-CN' | 'en';
import { en as targetFlowEn, zh as targetFlowZh } from './i18n/targets.ts';

import { en as workbookEn, zh as workbookZh } from './i18n/workbook.ts';
import { en as typedCellsEn, zh as typedCellsZh } from './i18n/typed-cells.ts';
import { formatPeriod } from './i18n/format.ts';

const en = {
  pickers: pickersEn,
  workbook: workbookEn,
  typedCells: typedCellsEn,
  locale: 'en' as Locale,
  targetFlow: targetFlowEn,
  chores: choresEn,
  nav: navEn,
  reasons: reasonsEn,
  kpi: kpiEn,
  scorecards: scorecardsEn,
  compensation: compensationEn,
  repPlans: repPlansEn,
  results: resultsEn,
  rankingRewards: rankingRewardsEn,
  customers: customersEn,
  visitSlips: visitSlipsEn,
  rosterChanges: rosterChangesEn,
  workReports: workReportsEn,
  ratios: ratiosEn,
  appTitle: 'Quotabook',
  sheets: sheetsEn,
  language: 'Language',
  /** A version of a plan, a run, a set: one phrase everywhere (banners, pickers, sentences). */
  version: 'version {version}',
  signInTitle: 'Sign in',
  serverUrl: 'Server',
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  retry: 'Try again',
  signedInAs: 'Signed in as {user}',
  sessionExpired: 'Your session has ended; sign in again.',
  cannotReach: 'Cannot reach the Quotabook server at {url}. Check the address and your connection.',
  rosterTitle: 'Roster',
  unit: 'Org unit',
  allVisible: 'Everything I may see',
  asOf: 'As of',
  lockedPeriod: 'Period closed — an admin must reopen it before this is decided.',
  returned: {
    withComment: 'Sent back by {actor} on {at}: “{comment}”. Change it and submit it again.',
    withoutComment: 'Sent back by {actor} on {at}. Change it and submit it again.',
  },
  notOver: {
    title: '{period} is not over yet.',
    payroll: 'Its sales and attendance may still change, and the pay with them. Submit it for sign-off anyway?',
    ranking: 'The places, and the rewards and penalties they propose, would rest on part of the period only. Publish the ranking anyway?',
    submitAnyway: 'Submit anyway',
    publishAnyway: 'Publish anyway',
    cancel: 'Cancel',
  },
  noPersonMine: 'Your user is not linked to a person on the roster, so there is nothing of your own here: no targets, payslip or performance.',
  pullRoster: 'Pull roster',
  pulling: 'Pulling…',
  fetched: 'Fetched {n} {n|person|people}',
  writing: 'Writing {done} of {total} {total|row|rows}',
  wrote: 'Wrote {n} {n|person|people} to sheet “{sheet}”.',
  emptyRoster: 'Nobody is on the roster of {unit} on {date}. Choose another unit or date.',
  notInExcelTitle: 'Quotabook runs inside Excel',
  notInExcelBody:
    'This page is the Quotabook task pane. Open it from Excel: sideload manifest.xml (Excel on the web: Home › Add-ins › More Add-ins › Upload My Add-in; Excel desktop: a shared-folder catalog), then choose Home › Quotabook.',
  manifestLink: 'Download manifest.xml',
  targets: {
    title: 'Targets',
    owner: 'Owner',
    total: 'Total',
    scopeRow: 'target',
    sumRow: 'Sum of rows below',
    diffRow: 'Difference',
    inputMoney: 'Enter an amount in yuan, not negative, at most two decimals.',
    inputCount: 'Enter a whole number, not negative.',
    unknownColumn: '“{key}” is not a period of this plan (an inserted or renamed column?)',
    duplicateColumn: 'The period {key} appears twice',
    missingColumn: 'The column for {key} is missing (deleted?); pull the plan again',
    strayRow: 'This row is not part of the plan (inserted?); move its contents elsewhere',
    unknownRow: '{name} is not part of this plan',
    duplicateRow: '{name} appears twice (first at row {first})',
    missingRow: 'The row for {name} is missing (deleted?)',
    plan: 'Plan',
    noPlans: 'No target plans you can see for {year} yet. Create one below.',
    noPlansToSee: 'No target plans you can see for {year} yet. They show here once a manager drafts one.',
    newPlan: 'New plan',
    year: 'Year',
    badYear: 'Type a year such as 2027.',
    metric: 'Metric',
    level: 'Level',
    scopeUnit: 'For unit',
    totalTarget: 'Year target',
    previewTotal: 'Year target: {amount}',
    previewPeriod: '{period}: {amount}',
    create: 'Create plan',
    pull: 'Pull to sheet',
    breakDown: 'Break down and fill the sheet',
    preview: 'Preview',
    profile: 'Seasonality profile',
    timeMethod: 'Over periods',
    ownerMethod: 'Over units / people',
    growth: 'Growth %',
    validate: 'Validate',
    submit: 'Submit',
    valid: 'The sheet is valid.',
    issues: '{n} {n|problem|problems}: choose one to go to its cell.',
    submitted: 'Submitted version {version} for approval.',
    conflict: 'Someone changed this plan on the server since you pulled it. Nothing was lost: your sheet is as you left it.',
    compare: 'Pull the server’s version into a comparison sheet',
    approvals: 'Waiting for my approval',
    noApprovals: 'Nothing is waiting for your approval.',
    approve: 'Approve',
    publish: 'Publish',
    sendBack: 'Return',
    comment: 'Comment (needed to return)',
    myTargets: 'My targets',
    pullMine: 'Pull my targets',
    noTargets: 'You have no published targets for {year} yet.',
    wroteMine: 'Wrote {n} {n|target|targets} to sheet “{sheet}”.',
    wrotePlan: 'Wrote the plan (version {version}, {status}) to sheet “{sheet}”.',
    notPulled: 'This plan is not in the workbook; pull it first.',
    period: 'Period',
    target: 'Target',
    metrics: { SALES_AMOUNT: 'Sales amount', UNITS: 'Units sold', NEW_CUSTOMERS: 'New customers', COLLECTIONS: 'Collections', GROSS_MARGIN: 'Gross margin' },
    levels: { BASE: 'Base', STRETCH: 'Stretch' },
    methods: { EQUAL: 'Equal', WEIGHTS: 'Weights', HISTORY: 'Last year’s share', GROWTH: 'Last year + growth', HEADCOUNT: 'Headcount', DAYS_EMPLOYED: 'Days employed' },
    statuses: { DRAFT: 'draft', SUBMITTED: 'submitted', APPROVED: 'approved', PUBLISHED: 'published', LOCKED: 'locked' },
    periodLevels: 'Break the year into',
    periodLevelNames: { quarter: 'quarters', month: 'months', week: 'weeks', tenday: 'ten-day blocks' },
    parentFigure: '{parent}’s published plan (v{version}) gives this unit {figure}; leave blank to use it.',
    outOfDate: '{parent}’s published plan (v{version}) now gives this unit {figure}, not {total}. Break a draft down again, or revise an approved plan, to take the new figure before it can be submitted or published.',
    outOfDateTag: 'out of date',
    rollup: 'Rollup to sheet',
    rollupSheet: 'Rollup',
    planColumn: 'Plan',
    assigned: 'Given by the level above',
    childrenTotal: 'Rows below add up to',
    matches: 'Matches',
    noPlan: 'no plan',
    yes: 'yes',
    no: 'NO',
    wroteRollup: 'Wrote {n} {n|row|rows} to sheet “{sheet}”; {bad} {bad|does|do} not match.',
  },
  payroll: {
    title: 'Payroll',
    sheet: 'Payroll',
    explain: 'Explain',
    month: 'Month',
    employeeNo: 'Employee no.',
    name: 'Name',
    plan: 'Plan',
    gross: 'Gross',
    deductions: 'Deductions',
    net: 'Net pay',
    total: 'Total',
    component: 'Component',
    amount: 'Amount',
    rule: 'Rule',
    arithmetic: 'Arithmetic',
    inputs: 'Inputs',
    readOnly: 'read-only',
    run: 'Run',
    runStatus: 'Status: {status}',
    noRuns: 'No payroll run for {month} yet.',
    otherMonths: 'Months with runs',
    awaitingYou: 'Waiting for your signature:',
    scopeUnit: 'For unit',
    servedUnits: 'You serve {units}: you see and run the payroll of these units only.',
    unitJoin: ', ',
    notServedRun: 'You do not serve {unit}: this run shows only the people and figures of the units you serve; finance who serve {unit} calculate and submit it.',
    create: 'Create run',
    calculate: 'Calculate',
    submit: 'Submit for sign-off',
    refresh: 'Refresh payroll sheet',
    approve: 'Approve (sign)',
    sendBack: 'Return',
    comment: 'Comment (needed to return)',
    wrote: 'Wrote {n} {n|payslip|payslips} to “{sheet}”; {changed} {changed|cell|cells} changed since the last refresh {changed|is|are} highlighted. Explain writes how each amount was worked out.',
    wroteFirst: 'Wrote {n} {n|payslip|payslips} to “{sheet}”. Explain writes how each amount was worked out.',
    explained: 'Wrote how each of {n} {n|payslip|payslips} was worked out to “{sheet}”.',
    done: 'Done: the run is now {status}.',
    discard: 'Discard run',
    discardReason: 'Why discard it (kept in the audit trail)',
    discardGo: 'Discard it and its payslips',
    discardCancel: 'Keep it',
    discardNeedsReason: 'Say why you discard the run.',
    discarded: 'Discarded the run for {unit}, {month} (version {version}) with its payslips.',
    calculated: 'Calculated {n} {n|payslip|payslips}: the run is now {status}. Refresh the payroll sheet to see them.',
    myPayslip: 'My payslip',
    pullMine: 'Pull my payslip',
    noPayslip: 'There is no signed-off payslip for {month} yet.',
    wroteMine: 'Wrote your payslip to “{sheet}”.',
    statuses: { DRAFT: 'draft', CALCULATED: 'calculated', SUBMITTED: 'submitted', FINANCE_APPROVED: 'signed by finance', SALES_APPROVED: 'signed by sales', LOCKED: 'locked', PAID: 'paid' },
  },
  files: filesEn,
  positions: { SALES_DIRECTOR: 'Sales director', REGIONAL_MANAGER: 'Regional manager', ACCOUNT_MANAGER: 'Account manager', SALES_REP: 'Sales rep', FINANCE: 'Finance' },
  statuses: { PROBATION: 'Probation', ACTIVE: 'Active', LEFT: 'Left' },
  employment: { FULL_TIME: 'Full-time', PART_TIME: 'Part-time' },
  columns: {
    employeeNo: 'Employee no.',
    name: 'Name',
    unitPath: 'Unit',
    unitCode: 'Unit code',
    position: 'Position',
    rank: 'Rank',
    status: 'Status',
    hireDate: 'Hire date',
    leaveDate: 'Leave date',
    employmentType: 'Employment',
    baseSalary: 'Base salary',
    mentorName: 'Mentor',
    phone: 'Phone',
    email: 'Email',
    compensationPlan: 'Compensation plan',
  },
};

type Words = typeof en;

const zh: Words = {
  pickers: pickersZh,
  workbook: workbookZh,
  typedCells: typedCellsZh,
  locale: 'zh-CN',
  targetFlow: targetFlowZh,
  chores: choresZh,
  nav: navZh,
  reasons: reasonsZh,
  kpi: kpiZh,
  scorecards: scorecardsZh,
  compensation: compensationZh,
  repPlans: repPlansZh,
  results: resultsZh,
  rankingRewards: rankingRewardsZh,
  customers: customersZh,
  visitSlips: visitSlipsZh,
  rosterChanges: rosterChangesZh,
  workReports: workReportsZh,
  ratios: ratiosZh,
  appTitle: 'Quotabook 销售目标与薪酬',
  sheets: sheetsZh,
  language: '语言',
  version: '第 {version} 版',
  signInTitle: '登录',
  serverUrl: '服务器',
  username: '用户名',
  password: '密码',
  signIn: '登录',
  signingIn: '正在登录…',
  signOut: '退出登录',
  retry: '重试',
  signedInAs: '当前用户：{user}',
  sessionExpired: '登录已失效，请重新登录。',
  cannotReach: '无法连接 Quotabook 服务器 {url}，请检查地址和网络。',
  rosterTitle: '花名册',
  unit: '组织单位',
  allVisible: '我可查看的全部',
  asOf: '截至日期',
  lockedPeriod: '所在期间已锁定，需管理员重新开放后才能处理。',
  returned: {
    withComment: '{actor} 已于 {at} 退回：“{comment}”。请修改后重新提交。',
    withoutComment: '{actor} 已于 {at} 退回。请修改后重新提交。',
  },
  notOver: {
    title: '{period}尚未结束。',
    payroll: '该月的销售和考勤仍可能变化，工资也会随之变化。仍要提交审核吗？',
    ranking: '现在的名次及其提出的奖惩只基于该期间的部分数据。仍要发布排名吗？',
    submitAnyway: '仍要提交',
    publishAnyway: '仍要发布',
    cancel: '取消',
  },
  noPersonMine: '您的用户未关联花名册中的人员，因此这里没有属于您本人的目标、工资条或业绩。',
  pullRoster: '拉取花名册',
  pulling: '正在拉取…',
  fetched: '已获取 {n} 人',
  writing: '正在写入第 {done} / {total} 行',
  wrote: '已将 {n} 人写入工作表“{sheet}”。',
  emptyRoster: '{unit} 在 {date} 没有在册人员，请选择其他单位或日期。',
  notInExcelTitle: 'Quotabook 需在 Excel 中运行',
  notInExcelBody:
    '此页面是 Quotabook 任务窗格，请在 Excel 中打开：旁加载 manifest.xml（Excel 网页版：开始 › 加载项 › 更多加载项 › 上传我的加载项；Excel 桌面版：共享文件夹目录），然后选择 开始 › Quotabook。',
  manifestLink: '下载 manifest.xml',
  targets: {
    title: '目标',
    owner: '责任单位/人',
    total: '合计',
    scopeRow: '目标',
    sumRow: '下级合计',
    diffRow: '差额',
    inputMoney: '请输入金额（元），不能为负，最多两位小数。',
    inputCount: '请输入整数，不能为负。',
    unknownColumn: '“{key}” 不是本计划的期间（插入或改名的列？）',
    duplicateColumn: '期间 {key} 出现了两次',
    missingColumn: '{key} 的列缺失（被删除？），请重新拉取计划',
    strayRow: '此行不属于本计划（插入的行？），请将内容移到别处',
    unknownRow: '{name} 不属于本计划',
    duplicateRow: '{name} 出现了两次（第一次在第 {first} 行）',
    missingRow: '{name} 的行缺失（被删除？）',
    plan: '计划',
    noPlans: '{year} 年还没有您可查看的目标计划，请在下方新建。',
    noPlansToSee: '{year} 年还没有您可查看的目标计划。经理起草后会显示在这里。',
    newPlan: '新建计划',
    year: '年度',
    badYear: '请输入年份，例如 2027。',
    metric: '指标',
    level: '层级',
    scopeUnit: '单位',
    totalTarget: '年度目标',
    previewTotal: '年度目标：{amount}',
    previewPeriod: '{period}：{amount}',
    create: '新建计划',
    pull: '拉取到工作表',
    breakDown: '分解并填入工作表',
    preview: '预览',
    profile: '季节性分布',
    timeMethod: '按期间',
    ownerMethod: '按下级单位/人员',
    growth: '增长率 %',
    validate: '校验',
    submit: '提交',
    valid: '工作表校验通过。',
    issues: '发现 {n} 个问题：点击可定位到单元格。',
    submitted: '已提交第 {version} 版等待审批。',
    conflict: '自您拉取后，服务器上的计划已被他人修改。您的工作表保持原样，没有丢失任何内容。',
    compare: '将服务器版本拉取到对比工作表',
    approvals: '待我审批',
    noApprovals: '没有待您审批的计划。',
    approve: '批准',
    publish: '发布',
    sendBack: '退回',
    comment: '意见（退回时必填）',
    myTargets: '我的目标',
    pullMine: '拉取我的目标',
    noTargets: '{year} 年您还没有已发布的目标。',
    wroteMine: '已将 {n} 条目标写入工作表“{sheet}”。',
    wrotePlan: '已将计划（第 {version} 版，{status}）写入工作表“{sheet}”。',
    notPulled: '工作簿中没有此计划，请先拉取。',
    period: '期间',
    target: '目标值',
    metrics: { SALES_AMOUNT: '销售额', UNITS: '销量', NEW_CUSTOMERS: '新客户', COLLECTIONS: '回款', GROSS_MARGIN: '毛利' },
    levels: { BASE: '基础指标', STRETCH: '奋斗指标' },
    methods: { EQUAL: '平均', WEIGHTS: '权重', HISTORY: '按去年占比', GROWTH: '去年 + 增长', HEADCOUNT: '按人数', DAYS_EMPLOYED: '按在岗天数' },
    statuses: { DRAFT: '草稿', SUBMITTED: '已提交', APPROVED: '已批准', PUBLISHED: '已发布', LOCKED: '已锁定' },
    periodLevels: '年度分解到',
    periodLevelNames: { quarter: '季度', month: '月', week: '周', tenday: '旬' },
    parentFigure: '{parent}已发布的计划（第 {version} 版）给本单位的目标为 {figure}；留空即采用此数。',
    outOfDate: '{parent}已发布的计划（第 {version} 版）现在给本单位的目标为 {figure}，而不是 {total}。草稿请重新分解，已批准的计划请修订，采用新目标后才能提交或发布。',
    outOfDateTag: '已过期',
    rollup: '汇总到工作表',
    rollupSheet: '目标汇总',
    planColumn: '计划',
    assigned: '上级下达',
    childrenTotal: '下级合计',
    matches: '一致',
    noPlan: '无计划',
    yes: '是',
    no: '否',
    wroteRollup: '已将 {n} 行写入工作表“{sheet}”；其中 {bad} 行不一致。',
  },
  payroll: {
    title: '薪酬',
    sheet: '工资表',
    explain: '计算说明',
    month: '月份',
    employeeNo: '工号',
    name: '姓名',
    plan: '方案',
    gross: '应发',
    deductions: '扣款',
    net: '实发',
    total: '合计',
    component: '项目',
    amount: '金额',
    rule: '规则',
    arithmetic: '计算过程',
    inputs: '依据',
    readOnly: '只读',
    run: '工资批次',
    runStatus: '状态：{status}',
    noRuns: '{month} 还没有工资批次。',
    otherMonths: '有工资批次的月份',
    awaitingYou: '待您审核签字：',
    scopeUnit: '单位',
    servedUnits: '您负责{units}：只能查看和处理这些单位的薪酬。',
    unitJoin: '、',
    notServedRun: '您不负责{unit}：此批次只显示您负责单位的人员和金额，由负责{unit}的财务计算和提交。',
    create: '新建批次',
    calculate: '计算',
    submit: '提交审核',
    refresh: '刷新工资表',
    approve: '审核签字',
    sendBack: '退回',
    comment: '意见（退回时必填）',
    wrote: '已将 {n} 份工资条写入“{sheet}”；自上次刷新以来变化的 {changed} 个单元格已标黄。点击“计算说明”可写出每项金额的算法。',
    wroteFirst: '已将 {n} 份工资条写入“{sheet}”。点击“计算说明”可写出每项金额的算法。',
    explained: '已将 {n} 份工资条的计算说明写入“{sheet}”。',
    done: '完成：批次状态为 {status}。',
    discard: '作废批次',
    discardReason: '作废原因（记入审计记录）',
    discardGo: '作废该批次及其工资条',
    discardCancel: '保留',
    discardNeedsReason: '请说明作废原因。',
    discarded: '已作废 {unit} {month} 的工资批次（第 {version} 版）及其工资条。',
    calculated: '已计算 {n} 份工资条，批次状态为 {status}。点击“刷新工资表”即可查看。',
    myPayslip: '我的工资条',
    pullMine: '拉取我的工资条',
    noPayslip: '{month} 还没有审核完成的工资条。',
    wroteMine: '已将您的工资条写入“{sheet}”。',
    statuses: { DRAFT: '草稿', CALCULATED: '已计算', SUBMITTED: '已提交', FINANCE_APPROVED: '财务经理已签', SALES_APPROVED: '营销总监已签', LOCKED: '已锁定', PAID: '已发放' },
  },
  files: filesZh,
  positions: { SALES_DIRECTOR: '营销总监', REGIONAL_MANAGER: '区域经理', ACCOUNT_MANAGER: '客户经理', SALES_REP: '销售代表', FINANCE: '财务' },
  statuses: { PROBATION: '试用', ACTIVE: '在职', LEFT: '离职' },
  employment: { FULL_TIME: '全职', PART_TIME: '兼职（营销合作协议）' },
  columns: {
    employeeNo: '工号',
    name: '姓名',
    unitPath: '所属单位',
    unitCode: '单位编码',
    position: '职位',
    rank: '职级',
    status: '状态',
    hireDate: '入职日期',
    leaveDate: '离职日期',
    employmentType: '用工类型',
    baseSalary: '基本工资',
    mentorName: '导师',
    phone: '电话',
    email: '邮箱',
    compensationPlan: '薪酬方案',
  },
};

export const words: Record<Locale, Words> = { en, 'zh-CN': zh };
export type { Words };

const englishPlurals = new Intl.PluralRules('en');

/**
 * A template with its {name}s filled in. `{n|one|other}` picks a word by the
 * count n, for the English catalogue ("{n} {n|person|people}"; Chinese has
 * no plural forms and never uses it). The count may come grouped ("1,234").
 */
/** The params that name a period by its key: said as people say them by `phrase`. */
const PERIOD_PARAMS = ['month', 'period'] as const;

/**
 * A pane sentence: `format`, with a month or period given by its key
 * ("2026-03", "2026-Q1", "2026-03-D2") said as people say it in the pane's
 * language (2026年3月 / Mar 2026). Sheet names keep their keys.
 */
export function phrase(locale: Locale, template: string, values: Record<string, string | number>): string {
  const said = { ...values };
  for (const k of PERIOD_PARAMS) if (typeof said[k] === 'string') said[k] = formatPeriod(said[k], locale);
  return format(template, said);
}

export function format(template: string, values: Record<string, string | number>): string {
  return template
    .replace(/\{(\w+)\|([^{}|]*)\|([^{}|]*)\}/g, (whole, k: string, one: string, other: string) => {
      if (values[k] === undefined) return whole;
      const n = Number(String(values[k]).replace(/,/g, ''));
      return Number.isFinite(n) && englishPlurals.select(n) === 'one' ? one : other;
    })
    .replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** A rank as the catalogue names it (资深销售主任 SSE); a code it does not know, or none, as it is. */
export const rankText = (w: Words, rank: string | null | undefined) => (rank ? (w.chores.ranks[rank as keyof Words['chores']['ranks']] ?? rank) : '');

/** A version as people say it: “第 2 版” / “version 2”, never “v2”. */
export const versionText = (w: Words, version: number | string) => format(w.version, { version });

/**
 * A compensation plan as people name it: its name and version (底薪加提成 · 第 1 版). Its code is added, as a hint,
 * only when another plan among `all` has the same name but another code, so two such plans can be told apart.
 */
export function planText(w: Words, plan: { name: string; code: string; version: number }, all: readonly { name: string; code: string }[] = []): string {
  const shared = all.some((p) => p.name === plan.name && p.code !== plan.code);
  return `${plan.name}${shared ? ` (${plan.code})` : ''} · ${versionText(w, plan.version)}`;
}

/** zh-CN for Chinese display languages, English otherwise. */
export function defaultLocale(displayLanguage: string | undefined): Locale {
  return displayLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
