/**
 * The largest request body /graphql takes, as graphql-yoga's own limit
 * (`maxRequestBodySize`, 25 MB) but cheaper for the common request (issue 12
 * §5). yoga's plugin piped every body through a TransformStream to count its
 * bytes; node's stream pipeline behind it made an AbortController per request
 * and aborted it at the end, building a DOMException with its stack: 8 % of
 * the server's CPU under `npm run load`, most of what a small query costs
 * beyond its answer. A body with a Content-Length is framed by it (Node's
 * HTTP parser reads no more, and refuses a request that also says
 * Transfer-Encoding), so the header alone is checked; only a body without
 * one (chunked) is counted as it streams, as yoga does.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** yoga's default. An import's file is limited far below it (imports/tabular-file.ts). */
export const MAX_REQUEST_BODY = 25_000_000;

const tooLarge = () => createGraphQLError('Request body too large', { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' } });
const invalidLength = () => createGraphQLError('Content-Length header is invalid.', { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });

/** Only one non-negative integer is a Content-Length (a list is a request-smuggling attempt). */
const CONTENT_LENGTH = /^\d+$/;

type FetchAPI = { Request: typeof Request; TransformStream: typeof TransformStream };

/** The request with its body counted as it is read: an error past `limit` bytes (yoga's `limitRequestBodySize`, which its package does not export). */
function counted(request: Request, limit: number, fetchAPI: FetchAPI): Request {
  // A native ReadableStream needs the native TransformStream (graphql-yoga#4583).
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' } as RequestInit);
}

/** Use with `maxRequestBodySize: false`, after the request parsers (it wraps the one chosen). */
export function useRequestBodyLimit(limit = MAX_REQUEST_BODY): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get('content-length');
      if (length !== null) {
        if (!CONTENT_LENGTH.test(length)) throw invalidLength();
        if (Number(length) > limit) throw tooLarge();
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((req) => parse(counted(req, limit, fetchAPI as unknown as FetchAPI)));
    },
  };
}
