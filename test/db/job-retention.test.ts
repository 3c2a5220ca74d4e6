/**
 * Jobs are not kept forever: a finished job goes JOB_RETENTION_DAYS after it
 * finished, with anything kept with it; an expired download goes at once;
 * unfinished and recent jobs stay. A server that starts taking jobs sweeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { sweepJobs } from '../../server/jobs/retention.ts';
import { loadConfig } from '../../server/config.ts';

const DAY = 24 * 3_600_000;

describe.each(testProviders)('job retention on %s', (provider) => {
  let s: TestServer;
  let userId: string;
  beforeAll(async () => {
    s = await startTestServer(provider);
    userId = (await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'finance' } })).id;
  });
  afterAll(() => s.close());

  const job = (status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED', finishedDaysAgo: number | null, now: Date) =>
    s.db.prisma.job.create({
      data: { kind: 'payroll.calculate', status, params: '{}', requestedById: userId, createdAt: new Date(now.getTime() - 200 * DAY), finishedAt: finishedDaysAgo === null ? null : new Date(now.getTime() - finishedDaysAgo * DAY) },
    });
  const file = (jobId: string, role: 'INPUT' | 'OUTPUT', expiresInDays: number | null, now: Date) =>
    s.db.prisma.jobFile.create({
      data: { jobId, role, name: 'f.zip', contentType: 'application/zip', size: 3, bytes: Buffer.from('abc'), downloadKey: role === 'OUTPUT' ? 'k' : null, expiresAt: expiresInDays === null ? null : new Date(now.getTime() + expiresInDays * DAY) },
    });

  it('removes finished jobs past the retention with their files, and expired downloads; keeps the rest', async () => {
    const now = new Date();
    const oldDone = await job('SUCCEEDED', 91, now);
    await file(oldDone.id, 'OUTPUT', -90, now);
    const oldFailed = await job('FAILED', 100, now);
    const recent = await job('SUCCEEDED', 10, now);
    const expired = await file(recent.id, 'OUTPUT', -1, now);
    const fresh = await job('SUCCEEDED', 0, now);
    const downloadable = await file(fresh.id, 'OUTPUT', 1, now);
    const stuck = await job('RUNNING', null, now);
    const stuckInput = await file(stuck.id, 'INPUT', null, now);
    const queued = await job('QUEUED', null, now);

    expect(await sweepJobs(s.db.prisma, 90, now)).toEqual({ jobs: 2, files: 2 });
    const left = (await s.db.prisma.job.findMany({ where: { id: { in: [oldDone.id, oldFailed.id, recent.id, fresh.id, stuck.id, queued.id] } }, select: { id: true } })).map((j) => j.id).sort();
    expect(left).toEqual([recent.id, fresh.id, stuck.id, queued.id].sort());
    const files = (await s.db.prisma.jobFile.findMany({ where: { jobId: { in: [oldDone.id, recent.id, fresh.id, stuck.id] } }, select: { id: true } })).map((f) => f.id).sort();
    expect(files).toEqual([downloadable.id, stuckInput.id].sort());
    expect(files).not.toContain(expired.id);
    // Again: nothing more to do.
    expect(await sweepJobs(s.db.prisma, 90, now)).toEqual({ jobs: 0, files: 0 });
    // Not real work: gone before a server would take them.
    await s.db.prisma.job.deleteMany({ where: { id: { in: [stuck.id, queued.id] } } });
  });

  it('is swept by a server as it starts taking jobs, by its JOB_RETENTION_DAYS', async () => {
    expect(loadConfig({}).jobRetentionDays).toBe(90);
    expect(loadConfig({ JOB_RETENTION_DAYS: '30' }).jobRetentionDays).toBe(30);
    expect(() => loadConfig({ JOB_RETENTION_DAYS: '0' })).toThrow(/JOB_RETENTION_DAYS/);
    const old = await job('FAILED', 400, new Date());
    await s.app.jobs.start();
    await expect.poll(() => s.db.prisma.job.count({ where: { id: old.id } }), { timeout: 10_000 }).toBe(0);
  });
});
