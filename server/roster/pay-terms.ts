/**
 * A person's rank, base salary and mentor over time (brief §1: payroll for a
 * month uses the roster as it stood then). Person.rank, Person.baseSalaryFen
 * and Person.mentorId hold the newest values; each change is kept with the
 * day it takes effect (PayTermChange), so a month before it is paid at the
 * value it replaced.
 */
import type { Prisma } from '../db/client.ts';
import type { Context } from '../context.ts';
import type { PayTerm, Rank } from '../db/generated/sqlite/client/enums.ts';
import { dateToDay, dayToDate, type IsoDay } from '../../schema/dates.ts';

type Tx = Prisma.TransactionClient;

/** Keeps a change of rank, base salary or mentor, in force from `effectiveFrom`; nothing when the value is the same. */
export async function recordPayTermChange(tx: Tx, ctx: Pick<Context, 'clock'>, personId: string, term: PayTerm, before: string | null, after: string | null, effectiveFrom: IsoDay): Promise<void> {
  if (before === after) return;
  await tx.payTermChange.create({ data: { personId, term, before, after, effectiveFrom: dayToDate(effectiveFrom), createdAt: ctx.clock.now() } });
}

export interface PayTerms {
  rank: Rank | null;
  baseSalaryFen: bigint;
}

export interface TermChange {
  personId: string;
  term: PayTerm;
  before: string | null;
  /** The day it takes effect. */
  effectiveFrom: IsoDay;
  /** The order the changes were made in (their creation time, or its rank). */
  made: number;
}

/**
 * The terms in force on `day` given the newest ones and all the person's
 * changes (any order): the changes taking effect after that day, made since
 * the last one taking effect by it, are undone.
 */
export function termsOn(newest: PayTerms, changes: readonly TermChange[], day: IsoDay): PayTerms {
  const rank = replacedAfter(changes, 'RANK', day);
  const base = replacedAfter(changes, 'BASE_SALARY', day);
  return {
    rank: rank ? (rank.before as Rank | null) : newest.rank,
    baseSalaryFen: base ? BigInt(base.before ?? '0') : newest.baseSalaryFen,
  };
}

/** The person's mentor on `day`: the newest one, unless a change of mentor takes effect after it. */
export function mentorOn(newest: string | null, changes: readonly TermChange[], day: IsoDay): string | null {
  const mentor = replacedAfter(changes, 'MENTOR', day);
  return mentor ? mentor.before : newest;
}

/** A stored change (a PayTermChange row) as the rules here take it: its day as an ISO day, the order it was made in by its creation time. */
export const termChangeOf = (personId: string, c: { term: PayTerm; before: string | null; effectiveFrom: Date; createdAt: Date }): TermChange => ({
  personId,
  term: c.term,
  before: c.before,
  effectiveFrom: dateToDay(c.effectiveFrom),
  made: c.createdAt.getTime(),
});

/** What to select of a person to know their mentor on any day: the newest one and the changes of mentor. */
export const MENTOR_HISTORY = { mentorId: true, payTermChanges: { where: { term: 'MENTOR' as const }, select: { before: true, effectiveFrom: true, createdAt: true } } };

/** A person's mentor on `day`, from what MENTOR_HISTORY selects. */
export function mentorOfOn(p: { id: string; mentorId: string | null; payTermChanges: { before: string | null; effectiveFrom: Date; createdAt: Date }[] }, day: IsoDay): string | null {
  return mentorOn(p.mentorId, p.payTermChanges.map((c) => termChangeOf(p.id, { ...c, term: 'MENTOR' })), day);
}

/**
 * The change of `term` whose replaced value stood on `day`, if any: each
 * change sets the value from its day on, so the value on `day` is the one
 * the last change made taking effect on or before it set. Undone, newest
 * first, are the changes made since that one (all taking effect after
 * `day`); the earliest of them replaced the value of `day`. A change dated
 * back after a later-dated one overrides it (the newest value is the one
 * made last), so `changes` must hold all of the person's changes of `term`.
 */
function replacedAfter(changes: readonly TermChange[], term: PayTerm, day: IsoDay): TermChange | undefined {
  const made = changes.filter((c) => c.term === term).sort((a, b) => a.made - b.made || (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  let undone: TermChange | undefined;
  for (let i = made.length - 1; i >= 0 && made[i]!.effectiveFrom > day; i--) undone = made[i];
  return undone;
}
