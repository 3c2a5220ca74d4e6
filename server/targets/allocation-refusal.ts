/**
 * A breakdown the figures refuse (schema/allocation.ts's AllocationError) as
 * the API's refusal: its registered reason and params, owners named rather
 * than given by id, and the English message from the pane's catalogue.
 */
import type { GraphQLError } from 'graphql';
import { en } from '../../addin/src/i18n/reasons.ts';
import { format } from '../../addin/src/i18n.ts';
import type { AllocationError } from '../../schema/allocation.ts';
import { dynamicClientError } from '../errors.ts';

export function allocationRefusal(e: AllocationError, field: string, names: ReadonlyMap<string, string> = new Map()): GraphQLError {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e.params)) params[k] = k === 'key' && typeof v === 'string' ? v.split(' / ').map((part) => names.get(part) ?? part).join(' / ') : v;
  return dynamicClientError('BAD_USER_INPUT', format(en[e.problem], params), { field, reason: e.problem, params });
}
