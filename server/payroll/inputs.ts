/**
 * Everything a month's payslips depend on, gathered for a scope in a few
 * queries: who was there and for how many working days, their sales day by
 * day, their trainees' sales, attendance, adjustments and plan. The result is
 * frozen into each payslip so that a locked run recomputes identically.
 */
import { Prisma } from '../db/client.ts';
import { breathe } from '../breathe.ts';
import type { PayInputs, RankingFacts } from '../../schema/compensation.ts';
import type { Rank } from '../../schema/compensation.ts';
import { countWorkingDays } from '../../schema/working-calendar.ts';
import { byWorkingDay, employedSpan, fieldVisitDays } from '../../schema/paid-attendance.ts';
import { payrollCalendar } from './working-calendar.ts';
import { addDays, dateToDay, dayToDate } from '../../schema/dates.ts';
import { listedNames, NAMES_LISTED } from '../../schema/reasons.ts';
import { month as monthOf } from './month.ts';
import { clientError } from '../errors.ts';
import type { ReadRows } from '../db/direct-read.ts';
import type { Position, Rank as RankEnum } from '../db/generated/sqlite/client/enums.ts';
import { planResolver, type ResolvedPlan } from './plans.ts';
import { approvedLeaveDays, summarise } from './leave.ts';
import { coveringSlips } from '../visit-slips/slips.ts';
import { mentorOn, termsOn, type PayTerms, type TermChange } from '../roster/pay-terms.ts';
import type { PayTerm } from '../db/generated/sqlite/client/enums.ts';

type Tx = Prisma.TransactionClient;

export interface PersonInputs {
  personId: string;
  /** Names the person in a refusal (not frozen with the payslip). */
  employeeNo: string;
  inputs: PayInputs;
  plan: ResolvedPlan;
}

const BIGINT = '\u0000bigint:';
/** A copy with each bigint as its tagged string: JSON.stringify with a replacer calls it for every key, about twice as slow at 10,000 payslips. */
function tagged(value: unknown): unknown {
  if (typeof value === 'bigint') return `${BIGINT}${value}`;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(tagged);
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = tagged((value as Record<string, unknown>)[key]);
  return out;
}
export const freezeInputs = (inputs: PayInputs) => JSON.stringify(tagged(inputs));
export const thawInputs = (text: string): PayInputs => JSON.parse(text, (_k, v) => (typeof v === 'string' && v.startsWith(BIGINT) ? BigInt(v.slice(BIGINT.length)) : v));

export interface PaidPerson {
  person: { id: string; name: string; employeeNo: string; rank: RankEnum | null; position: Position; baseSalaryFen: bigint };
  /** The days of the month the person was employed (hire and leave dates; a transfer does not cut them). */
  from: string;
  to: string;
  /** When the base salary changed within those days (a raise paid from the 16th): each span's base, in day order. */
  baseSpans?: { from: string; to: string; baseSalaryFen: bigint }[];
}

/**
 * A date column's day (YYYY-MM-DD, UTC) as text, on both databases: SQLite
 * keeps the ISO 8601 text Prisma wrote, PostgreSQL's timestamp prints as
 * `2026-03-01 00:00:00`. Text, so that the read needs no date conversion.
 */
const dayOf = (column: string) => Prisma.raw(`substr(CAST(${column} AS TEXT), 1, 10)`);

/** Reads through Prisma in `tx`, for a caller without a faster way (direct-read.ts transactionReads). */
const throughPrisma = (tx: Tx): ReadRows => (query) => tx.$queryRaw(query);

/**
 * The people with an assignment in the scope's subtree during the month, as
 * SQL (a set the queries below join): one pass over assignments and units.
 * Prisma's relation filters compiled to correlated subqueries that grew
 * faster than the organisation (2.8 s for peoplePaid at 100,000 people).
 */
function scopePeople(scope: { path: string }, start: Date, endExclusive: Date) {
  return Prisma.sql`SELECT a."personId" FROM "Assignment" a JOIN "OrgUnit" u ON u."id" = a."unitId"
    WHERE a."validFrom" < ${endExclusive} AND (a."validTo" IS NULL OR a."validTo" > ${start}) AND substr(u."path", 1, CAST(${scope.path.length} AS INTEGER)) = ${scope.path}`;
}

/** Rows a read of a run's inputs brings back at a time. */
const PAGE = 2500;

/**
 * Who a run of the scope pays for the month: everyone employed in the month
 * whose last day employed in it they spent in the subtree, for all the days
 * of the month they were employed (a transfer on the 12th from team A to B:
 * B's run pays the whole month, A's does not list them).
 */
export async function peoplePaid(tx: Tx, scope: { path: string }, month: string, read: ReadRows = throughPrisma(tx)): Promise<Map<string, PaidPerson>> {
  const m = monthOf(month);
  const { startDate: start, endExclusive } = m;
  type Row = { aid: string; validFrom: string; validTo: string | null; id: string; name: string; employeeNo: string; rank: RankEnum | null; position: Position; baseSalaryFen: string; hireDate: string; leaveDate: string | null };
  // In pages by assignment id: on SQLite a read blocks the event loop while it runs, and other requests get a turn between pages.
  const assignments: Row[] = [];
  for (let after = ''; ; ) {
    const page = await read<Row>(Prisma.sql`SELECT a."id" AS "aid", ${dayOf('a."validFrom"')} AS "validFrom", ${dayOf('a."validTo"')} AS "validTo", p."id" AS "id", p."name" AS "name", p."employeeNo" AS "employeeNo", p."rank" AS "rank", p."position" AS "position",
           CAST(p."baseSalaryFen" AS TEXT) AS "baseSalaryFen", ${dayOf('p."hireDate"')} AS "hireDate", ${dayOf('p."leaveDate"')} AS "leaveDate"
      FROM "Assignment" a JOIN "OrgUnit" u ON u."id" = a."unitId" JOIN "Person" p ON p."id" = a."personId"
      WHERE a."id" > ${after} AND a."validFrom" < ${endExclusive} AND (a."validTo" IS NULL OR a."validTo" > ${start}) AND substr(u."path", 1, CAST(${scope.path.length} AS INTEGER)) = ${scope.path}
      ORDER BY a."id" LIMIT ${PAGE}`);
    for (const row of page) assignments.push(row);
    if (page.length < PAGE) break;
    after = page.at(-1)!.aid;
    await breathe();
  }
  await breathe();
  const people = new Map<string, PaidPerson>();
  // Moves out of the scope within the month: assignments elsewhere that begin in it, of the scope's people.
  const inScopeSql = Prisma.sql`substr(u."path", 1, CAST(${scope.path.length} AS INTEGER)) = ${scope.path}`;
  const movesOut = await read<{ personId: string; validFrom: string }>(Prisma.sql`
    SELECT a."personId" AS "personId", ${dayOf('a."validFrom"')} AS "validFrom"
      FROM "Assignment" a JOIN "OrgUnit" u ON u."id" = a."unitId"
     WHERE a."validFrom" >= ${start} AND a."validFrom" < ${endExclusive} AND NOT (${inScopeSql})
       AND a."personId" IN (SELECT a2."personId" FROM "Assignment" a2 JOIN "OrgUnit" u ON u."id" = a2."unitId"
                             WHERE a2."validFrom" < ${endExclusive} AND (a2."validTo" IS NULL OR a2."validTo" > ${start}) AND ${inScopeSql})`);
  const movedOutOn = new Map<string, string[]>();
  for (const x of movesOut) movedOutOn.set(x.personId, [...(movedOutOn.get(x.personId) ?? []), x.validFrom]);
  for (const a of assignments) {
    // The days of the month they were employed: a transfer does not shorten them (one payslip pays the whole month).
    const employed = employedSpan(m.start, m.end, a.hireDate, a.leaveDate);
    if (!employed) continue;
    const { from, to } = employed;
    // Paid by the run of the unit they were in last in the month: moved out of the scope (to a unit elsewhere,
    // on or before their last day employed, after this assignment began), another unit's run pays them instead.
    if ((movedOutOn.get(a.id) ?? []).some((day) => day > a.validFrom && day <= to)) continue;
    const prev = people.get(a.id);
    if (!prev) people.set(a.id, { person: { id: a.id, name: a.name, employeeNo: a.employeeNo, rank: a.rank, position: a.position, baseSalaryFen: BigInt(a.baseSalaryFen) }, from, to });
  }
  // Rank and base salary as they stood on each person's last day paid in the month: a promotion or a
  // new base salary taking effect later (decided since) is not this month's (roster/pay-terms.ts).
  // All the changes of those with one taking effect after the month began: which of them to undo depends on the order they were made in.
  const changes = await read<{ personId: string; term: PayTerm; before: string | null; effectiveFrom: string }>(Prisma.sql`
    SELECT c."personId" AS "personId", c."term" AS "term", c."before" AS "before", ${dayOf('c."effectiveFrom"')} AS "effectiveFrom"
      FROM "PayTermChange" c WHERE c."personId" IN (SELECT l."personId" FROM "PayTermChange" l WHERE l."effectiveFrom" > ${start}) ORDER BY c."createdAt", c."id"`);
  const changesOf = new Map<string, TermChange[]>();
  for (const [made, c] of changes.entries()) {
    if (!people.has(c.personId)) continue;
    const list = changesOf.get(c.personId) ?? [];
    list.push({ ...c, made });
    changesOf.set(c.personId, list);
  }
  for (const [id, list] of changesOf) {
    const paid = people.get(id)!;
    const newest = paid.person;
    paid.person = { ...paid.person, ...termsOn(newest, list, paid.to) };
    const spans = baseSpans(newest, list, paid.from, paid.to);
    if (spans) paid.baseSpans = spans;
  }
  return people;
}

/**
 * The spans of the days employed between changes of base salary taking
 * effect inside them, each with the base then; null when it did not change.
 */
export function baseSpans(newest: PayTerms, changes: readonly TermChange[], from: string, to: string): { from: string; to: string; baseSalaryFen: bigint }[] | null {
  const starts = [...new Set(changes.filter((c) => c.term === 'BASE_SALARY' && c.effectiveFrom > from && c.effectiveFrom <= to).map((c) => c.effectiveFrom))].sort();
  if (!starts.length) return null;
  const spans = [from, ...starts].map((start, i) => ({ from: start, to: i < starts.length ? addDays(starts[i]!, -1) : to, baseSalaryFen: termsOn(newest, changes, start).baseSalaryFen }));
  // Consecutive spans at the same base are one (a change and its undoing inside the month).
  const merged: typeof spans = [];
  for (const x of spans) {
    const last = merged.at(-1);
    if (last && last.baseSalaryFen === x.baseSalaryFen) last.to = x.to;
    else merged.push({ ...x });
  }
  return merged.length > 1 ? merged : null;
}

/** `paid` is peoplePaid's answer when the caller has it already. */
export async function gatherInputs(tx: Tx, scope: { path: string }, month: string, paid?: Map<string, PaidPerson>, read: ReadRows = throughPrisma(tx)): Promise<PersonInputs[]> {
  const m = monthOf(month);
  const { startDate: start, endExclusive } = m;
  const people = paid ?? (await peoplePaid(tx, scope, month, read));
  // People are selected by relation (in the scope during the month), never by
  // a list of ids: a run of 10,000 people would exceed the databases' limits
  // on bound parameters.
  const inScope: Prisma.PersonWhereInput = { assignments: { some: { validFrom: { lt: endExclusive }, OR: [{ validTo: null }, { validTo: { gt: start } }], unit: { path: { startsWith: scope.path } } } } };
  const inScopeSql = scopePeople(scope, start, endExclusive);
  // On SQLite every read blocks the event loop while it runs: other requests get a turn between them (issue 12 §2).
  // Everyone with a mentor (trainees are few), kept when the mentor is paid: cheaper than matching mentors to the scope in SQL.
  // The mentor is the one they had on the month's last day: a change of mentor taking effect later is undone (roster/pay-terms.ts).
  const mentorChanges = await read<{ personId: string; before: string | null; effectiveFrom: string }>(Prisma.sql`
    SELECT c."personId" AS "personId", c."before" AS "before", ${dayOf('c."effectiveFrom"')} AS "effectiveFrom"
      FROM "PayTermChange" c
     WHERE c."term" = 'MENTOR' AND c."personId" IN (SELECT l."personId" FROM "PayTermChange" l WHERE l."term" = 'MENTOR' AND l."effectiveFrom" >= ${endExclusive})
     ORDER BY c."createdAt", c."id"`);
  const mentorChangesOf = groupBy(
    mentorChanges.map((c, made) => ({ ...c, term: 'MENTOR' as const, made })),
    (c) => c.personId,
  );
  const mentees = (
    await read<{ id: string; name: string; mentorId: string | null }>(Prisma.sql`
    SELECT m."id" AS "id", m."name" AS "name", m."mentorId" AS "mentorId" FROM "Person" m
     WHERE m."mentorId" IS NOT NULL OR m."id" IN (SELECT c."personId" FROM "PayTermChange" c WHERE c."term" = 'MENTOR' AND c."effectiveFrom" >= ${endExclusive})`)
  )
    .map((x) => ({ ...x, mentorId: mentorOn(x.mentorId, mentorChangesOf.get(x.id) ?? [], m.end) }))
    .filter((x): x is { id: string; name: string; mentorId: string } => !!x.mentorId && people.has(x.mentorId));
  await breathe();
  const calendar = await payrollCalendar(tx, month);
  // The month's sales of the scope's people and their trainees, summed by person and day in SQL,
  // in one statement: finding who is in the scope (and whose mentor is) costs more than the sales
  // themselves, so a week at a time did it five times over (5.2 s at 100,000 people, against 2.4).
  // As a job (the pane's Calculate) it runs in the job thread, where this long read holds up nobody's requests.
  type DaySales = { personId: string; day: string; amount: string; units: string; collected: string; margin: string };
  const sales = await read<DaySales>(Prisma.sql`
      SELECT s."personId" AS "personId", substr(CAST(s."date" AS TEXT), 9, 2) AS "day", CAST(SUM(s."amountFen") AS TEXT) AS "amount", CAST(SUM(s."units") AS TEXT) AS "units",
             CAST(SUM(s."collectedFen") AS TEXT) AS "collected", CAST(SUM(s."marginFen") AS TEXT) AS "margin"
      FROM "SalesRecord" s
      WHERE s."date" >= ${start} AND s."date" < ${endExclusive}
        AND (s."personId" IN (${inScopeSql}) OR s."personId" IN (SELECT m."id" FROM "Person" m WHERE m."mentorId" IN (${inScopeSql}))
             OR s."personId" IN (SELECT c."personId" FROM "PayTermChange" c WHERE c."term" = 'MENTOR' AND c."effectiveFrom" >= ${endExclusive}))
      GROUP BY s."personId", substr(CAST(s."date" AS TEXT), 9, 2)`);
  await breathe();
  const attendance = await tx.attendanceDay.findMany({ where: { date: { gte: start, lt: endExclusive }, person: inScope }, select: { personId: true, status: true, date: true } });
  await breathe();
  const adjustments = await tx.payAdjustment.findMany({
    where: { month, person: inScope },
    orderBy: { createdAt: 'asc' },
    include: { rankingProposal: { select: { kind: true, place: true, ranked: true, snapshot: { select: { unitId: true, periodKey: true, basis: true, metric: true, version: true } } } } },
  });
  await breathe();
  const resolve = await planResolver(tx, dayToDate(m.end));
  await breathe();
  const days = Number(m.end.slice(8));
  // The month's total is kept as the days are added: a person's is read again as a trainee's.
  const salesOf = new Map<string, { daily: bigint[]; total: bigint; units: bigint; collections: bigint; margin: bigint }>();
  for (const s of sales) {
    const e = salesOf.get(s.personId) ?? { daily: Array.from({ length: days }, () => 0n), total: 0n, units: 0n, collections: 0n, margin: 0n };
    const d = Number(s.day) - 1;
    const amount = BigInt(s.amount);
    e.daily[d] = e.daily[d]! + amount;
    e.total += amount;
    e.units += BigInt(s.units);
    e.collections += BigInt(s.collected);
    e.margin += BigInt(s.margin);
    salesOf.set(s.personId, e);
  }
  await breathe();
  const approvedLeave = await approvedLeaveDays(tx, { person: inScope }, m.start, m.end);
  // Only working days count: an absence recorded on a public holiday or a weekend costs no day's pay.
  const { working: workingAttendance } = byWorkingDay(calendar, attendance);
  const summaries = summarise(workingAttendance, approvedLeave);
  // Field-visit days no approved visit slip covers (issue 11 §4): paid as the plan says (absence by default), named in the explanation.
  const slips = workingAttendance.some((a) => a.status === 'FIELD_VISIT') ? await coveringSlips(tx, inScope, m.start, m.end) : [];
  const visits = fieldVisitDays(workingAttendance, slips);
  // The days behind absentDays, by person, for the explanation: recorded absent, and leave no approved request covered.
  const absentOn = new Map<string, string[]>();
  const unrequestedOn = new Map<string, string[]>();
  for (const a of workingAttendance) {
    const day = dateToDay(a.date);
    const leave = a.status === 'PERSONAL_LEAVE' || a.status === 'SICK_LEAVE';
    const list = a.status === 'ABSENT' ? absentOn : leave && !approvedLeave.has(`${a.personId}|${day}|${a.status}`) ? unrequestedOn : null;
    if (list) list.set(a.personId, [...(list.get(a.personId) ?? []), day]);
  }
  const unslippedOf = groupBy(visits.unslipped, (f) => f.personId);
  const slippedOf = groupBy(visits.slipped, (f) => f.personId);
  const adjustmentsOf = groupBy(adjustments, (a) => a.personId);
  // Adjustments approved from a published ranking are explained by it (the unit's name as it is now).
  const rankedUnitIds = [...new Set(adjustments.flatMap((a) => (a.rankingProposal ? [a.rankingProposal.snapshot.unitId] : [])))];
  const rankedUnits = new Map(rankedUnitIds.length ? (await tx.orgUnit.findMany({ where: { id: { in: rankedUnitIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]) : []);
  const rankingOf = (a: (typeof adjustments)[number]): RankingFacts | undefined => {
    const r = a.rankingProposal;
    if (!r) return undefined;
    return { kind: r.kind, unit: rankedUnits.get(r.snapshot.unitId) ?? '', period: r.snapshot.periodKey, place: r.place, ranked: r.ranked, basis: r.snapshot.basis as RankingFacts['basis'], metric: r.snapshot.metric, version: r.snapshot.version };
  };
  const menteesOf = groupBy(mentees, (x) => x.mentorId!);
  const total = (id: string) => salesOf.get(id)?.total ?? 0n;
  const monthCount = countWorkingDays(calendar, m.start, m.end);
  // The month's calendar is frozen with each payslip: a later edit never changes a calculated run.
  const frozenCalendar = { name: calendar.name, weekdays: monthCount.weekdays, holidays: monthCount.holidays, makeupDays: monthCount.makeupDays };
  // Most people are employed the whole month: count each span of days once, not once a person.
  const spans = new Map<string, number>();
  const workingDaysIn = (from: string, to: string) => {
    const key = `${from}|${to}`;
    let count = spans.get(key);
    if (count === undefined) spans.set(key, (count = countWorkingDays(calendar, from, to).count));
    return count;
  };
  const missing: { personId: string; name: string; employeeNo: string; rank: string | null; position: string }[] = [];
  const out: PersonInputs[] = [];
  let index = 0;
  for (const [id, { person: p, from, to, baseSpans: spansOfBase }] of [...people].sort(([, a], [, b]) => (a.person.employeeNo < b.person.employeeNo ? -1 : 1))) {
    if (++index % 1000 === 0) await breathe();
    const plan = resolve({ id, rank: p.rank, position: p.position });
    if (!plan) {
      missing.push({ personId: id, name: p.name, employeeNo: p.employeeNo, rank: p.rank ?? null, position: p.position });
      continue;
    }
    const s = salesOf.get(id);
    const att = summaries.get(id);
    out.push({
      personId: id,
      employeeNo: p.employeeNo,
      plan,
      inputs: {
        month,
        workingDays: monthCount.count,
        workingDaysEmployed: workingDaysIn(from, to),
        ...(from > m.start || to < m.end ? { employed: { from, to } } : {}),
        ...(spansOfBase ? { baseSpans: spansOfBase.map((x) => ({ ...x, workingDays: workingDaysIn(x.from, x.to) })) } : {}),
        calendar: frozenCalendar,
        person: { name: p.name, rank: p.rank as Rank | null, baseSalaryFen: p.baseSalaryFen },
        measures: { sales: total(id), units: s?.units ?? 0n, collections: s?.collections ?? 0n, margin: s?.margin ?? 0n },
        dailySalesFen: s?.daily ?? Array.from({ length: days }, () => 0n),
        trainees: (menteesOf.get(id) ?? []).map((x) => ({ name: x.name, salesFen: total(x.id) })),
        // Leave without an approved request made beforehand counts as absence.
        attendance: {
          lates: att?.late ?? 0,
          absentDays: (att?.absent ?? 0) + (att?.unrequestedLeave ?? 0),
          personalLeaveDays: att?.personalLeave ?? 0,
          unslippedFieldVisitDays: (unslippedOf.get(id) ?? []).map((f) => f.day),
          ...(slippedOf.has(id) ? { slippedFieldVisitDays: slippedOf.get(id)!.map((f) => f.day) } : {}),
          ...(absentOn.has(id) ? { absentDates: absentOn.get(id)!.sort() } : {}),
          ...(unrequestedOn.has(id) ? { leaveWithoutRequestDates: unrequestedOn.get(id)!.sort() } : {}),
        },
        adjustments: (adjustmentsOf.get(id) ?? []).map((a) => {
          const ranking = rankingOf(a);
          return { amountFen: a.amountFen, reason: a.reason, approvedBy: a.approvedBy, ...(ranking ? { ranking } : {}) };
        }),
      },
    });
  }
  if (missing.length) {
    // The params name people by name and employee number only (data in any language); each one's rank and position go in `people`, as codes.
    const listed = listedNames(missing.map((m) => `${m.name} (${m.employeeNo})`));
    const detail = missing.slice(0, NAMES_LISTED).map((m) => `${m.name} (${m.employeeNo}, ${m.rank ?? 'no rank'}, ${m.position})`).join('; ');
    throw clientError('BAD_USER_INPUT', `No compensation plan applies to ${missing.length} person(s): ${detail}${listed.others ? ` and ${listed.others} other(s)` : ''}. Assign a plan first.`, {
      field: 'plans',
      reason: 'NO_PLAN_APPLIES',
      params: { count: missing.length, ...listed },
      people: missing.slice(0, 200),
    });
  }
  return out;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
