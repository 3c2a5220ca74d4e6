/**
 * Importing actual sales, idempotent on the external id: the same batch
 * twice changes nothing; a row whose content changed is updated. The whole
 * batch is checked first and refused whole, with every bad row listed, so
 * a rejected import leaves the database as it was.
 */
import { servedReach } from '../payroll/served-units.ts';
import { rowsInSignedPay } from '../payroll/signed-pay.ts';
import type { ImportProblemReason } from '../../schema/reasons.ts';
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import { recordImport } from '../audit.ts';
import { employeeNoKey, idsOfEmployeeNos } from '../roster/employee-numbers.ts';
import { mentorsInMonths } from '../roster/mentors.ts';
import { clientError } from '../errors.ts';
import { dateToDay } from '../../schema/dates.ts';
import { formatMoney } from '../../schema/money.ts';
import { period, type FiscalCalendar } from '../../schema/periods.ts';
import { fiscalCalendar, periodLocksForWrite } from './calendar.ts';
import { refreshSalesMonths } from '../results/rollup.ts';
import { flagCrossTerritorySales } from '../customers/cross-territory.ts';
import { normaliseCustomerCode } from '../../schema/customers.ts';

export interface SaleInput {
  externalId: string;
  employeeNo: string;
  date: Date;
  amountFen: bigint;
  units?: number | null;
  customer?: string | null;
  /** A customer file's code (客户编码): the sale names that customer; an unknown code refuses the row. */
  customerCode?: string | null;
  newCustomer?: boolean | null;
  collectedFen?: bigint | null;
  marginFen?: bigint | null;
  /** Where the record came from in an uploaded file (its row there). */
  sourceRow?: number;
}

export interface ImportProblem {
  /** 1-based row of the batch (or of the file, when it came from one). */
  row: number;
  field: string;
  /** In English, for API clients; the pane renders reason and params in the reader's language. */
  message: string;
  /** Why, as a registered reason (schema/reasons.ts), and what its message needs. */
  reason: ImportProblemReason;
  params: Record<string, string>;
  /** The sheet and cell it names, when the records came from a sheet or a file. */
  sheet?: string;
  cell?: string;
}

/** How many records an import would create, update or leave as they were (a preview), or did. */
export interface ImportTally {
  created: number;
  updated: number;
  unchanged: number;
}

/** What an import would do (a preview). */
export interface ImportCounts extends ImportTally {
  /** Records that passed every check. */
  valid: number;
}

/** What importing one row would do to what is stored. */
export type RowOutcome = keyof ImportTally;

/**
 * A preview's counts: what each row would do, leaving out every row a
 * problem names (valid is the rows that pass every check, and a refused row
 * is neither new, changed nor unchanged).
 */
export function countRows(outcomes: { row: number; outcome: RowOutcome }[], problems: ImportProblem[]): ImportCounts {
  const refused = new Set(problems.map((p) => p.row));
  const counts: ImportCounts = { valid: 0, created: 0, updated: 0, unchanged: 0 };
  for (const { row, outcome } of outcomes) {
    if (refused.has(row)) continue;
    counts.valid++;
    counts[outcome]++;
  }
  return counts;
}

/** Which problems to report where: e.g. to name each problem's cell in the sheet the records came from. */
export type Locate = (p: ImportProblem) => ImportProblem;

/** What an import did. */
export interface ImportResult extends ImportTally {
  /** The id its audit entries are recorded under (auditTrail's entityId); null when it changed nothing, so recorded nothing. */
  auditId: string | null;
}

/** Refuses the whole import, listing every problem (at most 200 in the error). */
export function importRejected(problems: ImportProblem[], source = 'The import'): never {
  const head = problems.slice(0, 3).map((p) => `row ${p.row} ${p.field}: ${p.message}`).join('; ');
  throw clientError('BAD_USER_INPUT', `${source} was refused, nothing was saved: ${problems.length} problem(s) — ${head}${problems.length > 3 ? '; …' : ''}`, {
    field: 'records',
    reason: 'IMPORT_REJECTED',
    params: { count: problems.length },
    problems: problems.slice(0, 200),
  });
}

type SalesRow = {
  externalId: string;
  personId: string;
  unitId: string;
  date: Date;
  amountFen: bigint;
  units: number;
  customer: string | null;
  customerId: string | null;
  newCustomer: boolean;
  collectedFen: bigint;
  marginFen: bigint;
};

/**
 * The largest sale, collection or margin one record may carry: ¥1,000,000,000,000.00.
 * Far above any real sale, and low enough that the monthly sums (SalesMonth)
 * of any number of records a month could hold stay inside 64-bit fen.
 */
export const MAX_SALE_FEN = 10n ** 14n;

/**
 * Every check an import makes, without writing: the rows as they would be
 * stored (null where a record's person or employment is wrong) and every
 * problem. Importing one's own sales is refused outright (FORBIDDEN).
 */
export async function checkSales(ctx: Context, records: SaleInput[]): Promise<{ problems: ImportProblem[]; rows: (SalesRow | null)[] }> {
  const problems: ImportProblem[] = [];
  const rowOf = (i: number) => records[i]!.sourceRow ?? i + 1;
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    if (!r.externalId.trim()) problems.push({ row: rowOf(i), field: 'externalId', message: 'is empty', reason: 'CELL_EMPTY', params: {} });
    else if (seen.has(r.externalId)) problems.push({ row: rowOf(i), field: 'externalId', message: `${r.externalId} appears twice in this import (also row ${seen.get(r.externalId)})`, reason: 'DUPLICATE_SALE', params: { externalId: r.externalId, otherRow: String(seen.get(r.externalId)) } });
    else seen.set(r.externalId, rowOf(i));
    if (r.amountFen < 0n) problems.push({ row: rowOf(i), field: 'amount', message: 'is negative', reason: 'NEGATIVE_AMOUNT', params: {} });
    // Collections are money received: never below zero. A margin may be (a sale at a loss).
    if (r.collectedFen != null && r.collectedFen < 0n) problems.push({ row: rowOf(i), field: 'collected', message: 'is negative', reason: 'NEGATIVE_AMOUNT', params: {} });
    for (const [field, fen] of [['amount', r.amountFen], ['collected', r.collectedFen], ['margin', r.marginFen]] as const) {
      if (fen != null && (fen > MAX_SALE_FEN || fen < -MAX_SALE_FEN)) {
        problems.push({ row: rowOf(i), field, message: `is beyond ±${formatMoney(MAX_SALE_FEN)} a sale`, reason: 'NUMBER_OUT_OF_RANGE', params: { value: formatMoney(fen), max: formatMoney(MAX_SALE_FEN) } });
      }
    }
    if (r.units != null && (!Number.isInteger(r.units) || r.units < 0)) problems.push({ row: rowOf(i), field: 'units', message: 'must be a whole number, not negative', reason: 'NOT_A_WHOLE_NUMBER', params: { value: String(r.units) } });
  });

  // Finance who serve named units import their units' sales only.
  const reach = await servedReach(ctx);
  const employeeNos = [...new Set(records.map((r) => r.employeeNo))];
  const people = await ctx.prisma.person.findMany({
    where: { id: { in: await idsOfEmployeeNos(ctx.prisma, employeeNos) } },
    select: { id: true, employeeNo: true, assignments: { select: { unitId: true, validFrom: true, validTo: true } } },
  });
  const byNo = new Map(people.map((p) => [employeeNoKey(p.employeeNo), p]));
  // Sales decide commission: nobody imports their own (as with attendance).
  const own = ctx.viewer?.personId ? records.flatMap((r, i) => (byNo.get(employeeNoKey(r.employeeNo))?.id === ctx.viewer!.personId ? [rowOf(i)] : [])) : [];
  if (own.length) {
    throw clientError('FORBIDDEN', `Nobody may import their own sales: row(s) ${own.slice(0, 10).join(', ')}${own.length > 10 ? ', …' : ''} are yours; someone else must import them`, {
      reason: 'OWN_PAY',
      field: 'records',
      rows: own.slice(0, 200),
    });
  }
  const codes = [...new Set(records.flatMap((r) => (r.customerCode?.trim() ? [normaliseCustomerCode(r.customerCode)] : [])))];
  const customers = codes.length ? await ctx.prisma.customer.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, name: true } }) : [];
  const byCode = new Map(customers.map((c) => [c.code, c]));
  const customerOf = (r: SaleInput, i: number) => {
    if (!r.customerCode?.trim()) return null;
    const c = byCode.get(normaliseCustomerCode(r.customerCode));
    if (!c) problems.push({ row: rowOf(i), field: 'customerCode', message: `no customer has the code ${r.customerCode.trim()}`, reason: 'UNKNOWN_CUSTOMER_CODE', params: { code: r.customerCode.trim() } });
    return c ?? null;
  };
  const resolved = records.map((r, i) => {
    const customer = customerOf(r, i);
    const p = byNo.get(employeeNoKey(r.employeeNo));
    if (!p) {
      // A blank number is an empty cell, not a number nobody has.
      if (!r.employeeNo.trim()) problems.push({ row: rowOf(i), field: 'employeeNo', message: 'is empty', reason: 'CELL_EMPTY', params: {} });
      else problems.push({ row: rowOf(i), field: 'employeeNo', message: `no person has employee number ${r.employeeNo}`, reason: 'UNKNOWN_EMPLOYEE_NO', params: { employeeNo: r.employeeNo } });
      return null;
    }
    const a = p.assignments.find((x) => x.validFrom <= r.date && (!x.validTo || x.validTo > r.date));
    if (!a) {
      problems.push({ row: rowOf(i), field: 'date', message: `${r.employeeNo} was not employed on ${dateToDay(r.date)}`, reason: 'NOT_EMPLOYED_ON', params: { employeeNo: r.employeeNo, date: dateToDay(r.date) } });
      return null;
    }
    if (reach && !reach.unitIds.has(a.unitId)) {
      problems.push({ row: rowOf(i), field: 'employeeNo', message: `${r.employeeNo} was not in a unit you serve on ${dateToDay(r.date)}`, reason: 'ROW_NOT_SERVED', params: { employeeNo: r.employeeNo, date: dateToDay(r.date) } });
      return null;
    }
    return {
      externalId: r.externalId,
      personId: p.id,
      unitId: a.unitId,
      date: r.date,
      amountFen: r.amountFen,
      units: r.units ?? 0,
      customer: r.customer ?? customer?.name ?? null,
      customerId: customer?.id ?? null,
      newCustomer: r.newCustomer ?? false,
      collectedFen: r.collectedFen ?? 0n,
      marginFen: r.marginFen ?? 0n,
    };
  });
  if (reach) {
    // Nor do they move a stored sale out of a unit they do not serve.
    const stored = await ctx.prisma.salesRecord.findMany({ where: { externalId: { in: resolved.flatMap((r) => (r ? [r.externalId] : [])) } }, select: { externalId: true, unitId: true } });
    const unitOf = new Map(stored.map((x) => [x.externalId, x]));
    resolved.forEach((r, i) => {
      const was = r && unitOf.get(r.externalId);
      if (was && !reach.unitIds.has(was.unitId)) {
        // Named by its own id only: whose sale it is, and when, is not theirs to read.
        problems.push({ row: rowOf(i), field: 'externalId', message: `${r.externalId} is a sale recorded in a unit you do not serve`, reason: 'SALE_NOT_SERVED', params: { externalId: r.externalId } });
        resolved[i] = null;
      }
    });
  }
  problems.push(...(await salesInLockedPeriods(ctx.prisma, await fiscalCalendar(ctx), records, resolved)));
  return { problems: problems.sort((a, b) => a.row - b.row), rows: resolved };
}

/** A day an import writes (or takes a stored record from), by the row it came from. */
export type DatedRow = { row: number; day: string };

/**
 * IN_LOCKED_PERIOD for each dated row whose day lies in a locked period.
 * Read through `db`: the import reads it again inside its write
 * transaction, so a period locked after the checks still refuses the write.
 */
export async function inLockedPeriods<D extends Pick<Context['prisma'], 'periodLock'>>(db: D, calendar: FiscalCalendar, dated: (db: D) => DatedRow[] | Promise<DatedRow[]>): Promise<ImportProblem[]> {
  // Through periodLocksForWrite: inside the write transaction on PostgreSQL, a lock taken now waits for the import to commit.
  const locks = (await periodLocksForWrite(db)).map((l) => period(l.periodKey, calendar));
  if (!locks.length) return [];
  return (await dated(db)).flatMap(({ row, day }) => {
    const lock = locks.find((l) => l.start <= day && day <= l.end);
    return lock ? [{ row, field: 'date', message: `${day} is in the locked period ${lock.key}`, reason: 'IN_LOCKED_PERIOD' as const, params: { date: day, period: lock.key } }] : [];
  });
}

/** The days of resolved sales in a locked period: its own, and the day a sale imported again under another date leaves (that must not be locked either). */
function salesInLockedPeriods(db: Pick<Context['prisma'], 'periodLock' | 'salesRecord'>, calendar: FiscalCalendar, records: SaleInput[], rows: (SalesRow | null)[]) {
  return inLockedPeriods(db, calendar, async (db) => {
    const stored = new Map(
      (await db.salesRecord.findMany({ where: { externalId: { in: records.map((r) => r.externalId) } }, select: { externalId: true, date: true } })).map((e) => [e.externalId, dateToDay(e.date)]),
    );
    return rows.flatMap((r, i) => {
      if (!r) return [];
      const row = records[i]!.sourceRow ?? i + 1;
      const day = dateToDay(r.date);
      const was = stored.get(r.externalId);
      return (was && was !== day ? [day, was] : [day]).map((d) => ({ row, day: d }));
    });
  });
}

type Db = Pick<Context['prisma'], 'salesRecord'>;

/** Which rows are new, which change a stored sale, and the stored sales they change. */
async function salesChanges(db: Db, rows: SalesRow[]) {
  const existing = new Map(
    (await db.salesRecord.findMany({ where: { externalId: { in: rows.map((r) => r.externalId) } }, include: { crossTerritoryFlag: { select: { status: true } } } })).map(
      ({ crossTerritoryFlag, ...e }) => [e.externalId, { ...e, reassigned: crossTerritoryFlag?.status === 'REASSIGNED' }] as const,
    ),
  );
  // A sale whose credit a manager moved (窜货, REASSIGNED) keeps it when the same sale is imported again.
  rows = rows.map((r) => {
    const e = existing.get(r.externalId);
    return e?.reassigned ? { ...r, personId: e.personId, unitId: e.unitId } : r;
  });
  const fresh = rows.filter((r) => !existing.has(r.externalId));
  const changed = rows.filter((r) => {
    const e = existing.get(r.externalId);
    return (
      e &&
      (e.personId !== r.personId || e.unitId !== r.unitId || e.date.getTime() !== r.date.getTime() || e.amountFen !== r.amountFen || e.units !== r.units ||
        e.customer !== r.customer || e.customerId !== r.customerId || e.newCustomer !== r.newCustomer || e.collectedFen !== r.collectedFen || e.marginFen !== r.marginFen)
    );
  });
  return { existing, fresh, changed };
}

/**
 * What importing these records would do, and every problem, without writing
 * anything (the import's own checks). A row named by a problem, here or in
 * `known` (e.g. a cell of its sheet row that did not read), is not counted.
 */
export async function previewSales(ctx: Context, records: SaleInput[], locate: Locate = (p) => p, known: ImportProblem[] = []): Promise<{ counts: ImportCounts; problems: ImportProblem[] }> {
  const { problems, rows } = await checkSales(ctx, records);
  const { existing, fresh, changed } = await salesChanges(ctx.prisma, rows.filter((r): r is SalesRow => r !== null));
  const signed = await salesInSignedPay(ctx.prisma, records, existing, fresh, changed);
  const changedIds = new Set(changed.map((r) => r.externalId));
  const outcomes = rows.flatMap((r, i) =>
    r ? [{ row: records[i]!.sourceRow ?? i + 1, outcome: !existing.has(r.externalId) ? ('created' as const) : changedIds.has(r.externalId) ? ('updated' as const) : ('unchanged' as const) }] : [],
  );
  const all = [...problems, ...signed].sort((a, b) => a.row - b.row);
  return { counts: countRows(outcomes, [...known, ...all]), problems: all.map(locate) };
}

/**
 * The rows that would add a sale to, or change one in, a month whose pay is
 * signed for the person credited: the new sale's, and a changed sale's
 * former person and month too (commission and milestones are paid on them).
 */
async function salesInSignedPay(db: Parameters<typeof rowsInSignedPay>[0], records: SaleInput[], existing: Awaited<ReturnType<typeof salesChanges>>['existing'], fresh: SalesRow[], changed: SalesRow[]) {
  const rowOf = new Map(records.map((r, i) => [r.externalId, { row: r.sourceRow ?? i + 1, employeeNo: r.employeeNo }]));
  // A changed sale's former person, by their own employee number.
  const former = changed.map((r) => ({ r, e: existing.get(r.externalId)! }));
  const others = [...new Set(former.filter(({ r, e }) => e.personId !== r.personId).map(({ e }) => e.personId))];
  const numberOf = new Map(others.length ? (await db.person.findMany({ where: { id: { in: others } }, select: { id: true, employeeNo: true } })).map((p) => [p.id, p.employeeNo]) : []);
  const touched = [
    ...[...fresh, ...changed].map((r) => ({ ...rowOf.get(r.externalId)!, personId: r.personId, day: dateToDay(r.date) })),
    ...former.map(({ r, e }) => ({ row: rowOf.get(r.externalId)!.row, employeeNo: numberOf.get(e.personId) ?? rowOf.get(r.externalId)!.employeeNo, personId: e.personId, day: dateToDay(e.date) })),
  ];
  // A trainee's sales are paid on their mentor's payslip too (the override): the mentor's signed month holds them as well,
  // the mentor they had on that month's last day (roster/pay-terms.ts).
  const mentorOf = await mentorsInMonths(db, touched);
  const mentors = touched.flatMap((t) => {
    const m = mentorOf(t.personId, t.day);
    return m ? [{ row: t.row, employeeNo: m.employeeNo, personId: m.id, day: t.day }] : [];
  });
  const problems = await rowsInSignedPay(db, [...touched, ...mentors]);
  // One problem a row for each month: the seller's own when theirs is signed, else their mentor's.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.row}|${p.params.month}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * What the audit records of a sale: every value stored (money in yuan, as
 * exact decimals), and whose it is by employee number as well as by id.
 */
async function auditedSale(db: Pick<Context['prisma'], 'person'>, sales: SalesRow[]) {
  const ids = [...new Set(sales.map((r) => r.personId))];
  const employeeNo = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const p of await db.person.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, select: { id: true, employeeNo: true } })) employeeNo.set(p.id, p.employeeNo);
  }
  return (r: SalesRow) => ({
    externalId: r.externalId,
    employeeNo: employeeNo.get(r.personId) ?? null,
    personId: r.personId,
    unitId: r.unitId,
    date: dateToDay(r.date),
    amount: formatMoney(r.amountFen),
    units: r.units,
    customer: r.customer,
    customerId: r.customerId,
    newCustomer: r.newCustomer,
    collected: formatMoney(r.collectedFen),
    margin: formatMoney(r.marginFen),
  });
}

export async function importSales(
  ctx: Context,
  records: SaleInput[],
  source?: string,
  locate: Locate = (p) => p,
  /** Runs last inside the import's transaction (a job records its success with it). */
  finish?: (tx: Prisma.TransactionClient, result: ImportResult) => Promise<void>,
): Promise<ImportResult> {
  const checked = await checkSales(ctx, records);
  if (checked.problems.length) importRejected(checked.problems.map(locate), source);
  const rows = checked.rows as SalesRow[];

  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(
    async (tx) => {
      // A period locked since the checks: refused as they would refuse it, before anything is written.
      const locked = await salesInLockedPeriods(tx, calendar, records, rows);
      if (locked.length) importRejected(locked.map(locate), source);
      const { existing, fresh, changed } = await salesChanges(tx, rows);
      // Nor a sale deciding pay that is already signed: the payslips would no longer match what they were signed on.
      const signed = await salesInSignedPay(tx, records, existing, fresh, changed);
      if (signed.length) importRejected(signed.map(locate), source);
      if (fresh.length) await tx.salesRecord.createMany({ data: fresh });
      for (const r of changed) await tx.salesRecord.update({ where: { externalId: r.externalId }, data: r });
      // A sale now to another customer, or booked in another unit, is examined afresh: an open flag on it no longer holds.
      const moved = changed.map((r) => [r, existing.get(r.externalId)!] as const).filter(([r, e]) => r.customerId !== e.customerId || r.unitId !== e.unitId);
      const cleared = moved.length ? await tx.crossTerritoryFlag.findMany({ where: { saleId: { in: moved.map(([, e]) => e.id) }, status: 'OPEN' }, select: { id: true } }) : [];
      if (cleared.length) await tx.crossTerritoryFlag.deleteMany({ where: { id: { in: cleared.map((f) => f.id) } } });
      // Sales naming a customer owned outside the selling unit's territory (窜货).
      const named = [...fresh, ...changed].filter((r) => r.customerId).map((r) => r.externalId);
      const flagged = named.length
        ? await flagCrossTerritorySales(tx, (await tx.salesRecord.findMany({ where: { externalId: { in: named } }, select: { id: true } })).map((s) => s.id))
        : 0;
      // The monthly sums the results read, for the months before and after the change.
      const touched = [...fresh, ...changed, ...changed.map((r) => existing.get(r.externalId)!)];
      await refreshSalesMonths(tx, touched);
      const unchanged = rows.length - fresh.length - changed.length;
      const audited = await auditedSale(tx, touched);
      const auditId = await recordImport(
        tx,
        ctx.viewer,
        'SalesImport',
        fresh.map(audited),
        changed.map((r) => ({ before: audited(existing.get(r.externalId)!), after: audited(r) })),
        { unchanged, crossTerritoryFlagged: flagged, crossTerritoryCleared: cleared.map((f) => f.id) },
      );
      const result = { created: fresh.length, updated: changed.length, unchanged, auditId };
      await finish?.(tx, result);
      return result;
    },
    { timeout: 60_000 },
  );
}
