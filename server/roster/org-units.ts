/**
 * Changes to the organisation tree: create, rename, move, a new manager. A unit's path is
 * the ids from the root down to it ("/a/b/c/"), so a move rewrites the paths
 * of its whole subtree in the same transaction.
 */
import crypto from 'node:crypto';
import type { Prisma } from '../db/client.ts';
import type { Context } from '../context.ts';
import type { OrgUnitKind } from '../db/generated/sqlite/client/enums.ts';
import { recordAudit } from '../audit.ts';
import { badInput, conflict, notFound } from '../errors.ts';
import { levelOf } from '../../schema/org-units.ts';
import { dateToDay, type IsoDay } from '../../schema/dates.ts';
import { hasLeftBy } from './roster-query.ts';

type Tx = Prisma.TransactionClient;


function requireKindBelow(child: OrgUnitKind, parent: { kind: OrgUnitKind; name: string } | null, field: string[]) {
  if (!parent) {
    if (child !== 'COMPANY') throw badInput(field, `A ${child} needs a parent unit; only a COMPANY stands at the top`, 'PARENT_REQUIRED', { unitKind: child });
    return;
  }
  if (levelOf(child) <= levelOf(parent.kind)) throw badInput(field, `A ${child} cannot sit below ${parent.name} (a ${parent.kind})`, 'KIND_BELOW', { unitKind: child, parent: parent.name, parentKind: parent.kind });
}

/**
 * Two units under one parent do not share a name: every unit picker names
 * units by name under their parent, and two 上海二组 under 上海片区 cannot be
 * told apart (names are compared trimmed; codes stay the units' keys).
 */
async function requireNameFree(tx: Tx, parentId: string | null, name: string, self: string | null, field: (string | number)[]) {
  const taken = await tx.orgUnit.findFirst({ where: { parentId, name: name.trim(), ...(self ? { id: { not: self } } : {}) }, select: { code: true, parent: { select: { name: true } } } });
  if (taken) throw badInput(field, `${taken.parent?.name ?? 'The top level'} already has a unit named ${name.trim()} (${taken.code})`, 'UNIT_NAME_TAKEN', { name: name.trim(), code: taken.code, parent: taken.parent?.name ?? '' });
}

/** A unit's manager is someone on file who has not left by today (their leave date passed: MANAGER_HAS_LEFT), as made or as changed. */
async function requireManager(tx: Tx, managerId: string, today: IsoDay, field: string[]) {
  const person = await tx.person.findUnique({ where: { id: managerId }, select: { name: true, leaveDate: true } });
  if (!person) throw badInput(field, `There is no person ${managerId}`, 'NO_SUCH_PERSON', { id: managerId });
  if (hasLeftBy(person.leaveDate, today)) {
    const leaveDate = dateToDay(person.leaveDate!);
    throw badInput(field, `${person.name} left on ${leaveDate} and cannot manage a unit`, 'MANAGER_HAS_LEFT', { name: person.name, leaveDate });
  }
}

export interface NewOrgUnit {
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentId?: string | null;
  managerId?: string | null;
}

export function createOrgUnit(ctx: Context, input: NewOrgUnit) {
  return ctx.prisma.$transaction(async (tx) => {
    // In any case: "t0099" beside T0099 would be two units no one can tell apart.
    const [clash] = await tx.$queryRaw<{ name: string; code: string }[]>`SELECT "name", "code" FROM "OrgUnit" WHERE lower("code") = lower(${input.code}) LIMIT 1`;
    if (clash) throw badInput(['input', 'code'], `Unit code ${input.code} is already used by ${clash.name} (${clash.code})`, 'UNIT_CODE_TAKEN', { code: clash.code, name: clash.name });
    const parent = input.parentId ? await tx.orgUnit.findUnique({ where: { id: input.parentId } }) : null;
    if (input.parentId && !parent) throw badInput(['input', 'parentId'], `There is no org unit ${input.parentId}`, 'NO_SUCH_ORG_UNIT', { id: input.parentId });
    // One organisation, one tree: a unit without a parent only when there is none yet (brief §1).
    const top = parent ? null : await tx.orgUnit.findFirst({ where: { parentId: null }, select: { name: true } });
    if (top) throw badInput(['input', 'parentId'], `The organisation already has its top unit, ${top.name}: choose the unit this one goes under`, 'ONE_TOP_UNIT', { name: top.name });
    requireKindBelow(input.kind, parent, ['input', 'kind']);
    await requireNameFree(tx, parent?.id ?? null, input.name, null, ['input', 'name']);
    if (input.managerId) await requireManager(tx, input.managerId, ctx.clock.today(), ['input', 'managerId']);
    const id = crypto.randomUUID();
    const unit = await tx.orgUnit.create({
      data: {
        id,
        code: input.code,
        name: input.name,
        kind: input.kind,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: (parent?.depth ?? -1) + 1,
        managerId: input.managerId ?? null,
      },
    });
    await recordAudit(tx, ctx.viewer, { entityType: 'OrgUnit', entityId: id, action: 'create', after: unit });
    return unit;
  });
}

async function bump(tx: Tx, id: string, version: number, data: Prisma.OrgUnitUncheckedUpdateManyInput) {
  const { count } = await tx.orgUnit.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw conflict('OrgUnit', id, version);
  return tx.orgUnit.findUniqueOrThrow({ where: { id } });
}

export function renameOrgUnit(ctx: Context, id: string, version: number, name: string) {
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.orgUnit.findUnique({ where: { id } });
    if (!before) throw notFound('OrgUnit', id);
    await requireNameFree(tx, before.parentId, name, id, ['name']);
    const after = await bump(tx, id, version, { name });
    await recordAudit(tx, ctx.viewer, { entityType: 'OrgUnit', entityId: id, action: 'rename', before: { name: before.name }, after: { name } });
    return after;
  });
}

export function moveOrgUnit(ctx: Context, id: string, version: number, parentId: string) {
  return ctx.prisma.$transaction(async (tx) => {
    const unit = await tx.orgUnit.findUnique({ where: { id } });
    if (!unit) throw notFound('OrgUnit', id);
    const parent = await tx.orgUnit.findUnique({ where: { id: parentId } });
    if (!parent) throw badInput(['parentId'], `There is no org unit ${parentId}`, 'NO_SUCH_ORG_UNIT', { id: parentId });
    if (parent.path.startsWith(unit.path)) {
      throw badInput(['parentId'], `${unit.name} cannot move under ${parent.name}: that unit is ${parent.id === id ? 'itself' : 'inside its own subtree'}`, 'MOVE_INTO_ITSELF', {
        name: unit.name,
        parent: parent.name,
      });
    }
    requireKindBelow(unit.kind, parent, ['parentId']);
    if (unit.parentId === parentId) throw badInput(['parentId'], `${unit.name} is already under ${parent.name}`, 'ALREADY_UNDER', { name: unit.name, parent: parent.name });
    await requireNameFree(tx, parentId, unit.name, id, ['parentId']);
    const newPath = `${parent.path}${id}/`;
    const depthShift = parent.depth + 1 - unit.depth;
    const after = await bump(tx, id, version, { parentId, path: newPath, depth: unit.depth + depthShift });
    // The whole subtree in one statement: swap the old path prefix for the new one.
    const len = unit.path.length;
    const moved = await tx.$executeRaw`
      UPDATE "OrgUnit"
      SET "path" = ${newPath} || substr("path", CAST(${len + 1} AS INTEGER)), "depth" = "depth" + CAST(${depthShift} AS INTEGER), "updatedAt" = ${ctx.clock.now()}
      WHERE substr("path", 1, CAST(${len} AS INTEGER)) = ${unit.path} AND "id" <> ${id}`;
    await recordAudit(tx, ctx.viewer, {
      entityType: 'OrgUnit',
      entityId: id,
      action: 'move',
      before: { parentId: unit.parentId, path: unit.path },
      after: { parentId, path: newPath, subtreeMoved: moved },
    });
    return after;
  });
}

/**
 * A unit's manager changes (brief §1: each unit has a manager): another
 * person, or nobody for now. Someone whose leave date has passed is refused
 * (MANAGER_HAS_LEFT). What the manager sees and decides follows at once (the
 * scope is read on every request); they need the Manager role for it.
 */
export function setOrgUnitManager(ctx: Context, id: string, version: number, managerId: string | null) {
  return ctx.prisma.$transaction(async (tx) => {
    const unit = await tx.orgUnit.findUnique({ where: { id } });
    if (!unit) throw notFound('OrgUnit', id);
    if (managerId) await requireManager(tx, managerId, ctx.clock.today(), ['managerId']);
    if (unit.managerId === managerId) {
      if (unit.version !== version) throw conflict('OrgUnit', id, version);
      return unit;
    }
    const after = await bump(tx, id, version, { managerId });
    await recordAudit(tx, ctx.viewer, { entityType: 'OrgUnit', entityId: id, action: 'setManager', before: { managerId: unit.managerId }, after: { managerId } });
    return after;
  });
}
