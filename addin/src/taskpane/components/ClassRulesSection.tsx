/** Performance, for admins: the classes and A/B/C bands pulled to a sheet, changed there and saved. */
import type { Client } from '@urql/core';
import type { Words } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import { useClassRules } from '../../results/use-class-rules.ts';
import { SheetRoundTrip } from './SheetRoundTrip.tsx';

const excel = () => Excel.run as unknown as ExcelRun;

export function ClassRulesSection(props: { w: Words; client: Client; onSessionEnded: () => void }) {
  const k = props.w.results.classRules;
  const h = useClassRules({ ...props, excel });
  return <SheetRoundTrip w={props.w} excel={excel} testId="class-rules" title={k.title} intro={k.intro} pullLabel={k.pull} saveLabel={k.save} canSave h={h} />;
}
