/** Month end: the working calendar of a year, pulled to a sheet; admins type the year's holidays and make-up days into it and save. */
import { Field, Input, Text } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import type { ExcelRun } from '../../../excel/workbook.ts';
import { useWorkingCalendar } from '../../../calendar/use-working-calendar.ts';
import { SheetRoundTrip, UnsavedSheetBar } from '../SheetRoundTrip.tsx';
import { useChoreStyles } from './ui.tsx';

const excel = () => Excel.run as unknown as ExcelRun;

export function WorkingCalendarSection(props: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const { w } = props;
  const c = w.chores.calendar;
  const s = useChoreStyles();
  const h = useWorkingCalendar({ ...props, excel });
  const unsaved = h.unsaved && <UnsavedSheetBar message={format(c.unsaved, { sheet: h.unsaved })} replaceLabel={c.replace} busy={h.busy} onReplace={() => void h.replace()} testId="calendar" />;
  return (
    <SheetRoundTrip w={w} excel={excel} testId="calendar" title={c.title} intro={c.intro} pullLabel={c.pull} saveLabel={c.save} canSave={h.admin} h={h} after={unsaved}>
      {!h.admin && <Text size={200} className={s.meta}>{c.adminsOnly}</Text>}
      <Field label={c.year}>
        <Input value={h.year} inputMode="numeric" onChange={(_, d) => h.setYear(d.value)} data-testid="calendar-year" />
      </Field>
    </SheetRoundTrip>
  );
}
