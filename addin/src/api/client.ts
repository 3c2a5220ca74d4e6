/**
 * The GraphQL client (urql). One client per signed-in session, with no
 * cache exchange: roster and payroll answers are never kept, and never
 * shared between users. Every request carries the bearer token and the CSRF
 * header the server requires; queries go as POST.
 */
import { Client, CombinedError, fetchExchange } from '@urql/core';

export const CSRF_HEADER = 'x-quotabook-csrf';

export function createClient(serverUrl: string, token: string | null): Client {
  return new Client({
    url: new URL('/graphql', serverUrl).toString(),
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => ({
      headers: { [CSRF_HEADER]: '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }),
  });
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** The first error's message and code, or the network failure. */
export function toApiError(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (first) return new ApiError(first.message, first.extensions?.code as string | undefined);
  return new ApiError(error.networkError?.message ?? error.message, 'NETWORK');
}

export async function run<T>(client: Client, query: string, variables: Record<string, unknown> = {}, mutation = false): Promise<T> {
  const result = mutation ? await client.mutation<T>(query, variables).toPromise() : await client.query<T>(query, variables).toPromise();
  if (result.error) throw toApiError(result.error);
  return result.data as T;
}
