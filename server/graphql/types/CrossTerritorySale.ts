/** Cross-territory sales (窜货, issue 11 §5): flagged on import, seen by managers of either unit, decided once by the owning side. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { CrossTerritoryStatus } from '../../db/generated/sqlite/client/enums.ts';
import { CROSS_TERRITORY_DECISIONS } from '../../../schema/customers.ts';
import { crossTerritorySales, decideCrossTerritorySale, type CrossTerritoryView } from '../../customers/cross-territory.ts';
import { inLockedPeriod, LOCKED_FLAG } from '../../targets/calendar.ts';
import { daySpan } from '../../../schema/periods.ts';
import { dateToDay } from '../../../schema/dates.ts';

const id = z.string().min(1).max(64);

export const CrossTerritoryStatusEnum = builder.enumType(CrossTerritoryStatus, { name: 'CrossTerritoryStatus' });
const DecisionEnum = builder.enumType('CrossTerritoryDecision', {
  values: CROSS_TERRITORY_DECISIONS,
  description: 'ACCEPT: the sale stays where it was booked; REASSIGN: its credit moves to the customer’s owner; DISMISS: not a cross-territory sale after all.',
});

const CrossTerritorySaleRef = builder.objectRef<CrossTerritoryView>('CrossTerritorySale').implement({
  description: 'A sale to a customer owned outside the selling unit’s territory (窜货).',
  fields: (t) => ({
    id: t.exposeID('id'),
    saleId: t.exposeID('saleId'),
    externalId: t.exposeString('externalId'),
    date: t.expose('date', { type: 'Date' }),
    amount: t.expose('amountFen', { type: 'Money' }),
    sellerId: t.exposeID('sellerId', { description: 'Who the sale is credited to now.' }),
    sellerName: t.exposeString('sellerName'),
    sellerEmployeeNo: t.exposeString('sellerEmployeeNo'),
    bookedByName: t.string({ nullable: true, description: 'Who the sale was booked to in the selling unit when it was flagged: the seller, also after a reassignment moved its credit (null on a flag reassigned before this was kept).', resolve: (f) => f.bookedBy?.name ?? null }),
    bookedByEmployeeNo: t.string({ nullable: true, resolve: (f) => f.bookedBy?.employeeNo ?? null }),
    customerId: t.exposeID('customerId'),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    customerOwnerName: t.exposeString('customerOwnerName'),
    sellingUnitId: t.exposeID('sellingUnitId'),
    sellingUnitName: t.exposeString('sellingUnitName'),
    owningUnitId: t.exposeID('owningUnitId'),
    owningUnitName: t.exposeString('owningUnitName'),
    status: t.field({ type: CrossTerritoryStatusEnum, resolve: (f) => f.status }),
    decidedBy: t.exposeString('decidedBy', { nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    comment: t.exposeString('comment', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    canDecide: t.exposeBoolean('canDecide'),
    locked: t.boolean({ description: `${LOCKED_FLAG} (Its sale's day.)`, resolve: (f, _a, ctx) => inLockedPeriod(ctx, daySpan(dateToDay(f.date))) }),
  }),
});

builder.queryFields((t) => ({
  crossTerritorySales: t.field({
    type: [CrossTerritorySaleRef],
    description: 'Flagged cross-territory sales the viewer may see (a manager: selling or owning unit in their subtree; director and admin: all), newest sale first (at most 2000).',
    authScopes: { manager: true, director: true, generalManager: true, admin: true },
    args: { unitId: t.arg.id({ required: false, validate: id.optional().nullable() }), status: t.arg({ type: CrossTerritoryStatusEnum, required: false }) },
    resolve: (_r, a, ctx) => crossTerritorySales(ctx, { unitId: a.unitId ? String(a.unitId) : null, status: a.status ?? null }),
  }),
}));

builder.mutationFields((t) => ({
  decideCrossTerritorySale: t.field({
    type: CrossTerritorySaleRef,
    description: 'Decides an open flag once: a manager over the owning unit or the sales director, not on their own sale or customer. REASSIGN moves the credit (and the monthly sums). Audited.',
    authScopes: { manager: true, director: true },
    args: { id: t.arg.id({ validate: id }), decision: t.arg({ type: DecisionEnum }), comment: t.arg.string({ required: false, validate: z.string().max(500).optional().nullable() }) },
    resolve: (_r, a, ctx) => decideCrossTerritorySale(ctx, String(a.id), a.decision, a.comment ?? null),
  }),
}));
