import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.ts';
import './scalars.ts';
import './types/enums.ts';
import './types/Person.ts';
import './types/OrgUnit.ts';
import './types/Viewer.ts';
import './types/AuditEvent.ts';
import './types/TargetPlan.ts';
import './types/TargetRollup.ts';
import './types/SalesRecord.ts';
import './types/PeriodLock.ts';
import './types/SeasonalityProfile.ts';
import './types/PayrollRun.ts';
import './types/WorkingCalendar.ts';
import './types/User.ts';

export const schema = builder.toSchema({ sortSchema: false });
export const sortedSchema = () => lexicographicSortSchema(schema);
