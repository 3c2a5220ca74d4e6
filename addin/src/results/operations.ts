/** The results screens' requests (issue 10 §5), and which period a day and a grain choose. */
import { bucketKey, type Grain } from '../../../schema/results.ts';
import type { FiscalCalendar } from '../../../schema/periods.ts';
import { JOB_FIELDS } from '../api/jobs.ts';

export const ACHIEVEMENT = `query Achievement($period: String!, $grain: PeriodGrain!, $metric: Metric!, $unitId: ID, $personId: ID, $by: ActualsBy, $asOf: Date) {
  achievement(period: $period, grain: $grain, metric: $metric, unitId: $unitId, personId: $personId, by: $by, asOf: $asOf) {
    metric periods { key start end } range { key start end }
    rows { ownerId ownerKind code name cells { periodKey actual base stretch baseAchievement stretchAchievement baseGap stretchGap class } }
  }
}`;

const LEAGUE_FIELDS = 'rows { ownerId code name rank moved actual base achievement class top bottom }';

export const LEAGUE_TABLE = `query LeagueTable($unitId: ID!, $period: String!, $by: RankingBy, $metric: Metric) {
  leagueTable(unitId: $unitId, period: $period, by: $by, metric: $metric) { periodKey previousPeriodKey ${LEAGUE_FIELDS} }
}`;

/** Publishing runs as a job on the server (issue 12 §2): the job comes back at once, to be followed. */
export const START_RANKING_PUBLICATION = `mutation StartRankingPublication($unitId: ID!, $period: String!, $by: RankingBy, $metric: Metric) {
  startRankingPublication(unitId: $unitId, period: $period, by: $by, metric: $metric) { ${JOB_FIELDS} }
}`;

/** The viewer's own places in published rankings (their row only). */
export const MY_RANKINGS = `query MyRankings { myRankings { periodKey metric basis version of row { rank } } }`;

export interface MyRankingItem {
  periodKey: string;
  metric: string;
  basis: string;
  version: number;
  of: number;
  row: { rank: number | null };
}

/** "rank/of" per period from the newest published sales ranking of each period (by achievement before by amount); none when unranked. */
export function placesByPeriod(items: MyRankingItem[]): Record<string, string> {
  const out: Record<string, string> = {};
  const sorted = [...items].filter((i) => i.metric === 'SALES_AMOUNT' && i.row.rank !== null).sort((a, b) => (a.basis === b.basis ? 0 : a.basis === 'ACHIEVEMENT' ? -1 : 1));
  for (const i of sorted) out[i.periodKey] ??= `${i.row.rank}/${i.of}`;
  return out;
}

/**
 * The day a sheet's figures run to, for its "as of": the day chosen, for year
 * to date (it ends there); otherwise the period's last day, or today while
 * the period runs. A month picked by its 15th is the whole month, not "as of
 * the 15th".
 */
export const figuresAsOf = (grain: string, day: string, periodEnd: string, today: string): string => (grain === 'YEAR_TO_DATE' ? day : periodEnd < today ? periodEnd : today);

/** The month the organisation's fiscal year starts in (quarters and years follow it). */
export const FISCAL_YEAR_START = `query FiscalYearStart { fiscalYearStartMonth }`;

/** The calendar the server reads periods by, from its answer to FISCAL_YEAR_START. */
export const fiscalCalendarOf = (d: { fiscalYearStartMonth: number }): FiscalCalendar => ({ firstMonth: d.fiscalYearStartMonth });

/** The grains the screens offer. */
export const PERIOD_GRAINS = ['MONTH', 'TEN_DAYS', 'HALF_MONTH', 'QUARTER', 'YEAR_TO_DATE'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

/**
 * The period a day falls in at a grain, as the API takes it: "2026-12",
 * "2026-12-D1", "2026-12-H1", "2026-Q4"; year to date is the year ("2026")
 * read at YEAR_TO_DATE up to the day. Quarters and years are the
 * organisation's fiscal ones, by the same rules the server keys them with
 * (schema/results.ts): with years from April, 2026-05-10 is in "2026-Q1"
 * and 2027-02-10 in "2026-Q4" and the year "2026".
 */
export function periodFor(day: string, grain: PeriodGrain, calendar: FiscalCalendar): { period: string; grain: Grain; ranking: string } {
  if (grain === 'YEAR_TO_DATE') {
    const year = bucketKey(day, 'YEAR', calendar);
    return { period: year, grain, ranking: year };
  }
  const key = bucketKey(day, grain as Grain, calendar);
  return { period: key, grain, ranking: key };
}
