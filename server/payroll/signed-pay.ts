/**
 * Whose pay for a month is signed: a payroll run of the month with them in
 * it is submitted or beyond (finance has handed it to the signers, or it is
 * locked or paid), counting only each run's newest version (a reopen
 * replaces a paid one). What decides that pay — attendance, sales, leave,
 * visit slips, adjustments — no longer changes until the run is returned or
 * reopened (brief §7: "after lock, only an audited reopen"), so the payslips
 * signed stay the ones the records explain.
 */
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { ImportProblem } from '../targets/sales-import.ts';
import { badInput } from '../errors.ts';
import type { Position, Rank } from '../db/generated/sqlite/client/enums.ts';
import { pathAndAncestors } from '../../schema/org-units.ts';

type Db = Context['prisma'] | Prisma.TransactionClient;

export const SIGNED_RUN_STATUSES = ['SUBMITTED', 'FINANCE_APPROVED', 'SALES_APPROVED', 'LOCKED', 'PAID'] as const;

export interface SignedPay {
  month: string;
  runStatus: string;
  version: number;
}

/** A person's month, as the key of signedPay's answer. */
export const payKey = (personId: string, month: string) => `${personId}|${month}`;

/** People a statement (SQLite's parameters stay well under a thousand). */
const CHUNK = 400;

/** For each (person, month) whose payroll is signed, the run's status and version; run it inside the writing transaction. */
export async function signedPay(db: Db, pairs: readonly { personId: string; month: string }[]): Promise<Map<string, SignedPay>> {
  const out = new Map<string, SignedPay>();
  const wanted = new Set(pairs.map((p) => payKey(p.personId, p.month)));
  const months = [...new Set(pairs.map((p) => p.month))];
  const people = [...new Set(pairs.map((p) => p.personId))];
  if (!months.length) return out;
  // The people's payslips in signed runs of those months, a slice of people at a time.
  const slips: { personId: string; run: { month: string; status: string; version: number; scopeUnitId: string } }[] = [];
  for (let i = 0; i < people.length; i += CHUNK) {
    slips.push(
      ...(await db.payslip.findMany({
        where: { personId: { in: people.slice(i, i + CHUNK) }, run: { month: { in: months }, status: { in: [...SIGNED_RUN_STATUSES] } } },
        select: { personId: true, run: { select: { month: true, status: true, version: true, scopeUnitId: true } } },
      })),
    );
  }
  if (!slips.length) return out;
  // Only a run that is its scope's newest version of the month holds the pay (a reopen replaces a paid one).
  const scopes = [...new Set(slips.map((x) => x.run.scopeUnitId))];
  const newestOf = new Map<string, number | null>();
  for (let i = 0; i < scopes.length; i += CHUNK) {
    const newest = await db.payrollRun.groupBy({ by: ['month', 'scopeUnitId'], where: { month: { in: months }, scopeUnitId: { in: scopes.slice(i, i + CHUNK) } }, _max: { version: true } });
    for (const r of newest) newestOf.set(`${r.month}|${r.scopeUnitId}`, r._max.version);
  }
  for (const x of slips) {
    if (newestOf.get(`${x.run.month}|${x.run.scopeUnitId}`) !== x.run.version) continue;
    const key = payKey(x.personId, x.run.month);
    if (wanted.has(key) && !out.has(key)) out.set(key, { month: x.run.month, runStatus: x.run.status, version: x.run.version });
  }
  return out;
}

/**
 * IN_SIGNED_PAYROLL for each import row that would write (create or change)
 * a record deciding a person's signed pay; rows that change nothing pass.
 */
export async function rowsInSignedPay(db: Db, rows: readonly { row: number; employeeNo: string; personId: string; day: string }[]): Promise<ImportProblem[]> {
  const signed = await signedPay(db, rows.map((r) => ({ personId: r.personId, month: r.day.slice(0, 7) })));
  if (!signed.size) return [];
  return rows.flatMap((r) => {
    const s = signed.get(payKey(r.personId, r.day.slice(0, 7)));
    return s
      ? [{ row: r.row, field: 'date', message: `the ${s.month} payroll with ${r.employeeNo} is already ${s.runStatus.toLowerCase()} (version ${s.version}); return or reopen it first`, reason: 'IN_SIGNED_PAYROLL' as const, params: { employeeNo: r.employeeNo, date: r.day, month: s.month, runStatus: s.runStatus, version: String(s.version) } }]
      : [];
  });
}

/** Refuses (PAYROLL_ALREADY_SIGNED, naming the first such month) when the person's pay for any of the months is signed. */
export async function requirePayOpen(db: Db, personId: string, months: readonly string[], what: string): Promise<void> {
  const signed = await signedPay(db, months.map((month) => ({ personId, month })));
  refuseSigned([...months].sort().map((m) => signed.get(payKey(personId, m))).find((s) => s !== undefined), what);
}

/** Whom a change from a day pays: one person (the default), or everyone of a rank or a position, whom the refusal then names. */
export type PaidGroup = { rank: Rank } | { position: Position };

/** How a refusal names what was asked: the argument (`month` unless given) and, for a rank's or a position's change, the group. */
export interface SignedRefusal {
  field?: string[];
  group?: PaidGroup;
}

function refuseSigned(first: SignedPay | undefined, what: string, { field = ['month'], group }: SignedRefusal = {}) {
  if (!first) return;
  const signed = { month: first.month, runStatus: first.runStatus, version: first.version };
  const already = `is already ${first.runStatus.toLowerCase().replace('_', ' ')} (version ${first.version}); return or reopen it first`;
  if (group && 'rank' in group) {
    throw badInput(field, `${what}: the ${first.month} payroll with people of rank ${group.rank} ${already}`, 'PAYROLL_ALREADY_SIGNED_FOR_RANK', { rank: group.rank, ...signed });
  }
  if (group) throw badInput(field, `${what}: the ${first.month} payroll with people in the position ${group.position} ${already}`, 'PAYROLL_ALREADY_SIGNED_FOR_POSITION', { position: group.position, ...signed });
  throw badInput(field, `${what}: the ${first.month} payroll with this person ${already}`, 'PAYROLL_ALREADY_SIGNED', signed);
}

/** The months (YYYY-MM) from one day to another, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7) && out.length < 1200; ) {
    out.push(m);
    const [y, n] = m.split('-').map(Number) as [number, number];
    m = n === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(n + 1).padStart(2, '0')}`;
  }
  return out;
}

/** The months a change from a day may reach whose pay can be signed: to the end of next year (none when the day is later). */
function monthsFrom(from: string, today: string): string[] {
  const last = `${Number(today.slice(0, 4)) + 1}-12-31`;
  return from > last ? [] : monthsBetween(from, last);
}

const byMonth = (a: SignedPay, b: SignedPay) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0);

/**
 * Refuses (PAYROLL_ALREADY_SIGNED) a change that decides pay from a day on
 * — pay terms from a day, a plan assignment, a transfer, a leave date — when
 * any of the people's pay is signed for that day's month or a later one:
 * the signed payslips would no longer be what the roster says was in force.
 * A rank's or a position's change is refused naming the group
 * (PAYROLL_ALREADY_SIGNED_FOR_RANK / _FOR_POSITION).
 */
export async function requirePayOpenFrom(db: Db, personIds: readonly string[], from: string, today: string, what: string, refusal: SignedRefusal = {}): Promise<void> {
  const months = monthsFrom(from, today);
  if (!months.length) return;
  const signed = await signedPay(db, personIds.flatMap((personId) => months.map((month) => ({ personId, month }))));
  refuseSigned([...signed.values()].sort(byMonth)[0], what, refusal);
}

/**
 * Refuses (PAYROLL_ALREADY_SIGNED) placing someone in a unit from a day on —
 * a hire — when a run of that day's month or a later one whose scope holds
 * the unit (the unit itself or one above it) is signed: that run would pay
 * them, and it no longer changes, so nobody would.
 */
export async function requireUnitPayOpenFrom(db: Db, unitPath: string, from: string, today: string, what: string, field: string[]): Promise<void> {
  const months = monthsFrom(from, today);
  if (!months.length) return;
  const runs = await db.payrollRun.findMany({
    where: { month: { in: months }, scopeUnit: { path: { in: pathAndAncestors(unitPath) } } },
    select: { month: true, scopeUnitId: true, status: true, version: true },
  });
  // Only a run that is its scope's newest version of the month holds the pay (a reopen replaces a paid one).
  const newest = new Map<string, (typeof runs)[number]>();
  for (const r of runs) {
    const key = `${r.month}|${r.scopeUnitId}`;
    if ((newest.get(key)?.version ?? -1) < r.version) newest.set(key, r);
  }
  const signed = [...newest.values()].filter((r) => (SIGNED_RUN_STATUSES as readonly string[]).includes(r.status)).map((r) => ({ month: r.month, runStatus: r.status, version: r.version }));
  refuseSigned(signed.sort(byMonth)[0], what, { field });
}
