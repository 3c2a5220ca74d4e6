/**
 * Every operation says who may call it (the guide's security rule): each
 * field of Query and Mutation declares Pothos authScopes with at least one
 * role, and only signing in is open to anyone. A field added without them
 * fails here, before any test of its own.
 */
import { describe, expect, it } from 'vitest';
import { schema } from '../../server/graphql/schema.ts';

const PUBLIC = new Set(['login']);

const declared = (kind: 'Query' | 'Mutation') => {
  const type = kind === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
  return Object.values(type.getFields()).map((f) => {
    const scopes = (f.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes;
    const roles = scopes && typeof scopes === 'object' ? Object.entries(scopes as Record<string, unknown>).filter(([, v]) => v === true).map(([k]) => k) : [];
    return { name: f.name, roles };
  });
};

describe('every root field declares who may call it', () => {
  for (const kind of ['Query', 'Mutation'] as const) {
    it(`${kind}: authScopes with at least one role on every field`, () => {
      const fields = declared(kind);
      expect(fields.length).toBeGreaterThan(10);
      expect(fields.filter((f) => f.roles.length === 0).map((f) => f.name)).toEqual([]);
    });
  }

  it('only signing in is open to anyone', () => {
    const open = [...declared('Query'), ...declared('Mutation')].filter((f) => f.roles.includes('public')).map((f) => f.name);
    expect(open).toContain('login');
    expect(open.filter((name) => !PUBLIC.has(name))).toEqual([]);
  });
});
