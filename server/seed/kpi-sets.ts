/**
 * The default KPI indicator sets (考核指标, domain §5), from the seeds'
 * five groups — 销量, 计划能力, 过程管理, 内部行政, 能力/态度 — with sales
 * about 60 % of a rep's score and about 20 % of a manager's. Names are the
 * organisation's own data (zh-CN); groups and grades are codes the pane names.
 * Grades 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below; a manager's score
 * below 60 % of an indicator's max needs a comment. Admins change all of it.
 */
import type { Db } from '../db/client.ts';
import type { GradeBand } from '../../schema/kpi.ts';
import { ensureSets, type SetInput } from '../kpi/sets.ts';
import type { KpiRole } from '../db/generated/sqlite/client/enums.ts';

export const DEFAULT_GRADE_BANDS: GradeBand[] = [
  { grade: 'EXCELLENT', min: '90', inclusive: true },
  { grade: 'GOOD', min: '80', inclusive: true },
  { grade: 'PASS', min: '60', inclusive: true },
];

export const DEFAULT_KPI_SETS: ({ role: KpiRole } & SetInput)[] = [
  {
    role: 'REP',
    name: '销售代表月度考核',
    commentBelowPercent: 60,
    gradeBands: DEFAULT_GRADE_BANDS,
    indicators: [
      { code: 'salesAchievement', name: '销售额目标达成率', group: 'SALES', weight: '45', computation: 'SALES_ACHIEVEMENT', fullMarksAt: '100', maxScore: null },
      { code: 'collectionRate', name: '回款率', group: 'SALES', weight: '10', computation: 'COLLECTION_RATE', fullMarksAt: '100', maxScore: null },
      { code: 'newCustomers', name: '新客户开发数', group: 'SALES', weight: '5', computation: 'NEW_CUSTOMERS', fullMarksAt: '3', maxScore: null },
      { code: 'planQuality', name: '月度工作计划质量', group: 'PLANNING', weight: '10', computation: null, fullMarksAt: null, maxScore: 10 },
      { code: 'logsAndReports', name: '工作日志与周报按时提交', group: 'PROCESS', weight: '5', computation: null, fullMarksAt: null, maxScore: 10 },
      { code: 'fieldWork', name: '客户拜访与电话量（每日5-10个电话，每周1-3次拜访）', group: 'PROCESS', weight: '5', computation: null, fullMarksAt: null, maxScore: 10 },
      { code: 'discipline', name: '考勤与内部行政事务', group: 'ADMIN', weight: '5', computation: null, fullMarksAt: null, maxScore: 10 },
      { code: 'attitude', name: '工作态度', group: 'ATTITUDE', weight: '10', computation: null, fullMarksAt: null, maxScore: 10 },
      { code: 'teamwork', name: '团队协作', group: 'ATTITUDE', weight: '5', computation: null, fullMarksAt: null, maxScore: 10 },
    ],
  },
  {
    role: 'MANAGER',
    name: '部门经理月度考核',
    commentBelowPercent: 60,
    gradeBands: DEFAULT_GRADE_BANDS,
    indicators: [
      { code: 'teamSalesAchievement', name: '团队销售额目标达成率', group: 'SALES', weight: '20', computation: 'TEAM_SALES_ACHIEVEMENT', fullMarksAt: '100', maxScore: null },
      { code: 'targetPlanning', name: '目标分解与工作计划质量', group: 'PLANNING', weight: '20', computation: null, fullMarksAt: null, maxScore: 10 },
      { code: 'processManagement', name: '过程管理（日志抽查、周报月报、拜访督导）', group: 'PROCESS', weight: '20', computation: null, fullMarksAt: null, maxScore: 10 },
      { code: 'adminWork', name: '内部行政与报表工作', group: 'ADMIN', weight: '10', computation: null, fullMarksAt: null, maxScore: 10 },
      { code: 'teamBuilding', name: '团队建设与人员培养', group: 'ATTITUDE', weight: '15', computation: null, fullMarksAt: null, maxScore: 10 },
      { code: 'leadership', name: '领导能力与工作态度', group: 'ATTITUDE', weight: '15', computation: null, fullMarksAt: null, maxScore: 10 },
    ],
  },
];

/** Seeds the default sets for roles without one; returns how many it made. */
export const ensureKpiSets = (db: Db) => ensureSets(db, DEFAULT_KPI_SETS);
