/**
 * A payroll calculation as a job (issue 12 §2), through the public API on
 * both databases: the mutation returns the job at once; the job shows its
 * progress and ends with the run calculated exactly as the in-request
 * calculation leaves it; a refusal is kept on the job with nothing changed;
 * only its requester and payroll staff can see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, databaseSnapshot, startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { systemClock } from '../../server/clock.ts';

const START = 'mutation($id: ID!, $revision: Int!) { startPayrollCalculation(id: $id, revision: $revision) { id kind status subjectId done total } }';
const JOB = 'query($id: ID!) { job(id: $id) { id status done total finishedAt error { code reason field message params { name value isNumber } } } }';
const CREATE = 'mutation($u: ID!, $m: String!) { createPayrollRun(month: $m, scopeUnitId: $u) { run { id revision status } } }';
const RUN = 'query($id: ID!) { payrollRun(id: $id) { run { status revision } totals { headcount } } }';

describe.each(testProviders)('payroll calculation as a job on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'finance' | 'admin' | 'rep' | 'manager', string>;
  let unitId: string;

  beforeAll(async () => {
    s = await startTestServer(provider);
    for (const who of ['finance', 'admin', 'rep', 'manager'] as const) t[who] = await s.login(who);
    const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    unitId = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } })).unitId;
  });
  afterAll(() => s.close());

  /** Asks for the job until it has finished; every answer's progress, in order. */
  async function finished(id: string, token = t.finance) {
    const seen: { status: string; done: number; total: number }[] = [];
    for (let i = 0; i < 600; i++) {
      const r = await s.gql(JOB, { id }, token);
      expect(r.errors).toBeUndefined();
      seen.push(r.data.job);
      if (r.data.job.status === 'SUCCEEDED' || r.data.job.status === 'FAILED') return { job: r.data.job, seen };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${id} did not finish`);
  }

  it('returns the job at once, then calculates the run all at once, as the in-request calculation does', async () => {
    const c = await s.gql(CREATE, { u: unitId, m: '2026-03' }, t.finance);
    expect(c.errors).toBeUndefined();
    const run = c.data.createPayrollRun.run;
    const started = await s.gql(START, { id: run.id, revision: run.revision }, t.finance);
    expect(started.errors).toBeUndefined();
    const job = started.data.startPayrollCalculation;
    expect(job).toMatchObject({ kind: 'payroll.calculate', subjectId: run.id });
    expect(['QUEUED', 'RUNNING']).toContain(job.status);
    // A second start meanwhile is the same job (or, had the first already finished, a stale revision).
    const again = await s.gql(START, { id: run.id, revision: run.revision }, t.finance);
    if (again.errors) expect(again.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PAYROLL_RUN_CHANGED' });
    else expect(again.data.startPayrollCalculation.id).toBe(job.id);

    const { job: done, seen } = await finished(job.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', error: null });
    const after = (await s.gql(RUN, { id: run.id }, t.finance)).data.payrollRun;
    expect(after.run).toEqual({ status: 'CALCULATED', revision: run.revision + 1 });
    expect(after.totals.headcount).toBeGreaterThan(0);
    expect(done.done).toBe(after.totals.headcount);
    expect(done.total).toBe(after.totals.headcount);
    // Progress never goes back.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    // The same payslips as calculating within the request: the run rechecks, and it was calculated once, by the requester.
    const events = await s.db.prisma.payrollEvent.findMany({ where: { runId: run.id, action: 'calculate' } });
    expect(events).toHaveLength(1);
    expect(events[0]!.actor).toBe('finance');
    const audit = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'Job', entityId: job.id } });
    expect(audit.map((a) => a.action)).toEqual(['start']);
    const { recheckRun } = await import('../../server/payroll/runs.ts');
    expect(await recheckRun(s.db.prisma, run.id)).toEqual([]);
    expect(await s.db.prisma.payslip.count({ where: { runId: run.id } })).toBe(after.totals.headcount);

    // Its requester and payroll staff see the job; a rep or a manager does not, as if it did not exist.
    expect((await s.gql(JOB, { id: job.id }, t.admin)).data.job.status).toBe('SUCCEEDED');
    for (const who of ['rep', 'manager'] as const) {
      const r = await s.gql(JOB, { id: job.id }, t[who]);
      expect(codeOf(r)).toBe('NOT_FOUND');
      expect(r.errors![0]!.extensions).toMatchObject({ reason: 'JOB_NOT_FOUND' });
    }
  });

  it('refuses at once, queuing nothing, what cannot be calculated', async () => {
    const c = await s.gql(CREATE, { u: unitId, m: '2026-04' }, t.finance);
    const run = c.data.createPayrollRun.run;
    const stale = await s.refused(START, { id: run.id, revision: run.revision + 5 }, t.finance);
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PAYROLL_RUN_CHANGED' });
    const missing = await s.refused(START, { id: 'no-run', revision: 1 }, t.finance);
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'PAYROLL_RUN_NOT_FOUND' });
    expect(codeOf(await s.refused(START, { id: run.id, revision: run.revision }, t.rep))).toBe('FORBIDDEN');
  });

  it('keeps a refusal met while calculating on the job, naming the employee, and changes nothing else', async () => {
    const person = await s.db.prisma.person.findFirstOrThrow({ where: { status: 'ACTIVE', position: 'SALES_REP', hireDate: { lt: new Date('2025-01-01') }, assignments: { some: { unitId, validTo: null } } }, orderBy: { employeeNo: 'asc' } });
    const c = await s.gql(CREATE, { u: unitId, m: '2026-05' }, t.finance);
    const run = c.data.createPayrollRun.run;
    // A base salary at the top of the range: with a reward on top, the payslip would overflow.
    await s.db.prisma.person.update({ where: { id: person.id }, data: { baseSalaryFen: 9_223_372_036_854_775_807n } });
    const adj = await s.gql('mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-05", amount: "500.00", reason: "奖励", approvedBy: "director") }', { p: person.id }, t.finance);
    expect(adj.errors).toBeUndefined();
    const payslipsBefore = await s.db.prisma.payslip.count();
    const started = await s.gql(START, { id: run.id, revision: run.revision }, t.finance);
    expect(started.errors).toBeUndefined();
    const { job } = await finished(started.data.startPayrollCalculation.id);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MONEY_OUT_OF_RANGE', field: 'payslips' });
    expect(job.error.message).toContain(person.employeeNo);
    expect(job.error.params).toEqual([{ name: 'maxAmount', value: '92233720368547758.07', isNumber: false }]);
    const after = (await s.gql(RUN, { id: run.id }, t.finance)).data.payrollRun.run;
    expect(after).toEqual({ status: 'DRAFT', revision: run.revision });
    expect(await s.db.prisma.payslip.count()).toBe(payslipsBefore);
    await s.db.prisma.person.update({ where: { id: person.id }, data: { baseSalaryFen: person.baseSalaryFen } });
  });

  it('is done by nobody once its requester may no longer do it', async () => {
    const c = await s.gql(CREATE, { u: unitId, m: '2026-06' }, t.finance);
    const run = c.data.createPayrollRun.run;
    const finance = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'finance' } });
    // Queued by finance, taken after finance lost the role: a job row written as the mutation writes it.
    const job = await s.db.prisma.job.create({ data: { kind: 'payroll.calculate', subjectId: run.id, params: JSON.stringify({ runId: run.id, revision: run.revision }), requestedById: finance.id } });
    await s.db.prisma.userRole.delete({ where: { userId_role: { userId: finance.id, role: 'FINANCE' } } });
    try {
      const before = await databaseSnapshot(s.db);
      const { runJob } = await import('../../server/jobs/run-job.ts');
      await runJob({ prisma: s.db.prisma, config: s.config }, job.id, () => undefined);
      const failed = await s.db.prisma.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(failed.status).toBe('FAILED');
      expect(JSON.parse(failed.error!)).toMatchObject({ code: 'FORBIDDEN', reason: 'JOB_NOT_ALLOWED' });
      // Nothing but the job's own row moved.
      const { Job: _before, ...restBefore } = JSON.parse(before);
      const { Job: _after, ...restAfter } = JSON.parse(await databaseSnapshot(s.db));
      expect(restAfter).toEqual(restBefore);
      // Delivered again, it does nothing.
      await runJob({ prisma: s.db.prisma, config: s.config }, job.id, () => undefined);
      expect((await s.db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(1);
    } finally {
      await s.db.prisma.userRole.create({ data: { userId: finance.id, role: 'FINANCE' } });
    }
  });
});

describe.each(testProviders)('a queued calculation outlives its server on %s', (provider) => {
  it('is taken by the next server to start, and done once', async () => {
    const s = await startTestServer(provider);
    try {
      const finance = await s.login('finance');
      const rep = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
      const unitId = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: rep.personId!, validTo: null } })).unitId;
      const run = (await s.gql(CREATE, { u: unitId, m: '2026-03' }, finance)).data.createPayrollRun.run;
      const { jobQueueFor } = await import('../../server/jobs/queue.ts');
      const { startPayrollCalculation } = await import('../../server/jobs/jobs.ts');
      const { createThrottle } = await import('../../server/auth/throttle.ts');
      const user = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'finance' } });
      // A server that takes the request and stops before running anything (stopped, it takes nothing).
      const first = await jobQueueFor(s.db, s.config);
      await first.stop();
      const ctx = {
        prisma: s.db.prisma,
        config: s.config,
        viewer: { userId: user.id, username: 'finance', sessionId: 'test', roles: ['FINANCE' as const], personId: user.personId, personName: null },
        sessionProblem: null,
        clock: systemClock,
        loginThrottle: createThrottle(),
        memo: new Map(),
        jobs: first,
      };
      const job = await startPayrollCalculation(ctx, run.id, run.revision);
      await first.stop();
      await new Promise((r) => setTimeout(r, 300));
      expect((await s.db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('QUEUED');
      // The next server takes it at start.
      const next = await jobQueueFor(s.db, s.config);
      await next.start();
      try {
        let status = 'QUEUED';
        for (let i = 0; i < 300 && status !== 'SUCCEEDED' && status !== 'FAILED'; i++) {
          await new Promise((r) => setTimeout(r, 100));
          status = (await s.db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status;
        }
        expect(status).toBe('SUCCEEDED');
      } finally {
        await next.stop();
      }
      const after = await s.db.prisma.payrollRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(after).toMatchObject({ status: 'CALCULATED', revision: run.revision + 1 });
      expect(await s.db.prisma.payrollEvent.count({ where: { runId: run.id, action: 'calculate' } })).toBe(1);
      expect((await s.db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(1);
    } finally {
      await s.close();
    }
  }, 90_000);
});
