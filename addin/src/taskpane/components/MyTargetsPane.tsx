/** My targets: a rep's own published targets as a sheet. */
import { useCallback } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { run } from '../../api/client.ts';
import { MY_TARGETS, MY_TARGET_YEARS, VIEWER_PERSON, hasOwnPerson, type ViewerPersonData } from '../../api/operations.ts';
import { writeSheetTable, type ExcelRun } from '../../excel/workbook.ts';
import { myTargetsSheet, type MyTargetRow } from '../../targets/target-sheet.ts';
import { PullPane } from './PullPane.tsx';

export function MyTargetsPane({ w, client, onSessionEnded }: { w: Words; client: Client; onSessionEnded: () => void }) {
  const latest = useCallback(async () => {
    const years = (await run<{ myTargetYears: number[] }>(client, MY_TARGET_YEARS, {})).myTargetYears;
    return years.length ? String(years[0]) : null;
  }, [client]);
  return (
    <PullPane
      w={w}
      testId="my-targets-pane"
      title={w.targets.myTargets}
      fieldLabel={w.targets.year}
      inputType="number"
      inputTestId="my-targets-year"
      initial={String(new Date().getFullYear())}
      buttonLabel={w.targets.pullMine}
      buttonTestId="pull-my-targets"
      statusTestId="my-targets-status"
      onSessionEnded={onSessionEnded}
      latest={latest}
      pull={async (year) => {
        const data = await run<{ myTargets: MyTargetRow[] }>(client, MY_TARGETS, { year: Number(year) });
        if (!data.myTargets.length) {
          const mine = hasOwnPerson(await run<ViewerPersonData>(client, VIEWER_PERSON, {}));
          return { intent: 'info', message: mine ? format(w.targets.noTargets, { year }) : w.noPersonMine };
        }
        const report = await writeSheetTable(Excel.run as unknown as ExcelRun, myTargetsSheet(w, data.myTargets, Number(year)));
        return { intent: 'success', message: format(w.targets.wroteMine, { n: report.rows, sheet: report.sheetName }) };
      }}
    />
  );
}
