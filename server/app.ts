/**
 * The Quotabook server as one request handler: GraphQL (yoga) at /graphql,
 * /health and /ready, the task pane's files, the manifest, and office.js.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createYoga, type Plugin } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useGraphQlJit } from '@envelop/graphql-jit';
import sirv from 'sirv';
import compression from 'compression';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { schema } from './graphql/schema.ts';
import type { Context } from './context.ts';
import { fixedClock, systemClock, type Clock } from './clock.ts';
import type { Database } from './db/client.ts';
import type { Config } from './config.ts';
import { resolveSession } from './auth/sessions.ts';
import { useSessionCache } from './auth/session-cache.ts';
import { createThrottle } from './auth/throttle.ts';
import { lazyJobQueue, type JobQueue } from './jobs/queue.ts';
import { root } from './db/providers.ts';
import { maskError, safeLogger } from './logging.ts';
import { renderManifest } from './http/manifest.ts';
import { resultsDownload } from './http/results-download.ts';
import { planTemplateDownload } from './http/plan-template-download.ts';
import { planTemplatesZip } from './http/plan-templates-zip.ts';
import { jobFileDownload } from './http/job-file-download.ts';
import { armorReason, useCodedErrors, useCostLimit, useIntrospectionForSignedIn } from './graphql/edge.ts';
import { useRequestBodyLimit } from './graphql/body-limit.ts';

function isQuery(document: DocumentNode, operationName?: string | null): boolean {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  return op?.operation === 'query';
}

export const CSRF_HEADER = 'x-quotabook-csrf';
/** About the values a query may return: a 1,000-person roster page with the add-in's fields is about 20,000. */
export const MAX_QUERY_COST = 50_000;

/** Nothing the API answers may be stored by a browser or a proxy: roster and payroll are per user. */
const noStore: Plugin = {
  onResponse({ response }) {
    response.headers.set('cache-control', 'no-store');
    response.headers.set('vary', 'Authorization');
  },
};

/**
 * The caller's address for sign-in throttling: the socket's peer, or behind
 * `hops` trusted reverse proxies, the X-Forwarded-For entry the outermost of
 * them added (entries further left are the client's own word).
 */
export function clientAddress(request: Request, req: IncomingMessage | undefined, hops: number): string {
  const peer = req?.socket?.remoteAddress ?? 'unknown';
  if (hops <= 0) return peer;
  const chain = (request.headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? peer;
}

/** `clock` gives each request its moment, fixed when the request begins (a day does not change halfway through one). */
export function createGraphQL(db: Database, config: Config, jobs: JobQueue = lazyJobQueue(db, config), clock: Clock = systemClock) {
  const loginThrottle = createThrottle(db.prisma);
  // Who each token belongs to, kept briefly (identity only): shared by /graphql and the downloads, which resolve through db.prisma too.
  useSessionCache(db.prisma, { ttlMs: config.sessionCacheTtlMs, checkMs: config.sessionCacheCheckMs });
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: false,
    // The same limit, without streaming every body through a counter (graphql/body-limit.ts).
    maxRequestBodySize: false,
    // Coded client errors pass; anything else is "Unexpected error." and is logged without its message.
    maskedErrors: { maskError, isDev: false },
    logging: safeLogger(),
    cors: {
      origin: config.allowedOrigins,
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', CSRF_HEADER],
      maxAge: 600,
    },
    context: async ({ request, req }: { request: Request; req?: IncomingMessage }): Promise<Context> => {
      const session = await resolveSession(db.prisma, request.headers.get('authorization'));
      return {
        prisma: db.prisma,
        replica: db.replica,
        config,
        viewer: 'viewer' in session ? session.viewer : null,
        sessionProblem: 'problem' in session ? session.problem : null,
        clock: fixedClock(clock.now()),
        loginThrottle,
        jobs,
        clientAddress: clientAddress(request, req, config.trustProxyHops),
        memo: new Map(),
      };
    },
    plugins: [
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      useCodedErrors(),
      EnvelopArmorPlugin({
        // Depth counts introspection too: clients use schema/schema.graphql, not a live introspection.
        maxDepth: { n: 10, ignoreIntrospection: false, onReject: [armorReason('MAX_DEPTH', 10)] },
        maxAliases: { n: 10, onReject: [armorReason('MAX_ALIASES', 10)] },
        maxDirectives: { n: 20, onReject: [armorReason('MAX_DIRECTIVES', 20)] },
        maxTokens: { n: 2000, onReject: [armorReason('MAX_TOKENS', 2000)] },
        // Armor's cost rule runs before variables are known (a page size passed as a variable
        // would count 1): ours runs at execution, with them (graphql/edge.ts).
        costLimit: { enabled: false },
        blockFieldSuggestion: { enabled: true },
      }),
      useIntrospectionForSignedIn(),
      useCostLimit(MAX_QUERY_COST),
      useRequestBodyLimit(),
      {
        onRequest({ request, url, endResponse, fetchAPI }) {
          if (url.pathname !== '/ready') return;
          return db.prisma.$queryRawUnsafe('SELECT 1').then(
            () => endResponse(new fetchAPI.Response('ready', { status: 200 })),
            () => endResponse(new fetchAPI.Response('database unavailable', { status: 503 })),
          );
          void request;
        },
      } satisfies Plugin,
      noStore,
      // Compiles each query once (kept per parsed document, which yoga caches): a 1,000-row
      // roster page executes in a fraction of graphql-js's time. Queries only: graphql-jit
      // serialises literal arguments with JSON.stringify, which cannot hold the bigint a
      // Money literal parses to (mutations take money; they run on graphql-js).
      useGraphQlJit({}, { enableIf: ({ document, operationName }) => isQuery(document, operationName) }),
    ],
  });
}

export function createApp(db: Database, config: Config, options: { clock?: Clock } = {}) {
  const jobs = lazyJobQueue(db, config);
  const yoga = createGraphQL(db, config, jobs, options.clock);
  // The pane's files, precompressed at build (brotli, gzip); hashed bundles are cached for good, the rest revalidated.
  const addin = fs.existsSync(config.addinDir) ? sirv(config.addinDir, { dev: false, etag: true, brotli: true, gzip: true, setHeaders: assetCaching }) : null;
  const manifestXml = renderManifest(config.publicUrl);
  const officeJsDir = path.join(root, 'node_modules', '@microsoft', 'office-js', 'dist');
  const officeJs = config.officeJsBase === 'local' ? sirv(officeJsDir, { dev: false }) : null;

  // GraphQL answers compressed when the client accepts it (brotli, gzip): a 10,000-person payroll is
  // 21 MB of JSON and about 2 MB gzipped. The `compression` middleware negotiates Accept-Encoding,
  // sets Vary and skips answers under 1 KB; brotli at quality 4 keeps the CPU cost near gzip's.
  const compress = compression({ threshold: 1024 }) as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  const results = resultsDownload(db, config);
  const planTemplates = planTemplateDownload(db, config);
  const teamTemplates = planTemplatesZip(db, config);
  const jobFiles = jobFileDownload(db);
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const pathname = url.split('?')[0]!;
    if (pathname === '/graphql') return compress(req, res, () => void yoga(req, res));
    if (pathname === '/health' || pathname === '/ready') return yoga(req, res);
    if (pathname.startsWith('/office-js/')) {
      const rest = url.slice('/office-js/'.length);
      if (officeJs) {
        req.url = `/${rest}`;
        return officeJs(req, res, () => notFound(res));
      }
      res.writeHead(302, { location: new URL(rest, config.officeJsBase).toString() });
      return res.end();
    }
    if (pathname === '/results.xlsx') {
      results(req, res).catch((e: unknown) => {
        console.error('results.xlsx failed', e instanceof Error ? e.name : typeof e);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Unexpected error.');
      });
      return;
    }
    if (pathname === '/plan-template.xlsx') {
      planTemplates(req, res).catch((e: unknown) => {
        console.error('plan-template.xlsx failed', e instanceof Error ? e.name : typeof e);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Unexpected error.');
      });
      return;
    }
    if (pathname === '/plan-templates.zip') {
      teamTemplates(req, res).catch((e: unknown) => {
        console.error('plan-templates.zip failed', e instanceof Error ? e.name : typeof e);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Unexpected error.');
      });
      return;
    }
    if (pathname.startsWith('/job-files/')) {
      jobFiles(req, res).catch((e: unknown) => {
        console.error('job file download failed', e instanceof Error ? e.name : typeof e);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Unexpected error.');
      });
      return;
    }
    if (pathname === '/manifest.xml') {
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'no-cache' });
      return res.end(manifestXml);
    }
    if (pathname === '/favicon.ico') {
      res.writeHead(301, { location: '/assets/icon-32.png' });
      return res.end();
    }
    if (pathname === '/') {
      res.writeHead(302, { location: '/taskpane.html' });
      return res.end();
    }
    if (addin) return addin(req, res, () => notFound(res));
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The task pane has not been built: run `npm run build:addin`.');
  };
  return { yoga, handle, jobs };
}

/** Vite's content-hashed bundles ("index-B1a2c3D4.js") never change: cache them for a year; revalidate everything else. */
export const HASHED_ASSET = /-[\w-]{8}\.(?:js|css|mjs)$/;
function assetCaching(res: ServerResponse, pathname: string) {
  res.setHeader('cache-control', HASHED_ASSET.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}
