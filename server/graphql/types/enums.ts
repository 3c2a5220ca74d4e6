import { builder } from '../builder.ts';
import { EmploymentType, OrgUnitKind, PersonStatus, Position, Rank, Role } from '../../db/generated/sqlite/client/enums.ts';

export const OrgUnitKindEnum = builder.enumType(OrgUnitKind, { name: 'OrgUnitKind' });
export const PositionEnum = builder.enumType(Position, { name: 'Position' });
export const RankEnum = builder.enumType(Rank, {
  name: 'Rank',
  description: 'Sales ladder ranks, lowest first: SR 业务代表, SE 销售主任, SSE, SM 销售经理, SSM, SD 销售总监, SSD, TE.',
});
export const PersonStatusEnum = builder.enumType(PersonStatus, { name: 'PersonStatus' });
export const EmploymentTypeEnum = builder.enumType(EmploymentType, { name: 'EmploymentType' });
export const RoleEnum = builder.enumType(Role, { name: 'Role' });

import { Metric, OwnerKind, PlanStatus, TargetLevel } from '../../db/generated/sqlite/client/enums.ts';
export const MetricEnum = builder.enumType(Metric, { name: 'Metric', description: 'Money metrics count in yuan with two decimals; the others in whole units.' });
export const TargetLevelEnum = builder.enumType(TargetLevel, { name: 'TargetLevel', description: 'BASE 基础指标 (expected), STRETCH 奋斗指标 (earns extra).' });
export const PlanStatusEnum = builder.enumType(PlanStatus, { name: 'PlanStatus' });
export const OwnerKindEnum = builder.enumType(OwnerKind, { name: 'OwnerKind' });

import { AttendanceStatus, PayrollStatus } from '../../db/generated/sqlite/client/enums.ts';
export const AttendanceStatusEnum = builder.enumType(AttendanceStatus, { name: 'AttendanceStatus' });
export const PayrollStatusEnum = builder.enumType(PayrollStatus, {
  name: 'PayrollStatus',
  description: 'DRAFT → CALCULATED → SUBMITTED (finance) → FINANCE_APPROVED (finance manager) → SALES_APPROVED (sales director) → LOCKED (general manager) → PAID.',
});
