/**
 * The names of KPI codes (issue 10 §4): indicator groups, grades, scorecard
 * statuses, computations and roles. The server and schema/ send codes only;
 * indicator and set names are the organisation's own data. Hooked into the
 * catalogue as `w.kpi`, for the scorecard screens and sheets to come.
 */
import type { KpiComputation, KpiGrade, KpiGroup, KpiRole } from '../../../schema/kpi.ts';

type Table<K extends string> = Record<K, string>;

export const en = {
  groups: { SALES: 'Sales volume', PLANNING: 'Planning', PROCESS: 'Process management', ADMIN: 'Internal administration', ATTITUDE: 'Ability and attitude' } satisfies Table<KpiGroup>,
  grades: { EXCELLENT: 'Excellent', GOOD: 'Good', PASS: 'Pass', FAIL: 'Fail' } satisfies Table<KpiGrade>,
  statuses: { DRAFT: 'Draft', SUBMITTED: 'Submitted', APPROVED: 'Approved' } satisfies Table<'DRAFT' | 'SUBMITTED' | 'APPROVED'>,
  computations: {
    SALES_ACHIEVEMENT: 'Sales vs base target',
    TEAM_SALES_ACHIEVEMENT: 'Team sales vs base target',
    COLLECTION_RATE: 'Collections ÷ sales',
    NEW_CUSTOMERS: 'New customers',
    CALLS_PER_DAY: 'Calls a day',
    VISITS_PER_WEEK: 'Visits a week',
    REPORTS_ON_TIME: 'Reports on time',
  } satisfies Table<KpiComputation>,
  roles: { REP: 'Sales reps', MANAGER: 'Managers' } satisfies Table<KpiRole>,
};

export const zh: typeof en = {
  groups: { SALES: '销量', PLANNING: '计划能力', PROCESS: '过程管理', ADMIN: '内部行政', ATTITUDE: '能力/态度' },
  grades: { EXCELLENT: '优秀', GOOD: '良好', PASS: '合格', FAIL: '不合格' },
  statuses: { DRAFT: '草稿', SUBMITTED: '已提交', APPROVED: '已审批' },
  computations: { SALES_ACHIEVEMENT: '销售额目标达成率', TEAM_SALES_ACHIEVEMENT: '团队销售额目标达成率', COLLECTION_RATE: '回款率', NEW_CUSTOMERS: '新客户开发数', CALLS_PER_DAY: '日均电话数', VISITS_PER_WEEK: '每周拜访数', REPORTS_ON_TIME: '报告按时率' },
  roles: { REP: '销售代表', MANAGER: '经理' },
};
