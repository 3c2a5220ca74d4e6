/** Performance, for finance (and a screen of its own for the finance manager): a month's expenses by unit and category, pulled to a sheet, typed there and saved (the expense ratio reads them). */
import { Field, Input } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import { useExpenses } from '../../results/use-expenses.ts';
import { SheetRoundTrip, UnsavedSheetBar } from './SheetRoundTrip.tsx';
import { MonthInput } from './DateInputs.tsx';

const excel = () => Excel.run as unknown as ExcelRun;

export function ExpensesSection(props: { w: Words; client: Client; onSessionEnded: () => void; heading?: 'h2' | 'h3' }) {
  const e = props.w.ratios.expenses;
  const h = useExpenses({ ...props, excel });
  const unsaved = h.unsaved && <UnsavedSheetBar message={format(e.unsaved, { sheet: h.unsaved })} replaceLabel={e.replace} busy={h.busy} onReplace={() => void h.replace()} testId="expenses" />;
  return (
    <SheetRoundTrip w={props.w} excel={excel} testId="expenses" heading={props.heading} title={e.title} intro={e.intro} pullLabel={e.pull} saveLabel={e.save} canSave h={h} after={unsaved}>
      <Field label={e.month}>
        <MonthInput w={props.w} value={h.month} onChange={h.setMonth} data-testid="expenses-month" />
      </Field>
    </SheetRoundTrip>
  );
}
