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
import type { Context } from '../context.ts';
import { readActuals, type ActualsOwner, type ActualsQuery } from './actuals.ts';
import { resultClasses } from './classes.ts';
import { fiscalCalendar } from '../targets/calendar.ts';
import { topLevelKeys } from '../targets/parent-figure.ts';
import { rollUpAmounts } from '../../schema/target-rollup.ts';
import { classify, type ResultClasses } from '../../schema/achievement.ts';
import { divideHalfUp } from '../../schema/money.ts';
import { addDays, type IsoDay } from '../../schema/dates.ts';
import { allocate } from '../../schema/allocation.ts';
import { readRange } from '../../schema/results.ts';
import { CALENDAR_YEAR, daysBetween, daySpan, overlapDays, period } from '../../schema/periods.ts';
import type { Bucket, Grain } from '../../schema/results.ts';
import type { FiscalCalendar } from '../../schema/periods.ts';

export interface AchievementCell {
  periodKey: string;
  actual: bigint;
  base: bigint | null;
  stretch: bigint | null;
  /** The class (people) or band (units); null without a base target. */
  class: string | null;
  /** A person who spent no day of the period in the unit of the view (they moved in later or out earlier): listed for their other periods only. */
  away: boolean;
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
/** A month's target of a person as one plan's scope gives it (a mover has one from each team's plan in the month of a move). */
export interface MonthPart {
  scopePath: string;
  amount: bigint;
}
/**
 * Owner → level → period key → target; for people, also each month's target
 * by the scope of the plan giving it (`parts`, level → month → parts adding
 * up to the month's target), which periods shorter than the month split
 * over the days the person spent in that scope.
 */
type Targets = Map<string, Record<Level, Map<string, bigint>> & { parts?: Record<Level, Map<string, MonthParts>> }>;
/**
 * A person's month by the plans giving it; `alone` when one plan scope (of
 * every plan read, counted or not) has lines for them in the month: its line
 * is their whole month's target, wherever they spent it (a plan made before
 * a transfer). Otherwise each scope's line is for the days spent in it.
 */
interface MonthParts {
  alone: boolean;
  list: MonthPart[];
}

const CHUNK = 1000;

/** What reading targets needs of a database: Prisma's client or a transaction. */
type Db = Pick<Context['prisma'], '$queryRaw'>;

/** Targets of the newest published version of every plan that has a line for one of the owners, rolled up to standard periods. */
export async function targetsFor(
  db: Db,
  owners: readonly Pick<ActualsOwner, 'kind' | 'id'>[],
  metric: Metric,
  years: number[],
  calendar: FiscalCalendar,
  /** Whether a line counts; one that does not counts as zero (so months still add up to their quarter). */
  counts: (ownerId: string, periodKey: string) => boolean = () => true,
  /**
   * Whether a plan (scoped to the unit at this path) speaks for the view: where
   * such a plan and another both give an owner a line for a period, the
   * other's line does not count.
   */
  speaksFor?: (scopePath: string) => boolean,
): Promise<Targets> {
  const out: Targets = new Map();
  const raw = new Map<string, Record<Level, Map<number, { lines: Map<string, bigint>; top: Set<string> }>>>();
  // People's lines again by the plan scope giving them (level/year/scope path → period → amount).
  const byScope = new Map<string, Map<string, { level: Level; year: number; scopePath: string; lines: Map<string, bigint> }>>();
  // Every plan scope with a line for a person in a month (level|month → scope paths), before any is left out of the view.
  const scopesOfMonth = new Map<string, Map<string, Set<string>>>();
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
    const lines = await db.$queryRaw<{ ownerId: string; periodKey: string; amount: string; level: Level; year: number; scopeUnitId: string; scopePath: string; periodLevel: string; planId: string }[]>`
      SELECT l."ownerId" AS "ownerId", l."periodKey" AS "periodKey", CAST(l."amount" AS TEXT) AS "amount", p."level" AS "level", p."year" AS "year",
        p."scopeUnitId" AS "scopeUnitId", su."path" AS "scopePath", p."periodLevel" AS "periodLevel", p."id" AS "planId"
      FROM "TargetLine" l JOIN "TargetPlan" p ON p."id" = l."planId" JOIN "OrgUnit" su ON su."id" = p."scopeUnitId"
      JOIN (SELECT q."year" AS "year", q."level" AS "level", q."scopeUnitId" AS "scopeUnitId", MAX(q."version") AS "version" FROM "TargetPlan" q
          WHERE q."metric" = ${metric} AND q."year" IN (${Prisma.join(years)}) AND q."status" IN ('PUBLISHED', 'LOCKED')
          GROUP BY q."year", q."level", q."scopeUnitId") n
        ON n."year" = p."year" AND n."level" = p."level" AND n."scopeUnitId" = p."scopeUnitId" AND n."version" = p."version"
      WHERE l."ownerId" IN (${Prisma.join(ids)}) AND p."metric" = ${metric} AND p."status" IN ('PUBLISHED', 'LOCKED')`;
    const spoken = new Set<string>();
    const lineKey = (l: (typeof lines)[number]) => `${l.ownerId}|${l.year}|${l.level}|${l.periodKey}`;
    for (const l of lines) {
      if (!units.has(l.ownerId)) {
        let m = scopesOfMonth.get(l.ownerId);
        if (!m) scopesOfMonth.set(l.ownerId, (m = new Map()));
        for (const month of monthsOf(l.periodKey)) {
          const key = `${l.level}|${month}`;
          m.set(key, (m.get(key) ?? new Set()).add(l.scopePath));
        }
      }
      const own = units.has(l.ownerId) && l.scopeUnitId === l.ownerId;
      if (own) ownRow.set(l.ownerId, (ownRow.get(l.ownerId) ?? new Set()).add(`${l.year}/${l.level}`));
      if (speaksFor?.(l.scopePath)) spoken.add(lineKey(l));
    }
    for (const l of lines) {
      if (units.has(l.ownerId) && l.scopeUnitId !== l.ownerId && ownRow.get(l.ownerId)?.has(`${l.year}/${l.level}`)) continue;
      if (speaksFor && !speaksFor(l.scopePath) && spoken.has(lineKey(l))) continue;
      let byLevel = raw.get(l.ownerId);
      if (!byLevel) raw.set(l.ownerId, (byLevel = { BASE: new Map(), STRETCH: new Map() }));
      let y = byLevel[l.level].get(l.year);
      if (!y) byLevel[l.level].set(l.year, (y = { lines: new Map(), top: new Set() }));
      const amount = counts(l.ownerId, l.periodKey) ? BigInt(l.amount) : 0n;
      y.lines.set(l.periodKey, (y.lines.get(l.periodKey) ?? 0n) + amount);
      for (const k of topOf(l.year, l.periodLevel)) y.top.add(k);
      if (units.has(l.ownerId)) continue;
      let scopes = byScope.get(l.ownerId);
      if (!scopes) byScope.set(l.ownerId, (scopes = new Map()));
      const key = `${l.level}/${l.year}/${l.scopePath}`;
      let sc = scopes.get(key);
      if (!sc) scopes.set(key, (sc = { level: l.level, year: l.year, scopePath: l.scopePath, lines: new Map() }));
      sc.lines.set(l.periodKey, (sc.lines.get(l.periodKey) ?? 0n) + amount);
    }
  }
  for (const [owner, byLevel] of raw) {
    const t: Record<Level, Map<string, bigint>> & { parts?: Record<Level, Map<string, MonthParts>> } = { BASE: new Map(), STRETCH: new Map() };
    for (const level of ['BASE', 'STRETCH'] as const) {
      for (const [year, y] of byLevel[level]) for (const [k, v] of rollUpAmounts(y.lines, year, calendar, y.top)) t[level].set(k, v);
    }
    const scopes = byScope.get(owner);
    if (scopes) t.parts = monthParts(t, scopes.values(), calendar, (level, year) => byLevel[level].get(year)?.top ?? new Set(), scopesOfMonth.get(owner) ?? new Map());
    out.set(owner, t);
  }
  return out;
}

/**
 * Each month's target by the plan scopes giving it, where they add up to the
 * month's target (a month a scope gives only by weeks or by a quarter line
 * is left whole).
 */
function monthParts(
  t: Record<Level, Map<string, bigint>>,
  scopes: Iterable<{ level: Level; year: number; scopePath: string; lines: Map<string, bigint> }>,
  calendar: FiscalCalendar,
  topOf: (level: Level, year: number) => Set<string>,
  scopesOfMonth: Map<string, Set<string>>,
): Record<Level, Map<string, MonthParts>> {
  const parts: Record<Level, Map<string, MonthParts>> = { BASE: new Map(), STRETCH: new Map() };
  for (const sc of scopes) {
    for (const [k, amount] of rollUpAmounts(sc.lines, sc.year, calendar, topOf(sc.level, sc.year))) {
      if (!/^\d{4}-\d{2}$/.test(k)) continue;
      const m = parts[sc.level].get(k) ?? { alone: (scopesOfMonth.get(`${sc.level}|${k}`)?.size ?? 0) <= 1, list: [] };
      m.list.push({ scopePath: sc.scopePath, amount });
      parts[sc.level].set(k, m);
    }
  }
  for (const level of ['BASE', 'STRETCH'] as const) {
    for (const [month, m] of parts[level]) if (m.list.reduce((n, x) => n + x.amount, 0n) !== t[level].get(month)) parts[level].delete(month);
  }
  return parts;
}

/** The months a plan period lies in (none for a quarter or a year). */
function monthsOf(periodKey: string): string[] {
  const m = /^(\d{4}-\d{2})(?:-|$)/.exec(periodKey);
  if (m) return [m[1]!];
  if (!/^\d{4}-W\d{2}$/.test(periodKey)) return [];
  const p = period(periodKey);
  return p.start.slice(0, 7) === p.end.slice(0, 7) ? [p.start.slice(0, 7)] : [p.start.slice(0, 7), p.end.slice(0, 7)];
}

/** The last day of a month. */
const monthEnd = (month: string): IsoDay => addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);

/** Days from one day to another, both included (0 when the end comes first). */
const dayCount = (start: IsoDay, end: IsoDay) => (end < start ? 0 : daysBetween(start, end));

/** How many days of a span an owner counts in the view: every day, unless they spent only part of it in the unit. */
export type Presence = (start: IsoDay, end: IsoDay) => number;

/**
 * The target for a bucket: a stored or rolled-up period, or the months it
 * covers pro-rated by the days the owner counts in the view (`present`:
 * someone who joined the team on the 12th carries the team's line for the
 * month over the 12th to the month's end, not over the whole month). The
 * periods of one month at a grain split its target by the largest-remainder
 * method, so they add up to it; a bucket that covers part of such a period
 * (a week read by ten-day blocks) takes its days' share of it, half up.
 */
export function bucketTarget(
  targets: Map<string, bigint> | undefined,
  bucket: Bucket,
  grain: Grain,
  present: Presence = dayCount,
  /** A month's target as the plans giving it split it, each over the days counted in its plan's scope (a mover's month: each team's line over their days in that team). */
  split?: (month: string) => { amount: bigint; present: Presence }[] | undefined,
): bigint | null {
  if (!targets) return null;
  const stored = targets.get(bucket.key);
  if (stored !== undefined || grain === 'MONTH' || grain === 'QUARTER' || grain === 'YEAR') return stored ?? null;
  let sum = 0n;
  let any = false;
  for (let d = bucket.start; d <= bucket.end; ) {
    const month = d.slice(0, 7);
    const last = monthEnd(month);
    const end = last < bucket.end ? last : bucket.end;
    const t = targets.get(month);
    if (t !== undefined) {
      any = true;
      for (const part of split?.(month) ?? [{ amount: t, present }]) sum += monthShare(part.amount, part.present, grain, month, last, d, end);
    }
    d = addDays(end, 1);
  }
  return any ? sum : null;
}

/** The share of a month's target `t` (of `month`, ending on `last`) that falls on the days from `d` to `end`, counting days by `present`. */
function monthShare(t: bigint, present: Presence, grain: Grain, month: string, last: IsoDay, d: IsoDay, end: IsoDay): bigint {
  const inMonth = present(`${month}-01`, last);
  const here = present(d, end);
  if (here === inMonth) return here ? t : 0n;
  if (grain === 'YEAR_TO_DATE') return divideHalfUp(t * BigInt(here), BigInt(inMonth));
  if (here === 0) return 0n;
  // The month's target split over its periods at this grain by the days counted in each, largest remainder first: they add up to the month.
  const parts = readRange(month, grain, CALENDAR_YEAR, last).buckets;
  const shares = allocate(t, parts.map((p) => ({ key: p.start, weight: BigInt(present(p.start, p.end)) })));
  let sum = 0n;
  for (const p of parts) {
    const from = p.start > d ? p.start : d;
    const to = p.end < end ? p.end : end;
    const overlap = present(from, to);
    if (!overlap) continue;
    const whole = present(p.start, p.end);
    const share = shares.get(p.start) ?? 0n;
    sum += overlap === whole ? share : divideHalfUp(share * BigInt(overlap), BigInt(whole));
  }
  return sum;
}

/**
 * For people in a unit's view: a target line counts only for a period the
 * person spent (at least a day of) in the unit's subtree, as their sales
 * count only for the unit they were in on the day. Someone who moved from
 * team A to team B on 1 June has January–May's targets on A's sheet and
 * June's on B's. In the month of the move each team counts the line its
 * own plan (or a plan above it) gives them, not the other team's
 * (`speaksFor`): moved on the 12th, A counts what A's plan gives them for
 * 1–11 June and B what B's gives them for the rest. A plan's quarter or
 * year line (not split by month) counts wherever they were during it.
 */
async function assignedInUnit(
  ctx: Context,
  unitId: string,
  range: Bucket,
  calendar: FiscalCalendar,
): Promise<{ path: string; counts: (personId: string, periodKey: string) => boolean; speaksFor: (scopePath: string) => boolean; presence: (personId: string) => Presence | undefined }> {
  const unit = await ctx.prisma.orgUnit.findUniqueOrThrow({ where: { id: unitId }, select: { path: true } });
  // Wider than the range: a quarter's or year's figure is rolled up from all of its months.
  const from = `${Math.min(...planYears([range], calendar)) - 1}-01-01`;
  const to = `${Number(range.end.slice(0, 4)) + 1}-12-31`;
  const rows = await ctx.prisma.assignment.findMany({
    where: { unit: { path: { startsWith: unit.path } }, validFrom: { lte: new Date(`${to}T00:00:00Z`) }, OR: [{ validTo: null }, { validTo: { gt: new Date(`${from}T00:00:00Z`) } }] },
    select: { personId: true, validFrom: true, validTo: true },
  });
  const stays = new Map<string, { from: string; until: string | null }[]>();
  for (const a of rows) {
    const list = stays.get(a.personId) ?? [];
    // validTo is exclusive: the first day no longer assigned.
    list.push({ from: a.validFrom.toISOString().slice(0, 10), until: a.validTo ? a.validTo.toISOString().slice(0, 10) : null });
    stays.set(a.personId, list);
  }
  const known = new Map<string, { start: string; end: string } | null>();
  const spans = (key: string): { start: string; end: string } | null => {
    if (!known.has(key)) {
      try {
        const p = period(key, calendar);
        known.set(key, { start: p.start, end: p.end });
      } catch {
        known.set(key, null);
      }
    }
    return known.get(key)!;
  };
  const speaksFor = (scopePath: string) => scopePath.startsWith(unit.path) || unit.path.startsWith(scopePath);
  const counts = (personId: string, periodKey: string) => {
    const list = stays.get(personId);
    if (!list) return true; // not a person of this unit's view (a unit's own line): nothing to mask
    const p = spans(periodKey);
    if (!p) return true;
    return list.some((s) => s.from <= p.end && (s.until === null || s.until > p.start));
  };
  // The days of a span the person spent in the unit's subtree (stays do not overlap: one assignment at a time).
  const presence = (personId: string): Presence | undefined => {
    const list = stays.get(personId);
    if (!list) return undefined;
    return daysIn(list);
  };
  return { path: unit.path, counts, speaksFor, presence };
}

/** An assignment: the unit's path, from `from` up to but not including `until`. */
interface Stay {
  path: string;
  from: IsoDay;
  until: IsoDay | null;
}

/**
 * The assignments, over the months of the range, of those of these people
 * whose assignment changed within those months (joined, left or moved): no
 * one else's target needs splitting by where they were.
 */
async function staysOfMovers(ctx: Context, personIds: string[], range: Bucket): Promise<Map<string, Stay[]>> {
  const out = new Map<string, Stay[]>();
  const from = new Date(`${range.start.slice(0, 7)}-01T00:00:00Z`);
  const to = new Date(`${addDays(`${range.end.slice(0, 7)}-28`, 4).slice(0, 7)}-01T00:00:00Z`);
  const movers: string[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    const changed = await ctx.prisma.assignment.findMany({
      where: { personId: { in: personIds.slice(i, i + 500) }, OR: [{ validFrom: { gt: from, lt: to } }, { validTo: { gt: from, lt: to } }] },
      select: { personId: true },
      distinct: ['personId'],
    });
    movers.push(...changed.map((c) => c.personId));
  }
  for (let i = 0; i < movers.length; i += 500) {
    const rows = await ctx.prisma.assignment.findMany({
      where: { personId: { in: movers.slice(i, i + 500) }, validFrom: { lt: to }, OR: [{ validTo: null }, { validTo: { gt: from } }] },
      select: { personId: true, validFrom: true, validTo: true, unit: { select: { path: true } } },
    });
    for (const a of rows) {
      const list = out.get(a.personId) ?? [];
      list.push({ path: a.unit.path, from: a.validFrom.toISOString().slice(0, 10), until: a.validTo ? a.validTo.toISOString().slice(0, 10) : null });
      out.set(a.personId, list);
    }
  }
  return out;
}

/** The days of a span within the stays (`until` is the first day no longer there). */
const daysIn = (stays: readonly Pick<Stay, 'from' | 'until'>[]): Presence => (start, end) => stays.reduce((n, s) => n + overlapDays(daySpan(start, end), s.from, s.until === null ? null : addDays(s.until, -1)), 0);

/**
 * A mover's month targets as a view counts them (brief §1: moved on the 12th,
 * the first 11 days count for the old team). Each plan line is for the days
 * it covers: the days spent in its plan's scope, or, when one scope alone
 * has lines for the person that month (a plan made before the move), every
 * day they were assigned. A view takes the share of those days it saw:
 * team A's whole-month 23,600 is 23,600 × 11 / 30 on team A and × 19 / 30
 * on team B; each team's own line when both planned the move (A 350, B
 * 650) in full on its team. The part is spread over those days within the
 * month. A line covering no day of the month is spread as the view counts
 * days.
 */
function moverMonths(parts: Map<string, MonthParts>, stays: Stay[], viewPath: string | null, view: Presence): Map<string, { amount: bigint; present: Presence }[]> {
  const out = new Map<string, { amount: bigint; present: Presence }[]>();
  for (const [month, { alone, list }] of parts) {
    const first = `${month}-01`;
    const last = monthEnd(month);
    out.set(
      month,
      list.map(({ scopePath, amount }) => {
        const cover = alone ? stays : stays.filter((x) => x.path.startsWith(scopePath));
        const covered = daysIn(cover)(first, last);
        if (!covered) return { amount, present: view };
        const present = daysIn(viewPath === null ? cover : cover.filter((x) => x.path.startsWith(viewPath)));
        const seen = present(first, last);
        return { amount: seen === covered ? amount : divideHalfUp(amount * BigInt(seen), BigInt(covered)), present };
      }),
    );
  }
  return out;
}

/** An owner's targets with a mover's months as the view counts them, their quarters and years moved by the same amounts. */
function withMonths(targets: Map<string, bigint> | undefined, months: Map<string, { amount: bigint }[]>, calendar: FiscalCalendar): Map<string, bigint> | undefined {
  if (!targets) return targets;
  const out = new Map(targets);
  const above = [...targets.keys()].filter((k) => /^\d{4}(-Q[1-4])?$/.test(k)).map((k) => ({ k, p: period(k, calendar) }));
  for (const [month, list] of months) {
    const was = targets.get(month);
    if (was === undefined) continue;
    const now = list.reduce((n, x) => n + x.amount, 0n);
    if (now === was) continue;
    out.set(month, now);
    for (const { k, p } of above) if (p.start <= `${month}-01` && `${month}-01` <= p.end) out.set(k, out.get(k)! + now - was);
  }
  return out;
}

/** The plan years whose lines may fall inside the periods. */
export function planYears(periods: readonly { start: string; end: string }[], calendar: FiscalCalendar): number[] {
  const years = periods.flatMap((p) => [Number(p.start.slice(0, 4)), Number(p.end.slice(0, 4))]);
  // A fiscal year is named after the calendar year it starts in: the year before may hold this one's first months.
  if (calendar.firstMonth !== 1) years.push(...years.map((y) => y - 1));
  return [...new Set(years)];
}

export async function readAchievement(ctx: Context, q: ActualsQuery): Promise<AchievementView> {
  const actuals = await readActuals(ctx, q);
  const calendar = await fiscalCalendar(ctx);
  const classes = await resultClasses(ctx);
  const years = planYears(actuals.periods, calendar);
  const inUnit = q.unitId && (q.by ?? 'PERSON') === 'PERSON' ? await assignedInUnit(ctx, q.unitId, actuals.range, calendar) : undefined;
  const targets = actuals.periods.length ? await targetsFor(ctx.prisma, actuals.owners, q.metric, years, calendar, inUnit?.counts, inUnit?.speaksFor) : new Map();
  const withParts = actuals.owners.filter((o) => o.kind === 'PERSON' && targets.get(o.id)?.parts).map((o) => o.id);
  const movers = withParts.length ? await staysOfMovers(ctx, withParts, actuals.range) : new Map<string, Stay[]>();
  const rows = actuals.owners.map((o) => {
    const v = actuals.values.get(o.id);
    const scheme = o.kind === 'UNIT' ? classes.units : classes.persons;
    const present = o.kind === 'PERSON' ? inUnit?.presence(o.id) : undefined;
    const stays = movers.get(o.id);
    const stored = targets.get(o.id);
    // A mover's months as this view counts them; everyone else's as the plans give them.
    const level = (l: Level) => {
      if (!stays || !stored?.parts) return { targets: stored?.[l], split: undefined };
      const months = moverMonths(stored.parts[l], stays, inUnit?.path ?? null, present ?? dayCount);
      return { targets: withMonths(stored[l], months, calendar), split: (month: string) => months.get(month) };
    };
    const b = level('BASE');
    const st = level('STRETCH');
    return {
      ...o,
      cells: actuals.periods.map((p) => {
        const actual = v?.get(p.key) ?? 0n;
        // Not in the unit on any day of the period (a mover's block on their other team): its target here is nothing.
        const away = present !== undefined && present(p.start, p.end) === 0;
        const base = bucketTarget(b.targets, p, q.grain, present, b.split);
        const stretch = bucketTarget(st.targets, p, q.grain, present, st.split);
        return { periodKey: p.key, actual, base, stretch, class: classify(scheme, actual, base, stretch), away };
      }),
    };
  });
  // Someone listed for the unit's month (a sale there) who was in it on no day of the periods read, and sold nothing in them, is not of this view.
  const listed = rows.filter((r) => !r.cells.length || r.cells.some((c) => !c.away || c.actual !== 0n));
  return { metric: q.metric, range: actuals.range, periods: actuals.periods, rows: listed, classes };
}
