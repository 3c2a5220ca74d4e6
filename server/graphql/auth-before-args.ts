/**
 * Pothos maps (and so validates) a field's arguments before any plugin's
 * resolver wrapper runs, which would let a caller without the right role
 * learn from validation errors. This plugin checks a root field's static
 * auth scopes outside the argument mappers, so a caller who may not use an
 * operation gets UNAUTHENTICATED or FORBIDDEN before its arguments are looked
 * at. scope-auth still runs as before (defence in depth).
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import type { Context } from '../context.ts';

export type ScopeMap = Record<string, boolean>;

export interface AuthBeforeArgsOptions {
  scopes: (ctx: Context) => ScopeMap;
  unauthorized: (ctx: Context) => Error;
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      authBeforeArgs: AuthBeforeArgsPlugin<Types>;
    }
    export interface SchemaBuilderOptions<Types extends SchemaTypes> {
      authBeforeArgs?: AuthBeforeArgsOptions;
    }
  }
}

export class AuthBeforeArgsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>) {
    const options = (this.builder.options as { authBeforeArgs?: AuthBeforeArgsOptions }).authBeforeArgs;
    const required = (fieldConfig.pothosOptions as { authScopes?: unknown }).authScopes;
    if (!options || (fieldConfig.kind !== 'Query' && fieldConfig.kind !== 'Mutation') || !required || typeof required !== 'object') return resolver;
    const wanted = Object.entries(required as Record<string, unknown>)
      .filter(([, v]) => v === true)
      .map(([k]) => k);
    const checked: GraphQLFieldResolver<unknown, Types['Context'], object> = (parent, args, ctx, info) => {
      const scopes = options.scopes(ctx as unknown as Context);
      if (!wanted.some((k) => scopes[k])) throw options.unauthorized(ctx as unknown as Context);
      return resolver(parent, args, ctx, info);
    };
    return checked;
  }
}

SchemaBuilder.registerPlugin('authBeforeArgs', AuthBeforeArgsPlugin);
export default 'authBeforeArgs' as const;
