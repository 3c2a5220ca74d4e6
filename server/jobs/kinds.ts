/**
 * What can run as a job, who may start and watch each kind, and how it runs.
 * A kind's `run` does the work through the domain services with the
 * requester as viewer, reports progress, and calls `finish` inside its own
 * transaction so that the job's success commits with its effect.
 */
import type { Role } from '../db/generated/sqlite/client/enums.ts';
import type { Prisma } from '../db/client.ts';
import type { Context } from '../context.ts';
import { calculateRun } from '../payroll/runs.ts';
import { publishRanking, type RankingQuery } from '../results/ranking.ts';
import { importAttendanceFrom, importSalesFrom } from '../imports/preview.ts';
import type { SheetGrid } from '../imports/sources.ts';
import { teamTemplates, TEMPLATE_ZIP_ROLES, type TemplateLanguage } from '../rep-plans/team-templates.ts';
import { dropInput, inputOf, keepOutput } from './job-files.ts';

type Tx = Prisma.TransactionClient;

export interface JobWork {
  /** The job's id (for the files kept with it). */
  jobId: string;
  progress(done: number, total: number): void;
  /** Records the job's success, its summary and how many items it did, inside the work's transaction. */
  finish(tx: Tx, result: Record<string, string | number>, count: number): Promise<void>;
}

export interface JobKind<P> {
  /** Who may start one (checked again when it runs). */
  roles: readonly Role[];
  /** Who may see any one of this kind; others see only their own. */
  watchers: readonly Role[];
  /**
   * On SQLite, whether the job reads for long and writes only briefly at its
   * end (the templates zip): the server then does not hold its own writes for
   * the whole job, only SQLite's lock for those brief writes keeps them apart.
   */
  readsThenWrites?: boolean;
  run(ctx: Context, params: P, work: JobWork): Promise<void>;
}

/** A sheet's rows sent by the pane, or an uploaded file kept with the job (job-files.ts): its name, size and SHA-256. */
export type SheetImport = { grid: SheetGrid } | { file: { name: string; size: number; sha256: string } };

export interface TemplatesZip {
  month: string;
  unitId: string | null;
  lang: TemplateLanguage;
}

export interface PayrollCalculation {
  runId: string;
  revision: number;
}

/**
 * A sheet's rows, or a file's, imported by finance as the import mutations
 * import them; its summary gives the counts, and the id of the import's
 * audit. A file is read from where the start kept it, and dropped with the
 * job's success.
 */
function sheetImport(importFrom: typeof importSalesFrom): JobKind<SheetImport> {
  return {
    roles: ['FINANCE', 'ADMIN'],
    watchers: ['FINANCE', 'ADMIN'],
    run: async (ctx, params, work) => {
      const source = 'grid' in params ? { grid: params.grid } : { file: await inputOf(ctx.prisma, work.jobId) };
      if (!source.file && !source.grid) throw new Error(`job ${work.jobId}: its file has gone`);
      work.progress(0, 'grid' in params ? params.grid.rows.length : 0);
      await importFrom(ctx, source, async (tx, { auditId, ...counts }) => {
        if (source.file) await dropInput(tx, work.jobId);
        // The audit's id only when the import recorded one (it changed something).
        await work.finish(tx, { ...counts, ...(auditId ? { auditId } : {}) }, counts.created + counts.updated + counts.unchanged);
      });
    },
  };
}

export const JOB_KINDS = {
  /** Calculating a payroll run: every payslip, all or nothing (payroll/runs.ts). */
  'payroll.calculate': {
    roles: ['FINANCE', 'ADMIN'],
    watchers: ['FINANCE', 'ADMIN'],
    run: async (ctx, { runId, revision }, work) => {
      await calculateRun(ctx, runId, revision, {
        progress: work.progress,
        finish: (tx, run, payslips) => work.finish(tx, { runId: run.id, status: run.status, revision: run.revision, payslips }, payslips),
      });
    },
  } satisfies JobKind<PayrollCalculation>,
  /** Publishing a ranking: the league table frozen as the next version, with its reward proposals (results/ranking.ts). */
  'ranking.publish': {
    roles: ['MANAGER', 'DIRECTOR', 'ADMIN'],
    // Managers publish for their own area: another manager's publication is not theirs to watch.
    watchers: ['DIRECTOR', 'ADMIN'],
    run: async (ctx, query, work) => {
      work.progress(0, 1);
      await publishRanking(ctx, query, (tx, published) => {
        const ranked = published.rows.filter((r) => r.rank !== null).length;
        return work.finish(tx, { rankingId: published.id, version: published.version, periodKey: published.periodKey, ranked }, ranked);
      });
    },
  } satisfies JobKind<RankingQuery>,
  /** Importing a sheet's sales, refused whole with every problem (imports/preview.ts). */
  'import.sales': sheetImport(importSalesFrom),
  /** Importing a sheet's attendance days, refused whole with every problem. */
  'import.attendance': sheetImport(importAttendanceFrom),
  /** The team's plan templates for a month as one zip, kept for a day to download (rep-plans/team-templates.ts). */
  'templates.zip': {
    roles: TEMPLATE_ZIP_ROLES,
    // A manager's team is theirs: only admins watch every one.
    watchers: ['ADMIN'],
    // Minutes of reading for a large team, then one short write (the zip): sign-ins and saves go on meanwhile.
    readsThenWrites: true,
    run: async (ctx, { month, unitId, lang }, work) => {
      const zip = await teamTemplates(ctx, month, unitId, lang, work.progress);
      await ctx.prisma.$transaction(async (tx) => {
        await keepOutput(tx, work.jobId, { name: zip.fileName, contentType: 'application/zip', bytes: zip.bytes });
        await work.finish(tx, { month: zip.month, templates: zip.templates, file: zip.fileName, bytes: zip.bytes.length }, zip.templates);
      });
    },
  } satisfies JobKind<TemplatesZip>,
} as const;

export type JobKindName = keyof typeof JOB_KINDS;
export const isJobKind = (kind: string): kind is JobKindName => Object.hasOwn(JOB_KINDS, kind);

/** The kinds this viewer may watch every job of (beyond their own). */
export const kindsWatchedBy = (roles: readonly Role[]): JobKindName[] =>
  (Object.keys(JOB_KINDS) as JobKindName[]).filter((k) => JOB_KINDS[k].watchers.some((r) => roles.includes(r)));
