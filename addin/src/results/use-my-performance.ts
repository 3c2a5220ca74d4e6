/** What My performance does: the viewer's own month and year to date, written with a chart, one pull at a time. */
import { useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../i18n.ts';
import { run } from '../api/client.ts';
import { hasOwnPerson, VIEWER_PERSON, type ViewerPersonData } from '../api/operations.ts';
import { useAction } from '../taskpane/components/chores/useAction.ts';
import { writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { writeChart } from '../excel/charts.ts';
import { today } from '../../../schema/dates.ts';
import { ACHIEVEMENT, FISCAL_YEAR_START, fiscalCalendarOf, MY_RANKINGS, periodFor, placesByPeriod, type MyRankingItem } from './operations.ts';
import { myPerformanceSheet, type AchievementData } from './results-sheets.ts';

export function useMyPerformance(w: Words, client: Client, onSessionEnded: () => void) {
  const { busy, status, act } = useAction(w, onSessionEnded);
  const [label, setLabel] = useState('');
  const [day, setDay] = useState(today());

  const pull = () =>
    act(async () => {
      setLabel(w.results.busy.mine);
      const asOf = day || today();
      const read = (p: { period: string; grain: string }) => run<{ achievement: AchievementData }>(client, ACHIEVEMENT, { period: p.period, grain: p.grain, metric: 'SALES_AMOUNT', asOf }).then((d) => d.achievement);
      // Year to date is the organisation's fiscal year, as the server keys it.
      const calendar = fiscalCalendarOf(await run<{ fiscalYearStartMonth: number }>(client, FISCAL_YEAR_START, {}));
      const [month, ytd, mine, person] = await Promise.all([
        read(periodFor(asOf, 'MONTH', calendar)),
        read(periodFor(asOf, 'YEAR_TO_DATE', calendar)),
        run<{ myRankings: MyRankingItem[] }>(client, MY_RANKINGS, {}).then((d) => d.myRankings),
        run<ViewerPersonData>(client, VIEWER_PERSON, {}).then(hasOwnPerson),
      ]);
      // Nobody's figures to write (an admin or a general manager without a person on the roster).
      if (!person) return w.noPersonMine;
      setLabel(w.results.busy.writing);
      const run_ = Excel.run as unknown as ExcelRun;
      const { sheet, chart } = myPerformanceSheet(w, month, ytd, { asOf, pulledAt: new Date().toISOString(), places: placesByPeriod(mine) });
      const report = await writeSheetTable(run_, sheet);
      await writeChart(run_, { ...chart, sheetName: report.sheetName });
      return format(w.results.wrote, { n: report.rows, sheet: report.sheetName });
    });

  return { busy, label, status, day, setDay, pull };
}
