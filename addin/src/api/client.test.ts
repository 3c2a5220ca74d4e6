/** What the pane makes of the server's refusals: the code, reason and params, and every problem named. */
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { toApiError } from './client.ts';

const refusal = (extensions: Record<string, unknown>) => toApiError(new CombinedError({ graphQLErrors: [new GraphQLError('The English message', { extensions })] }));

describe('a refusal from the server', () => {
  it('keeps its code, reason, params and field', () => {
    const e = refusal({ code: 'CONFLICT', reason: 'PLAN_VERSION_CHANGED', params: { code: 'X', version: 3 }, field: 'basedOnVersion' });
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'PLAN_VERSION_CHANGED', params: { code: 'X', version: 3 }, field: 'basedOnVersion', issues: [] });
  });

  it('keeps a plan document’s problems, each with the path it is about as its field', () => {
    const e = refusal({
      code: 'BAD_USER_INPUT',
      reason: 'PLAN_DOCUMENT',
      params: { count: 2 },
      problems: [
        { path: 'components.1.tiers.0.rate', message: 'Too big', reason: 'PLAN_PERCENT_INVALID', params: { value: '101' } },
        { path: 'name', message: 'Required', reason: 'PLAN_VALUE_MISSING', params: {} },
        { message: 'no path' },
      ],
    });
    expect(e.issues).toEqual([
      { reason: 'PLAN_PERCENT_INVALID', params: { value: '101' }, field: 'components.1.tiers.0.rate' },
      { reason: 'PLAN_VALUE_MISSING', params: {}, field: 'name' },
    ]);
  });
});
