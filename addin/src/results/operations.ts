/** The results screens' requests (issue 10 §5), and which period a day and a grain choose. */
import { bucketKey, type Grain } from '../../../schema/results.ts';
import { CALENDAR_YEAR } from '../../../schema/periods.ts';

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

export const PUBLISH_RANKING = `mutation PublishRanking($unitId: ID!, $period: String!, $by: RankingBy, $metric: Metric) {
  publishRanking(unitId: $unitId, period: $period, by: $by, metric: $metric) { id version periodKey ${LEAGUE_FIELDS} }
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

/** The grains the screens offer. */
export const PERIOD_GRAINS = ['MONTH', 'TEN_DAYS', 'HALF_MONTH', 'QUARTER', 'YEAR_TO_DATE'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

/**
 * The period a day falls in at a grain, as the API takes it: "2026-12",
 * "2026-12-D1", "2026-12-H1", "2026-Q4"; year to date is the year ("2026")
 * read at YEAR_TO_DATE up to the day.
 */
export function periodFor(day: string, grain: PeriodGrain): { period: string; grain: Grain; ranking: string } {
  if (grain === 'YEAR_TO_DATE') {
    const year = bucketKey(day, 'YEAR', CALENDAR_YEAR);
    return { period: year, grain, ranking: year };
  }
  const key = bucketKey(day, grain as Grain, CALENDAR_YEAR);
  return { period: key, grain, ranking: key };
}
