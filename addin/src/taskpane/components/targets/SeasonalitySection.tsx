/** Targets, for admins: the seasonality profiles pulled to a sheet, changed there and saved together. */
import type { Client } from '@urql/core';
import type { Words } from '../../../i18n.ts';
import type { ExcelRun } from '../../../excel/workbook.ts';
import { useSeasonality } from '../../../targets/use-seasonality.ts';
import { SheetRoundTrip } from '../SheetRoundTrip.tsx';

export function SeasonalitySection(props: { w: Words; client: Client; excel: () => ExcelRun; onSessionEnded: () => void }) {
  const k = props.w.targetFlow.seasonality;
  const h = useSeasonality(props);
  return <SheetRoundTrip w={props.w} excel={props.excel} testId="seasonality" title={k.title} intro={k.intro} pullLabel={k.pull} saveLabel={k.save} canSave h={h} />;
}
