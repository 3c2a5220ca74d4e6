/** Reads behind the pane's payroll chores: a month's pay adjustments and the plan assignments (issue 8 §6). */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { PositionEnum, RankEnum } from './enums.ts';
import { listAdjustments, type AdjustmentRow } from '../../payroll/adjustments.ts';
import { listAssignments, type AssignmentRow } from '../../payroll/assignments.ts';
import { isIsoMonth } from '../../../schema/dates.ts';

const month = z.string().refine(isIsoMonth, 'a month such as 2026-03');

const PayAdjustmentRef = builder.objectRef<AdjustmentRow>('PayAdjustment').implement({
  description: 'A reward (positive) or penalty (negative) for a person and month, with its reason and who approved it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    personId: t.exposeID('personId'),
    personName: t.string({ resolve: (a) => a.person.name }),
    employeeNo: t.string({ resolve: (a) => a.person.employeeNo }),
    month: t.exposeString('month'),
    amount: t.field({ type: 'Money', resolve: (a) => a.amountFen }),
    reason: t.exposeString('reason'),
    approvedBy: t.exposeString('approvedBy'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const CompensationAssignmentRef = builder.objectRef<AssignmentRow>('CompensationAssignment').implement({
  description: 'A compensation plan assigned to one person, a rank or a position, from a day.',
  fields: (t) => ({
    id: t.exposeID('id'),
    planCode: t.string({ resolve: (a) => a.plan.code }),
    planVersion: t.int({ resolve: (a) => a.plan.version }),
    planName: t.string({ resolve: (a) => a.plan.name }),
    personId: t.exposeID('personId', { nullable: true }),
    personName: t.exposeString('personName', { nullable: true }),
    employeeNo: t.exposeString('employeeNo', { nullable: true }),
    rank: t.expose('rank', { type: RankEnum, nullable: true }),
    position: t.expose('position', { type: PositionEnum, nullable: true }),
    effectiveFrom: t.expose('effectiveFrom', { type: 'Date' }),
  }),
});

builder.queryFields((t) => ({
  payAdjustments: t.field({
    type: [PayAdjustmentRef],
    description: "A month's rewards and penalties the viewer may see (finance, the signers and admins: all; a manager: their subtree's and their own), oldest first.",
    authScopes: { finance: true, financeManager: true, director: true, generalManager: true, admin: true, manager: true },
    args: { month: t.arg.string({ validate: month }) },
    resolve: (_r, args, ctx) => listAdjustments(ctx, args.month),
  }),
  compensationAssignments: t.field({
    type: [CompensationAssignmentRef],
    description: 'Compensation plan assignments, newest first (at most 500).',
    authScopes: { finance: true, financeManager: true, director: true, generalManager: true, admin: true },
    resolve: (_r, _a, ctx) => listAssignments(ctx),
  }),
}));
