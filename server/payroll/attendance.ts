/**
 * Attendance days imported in bulk: one status per person per day, the import
 * replacing what a day held (so importing twice changes nothing). Refused
 * whole, listing every bad row: unknown people, days they were not
 * employed, days in a locked period. Nobody imports their own attendance.
 */
import { servedReach, servesPlacement } from './served-units.ts';
import type { Context } from '../context.ts';
import type { Prisma } from '../db/client.ts';
import type { AttendanceStatus } from '../db/generated/sqlite/client/enums.ts';
import { recordImport } from '../audit.ts';
import { clientError } from '../errors.ts';
import { dateToDay } from '../../schema/dates.ts';
import type { FiscalCalendar } from '../../schema/periods.ts';
import { fiscalCalendar } from '../targets/calendar.ts';
import { rowsInSignedPay } from './signed-pay.ts';
import { countRows, importRejected, inLockedPeriods, type ImportCounts, type ImportProblem, type ImportResult, type Locate } from '../targets/sales-import.ts';
import { employeeNoKey, idsOfEmployeeNos } from '../roster/employee-numbers.ts';

/** The most minutes anyone can be late on one day. */
const MINUTES_A_DAY = 24 * 60;

export interface AttendanceInput {
  employeeNo: string;
  date: Date;
  status: AttendanceStatus;
  lateMinutes?: number | null;
  note?: string | null;
  /** Where the record came from in a sheet or file (its row there). */
  sourceRow?: number;
}

type AttendanceRow = { personId: string; date: Date; status: AttendanceStatus; lateMinutes: number; note: string | null };

/**
 * Every check an import makes, without writing: the rows as they would be
 * stored and every problem. Importing one's own attendance is refused
 * outright (FORBIDDEN).
 */
export async function checkAttendance(ctx: Context, records: AttendanceInput[]): Promise<{ problems: ImportProblem[]; rows: (AttendanceRow | null)[] }> {
  const problems: ImportProblem[] = [];
  const reach = await servedReach(ctx);
  const people = await ctx.prisma.person.findMany({
    where: { id: { in: await idsOfEmployeeNos(ctx.prisma, records.map((r) => r.employeeNo)) } },
    // Placements only for finance who serve named units: whose day each row is.
    select: { id: true, employeeNo: true, hireDate: true, leaveDate: true, assignments: reach ? { select: { unitId: true, validFrom: true, validTo: true } } : false },
  });
  const byNo = new Map(people.map((p) => [employeeNoKey(p.employeeNo), p]));
  // Attendance decides pay: nobody imports their own.
  const own = ctx.viewer?.personId ? records.flatMap((r, i) => (byNo.get(employeeNoKey(r.employeeNo))?.id === ctx.viewer!.personId ? [r.sourceRow ?? i + 1] : [])) : [];
  if (own.length) {
    throw clientError('FORBIDDEN', `Nobody may import their own attendance: row(s) ${own.slice(0, 10).join(', ')}${own.length > 10 ? ', …' : ''} are yours; someone else must import them`, {
      reason: 'OWN_ATTENDANCE',
      params: { rows: own.slice(0, 10).join(', ') },
      field: 'records',
      rows: own.slice(0, 200),
    });
  }
  const seen = new Map<string, number>();
  const rows = records.map((r, i) => {
    const row = r.sourceRow ?? i + 1;
    const before = problems.length;
    const p = byNo.get(employeeNoKey(r.employeeNo));
    const day = dateToDay(r.date);
    if (!r.employeeNo.trim()) problems.push({ row, field: 'employeeNo', message: 'is empty', reason: 'CELL_EMPTY', params: {} });
    else if (!p) problems.push({ row, field: 'employeeNo', message: `no person has employee number ${r.employeeNo}`, reason: 'UNKNOWN_EMPLOYEE_NO', params: { employeeNo: r.employeeNo } });
    else if (r.date < p.hireDate || (p.leaveDate && r.date > p.leaveDate)) problems.push({ row, field: 'date', message: `${r.employeeNo} was not employed on ${day}`, reason: 'NOT_EMPLOYED_ON', params: { employeeNo: r.employeeNo, date: day } });
    else if (!servesPlacement(reach, p.assignments ?? [], r.date)) problems.push({ row, field: 'employeeNo', message: `${r.employeeNo} was not in a unit you serve on ${day}`, reason: 'ROW_NOT_SERVED', params: { employeeNo: r.employeeNo, date: day } });
    const k = `${employeeNoKey(r.employeeNo)}|${day}`;
    if (seen.has(k)) problems.push({ row, field: 'date', message: `${r.employeeNo} on ${day} appears twice (also row ${seen.get(k)})`, reason: 'DUPLICATE_ATTENDANCE', params: { employeeNo: r.employeeNo, date: day, otherRow: String(seen.get(k)) } });
    seen.set(k, row);
    // Minutes late in one day: not negative, not more than the day has, and on LATE days only.
    if ((r.lateMinutes ?? 0) < 0 || (r.lateMinutes ?? 0) > MINUTES_A_DAY || (r.status !== 'LATE' && (r.lateMinutes ?? 0) > 0)) {
      problems.push({ row, field: 'lateMinutes', message: `late minutes belong to LATE days only, between 0 and ${MINUTES_A_DAY}`, reason: 'LATE_MINUTES_INVALID', params: {} });
    }
    return p && problems.length === before ? { personId: p.id, date: r.date, status: r.status, lateMinutes: r.lateMinutes ?? 0, note: r.note ?? null } : null;
  });
  const locked = await attendanceInLockedPeriods(ctx.prisma, await fiscalCalendar(ctx), records);
  const lockedRows = new Set(locked.map((l) => l.row));
  problems.push(...locked);
  return { problems: problems.sort((a, b) => a.row - b.row), rows: rows.map((r, i) => (lockedRows.has(records[i]!.sourceRow ?? i + 1) ? null : r)) };
}

/** The records' days in a locked period, read through db (inside the import's write transaction when it writes). */
const attendanceInLockedPeriods = (db: Pick<Context['prisma'], 'periodLock'>, calendar: FiscalCalendar, records: AttendanceInput[]) =>
  inLockedPeriods(db, calendar, () => records.map((r, i) => ({ row: r.sourceRow ?? i + 1, day: dateToDay(r.date) })));

const dayKey = (x: { personId: string; date: Date }) => `${x.personId}|${x.date.getTime()}`;

async function storedDays(db: Pick<Context['prisma'], 'attendanceDay'>, rows: AttendanceRow[]) {
  if (!rows.length) return new Map<string, Awaited<ReturnType<Context['prisma']['attendanceDay']['findMany']>>[number]>();
  const existing = await db.attendanceDay.findMany({ where: { OR: rows.map((r) => ({ personId: r.personId, date: r.date })) } });
  return new Map(existing.map((e) => [dayKey(e), e]));
}

const changes = (e: { status: string; lateMinutes: number; note: string | null }, r: AttendanceRow) => e.status !== r.status || e.lateMinutes !== r.lateMinutes || e.note !== r.note;

/**
 * What importing these records would do, and every problem, without writing
 * anything (the import's own checks). A row named by a problem, here or in
 * `known` (e.g. a cell of its sheet row that did not read), is not counted.
 */
export async function previewAttendance(ctx: Context, records: AttendanceInput[], locate: Locate = (p) => p, known: ImportProblem[] = []): Promise<{ counts: ImportCounts; problems: ImportProblem[] }> {
  const { problems, rows } = await checkAttendance(ctx, records);
  const had = await storedDays(ctx.prisma, rows.filter((r): r is AttendanceRow => r !== null));
  const outcomes = rows.flatMap((r, i) => {
    if (!r) return [];
    const e = had.get(dayKey(r));
    return [{ row: records[i]!.sourceRow ?? i + 1, outcome: !e ? ('created' as const) : changes(e, r) ? ('updated' as const) : ('unchanged' as const) }];
  });
  const signed = await attendanceInSignedPay(ctx.prisma, records, rows, had);
  const all = [...problems, ...signed].sort((a, b) => a.row - b.row);
  return { counts: countRows(outcomes, [...known, ...all]), problems: all.map(locate) };
}

/** The rows that would create or change a day of someone whose pay for its month is signed. */
function attendanceInSignedPay(db: Parameters<typeof rowsInSignedPay>[0], records: AttendanceInput[], rows: (AttendanceRow | null)[], had: Awaited<ReturnType<typeof storedDays>>) {
  return rowsInSignedPay(
    db,
    rows.flatMap((r, i) => {
      if (!r) return [];
      const e = had.get(dayKey(r));
      return e && !changes(e, r) ? [] : [{ row: records[i]!.sourceRow ?? i + 1, employeeNo: records[i]!.employeeNo, personId: r.personId, day: dateToDay(r.date) }];
    }),
  );
}

export async function importAttendance(
  ctx: Context,
  records: AttendanceInput[],
  source = 'The attendance import',
  locate: Locate = (p) => p,
  /** Runs last inside the import's transaction (a job records its success with it). */
  finish?: (tx: Prisma.TransactionClient, result: ImportResult) => Promise<void>,
): Promise<ImportResult> {
  const checked = await checkAttendance(ctx, records);
  if (checked.problems.length) importRejected(checked.problems.map(locate), source);
  const rows = checked.rows as AttendanceRow[];
  // What the audit records of a day: whose (id and employee number), which, and what it held.
  const employeeNo = new Map(rows.map((r, i) => [r.personId, records[i]!.employeeNo]));
  const audited = (d: AttendanceRow) => ({ personId: d.personId, employeeNo: employeeNo.get(d.personId), date: dateToDay(d.date), status: d.status, lateMinutes: d.lateMinutes, note: d.note });
  const calendar = await fiscalCalendar(ctx);
  return ctx.prisma.$transaction(
    async (tx) => {
      // A period locked since the checks: refused as they would refuse it, before anything is written.
      const locked = await attendanceInLockedPeriods(tx, calendar, records);
      if (locked.length) importRejected(locked.map(locate), source);
      const had = await storedDays(tx, rows);
      // Nor a day of someone whose pay for the month is signed: the payslips would no longer match what they were signed on.
      const signed = await attendanceInSignedPay(tx, records, rows, had);
      if (signed.length) importRejected(signed.map(locate), source);
      const key = dayKey;
      const created: AttendanceRow[] = [];
      const updated: { before: AttendanceRow; after: AttendanceRow }[] = [];
      for (const r of rows) {
        const e = had.get(key(r));
        if (!e) {
          await tx.attendanceDay.create({ data: r });
          created.push(r);
        } else if (changes(e, r)) {
          await tx.attendanceDay.update({ where: { id: e.id }, data: r });
          updated.push({ before: e, after: r });
        }
      }
      const unchanged = rows.length - created.length - updated.length;
      const auditId = await recordImport(
        tx,
        ctx.viewer,
        'AttendanceImport',
        created.map(audited),
        updated.map((u) => ({ before: audited(u.before), after: audited(u.after) })),
        { unchanged },
      );
      const result = { created: created.length, updated: updated.length, unchanged, auditId };
      await finish?.(tx, result);
      return result;
    },
    { timeout: 60_000 },
  );
}
