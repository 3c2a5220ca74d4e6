/**
 * How long jobs are kept. A finished job (succeeded or failed) stays for
 * JOB_RETENTION_DAYS (90 by default) for its requester and watchers to look
 * back on, then goes with anything still kept with it; a made file whose
 * download link has expired goes at once. The audit of starting it, and of
 * what it did, stays: that is the record. Unfinished jobs are never swept.
 * Run when a server starts taking jobs and daily after; several processes
 * sweeping at once do the same deletes.
 */
import type { Db } from '../db/client.ts';

const DAY_MS = 24 * 3_600_000;
export const SWEEP_EVERY_MS = DAY_MS;

export async function sweepJobs(prisma: Db, retentionDays: number, now = new Date()): Promise<{ jobs: number; files: number }> {
  const files = await prisma.jobFile.deleteMany({ where: { role: 'OUTPUT', expiresAt: { lte: now } } });
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  // JobFile rows go with their job (ON DELETE CASCADE).
  const jobs = await prisma.job.deleteMany({ where: { status: { in: ['SUCCEEDED', 'FAILED'] }, finishedAt: { lt: before } } });
  return { jobs: jobs.count, files: files.count };
}
