/** The month's attendance as a sheet: everyone sees the people they may see (a rep: themself). */
import { Button, Field, Input, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../../i18n.ts';
import { useAttendanceSummary } from './useAttendanceSummary.ts';
import { StatusLine, useChoreStyles } from './ui.tsx';
import { MonthInput } from '../DateInputs.tsx';

export function AttendanceSection(props: { w: Words; client: Client; onSessionEnded: () => void }) {
  const a = props.w.chores.attendance;
  const s = useChoreStyles();
  const h = useAttendanceSummary(props);
  return (
    <div className={s.section} data-testid="attendance-section">
      <Subtitle2 as="h3">{a.title}</Subtitle2>
      <StatusLine w={props.w} status={h.status} testId="attendance-status" />
      <div className={s.row}>
        <Field label={a.month} className={s.grow}>
          <MonthInput w={props.w} value={h.month} onChange={h.setMonth} data-testid="attendance-month" />
        </Field>
      </div>
      <Button onClick={() => void h.toSheet()} disabled={h.busy || !h.ready} data-testid="attendance-to-sheet">
        {h.busy ? props.w.chores.working : a.pull}
      </Button>
    </div>
  );
}
