/**
 * Who was a trainee's mentor in a month: the mentor they had on its last day
 * (brief §1: pay for a month uses the roster as it stood then), from the
 * newest mentor and the changes of mentor taking effect since (PayTermChange,
 * roster/pay-terms.ts). A trainee's sales count on that mentor's payslip.
 */
import type { Prisma } from '../db/client.ts';
import type { IsoDay } from '../../schema/dates.ts';
import { MENTOR_HISTORY, mentorOfOn } from './pay-terms.ts';
import { month as monthOf } from '../payroll/month.ts';

type Db = Pick<Prisma.TransactionClient, 'person'>;
export interface Mentor {
  id: string;
  employeeNo: string;
}

const monthEnd = (day: IsoDay): IsoDay => monthOf(day.slice(0, 7)).end;

/** Reads the mentors of these people (a few hundred a statement) and answers, for a person and a day, their mentor in that day's month. */
export async function mentorsInMonths(db: Db, wanted: readonly { personId: string }[]): Promise<(personId: string, day: IsoDay) => Mentor | null> {
  const ids = [...new Set(wanted.map((w) => w.personId))];
  const people = new Map<string, Parameters<typeof mentorOfOn>[0]>();
  for (let i = 0; i < ids.length; i += 400) {
    const rows = await db.person.findMany({
      where: { id: { in: ids.slice(i, i + 400) }, OR: [{ mentorId: { not: null } }, { payTermChanges: { some: { term: 'MENTOR' } } }] },
      select: { id: true, ...MENTOR_HISTORY },
    });
    for (const p of rows) people.set(p.id, p);
  }
  const mentorIds = [...new Set([...people.values()].flatMap((p) => [p.mentorId, ...p.payTermChanges.map((c) => c.before)]).filter((m): m is string => !!m))];
  const numberOf = new Map<string, string>();
  for (let i = 0; i < mentorIds.length; i += 400) {
    for (const m of await db.person.findMany({ where: { id: { in: mentorIds.slice(i, i + 400) } }, select: { id: true, employeeNo: true } })) numberOf.set(m.id, m.employeeNo);
  }
  return (personId, day) => {
    const p = people.get(personId);
    const id = p ? mentorOfOn(p, monthEnd(day)) : null;
    return id && numberOf.has(id) ? { id, employeeNo: numberOf.get(id)! } : null;
  };
}
