/**
 * The roster as flat rows: one SQL statement per page (people joined to
 * their assignment on the day, its unit and their mentor's name) plus the
 * tree's stamp per request (the unit names are read again only when the
 * tree has changed), so a page of 1,000 costs the same two statements as a
 * page of 10. Keyset pagination on the person id. Raw SQL
 * (portable: quoted identifiers, bound parameters) because Prisma's nested
 * selects doubled the time of a page.
 */
import { Prisma } from '../db/client.ts';
import type { Context } from '../context.ts';
import { memo } from '../context.ts';
import { viewerScope, type Scope } from '../access.ts';
import type { EmploymentType, PersonStatus, Position, Rank } from '../db/generated/sqlite/client/enums.ts';
import { badInput } from '../errors.ts';
import { dateToDay, type IsoDay } from '../../schema/dates.ts';
import { mentorOn, termChangeOf, termsOn, type TermChange } from './pay-terms.ts';

export interface PersonRow {
  id: string;
  employeeNo: string;
  name: string;
  phone: string | null;
  email: string | null;
  /** Position in the assignment on the as-of day. */
  position: Position;
  rank: Rank | null;
  hireDate: Date;
  leaveDate: Date | null;
  status: PersonStatus;
  employmentType: EmploymentType;
  baseSalaryFen: bigint;
  mentorId: string | null;
  mentorName: string | null;
  unitId: string;
  unitCode: string | null;
  unitName: string | null;
  /** Unit names from the top down, joined by " / ". */
  unitPath: string;
  version: number;
  asOf: Date;
}

export interface UnitInfo {
  id: string;
  code: string;
  name: string;
  path: string;
}

/** The org units by id, with each one's names from the top (computed once per state of the tree). */
export type UnitIndex = Map<string, UnitInfo> & { pathNames: Map<string, string> };

/**
 * The last tree read by this process, and the stamp of the state it was read
 * in: how many units, the newest change and the sum of their versions (a
 * rename or a move bumps a version; a move's subtree gets a new updatedAt;
 * an insert or a delete changes the count). Each request reads the stamp —
 * one small aggregate — and reads the tree again only when it differs, so
 * what another process changed is seen at once.
 */
const lastTree = new WeakMap<object, { stamp: string; units: UnitIndex }>();

/** All units by id, once per request (a roster page needs their names; 2,000 units are 10 ms to read and shape). */
export function unitIndex(ctx: Context): Promise<UnitIndex> {
  return memo(ctx, 'units', async () => {
    const [row] = await ctx.prisma.$queryRaw<{ n: bigint | number; at: Date | string | null; v: bigint | number | null }[]>`
      SELECT count(*) AS "n", max("updatedAt") AS "at", sum("version") AS "v" FROM "OrgUnit"`;
    const stamp = `${row?.n}:${row?.at instanceof Date ? row.at.toISOString() : String(row?.at)}:${row?.v}`;
    const last = lastTree.get(ctx.prisma);
    if (last?.stamp === stamp) return last.units;
    const byId = new Map((await ctx.prisma.orgUnit.findMany({ select: { id: true, code: true, name: true, path: true } })).map((u) => [u.id, u]));
    const units: UnitIndex = Object.assign(byId, { pathNames: new Map([...byId.keys()].map((id) => [id, namesDown(byId, id)])) });
    lastTree.set(ctx.prisma, { stamp, units });
    return units;
  });
}

function namesDown(units: Map<string, UnitInfo>, unitId: string): string {
  const unit = units.get(unitId);
  if (!unit) return '';
  return unit.path
    .split('/')
    .filter(Boolean)
    .map((id) => units.get(id)?.name ?? '?')
    .join(' / ');
}

/** Names from the top of the tree down to the unit, e.g. "营销中心 / 华东大区 / 杭州片区 / 杭州一组". */
export function unitPathNames(units: UnitIndex, unitId: string | null): string {
  return (unitId && units.pathNames.get(unitId)) || '';
}

/** A row as the roster query returns it (both databases give these shapes through Prisma's raw query). */
type RawPerson = Omit<PersonRow, 'baseSalaryFen' | 'version' | 'unitCode' | 'unitName' | 'unitPath' | 'asOf'> & {
  /** The assignment's position on the day (`position` here is the person's own). */
  assignedPosition: Position;
  baseSalaryFen: bigint | number;
  version: number | bigint;
};

/** Whether someone with this leave date has left by `day`: the leave date is their last day worked, so from the day after it. */
export const hasLeftBy = (leaveDate: Date | null, day: IsoDay) => !!leaveDate && dateToDay(leaveDate) < day;

/**
 * A person's status on `day`, as their leave date has it: LEFT once the day
 * after their last day worked has come, whatever the stored status says.
 * Until then the status they have (a leave date is recorded beside it, so a
 * leave date set ahead keeps someone on probation on probation until they go);
 * a record stored LEFT (written so before, or by the demo data) was at work,
 * ACTIVE, up to its leave date.
 */
export function statusOn(stored: PersonStatus, leaveDate: Date | null, day: Date): PersonStatus {
  if (hasLeftBy(leaveDate, dateToDay(day))) return 'LEFT';
  return stored === 'LEFT' ? 'ACTIVE' : stored;
}

function toRow(p: RawPerson, day: Date, units: UnitIndex): PersonRow {
  const unit = units.get(p.unitId);
  return {
    id: p.id,
    employeeNo: p.employeeNo,
    name: p.name,
    phone: p.phone,
    email: p.email,
    position: p.assignedPosition,
    rank: p.rank,
    hireDate: new Date(p.hireDate),
    leaveDate: p.leaveDate ? new Date(p.leaveDate) : null,
    status: statusOn(p.status, p.leaveDate ? new Date(p.leaveDate) : null, day),
    employmentType: p.employmentType,
    baseSalaryFen: BigInt(p.baseSalaryFen),
    mentorId: p.mentorId,
    mentorName: p.mentorName,
    unitId: p.unitId,
    unitCode: unit?.code ?? null,
    unitName: unit?.name ?? null,
    unitPath: unitPathNames(units, p.unitId),
    version: Number(p.version),
    asOf: day,
  };
}

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const under = (prefix: string, unit = Prisma.raw('u')) => Prisma.sql`${unit}."path" LIKE ${likePrefix(prefix)} ESCAPE '\\'`;

/**
 * The mentor joins only when the scope may see the mentor on the day (their
 * own people, or assigned inside a managed subtree then, or left from it), or the row is the
 * viewer's own: otherwise the mentor's name stays null, so no name outside
 * the viewer's scope is read through the relation.
 */
function mentorVisible(scope: Scope, day: Date): Prisma.Sql {
  if (scope.everything) return Prisma.empty;
  const visible: Prisma.Sql[] = [];
  // Their own people (as mentors), and their own record's mentor: one may know who trained oneself.
  if (scope.personIds.length) visible.push(Prisma.sql`m."id" IN (${Prisma.join(scope.personIds)})`, Prisma.sql`p."id" IN (${Prisma.join(scope.personIds)})`);
  if (scope.unitPaths.length) {
    // The mentor's latest assignment begun by the day: the one in force, or the
    // last one of a mentor who has left (a trainee's manager still knows who
    // trained them), but not one they have since transferred away from.
    visible.push(Prisma.sql`EXISTS (SELECT 1 FROM "Assignment" ma JOIN "OrgUnit" mu ON mu."id" = ma."unitId"
      WHERE ma."personId" = m."id" AND ma."validFrom" <= ${day}
        AND NOT EXISTS (SELECT 1 FROM "Assignment" mb WHERE mb."personId" = m."id" AND mb."validFrom" > ma."validFrom" AND mb."validFrom" <= ${day})
        AND (${Prisma.join(scope.unitPaths.map((p) => under(p, Prisma.raw('mu'))), ' OR ')}))`);
  }
  return visible.length ? Prisma.sql`AND (${Prisma.join(visible, ' OR ')})` : Prisma.sql`AND 1 = 0`;
}

/**
 * People on the roster on `day` (joined to the assignment in force that day,
 * its unit and the mentor's name, when the scope may see the mentor) in one statement. Row-level access is in
 * the WHERE: the scope's subtrees (by materialised path) and its own people.
 */
async function selectPeople(
  ctx: Context,
  q: { day: Date; scope: Scope; unitPath?: string; afterId?: string | null; id?: string; limit: number; mentorScope?: Scope; newest?: boolean },
): Promise<RawPerson[]> {
  const conditions: Prisma.Sql[] = [];
  if (!q.scope.everything) {
    const visible = [...q.scope.unitPaths.map((p) => under(p)), ...(q.scope.personIds.length ? [Prisma.sql`p."id" IN (${Prisma.join(q.scope.personIds)})`] : [])];
    conditions.push(visible.length ? Prisma.sql`(${Prisma.join(visible, ' OR ')})` : Prisma.sql`1 = 0`);
  }
  if (q.unitPath) conditions.push(under(q.unitPath));
  // The keyset on both sides of the join (a."personId" = p."id"): without it PostgreSQL reads
  // the assignments from the first person on for each page (a merge join from the index's
  // start: 36 ms for a late page against 10 ms with it, in a generic plan).
  if (q.afterId) conditions.push(Prisma.sql`p."id" > ${q.afterId} AND a."personId" > ${q.afterId}`);
  if (q.id) conditions.push(Prisma.sql`p."id" = ${q.id} AND a."personId" = ${q.id}`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
  // The unit is joined only to filter by its path (a manager's subtrees, a unit asked for): every
  // assignment has one (a foreign key), and the row takes its names from the unit index. Without
  // the join a page of everyone takes PostgreSQL half the time (7 ms against 15).
  const byPath = !!q.unitPath || (!q.scope.everything && q.scope.unitPaths.length > 0);
  const unitJoin = byPath ? Prisma.sql`JOIN "OrgUnit" u ON u."id" = a."unitId"` : Prisma.empty;
  const found = await ctx.prisma.$queryRaw<RawPerson[]>`
    SELECT p."id", p."employeeNo", p."name", p."phone", p."email", p."position", p."rank", p."hireDate", p."leaveDate",
           p."status", p."employmentType", p."baseSalaryFen", p."mentorId", p."version",
           a."unitId", a."position" AS "assignedPosition", m."name" AS "mentorName"
    FROM "Person" p
    JOIN "Assignment" a ON a."personId" = p."id" AND a."validFrom" <= ${q.day} AND (a."validTo" IS NULL OR a."validTo" > ${q.day})
    ${unitJoin}
    LEFT JOIN "Person" m ON m."id" = p."mentorId" ${mentorVisible(q.mentorScope ?? q.scope, q.day)}
    ${where}
    ORDER BY p."id"
    LIMIT ${q.limit}`;
  // Another day, past or ahead: the terms in force then. Today: the record as it stands, changes made for a later day included.
  return q.newest || dateToDay(q.day) === ctx.clock.today() ? found : termsAsOf(ctx, found, q.day, q.mentorScope ?? q.scope);
}

const TERMS_CHUNK = 500;

/**
 * The rows with the rank, base salary and mentor in force on a `day` other
 * than today (brief §1: the roster as it stood then, or will stand; today's
 * roster shows the record, a change already made for a later day included): Person holds the newest values, and a change
 * taking effect after `day` (a promotion applied from next month, a raise
 * from a later payFrom) is undone as payroll undoes it (pay-terms.ts). Only
 * the people with such a change are read again; a mentor who differs on the
 * day is named only when the scope may see them, as in the roster query.
 */
async function termsAsOf(ctx: Context, rows: RawPerson[], day: Date, mentorScope: Scope): Promise<RawPerson[]> {
  if (!rows.length) return rows;
  const byPerson = new Map<string, TermChange[]>();
  for (let i = 0; i < rows.length; i += TERMS_CHUNK) {
    const ids = rows.slice(i, i + TERMS_CHUNK).map((r) => r.id);
    const changes = await ctx.prisma.payTermChange.findMany({
      where: { personId: { in: ids }, person: { payTermChanges: { some: { effectiveFrom: { gt: day } } } } },
      select: { personId: true, term: true, before: true, effectiveFrom: true, createdAt: true },
    });
    for (const c of changes) {
      const list = byPerson.get(c.personId) ?? byPerson.set(c.personId, []).get(c.personId)!;
      list.push(termChangeOf(c.personId, c));
    }
  }
  if (!byPerson.size) return rows;
  const iso = dateToDay(day);
  const asOf = rows.map((r) => {
    const changes = byPerson.get(r.id);
    if (!changes) return r;
    const terms = termsOn({ rank: r.rank, baseSalaryFen: BigInt(r.baseSalaryFen) }, changes, iso);
    return { ...r, rank: terms.rank, baseSalaryFen: terms.baseSalaryFen, mentorId: mentorOn(r.mentorId, changes, iso) };
  });
  // The mentors who differ on the day, named in one read (a name shows only where the scope may see that mentor then).
  const moved = asOf.filter((r, i) => r.mentorId !== rows[i]!.mentorId);
  const names = await visibleNames(ctx, moved.filter((r) => r.mentorId).map((r) => [r.id, r.mentorId!] as const), day, mentorScope);
  return asOf.map((r, i) => (r.mentorId === rows[i]!.mentorId ? r : { ...r, mentorName: r.mentorId ? (names.get(r.id) ?? null) : null }));
}

/** Person id → the name of the mentor paired with them, for the pairs whose mentor the scope may see on `day`. */
async function visibleNames(ctx: Context, pairs: readonly (readonly [string, string])[], day: Date, scope: Scope): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < pairs.length; i += TERMS_CHUNK / 2) {
    const which = pairs.slice(i, i + TERMS_CHUNK / 2).map(([p, m]) => Prisma.sql`(p."id" = ${p} AND m."id" = ${m})`);
    const found = await ctx.prisma.$queryRaw<{ personId: string; name: string }[]>`
      SELECT p."id" AS "personId", m."name" AS "name" FROM "Person" p JOIN "Person" m ON (${Prisma.join(which, ' OR ')}) ${mentorVisible(scope, day)}`;
    for (const f of found) out.set(f.personId, f.name);
  }
  return out;
}

export const encodeCursor = (id: string) => Buffer.from(`person:${id}`).toString('base64url');
export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('person:') || text.length <= 7) throw badInput(['after'], `"${cursor}" is not a roster cursor`, 'BAD_CURSOR');
  return text.slice(7);
}

export interface RosterPage {
  rows: PersonRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One page of the people on the roster on `day`, within the viewer's scope and, if given, a unit's subtree. */
export async function rosterPage(
  ctx: Context,
  args: { day: Date; unitId?: string | null; first: number; after?: string | null },
): Promise<RosterPage> {
  const afterId = args.after ? decodeCursor(args.after) : null;
  // The unit index is needed first only to find the unit asked for; otherwise it is read beside the page.
  const unitsRead = unitIndex(ctx);
  const [scope, unit] = await Promise.all([viewerScope(ctx), args.unitId ? unitsRead.then((units) => units.get(args.unitId!)) : undefined]);
  if (args.unitId && !unit) throw badInput(['unitId'], `There is no org unit ${args.unitId}`, 'NO_SUCH_ORG_UNIT', { id: args.unitId });
  const [found, units] = await Promise.all([selectPeople(ctx, { day: args.day, scope, unitPath: unit?.path, afterId, limit: args.first + 1 }), unitsRead]);
  const hasNextPage = found.length > args.first;
  const rows = found.slice(0, args.first).map((p) => toRow(p, args.day, units));
  return { rows, hasNextPage, endCursor: rows.length ? encodeCursor(rows[rows.length - 1]!.id) : null };
}

/** One person on `day`, if the viewer may see them then. */
export async function findPerson(ctx: Context, id: string, day: Date): Promise<PersonRow | null> {
  return personRow(ctx, id, day, await viewerScope(ctx));
}

const EVERYTHING: Scope = { everything: true, unitPaths: [], managedPaths: [], personIds: [] };

/**
 * One person as a row on `day` (null when not on the roster that day). With
 * no scope given it checks nothing about the row: for answering a change the
 * caller was allowed to make. Relations (the mentor's name) still show only
 * what the viewer may see. Its rank, base salary and mentor are those in force
 * on `day`, or with `newest` the values last set, however dated (a change's answer).
 */
export async function personRow(ctx: Context, id: string, day: Date, scope: Scope = EVERYTHING, how: { newest?: boolean } = {}): Promise<PersonRow | null> {
  const [[p], units] = await Promise.all([selectPeople(ctx, { day, scope, id, limit: 1, mentorScope: await viewerScope(ctx), newest: how.newest }), unitIndex(ctx)]);
  return p ? toRow(p, day, units) : null;
}
