/**
 * A payroll month key ("2026-03") as its days, or BAD_USER_INPUT naming the
 * field: the one place payroll turns a month key into dates.
 */
import { addDays, dayToDate } from '../../schema/dates.ts';
import { period, type Period } from '../../schema/periods.ts';
import { badInput } from '../errors.ts';

export interface Month extends Period {
  /** 00:00 UTC of the first day. */
  startDate: Date;
  /** 00:00 UTC of the day after the last (an exclusive bound). */
  endExclusive: Date;
}

export function month(key: string): Month {
  let p: Period | undefined;
  try {
    p = period(key);
  } catch {
    /* reported below */
  }
  if (!p || p.level !== 'month') throw badInput(['month'], `"${key}" is not a month (YYYY-MM)`, 'NOT_A_MONTH', { value: key });
  return { ...p, startDate: dayToDate(p.start), endExclusive: dayToDate(addDays(p.end, 1)) };
}
