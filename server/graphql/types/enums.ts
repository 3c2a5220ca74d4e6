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
