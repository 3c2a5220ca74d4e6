/**
 * GET /plan-templates.zip?month=2027-01[&unitId=…][&lang=en]: the team's
 * plan templates as one zip, made within the request (rep-plans/
 * team-templates.ts; the pane makes it as a job, `startPlanTemplatesZip`).
 * Same bearer token as the API; refusals are the API's codes and reasons as JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Database } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Context } from '../context.ts';
import { systemClock } from '../clock.ts';
import { resolveSession } from '../auth/sessions.ts';
import { createThrottle } from '../auth/throttle.ts';
import { teamTemplates, teamTemplatesFileName } from '../rep-plans/team-templates.ts';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

function refuse(res: ServerResponse, code: string, reason: string, params: Record<string, string | number>, message: string) {
  res.writeHead(STATUS[code] ?? 500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, reason, params } }] }));
}

export function planTemplatesZip(db: Database, config: Config) {
  const loginThrottle = createThrottle(db.prisma);
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET') return refuse(res, 'BAD_USER_INPUT', 'INVALID_VALUE', { field: 'method' }, 'Use GET.');
    const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const session = await resolveSession(db.prisma, req.headers.authorization ?? null);
    if (!('viewer' in session)) return refuse(res, 'UNAUTHENTICATED', 'SIGN_IN_REQUIRED', {}, 'Sign in first: send the bearer token the login mutation gave.');
    const unitId = q.get('unitId');
    if (unitId !== null && !/^[\w-]{1,64}$/.test(unitId)) return refuse(res, 'BAD_USER_INPUT', 'INVALID_VALUE', { field: 'unitId' }, 'The parameter unitId is not valid.');
    const ctx: Context = { prisma: db.prisma, config, viewer: session.viewer, sessionProblem: null, clock: systemClock, loginThrottle, memo: new Map() };
    let zip;
    try {
      zip = await teamTemplates(ctx, q.get('month') ?? '', unitId, q.get('lang') === 'en' ? 'en' : 'zh-CN');
    } catch (e) {
      if (e instanceof GraphQLError && typeof e.extensions.code === 'string') {
        return refuse(res, e.extensions.code, String(e.extensions.reason ?? ''), (e.extensions.params ?? {}) as Record<string, string | number>, e.message);
      }
      throw e;
    }
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${teamTemplatesFileName(zip.month)}"`,
      'content-length': String(zip.bytes.length),
      'cache-control': 'no-store',
    });
    res.end(zip.bytes);
  };
}
