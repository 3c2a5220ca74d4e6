/**
 * The errors a client may see. Everything else is masked by yoga as an
 * "Unexpected error". Each carries extensions.code; input errors also carry
 * the path of the offending field.
 */
import { GraphQLError } from 'graphql';

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'CONFLICT' | 'NOT_FOUND';

export function clientError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (field: (string | number)[], message: string) =>
  clientError('BAD_USER_INPUT', message, { field: field.join('.') });
export const notFound = (what: string, id: string) => clientError('NOT_FOUND', `${what} ${id} was not found`);
export const conflict = (what: string, id: string, version: number) =>
  clientError('CONFLICT', `${what} ${id} was changed by someone else (your version ${version} is stale); reload and try again`);
export const forbidden = (message = 'You are not allowed to do this') => clientError('FORBIDDEN', message);
