/**
 * The reason a failed argument validation (a zod schema in a field's
 * `validate`) gives: zod's issue code and bounds become a reason of
 * schema/reasons.ts with params `field` (the last name in the argument's path)
 * and `min`/`max`, so the pane says it in the user's language; the English
 * message (zod's, or the one the schema names) stays the error's message.
 */
import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import type { AnyDetails } from '../errors.ts';
import type { Reason } from '../../schema/reasons.ts';

type Issue = StandardSchemaV1.Issue & {
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
};

type Bound = 'TOO_SHORT' | 'TOO_SMALL' | 'TOO_FEW' | 'TOO_LONG' | 'TOO_LARGE' | 'TOO_MANY';
export type ValidationDetails = AnyDetails & { field: string };

const pathOf = (issue: StandardSchemaV1.Issue) =>
  (issue.path ?? []).map((p) => (typeof p === 'object' && p !== null && 'key' in p ? String(p.key) : String(p)));

const LOW: Record<string, Bound> = { string: 'TOO_SHORT', number: 'TOO_SMALL', int: 'TOO_SMALL', bigint: 'TOO_SMALL', array: 'TOO_FEW', set: 'TOO_FEW' };
const HIGH: Record<string, Bound> = { string: 'TOO_LONG', number: 'TOO_LARGE', int: 'TOO_LARGE', bigint: 'TOO_LARGE', array: 'TOO_MANY', set: 'TOO_MANY' };

export function validationReason(issue: StandardSchemaV1.Issue): ValidationDetails {
  const i = issue as Issue;
  const path = pathOf(issue);
  const field = path.join('.');
  // The field's own name (not an index), for the pane to name it.
  const name = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? '';
  const at = (reason: Reason, extra: Record<string, string | number>): ValidationDetails => ({ reason, field, params: { field: name, ...extra } });
  if (i.code === 'too_small') {
    const min = Number(i.minimum ?? 0);
    if (i.origin === 'string' && min <= 1) return at('REQUIRED', {});
    return at(LOW[i.origin ?? ''] ?? 'TOO_SMALL', { min });
  }
  if (i.code === 'too_big') return at(HIGH[i.origin ?? ''] ?? 'TOO_LARGE', { max: Number(i.maximum ?? 0) });
  if (i.code === 'invalid_format' || i.code === 'invalid_string') return at('INVALID_FORMAT', {});
  return at('INVALID_VALUE', {});
}
