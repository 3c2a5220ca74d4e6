/**
 * Payroll runs: create, calculate (atomic), submit, sign off in order
 * (finance manager → sales director → general manager, which locks the
 * run), return with a comment, mark paid, and an admin's audited reopen into
 * a new version. Every step checks the caller's revision and is audited.
 */
import type { Context } from '../context.ts';
import { Prisma } from '../db/client.ts';
import type { PayrollStatus, Role } from '../db/generated/sqlite/client/enums.ts';
import { recordAudit } from '../audit.ts';
import { badInput, clientError, conflict, forbidden, notFound } from '../errors.ts';
import { calculatePayslip, parsePlan, type Payslip } from '../../schema/compensation.ts';
import { formatMoney } from '../../schema/money.ts';
import { listedNames } from '../../schema/reasons.ts';
import { breathe } from '../breathe.ts';
import { fiscalCalendar, requireUnlocked } from '../targets/calendar.ts';
import type { FiscalCalendar } from '../../schema/periods.ts';
import { freezeInputs, gatherInputs, peoplePaid, thawInputs, type PaidPerson, type PersonInputs } from './inputs.ts';
import { readPayslips } from './read.ts';
import { month, type Month } from './month.ts';
import { providerOf } from '../db/providers.ts';
import { lockForTransaction } from '../db/advisory-lock.ts';
import { plannedForParameters } from '../db/custom-plans.ts';
import { transactionReads } from '../db/direct-read.ts';
import { calculatePayslips } from './calculate-guarded.ts';
import { CHUNK, payslipWriter, type PayslipRow } from './payslip-writer.ts';
import { orderedIds } from './row-ids.ts';
import { returnRefusal, SIGN_OFF, signRefusal } from './sign-off.ts';
import { requireReach, servedReach } from './served-units.ts';

export { SIGN_OFF };

type Tx = Prisma.TransactionClient;

/** People computed between two chances for other requests to run: about 30 ms of work. */
const BREATH = 100;

function rowOf(p: PersonInputs, slip: Payslip, id: () => string): PayslipRow {
  return {
    id: id(),
    personId: p.personId,
    planCode: p.plan.code,
    planVersion: p.plan.version,
    grossFen: slip.grossFen,
    deductionsFen: slip.deductionsFen,
    netFen: slip.netFen,
    inputs: freezeInputs(p.inputs),
    lines: slip.lines.map((l, position) => ({ id: id(), position, code: l.code, label: l.label, kind: l.kind, amountFen: l.amountFen, explanation: JSON.stringify(l.explanation) })),
  };
}

async function bump(tx: Tx, id: string, revision: number, data: Prisma.PayrollRunUncheckedUpdateManyInput = {}) {
  const { count } = await tx.payrollRun.updateMany({ where: { id, revision }, data: { ...data, revision: { increment: 1 } } });
  if (count === 0) throw conflict('PayrollRun', id, revision);
  return tx.payrollRun.findUniqueOrThrow({ where: { id } });
}

async function load(tx: Tx, id: string) {
  const run = await tx.payrollRun.findUnique({ where: { id }, include: { scopeUnit: { select: { path: true, name: true } } } });
  if (!run) throw notFound('PayrollRun', id);
  return run;
}

/** A run's payslips summed (what a calculation replaces and what it writes), as the audit records them. */
type RunFigures = { payslips: number; gross: string; deductions: string; net: string };
type Sums = { grossFen: bigint; deductionsFen: bigint; netFen: bigint };
const figuresOf = (sums: Sums, payslips: number): RunFigures => ({ payslips, gross: formatMoney(sums.grossFen), deductions: formatMoney(sums.deductionsFen), net: formatMoney(sums.netFen) });

async function storedFigures(tx: Tx, runId: string): Promise<RunFigures> {
  const { _count, _sum } = await tx.payslip.aggregate({ where: { runId }, _count: { _all: true }, _sum: { grossFen: true, deductionsFen: true, netFen: true } });
  return figuresOf({ grossFen: _sum.grossFen ?? 0n, deductionsFen: _sum.deductionsFen ?? 0n, netFen: _sum.netFen ?? 0n }, _count._all);
}

async function event(
  tx: Tx,
  ctx: Context,
  runId: string,
  action: string,
  from: PayrollStatus | null,
  to: PayrollStatus,
  comment?: string | null,
  figures?: { before: RunFigures; after: RunFigures },
) {
  await tx.payrollEvent.create({ data: { runId, action, fromStatus: from, toStatus: to, comment: comment ?? null, actorId: ctx.viewer?.userId ?? null, actor: ctx.viewer?.username ?? 'system' } });
  await recordAudit(tx, ctx.viewer, {
    entityType: 'PayrollRun',
    entityId: runId,
    action,
    before: from ? { status: from, ...figures?.before } : null,
    after: { status: to, comment: comment ?? null, ...figures?.after },
  });
}

/**
 * A run is dated in its month: while the month lies in a locked period it is
 * neither created nor calculated, nor does it move (submitted, signed,
 * returned, discarded, reopened into a new version) until an admin reopens
 * the period (brief §2; PERIOD_LOCKED naming the lock). Marking it paid is
 * not held: it records a payment that happened, and changes nothing the run
 * says about the month.
 */
async function requireMonthOpen(tx: Tx, calendar: FiscalCalendar, runMonth: Month, what: string) {
  await requireUnlocked(tx, [runMonth], calendar, what);
}

export function requireStatus(status: PayrollStatus, allowed: PayrollStatus[], doing: string) {
  if (!allowed.includes(status)) throw clientError('BAD_USER_INPUT', `Cannot ${doing} a run that is ${status.toLowerCase().replace('_', ' ')}`, { field: 'status', reason: 'RUN_STATUS', params: { runStatus: status } });
}

/**
 * Serialises the runs of one month while one is created or calculated, so
 * that two overlapping runs cannot both pass the check below. SQLite already
 * runs one transaction at a time (server/db/serialised-adapter.ts); on
 * PostgreSQL a transaction-scoped advisory lock on the month does it.
 */
async function lockMonth(ctx: Context, tx: Tx, monthKey: string) {
  if (providerOf(ctx.config.databaseUrl) !== 'postgresql') return;
  await lockForTransaction(tx, `payroll:${monthKey}`);
}

/**
 * One live payslip per person and month. The live runs of a month are the
 * newest version of each scope's run (a reopened version replaces the one it
 * came from). A run may not pay anyone whom another live run of the month
 * pays: its payslips once calculated, the people of its scope while a draft.
 * Refused with BAD_USER_INPUT (reason PAID_IN_OTHER_RUN) naming the people
 * and the other run.
 */
async function requireNobodyPaidTwice(tx: Tx, run: { month: string; scopeUnitId: string }, paid: Map<string, PaidPerson>, field: string) {
  if (paid.size === 0) return;
  const others = await tx.payrollRun.findMany({
    where: { month: run.month, scopeUnitId: { not: run.scopeUnitId } },
    include: { scopeUnit: { select: { path: true, name: true } } },
    orderBy: [{ scopeUnitId: 'asc' }, { version: 'desc' }],
  });
  const live = others.filter((o, i) => i === 0 || others[i - 1]!.scopeUnitId !== o.scopeUnitId);
  for (const other of live) {
    const theirs =
      other.status === 'DRAFT'
        ? new Set((await peoplePaid(tx, other.scopeUnit, run.month)).keys())
        : new Set((await tx.payslip.findMany({ where: { runId: other.id }, select: { personId: true } })).map((x) => x.personId));
    const both = [...paid.values()].filter((p) => theirs.has(p.person.id)).sort((a, b) => (a.person.employeeNo < b.person.employeeNo ? -1 : 1));
    if (!both.length) continue;
    const listed = listedNames(both.map((p) => `${p.person.name} (${p.person.employeeNo})`));
    throw clientError(
      'BAD_USER_INPUT',
      `${both.length} person(s) would be paid twice for ${run.month}: ${listed.names}${listed.others ? ` and ${listed.others} other(s)` : ''} ${both.length === 1 ? 'is' : 'are'} already in the run for ${other.scopeUnit.name} (version ${other.version}, ${other.status.toLowerCase().replace('_', ' ')}). A person gets one payslip a month: choose scopes that do not overlap.`,
      {
        field,
        reason: 'PAID_IN_OTHER_RUN',
        params: { count: both.length, month: run.month, ...listed, unit: other.scopeUnit.name, version: other.version, runStatus: other.status },
        otherRun: { id: other.id, month: other.month, scopeUnitId: other.scopeUnitId, scopeUnitName: other.scopeUnit.name, version: other.version, status: other.status },
        people: both.slice(0, 200).map((p) => ({ personId: p.person.id, name: p.person.name, employeeNo: p.person.employeeNo })),
      },
    );
  }
}

export async function createRun(ctx: Context, monthKey: string, scopeUnitId: string) {
  const m = month(monthKey);
  const calendar = await fiscalCalendar(ctx);
  const reach = await servedReach(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const unit = await tx.orgUnit.findUnique({ where: { id: scopeUnitId } });
    if (!unit) throw badInput(['scopeUnitId'], `There is no org unit ${scopeUnitId}`, 'NO_SUCH_ORG_UNIT', { id: scopeUnitId });
    requireReach(reach, unit);
    await lockMonth(ctx, tx, monthKey);
    const existing = await tx.payrollRun.findFirst({ where: { month: monthKey, scopeUnitId }, orderBy: { version: 'desc' } });
    if (existing) throw badInput(['month'], `A payroll run for ${unit.name}, ${monthKey} already exists (version ${existing.version}, ${existing.status.toLowerCase()})`, 'RUN_EXISTS', {
        unit: unit.name,
        month: monthKey,
        version: existing.version,
        runStatus: existing.status,
      });
    await requireMonthOpen(tx, calendar, m, 'Creating the payroll run');
    // Reads by the scope's path, from a team to the whole company: planned for it (custom-plans.ts).
    await plannedForParameters(tx, providerOf(ctx.config.databaseUrl), async () => requireNobodyPaidTwice(tx, { month: monthKey, scopeUnitId }, await peoplePaid(tx, unit, monthKey), 'scopeUnitId'));
    const run = await tx.payrollRun.create({ data: { month: monthKey, scopeUnitId, version: 1, createdById: ctx.viewer?.userId ?? null } });
    await event(tx, ctx, run.id, 'create', null, 'DRAFT');
    return run;
  });
}

export interface CalculateHooks {
  afterPayslip?: (index: number) => void;
  /** Time spent in each phase (gather, calculate, write), in ms, for the benchmark. */
  phase?: (name: 'gather' | 'calculate' | 'write', ms: number) => void;
  /** Use portable multi-row INSERTs even where a faster writer exists (the benchmark's comparison). */
  portable?: boolean;
  /** People a chunk (tests cross chunk boundaries with a small one). */
  chunk?: number;
  /** People calculated and written so far, of how many (a job's progress bar). */
  progress?: (done: number, total: number) => void;
  /** Runs last inside the run's transaction: a job records its success with the run, all or nothing. */
  finish?: (tx: Tx, run: { id: string; status: PayrollStatus; revision: number }, payslips: number) => Promise<void>;
}

/**
 * Calculates every payslip of the run in one transaction: all or nothing.
 * Inputs are gathered in a few set-based reads; payslips are computed and
 * written a chunk of people at a time (the writer's size: memory stays flat
 * however large the run) with the database's fastest writer.
 */
export async function calculateRun(ctx: Context, id: string, revision: number, hooks: CalculateHooks = {}) {
  const calendar = await fiscalCalendar(ctx);
  const timed = async <T>(name: 'gather' | 'calculate' | 'write', work: () => Promise<T>): Promise<T> => {
    if (!hooks.phase) return work();
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      hooks.phase(name, performance.now() - t0);
    }
  };
  const reach = await servedReach(ctx);
  return ctx.prisma.$transaction(
    async (tx) => {
      const run = await load(tx, id);
      requireReach(reach, run.scopeUnit);
      await lockMonth(ctx, tx, run.month);
      requireStatus(run.status, ['DRAFT', 'CALCULATED'], 'calculate');
      if (run.revision !== revision) throw conflict('PayrollRun', id, revision);
      await requireMonthOpen(tx, calendar, month(run.month), 'Calculating payroll');
      // Reads by the scope's path, from a team to the whole company: planned for it (custom-plans.ts).
      const people = await timed('gather', () =>
        plannedForParameters(tx, providerOf(ctx.config.databaseUrl), async () => {
          const read = transactionReads(ctx.prisma, tx);
          const paid = await peoplePaid(tx, run.scopeUnit, run.month, read);
          await requireNobodyPaidTwice(tx, run, paid, 'scopeUnitId');
          return gatherInputs(tx, run.scopeUnit, run.month, paid, read);
        }),
      );
      hooks.progress?.(0, people.length);
      const replaced = await storedFigures(tx, id);
      const written: Sums = { grossFen: 0n, deductionsFen: 0n, netFen: 0n };
      await tx.payslip.deleteMany({ where: { runId: id } });
      const writer = await payslipWriter(ctx, tx, { portable: hooks.portable });
      const size = hooks.chunk ?? writer.people;
      const nextId = orderedIds();
      // One chunk is written while the next is computed (PostgreSQL inserts in its own process;
      // on SQLite a write is done when write() returns).
      let writing: { done: Promise<void>; start: number; count: number } | null = null;
      let reported = 0;
      const finishWriting = async () => {
        if (!writing) return;
        const { done, start, count } = writing;
        writing = null;
        await timed('write', () => done);
        for (let i = start; i < start + count; i++) hooks.afterPayslip?.(i);
        // Progress every CHUNK people or so, however small the writer's slices.
        if (start + count - reported >= CHUNK || start + count === people.length) hooks.progress?.((reported = start + count), people.length);
      };
      try {
        for (let start = 0; start < people.length; start += size) {
          // Other requests get a turn between chunks too (a SQLite slice is written at once).
          if (start > 0) await breathe();
          const chunk = people.slice(start, start + size);
          const rows = await timed('calculate', async () => {
            const out: PayslipRow[] = [];
            // A few hundred people at a time, letting other requests in between (issue 12 §2).
            for (let at = 0; at < chunk.length; at += BREATH) {
              if (at > 0) await breathe();
              const part = chunk.slice(at, at + BREATH);
              const payslips = calculatePayslips(part);
              out.push(...part.map((p, i) => rowOf(p, payslips[i]!, nextId)));
            }
            return out;
          });
          for (const r of rows) {
            written.grossFen += r.grossFen;
            written.deductionsFen += r.deductionsFen;
            written.netFen += r.netFen;
          }
          await finishWriting();
          const t0 = performance.now();
          const done = writer.write(id, rows);
          hooks.phase?.('write', performance.now() - t0);
          done.catch(() => undefined); // a refusal is taken where it is awaited, not reported as unhandled meanwhile
          writing = { done, start, count: chunk.length };
        }
        await finishWriting();
      } catch (error) {
        // Nothing is left in flight on the transaction's connection when it rolls back.
        await (writing as { done: Promise<void> } | null)?.done.catch(() => undefined);
        throw error;
      }
      const after = await bump(tx, id, revision, { status: 'CALCULATED', calculatedAt: ctx.clock.now() });
      await event(tx, ctx, id, 'calculate', run.status, 'CALCULATED', `${people.length} payslips`, { before: replaced, after: figuresOf(written, people.length) });
      await hooks.finish?.(tx, after, people.length);
      return after;
    },
    { timeout: 120_000 },
  );
}

/**
 * The rewards and penalties of the month are all on the run's payslips: one
 * added after it was calculated (a penalty entered, a ranking's reward
 * approved) would otherwise go unpaid once it is signed, since none can be
 * added then. Adjustments are only ever added, so a person with more of them
 * now than their payslip's frozen inputs counted was given one since.
 */
async function requireAdjustmentsCounted(tx: Prisma.TransactionClient, run: { id: string; month: string }) {
  const now = await tx.payAdjustment.groupBy({ by: ['personId'], where: { month: run.month, person: { payslips: { some: { runId: run.id } } } }, _count: { _all: true } });
  if (!now.length) return;
  const slips = await tx.payslip.findMany({
    where: { runId: run.id, person: { adjustments: { some: { month: run.month } } } },
    select: { personId: true, inputs: true, person: { select: { name: true, employeeNo: true } } },
  });
  const counted = new Map(slips.map((p) => [p.personId, { person: p.person, n: ((JSON.parse(p.inputs) as { adjustments?: unknown[] }).adjustments ?? []).length }]));
  const missed = now.filter((a) => a._count._all > (counted.get(a.personId)?.n ?? 0)).map((a) => counted.get(a.personId)!.person);
  if (!missed.length) return;
  const listed = listedNames(missed.map((p) => `${p.name} (${p.employeeNo})`));
  throw clientError('BAD_USER_INPUT', `Rewards or penalties were added for ${missed.length} person(s) after the run was calculated (${listed.names}${listed.others ? ` and ${listed.others} other(s)` : ''}); calculate it again before submitting`, {
    field: 'status',
    reason: 'RUN_OUT_OF_DATE',
    params: { count: missed.length, ...listed },
  });
}

export async function submitRun(ctx: Context, id: string, revision: number) {
  const reach = await servedReach(ctx);
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const run = await load(tx, id);
    requireReach(reach, run.scopeUnit);
    requireStatus(run.status, ['CALCULATED'], 'submit');
    await requireMonthOpen(tx, calendar, month(run.month), 'Submitting the payroll run');
    if ((await tx.payslip.count({ where: { runId: id } })) === 0) throw clientError('BAD_USER_INPUT', 'The run has no payslips; calculate it first', { field: 'status', reason: 'RUN_NOT_CALCULATED' });
    await requireAdjustmentsCounted(tx, { id, month: run.month });
    const after = await bump(tx, id, revision, { status: 'SUBMITTED' });
    await event(tx, ctx, id, 'submit', run.status, 'SUBMITTED');
    return after;
  });
}

/** Signs the step that is due, if it is the caller's. */
export async function approveRun(ctx: Context, id: string, revision: number, comment?: string | null) {
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const run = await load(tx, id);
    const events = await tx.payrollEvent.findMany({ where: { runId: id }, select: { action: true, actorId: true, at: true } });
    const refusal = signRefusal(run.status, ctx.viewer, events);
    if (refusal?.why === 'NOT_DUE') throw clientError('BAD_USER_INPUT', `A run that is ${run.status.toLowerCase().replace('_', ' ')} has no sign-off due`, { field: 'status', reason: 'RUN_NO_SIGN_OFF_DUE', params: { runStatus: run.status } });
    if (refusal?.why === 'NOT_YOUR_TURN') throw forbidden('NOT_YOUR_SIGN_OFF', `It is ${refusal.who}'s turn to sign this run`, { role: SIGN_OFF[run.status]!.role });
    // One person, one signature per submission, even if they hold two signer roles.
    if (refusal?.why === 'ALREADY_SIGNED') throw forbidden('ALREADY_SIGNED', 'You have already signed this run; each step needs a different person');
    await requireMonthOpen(tx, calendar, month(run.month), 'Signing the payroll run');
    const step = SIGN_OFF[run.status]!;
    const after = await bump(tx, id, revision, { status: step.next });
    await event(tx, ctx, id, 'approve', run.status, step.next, comment);
    return after;
  });
}

export async function returnRun(ctx: Context, id: string, revision: number, comment: string) {
  if (!comment.trim()) throw badInput(['comment'], 'Say why the run goes back', 'COMMENT_REQUIRED');
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const run = await load(tx, id);
    const refusal = returnRefusal(run.status, ctx.viewer);
    if (refusal?.why === 'NOT_DUE') throw clientError('BAD_USER_INPUT', `A run that is ${run.status.toLowerCase().replace('_', ' ')} cannot be returned`, { field: 'status', reason: 'RUN_CANNOT_RETURN', params: { runStatus: run.status } });
    if (refusal?.why === 'NOT_YOUR_TURN') throw forbidden('NOT_YOUR_RETURN', `Only ${refusal.who} may return the run at this step`, { role: SIGN_OFF[run.status]!.role });
    await requireMonthOpen(tx, calendar, month(run.month), 'Returning the payroll run');
    const after = await bump(tx, id, revision, { status: 'CALCULATED' });
    await event(tx, ctx, id, 'return', run.status, 'CALCULATED', comment);
    return after;
  });
}

/**
 * Finance discards a run no one has signed yet (a draft or a calculated run):
 * its payslips go with it, and the month's people are free for another run
 * (issue 7 §3: one live payslip a month). A reopened version discarded
 * leaves the version it replaced as the live one again. Not while its
 * calculation is queued or running (RUN_BEING_CALCULATED). Audited with
 * what it held.
 */
export async function discardRun(ctx: Context, id: string, revision: number, reason: string) {
  if (!reason.trim()) throw badInput(['reason'], 'Give the reason for discarding the run', 'REASON_REQUIRED');
  const reach = await servedReach(ctx);
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const run = await load(tx, id);
    requireReach(reach, run.scopeUnit);
    await lockMonth(ctx, tx, run.month);
    requireStatus(run.status, ['DRAFT', 'CALCULATED'], 'discard');
    if (run.revision !== revision) throw conflict('PayrollRun', id, revision);
    await requireNewestVersion(tx, run);
    await requireMonthOpen(tx, calendar, month(run.month), 'Discarding the payroll run');
    const calculating = await tx.job.findFirst({ where: { subjectId: id, status: { in: ['QUEUED', 'RUNNING'] } }, select: { id: true } });
    if (calculating) throw clientError('BAD_USER_INPUT', 'The run is being calculated; wait for the calculation to finish', { field: 'id', reason: 'RUN_BEING_CALCULATED' });
    const held = await storedFigures(tx, id);
    await tx.payrollRun.delete({ where: { id } });
    await recordAudit(tx, ctx.viewer, {
      entityType: 'PayrollRun',
      entityId: id,
      action: 'discard',
      before: { status: run.status, month: run.month, scopeUnitId: run.scopeUnitId, version: run.version, ...held },
      after: { reason: reason.trim() },
    });
    return { month: run.month, scopeUnitId: run.scopeUnitId, version: run.version };
  });
}

/** A run's version that a reopen has replaced is neither paid nor reopened again: its newest version is (NEWER_RUN_VERSION). */
async function requireNewestVersion(tx: Prisma.TransactionClient, run: { month: string; scopeUnitId: string; version: number }) {
  const newest = await tx.payrollRun.findFirst({ where: { month: run.month, scopeUnitId: run.scopeUnitId }, orderBy: { version: 'desc' }, select: { version: true } });
  if (newest && newest.version !== run.version) throw clientError('CONFLICT', `Version ${newest.version} of this run already exists and replaces it`, { reason: 'NEWER_RUN_VERSION', params: { version: newest.version } });
}

export async function markPaid(ctx: Context, id: string, revision: number) {
  const reach = await servedReach(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const run = await load(tx, id);
    requireReach(reach, run.scopeUnit);
    requireStatus(run.status, ['LOCKED'], 'mark as paid');
    // Allowed in a locked month (no requireMonthOpen): it records a payment that happened, and the run's figures stay as they were signed.
    // A version reopened since is replaced by the newer one (issue 4: reopened versions replace): that one is paid, not this.
    await requireNewestVersion(tx, run);
    const after = await bump(tx, id, revision, { status: 'PAID' });
    await event(tx, ctx, id, 'pay', run.status, 'PAID');
    return after;
  });
}

/** After lock, an admin may reopen: a new version as a draft; the locked one stays as it was. */
export async function reopenRun(ctx: Context, id: string, revision: number, reason: string) {
  if (!reason.trim()) throw badInput(['reason'], 'Give the reason for reopening', 'REASON_REQUIRED');
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const run = await load(tx, id);
    requireStatus(run.status, ['LOCKED', 'PAID'], 'reopen');
    if (run.revision !== revision) throw conflict('PayrollRun', id, revision);
    await requireNewestVersion(tx, run);
    await requireMonthOpen(tx, calendar, month(run.month), 'Reopening the payroll run');
    const next = await tx.payrollRun.create({ data: { month: run.month, scopeUnitId: run.scopeUnitId, version: run.version + 1, createdById: ctx.viewer?.userId ?? null } });
    await event(tx, ctx, next.id, 'reopen', null, 'DRAFT', `${reason} (from version ${run.version})`);
    await recordAudit(tx, ctx.viewer, { entityType: 'PayrollRun', entityId: id, action: 'reopen', before: { status: run.status, version: run.version }, after: { newRunId: next.id, version: next.version, reason } });
    return next;
  });
}

/** Recomputes a run's payslips from their frozen inputs and plan versions; lists any that differ. */
export async function recheckRun(db: Context['prisma'], id: string): Promise<string[]> {
  const slips = await readPayslips(db, { runId: id });
  const plans = new Map<string, ReturnType<typeof parsePlan>>();
  const differences: string[] = [];
  for (const s of slips) {
    const key = `${s.planCode}@${s.planVersion}`;
    if (!plans.has(key)) {
      const p = await db.compensationPlan.findUniqueOrThrow({ where: { code_version: { code: s.planCode, version: s.planVersion } } });
      plans.set(key, parsePlan(JSON.parse(p.document)));
    }
    const again = calculatePayslip(plans.get(key)!, thawInputs(s.inputs));
    const same =
      again.netFen === s.netFen &&
      again.lines.length === s.lines.length &&
      again.lines.every((l, i) => l.code === s.lines[i]!.code && l.amountFen === s.lines[i]!.amountFen && JSON.stringify(l.explanation) === s.lines[i]!.explanation);
    if (!same) differences.push(s.person.name);
  }
  return differences;
}
