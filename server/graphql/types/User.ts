/** User: an account that signs in, with its roles; administered by admins only (issue 7 §6). */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { RoleEnum } from './enums.ts';
import { accessEnded } from '../../auth/sessions.ts';
import { assignRole, createUser, disableUser, enableUser, listUsers, removeRole, resetPassword, setServedUnits, type UserRow } from '../../auth/users.ts';

const id = z.string().min(1).max(64);
const password = z.string().min(12, 'A password needs at least 12 characters').max(256);
const admins = { admin: true } as const;

export const ServedUnitRef = builder.objectRef<{ id: string; code: string; name: string }>('ServedUnit').implement({
  description: 'A unit a finance user serves, with its whole subtree.',
  fields: (t) => ({ id: t.exposeID('id'), code: t.exposeString('code'), name: t.exposeString('name') }),
});

export const UserRef = builder.objectRef<UserRow>('User').implement({
  description: 'A user account. Its password is never shown.',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    roles: t.field({ type: [RoleEnum], resolve: (u) => u.roles.map((r) => r.role).sort() }),
    personId: t.exposeID('personId', { nullable: true }),
    personName: t.string({ nullable: true, resolve: (u) => u.person?.name ?? null }),
    disabled: t.exposeBoolean('disabled'),
    servedUnits: t.field({
      type: [ServedUnitRef],
      description: 'For a finance user: the units whose payroll they see and run (brief §8). None: they serve every unit.',
      resolve: (u) => u.servedUnits.map((s) => s.unit),
    }),
    accessEndsAfter: t.field({
      type: 'Date',
      nullable: true,
      description: "The person's leave date: the last day the user may sign in.",
      resolve: (u) => u.person?.leaveDate ?? null,
    }),
    canSignIn: t.boolean({
      description: 'Not disabled, and the leave date (if any) has not passed.',
      resolve: (u) => !u.disabled && !accessEnded(u.person?.leaveDate),
    }),
  }),
});

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    username: t.string({ validate: z.string().regex(/^[a-z0-9._-]{2,64}$/, 'A username is 2-64 lower-case letters, digits, ".", "_" or "-"') }),
    password: t.string({ validate: password }),
    roles: t.field({ type: [RoleEnum], validate: z.array(z.any()).min(1, 'Give at least one role') }),
    personId: t.id({ required: false, validate: id.optional().nullable() }),
  }),
});

builder.queryFields((t) => ({
  users: t.field({
    type: [UserRef],
    description: 'Every user, by username.',
    authScopes: admins,
    resolve: (_r, _a, ctx) => listUsers(ctx),
  }),
}));

builder.mutationFields((t) => ({
  setServedUnits: t.field({
    type: UserRef,
    description:
      "Names the units a finance user serves, each with its subtree, replacing those named before: they then see and run only those units' payroll, sales imports and expenses, and no company-wide pay rule. An empty list: they serve every unit. Not for oneself. Audited.",
    authScopes: admins,
    args: { userId: t.arg.id({ validate: id }), unitIds: t.arg.idList({ validate: z.array(id).max(200) }) },
    resolve: (_r, args, ctx) => setServedUnits(ctx, String(args.userId), args.unitIds.map(String)),
  }),
  createUser: t.field({
    type: UserRef,
    description: 'Creates a user, optionally for a person on the roster (one user per person; not for someone who has left).',
    authScopes: admins,
    args: { input: t.arg({ type: CreateUserInput }) },
    resolve: (_r, { input }, ctx) => createUser(ctx, { ...input, personId: input.personId ? String(input.personId) : null }),
  }),
  assignRole: t.field({
    type: UserRef,
    description: "Gives a user a role. Never one's own roles.",
    authScopes: admins,
    args: { userId: t.arg.id({ validate: id }), role: t.arg({ type: RoleEnum }) },
    resolve: (_r, args, ctx) => assignRole(ctx, String(args.userId), args.role),
  }),
  removeRole: t.field({
    type: UserRef,
    description: "Takes a role from a user. Never one's own roles.",
    authScopes: admins,
    args: { userId: t.arg.id({ validate: id }), role: t.arg({ type: RoleEnum }) },
    resolve: (_r, args, ctx) => removeRole(ctx, String(args.userId), args.role),
  }),
  disableUser: t.field({
    type: UserRef,
    description: 'Disables a user and revokes every token they hold. Not oneself.',
    authScopes: admins,
    args: { userId: t.arg.id({ validate: id }) },
    resolve: (_r, args, ctx) => disableUser(ctx, String(args.userId)),
  }),
  enableUser: t.field({
    type: UserRef,
    description: "Enables a disabled user; refused when the user's person has left.",
    authScopes: admins,
    args: { userId: t.arg.id({ validate: id }) },
    resolve: (_r, args, ctx) => enableUser(ctx, String(args.userId)),
  }),
  resetPassword: t.field({
    type: UserRef,
    description: "Sets a user's password and revokes every token they hold. Not one's own.",
    authScopes: admins,
    args: { userId: t.arg.id({ validate: id }), password: t.arg.string({ validate: password }) },
    resolve: (_r, args, ctx) => resetPassword(ctx, String(args.userId), args.password),
  }),
}));
