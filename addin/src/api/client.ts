/**
 * The GraphQL client (urql). One client per signed-in session, with no
 * cache exchange: roster and payroll answers are never kept, and never
 * shared between users. Every request carries the bearer token and the CSRF
 * header the server requires; queries go as POST. A request that gets no
 * answer within the timeout (30 s unless told) is abandoned with a TIMEOUT
 * error, so the pane can say so and offer to try again.
 */
import { Client, CombinedError, fetchExchange } from '@urql/core';

export const CSRF_HEADER = 'x-quotabook-csrf';

/** How long a request may take before the pane gives up on it. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** What a request abandoned for taking too long rejects with. */
export class RequestTimeout extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly ms: number) {
    super(`No answer within ${Math.round(ms / 1000)} s`);
  }
}

/** fetch, abandoned after `ms` (and still abandoned when the caller aborts). */
export function fetchWithTimeout(ms: number, base: typeof fetch = (...a) => fetch(...a)): typeof fetch {
  return (input, init) => {
    const controller = new AbortController();
    const outer = init?.signal;
    const timeout = new RequestTimeout(ms);
    if (outer) {
      if (outer.aborted) controller.abort(outer.reason);
      else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
    }
    const timer = setTimeout(() => controller.abort(timeout), ms);
    return base(input, { ...init, signal: controller.signal })
      .catch((error: unknown) => {
        throw controller.signal.reason === timeout ? timeout : error;
      })
      .finally(() => clearTimeout(timer));
  };
}

/** Each client's server, for the links the server gives relative to itself (a download). */
const servers = new WeakMap<Client, string>();

/** An address the server gave relative to itself (`/job-files/…`), made whole against the client's server. */
export function serverLink(client: Client, path: string): string {
  return new URL(path, servers.get(client) ?? window.location.origin).toString();
}

export function createClient(serverUrl: string, token: string | null, options: { timeoutMs?: number; fetch?: typeof fetch } = {}): Client {
  const client = new Client({
    url: new URL('/graphql', serverUrl).toString(),
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetch: fetchWithTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.fetch),
    fetchOptions: () => ({
      headers: { [CSRF_HEADER]: '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }),
  });
  servers.set(client, serverUrl);
  return client;
}

/**
 * A refusal or failure as the pane shows it: the server's code, reason
 * (schema/reasons.ts), params and field, or code NETWORK (the server could
 * not be reached) or TIMEOUT (it did not answer in time, `timeoutMs`).
 * `message` is the server's English text, for logs.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly reason?: string,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
    readonly timeoutMs?: number,
    /** Every problem the server named, when it refused a set at once (each with its reason, params, field and item). */
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

export interface ApiIssue {
  reason: string;
  params: Record<string, string | number>;
  field?: string;
  item?: { kind: string; period: string };
}

/** The first error's message, code, reason and params, or the network failure. */
export function toApiError(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (first) {
    const ext = (first.extensions ?? {}) as { code?: unknown; reason?: unknown; params?: unknown; field?: unknown; issues?: unknown; problems?: unknown; item?: unknown };
    const issues = Array.isArray(ext.issues) ? (ext.issues as ApiIssue[]).filter((i) => i && typeof i.reason === 'string') : [];
    // A refused plan document names its problems by path in the document (the field each is about).
    if (Array.isArray(ext.problems)) {
      for (const p of ext.problems as { path?: unknown; reason?: unknown; params?: unknown }[]) {
        if (p && typeof p.reason === 'string' && typeof p.path === 'string') issues.push({ reason: p.reason, params: (p.params as ApiIssue['params']) ?? {}, field: p.path });
      }
    }
    return new ApiError(
      first.message,
      typeof ext.code === 'string' ? ext.code : undefined,
      typeof ext.reason === 'string' ? ext.reason : undefined,
      ext.params && typeof ext.params === 'object' ? (ext.params as Record<string, string | number>) : {},
      typeof ext.field === 'string' ? ext.field : undefined,
      undefined,
      issues.map((i) => ({ ...i, params: i.params ?? {} })),
    );
  }
  const cause = error.networkError;
  if (cause instanceof RequestTimeout) return new ApiError(cause.message, 'TIMEOUT', undefined, {}, undefined, cause.ms);
  return new ApiError(cause?.message ?? error.message, 'NETWORK');
}

export async function run<T>(client: Client, query: string, variables: Record<string, unknown> = {}, mutation = false): Promise<T> {
  const result = mutation ? await client.mutation<T>(query, variables).toPromise() : await client.query<T>(query, variables).toPromise();
  if (result.error) throw toApiError(result.error);
  return result.data as T;
}
