/** Month end: the working calendar of a year, pulled to a sheet; admins type the year's holidays and make-up days into it and save. */
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Subtitle2, Text } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import type { ExcelRun } from '../../../excel/workbook.ts';
import { useWorkingCalendar } from '../../../calendar/use-working-calendar.ts';
import { IssueList } from '../targets/IssueList.tsx';
import { Busy, StatusLine, useChoreStyles } from './ui.tsx';

const excel = () => Excel.run as unknown as ExcelRun;

export function WorkingCalendarSection(props: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const { w } = props;
  const c = w.chores.calendar;
  const s = useChoreStyles();
  const h = useWorkingCalendar({ ...props, excel });

  return (
    <div className={s.section} data-testid="working-calendar">
      <Subtitle2 as="h3">{c.title}</Subtitle2>
      <Text size={200}>{c.intro}</Text>
      {!h.admin && <Text size={200} className={s.meta}>{c.adminsOnly}</Text>}
      <Field label={c.year}>
        <Input value={h.year} inputMode="numeric" onChange={(_, d) => h.setYear(d.value)} data-testid="calendar-year" />
      </Field>
      <div className={s.row}>
        <Button appearance={h.admin ? 'secondary' : 'primary'} onClick={() => void h.pull()} disabled={h.busy} data-testid="calendar-pull">
          {c.pull}
        </Button>
        {h.admin && (
          <Button appearance="primary" onClick={() => void h.save()} disabled={h.busy} data-testid="calendar-save">
            {c.save}
          </Button>
        )}
      </div>
      {h.unsaved && (
        <MessageBar intent="warning" layout="multiline" data-testid="calendar-unsaved">
          <MessageBarBody>{format(c.unsaved, { sheet: h.unsaved })}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void h.replace()} disabled={h.busy} data-testid="calendar-replace">
              {c.replace}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {h.issues.length > 0 && <IssueList w={w} issues={h.issues} excel={excel} onError={(err) => h.fail(err)} />}
      <StatusLine w={w} status={h.status} testId="calendar-status" />
      <Busy busy={h.busy} label={w.chores.working} />
    </div>
  );
}
