/**
 * Achievement per owner and period (issue 10 §2): the base and stretch
 * targets of the newest published plans, the actuals (server/results/
 * actuals.ts, with its scope filter), achievement against each, the gap to
 * each, and the owner's class (people) or band (units) by the classes kept
 * as data.
 *
 * Targets come from plan lines at the plan's own periods, rolled up to
 * months, quarters and the year (schema/target-rollup.ts); ten-day blocks
 * when a plan has them. A period shorter than a month that the plan does
 * not have (a ten-day block of a plan by months, a half month, a day) and
 * year to date take their months' targets pro-rated by days, half up to the
 * metric's unit (the periods of one month split its target by the
 * largest-remainder method, so they add up to it).
 */
import { Prisma } from '../db/client.ts';
import type { Metric } from '../db/generated/sqlite/client/enums.ts';
import type { Context } from '../graphql/context.ts';
import { readActuals, type ActualsOwner, type ActualsQuery } from './actuals.ts';
import { resultClasses } from './classes.ts';
import { fiscalCalendar } from '../targets/calendar.ts';
import { topLevelKeys } from '../targets/parent-figure.ts';
import { rollUpAmounts } from '../../schema/target-rollup.ts';
import { classify, type ResultClasses } from '../../schema/achievement.ts';
import { divideHalfUp } from '../../schema/money.ts';
import { addDays } from '../../schema/dates.ts';
import { allocate } from '../../schema/allocation.ts';
import { readRange } from '../../schema/results.ts';
import { CALENDAR_YEAR } from '../../schema/periods.ts';
import type { Bucket, Grain } from '../../schema/results.ts';
import type { FiscalCalendar } from '../../schema/periods.ts';

export interface AchievementCell {
  periodKey: string;
  actual: bigint;
  base: bigint | null;
  stretch: bigint | null;
  /** The class (people) or band (units); null without a base target. */
  class: string | null;
}

export interface AchievementRow extends ActualsOwner {
  cells: AchievementCell[];
}

export interface AchievementView {
  metric: Metric;
  range: Bucket;
  periods: Bucket[];
  rows: AchievementRow[];
  classes: ResultClasses;
}

type Level = 'BASE' | 'STRETCH';
/** Owner → level → period key → target. */
type Targets = Map<string, Record<Level, Map<string, bigint>>>;

const CHUNK = 1000;

/** Targets of the newest published version of every plan that has a line for one of the owners, rolled up to standard periods. */
export async function targetsFor(ctx: Context, owners: ActualsOwner[], metric: Metric, years: number[], calendar: FiscalCalendar): Promise<Targets> {
  const out: Targets = new Map();
  const raw = new Map<string, Record<Level, Map<number, { lines: Map<string, bigint>; top: Set<string> }>>>();
  const units = new Set(owners.filter((o) => o.kind === 'UNIT').map((o) => o.id));
  // A unit's own row in its own plan wins over the line its parent's plan gives it.
  const ownRow = new Map<string, Set<string>>();
  // The top-level periods of a plan's year and breakdown, worked out once for each (not for every line).
  const tops = new Map<string, Set<string>>();
  const topOf = (year: number, periodLevel: string) => {
    let top = tops.get(`${year}/${periodLevel}`);
    if (!top) tops.set(`${year}/${periodLevel}`, (top = topLevelKeys(year, periodLevel, calendar)));
    return top;
  };
  for (let i = 0; i < owners.length; i += CHUNK) {
    const ids = owners.slice(i, i + CHUNK).map((o) => o.id);
    const lines = await ctx.prisma.$queryRaw<{ ownerId: string; periodKey: string; amount: string; level: Level; year: number; scopeUnitId: string; periodLevel: string; planId: string }[]>`
      SELECT l."ownerId" AS "ownerId", l."periodKey" AS "periodKey", CAST(l."amount" AS TEXT) AS "amount", p."level" AS "level", p."year" AS "year",
        p."scopeUnitId" AS "scopeUnitId", p."periodLevel" AS "periodLevel", p."id" AS "planId"
      FROM "TargetLine" l JOIN "TargetPlan" p ON p."id" = l."planId"
      JOIN (SELECT q."year" AS "year", q."level" AS "level", q."scopeUnitId" AS "scopeUnitId", MAX(q."version") AS "version" FROM "TargetPlan" q
          WHERE q."metric" = ${metric} AND q."year" IN (${Prisma.join(years)}) AND q."status" IN ('PUBLISHED', 'LOCKED')
          GROUP BY q."year", q."level", q."scopeUnitId") n
        ON n."year" = p."year" AND n."level" = p."level" AND n."scopeUnitId" = p."scopeUnitId" AND n."version" = p."version"
      WHERE l."ownerId" IN (${Prisma.join(ids)}) AND p."metric" = ${metric} AND p."status" IN ('PUBLISHED', 'LOCKED')`;
    for (const l of lines) {
      const own = units.has(l.ownerId) && l.scopeUnitId === l.ownerId;
      if (own) ownRow.set(l.ownerId, (ownRow.get(l.ownerId) ?? new Set()).add(`${l.year}/${l.level}`));
    }
    for (const l of lines) {
      if (units.has(l.ownerId) && l.scopeUnitId !== l.ownerId && ownRow.get(l.ownerId)?.has(`${l.year}/${l.level}`)) continue;
      let byLevel = raw.get(l.ownerId);
      if (!byLevel) raw.set(l.ownerId, (byLevel = { BASE: new Map(), STRETCH: new Map() }));
      let y = byLevel[l.level].get(l.year);
      if (!y) byLevel[l.level].set(l.year, (y = { lines: new Map(), top: new Set() }));
      y.lines.set(l.periodKey, (y.lines.get(l.periodKey) ?? 0n) + BigInt(l.amount));
      for (const k of topOf(l.year, l.periodLevel)) y.top.add(k);
    }
  }
  for (const [owner, byLevel] of raw) {
    const t: Record<Level, Map<string, bigint>> = { BASE: new Map(), STRETCH: new Map() };
    for (const level of ['BASE', 'STRETCH'] as const) {
      for (const [year, y] of byLevel[level]) for (const [k, v] of rollUpAmounts(y.lines, year, calendar, y.top)) t[level].set(k, v);
    }
    out.set(owner, t);
  }
  return out;
}

const daysIn = (month: string) => Number(addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1).slice(8));

/** The target for a bucket: a stored or rolled-up period, or the months it covers pro-rated by days. */
export function bucketTarget(targets: Map<string, bigint> | undefined, bucket: Bucket, grain: Grain): bigint | null {
  if (!targets) return null;
  const stored = targets.get(bucket.key);
  if (stored !== undefined || grain === 'MONTH' || grain === 'QUARTER' || grain === 'YEAR') return stored ?? null;
  let sum = 0n;
  let any = false;
  for (let d = bucket.start; d <= bucket.end; ) {
    const month = d.slice(0, 7);
    const last = `${month}-${String(daysIn(month)).padStart(2, '0')}`;
    const end = last < bucket.end ? last : bucket.end;
    const t = targets.get(month);
    if (t !== undefined) {
      any = true;
      const days = Number(end.slice(8)) - Number(d.slice(8)) + 1;
      if (days === daysIn(month)) sum += t;
      else if (grain === 'YEAR_TO_DATE') sum += divideHalfUp(t * BigInt(days), BigInt(daysIn(month)));
      else {
        // The month's target split over its periods at this grain by days, largest remainder first: they add up to the month.
        const parts = readRange(month, grain, CALENDAR_YEAR, end).buckets;
        sum += allocate(t, parts.map((p) => ({ key: p.start, weight: BigInt(Number(p.end.slice(8)) - Number(p.start.slice(8)) + 1) }))).get(d) ?? 0n;
      }
    }
    d = addDays(end, 1);
  }
  return any ? sum : null;
}

export async function readAchievement(ctx: Context, q: ActualsQuery): Promise<AchievementView> {
  const actuals = await readActuals(ctx, q);
  const calendar = await fiscalCalendar(ctx);
  const classes = await resultClasses(ctx);
  const years = [...new Set(actuals.periods.flatMap((p) => [Number(p.start.slice(0, 4)), Number(p.end.slice(0, 4))]))];
  // A fiscal year is named after the calendar year it starts in: the year before may hold this one's first months.
  if (calendar.firstMonth !== 1) years.push(...years.map((y) => y - 1));
  const targets = actuals.periods.length ? await targetsFor(ctx, actuals.owners, q.metric, [...new Set(years)], calendar) : new Map();
  const rows = actuals.owners.map((o) => {
    const t = targets.get(o.id);
    const v = actuals.values.get(o.id);
    const scheme = o.kind === 'UNIT' ? classes.units : classes.persons;
    return {
      ...o,
      cells: actuals.periods.map((p) => {
        const actual = v?.get(p.key) ?? 0n;
        const base = bucketTarget(t?.BASE, p, q.grain);
        const stretch = bucketTarget(t?.STRETCH, p, q.grain);
        return { periodKey: p.key, actual, base, stretch, class: classify(scheme, actual, base, stretch) };
      }),
    };
  });
  return { metric: q.metric, range: actuals.range, periods: actuals.periods, rows, classes };
}
