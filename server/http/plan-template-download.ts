/**
 * GET /plan-template.xlsx?month=2027-01[&personId=…][&lang=en]: a rep's plan
 * template workbook (issue 11 §1), their own or, for a manager handing them
 * out, a person's in a unit they manage; the same bearer token as the API;
 * refusals are the API's codes and reasons as JSON. Never cached.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Database } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Context } from '../context.ts';
import { systemClock } from '../clock.ts';
import { resolveSession } from '../auth/sessions.ts';
import { createThrottle } from '../auth/throttle.ts';
import { planTemplate, templateFileName } from '../rep-plans/template.ts';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

function refuse(res: ServerResponse, code: string, reason: string, params: Record<string, string | number>, message: string) {
  res.writeHead(STATUS[code] ?? 500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, reason, params } }] }));
}

export function planTemplateDownload(db: Database, config: Config) {
  const loginThrottle = createThrottle(db.prisma);
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET') return refuse(res, 'BAD_USER_INPUT', 'INVALID_VALUE', { field: 'method' }, 'Use GET.');
    const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const session = await resolveSession(db.prisma, req.headers.authorization ?? null);
    if (!('viewer' in session)) return refuse(res, 'UNAUTHENTICATED', 'SIGN_IN_REQUIRED', {}, 'Sign in first: send the bearer token the login mutation gave.');
    const personId = q.get('personId') ?? session.viewer.personId;
    if (!personId) return refuse(res, 'FORBIDDEN', 'REP_PLAN_ONLY_OWN', {}, 'Only people with a place in the organisation have plans.');
    if (!/^[\w-]{1,64}$/.test(personId)) return refuse(res, 'BAD_USER_INPUT', 'INVALID_VALUE', { field: 'personId' }, 'The parameter personId is not valid.');
    const ctx: Context = { prisma: db.prisma, config, viewer: session.viewer, sessionProblem: null, clock: systemClock, loginThrottle, memo: new Map() };
    let file: Buffer;
    try {
      file = await planTemplate(ctx, personId, q.get('month') ?? '', q.get('lang') === 'en' ? 'en' : 'zh-CN');
    } catch (e) {
      if (e instanceof GraphQLError && typeof e.extensions.code === 'string') {
        return refuse(res, e.extensions.code, String(e.extensions.reason ?? ''), (e.extensions.params ?? {}) as Record<string, string | number>, e.message);
      }
      throw e;
    }
    const person = await db.prisma.person.findUniqueOrThrow({ where: { id: personId }, select: { employeeNo: true } });
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${templateFileName(person.employeeNo, (q.get('month') ?? '').trim())}"`,
      'content-length': String(file.length),
      'cache-control': 'no-store',
    });
    res.end(file);
  };
}
