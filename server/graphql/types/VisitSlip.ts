/** Field-visit slips (出访单, issue 11 §4): requested by the rep, approved or rejected by a manager over them, checked after the return; field-visit days without a slip. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { VisitCheckKind, VisitSlipStatus } from '../../db/generated/sqlite/client/enums.ts';
import { checkVisitSlipDone, decideVisitSlip, getVisitSlip, requestVisitSlip, slipSpan, unslippedFieldVisits, visitSlips, type UnslippedFieldVisit, type VisitSlipView } from '../../visit-slips/slips.ts';
import { inLockedPeriod, LOCKED_FLAG } from '../../targets/calendar.ts';
import { dayToDate } from '../../../schema/dates.ts';
import { VISIT_SLIP_LIMITS } from '../../../schema/visit-slips.ts';

const id = z.string().min(1).max(64);
const month = z.string().min(6).max(10);
const deciders = { manager: true } as const;

export const VisitSlipStatusEnum = builder.enumType(VisitSlipStatus, {
  name: 'VisitSlipStatus',
  description: 'REQUESTED (by the rep) → APPROVED or REJECTED (by a manager over them) → CHECKED (after the planned return).',
});
export const VisitCheckKindEnum = builder.enumType(VisitCheckKind, { name: 'VisitCheckKind', description: 'A spot check or a full check of a visit.' });

export const VisitSlipRef = builder.objectRef<VisitSlipView>('VisitSlip').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    personId: t.exposeID('personId'),
    personName: t.exposeString('personName'),
    employeeNo: t.exposeString('employeeNo'),
    unitId: t.exposeID('unitId'),
    unitName: t.exposeString('unitName', { description: 'The unit the rep is in on the day of departure (whose managers read and decide the slip).' }),
    destination: t.exposeString('destination'),
    customerCode: t.exposeString('customerCode', { nullable: true }),
    customerName: t.exposeString('customerName', { nullable: true }),
    contactPerson: t.exposeString('contactPerson'),
    purpose: t.exposeString('purpose'),
    plannedOut: t.expose('plannedOut', { type: 'DateTime' }),
    plannedBack: t.expose('plannedBack', { type: 'DateTime' }),
    days: t.field({ type: ['Date'], description: 'The days (China time) it covers once approved: departure to return, both included.', resolve: (s) => s.days.map(dayToDate) }),
    status: t.field({ type: VisitSlipStatusEnum, resolve: (s) => s.status }),
    revision: t.exposeInt('revision'),
    decidedBy: t.exposeString('decidedBy', { nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    decisionComment: t.exposeString('decisionComment', { nullable: true }),
    checkKind: t.field({ type: VisitCheckKindEnum, nullable: true, resolve: (s) => s.checkKind }),
    checkOk: t.exposeBoolean('checkOk', { nullable: true }),
    checkResult: t.exposeString('checkResult', { nullable: true }),
    checkedBy: t.exposeString('checkedBy', { nullable: true }),
    checkedAt: t.expose('checkedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    canDecide: t.exposeBoolean('canDecide', { description: 'Requested, and the viewer is a manager over the rep (not the rep).' }),
    approvedLate: t.exposeBoolean('approvedLate', { description: 'Approved (or approved and checked) after its planned departure: an approval after the fact.' }),
    departed: t.exposeBoolean('departed', { description: 'Its planned departure has passed (approving it now is an approval after the fact).' }),
    canCheck: t.exposeBoolean('canCheck', { description: 'Approved, past its planned return, and the viewer is a manager over the rep.' }),
    locked: t.boolean({ description: `${LOCKED_FLAG} (Any of its days.)`, resolve: (s, _a, ctx) => inLockedPeriod(ctx, slipSpan(s.days)) }),
  }),
});

const UnslippedRef = builder.objectRef<UnslippedFieldVisit>('UnslippedFieldVisit').implement({
  description: 'An attendance day marked as a field visit that no approved visit slip covers.',
  fields: (t) => ({
    personId: t.exposeID('personId'),
    personName: t.exposeString('personName'),
    employeeNo: t.exposeString('employeeNo'),
    unitName: t.exposeString('unitName'),
    date: t.field({ type: 'Date', resolve: (r) => dayToDate(r.date) }),
  }),
});

const VisitSlipInput = builder.inputType('VisitSlipInput', {
  fields: (t) => ({
    destination: t.string({ validate: z.string().max(VISIT_SLIP_LIMITS.destinationMax * 2) }),
    customerCode: t.string({ required: false, validate: z.string().max(64).optional().nullable() }),
    contactPerson: t.string({ validate: z.string().max(VISIT_SLIP_LIMITS.contactMax * 2) }),
    purpose: t.string({ validate: z.string().max(VISIT_SLIP_LIMITS.purposeMax * 2) }),
    plannedOut: t.field({ type: 'DateTime' }),
    plannedBack: t.field({ type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  visitSlips: t.field({
    type: [VisitSlipRef],
    description: 'The visit slips the viewer may read (a rep their own; a manager their subtree’s) whose days fall in a month, optionally under one unit and of one status.',
    authScopes: { signedIn: true },
    args: { month: t.arg.string({ validate: month }), unitId: t.arg.id({ required: false }), status: t.arg({ type: VisitSlipStatusEnum, required: false }) },
    resolve: (_r, args, ctx) => visitSlips(ctx, args.month, args.unitId ? String(args.unitId) : null, args.status ?? null),
  }),
  visitSlip: t.field({
    type: VisitSlipRef,
    description: 'One visit slip the viewer may read.',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ validate: id }) },
    resolve: (_r, args, ctx) => getVisitSlip(ctx, String(args.id)),
  }),
  unslippedFieldVisits: t.field({
    type: [UnslippedRef],
    description: 'Attendance days of a month marked as a field visit that no approved visit slip covers, for the people the viewer oversees (optionally under one unit).',
    authScopes: { manager: true, director: true, generalManager: true, finance: true, admin: true },
    args: { month: t.arg.string({ validate: month }), unitId: t.arg.id({ required: false }) },
    resolve: (_r, args, ctx) => unslippedFieldVisits(ctx, args.month, args.unitId ? String(args.unitId) : null),
  }),
}));

builder.mutationFields((t) => ({
  requestVisitSlip: t.field({
    type: VisitSlipRef,
    description: 'The viewer requests a visit slip for themself. Refused whole, naming the problem’s field. Audited.',
    authScopes: { rep: true, manager: true },
    args: { input: t.arg({ type: VisitSlipInput }) },
    resolve: (_r, args, ctx) => requestVisitSlip(ctx, { ...args.input, customerCode: args.input.customerCode ?? null }),
  }),
  approveVisitSlip: t.field({
    type: VisitSlipRef,
    description: 'Approves a requested visit slip (a manager over the rep; never one’s own). Audited.',
    authScopes: deciders,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ required: false, validate: z.string().max(1000).optional().nullable() }) },
    resolve: (_r, args, ctx) => decideVisitSlip(ctx, String(args.id), args.revision, true, args.comment ?? null),
  }),
  rejectVisitSlip: t.field({
    type: VisitSlipRef,
    description: 'Rejects a requested visit slip, saying why. Audited.',
    authScopes: deciders,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ validate: z.string().max(1000) }) },
    resolve: (_r, args, ctx) => decideVisitSlip(ctx, String(args.id), args.revision, false, args.comment),
  }),
  checkVisitSlip: t.field({
    type: VisitSlipRef,
    description: 'Records the check of an approved visit after its planned return: spot or full, whether it was in order, and what it found. Audited.',
    authScopes: deciders,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), kind: t.arg({ type: VisitCheckKindEnum }), ok: t.arg.boolean(), result: t.arg.string({ validate: z.string().max(4000) }) },
    resolve: (_r, args, ctx) => checkVisitSlipDone(ctx, String(args.id), args.revision, args.kind, args.ok, args.result),
  }),
}));
