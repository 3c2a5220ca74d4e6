/**
 * The one Pothos schema builder. Plugin order: our auth-before-args check
 * (root fields' roles are checked before their arguments are validated),
 * scope-auth, then prisma, then validation. Every root field must say who may call it
 * (authScopes); test/graphql/auth-declared.test.ts walks the schema to check.
 */
import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import PrismaPlugin from '@pothos/plugin-prisma';
import ValidationPlugin from '@pothos/plugin-validation';
import AuthBeforeArgsPlugin from './auth-before-args.ts';
import type PrismaTypes from '../db/generated/pothos-types.ts';
import { getDatamodel } from '../db/generated/pothos-types.ts';
import type { Role } from '../db/generated/sqlite/client/enums.ts';
import type { Context } from '../context.ts';
import { clientError, dynamicClientError } from '../errors.ts';
import { validationReason } from './validation-reasons.ts';

export interface AuthScopes {
  /** Anyone, signed in or not: only for signing in. */
  public: boolean;
  signedIn: boolean;
  rep: boolean;
  manager: boolean;
  finance: boolean;
  financeManager: boolean;
  director: boolean;
  generalManager: boolean;
  admin: boolean;
}

const has = (ctx: Context, role: Role) => !!ctx.viewer?.roles.includes(role);

const sessionMessages = {
  missing: ['Sign in first', 'SIGN_IN_REQUIRED'],
  invalid: ['Your sign-in token is not valid; sign in again', 'SESSION_INVALID'],
  expired: ['Your session has expired; sign in again', 'SESSION_EXPIRED'],
  revoked: ['You have signed out; sign in again', 'SESSION_REVOKED'],
  left: ['Your access ended with your leave date', 'ACCESS_ENDED'],
} as const;

const scopesOf = (ctx: Context) => ({
  public: true,
  signedIn: !!ctx.viewer,
  rep: has(ctx, 'REP'),
  manager: has(ctx, 'MANAGER'),
  finance: has(ctx, 'FINANCE'),
  financeManager: has(ctx, 'FINANCE_MANAGER'),
  director: has(ctx, 'DIRECTOR'),
  generalManager: has(ctx, 'GENERAL_MANAGER'),
  admin: has(ctx, 'ADMIN'),
});

const unauthorized = (ctx: Context) => {
  if (ctx.viewer) return clientError('FORBIDDEN', 'Your role does not allow this', { reason: 'ROLE_NOT_ALLOWED' });
  const [message, reason] = sessionMessages[ctx.sessionProblem ?? 'missing'];
  return clientError('UNAUTHENTICATED', message, { reason });
};

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    Money: { Input: bigint; Output: bigint };
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
    File: { Input: File; Output: never };
    SheetCell: { Input: string | number | boolean; Output: string | number | boolean };
  };
}>({
  plugins: [AuthBeforeArgsPlugin, ScopeAuthPlugin, PrismaPlugin, ValidationPlugin],
  authBeforeArgs: { scopes: scopesOf, unauthorized },
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: scopesOf,
    unauthorizedError: (_parent, ctx) => unauthorized(ctx),
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'test' ? 'error' : null,
  },
  validation: {
    validationError: (result) => {
      const [first, ...more] = result.issues.map(validationReason);
      return dynamicClientError('BAD_USER_INPUT', result.issues.map((i) => i.message).join('; '), {
        ...first!,
        ...(more.length ? { issues: [first, ...more] } : {}),
      });
    },
  },
});

builder.queryType({});
builder.mutationType({});
