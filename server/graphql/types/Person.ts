/**
 * Person: a roster row, flat for fast export. Its unit and position are those
 * in force on the day the roster was asked for; its rank, base salary and
 * mentor too, but for today (the record as it stands).
 */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { EmploymentTypeEnum, PersonStatusEnum, PositionEnum, RankEnum } from './enums.ts';
import { findPerson, personRow, rosterPage, statusOn, type PersonRow } from '../../roster/roster-query.ts';
import { createPerson, deactivatePerson, transferPerson, updatePerson } from '../../roster/people.ts';
import { dateToDay, dayToDate, type IsoDay } from '../../../schema/dates.ts';
import { notFound } from '../../errors.ts';
import { servesPersonNow } from '../../payroll/served-units.ts';
import { memo, type Context } from '../../context.ts';
import { planResolver } from '../../payroll/plans.ts';

export const PersonRef = builder.objectRef<PersonRow>('Person');
const AssignedPlanRef = builder.objectRef<{ code: string; name: string; version: number }>('AssignedCompensationPlan').implement({
  description: 'A compensation plan version as assigned to a person (brief §1: the roster names each person’s plan).',
  fields: (t) => ({ code: t.exposeString('code'), name: t.exposeString('name'), version: t.exposeInt('version') }),
});
// person(id, asOf) is null when the person is not on the roster that day.

// The finance manager and the general manager sign the payroll, whose payslips show the base salary: they read it here too.
const mayReadSalary = (p: PersonRow, ctx: Context) =>
  !!ctx.viewer && (ctx.viewer.personId === p.id || ctx.viewer.roles.some((r) => r === 'ADMIN' || r === 'FINANCE' || r === 'FINANCE_MANAGER' || r === 'DIRECTOR' || r === 'GENERAL_MANAGER'));

PersonRef.implement({
  description: 'A person on the roster (花名册), as of a day.',
  fields: (t) => ({
    id: t.exposeID('id'),
    employeeNo: t.exposeString('employeeNo'),
    name: t.exposeString('name'),
    phone: t.exposeString('phone', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    position: t.expose('position', { type: PositionEnum }),
    rank: t.expose('rank', { type: RankEnum, nullable: true, description: 'On an asOf other than today: the rank in force that day (a promotion applied from a later month shows from its day). Today: the record as it stands, a change made for a later day included.' }),
    hireDate: t.expose('hireDate', { type: 'Date' }),
    leaveDate: t.expose('leaveDate', { type: 'Date', nullable: true }),
    status: t.expose('status', {
      type: PersonStatusEnum,
      description: 'On asOf: LEFT from the day after the leave date (the last day worked), until then the status they have. A change answers with today’s.',
    }),
    employmentType: t.expose('employmentType', { type: EmploymentTypeEnum }),
    baseSalary: t.field({
      type: 'Money',
      nullable: true,
      description: 'Monthly base salary; null unless the viewer is this person, finance (who serve named units: of a person in one of them now), the finance manager, a director, the general manager or an admin.',
      resolve: async (p, _args, ctx) => (mayReadSalary(p, ctx) && (ctx.viewer?.personId === p.id || (await servesPersonNow(ctx, p.id))) ? p.baseSalaryFen : null),
    }),
    mentorId: t.exposeID('mentorId', { nullable: true }),
    mentorName: t.exposeString('mentorName', { nullable: true }),
    unitId: t.exposeID('unitId'),
    unitCode: t.exposeString('unitCode', { nullable: true }),
    unitName: t.exposeString('unitName', { nullable: true }),
    unitPath: t.exposeString('unitPath', { description: 'Unit names from the top down, joined by " / ".' }),
    asOf: t.expose('asOf', { type: 'Date' }),
    compensationPlan: t.field({
      type: AssignedPlanRef,
      nullable: true,
      description: 'The compensation plan in force for the person on asOf (assigned to them, else to their rank, else to their position): what payroll would pay them by; null when none is.',
      resolve: async (p, _args, ctx) => {
        const day = p.asOf.toISOString().slice(0, 10);
        const resolve = await memo(ctx, `planResolver|${day}`, () => planResolver(ctx.prisma, p.asOf));
        const plan = resolve({ id: p.id, rank: p.rank, position: p.position });
        return plan ? { code: plan.code, name: plan.plan.name, version: plan.version } : null;
      },
    }),
    version: t.exposeInt('version', { description: 'Send back with changes; a stale version gets CONFLICT.' }),
  }),
});

const PersonEdge = builder.objectRef<PersonRow>('PersonEdge').implement({
  fields: (t) => ({
    node: t.field({ type: PersonRef, resolve: (p) => p }),
  }),
});
export const PageInfo = builder.objectRef<{ hasNextPage: boolean; endCursor: string | null }>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});
const RosterConnection = builder.objectRef<{ rows: PersonRow[]; hasNextPage: boolean; endCursor: string | null }>('RosterConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [PersonEdge], resolve: (c) => c.rows }),
    pageInfo: t.field({ type: PageInfo, resolve: (c) => c }),
  }),
});

const asOfDay = (ctx: Context, asOf: Date | null | undefined) => asOf ?? dayToDate(ctx.clock.today());
const id = z.string().min(1).max(64);

builder.queryFields((t) => ({
  roster: t.field({
    type: RosterConnection,
    description: 'People on the roster on a day, within what the viewer may see; keyset-paginated by id.',
    authScopes: { signedIn: true },
    args: {
      asOf: t.arg({ type: 'Date', required: false, description: 'Defaults to today (China Standard Time).' }),
      unitId: t.arg.id({ required: false, validate: id.optional().nullable() }),
      first: t.arg.int({ required: false, defaultValue: 500, validate: z.number().int().min(1).max(1000) }),
      after: t.arg.string({ required: false, validate: z.string().max(200).optional().nullable() }),
    },
    resolve: (_root, args, ctx) => rosterPage(ctx, { day: asOfDay(ctx, args.asOf), unitId: args.unitId, first: args.first ?? 500, after: args.after }),
  }),
  person: t.field({
    type: PersonRef,
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ validate: id }), asOf: t.arg({ type: 'Date', required: false }) },
    resolve: (_root, args, ctx) => findPerson(ctx, String(args.id), asOfDay(ctx, args.asOf)),
  }),
}));

const CreatePersonInput = builder.inputType('CreatePersonInput', {
  fields: (t) => ({
    employeeNo: t.string({ validate: z.string().trim().min(1, 'Employee number is required').max(32) }),
    name: t.string({ validate: z.string().trim().min(1, 'Name is required').max(64) }),
    phone: t.string({ required: false, validate: z.string().max(32).optional().nullable() }),
    email: t.string({ required: false, validate: z.email().max(128).optional().nullable() }),
    position: t.field({ type: PositionEnum }),
    rank: t.field({ type: RankEnum, required: false }),
    hireDate: t.field({ type: 'Date' }),
    status: t.field({ type: PersonStatusEnum, required: false }),
    employmentType: t.field({ type: EmploymentTypeEnum, required: false }),
    baseSalary: t.field({ type: 'Money', required: false, description: 'Finance and admins only; 0 when not given.' }),
    mentorId: t.id({ required: false, description: 'Someone the caller may see, never the caller.' }),
    unitId: t.id(),
  }),
});

const UpdatePersonInput = builder.inputType('UpdatePersonInput', {
  description: 'Fields to change; omitted fields stay as they are, null clears an optional field.',
  fields: (t) => ({
    employeeNo: t.string({ required: false, validate: z.string().trim().min(1).max(32).optional().nullable() }),
    name: t.string({ required: false, validate: z.string().trim().min(1).max(64).optional().nullable() }),
    phone: t.string({ required: false, validate: z.string().max(32).optional().nullable() }),
    email: t.string({ required: false, validate: z.email().max(128).optional().nullable() }),
    position: t.field({ type: PositionEnum, required: false }),
    rank: t.field({ type: RankEnum, required: false }),
    status: t.field({ type: PersonStatusEnum, required: false }),
    employmentType: t.field({ type: EmploymentTypeEnum, required: false }),
    baseSalary: t.field({ type: 'Money', required: false, description: 'Finance and admins only.' }),
    mentorId: t.id({ required: false, description: 'Someone the caller may see, never the caller.' }),
  }),
});

const managers = { admin: true, manager: true } as const;
/**
 * The person a change answers with: as on `day` (their unit and position then), with today's status, so that a change to someone
 * whose leave date has passed (read on their last day worked, when they were still at work) answers LEFT; and with the rank, base
 * salary and mentor as the change set them, also when they take effect later (the roster shows them from that day).
 */
const rowOn = async (ctx: Context, id: string, day: Date) => {
  const row = await personRow(ctx, id, day, undefined, { newest: true });
  if (!row) throw notFound('Person', id);
  return { ...row, status: statusOn(row.status, row.leaveDate, dayToDate(ctx.clock.today())) };
};

/** Today, or the nearest day the person was employed. */
const employedDayNearToday = (p: { hireDate: Date; leaveDate: Date | null }, today: IsoDay) => {
  const now = dayToDate(today);
  if (now < p.hireDate) return p.hireDate;
  if (p.leaveDate && now > p.leaveDate) return p.leaveDate;
  return now;
};

builder.mutationFields((t) => ({
  createPerson: t.field({
    type: PersonRef,
    description: 'Hires a person into a unit from their hire date. Admins anywhere; managers within their subtree.',
    authScopes: managers,
    args: { input: t.arg({ type: CreatePersonInput }) },
    resolve: async (_root, { input }, ctx) => {
      const p = await createPerson(ctx, { ...input, unitId: String(input.unitId), mentorId: input.mentorId ? String(input.mentorId) : null, baseSalaryFen: input.baseSalary });
      return rowOn(ctx, p.id, p.hireDate);
    },
  }),
  updatePerson: t.field({
    type: PersonRef,
    description:
      'Edits a person. Admins anywhere, managers within their subtree; the base salary by finance or an admin only (finance changes nothing else; finance who serve named units, of people placed there only). Nobody changes their own base salary, rank or position. A new rank or base salary counts for every month not yet calculated, or, with payFrom, from that day only: months before it are paid at the old one.',
    authScopes: { ...managers, finance: true },
    args: {
      id: t.arg.id({ validate: id }),
      version: t.arg.int(),
      input: t.arg({ type: UpdatePersonInput }),
      payFrom: t.arg({ type: 'Date', required: false, description: 'The day a new rank or base salary takes effect for pay (e.g. a raise from the 1st of next month); without it, every month not yet calculated pays it.' }),
    },
    resolve: async (_root, args, ctx) => {
      const { baseSalary, mentorId, ...rest } = args.input;
      const p = await updatePerson(
        ctx,
        String(args.id),
        args.version,
        {
          ...rest,
          baseSalaryFen: baseSalary,
          mentorId: mentorId === undefined ? undefined : mentorId === null ? null : String(mentorId),
        },
        args.payFrom ? dateToDay(args.payFrom) : null,
      );
      return rowOn(ctx, p.id, employedDayNearToday(p, ctx.clock.today()));
    },
  }),
  transferPerson: t.field({
    type: PersonRef,
    description: 'Moves a person to another unit from a day on; the days before count for the old unit.',
    authScopes: managers,
    args: {
      id: t.arg.id({ validate: id }),
      version: t.arg.int(),
      unitId: t.arg.id({ validate: id }),
      effectiveDate: t.arg({ type: 'Date' }),
      position: t.arg({ type: PositionEnum, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const p = await transferPerson(ctx, String(args.id), args.version, String(args.unitId), args.effectiveDate, args.position);
      return rowOn(ctx, p.id, args.effectiveDate);
    },
  }),
  deactivatePerson: t.field({
    type: PersonRef,
    description:
      "Records that a person left; the leave date is their last day. Their user can sign in until that day ends, and no token of theirs is accepted after it (a date already past disables the user and revokes their tokens at once). Not for oneself.",
    authScopes: managers,
    args: { id: t.arg.id({ validate: id }), version: t.arg.int(), leaveDate: t.arg({ type: 'Date' }) },
    resolve: async (_root, args, ctx) => {
      const p = await deactivatePerson(ctx, String(args.id), args.version, args.leaveDate);
      return rowOn(ctx, p.id, args.leaveDate);
    },
  }),
}));
