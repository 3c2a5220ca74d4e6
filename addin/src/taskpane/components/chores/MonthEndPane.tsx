/** Month end (月结) for finance and admins: compensation plans and their assignment, paid and reopened runs, period locks, the working calendar. */
import { useServedUnits } from '../useServedUnits.ts';
import { useState } from 'react';
import { Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../../i18n.ts';
import { PlanAssignmentSection } from './PlanAssignmentSection.tsx';
import type { SavedPlan } from './usePlanAssignment.ts';
import { CompensationPlansSection } from './CompensationPlansSection.tsx';
import { ClosedRunsSection } from './ClosedRunsSection.tsx';
import { PeriodLocksSection } from './PeriodLocksSection.tsx';
import { WorkingCalendarSection } from './WorkingCalendarSection.tsx';
import { useChoreStyles } from './ui.tsx';

export function MonthEndPane(props: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const s = useChoreStyles();
  // A plan saved as a new version is offered for assignment at once.
  const [savedPlan, setSavedPlan] = useState<SavedPlan | null>(null);
  // Finance who serve named units change no company-wide pay rule: plans are theirs to read, and to assign to their people.
  const served = useServedUnits(props.client);
  const companyWide = !served?.length;
  return (
    <section className={s.pane} data-testid="month-end-pane" aria-labelledby="month-end-title">
      <Subtitle2 as="h2" id="month-end-title">{props.w.chores.monthEnd.title}</Subtitle2>
      <ClosedRunsSection {...props} />
      <CompensationPlansSection {...props} onSaved={setSavedPlan} readOnly={!companyWide} />
      <PlanAssignmentSection {...props} savedPlan={savedPlan} peopleOnly={!companyWide} />
      <PeriodLocksSection {...props} />
      <WorkingCalendarSection {...props} />
    </section>
  );
}
