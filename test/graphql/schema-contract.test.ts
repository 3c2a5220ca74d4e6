/**
 * The schema contract: the printed SDL is current, every root field declares
 * who may call it, and money is never a Float.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isObjectType, type GraphQLField } from 'graphql';
import { printedSchema, schemaFile } from '../../scripts/print-schema.ts';
import { schema } from '../../server/graphql/schema.ts';

describe('schema contract', () => {
  it('schema/schema.graphql is the printed schema (run npm run schema:print)', () => {
    expect(fs.readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });

  it('every query and mutation declares its auth scopes', () => {
    const undeclared: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root!.getFields()) as GraphQLField<unknown, unknown>[]) {
        const options = (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions;
        if (!options?.authScopes) undeclared.push(`${root!.name}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
    // The walk saw the real fields.
    expect(Object.keys(schema.getQueryType()!.getFields())).toContain('roster');
  });

  it('only login is open to anyone', () => {
    const open: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root!.getFields()) as GraphQLField<unknown, unknown>[]) {
        const scopes = (field.extensions as { pothosOptions?: { authScopes?: Record<string, unknown> } }).pothosOptions?.authScopes;
        if (scopes && typeof scopes === 'object' && 'public' in scopes) open.push(field.name);
      }
    }
    expect(open).toEqual(['login']);
  });

  it('no field is a Float', () => {
    const floats: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const f of Object.values(type.getFields())) if (String(f.type).replace(/[[\]!]/g, '') === 'Float') floats.push(`${type.name}.${f.name}`);
    }
    expect(floats).toEqual([]);
  });
});
