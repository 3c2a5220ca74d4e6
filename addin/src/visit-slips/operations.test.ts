/** The Visit slips screen's operations are valid against the printed schema. */
import fs from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as ops from './operations.ts';

const schema = buildSchema(fs.readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8'));

describe('visit slip operations', () => {
  it.each(Object.entries(ops).filter(([k, v]) => typeof v === 'string' && k !== 'SLIP_FIELDS'))('%s validates', (_k, text) => {
    expect(validate(schema, parse(text as string)).map((e) => e.message)).toEqual([]);
  });
});
