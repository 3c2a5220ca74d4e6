/** OrgUnit: a node of the organisation tree (组织架构). */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { OrgUnitKindEnum } from './enums.ts';
import { activeOn, unitsVisible, viewerScope } from '../../access.ts';
import { createOrgUnit, moveOrgUnit, renameOrgUnit, setOrgUnitManager } from '../../roster/org-units.ts';
import { dayToDate } from '../../../schema/dates.ts';
import type { Prisma } from '../../db/client.ts';
import type { Context } from '../../context.ts';
import { memo } from '../../context.ts';
import { peopleVisible } from '../../roster/people-access.ts';

/**
 * Whose name a unit's managerName may show (one query each per request): the
 * managers the viewer may see today, and the managers of the units the
 * viewer sits in themself (one may know one's own manager). null = anyone.
 */
const visibleManagers = (ctx: Context) =>
  memo(ctx, 'visibleManagers', async () => {
    const scope = await viewerScope(ctx);
    if (scope.everything) return null;
    const day = dayToDate(ctx.clock.today());
    const [seen, own] = await Promise.all([
      ctx.prisma.person.findMany({ where: { AND: [{ managedUnits: { some: {} } }, peopleVisible(scope, day)] }, select: { id: true } }),
      scope.personIds.length
        ? ctx.prisma.assignment.findMany({ where: { ...activeOn(day), personId: { in: scope.personIds } }, select: { unitId: true } })
        : Promise.resolve([]),
    ]);
    return { managers: new Set(seen.map((p) => p.id)), ownUnits: new Set(own.map((a) => a.unitId)) };
  });

export const OrgUnitRef = builder.prismaObject('OrgUnit', {
  description: 'A unit of the organisation: company, sales centre (营销中心), region (大区), area (片区), team (营销小组).',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: OrgUnitKindEnum }),
    parentId: t.exposeID('parentId', { nullable: true }),
    path: t.exposeString('path', { description: 'Materialised path of ids from the root, "/root/…/this/".' }),
    depth: t.exposeInt('depth'),
    managerId: t.exposeID('managerId', { nullable: true }),
    managerName: t.string({
      nullable: true,
      description: 'Null when there is no manager, or when the viewer may not see the manager.',
      select: { id: true, manager: { select: { id: true, name: true } } },
      resolve: async (unit, _args, ctx) => {
        if (!unit.manager) return null;
        const visible = await visibleManagers(ctx);
        return !visible || visible.managers.has(unit.manager.id) || visible.ownUnits.has(unit.id) ? unit.manager.name : null;
      },
    }),
    version: t.exposeInt('version'),
  }),
});

const code = z.string().trim().min(1, 'Code is required').max(32);
const name = z.string().trim().min(1, 'Name is required').max(64);
const id = z.string().min(1).max(64);

builder.queryFields((t) => ({
  orgTree: t.prismaField({
    type: ['OrgUnit'],
    description: 'The units the viewer may see, parents before children; build the tree from parentId.',
    authScopes: { signedIn: true },
    args: { asOf: t.arg({ type: 'Date', required: false }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.prisma.orgUnit.findMany({
        ...query,
        where: unitsVisible(await viewerScope(ctx), args.asOf ?? dayToDate(ctx.clock.today())),
        orderBy: [{ depth: 'asc' }, { code: 'asc' }],
      }),
  }),
}));

const CreateOrgUnitInput = builder.inputType('CreateOrgUnitInput', {
  fields: (t) => ({
    code: t.string({ validate: code }),
    name: t.string({ validate: name }),
    kind: t.field({ type: OrgUnitKindEnum }),
    parentId: t.id({ required: false }),
    managerId: t.id({ required: false, description: 'Not someone who has left, as setOrgUnitManager.' }),
  }),
});

/** Reads a changed unit back with the selection the client asked for. */
const reload = (ctx: Context, query: { include?: Prisma.OrgUnitInclude; select?: Prisma.OrgUnitSelect }, id: string) =>
  ctx.prisma.orgUnit.findUniqueOrThrow({ ...query, where: { id } });

builder.mutationFields((t) => ({
  createOrgUnit: t.prismaField({
    type: 'OrgUnit',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateOrgUnitInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const unit = await createOrgUnit(ctx, { ...input, parentId: input.parentId ? String(input.parentId) : null, managerId: input.managerId ? String(input.managerId) : null });
      return reload(ctx, query, unit.id);
    },
  }),
  renameOrgUnit: t.prismaField({
    type: 'OrgUnit',
    authScopes: { admin: true },
    args: { id: t.arg.id({ validate: id }), version: t.arg.int(), name: t.arg.string({ validate: name }) },
    resolve: async (query, _root, args, ctx) => reload(ctx, query, (await renameOrgUnit(ctx, String(args.id), args.version, args.name)).id),
  }),
  moveOrgUnit: t.prismaField({
    type: 'OrgUnit',
    description: 'Moves a unit (with its subtree) under another parent.',
    authScopes: { admin: true },
    args: { id: t.arg.id({ validate: id }), version: t.arg.int(), parentId: t.arg.id({ validate: id }) },
    resolve: async (query, _root, args, ctx) => reload(ctx, query, (await moveOrgUnit(ctx, String(args.id), args.version, String(args.parentId))).id),
  }),
  setOrgUnitManager: t.prismaField({
    type: 'OrgUnit',
    description: 'Names the person who manages a unit (null: nobody for now); not someone who has left. They need the Manager role to act on it (admins; audited).',
    authScopes: { admin: true },
    args: { id: t.arg.id({ validate: id }), version: t.arg.int(), managerId: t.arg.id({ required: false }) },
    resolve: async (query, _root, args, ctx) => reload(ctx, query, (await setOrgUnitManager(ctx, String(args.id), args.version, args.managerId ? String(args.managerId) : null)).id),
  }),
}));
