/**
 * What the server writes to its log, and which errors reach clients unmasked.
 *
 * Logs never carry personal data: an error's message can quote a name, a
 * salary or a query's parameters (Prisma's invocation errors print their
 * arguments; a failed SQL statement's message can quote its text), so an
 * error is logged as its class, its codes (Prisma, driver, SQLSTATE), the
 * GraphQL path and the stack frames, never its message or cause text.
 */
import { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { Reason } from '../schema/reasons.ts';
import { isDatabaseBusy } from './errors.ts';

type Logger = Record<'debug' | 'info' | 'warn' | 'error', (...args: unknown[]) => void>;

const CODE_KEYS = ['code', 'errorCode', 'originalCode', 'kind', 'sqlState'] as const;

/** Class, codes and stack frames of an error and its causes; no message text. */
export function describeError(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 4) return typeof error === 'object' && error !== null ? `[${(error as object).constructor?.name ?? 'object'}]` : `[${typeof error}]`;
  const codes: string[] = [];
  for (const key of CODE_KEYS) {
    const v = (error as unknown as Record<string, unknown>)[key];
    if (typeof v === 'string' || typeof v === 'number') codes.push(`${key}=${String(v).slice(0, 40)}`);
  }
  const ext = error instanceof GraphQLError ? error.extensions : undefined;
  if (ext && typeof ext.code === 'string') codes.push(`extensions.code=${ext.code}`);
  const path = error instanceof GraphQLError && error.path ? ` path=${error.path.join('.')}` : '';
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 8)
    .join('\n');
  const inner = error instanceof GraphQLError ? error.originalError : (error as { cause?: unknown }).cause;
  const cause = inner && inner !== error ? `\n  caused by ${describeError(inner, depth + 1)}` : '';
  return `${error.name}${codes.length ? ` (${codes.join(', ')})` : ''}${path}${frames ? `\n${frames}` : ''}${cause}`;
}

const CLIENT_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND']);

/** A GraphQL error whose innermost cause is a coded client error (thrown as a plain Error with extensions). */
function isClientRefusal(error: unknown): boolean {
  let e: unknown = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  const code = (e as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return e !== error && typeof code === 'string' && CLIENT_CODES.has(code);
}

const redact = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : describeError(a)));

/** yoga's logger: errors and warnings described without their messages; debug off. */
export function safeLogger(sink: Pick<Console, 'error' | 'warn' | 'info'> = console): Logger {
  return {
    debug: () => undefined,
    info: (...args) => sink.info('[quotabook]', ...redact(args)),
    warn: (...args) => sink.warn('[quotabook] warning:', ...redact(args)),
    error: (...args) => {
      // yoga logs every error its masking replaced, coded client refusals (e.g. a bad Money variable) included: those are not faults.
      if (args.length === 1 && isClientRefusal(args[0])) return;
      sink.error('[quotabook] unexpected error:', ...redact(args));
    },
  };
}


/**
 * Masks every error but coded client errors. A coded error thrown as a plain
 * Error with `extensions.code` (as scalars do, so that graphql-js keeps the
 * extensions when it wraps a bad variable) passes too.
 */
export function maskError(error: unknown, message: string): Error {
  if (error instanceof GraphQLError) {
    let original: unknown = error;
    while (original instanceof GraphQLError && original.originalError) original = original.originalError;
    if (original instanceof GraphQLError) return error;
    const code = (original as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      return createGraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { ...(error.extensions ?? {}) } });
    }
    if (isDatabaseBusy(original)) return createGraphQLError(message, { nodes: error.nodes, path: error.path, extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_BUSY' satisfies Reason, params: {} } });
    return createGraphQLError(message, { nodes: error.nodes, path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL' satisfies Reason, params: {}, unexpected: true, ...(error.extensions?.http ? { http: error.extensions.http } : {}) } });
  }
  return createGraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL' satisfies Reason, params: {}, unexpected: true } });
}
