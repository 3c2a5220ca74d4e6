/**
 * What the Performance screen does: the unit, period, metric and rows
 * chosen; Pull performance, Pull ranking, Publish ranking and Pull dashboard,
 * one at a time (useAction), each saying what it is doing while it works.
 */
import { useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words, phrase } from '../i18n.ts';
import { run } from '../api/client.ts';
import { startAndFollow, summaryOf } from '../api/jobs.ts';
import { ORG_TREE, treeOrder, type OrgUnitOption } from '../api/operations.ts';
import { useAction } from '../taskpane/components/chores/useAction.ts';
import { writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { writeCharts } from '../excel/charts.ts';
import { today } from '../../../schema/dates.ts';
import type { Metric } from '../../../schema/metrics.ts';
import { CALENDAR_YEAR, notOver, period, type FiscalCalendar } from '../../../schema/periods.ts';
import { ACHIEVEMENT, figuresAsOf, FISCAL_YEAR_START, fiscalCalendarOf, LEAGUE_TABLE, START_RANKING_PUBLICATION, periodFor, type PeriodGrain } from './operations.ts';
import { dashboardSheet, performanceSheet, rankingSheet, type AchievementData, type LeagueData } from './results-sheets.ts';
import { ratiosSheet, UNIT_RATIOS, type RatiosData } from './ratios-sheet.ts';

/** The grains whose periods are whole months: expenses and pay are a month's. */
export const RATIO_GRAINS: readonly PeriodGrain[] = ['MONTH', 'QUARTER', 'YEAR_TO_DATE'];

const excel = () => Excel.run as unknown as ExcelRun;

export function usePerformance(w: Words, client: Client, onSessionEnded: () => void) {
  const { busy, status, setStatus, act, load } = useAction(w, onSessionEnded);
  /** Nothing to write: said as information, not success. */
  const info = (message: string) => void setStatus({ intent: 'info', message });
  const [label, setLabel] = useState('');
  const [units, setUnits] = useState<OrgUnitOption[]>([]);
  const [unitId, setUnitId] = useState('');
  const [grain, setGrain] = useState<PeriodGrain>('MONTH');
  const [day, setDay] = useState(today());
  const [metric, setMetric] = useState<Metric>('SALES_AMOUNT');
  const [by, setBy] = useState<'PERSON' | 'CHILD_UNIT'>('PERSON');
  // The organisation's fiscal calendar, learnt with the units (no unit is chosen, so nothing pulled, before both are known).
  const [calendar, setCalendar] = useState<FiscalCalendar>(CALENDAR_YEAR);

  useEffect(() => {
    load(() =>
      Promise.all([run<{ orgTree: OrgUnitOption[] }>(client, ORG_TREE, { asOf: today() }), run<{ fiscalYearStartMonth: number }>(client, FISCAL_YEAR_START, {})]).then(([d, f]) => {
        setCalendar(fiscalCalendarOf(f));
        const ordered = treeOrder(d.orgTree);
        setUnits(ordered);
        setUnitId((u) => u || ordered[0]?.id || '');
      }),
    );
  }, [client, load]);

  const unitName = units.find((u) => u.id === unitId)?.name ?? '';
  const chosen = periodFor(day || today(), grain, calendar);
  // The period read: a year to date by its own key ("2026-YTD"), so its sheet is not the whole year's and says which it is.
  const periodKey = chosen.grain === 'YEAR_TO_DATE' ? `${chosen.period}-YTD` : chosen.period;
  const context = () => ({ unitId, unitName, periodKey, by, asOf: day, pulledAt: new Date().toISOString() });

  const step = (text: string) => setLabel(text);

  const pull = () =>
    act(async () => {
      if (!unitId) return info(w.results.chooseUnit);
      step(w.results.busy.pull);
      const data = (await run<{ achievement: AchievementData }>(client, ACHIEVEMENT, { period: chosen.period, grain: chosen.grain, metric, unitId, by, asOf: day })).achievement;
      if (!data.rows.length) return info(phrase(w.locale, w.results.nothing, { unit: unitName, period: periodKey }));
      step(w.results.busy.writing);
      const report = await writeSheetTable(excel(), performanceSheet(w, data, { ...context(), asOf: figuresAsOf(chosen.grain, day, data.range.end, today()) }));
      return format(w.results.wrote, { n: report.rows, sheet: report.sheetName });
    });

  const league = async () => {
    step(w.results.busy.ranking);
    return (await run<{ leagueTable: LeagueData }>(client, LEAGUE_TABLE, { unitId, period: chosen.ranking, by, metric })).leagueTable;
  };

  const pullRanking = () =>
    act(async () => {
      if (!unitId) return info(w.results.chooseUnit);
      const data = await league();
      if (!data.rows.length) return info(phrase(w.locale, w.results.nothing, { unit: unitName, period: chosen.ranking }));
      step(w.results.busy.writing);
      // The day its figures run to: the period's end once it is over, today while it runs (as the Performance sheet says).
      const end = period(chosen.ranking, calendar).end;
      const report = await writeSheetTable(excel(), rankingSheet(w, metric, data, { ...context(), asOf: end < today() ? end : today() }));
      return format(w.results.wrote, { n: report.rows, sheet: report.sheetName });
    });

  /** The ranking period waiting for the user's yes to publish it before it is over. */
  const [confirmingPublish, setConfirmingPublish] = useState<string | null>(null);
  useEffect(() => setConfirmingPublish(null), [unitId, grain, day, metric, by]);

  /** Publishes the chosen ranking (a period not over yet only once `confirmed`); true when it was published. */
  const publish = async (confirmed = false) => {
    if (!confirmed && unitId && notOver(chosen.ranking, today(), calendar)) {
      setConfirmingPublish(chosen.ranking);
      return false;
    }
    setConfirmingPublish(null);
    let published = false;
    await act(async () => {
      if (!unitId) return info(w.results.chooseUnit);
      step(w.results.busy.publish);
      // Published by the server as a job: followed to its end, its summary naming the version.
      const summary = summaryOf(await startAndFollow(client, START_RANKING_PUBLICATION, { unitId, period: chosen.ranking, by, metric }));
      published = true;
      return phrase(w.locale, w.results.published, { period: summary.periodKey ?? chosen.ranking, version: summary.version ?? '', n: summary.ranked ?? '' });
    });
    return published;
  };

  const pullDashboard = () =>
    act(async () => {
      if (!unitId) return info(w.results.chooseUnit);
      step(w.results.busy.dashboard);
      const year = periodFor(day || today(), 'YEAR_TO_DATE', calendar).period;
      const [monthly, byUnit] = await Promise.all([
        run<{ achievement: AchievementData }>(client, ACHIEVEMENT, { period: year, grain: 'MONTH', metric, unitId, by: 'UNIT', asOf: day }),
        run<{ achievement: AchievementData }>(client, ACHIEVEMENT, { period: year, grain: 'YEAR_TO_DATE', metric, unitId, by: 'CHILD_UNIT', asOf: day }),
      ]);
      step(w.results.busy.writing);
      const { sheet, charts } = dashboardSheet(w, monthly.achievement, byUnit.achievement, { unitId, unitName, year, asOf: day, pulledAt: new Date().toISOString() });
      const report = await writeSheetTable(excel(), sheet);
      // The by-unit chart only while the unit has child units: one left from an earlier pull is removed.
      await writeCharts(excel(), report.sheetName, charts);
      return format(w.results.wroteDashboard, { charts: charts.length, sheet: report.sheetName });
    });

  /** The expense and payroll ratios of the unit and its child units for the chosen months (brief §5). */
  const pullRatios = () =>
    act(async () => {
      if (!unitId) return info(w.results.chooseUnit);
      step(w.ratios.busy);
      const data = (await run<{ unitRatios: RatiosData }>(client, UNIT_RATIOS, { unitId, period: chosen.period, grain: chosen.grain, asOf: day })).unitRatios;
      step(w.results.busy.writing);
      const { asOf, pulledAt } = context();
      const report = await writeSheetTable(excel(), ratiosSheet(w, data, { unitId, periodKey, asOf, pulledAt }));
      return format(w.ratios.wrote, { n: report.rows, sheet: report.sheetName });
    });

  return { calendar, busy, label, status, units, unitId, setUnitId, grain, setGrain, day, setDay, metric, setMetric, by, setBy, period: chosen, periodKey, pull, pullRanking, publish, confirmingPublish, cancelPublish: () => setConfirmingPublish(null), pullDashboard, pullRatios };
}
