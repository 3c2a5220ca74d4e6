/**
 * The payslip writers (issue 12 §1): the fast one each database offers is the
 * one used, it writes exactly what the portable INSERTs write (text with
 * tabs, newlines, backslashes and quotes included), and a run that fails
 * after some chunks were written leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot, startTestServer, type TestServer } from '../../test/support/harness.ts';
import { testProviders } from '../../test/support/databases.ts';
import { calculateRun, createRun, recheckRun } from './runs.ts';
import { payslipWriter, type PayslipRow, type PayslipWriter } from './payslip-writer.ts';
import { readPayslips } from './read.ts';
import { thawInputs } from './inputs.ts';
import { createThrottle } from '../auth/throttle.ts';
import type { Context } from '../context.ts';
import { systemClock } from '../clock.ts';

describe.each(testProviders)('payslip writers on %s', (provider) => {
  let s: TestServer;
  let ctx: Context;
  let unitId: string;
  beforeAll(async () => {
    s = await startTestServer(provider);
    ctx = { prisma: s.db.prisma, config: s.config, viewer: { userId: 'test', username: 'finance', sessionId: 's', roles: ['FINANCE'], personId: null, personName: null }, sessionProblem: null, clock: systemClock, loginThrottle: createThrottle(), memo: new Map() };
    unitId = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'AREA' }, orderBy: { path: 'asc' } })).id;
  });
  afterAll(() => s.close());

  it('uses the database’s own bulk path inside the transaction', async () => {
    const method = await s.db.prisma.$transaction(async (tx) => (await payslipWriter(ctx, tx)).method);
    expect(method).toBe(provider === 'sqlite' ? 'sqlite-prepared' : 'postgresql-copy');
  });

  /** What a run holds, without the generated ids. */
  const contents = async (runId: string) =>
    (await readPayslips(s.db.prisma, { runId })).map((p) => ({
      personId: p.personId,
      plan: `${p.planCode}@${p.planVersion}`,
      money: [p.grossFen, p.deductionsFen, p.netFen],
      inputs: p.inputs,
      lines: p.lines.map((l) => [l.position, l.code, l.label, l.kind, l.amountFen, l.explanation]),
    }));

  it('writes, in chunks, exactly what the portable INSERTs write, awkward text included', async () => {
    const unit = await s.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: unitId } });
    const person = await s.db.prisma.person.findFirstOrThrow({ where: { status: 'ACTIVE', assignments: { some: { validTo: null, unit: { path: { startsWith: unit.path } } } } }, orderBy: { employeeNo: 'asc' } });
    const reason = 'tab\there, line\nbreak, back\\slash \\N, "quoted", 回车\r 奖励';
    await s.db.prisma.payAdjustment.create({ data: { personId: person.id, month: '2026-02', amountFen: 12_345n, reason, approvedBy: 'director' } });
    const run = await createRun(ctx, '2026-02', unitId);
    const progress: [number, number][] = [];
    const fast = await calculateRun(ctx, run.id, run.revision, { chunk: 4, progress: (done, total) => progress.push([done, total]) });
    const written = await contents(run.id);
    expect(written.length).toBeGreaterThan(8); // three chunks or more
    // Progress every 2,000 people however small the chunks: here at the start and at the end only.
    expect(progress).toEqual([[0, written.length], [written.length, written.length]]);
    const mine = written.find((p) => p.personId === person.id)!;
    expect(thawInputs(mine.inputs).adjustments.map((a) => a.reason)).toEqual([reason]);
    expect(mine.lines.some((l) => String(l[5]).includes(JSON.stringify(reason).slice(1, -1)))).toBe(true);
    // The run recomputes identically from what was stored.
    expect(await recheckRun(s.db.prisma, run.id)).toEqual([]);
    // Again through the portable multi-row INSERTs: the same payslips, to the fen and the character.
    await calculateRun(ctx, run.id, fast.revision, { portable: true });
    expect(await contents(run.id)).toEqual(written);
  });

  it('a failure after some chunks were written leaves nothing behind', async () => {
    const other = (await s.db.prisma.orgUnit.findMany({ where: { kind: 'AREA' }, orderBy: { path: 'asc' } }))[1]!;
    const run = await createRun(ctx, '2026-02', other.id);
    const before = await databaseSnapshot(s.db);
    await expect(
      calculateRun(ctx, run.id, run.revision, {
        chunk: 3,
        afterPayslip: (i) => {
          if (i === 7) throw new Error('injected failure in the third chunk');
        },
      }),
    ).rejects.toThrow('injected failure');
    expect(await s.db.prisma.payslip.count({ where: { runId: run.id } })).toBe(0);
    expect(await databaseSnapshot(s.db)).toBe(before);
    // The connection is usable afterwards: the run calculates.
    const done = await calculateRun(ctx, run.id, run.revision);
    expect(done.status).toBe('CALCULATED');
    expect(await s.db.prisma.payslip.count({ where: { runId: run.id } })).toBeGreaterThan(7);
  });

  it('refuses to write once its transaction has ended (rolled back after its timeout): neither on its own nor in the next transaction', async () => {
    // A row the database would take: a real run and person.
    const unit = (await s.db.prisma.orgUnit.findMany({ where: { kind: 'AREA' }, orderBy: { path: 'asc' } }))[2]!;
    const run = await createRun(ctx, '2026-01', unit.id);
    const person = await s.db.prisma.person.findFirstOrThrow({ orderBy: { employeeNo: 'asc' } });
    const row: PayslipRow = { id: 'late', personId: person.id, planCode: 'P', planVersion: 1, grossFen: 1n, deductionsFen: 0n, netFen: 1n, inputs: '{}', lines: [] };
    const before = await databaseSnapshot(s.db);
    let writer!: PayslipWriter;
    let late!: Promise<unknown>;
    const timedOut = s.db.prisma.$transaction(
      async (tx) => {
        writer = await payslipWriter(ctx, tx);
        await new Promise((resolve) => setTimeout(resolve, 400));
        // Still running after Prisma rolled the transaction back.
        late = writer.write(run.id, [row]).catch((e: unknown) => e);
      },
      { timeout: 150 },
    );
    await expect(timedOut).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(String(await late)).toMatch(/transaction has ended/);
    // Another transaction holds the connection now (on PostgreSQL, perhaps the same client again).
    await s.db.prisma.$transaction(async () => {
      await expect(writer.write(run.id, [row])).rejects.toThrow(/transaction has ended/);
    });
    await expect(writer.write(run.id, [row])).rejects.toThrow(/transaction has ended/);
    expect(await databaseSnapshot(s.db)).toBe(before);
  });
});
