/**
 * The errors a client may see. Everything else is masked by yoga as an
 * "Unexpected error". Each carries extensions.code, extensions.reason (a code
 * of schema/reasons.ts) and extensions.params (the values the reason's
 * message names, as the registry declares them); input errors also carry the
 * path of the offending field. The English message stays for API clients;
 * the task pane renders the reason from its catalogue in the user's language.
 */
import { GraphQLError } from 'graphql';
import type { Reason, ReasonParams } from '../schema/reasons.ts';

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'CONFLICT' | 'NOT_FOUND';

/** The params argument a reason takes: none when the registry declares none. */
export type ParamsArg<R extends Reason> = [keyof ReasonParams<R>] extends [never] ? [params?: Record<string, never>] : [params: ReasonParams<R>];

/** A refusal's details: the reason, its params, the field and anything else a client may use (problems, rows…). */
export type Details<R extends Reason> = { reason: R; field?: string; [extra: string]: unknown } & ([keyof ReasonParams<R>] extends [never]
  ? { params?: Record<string, never> }
  : { params: ReasonParams<R> });

/** The extensions of a refusal, for errors built outside clientError (a scalar's plain Error, the edge). */
export function reasonExtensions<R extends Reason>(code: string, details: Details<R>): Record<string, unknown> {
  const { reason, params, ...extra } = details;
  return { code, ...extra, reason, params: params ?? {} };
}

export function clientError<R extends Reason>(code: ErrorCode, message: string, details: Details<R>): GraphQLError {
  return new GraphQLError(message, { extensions: reasonExtensions(code, details) });
}

/** A refusal whose reason is chosen at run time (a validation issue, a rule's problem): still a registered Reason. */
export type AnyDetails = { reason: Reason; params: Record<string, string | number>; field?: string; [extra: string]: unknown };
export const dynamicClientError = (code: ErrorCode, message: string, details: AnyDetails) =>
  new GraphQLError(message, { extensions: reasonExtensions(code, details as unknown as Details<Reason>) });

export const badInput = <R extends Reason>(field: (string | number)[], message: string, reason: R, ...params: ParamsArg<R>) =>
  clientError('BAD_USER_INPUT', message, { field: field.join('.'), reason, params: params[0] ?? {} } as Details<R>);

/** The things a client may ask for by id, and the reason each one's absence gives. */
const NOT_FOUND = {
  User: 'USER_NOT_FOUND',
  Person: 'PERSON_NOT_FOUND',
  OrgUnit: 'ORG_UNIT_NOT_FOUND',
  LeaveRequest: 'LEAVE_REQUEST_NOT_FOUND',
  PayrollRun: 'PAYROLL_RUN_NOT_FOUND',
  TargetPlan: 'TARGET_PLAN_NOT_FOUND',
  WorkingCalendarDay: 'CALENDAR_DAY_NOT_FOUND',
  Scorecard: 'SCORECARD_NOT_FOUND',
  RankingAdjustmentProposal: 'RANKING_PROPOSAL_NOT_FOUND',
  Job: 'JOB_NOT_FOUND',
} as const satisfies Record<string, Reason>;

/** What may be changed by someone else between a read and a write, and the reason a stale write gives. */
const STALE = {
  Person: 'PERSON_CHANGED',
  OrgUnit: 'ORG_UNIT_CHANGED',
  PayrollRun: 'PAYROLL_RUN_CHANGED',
  TargetPlan: 'TARGET_PLAN_CHANGED',
  KpiIndicatorSet: 'KPI_SET_CHANGED',
  Scorecard: 'SCORECARD_CHANGED',
} as const satisfies Record<string, Reason>;

export const notFound = (what: keyof typeof NOT_FOUND, id: string) =>
  clientError('NOT_FOUND', `${what} ${id} was not found`, { reason: NOT_FOUND[what], params: { id } });
export const conflict = (what: keyof typeof STALE, id: string, version: number) =>
  clientError('CONFLICT', `${what} ${id} was changed by someone else (your version ${version} is stale); reload and try again`, {
    reason: STALE[what],
    params: { id, version },
  });
export const forbidden = <R extends Reason>(reason: R, message: string, ...params: ParamsArg<R>) =>
  clientError('FORBIDDEN', message, { reason, params: params[0] ?? {} } as Details<R>);

/** Every reason the helpers above emit on their own (for the registry scan). */
export const HELPER_REASONS: readonly Reason[] = [...Object.values(NOT_FOUND), ...Object.values(STALE)];

/** A unique constraint refused the write (Prisma P2002): someone else wrote the same row first. */
export const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';

/** Prisma's codes for a database that did not answer in time: operations timed out (SQLite's busy wait among them), no pooled connection in time, a transaction past its timeout. */
const TIMED_OUT_CODES = new Set(['P1008', 'P2024', 'P2028']);
/** PostgreSQL's: a statement cancelled (statement_timeout) and a lock not granted in time (lock_timeout). */
const TIMED_OUT_SQLSTATES = new Set(['57014', '55P03']);

/**
 * The database gave up waiting rather than refused: a statement ran past
 * DB_STATEMENT_TIMEOUT_MS, another writer held SQLite past its wait, the pool
 * had no connection free in time. Nothing was written (the statement, or
 * its transaction, was rolled back); trying again later may succeed.
 */
export function isDatabaseBusy(e: unknown): boolean {
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const error = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown } } }; cause?: unknown };
    if (typeof error.code === 'string' && (TIMED_OUT_CODES.has(error.code) || TIMED_OUT_SQLSTATES.has(error.code))) return true;
    const driver = error.meta?.driverAdapterError?.cause;
    if (driver && [driver.code, driver.originalCode].some((c) => typeof c === 'string' && TIMED_OUT_SQLSTATES.has(c))) return true;
    e = error.cause;
  }
  return false;
}
