/** Customer files (客户档案, issue 11 §5): a rep's own, a manager's subtree; ownership proposed by a rep and confirmed by a manager. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { CustomerTier, CustomerType, OwnershipStatus } from '../../db/generated/sqlite/client/enums.ts';
import { confirmCustomerOwnership, createCustomer, customersPage, transferCustomer, updateCustomer, type CustomerPage, type CustomerView } from '../../customers/customers.ts';

const id = z.string().min(1).max(64);
const editors = { rep: true, manager: true, director: true, admin: true } as const;
const deciders = { manager: true, director: true, admin: true } as const;

export const CustomerTypeEnum = builder.enumType(CustomerType, { name: 'CustomerType' });
export const CustomerTierEnum = builder.enumType(CustomerTier, { name: 'CustomerTier', description: 'GENERAL 一般, IMPORTANT 重要, CORE 核心.' });
export const OwnershipStatusEnum = builder.enumType(OwnershipStatus, { name: 'OwnershipStatus', description: 'PROPOSED by the owner until a manager over the owner unit CONFIRMS it.' });

const CustomerContactRef = builder.objectRef<CustomerView['contacts'][number]>('CustomerContact').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    title: t.exposeString('title', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    primary: t.exposeBoolean('primary'),
  }),
});

export const CustomerRef = builder.objectRef<CustomerView>('Customer').implement({
  description: 'A customer file (客户档案), owned by a person in a unit; the unit’s subtree is its territory.',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code', { description: 'Unique in the organisation; sales imports name the customer by it.' }),
    name: t.exposeString('name'),
    type: t.field({ type: CustomerTypeEnum, resolve: (c) => c.type }),
    tier: t.field({ type: CustomerTierEnum, resolve: (c) => c.tier }),
    ownerId: t.exposeID('ownerId'),
    ownerName: t.exposeString('ownerName'),
    ownerEmployeeNo: t.exposeString('ownerEmployeeNo'),
    ownerUnitId: t.exposeID('ownerUnitId'),
    ownerUnitName: t.exposeString('ownerUnitName'),
    ownershipStatus: t.field({ type: OwnershipStatusEnum, resolve: (c) => c.ownershipStatus }),
    confirmedBy: t.exposeString('confirmedBy', { nullable: true }),
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime', nullable: true }),
    notes: t.exposeString('notes', { nullable: true }),
    lastVisitOn: t.expose('lastVisitOn', { type: 'Date', nullable: true, description: 'Set by visit slips and work logs.' }),
    revision: t.exposeInt('revision'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    contacts: t.field({ type: [CustomerContactRef], resolve: (c) => c.contacts }),
  }),
});

const CustomerPageInfo = builder.objectRef<{ hasNextPage: boolean; endCursor: string | null }>('CustomerPageInfo').implement({
  fields: (t) => ({ hasNextPage: t.exposeBoolean('hasNextPage'), endCursor: t.exposeString('endCursor', { nullable: true }) }),
});
const CustomerConnection = builder.objectRef<CustomerPage>('CustomerConnection').implement({
  fields: (t) => ({
    nodes: t.field({ type: [CustomerRef], resolve: (p) => p.rows }),
    pageInfo: t.field({ type: CustomerPageInfo, resolve: (p) => p }),
  }),
});

const ContactInput = builder.inputType('CustomerContactInput', {
  fields: (t) => ({
    name: t.string({ validate: z.string().max(200) }),
    title: t.string({ required: false, validate: z.string().max(200).optional().nullable() }),
    phone: t.string({ required: false, validate: z.string().max(64).optional().nullable() }),
    email: t.string({ required: false, validate: z.string().max(200).optional().nullable() }),
    primary: t.boolean({ required: false }),
  }),
});


const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
  fields: (t) => ({
    code: t.string({ description: '2 to 32 letters, digits, - or _; stored in capitals.', validate: z.string().max(64) }),
    name: t.string({ validate: z.string().max(400) }),
    type: t.field({ type: CustomerTypeEnum }),
    tier: t.field({ type: CustomerTierEnum, required: false, description: 'GENERAL when not given.' }),
    notes: t.string({ required: false, validate: z.string().max(4000).optional().nullable() }),
    contacts: t.field({ type: [ContactInput], required: false, validate: z.array(z.any()).max(50).optional().nullable() }),
    ownerId: t.id({ required: false, description: 'A manager may add a customer for someone in their subtree (confirmed at once); default: the viewer.', validate: id.optional().nullable() }),
  }),
});

const UpdateCustomerInput = builder.inputType('UpdateCustomerInput', {
  fields: (t) => ({
    code: t.string({ required: false, validate: z.string().max(64).optional().nullable() }),
    name: t.string({ required: false, validate: z.string().max(400).optional().nullable() }),
    type: t.field({ type: CustomerTypeEnum, required: false }),
    tier: t.field({ type: CustomerTierEnum, required: false }),
    notes: t.string({ required: false, validate: z.string().max(4000).optional().nullable() }),
    contacts: t.field({ type: [ContactInput], required: false, description: 'Replaces the contacts when given.', validate: z.array(z.any()).max(50).optional().nullable() }),
  }),
});

builder.queryFields((t) => ({
  customers: t.field({
    type: CustomerConnection,
    description: 'The customers the viewer may see (a rep: their own; a manager: those owned in their subtree; director, general manager, admin: all; finance, who read payroll, none), by code; keyset-paginated.',
    authScopes: { signedIn: true },
    args: {
      unitId: t.arg.id({ required: false, validate: id.optional().nullable() }),
      ownerId: t.arg.id({ required: false, validate: id.optional().nullable() }),
      tier: t.arg({ type: CustomerTierEnum, required: false }),
      search: t.arg.string({ required: false, description: 'Part of the name or the code.', validate: z.string().max(100).optional().nullable() }),
      first: t.arg.int({ required: false, defaultValue: 500, validate: z.number().int().min(1).max(1000) }),
      after: t.arg.string({ required: false, validate: z.string().max(200).optional().nullable() }),
    },
    resolve: (_r, a, ctx) =>
      customersPage(ctx, { unitId: a.unitId ? String(a.unitId) : null, ownerId: a.ownerId ? String(a.ownerId) : null, tier: a.tier ?? null, search: a.search, first: a.first ?? 500, after: a.after }),
  }),
}));

builder.mutationFields((t) => ({
  createCustomer: t.field({
    type: CustomerRef,
    description: 'Adds a customer: a rep’s own (ownership PROPOSED), or for someone a manager manages (CONFIRMED). Audited.',
    authScopes: editors,
    args: { input: t.arg({ type: CreateCustomerInput }) },
    resolve: (_r, { input }, ctx) => createCustomer(ctx, { ...input, ownerId: input.ownerId ? String(input.ownerId) : null }),
  }),
  updateCustomer: t.field({
    type: CustomerRef,
    description: 'Changes a customer file at the revision read (else CONFLICT): its owner, or a manager over its unit. Audited.',
    authScopes: editors,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), input: t.arg({ type: UpdateCustomerInput }) },
    resolve: (_r, a, ctx) => updateCustomer(ctx, String(a.id), a.revision, a.input),
  }),
  confirmCustomerOwnership: t.field({
    type: CustomerRef,
    description: 'A manager over the owner unit confirms a proposed ownership (not of their own customer). Audited.',
    authScopes: deciders,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int() },
    resolve: (_r, a, ctx) => confirmCustomerOwnership(ctx, String(a.id), a.revision),
  }),
  transferCustomer: t.field({
    type: CustomerRef,
    description: 'A manager moves a customer of their subtree to another owner there (in the unit they work in today, or a unit above it inside the subtree). Sales already imported keep their credit. Audited.',
    authScopes: deciders,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), ownerId: t.arg.id({ validate: id }), ownerUnitId: t.arg.id({ required: false, validate: id.optional().nullable() }) },
    resolve: (_r, a, ctx) => transferCustomer(ctx, String(a.id), a.revision, { ownerId: String(a.ownerId), ownerUnitId: a.ownerUnitId ? String(a.ownerUnitId) : null }),
  }),
}));
