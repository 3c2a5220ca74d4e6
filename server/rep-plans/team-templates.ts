/**
 * The plan template of every rep in the units a manager (director, admin)
 * looks after — or in one of them — for a month, one .xlsx each in a zip,
 * for the manager to hand out (issue 11 §1). Who is in it is the Rep plans
 * roster's rule (roster.ts: reps assigned to those units during the month);
 * each template is the one GET /plan-template.xlsx gives. Made by
 * GET /plan-templates.zip within the request, and as a job
 * (`startPlanTemplatesZip`) with its progress, off the request path.
 */
import type { Context } from '../context.ts';
import type { Role } from '../db/generated/sqlite/client/enums.ts';
import { clientError, forbidden } from '../errors.ts';
import { planTemplate, templateFileName } from './template.ts';
import { repPlanRoster, type RepPlanRosterRow } from './roster.ts';
import { format, words } from '../../addin/src/i18n.ts';
// jszip is loaded with the first zip, not at start.

/** Who hands out templates: the roles that see the Rep plans screen's units. */
export const TEMPLATE_ZIP_ROLES: readonly Role[] = ['MANAGER', 'DIRECTOR', 'ADMIN'];
/** At most this many templates in one zip (about 12 KB and 130 ms each). */
export const MAX_TEMPLATES = 2_000;

export type TemplateLanguage = 'zh-CN' | 'en';

export interface TeamTemplates {
  month: string;
  /** In the language of the templates. */
  fileName: string;
  templates: number;
  bytes: Buffer;
}

/**
 * The reps whose templates go in the zip, checked as the zip's request is:
 * a role that hands out templates, a valid month, a unit the viewer looks
 * after (else NOT_FOUND), and no more than MAX_TEMPLATES of them.
 */
export async function teamTemplateRoster(ctx: Context, month: string, unitId: string | null): Promise<RepPlanRosterRow[]> {
  if (!ctx.viewer?.roles.some((r) => TEMPLATE_ZIP_ROLES.includes(r))) throw forbidden('ROLE_NOT_ALLOWED', 'Only managers, directors and admins hand out plan templates.');
  const roster = await repPlanRoster(ctx, month, unitId);
  if (roster.length > MAX_TEMPLATES) throw clientError('BAD_USER_INPUT', `More than ${MAX_TEMPLATES} reps: choose a unit.`, { field: 'unitId', reason: 'TOO_MANY', params: { field: 'unitId', max: MAX_TEMPLATES } });
  return roster;
}

/** The zip's name as GET /plan-templates.zip has always given it (ASCII, for scripts). */
export const teamTemplatesFileName = (month: string) => `plan-templates-${month.replace(/[^\w-]/g, '')}.zip`;
/** The zip's name in the reader's language (计划模板-2027-01.zip), as the pane offers it. */
const localFileName = (month: string, lang: TemplateLanguage) => format(words[lang].repPlans.template.zipName, { month: month.replace(/[^\w-]/g, '') });

/** Makes the zip, one template after another (each reads its rep's plan, target and customers); `progress` gets templates done and to do. */
export async function teamTemplates(
  ctx: Context,
  monthText: string,
  unitId: string | null,
  lang: TemplateLanguage,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<TeamTemplates> {
  const roster = await teamTemplateRoster(ctx, monthText, unitId);
  const month = monthText.trim();
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  progress(0, roster.length);
  for (const [i, row] of roster.entries()) {
    zip.file(templateFileName(row.employeeNo, month), await planTemplate(ctx, row.personId, month, lang));
    progress(i + 1, roster.length);
  }
  // The templates are compressed already (each .xlsx is a zip): stored as they are.
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  return { month, fileName: localFileName(month, lang), templates: roster.length, bytes };
}
