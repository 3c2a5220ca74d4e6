/**
 * GET /plan-templates.zip?month=2027-01[&unitId=…][&lang=en]: the plan
 * template of every rep in the units a manager (director, admin) looks
 * after — or in one of them — for a month, one .xlsx each in a zip, for the
 * manager to hand out (issue 11 §1). Who is in it is the Rep plans roster's
 * rule (server/rep-plans/roster.ts: reps assigned to those units during the
 * month); each template is the one GET /plan-template.xlsx gives. Same
 * bearer token as the API; refusals are the API's codes and reasons as JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
// jszip is loaded with the first zip, not at start.
import type { Database } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Context } from '../graphql/context.ts';
import { resolveSession } from '../auth/sessions.ts';
import { createThrottle } from '../auth/throttle.ts';
import { planTemplate, templateFileName } from '../rep-plans/template.ts';
import { repPlanRoster } from '../rep-plans/roster.ts';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };
/** Who hands out templates: the roles that see the Rep plans screen's units. */
export const TEMPLATE_ZIP_ROLES = ['MANAGER', 'DIRECTOR', 'ADMIN'];
/** At most this many templates in one zip (about 12 KB and 130 ms each). */
export const MAX_TEMPLATES = 2_000;

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
    if (!session.viewer.roles.some((r) => TEMPLATE_ZIP_ROLES.includes(r))) return refuse(res, 'FORBIDDEN', 'ROLE_NOT_ALLOWED', {}, 'Only managers, directors and admins hand out plan templates.');
    const unitId = q.get('unitId');
    if (unitId !== null && !/^[\w-]{1,64}$/.test(unitId)) return refuse(res, 'BAD_USER_INPUT', 'INVALID_VALUE', { field: 'unitId' }, 'The parameter unitId is not valid.');
    const ctx: Context = { prisma: db.prisma, config, viewer: session.viewer, sessionProblem: null, loginThrottle, memo: new Map() };
    const lang = q.get('lang') === 'en' ? 'en' : 'zh-CN';
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    let month = '';
    try {
      const roster = await repPlanRoster(ctx, q.get('month') ?? '', unitId);
      if (roster.length > MAX_TEMPLATES) return refuse(res, 'BAD_USER_INPUT', 'TOO_MANY', { field: 'unitId', max: MAX_TEMPLATES }, `More than ${MAX_TEMPLATES} reps: choose a unit.`);
      month = (q.get('month') ?? '').trim();
      // One after another: each template reads its rep's plan, target and customers.
      for (const row of roster) zip.file(templateFileName(row.employeeNo, month), await planTemplate(ctx, row.personId, month, lang));
    } catch (e) {
      if (e instanceof GraphQLError && typeof e.extensions.code === 'string') {
        return refuse(res, e.extensions.code, String(e.extensions.reason ?? ''), (e.extensions.params ?? {}) as Record<string, string | number>, e.message);
      }
      throw e;
    }
    // The templates are compressed already (each .xlsx is a zip): stored as they are.
    const file = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="plan-templates-${month.replace(/[^\w-]/g, '')}.zip"`,
      'content-length': String(file.length),
      'cache-control': 'no-store',
    });
    res.end(file);
  };
}
