/**
 * Actuals read back (issue 10 §1): the sum of a metric per owner and period,
 * for a person, for the people of a unit's subtree, for a unit's child units
 * or for the unit itself. A sale counts for the unit it was booked in
 * (SalesRecord.unitId, the seller's unit on the day), so a person who moved
 * mid-year counts for the old unit before the move and the new one after.
 *
 * Set-based: the whole periods come from SalesMonth (server/results/rollup.ts)
 * in one GROUP BY; the days at a range's edges that cover a part of a month
 * only in part (a day, year to date) from SalesRecord in another. Rows are
 * filtered by the viewer's scope in the query: a rep reads their own sales
 * only; a manager the sales booked in their subtrees (and their own); admins,
 * finance and directors everything.
 */
import { en } from '../../addin/src/i18n/reasons.ts';
import { format } from '../../addin/src/i18n.ts';
import { Prisma } from '../db/client.ts';
import type { Metric } from '../db/generated/sqlite/client/enums.ts';
import { replicaOf, type Context } from '../context.ts';
import { maySeeUnit, viewerScope, type Scope } from '../access.ts';
import { badInput, clientError, notFound } from '../errors.ts';
import { addDays, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { bucketKey, partDays, rangeParts, readRange, ResultsRangeError, type Bucket, type Grain } from '../../schema/results.ts';
import type { FiscalCalendar } from '../../schema/periods.ts';
import { fiscalCalendar } from '../targets/calendar.ts';
import { MONTH_COLUMN, SALE_DAY, SALE_VALUE } from './rollup.ts';
import { providerOf } from '../db/providers.ts';

export type ActualsBy = 'PERSON' | 'CHILD_UNIT' | 'UNIT';

export interface ActualsQuery {
  periodKey: string;
  grain: Grain;
  metric: Metric;
  /** A unit whose subtree is read; without one, the viewer's own sales. */
  unitId?: string | null;
  /** One person (instead of a unit). */
  personId?: string | null;
  by?: ActualsBy | null;
  /** The day "year to date" runs to; today (China Standard Time) by default. */
  asOf?: IsoDay | null;
}

export interface ActualsOwner {
  kind: 'PERSON' | 'UNIT';
  id: string;
  name: string;
  /** Employee number or unit code. */
  code: string;
}

export interface Actuals {
  metric: Metric;
  range: Bucket;
  periods: Bucket[];
  owners: ActualsOwner[];
  /** Owner id → period key → sum, in the metric's smallest unit; pairs without sales are left out. */
  values: Map<string, Map<string, bigint>>;
}

/** At most this many owner × period cells in one read. */
export const MAX_CELLS = 2_000_000;

/** A read's range and buckets, or the registered reason it is refused. */
export function rangeOrRefuse(periodKey: string, grain: Grain, calendar: FiscalCalendar, asOf: IsoDay, field = 'period') {
  try {
    return readRange(periodKey, grain, calendar, asOf);
  } catch (e) {
    if (!(e instanceof ResultsRangeError)) throw e;
    // The English message from the pane's catalogue, as for every reason (schema/ holds no words).
    if (e.code === 'NOT_A_PERIOD') throw badInput([field], format(en.NOT_A_PERIOD, { value: periodKey }), 'NOT_A_PERIOD', { value: periodKey });
    if (e.code === 'GRAIN_TOO_COARSE') throw badInput(['grain'], format(en.GRAIN_TOO_COARSE, { grain, period: periodKey }), 'GRAIN_TOO_COARSE', { grain, period: periodKey });
    throw badInput(['grain'], format(en.TOO_MANY_PERIODS, { max: Number(e.params.max) }), 'TOO_MANY_PERIODS', { max: Number(e.params.max) });
  }
}

/** Sales the scope may read, as SQL on the alias `alias` (s: SalesRecord, m: SalesMonth). */
function visibleSales(scope: Scope, alias: 's' | 'm'): Prisma.Sql {
  if (scope.everything) return Prisma.sql`1 = 1`;
  const a = Prisma.raw(alias);
  const or: Prisma.Sql[] = [];
  if (scope.personIds.length) or.push(Prisma.sql`${a}."personId" IN (${Prisma.join(scope.personIds)})`);
  if (scope.unitPaths.length) or.push(Prisma.sql`${a}."unitId" IN (SELECT u."id" FROM "OrgUnit" u WHERE ${Prisma.join(scope.unitPaths.map((p) => Prisma.sql`u."path" LIKE ${`${p}%`}`), ' OR ')})`);
  return or.length ? Prisma.sql`(${Prisma.join(or, ' OR ')})` : Prisma.sql`1 = 0`;
}

interface Target {
  scope: Scope;
  unit: { id: string; name: string; code: string; path: string } | null;
  personId: string | null;
  by: ActualsBy;
}

/** What a read covers, checked against the viewer's scope: a unit outside it is not found. */
async function target(ctx: Context, q: ActualsQuery): Promise<Target> {
  const scope = await viewerScope(ctx);
  if (q.unitId) {
    const unit = await ctx.prisma.orgUnit.findUnique({ where: { id: q.unitId }, select: { id: true, name: true, code: true, path: true } });
    if (!unit || !maySeeUnit(scope, unit.path)) throw notFound('OrgUnit', q.unitId);
    if (q.personId) throw badInput(['personId'], 'Ask for a unit or a person, not both', 'ONE_OWNER');
    return { scope, unit, personId: null, by: q.by ?? 'PERSON' };
  }
  const personId = q.personId ?? ctx.viewer?.personId ?? null;
  if (!personId) return { scope, unit: null, personId: null, by: 'PERSON' };
  return { scope, unit: null, personId, by: 'PERSON' };
}

/**
 * The people a scope may read results of for a range: themself; for a
 * manager, anyone assigned inside their subtrees during it.
 */
async function personVisible(ctx: Context, scope: Scope, personId: string, range: Bucket): Promise<boolean> {
  if (scope.everything || scope.personIds.includes(personId)) return true;
  if (!scope.unitPaths.length) return false;
  const n = await ctx.prisma.assignment.count({
    where: {
      personId,
      validFrom: { lte: dayToDate(range.end) },
      OR: [{ validTo: null }, { validTo: { gt: dayToDate(range.start) } }],
      unit: { OR: scope.unitPaths.map((p) => ({ path: { startsWith: p } })) },
    },
  });
  return n > 0;
}

/**
 * Runs a statement that groups the monthly sums by owner. On PostgreSQL it
 * runs in a transaction of its own with work_mem raised for it alone (SET
 * LOCAL): under the default 4 MB the planner sorts the year's ~100,000
 * monthly rows by person — spilling to disk, and comparing the text keys
 * through the database's collation — where with room for a hash table it
 * groups them in one pass, 1.4-1.9 times as fast for 10,000 people
 * (bench/RESULTS.md). SQLite reads SalesMonth in key order, no sort needed.
 */
async function grouped<T>(ctx: Context, sql: Prisma.Sql): Promise<T[]> {
  const sales = replicaOf(ctx);
  if (providerOf(ctx.config.databaseUrl) !== 'postgresql') return sales.$queryRaw<T[]>(sql);
  const [, rows] = await sales.$transaction([sales.$executeRaw`SET LOCAL work_mem = '64MB'`, sales.$queryRaw<T[]>(sql)]);
  return rows;
}

/** Sums a metric per owner and bucket over a range (the set-based core other reads share). */
export async function sumActuals(
  ctx: Context,
  t: Target,
  metric: Metric,
  grain: Grain,
  range: Bucket,
  calendar: FiscalCalendar,
): Promise<{ values: Map<string, Map<string, bigint>>; owners: ActualsOwner[] | null }> {
  const values = new Map<string, Map<string, bigint>>();
  let owners: ActualsOwner[] | null = null;
  if ((!t.unit && !t.personId) || range.end < range.start) return { values, owners };
  const subtree = t.unit ? Prisma.sql`IN (SELECT u."id" FROM "OrgUnit" u WHERE u."path" LIKE ${`${t.unit.path}%`})` : null;
  // The whole organisation (the only root): no unit condition on the sales.
  const everywhere = !!t.unit && t.scope.everything && (await ctx.prisma.orgUnit.count({ where: { parentId: null } })) === 1 && (await ctx.prisma.orgUnit.count({ where: { id: t.unit.id, parentId: null } })) === 1;
  // Units of the subtree by id, to find which child unit a sale's unit sits under.
  let childOf: ((unitId: string) => string) | null = null;
  if (t.unit && t.by === 'CHILD_UNIT') {
    const units = await ctx.prisma.orgUnit.findMany({ where: { path: { startsWith: t.unit.path } }, select: { id: true, path: true } });
    const rootPath = t.unit.path;
    const map = new Map(units.map((u) => [u.id, u.path.slice(rootPath.length).split('/')[0] || t.unit!.id]));
    childOf = (id) => map.get(id) ?? t.unit!.id;
  }
  /** The owner a grouped row belongs to: the person, the unit asked for, or its child the row's unit sits under. */
  const ownerOf = (grouped: string) => (t.by === 'PERSON' ? grouped : t.by === 'UNIT' ? t.unit!.id : childOf!(grouped));
  const add = (owner: string, key: string, v: bigint) => {
    if (v === 0n) return;
    let row = values.get(owner);
    if (!row) values.set(owner, (row = new Map()));
    row.set(key, (row.get(key) ?? 0n) + v);
  };
  const groupCol = (alias: 's' | 'm') => Prisma.raw(t.by === 'PERSON' ? `${alias}."personId"` : `${alias}."unitId"`);
  const where = (alias: 's' | 'm') => {
    const a = Prisma.raw(alias);
    const conds = [visibleSales(t.scope, alias)];
    if (subtree && !everywhere) conds.push(Prisma.sql`${a}."unitId" ${subtree}`);
    if (t.personId) conds.push(Prisma.sql`${a}."personId" = ${t.personId}`);
    return Prisma.join(conds, ' AND ');
  };

  if (grain === 'DAY') {
    // Days straight from the sales: one row per owner and day with sales.
    const rows = await replicaOf(ctx).$queryRaw<{ owner: string; day: string; v: string }[]>`
      SELECT ${groupCol('s')} AS "owner", ${SALE_DAY} AS "day", CAST(SUM(${SALE_VALUE[metric]}) AS TEXT) AS "v"
      FROM "SalesRecord" s
      WHERE s."date" >= ${dayToDate(range.start)} AND s."date" < ${dayToDate(addDays(range.end, 1))} AND ${where('s')}
      GROUP BY ${groupCol('s')}, ${SALE_DAY}`;
    for (const r of rows) add(ownerOf(r.owner), r.day, BigInt(r.v));
    return { values, owners };
  }
  const { parts, edges } = rangeParts(range);
  // Whole parts from the monthly sums: one row per owner, its months packed as
  // "2026-03=a,b,c;…" with one figure per period of the grain within the month
  // (string_agg: SQLite 3.44+ and PostgreSQL). That reads a tenth of the rows
  // one per owner and month would, and needs no column per period.
  const groups: number[][] = grain === 'TEN_DAYS' ? [[1], [2, 3], [4]] : grain === 'HALF_MONTH' ? [[1, 2], [3, 4]] : [[1, 2, 3, 4]];
  const whole = new Map<string, Set<number>>();
  for (const p of parts) whole.set(p.month, (whole.get(p.month) ?? new Set()).add(p.part));
  const partial = [...whole].filter(([, ps]) => ps.size < 4);
  const col = MONTH_COLUMN[metric];
  const sumOf = (ps: number[]) => (ps.length ? Prisma.raw(`(${ps.map((p) => `m."${col}${p}"`).join(' + ')})`) : Prisma.raw('0'));
  const figures = groups.map((g) =>
    partial.length ? Prisma.sql`CASE m."month" ${Prisma.join(partial.map(([month, ps]) => Prisma.sql`WHEN ${month} THEN ${sumOf(g.filter((p) => ps.has(p)))}`), ' ')} ELSE ${sumOf(g)} END` : sumOf(g),
  );
  const packed = Prisma.sql`string_agg(m."month" || '=' || ${Prisma.join(figures, ` || ',' || `)}, ';')`;
  // Each month's keys, by months since January of the first month's year ("2026-03" → 2).
  const firstYear = Number(parts[0]?.month.slice(0, 4));
  const keysAt: (string | null)[][] = [];
  for (const [month, ps] of whole) {
    keysAt[(Number(month.slice(0, 4)) - firstYear) * 12 + Number(month.slice(5, 7)) - 1] = groups.map((g) => (g.some((p) => ps.has(p)) ? bucketKey(partDays(month, g[0] as 1).start, grain, calendar) : null));
  }
  const digit = (text: string, i: number) => text.charCodeAt(i) - 48;
  // Read in place, without a string for every entry (no split, the month
  // from its digits): 10,000 people's months are about 100,000 entries, and
  // this loop was a third of the read.
  const unpack = (owner: string, text: string | null) => {
    if (!text) return;
    let row = values.get(owner);
    for (let at = 0; at < text.length; ) {
      let end = text.indexOf(';', at);
      if (end < 0) end = text.length;
      const year = digit(text, at) * 1000 + digit(text, at + 1) * 100 + digit(text, at + 2) * 10 + digit(text, at + 3);
      const keys = keysAt[(year - firstYear) * 12 + digit(text, at + 5) * 10 + digit(text, at + 6) - 1];
      // Each entry is "2026-03=" and one figure per key, comma-separated.
      for (let i = 0, from = at + 8; keys && i < keys.length; i++) {
        const to = i === keys.length - 1 ? end : text.indexOf(',', from);
        const key = keys[i];
        if (key && !(to === from + 1 && text.charCodeAt(from) === 48)) {
          const v = BigInt(text.slice(from, to));
          if (!row) values.set(owner, (row = new Map()));
          const before = row.get(key);
          row.set(key, before === undefined ? v : before + v);
        }
        from = to + 1;
      }
      at = end + 1;
    }
  };
  const monthly = (group: Prisma.Sql) => Prisma.sql`
    SELECT ${group} AS "owner", ${packed} AS "sums"
    FROM "SalesMonth" m
    WHERE m."month" >= ${parts[0]?.month ?? ''} AND m."month" <= ${parts.at(-1)?.month ?? ''} AND ${where('m')}
    GROUP BY ${group}`;
  if (t.by === 'PERSON' && t.unit) {
    // The unit's people in the range (with sales or not) and their sums in one statement.
    const rows = await grouped<{ id: string; name: string; code: string; sums: string | null }>(ctx, Prisma.sql`
      SELECT p."id" AS "id", p."name" AS "name", p."employeeNo" AS "code", ${parts.length ? Prisma.sql`v."sums"` : Prisma.sql`NULL`} AS "sums"
      FROM "Person" p
      ${parts.length ? Prisma.sql`LEFT JOIN (${monthly(groupCol('m'))}) v ON v."owner" = p."id"` : Prisma.empty}
      WHERE ${parts.length ? Prisma.sql`v."owner" IS NOT NULL OR ` : Prisma.empty}p."id" IN (
        SELECT a."personId" FROM "Assignment" a
        WHERE a."validFrom" <= ${dayToDate(range.end)} AND (a."validTo" IS NULL OR a."validTo" > ${dayToDate(range.start)}) AND a."unitId" ${subtree!})`);
    owners = [];
    for (const r of rows) {
      owners.push({ kind: 'PERSON', id: r.id, name: r.name, code: r.code });
      unpack(r.id, r.sums);
    }
  } else if (parts.length) {
    for (const r of await grouped<{ owner: string; sums: string | null }>(ctx, monthly(groupCol('m')))) unpack(ownerOf(r.owner), r.sums);
  }
  // The days of parts the range covers only in part (year to date cut mid-part), straight from the sales.
  for (const e of edges) {
    const key = bucketKey(e.start, grain, calendar);
    const rows = await replicaOf(ctx).$queryRaw<{ owner: string; v: string }[]>`
      SELECT ${groupCol('s')} AS "owner", CAST(SUM(${SALE_VALUE[metric]}) AS TEXT) AS "v"
      FROM "SalesRecord" s
      WHERE s."date" >= ${dayToDate(e.start)} AND s."date" < ${dayToDate(addDays(e.end, 1))} AND ${where('s')}
      GROUP BY ${groupCol('s')}`;
    for (const r of rows) add(ownerOf(r.owner), key, BigInt(r.v));
  }
  return { values, owners };
}

/** The owners a read shows (with no sales too): the person, the unit's people in the range, its child units, or the unit. */
async function ownersOf(ctx: Context, t: Target, range: Bucket, values: Map<string, Map<string, bigint>>, known: ActualsOwner[] | null): Promise<ActualsOwner[]> {
  if (t.personId) {
    const p = await ctx.prisma.person.findUnique({ where: { id: t.personId }, select: { id: true, name: true, employeeNo: true } });
    return p ? [{ kind: 'PERSON', id: p.id, name: p.name, code: p.employeeNo }] : [];
  }
  if (!t.unit) return [];
  if (t.by === 'UNIT') return [{ kind: 'UNIT', id: t.unit.id, name: t.unit.name, code: t.unit.code }];
  if (t.by === 'CHILD_UNIT') {
    const children = await ctx.prisma.orgUnit.findMany({ where: { parentId: t.unit.id }, select: { id: true, name: true, code: true }, orderBy: { code: 'asc' } });
    const owners: ActualsOwner[] = children.map((c) => ({ kind: 'UNIT', id: c.id, name: c.name, code: c.code }));
    // Sales booked in the unit itself (people assigned to it directly), beside its children.
    if (values.has(t.unit.id)) owners.push({ kind: 'UNIT', id: t.unit.id, name: t.unit.name, code: t.unit.code });
    return owners;
  }
  const byNo = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  if (known) {
    const seen = new Set(known.map((o) => o.id));
    const missing = [...values.keys()].filter((id) => !seen.has(id));
    const more = missing.length ? await ctx.prisma.person.findMany({ where: { id: { in: missing } }, select: { id: true, name: true, employeeNo: true } }) : [];
    return [...known, ...more.map((p) => ({ kind: 'PERSON' as const, id: p.id, name: p.name, code: p.employeeNo }))].sort(byNo);
  }
  const assigned = await ctx.prisma.$queryRaw<{ id: string; name: string; employeeNo: string }[]>`
    SELECT DISTINCT p."id", p."name", p."employeeNo" FROM "Person" p
    JOIN "Assignment" a ON a."personId" = p."id"
    WHERE a."validFrom" <= ${dayToDate(range.end)} AND (a."validTo" IS NULL OR a."validTo" > ${dayToDate(range.start)})
      AND a."unitId" IN (SELECT u."id" FROM "OrgUnit" u WHERE u."path" LIKE ${`${t.unit.path}%`})`;
  const seen = new Set(assigned.map((p) => p.id));
  const missing = [...values.keys()].filter((id) => !seen.has(id));
  const more = missing.length ? await ctx.prisma.person.findMany({ where: { id: { in: missing } }, select: { id: true, name: true, employeeNo: true } }) : [];
  return [...assigned, ...more]
    .sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0))
    .map((p) => ({ kind: 'PERSON', id: p.id, name: p.name, code: p.employeeNo }));
}

export async function readActuals(ctx: Context, q: ActualsQuery): Promise<Actuals> {
  const calendar = await fiscalCalendar(ctx);
  const asOf = q.asOf ?? ctx.clock.today();
  const { range, buckets } = rangeOrRefuse(q.periodKey, q.grain, calendar, asOf);
  const t = await target(ctx, q);
  if (t.personId && !(await personVisible(ctx, t.scope, t.personId, range))) throw notFound('Person', t.personId);
  const { values, owners: known } = await sumActuals(ctx, t, q.metric, q.grain, range, calendar);
  const owners = await ownersOf(ctx, t, range, values, known);
  if (owners.length * buckets.length > MAX_CELLS) {
    throw clientError('BAD_USER_INPUT', `${owners.length} owners × ${buckets.length} periods is more than ${MAX_CELLS} cells; choose a coarser grain or a smaller unit`, {
      field: 'grain',
      reason: 'TOO_MANY_CELLS',
      params: { count: owners.length * buckets.length, max: MAX_CELLS },
    });
  }
  return { metric: q.metric, range, periods: buckets, owners, values };
}

export type { Target as ActualsTarget };
export { target as actualsTarget };
