/**
 * A person's rank and base salary over time (brief §1: payroll for a month
 * uses the roster as it stood then). Person.rank and Person.baseSalaryFen
 * hold the newest values; each change is kept with the day it takes effect
 * (PayTermChange), so a month before it is paid at the value it replaced.
 */
import type { Prisma } from '../db/client.ts';
import type { Context } from '../context.ts';
import type { PayTerm, Rank } from '../db/generated/sqlite/client/enums.ts';
import { dayToDate, type IsoDay } from '../../schema/dates.ts';

type Tx = Prisma.TransactionClient;

/** Keeps a change of rank or base salary, in force from `effectiveFrom`; nothing when the value is the same. */
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
 * The terms in force on `day` given the newest ones and the person's changes
 * (any order): a change taking effect after that day is undone, back to
 * what the earliest such change replaced.
 */
export function termsOn(newest: PayTerms, changes: readonly TermChange[], day: IsoDay): PayTerms {
  const later = changes
    .filter((c) => c.effectiveFrom > day)
    .sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? a.made - b.made : a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const rank = later.find((c) => c.term === 'RANK');
  const base = later.find((c) => c.term === 'BASE_SALARY');
  return {
    rank: rank ? (rank.before as Rank | null) : newest.rank,
    baseSalaryFen: base ? BigInt(base.before ?? '0') : newest.baseSalaryFen,
  };
}
