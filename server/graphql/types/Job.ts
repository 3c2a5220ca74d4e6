/** Job: long work off the request path (a payroll calculation), its progress and its outcome. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { jobFor, type JobView } from '../../jobs/jobs.ts';
import type { JobRefusal } from '../../jobs/run-job.ts';
import { downloadPath, outputOf, type OutputFile } from '../../jobs/job-files.ts';
import { JobStatus } from '../../db/generated/sqlite/client/enums.ts';


const JobStatusEnum = builder.enumType(JobStatus, { name: 'JobStatus' });

const JobValueRef = builder.objectRef<{ name: string; value: string | number }>('JobValue').implement({
  description: 'A named value: a refusal’s parameter, or a figure of what a job did.',
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.string({ resolve: (p) => String(p.value) }),
    isNumber: t.boolean({ description: 'Whether the value is a number (a count, a version) rather than text.', resolve: (p) => typeof p.value === 'number' }),
  }),
});

const JobErrorRef = builder.objectRef<JobRefusal>('JobError').implement({
  description: 'Why a job was refused or failed, as a request’s error would say it.',
  fields: (t) => ({
    code: t.exposeString('code'),
    reason: t.exposeString('reason'),
    field: t.exposeString('field', { nullable: true }),
    message: t.exposeString('message', { description: 'In English, for API clients; the pane renders reason and params in the reader’s language.' }),
    params: t.field({ type: [JobValueRef], resolve: (e) => Object.entries(e.params).map(([name, value]) => ({ name, value })) }),
  }),
});

const JobFileRef = builder.objectRef<OutputFile>('JobFile').implement({
  description: 'A file a job made (the team’s plan templates as a zip), to download while the link lasts.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The file’s name (plan-templates-2027-01.zip).' }),
    contentType: t.exposeString('contentType'),
    size: t.exposeInt('size', { description: 'Bytes.' }),
    url: t.string({
      description: 'Where to download it, relative to the server: the link carries its own secret (no sign-in needed), so it opens in a browser; give it to nobody else.',
      resolve: (f) => downloadPath(f),
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the link stops working (a day after the job finished).' }),
  }),
});

export const JobRef = builder.objectRef<JobView>('Job').implement({
  description: 'Work done off the request path (a payroll calculation, a ranking publication, an import, the team’s plan templates). Ask for it again (by id) until its status is SUCCEEDED or FAILED.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'What the job does: payroll.calculate, ranking.publish, import.sales, import.attendance or templates.zip.' }),
    status: t.field({ type: JobStatusEnum, resolve: (j) => j.status }),
    subjectId: t.exposeID('subjectId', { nullable: true, description: 'What it works on (the payroll run).' }),
    done: t.exposeInt('done', { description: 'Items done so far (people calculated).' }),
    total: t.exposeInt('total', { description: 'Items to do; 0 until known.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    summary: t.field({
      type: [JobValueRef],
      description: 'What a finished job did: payroll.calculate gives runId, status, revision, payslips; ranking.publish gives rankingId, version, periodKey, ranked; an import gives created, updated, unchanged, and auditId when it changed anything (auditTrail’s entityId); templates.zip gives month, templates, file, bytes.',
      resolve: (j) => Object.entries(j.result ? (JSON.parse(j.result) as Record<string, string | number>) : {}).map(([name, value]) => ({ name, value })),
    }),
    error: t.field({ type: JobErrorRef, nullable: true, resolve: (j) => (j.error ? (JSON.parse(j.error) as JobRefusal) : null) }),
    file: t.field({
      type: JobFileRef,
      nullable: true,
      description: 'What a succeeded job made, to download (templates.zip); null for the other kinds.',
      resolve: (j, _a, ctx) => (j.status === 'SUCCEEDED' ? outputOf(ctx.prisma, j.id) : null),
    }),
  }),
});

builder.queryFields((t) => ({
  job: t.field({
    type: JobRef,
    description: 'A job the viewer started, or of a kind their role may start.',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ validate: z.string().min(1).max(64) }) },
    resolve: (_r, args, ctx) => jobFor(ctx, String(args.id)),
  }),
}));
