/**
 * The roster as flat rows: one query per page (people with their assignment
 * on the day and their mentor's name) plus one for the unit names, so a page
 * of 1,000 costs the same few statements as a page of 10. Keyset pagination
 * on the person id.
 */
import type { Prisma } from '../db/client.ts';
import type { Context } from '../graphql/context.ts';
import { memo } from '../graphql/context.ts';
import { activeOn, peopleVisible, viewerScope } from '../access.ts';
import type { EmploymentType, PersonStatus, Position, Rank } from '../db/generated/sqlite/client/enums.ts';
import { badInput } from '../errors.ts';

export interface PersonRow {
  id: string;
  employeeNo: string;
  name: string;
  phone: string | null;
  email: string | null;
  /** Position in the assignment on the as-of day (the person's current one when unassigned). */
  position: Position;
  rank: Rank | null;
  hireDate: Date;
  leaveDate: Date | null;
  status: PersonStatus;
  employmentType: EmploymentType;
  baseSalaryFen: bigint;
  mentorId: string | null;
  mentorName: string | null;
  unitId: string | null;
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

/** All units by id, loaded once per request (a few hundred rows at most). */
export function unitIndex(ctx: Context): Promise<Map<string, UnitInfo>> {
  return memo(ctx, 'units', async () => {
    const units = await ctx.prisma.orgUnit.findMany({ select: { id: true, code: true, name: true, path: true } });
    return new Map(units.map((u) => [u.id, u]));
  });
}

/** Names from the top of the tree down to the unit, e.g. "营销中心 / 华东大区 / 杭州片区 / 杭州一组". */
export function unitPathNames(units: Map<string, UnitInfo>, unitId: string | null): string {
  const unit = unitId ? units.get(unitId) : undefined;
  if (!unit) return '';
  return unit.path
    .split('/')
    .filter(Boolean)
    .map((id) => units.get(id)?.name ?? '?')
    .join(' / ');
}

const select = (day: Date) =>
  ({
    id: true,
    employeeNo: true,
    name: true,
    phone: true,
    email: true,
    position: true,
    rank: true,
    hireDate: true,
    leaveDate: true,
    status: true,
    employmentType: true,
    baseSalaryFen: true,
    mentorId: true,
    version: true,
    mentor: { select: { name: true } },
    assignments: { where: activeOn(day), select: { unitId: true, position: true }, orderBy: { validFrom: 'desc' }, take: 1 },
  }) satisfies Prisma.PersonSelect;

type Selected = Prisma.PersonGetPayload<{ select: ReturnType<typeof select> }>;

function toRow(p: Selected, day: Date, units: Map<string, UnitInfo>): PersonRow {
  const a = p.assignments[0];
  const unit = a ? units.get(a.unitId) : undefined;
  return {
    id: p.id,
    employeeNo: p.employeeNo,
    name: p.name,
    phone: p.phone,
    email: p.email,
    position: a?.position ?? p.position,
    rank: p.rank,
    hireDate: p.hireDate,
    leaveDate: p.leaveDate,
    status: p.status,
    employmentType: p.employmentType,
    baseSalaryFen: p.baseSalaryFen,
    mentorId: p.mentorId,
    mentorName: p.mentor?.name ?? null,
    unitId: a?.unitId ?? null,
    unitCode: unit?.code ?? null,
    unitName: unit?.name ?? null,
    unitPath: unitPathNames(units, a?.unitId ?? null),
    version: p.version,
    asOf: day,
  };
}

export const encodeCursor = (id: string) => Buffer.from(`person:${id}`).toString('base64url');
export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('person:') || text.length <= 7) throw badInput(['after'], `"${cursor}" is not a roster cursor`);
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
  const scope = await viewerScope(ctx);
  const units = await unitIndex(ctx);
  let unitFilter: Prisma.AssignmentWhereInput = {};
  if (args.unitId) {
    const unit = units.get(args.unitId);
    if (!unit) throw badInput(['unitId'], `There is no org unit ${args.unitId}`);
    unitFilter = { unit: { path: { startsWith: unit.path } } };
  }
  const afterId = args.after ? decodeCursor(args.after) : null;
  const where: Prisma.PersonWhereInput = {
    AND: [
      peopleVisible(scope, args.day),
      { assignments: { some: { ...activeOn(args.day), ...unitFilter } } },
      afterId ? { id: { gt: afterId } } : {},
    ],
  };
  const found = await ctx.prisma.person.findMany({ where, select: select(args.day), orderBy: { id: 'asc' }, take: args.first + 1 });
  const hasNextPage = found.length > args.first;
  const rows = found.slice(0, args.first).map((p) => toRow(p, args.day, units));
  return { rows, hasNextPage, endCursor: rows.length ? encodeCursor(rows[rows.length - 1]!.id) : null };
}

/** One person, if the viewer may see them on `day`. */
export async function findPerson(ctx: Context, id: string, day: Date): Promise<PersonRow | null> {
  const scope = await viewerScope(ctx);
  return personRow(ctx, { AND: [{ id }, peopleVisible(scope, day)] }, day);
}

/** One person as a row, with no scope check: for answering a change the caller was allowed to make. */
export async function personRow(ctx: Context, where: Prisma.PersonWhereInput, day: Date): Promise<PersonRow | null> {
  const [p, units] = await Promise.all([ctx.prisma.person.findFirst({ where, select: select(day) }), unitIndex(ctx)]);
  return p ? toRow(p, day, units) : null;
}
