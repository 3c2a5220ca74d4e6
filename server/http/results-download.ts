/**
 * GET /results.xlsx: the achievement query's answer as a workbook, for
 * people without the add-in (issue 10 §5). Same parameters as the GraphQL
 * `achievement` query (period, grain, metric, unitId, personId, by, asOf)
 * plus `lang` (zh-CN or en), the same bearer token and the same scope
 * filtering; refusals are the API's codes and reasons as JSON (a workbook
 * of more rows than RESULTS_XLSX_MAX_ROWS too), all before the first byte;
 * the workbook itself is streamed. Never cached.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Database } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Context } from '../context.ts';
import { systemClock } from '../clock.ts';
import { resolveSession } from '../auth/sessions.ts';
import { createThrottle } from '../auth/throttle.ts';
import { ReaderGone, resultsWorkbook, type ResultsWorkbook } from '../results/download.ts';
import { GRAINS, type Grain } from '../../schema/results.ts';
import { isMetric } from '../../schema/metrics.ts';
import { isIsoDay } from '../../schema/dates.ts';
import type { ActualsQuery } from '../results/actuals.ts';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };
const BY = ['PERSON', 'CHILD_UNIT', 'UNIT'] as const;

function refuse(res: ServerResponse, code: string, reason: string, params: Record<string, string | number>, message: string) {
  res.writeHead(STATUS[code] ?? 500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, reason, params } }] }));
}

export function resultsDownload(db: Database, config: Config) {
  const loginThrottle = createThrottle(db.prisma);
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET') return refuse(res, 'BAD_USER_INPUT', 'INVALID_VALUE', { field: 'method' }, 'Use GET.');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const q = url.searchParams;
    const session = await resolveSession(db.prisma, req.headers.authorization ?? null);
    if (!('viewer' in session)) return refuse(res, 'UNAUTHENTICATED', 'SIGN_IN_REQUIRED', {}, 'Sign in first: send the bearer token the login mutation gave.');
    const grain = q.get('grain') ?? 'MONTH';
    const metric = q.get('metric') ?? 'SALES_AMOUNT';
    const by = q.get('by');
    const asOf = q.get('asOf');
    const lang = q.get('lang') === 'en' ? 'en' : 'zh-CN';
    const period = q.get('period') ?? '';
    for (const [field, ok] of [
      ['period', /^[\w-]{4,16}$/.test(period)],
      ['grain', (GRAINS as readonly string[]).includes(grain)],
      ['metric', isMetric(metric)],
      ['by', by === null || (BY as readonly string[]).includes(by)],
      ['asOf', asOf === null || isIsoDay(asOf)],
    ] as const) {
      if (!ok) return refuse(res, 'BAD_USER_INPUT', 'INVALID_VALUE', { field }, `The parameter ${field} is not valid.`);
    }
    const ctx: Context = { prisma: db.prisma, config, viewer: session.viewer, sessionProblem: null, clock: systemClock, loginThrottle, memo: new Map() };
    const query: ActualsQuery = {
      periodKey: period,
      grain: grain as Grain,
      metric: metric as ActualsQuery['metric'],
      unitId: q.get('unitId'),
      personId: q.get('personId'),
      by: by as ActualsQuery['by'],
      asOf: asOf,
    };
    let workbook: ResultsWorkbook;
    try {
      // Everything that may refuse happens here, before the first byte: the scope, the parameters, the size.
      workbook = await resultsWorkbook(ctx, query, lang, config.resultsXlsxMaxRows);
    } catch (e) {
      if (e instanceof GraphQLError && typeof e.extensions.code === 'string') {
        return refuse(res, e.extensions.code, String(e.extensions.reason ?? ''), (e.extensions.params ?? {}) as Record<string, string | number>, e.message);
      }
      throw e;
    }
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="results-${period}.xlsx"`,
      'cache-control': 'no-store',
    });
    try {
      await workbook.writeTo(res);
    } catch (e) {
      // The status has gone out: cut the response so that the reader sees a failed download, never a short file.
      res.destroy();
      if (!(e instanceof ReaderGone)) console.error('results.xlsx failed while streaming', e instanceof Error ? e.name : typeof e);
    }
  };
}
